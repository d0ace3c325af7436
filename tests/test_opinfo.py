"""PyTorch's OpInfo database run against the library (see tests/opinfo/harness.py).

Each op's samples go through its function, method and in-place forms, contiguous and not, and are
compared with torch on values, dtypes, shapes, first and second-order gradients and raised errors.
``tests/opinfo/known_failures.json`` lists what still differs; a finding not listed fails the test,
and so does a listed one that no longer occurs (regenerate: ``python -m tests.opinfo.report --update``).
"""
import functools
import json

import pytest

pytest.importorskip("torch")
pytest.importorskip("expecttest")   # torch.testing._internal needs it

from tests.opinfo.harness import KNOWN_FILE  # noqa: E402

with open(KNOWN_FILE) as fh:
    _MANIFEST = json.load(fh)


@functools.lru_cache(maxsize=None)
def _ops():
    from tests.opinfo.harness import op_database, op_id
    return {op_id(op): op for op in op_database()}


@pytest.mark.parametrize("name", _MANIFEST["ops"])
def test_op_matches_torch(name):
    from tests.opinfo.harness import check_op
    op = _ops().get(name)
    if op is None:
        pytest.skip(f"{name} is not in this torch's OpInfo database")
    found = check_op(op)
    known = set(_MANIFEST["known"].get(name, ()))
    new = [str(f) for f in found if f.key not in known]
    assert not new, f"{len(new)} new difference(s) from torch:\n" + "\n".join(new[:20])
    gone = known - {f.key for f in found}
    assert not gone, ("fixed (remove from tests/opinfo/known_failures.json, or run "
                      "`python -m tests.opinfo.report --update`):\n" + "\n".join(sorted(gone)[:20]))
