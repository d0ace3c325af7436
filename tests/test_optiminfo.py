"""PyTorch's OptimizerInfo database run against ``optim`` (see tests/optiminfo/harness.py).

Each optimizer configuration (and its foreach/fused forms, and its LR schedulers) takes the same steps
on the same parameters in both libraries; parameters, ``state_dict()``, a reload of torch's state and
raised errors are compared with torch.
``tests/optiminfo/known_failures.json`` lists what still differs; a finding not listed fails the test, and so
does a listed one that no longer occurs (regenerate: ``python -m tests.optiminfo.report --update``).
"""
import pytest

pytest.importorskip("torch")
pytest.importorskip("expecttest")   # torch.testing._internal needs it

from tests.optiminfo.harness import DATABASE  # noqa: E402
from tests.torch_databases import conformance_test  # noqa: E402

test_optimizer_matches_torch = conformance_test(DATABASE)
