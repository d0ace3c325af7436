"""Conformance: each program under ``programs/`` prints the same under torch and under autograd.

Every program is a plain PyTorch script (run it with ``python`` to see torch's output); the harness
substitutes its imports (see ``harness.py``) and compares stdout and the final exception type.
Known gaps are listed in ``XFAIL`` (and written up in tests/conformance/GAPS.md).
"""
import pathlib

import pytest

pytest.importorskip("torch", reason="PyTorch (the test oracle) is not installed")

from harness import compare, parse_programs, run_both  # noqa: E402

HERE = pathlib.Path(__file__).parent
PROGRAMS = [p for f in sorted((HERE / "programs").glob("*.py"))
            for p in parse_programs(f.read_text(), f.stem)]

# name -> reason; "name:mode" to mark one substitution mode only
XFAIL = {}


def _params():
    for p in PROGRAMS:
        for mode in p.modes:
            reason = XFAIL.get(f"{p.name}:{mode}") or XFAIL.get(p.name)
            marks = [pytest.mark.xfail(reason=reason, strict=False)] if reason else []
            yield pytest.param(p, mode, id=f"{p.file}.{p.name}-{mode}", marks=marks)


def test_program_names_unique():
    names = [p.name for p in PROGRAMS]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)


@pytest.mark.parametrize("program,mode", list(_params()))
def test_program(program, mode):
    theirs, ours = run_both(program, mode)
    assert theirs.error is None or program.name.startswith("err_"), \
        f"the torch run itself failed: {theirs.error}: {theirs.message}\n{theirs.traceback}"
    problem = compare(program, theirs, ours)
    assert problem is None, problem
