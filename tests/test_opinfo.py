"""PyTorch's OpInfo database run against the library (see tests/opinfo/harness.py).

Each op's samples go through its function, method and in-place forms, contiguous and not, and are
compared with torch on values, dtypes, shapes, first and second-order gradients and raised errors.
``tests/opinfo/known_failures.json`` lists what still differs; a finding not listed fails the test, and so
does a listed one that no longer occurs (regenerate: ``python -m tests.opinfo.report --update``).
"""
import pytest

pytest.importorskip("torch")
pytest.importorskip("expecttest")   # torch.testing._internal needs it

from tests.opinfo.harness import DATABASE  # noqa: E402
from tests.torch_databases import conformance_test  # noqa: E402

test_op_matches_torch = conformance_test(DATABASE)
