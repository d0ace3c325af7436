"""Unit checks for names added with tests/conformance/programs/missing_api.py that the conformance harness
can't run cheaply (torch.cond / while_loop go through torch.compile there: ~20 s per call)."""
import numpy as np
import pytest

import autograd
import nn
from autograd._dtype import promote_types


def test_cond_picks_branch_and_keeps_grad():
    x = autograd.tensor([1.0, 2.0], requires_grad=True)
    y = autograd.cond(x.sum() > 0, lambda a: a * 2, lambda a: a - 1, (x,))
    assert y.tolist() == [2.0, 4.0]
    y.sum().backward()
    assert x.grad.tolist() == [2.0, 2.0]
    assert autograd.cond(False, lambda a: a * 2, lambda a: a - 1, (x,)).tolist() == [0.0, 1.0]
    with pytest.raises(RuntimeError):
        autograd.cond(autograd.tensor([True, False]), lambda a: a, lambda a: a, (x,))


def test_while_loop_returns_final_carry():
    i, a = autograd.while_loop(lambda i, a: i < 3, lambda i, a: (i + 1, a * 2),
                               (autograd.tensor(0), autograd.tensor([1.0, 2.0])))
    assert i.item() == 3 and a.tolist() == [8.0, 16.0]


def test_copy_variants_do_not_alias():
    x = autograd.arange(6.0).view(2, 3)
    y = autograd.transpose_copy(x, 0, 1)
    y[0, 0] = 100.0
    assert x[0, 0].item() == 0.0 and y.is_contiguous()


def test_uint_shell_types_promote_only_with_floats():
    assert promote_types(autograd.uint32, autograd.float64) is autograd.float64
    assert promote_types(autograd.uint16, autograd.uint16) is autograd.uint16
    with pytest.raises(RuntimeError, match="Promotion for uint16, uint32, uint64"):
        promote_types(autograd.uint64, autograd.int64)
    assert autograd.from_numpy(np.array([1], dtype=np.uint64)).dtype is autograd.uint64


def test_data_parallel_state_dict_prefix():
    m = nn.DataParallel(nn.Linear(2, 2))
    assert list(m.state_dict()) == ["module.weight", "module.bias"]
    x = autograd.ones(1, 2)
    assert autograd.equal(m(x), m.module(x))
