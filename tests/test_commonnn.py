"""PyTorch's legacy NN test dictionaries (``common_nn``'s module_tests, get_new_module_tests() and
criterion_tests) run against ``nn`` (see tests/commonnn/harness.py).

Each test's module is built in both libraries from the same arguments (torch's constructor lambdas and
``wrap_functional`` modules rebound to ours), torch's weights are loaded into ours, and forward values,
gradients (first and second order), non-contiguous inputs, pickling, the int64 forward and raised errors
are compared with torch. ``tests/commonnn/known_failures.json`` lists what still differs; a finding not listed
fails the test, and so does a listed one that no longer occurs (regenerate:
``python -m tests.commonnn.report --update``).
"""
import pytest

pytest.importorskip("torch")
pytest.importorskip("expecttest")   # torch.testing._internal needs it

from tests.commonnn.harness import DATABASE  # noqa: E402
from tests.torch_databases import conformance_test  # noqa: E402

test_nn_dict_matches_torch = conformance_test(DATABASE)
