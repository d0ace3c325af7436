"""Optimizers against torch.optim: every option, 10 steps, float32/float64, state and state_dict."""
import copy
import warnings

import numpy as np
import pytest

from oracle import torch

import autograd
import optim
from autograd import kernels as K
from nn.parameter import Parameter

CASES = [
    ("SGD", {}),
    ("SGD", {"lr": 0.05}),
    ("SGD", {"lr": 0.05, "momentum": 0.9}),
    ("SGD", {"lr": 0.05, "momentum": 0.9, "dampening": 0.3}),
    ("SGD", {"lr": 0.05, "momentum": 0.9, "nesterov": True}),
    ("SGD", {"lr": 0.05, "weight_decay": 0.1}),
    ("SGD", {"lr": 0.05, "momentum": 0.5, "weight_decay": 0.1, "maximize": True}),
    ("Adam", {}),
    ("Adam", {"lr": 0.02, "betas": (0.8, 0.99)}),
    ("Adam", {"lr": 0.02, "eps": 1e-3}),
    ("Adam", {"lr": 0.02, "weight_decay": 0.1}),
    ("Adam", {"lr": 0.02, "amsgrad": True}),
    ("Adam", {"lr": 0.02, "maximize": True, "weight_decay": 0.05}),
    ("Adam", {"lr": 0.02, "weight_decay": 0.1, "decoupled_weight_decay": True}),
    ("AdamW", {}),
    ("AdamW", {"lr": 0.02, "weight_decay": 0.2, "betas": (0.7, 0.95)}),
    ("AdamW", {"lr": 0.02, "amsgrad": True, "eps": 1e-4}),
    ("AdamW", {"lr": 0.02, "maximize": True}),
    ("RMSprop", {}),
    ("RMSprop", {"lr": 0.01, "alpha": 0.9}),
    ("RMSprop", {"lr": 0.01, "eps": 1e-3}),
    ("RMSprop", {"lr": 0.01, "weight_decay": 0.1}),
    ("RMSprop", {"lr": 0.01, "momentum": 0.8}),
    ("RMSprop", {"lr": 0.01, "centered": True}),
    ("RMSprop", {"lr": 0.01, "centered": True, "momentum": 0.5, "maximize": True}),
    ("Adagrad", {}),
    ("Adagrad", {"lr": 0.1, "lr_decay": 0.05}),
    ("Adagrad", {"lr": 0.1, "weight_decay": 0.1}),
    ("Adagrad", {"lr": 0.1, "initial_accumulator_value": 0.5}),
    ("Adagrad", {"lr": 0.1, "eps": 1e-3, "maximize": True}),
]
IDS = [f"{name}-{'-'.join(f'{k}={v}' for k, v in kw.items()) or 'defaults'}" for name, kw in CASES]
TOL = {np.float32: dict(rtol=2e-5, atol=2e-6), np.float64: dict(rtol=1e-11, atol=1e-12)}


def _grad_fn(x):
    """A deterministic, parameter-dependent gradient (the same NumPy code feeds both libraries)."""
    return (np.sin(3 * x) + 0.5 * x - 0.2).astype(x.dtype)


def _init(dtype, seed=0):
    rng = np.random.RandomState(seed)
    return [rng.randn(4, 3).astype(dtype), rng.randn(5).astype(dtype)]


class Pair:
    """The same optimizer setup in both libraries (two param groups, the second with its own lr)."""

    def __init__(self, name, kw, dtype, arrays=None, groups=True):
        arrays = _init(dtype) if arrays is None else arrays
        self.tp = [torch.tensor(a.copy(), requires_grad=True) for a in arrays]
        self.op = [autograd.tensor(a.copy(), requires_grad=True) for a in arrays]
        self.topt = getattr(torch.optim, name)(self._groups(self.tp, kw) if groups else self.tp, **kw)
        self.oopt = getattr(optim, name)(self._groups(self.op, kw) if groups else self.op, **kw)

    @staticmethod
    def _groups(ps, kw):
        return [{"params": [ps[0]]}, {"params": [ps[1]], "lr": kw.get("lr", 0.01) * 0.5}]

    def step(self, n=1):
        for _ in range(n):
            for p in self.tp:
                p.grad = torch.from_numpy(_grad_fn(p.detach().numpy().copy()))
            for p in self.op:
                p.grad = autograd.from_numpy(_grad_fn(p.detach().numpy().copy()))
            self.topt.step()
            self.oopt.step()

    def check(self, dtype):
        for a, b in zip(self.op, self.tp):
            np.testing.assert_allclose(a.detach().numpy(), b.detach().numpy(), **TOL[dtype])


def _assert_state_equal(ours, theirs, dtype):
    assert set(ours) == set(theirs)
    for k in theirs:
        assert set(ours[k]) == set(theirs[k])
        for key, v in theirs[k].items():
            o = ours[k][key]
            assert isinstance(o, autograd.Tensor)
            assert str(o.dtype).split(".")[-1] == str(v.dtype).split(".")[-1], key
            np.testing.assert_allclose(o.numpy(), v.numpy(), **TOL[dtype])


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("name,kw", CASES, ids=IDS)
def test_ten_steps_match_torch(name, kw, dtype):
    pair = Pair(name, kw, dtype)
    pair.step(10)
    pair.check(dtype)
    _assert_state_equal(pair.oopt.state_dict()["state"], pair.topt.state_dict()["state"], dtype)


@pytest.mark.parametrize("name,kw", CASES[::3], ids=IDS[::3])
def test_param_groups_and_repr_match_torch(name, kw):
    pair = Pair(name, kw, np.float32)
    assert repr(pair.oopt) == repr(pair.topt)
    pair.step(2)
    sd_o, sd_t = pair.oopt.state_dict(), pair.topt.state_dict()
    assert sd_o["param_groups"] == sd_t["param_groups"]
    assert list(sd_o["state"]) == list(sd_t["state"])
    assert pair.oopt.defaults == pair.topt.defaults


@pytest.mark.parametrize("name,kw", CASES, ids=IDS)
def test_state_dict_round_trip(name, kw):
    dtype = np.float64
    pair = Pair(name, kw, dtype)
    pair.step(5)
    saved = copy.deepcopy(pair.oopt.state_dict())
    fresh = [autograd.tensor(p.detach().numpy().copy(), requires_grad=True) for p in pair.op]
    opt2 = getattr(optim, name)(Pair._groups(fresh, kw), **kw)
    opt2.load_state_dict(saved)
    assert opt2.state_dict()["param_groups"] == pair.oopt.state_dict()["param_groups"]
    for _ in range(5):
        for p in fresh:
            p.grad = autograd.from_numpy(_grad_fn(p.detach().numpy().copy()))
        opt2.step()
    pair.step(5)
    for a, b in zip(fresh, pair.tp):
        np.testing.assert_allclose(a.detach().numpy(), b.detach().numpy(), **TOL[dtype])


@pytest.mark.parametrize("name,kw", [CASES[4], CASES[11], CASES[16], CASES[24], CASES[27]])
def test_load_torch_state_dict(name, kw):
    """A state_dict saved by torch (tensors converted) continues identically in ours."""
    dtype = np.float32
    pair = Pair(name, kw, dtype)
    pair.step(4)
    sd = pair.topt.state_dict()
    conv = {"state": {k: {n: autograd.from_numpy(v.detach().numpy().copy()) for n, v in s.items()}
                      for k, s in sd["state"].items()},
            "param_groups": copy.deepcopy(sd["param_groups"])}
    pair.oopt.load_state_dict(conv)
    for p, q in zip(pair.op, pair.tp):
        p.data = autograd.from_numpy(q.detach().numpy().copy())
    pair.step(6)
    pair.check(dtype)


def test_load_state_dict_casts_to_param_dtype_and_keeps_step():
    p = autograd.randn(3, dtype=autograd.float64, requires_grad=True)
    p.grad = autograd.ones(3, dtype=autograd.float64)
    opt = optim.Adam([p])
    opt.step()
    sd = copy.deepcopy(opt.state_dict())
    sd["state"][0]["exp_avg"] = sd["state"][0]["exp_avg"].float()
    opt.load_state_dict(sd)
    assert opt.state[p]["exp_avg"].dtype == autograd.float64
    assert opt.state[p]["step"].dtype == autograd.float32
    assert opt.state[p]["step"].item() == 1


def test_load_state_dict_validates_groups():
    a, b = autograd.zeros(2, requires_grad=True), autograd.zeros(3, requires_grad=True)
    opt = optim.SGD([a, b], lr=0.1)
    other = optim.SGD([{"params": [a]}, {"params": [b]}], lr=0.1)
    with pytest.raises(ValueError, match="different number of parameter groups"):
        opt.load_state_dict(other.state_dict())
    small = optim.SGD([a], lr=0.1)
    with pytest.raises(ValueError, match="doesn't match the size of optimizer's group"):
        opt.load_state_dict(small.state_dict())


def test_state_dict_ids_with_shared_param_numbering():
    ps = [autograd.zeros(2, requires_grad=True) for _ in range(3)]
    opt = optim.SGD([{"params": ps[:1]}, {"params": ps[1:], "lr": 0.5}], lr=0.1, momentum=0.9)
    sd = opt.state_dict()
    assert [g["params"] for g in sd["param_groups"]] == [[0], [1, 2]]
    assert sd["state"] == {}
    for p in ps:
        p.grad = autograd.ones(2)
    opt.step()
    assert sorted(opt.state_dict()["state"]) == [0, 1, 2]
    assert set(opt.state_dict()["state"][0]) == {"momentum_buffer"}


def test_named_params_are_stored_as_param_names():
    a = autograd.zeros(2, requires_grad=True)
    topt = torch.optim.SGD([("w", torch.zeros(2, requires_grad=True))], lr=0.1)
    opt = optim.SGD([("w", a)], lr=0.1)
    assert opt.state_dict()["param_groups"] == topt.state_dict()["param_groups"]
    assert opt.param_groups[0]["params"][0] is a


def test_zero_grad_semantics():
    p = autograd.ones(3, requires_grad=True)
    opt = optim.SGD([p], lr=0.1)
    (p * 2).sum().backward()
    opt.zero_grad()
    assert p.grad is None
    (p * 2).sum().backward()
    g = p.grad
    opt.zero_grad(set_to_none=False)
    assert p.grad is g and not g.requires_grad
    np.testing.assert_array_equal(g.numpy(), np.zeros(3, np.float32))
    opt.zero_grad(set_to_none=False)  # no-op on None grads
    q = autograd.ones(2, requires_grad=True)
    optim.SGD([q]).zero_grad(set_to_none=False)
    assert q.grad is None


def test_step_skips_params_without_grad_and_bumps_version():
    a, b = autograd.ones(2, requires_grad=True), autograd.ones(2, requires_grad=True)
    opt = optim.Adam([a, b], lr=0.1)
    a.grad = autograd.ones(2)
    v_a, v_b = a._version, b._version
    opt.step()
    assert a._version == v_a + 1 and b._version == v_b
    assert b not in opt.state and a in opt.state
    np.testing.assert_array_equal(b.detach().numpy(), np.ones(2, np.float32))
    assert a.is_leaf and a.grad_fn is None and a.requires_grad


def test_step_in_place_preserves_storage_and_views():
    p = autograd.ones(4, requires_grad=True)
    view = p.detach()
    arr = p._data
    p.grad = autograd.ones(4)
    optim.SGD([p], lr=0.5).step()
    assert p._data is arr
    np.testing.assert_array_equal(view.numpy(), np.full(4, 0.5, np.float32))


def test_closure_runs_with_grad_and_returns_loss():
    x = np.array([1.0, -2.0, 3.0])
    tp = torch.tensor(x, requires_grad=True)
    op = autograd.tensor(x, requires_grad=True)
    topt, oopt = torch.optim.SGD([tp], lr=0.1, momentum=0.9), optim.SGD([op], lr=0.1, momentum=0.9)

    def closure(p, opt):
        def f():
            opt.zero_grad()
            loss = (p * p).sum() + (p ** 3).sum()
            loss.backward()
            return loss
        return f

    for _ in range(10):
        with autograd.no_grad():
            lo = oopt.step(closure(op, oopt))
        lt = topt.step(closure(tp, topt))
        assert lo.item() == pytest.approx(lt.item(), rel=1e-12)
    np.testing.assert_allclose(op.detach().numpy(), tp.detach().numpy(), rtol=1e-12)


def test_real_training_loop_with_parameters():
    rng = np.random.RandomState(1)
    w0, x, y = rng.randn(3, 4), rng.randn(8, 4), rng.randn(8, 3)
    ow, tw = Parameter(autograd.tensor(w0)), torch.nn.Parameter(torch.tensor(w0))
    ox, oy, tx, ty = autograd.tensor(x), autograd.tensor(y), torch.tensor(x), torch.tensor(y)
    oopt, topt = optim.AdamW([ow], lr=0.05), torch.optim.AdamW([tw], lr=0.05)
    for _ in range(10):
        for w, xx, yy, opt in ((ow, ox, oy, oopt), (tw, tx, ty, topt)):
            opt.zero_grad()
            (((xx @ w.t()) - yy) ** 2).mean().backward()
            opt.step()
    np.testing.assert_allclose(ow.detach().numpy(), tw.detach().numpy(), rtol=1e-10, atol=1e-12)


def test_add_param_group_fills_defaults_and_rejects_duplicates():
    a, b = autograd.zeros(2, requires_grad=True), autograd.zeros(2, requires_grad=True)
    opt = optim.Adam([a], lr=0.1)
    opt.add_param_group({"params": b, "betas": (0.5, 0.6)})
    g = opt.param_groups[1]
    assert g["lr"] == 0.1 and g["betas"] == (0.5, 0.6) and g["params"] == [b]
    with pytest.raises(ValueError, match="some parameters appear in more than one parameter group"):
        opt.add_param_group({"params": [a]})
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        optim.SGD([b, b], lr=0.1)
    assert any("duplicate parameters" in str(x.message) for x in w)


def test_constructor_errors_like_torch():
    p = autograd.zeros(2, requires_grad=True)
    with pytest.raises(ValueError, match="empty parameter list"):
        optim.SGD([], lr=0.1)
    with pytest.raises(TypeError, match="should be an iterable of Tensors or dicts, but got autograd.FloatTensor"):
        optim.SGD(p, lr=0.1)
    with pytest.raises(TypeError, match="ordered collections"):
        optim.SGD([{"params": {p}}], lr=0.1)
    with pytest.raises(TypeError, match="optimizer can only optimize Tensors, but one of the params is int"):
        optim.SGD([1], lr=0.1)
    with pytest.raises(ValueError, match="can't optimize a non-leaf Tensor"):
        optim.SGD([p * 2], lr=0.1)
    with pytest.raises(ValueError, match="Nesterov momentum requires a momentum and zero dampening"):
        optim.SGD([p], lr=0.1, nesterov=True)
    with pytest.raises(ValueError, match="Nesterov momentum requires a momentum and zero dampening"):
        optim.SGD([p], lr=0.1, momentum=0.9, dampening=0.1, nesterov=True)
    with pytest.raises(ValueError, match="Invalid learning rate: -0.1"):
        optim.Adam([p], lr=-0.1)
    with pytest.raises(ValueError, match="Invalid beta parameter at index 1: 1.0"):
        optim.Adam([p], betas=(0.9, 1.0))
    with pytest.raises(ValueError, match="Invalid momentum value"):
        optim.RMSprop([p], momentum=-1)
    with pytest.raises(ValueError, match="Invalid alpha value"):
        optim.RMSprop([p], alpha=-1)
    with pytest.raises(ValueError, match="Invalid lr_decay value"):
        optim.Adagrad([p], lr_decay=-1)
    with pytest.raises(ValueError, match="Invalid initial_accumulator_value value"):
        optim.Adagrad([p], initial_accumulator_value=-1)
    with pytest.raises(ValueError, match="Invalid weight_decay value"):
        optim.AdamW([p], weight_decay=-1)
    with pytest.raises(ValueError, match="Invalid epsilon value"):
        optim.Adam([p], eps=-1)


def test_defaults_like_torch():
    p, tp = autograd.zeros(2, requires_grad=True), torch.zeros(2, requires_grad=True)
    for name in ("SGD", "Adam", "AdamW", "RMSprop", "Adagrad"):
        assert getattr(optim, name)([p]).defaults == getattr(torch.optim, name)([tp]).defaults, name


def test_tensor_lr():
    pair_t = torch.tensor(np.ones(3), requires_grad=True)
    pair_o = autograd.tensor(np.ones(3), requires_grad=True)
    topt = torch.optim.SGD([pair_t], lr=torch.tensor(0.25))
    oopt = optim.SGD([pair_o], lr=autograd.tensor(0.25))
    pair_t.grad = torch.ones(3, dtype=torch.float64)
    pair_o.grad = autograd.ones(3, dtype=autograd.float64)
    topt.step()
    oopt.step()
    np.testing.assert_allclose(pair_o.detach().numpy(), pair_t.detach().numpy())


def test_step_hooks():
    p = autograd.zeros(2, requires_grad=True)
    p.grad = autograd.ones(2)
    opt = optim.SGD([p], lr=1.0)
    calls = []
    h1 = opt.register_step_pre_hook(lambda o, a, k: calls.append(("pre", p.detach().numpy().copy()[0])))
    opt.register_step_post_hook(lambda o, a, k: calls.append(("post", p.detach().numpy().copy()[0])))
    g = optim.register_optimizer_step_pre_hook(lambda o, a, k: calls.append(("global", None)))
    try:
        opt.step()
    finally:
        g.remove()
    assert calls == [("global", None), ("pre", 0.0), ("post", -1.0)]
    h1.remove()
    calls.clear()
    opt.step()
    assert calls == [("post", -2.0)]


def test_custom_optimizer_subclass():
    """A user optimizer written the torch way (overriding step) runs with hooks and state."""
    class Sign(optim.Optimizer):
        def __init__(self, params, lr=0.1):
            super().__init__(params, {"lr": lr})

        @autograd.no_grad()
        def step(self, closure=None):
            for group in self.param_groups:
                for p in group["params"]:
                    if p.grad is not None:
                        p.sub_(p.grad.sign() * group["lr"])
                        self.state[p]["n"] = self.state[p].get("n", 0) + 1

    p = autograd.zeros(3, requires_grad=True)
    p.grad = autograd.tensor([1.0, -2.0, 0.0])
    opt = Sign([p])
    seen = []
    opt.register_step_post_hook(lambda *a: seen.append(1))
    opt.step()
    np.testing.assert_allclose(p.detach().numpy(), [-0.1, 0.1, 0.0], rtol=1e-6)
    assert seen == [1] and opt.state_dict()["state"] == {0: {"n": 1}}


def test_optimizer_pickles():
    import pickle
    p = autograd.zeros(2, requires_grad=True)
    p.grad = autograd.ones(2)
    opt = optim.Adam([p], lr=0.1)
    opt.step()
    opt2 = pickle.loads(pickle.dumps(opt))
    assert opt2.param_groups[0]["lr"] == 0.1
    assert list(opt2.state.values())[0]["step"].item() == 1


KERNEL_ARGS = {
    "sgd_update": lambda a: (a[0], a[1], a[2], 0.1, 0.9, 0.1, 0.01, False, False, False),
    "adam_update": lambda a: (a[0], a[1], a[2], a[3], a[4], 3.0, 0.01, 0.9, 0.99, 1e-8, 0.01, True, False, True),
    "rmsprop_update": lambda a: (a[0], a[1], a[2], a[3], a[4], 0.01, 0.99, 1e-8, 0.01, 0.9, True, False),
    "adagrad_update": lambda a: (a[0], a[1], a[2], 3.0, 0.1, 0.01, 0.01, 1e-10, False),
}


@pytest.mark.parametrize("name", sorted(KERNEL_ARGS))
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_kernel_backends_agree(name, dtype):
    """Jitted optimizer kernels (where the numba backend has them) equal the NumPy reference."""
    from autograd.kernels import numba_backend, numpy_backend
    if name not in numba_backend.KERNELS:
        pytest.skip(f"numba backend has no {name}")
    rng = np.random.RandomState(0)
    base = [rng.rand(7, 5).astype(dtype) + 0.1 for _ in range(5)]
    ref = [b.copy() for b in base]
    jit = [b.copy() for b in base]
    getattr(numpy_backend, name)(*KERNEL_ARGS[name](ref))
    numba_backend.KERNELS[name](*KERNEL_ARGS[name](jit))
    for r, j in zip(ref, jit):
        np.testing.assert_allclose(j, r, **TOL[dtype])


def test_kernels_are_named_in_the_kernel_layer():
    for name in KERNEL_ARGS:
        assert name in K.KERNEL_NAMES
