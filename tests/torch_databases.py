"""What the three sweeps of torch's own test databases share (OpInfo ops, ModuleInfo modules, OptimizerInfo
optimizers): the report that prints and records findings, and the test's check against the recorded list.

Each sweep is a ``Database``: its entries, an id per entry, a ``check(entry) -> [Finding]`` and the JSON
file of known findings (``{"<plural>": [ids], "known": {id: [finding keys]}}``).
"""
import collections
import json
import re
import time
from dataclasses import dataclass
from typing import Callable


@dataclass
class Database:
    name: str            # "ops", "modules", "optimizers": the JSON's list key
    entries: Callable    # () -> list of torch's info objects
    ident: Callable      # info -> id string
    check: Callable      # info -> list of Finding
    known_file: str
    report_module: str   # for the regenerate hint, e.g. "tests.opinfo.report"

    def manifest(self):
        with open(self.known_file) as fh:
            return json.load(fh)


def error_input_verdict(run, error_type, error_regex):
    """For one of torch's error inputs: None when ``run()`` (our call) raises ``error_type`` with
    ``error_regex`` found in its message, else ``(kind, detail)`` of the finding."""
    try:
        run()
    except Exception as e:
        if not isinstance(e, error_type):
            return "error-type", (f"torch {error_type.__name__} /{error_regex}/; ours {type(e).__name__}: "
                                  f"{str(e)[:120]!r}")
        if error_regex and not re.search(error_regex, str(e)):
            return "error-text", f"/{error_regex}/ not in {str(e)[:160]!r}"
        return None
    return "no-raise", f"torch raises {error_type.__name__} /{error_regex}/"


def refusal_verdict(torch_error, run, stage):
    """torch refused a call (raised ``torch_error``): None when ``run()`` (ours) raises the same exception type,
    else ``(kind, detail)`` of the finding; ``stage`` names the call (construct, forward, step...)."""
    try:
        run()
    except Exception as e:
        if isinstance(e, type(torch_error)):
            return None
        return "error-type", (f"{stage}: torch {type(torch_error).__name__}: {str(torch_error)[:80]!r}; ours "
                              f"{type(e).__name__}: {str(e)[:80]!r}")
    return "no-raise", f"{stage}: torch raised {type(torch_error).__name__}: {str(torch_error)[:100]!r}"


def conformance_test(db):
    """The test function of a sweep's test file: one case per recorded id, each asserting ``assert_conforms``."""
    import functools

    import pytest

    @functools.lru_cache(maxsize=None)
    def by_id():
        return {db.ident(e): e for e in db.entries()}

    @pytest.mark.parametrize("name", db.manifest()[db.name])
    def test_matches_torch(name):
        assert_conforms(db, name, by_id())
    return test_matches_torch


def assert_conforms(db, name, by_id):
    """The test body: ``name``'s findings must be exactly the recorded ones (new ones and fixed ones fail)."""
    import pytest
    info = by_id.get(name)
    if info is None:
        pytest.skip(f"{name} is not in this torch's database")
    found = db.check(info)
    known = set(db.manifest()["known"].get(name, ()))
    new = [str(f) for f in found if f.key not in known]
    assert not new, f"{len(new)} new difference(s) from torch:\n" + "\n".join(new[:20])
    gone = known - {f.key for f in found}
    assert not gone, (f"fixed (remove from {db.known_file}, or run `python -m {db.report_module} --update`):\n"
                      + "\n".join(sorted(gone)[:20]))


def report(db, argv):
    """``python -m tests.<sweep>.report [substring ...] [--update] [--json=FILE]``: every finding, entry by
    entry. An exact id selects just that entry, anything else every id containing it; ``--update`` rewrites
    the known-findings file from a full run."""
    from tests.opinfo.harness import Finding
    only = [a for a in argv if not a.startswith("--")]
    out = next((a.split("=", 1)[1] for a in argv if a.startswith("--json=")), None)
    update = "--update" in argv and not only
    every = db.entries()
    ids = {db.ident(e) for e in every}
    names = {getattr(e, "name", None) for e in every}
    chosen = [e for e in every if not only or any(
        (db.ident(e) == s or getattr(e, "name", None) == s) if (s in ids or s in names) else s in db.ident(e)
        for s in only)]
    kinds, per_entry, keys = collections.Counter(), {}, {}
    t0 = time.perf_counter()
    for entry in chosen:
        ident, t = db.ident(entry), time.perf_counter()
        try:
            found = db.check(entry)
        except Exception as e:   # a harness problem: shown, and the entry counts as failing
            print(f"!! {ident}: harness error {type(e).__name__}: {e}", flush=True)
            found = [Finding(ident, "-", "harness", "", f"{type(e).__name__}: {e}")]
        per_entry[ident] = [str(f) for f in found]
        keys[ident] = sorted({f.key for f in found})
        kinds.update(f.kind for f in found)
        status = "ok" if not found else f"{len(found)} findings"
        print(f"{ident:45s} {status:14s} {time.perf_counter() - t:6.2f}s", flush=True)
        seen = set()
        for f in found:
            key = (f.variant, f.kind, f.detail[:60])
            if key not in seen:
                seen.add(key)
                print("    " + str(f)[:400], flush=True)
    print(f"\n{len(chosen)} {db.name} in {time.perf_counter() - t0:.0f}s; findings by kind: {dict(kinds)}; "
          f"clean: {sum(1 for v in per_entry.values() if not v)}")
    if out:
        with open(out, "w") as fh:
            json.dump(per_entry, fh, indent=1)
    if update:
        with open(db.known_file, "w") as fh:
            json.dump({db.name: sorted(keys), "known": {k: v for k, v in sorted(keys.items()) if v}}, fh, indent=1)
            fh.write("\n")
