"""Print every OpInfo finding, op by op: ``python -m tests.opinfo.report [substring ...]``.

``--update`` rewrites ``known_failures.json`` (the op list and the findings the test suite expects)
from a full run; ``--json=FILE`` saves the findings' full text.
"""
import collections
import json
import sys
import time

from tests.opinfo.harness import KNOWN_FILE, Finding, check_op, op_database, op_id


def main(argv):
    only = [a for a in argv if not a.startswith("--")]
    out = next((a.split("=", 1)[1] for a in argv if a.startswith("--json=")), None)
    update = "--update" in argv and not only
    every = op_database()
    exact = {s for s in only if any(s in (op.name, op_id(op)) for op in every)}  # a full name selects just it
    ops = [op for op in every if not only or any(op_id(op) == s or op.name == s if s in exact else s in op_id(op)
                                                 for s in only)]
    kinds, per_op, keys = collections.Counter(), {}, {}
    t0 = time.perf_counter()
    for op in ops:
        t = time.perf_counter()
        try:
            found = check_op(op)
        except Exception as e:  # a harness problem: shown, and the op counts as failing
            print(f"!! {op_id(op)}: harness error {type(e).__name__}: {e}", flush=True)
            found = [Finding(op.name, "-", "harness", "", f"{type(e).__name__}: {e}")]
        per_op[op_id(op)] = [str(f) for f in found]
        keys[op_id(op)] = sorted({f.key for f in found})
        for f in found:
            kinds[f.kind] += 1
        status = "ok" if not found else f"{len(found)} findings"
        print(f"{op_id(op):45s} {status:14s} {time.perf_counter() - t:6.2f}s", flush=True)
        seen = set()
        for f in found:
            key = (f.variant, f.kind, f.detail[:60])
            if key not in seen:
                seen.add(key)
                print("    " + str(f)[:300], flush=True)
    print(f"\n{len(ops)} ops in {time.perf_counter() - t0:.0f}s; findings by kind: {dict(kinds)}; "
          f"ops clean: {sum(1 for v in per_op.values() if not v)}")
    if out:
        with open(out, "w") as fh:
            json.dump(per_op, fh, indent=1)
    if update:
        with open(KNOWN_FILE, "w") as fh:
            json.dump({"ops": sorted(keys), "known": {k: v for k, v in sorted(keys.items()) if v}}, fh, indent=1)
            fh.write("\n")


if __name__ == "__main__":
    main(sys.argv[1:])
