"""PyTorch's ModuleInfo database run against ``nn`` (see tests/moduleinfo/harness.py).

Each module input is built in both libraries from the same arguments and compared with torch on repr,
state_dict, seeded initial weights, forward values, gradients (first and second order), running
buffers, pickling, non-contiguous and channels_last inputs, ``dtype=`` construction and raised errors.
``tests/moduleinfo/known_failures.json`` lists what still differs; a finding not listed fails the test, and so
does a listed one that no longer occurs (regenerate: ``python -m tests.moduleinfo.report --update``).
"""
import pytest

pytest.importorskip("torch")
pytest.importorskip("expecttest")   # torch.testing._internal needs it

from tests.moduleinfo.harness import DATABASE  # noqa: E402
from tests.torch_databases import conformance_test  # noqa: E402

test_module_matches_torch = conformance_test(DATABASE)
