"""PyTorch's OptimizerInfo database run against ``optim`` (see tests/optiminfo/harness.py).

Each optimizer configuration (and its foreach/fused forms, and its LR schedulers) takes the same steps
on the same parameters in both libraries; parameters, ``state_dict()``, a reload of torch's state and
raised errors are compared with torch.
``tests/optiminfo/known_failures.json`` lists what still differs; a finding not listed fails the test, and so
does a listed one that no longer occurs (regenerate: ``python -m tests.optiminfo.report --update``).
"""
import functools

import pytest

pytest.importorskip("torch")
pytest.importorskip("expecttest")   # torch.testing._internal needs it

from tests.optiminfo.harness import DATABASE  # noqa: E402
from tests.torch_databases import assert_conforms  # noqa: E402


@functools.lru_cache(maxsize=None)
def _by_id():
    return {DATABASE.ident(e): e for e in DATABASE.entries()}


@pytest.mark.parametrize("name", DATABASE.manifest()[DATABASE.name])
def test_optimizer_matches_torch(name):
    assert_conforms(DATABASE, name, _by_id())
