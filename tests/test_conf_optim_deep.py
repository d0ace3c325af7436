"""Unit checks for the optimizer/scheduler fixes found by tests/conformance/programs/optim_deep.py."""
import pytest

import autograd
import nn
import optim
from optim import lr_scheduler as L


def _param():
    return nn.Parameter(autograd.ones(2))


def test_sparse_adam_validates_and_rejects_dense_grads():
    w = _param()
    opt = optim.SparseAdam([w], lr=0.01)
    assert sorted(opt.defaults) == ["betas", "eps", "lr", "maximize"]
    opt.step()  # no grad: nothing to do
    w.grad = autograd.ones(2)
    with pytest.raises(RuntimeError, match="SparseAdam does not support dense gradients"):
        opt.step()
    for kw, msg in [({"lr": 0.0}, "Invalid learning rate: 0.0"), ({"eps": 0.0}, "Invalid epsilon value: 0.0"),
                    ({"betas": (0.9, 1.0)}, "Invalid beta parameter at index 1: 1.0")]:
        with pytest.raises(ValueError, match=msg):
            optim.SparseAdam([w], **kw)


def test_fused_checks_come_first():
    with pytest.raises(RuntimeError, match="`fused` does not support `differentiable`"):
        optim.Adam([_param()], fused=True, differentiable=True)
    with pytest.raises(RuntimeError, match="cannot be `True` together"):
        optim.SGD([_param()], lr=0.1, fused=True, foreach=True)


def test_sgd_lr_compared_as_torch_does():
    with pytest.raises(TypeError, match="'<' not supported"):
        optim.SGD([_param()], lr=None)
    with pytest.raises(ValueError, match="Invalid learning rate: -1"):
        optim.SGD([_param()], lr=-1)


def test_user_optimizer_keeps_python_step_on_load():
    class Counting(optim.Optimizer):
        def __init__(self, params):
            super().__init__(params, {"lr": 0.1})

        def step(self, closure=None):
            for group in self.param_groups:
                for p in group["params"]:
                    self.state[p]["step"] = self.state[p].get("step", 0) + 1

    w = _param()
    opt = Counting([w])
    opt.step()
    opt2 = Counting([w])
    opt2.load_state_dict(opt.state_dict())
    assert opt2.state[w]["step"] == 1 and isinstance(opt2.state[w]["step"], int)
    adam = optim.Adam([w])
    sd = adam.state_dict()
    sd["state"] = {0: {"step": 3, "exp_avg": autograd.zeros(2), "exp_avg_sq": autograd.zeros(2)}}
    adam.load_state_dict(sd)
    assert isinstance(adam.state[w]["step"], autograd.Tensor)


def test_lrscheduler_legacy_name_is_a_subclass():
    assert L._LRScheduler is not L.LRScheduler and issubclass(L._LRScheduler, L.LRScheduler)
    assert L._LRScheduler.__name__ == "_LRScheduler"


def test_lambda_lr_with_a_group_added_later_raises():
    opt = optim.SGD([_param()], lr=1.0)
    s = L.LambdaLR(opt, lambda e: 0.5 ** e)
    opt.add_param_group({"params": [_param()], "lr": 0.3})
    opt.step()
    with pytest.raises(ValueError, match="zip"):
        s.step()
