"""NAdam, RAdam, Adamax, Adadelta, Rprop, ASGD and LBFGS against torch.optim: every option, 10 steps,
float32/float64, state_dict layout and values, load/continue, LR schedulers, signatures and errors."""
import copy
import inspect
import pickle
import warnings

import numpy as np
import pytest

from oracle import torch

import autograd
import optim
from test_optim import TOL, Pair, _assert_state_equal, _grad_fn

CASES = [
    ("NAdam", {}),
    ("NAdam", {"lr": 0.01, "betas": (0.8, 0.99)}),
    ("NAdam", {"lr": 0.01, "momentum_decay": 0.05, "eps": 1e-3}),
    ("NAdam", {"lr": 0.01, "weight_decay": 0.1}),
    ("NAdam", {"lr": 0.01, "weight_decay": 0.1, "decoupled_weight_decay": True}),
    ("NAdam", {"lr": 0.01, "maximize": True, "weight_decay": 0.05}),
    ("NAdam", {"lr": 0.01, "foreach": True}),
    ("RAdam", {}),
    ("RAdam", {"lr": 0.01, "betas": (0.7, 0.9)}),
    ("RAdam", {"lr": 0.01, "eps": 1e-3}),
    ("RAdam", {"lr": 0.01, "weight_decay": 0.1}),
    ("RAdam", {"lr": 0.01, "weight_decay": 0.1, "decoupled_weight_decay": True, "betas": (0.8, 0.95)}),
    ("RAdam", {"lr": 0.01, "maximize": True, "betas": (0.8, 0.9)}),
    ("RAdam", {"lr": 0.01, "foreach": True, "betas": (0.8, 0.9)}),
    ("Adamax", {}),
    ("Adamax", {"lr": 0.02, "betas": (0.8, 0.99)}),
    ("Adamax", {"lr": 0.02, "eps": 1e-2}),
    ("Adamax", {"lr": 0.02, "weight_decay": 0.1}),
    ("Adamax", {"lr": 0.02, "maximize": True}),
    ("Adamax", {"lr": 0.02, "foreach": True}),
    ("Adadelta", {}),
    ("Adadelta", {"lr": 0.5, "rho": 0.5}),
    ("Adadelta", {"lr": 0.5, "eps": 1e-3}),
    ("Adadelta", {"lr": 0.5, "weight_decay": 0.1}),
    ("Adadelta", {"lr": 0.5, "maximize": True, "rho": 0.8}),
    ("Adadelta", {"lr": 0.5, "foreach": True}),
    ("Rprop", {}),
    ("Rprop", {"lr": 0.05, "etas": (0.3, 1.5)}),
    ("Rprop", {"lr": 0.05, "step_sizes": (1e-3, 0.08)}),
    ("Rprop", {"lr": 0.05, "maximize": True}),
    ("Rprop", {"lr": 0.05, "foreach": True}),
    ("ASGD", {}),
    ("ASGD", {"lr": 0.05, "lambd": 0.01, "alpha": 0.5}),
    ("ASGD", {"lr": 0.05, "t0": 3}),
    ("ASGD", {"lr": 0.05, "t0": 2, "weight_decay": 0.1, "lambd": 0.1}),
    ("ASGD", {"lr": 0.05, "t0": 4, "maximize": True}),
    ("ASGD", {"lr": 0.05, "t0": 4, "foreach": True}),
]
IDS = [f"{name}-{'-'.join(f'{k}={v}' for k, v in kw.items()) or 'defaults'}" for name, kw in CASES]
NAMES = ["NAdam", "RAdam", "Adamax", "Adadelta", "Rprop", "ASGD"]
STATE_KEYS = {"NAdam": ["step", "mu_product", "exp_avg", "exp_avg_sq"], "RAdam": ["step", "exp_avg", "exp_avg_sq"],
              "Adamax": ["step", "exp_avg", "exp_inf"], "Adadelta": ["step", "square_avg", "acc_delta"],
              "Rprop": ["step", "prev", "step_size"], "ASGD": ["step", "eta", "mu", "ax"]}
FIRST = [[c for c in CASES if c[0] == name][0] for name in NAMES]
SECOND_LAST = [[c for c in CASES if c[0] == name][-2] for name in NAMES]


def _tol(name, kw, dtype):
    """Tolerance key: torch's foreach ASGD computes ``eta`` from the float32 step tensor (ours, like torch's
    default single-tensor path, from the step as a Python float), so it agrees only to float32 rounding."""
    return np.float32 if name == "ASGD" and kw.get("foreach") else dtype


def _converted(torch_state_dict):
    """A torch state_dict with our tensors (what ``torch.load`` + conversion of a checkpoint would give)."""
    def conv(v):
        if isinstance(v, torch.Tensor):
            return autograd.from_numpy(v.detach().numpy().copy())
        if isinstance(v, list):
            return [conv(x) for x in v]
        return v
    return {"state": {k: {n: conv(v) for n, v in s.items()} for k, s in torch_state_dict["state"].items()},
            "param_groups": copy.deepcopy(torch_state_dict["param_groups"])}


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("name,kw", CASES, ids=IDS)
def test_ten_steps_match_torch(name, kw, dtype):
    pair = Pair(name, kw, dtype)
    pair.step(10)
    pair.check(_tol(name, kw, dtype))
    sd_o, sd_t = pair.oopt.state_dict()["state"], pair.topt.state_dict()["state"]
    _assert_state_equal(sd_o, sd_t, _tol(name, kw, dtype))
    assert [list(s) for s in sd_o.values()] == [list(s) for s in sd_t.values()] == [STATE_KEYS[name]] * 2


@pytest.mark.parametrize("name,kw", CASES[::2], ids=IDS[::2])
def test_param_groups_defaults_and_repr_match_torch(name, kw):
    pair = Pair(name, kw, np.float32)
    assert repr(pair.oopt) == repr(pair.topt)
    assert pair.oopt.defaults == pair.topt.defaults
    pair.step(2)
    sd_o, sd_t = pair.oopt.state_dict(), pair.topt.state_dict()
    assert sd_o["param_groups"] == sd_t["param_groups"]
    assert list(sd_o["state"]) == list(sd_t["state"])


@pytest.mark.parametrize("name,kw", CASES, ids=IDS)
def test_state_dict_round_trip(name, kw):
    """Save after 5 steps, load into a new optimizer over fresh parameters, 5 more steps: as torch does it
    (loading casts ``mu_product``/``eta``/``mu`` to the parameter dtype in both)."""
    dtype = np.float64
    pair = Pair(name, kw, dtype)
    pair.step(5)
    saved_o, saved_t = copy.deepcopy(pair.oopt.state_dict()), copy.deepcopy(pair.topt.state_dict())
    pair.op = [autograd.tensor(p.detach().numpy().copy(), requires_grad=True) for p in pair.op]
    pair.tp = [torch.tensor(p.detach().numpy().copy(), requires_grad=True) for p in pair.tp]
    pair.oopt = getattr(optim, name)(Pair._groups(pair.op, kw), **kw)
    pair.topt = getattr(torch.optim, name)(Pair._groups(pair.tp, kw), **kw)
    pair.oopt.load_state_dict(saved_o)
    pair.topt.load_state_dict(saved_t)
    assert pair.oopt.state_dict()["param_groups"] == pair.topt.state_dict()["param_groups"]
    pair.step(5)
    pair.check(_tol(name, kw, dtype))
    _assert_state_equal(pair.oopt.state_dict()["state"], pair.topt.state_dict()["state"], _tol(name, kw, dtype))


@pytest.mark.parametrize("name,kw", SECOND_LAST, ids=NAMES)
def test_load_torch_state_dict(name, kw):
    """A state_dict saved by torch (tensors converted) continues identically in ours, and vice versa."""
    dtype = np.float32
    pair = Pair(name, kw, dtype)
    pair.step(4)
    pair.oopt.load_state_dict(_converted(pair.topt.state_dict()))
    for p, q in zip(pair.op, pair.tp):
        p.data = autograd.from_numpy(q.detach().numpy().copy())
    pair.step(3)
    pair.check(dtype)
    ours = pair.oopt.state_dict()
    pair.topt.load_state_dict({"state": {k: {n: torch.from_numpy(v.numpy().copy()) for n, v in s.items()}
                                         for k, s in ours["state"].items()},
                               "param_groups": copy.deepcopy(ours["param_groups"])})
    pair.step(3)
    pair.check(dtype)


def test_load_state_dict_casts_scalar_state_like_torch():
    """Loading into float64 params casts every state tensor but ``step`` (``mu_product``, ``eta``, ``mu`` too)."""
    for name, kw in (("NAdam", {}), ("ASGD", {"t0": 1})):
        pair = Pair(name, kw, np.float64)
        pair.step(3)
        pair.oopt.load_state_dict(pair.oopt.state_dict())
        pair.topt.load_state_dict(pair.topt.state_dict())
        pair.step(3)
        pair.check(np.float64)
        _assert_state_equal(pair.oopt.state_dict()["state"], pair.topt.state_dict()["state"], np.float64)


@pytest.mark.parametrize("name", NAMES + ["LBFGS"])
def test_signature_and_defaults_like_torch(name):
    ours, theirs = inspect.signature(getattr(optim, name)), inspect.signature(getattr(torch.optim, name))
    assert [(p.name, p.kind, p.default) for p in ours.parameters.values()] == \
        [(p.name, p.kind, p.default) for p in theirs.parameters.values()]
    p, tp = autograd.zeros(2, requires_grad=True), torch.zeros(2, requires_grad=True)
    ours, theirs = getattr(optim, name)([p]), getattr(torch.optim, name)([tp])
    assert ours.defaults == theirs.defaults and repr(ours) == repr(theirs)


def test_scalar_state_follows_default_dtype_like_torch():
    """``step``/``mu_product``/``eta``/``mu`` are float64 under a float64 default dtype, as in torch."""
    autograd.set_default_dtype(autograd.float64)
    torch.set_default_dtype(torch.float64)
    try:
        for name, kw in (("NAdam", {}), ("ASGD", {"t0": 1}), ("Rprop", {})):
            pair = Pair(name, kw, np.float32)
            pair.step(3)
            pair.check(np.float32)
            _assert_state_equal(pair.oopt.state_dict()["state"], pair.topt.state_dict()["state"], np.float32)
            assert pair.oopt.state[pair.op[0]]["step"].dtype == autograd.float64
    finally:
        autograd.set_default_dtype(autograd.float32)
        torch.set_default_dtype(torch.float32)


def test_flags_are_accepted():
    p = autograd.zeros(2, requires_grad=True)
    p.grad = autograd.ones(2)
    for name in NAMES:
        opt = getattr(optim, name)([p], foreach=True, capturable=True)
        assert opt.defaults["foreach"] and opt.defaults["capturable"]
        opt.step()
        with pytest.raises(NotImplementedError, match="differentiable=True is not supported"):
            getattr(optim, name)([p], differentiable=True)


ERRORS = [
    ("NAdam", {"lr": -0.1}), ("NAdam", {"eps": -1.0}), ("NAdam", {"betas": (1.0, 0.9)}),
    ("NAdam", {"betas": (0.9, -0.1)}), ("NAdam", {"weight_decay": -1}), ("NAdam", {"momentum_decay": -0.5}),
    ("RAdam", {"lr": -1}), ("RAdam", {"betas": (0.9, 1.0)}), ("RAdam", {"eps": -1e-8}), ("RAdam", {"weight_decay": -2}),
    ("Adamax", {"lr": -0.5}), ("Adamax", {"betas": (-0.1, 0.9)}), ("Adamax", {"eps": -1}),
    ("Adamax", {"weight_decay": -0.1}),
    ("Adadelta", {"lr": -1.0}), ("Adadelta", {"rho": 1.5}), ("Adadelta", {"rho": -0.1}), ("Adadelta", {"eps": -1}),
    ("Adadelta", {"weight_decay": -1}),
    ("Rprop", {"lr": -0.1}), ("Rprop", {"etas": (1.0, 1.2)}), ("Rprop", {"etas": (0.5, 1.0)}),
    ("Rprop", {"etas": (0.0, 2.0)}),
    ("ASGD", {"lr": -0.1}), ("ASGD", {"weight_decay": -1.0}),
    ("LBFGS", {"lr": -1.0}),
]


@pytest.mark.parametrize("name,kw", ERRORS, ids=[f"{n}-{k}" for n, k in ERRORS])
def test_constructor_errors_like_torch(name, kw):
    with pytest.raises(Exception) as theirs:
        getattr(torch.optim, name)([torch.zeros(2, requires_grad=True)], **kw)
    with pytest.raises(type(theirs.value)) as ours:
        getattr(optim, name)([autograd.zeros(2, requires_grad=True)], **kw)
    assert str(ours.value) == str(theirs.value)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("name", NAMES)
def test_tensor_lr_and_betas(name, dtype):
    """Tensor hyperparameters enter the update as 0-dim tensors do in torch (float32 arithmetic)."""
    a = np.random.RandomState(0).randn(5).astype(dtype)
    tp, op = torch.tensor(a.copy(), requires_grad=True), autograd.tensor(a.copy(), requires_grad=True)
    kw_t, kw_o = {"lr": torch.tensor(0.05)}, {"lr": autograd.tensor(0.05)}
    if name in ("NAdam", "RAdam", "Adamax"):
        kw_t["betas"] = (torch.tensor(0.8), torch.tensor(0.9))
        kw_o["betas"] = (autograd.tensor(0.8), autograd.tensor(0.9))
    topt, oopt = getattr(torch.optim, name)([tp], **kw_t), getattr(optim, name)([op], **kw_o)
    for _ in range(10):
        tp.grad = torch.from_numpy(_grad_fn(tp.detach().numpy().copy()))
        op.grad = autograd.from_numpy(_grad_fn(op.detach().numpy().copy()))
        topt.step()
        oopt.step()
    np.testing.assert_allclose(op.detach().numpy(), tp.detach().numpy(), **TOL[dtype])
    with pytest.raises(ValueError, match="Tensor lr must be 1-element"):
        getattr(optim, name)([op], lr=autograd.ones(2))


def test_pickle_and_legacy_scalar_state():
    """Unpickling works; state saved with Python-number counters is turned back into 0-dim tensors."""
    for name, keys in (("NAdam", ("step", "mu_product")), ("ASGD", ("step", "eta", "mu"))):
        pair = Pair(name, {"t0": 1} if name == "ASGD" else {}, np.float32)
        pair.step(3)
        opt2 = pickle.loads(pickle.dumps(pair.oopt))
        sd = copy.deepcopy(pair.oopt.state_dict())
        for s in sd["state"].values():
            for k in keys:
                s[k] = s[k].item()
        opt2.load_state_dict(sd)
        for s in opt2.state.values():
            for k in keys:
                assert isinstance(s[k], autograd.Tensor) and s[k].dtype == autograd.float32 and s[k].dim() == 0


# ---- LR schedulers ------------------------------------------------------------------------------------------

SCHEDULERS = {
    "StepLR": lambda L, o: L.StepLR(o, step_size=3, gamma=0.5),
    "CosineAnnealingLR": lambda L, o: L.CosineAnnealingLR(o, T_max=6),
    "LinearLR": lambda L, o: L.LinearLR(o, start_factor=0.2, total_iters=5),
    "OneCycleLR": lambda L, o: L.OneCycleLR(o, max_lr=0.05, total_steps=12),
}


@pytest.mark.parametrize("sched", list(SCHEDULERS))
@pytest.mark.parametrize("name,kw", FIRST, ids=NAMES)
def test_lr_schedulers_drive_them_like_torch(name, kw, sched):
    pair = Pair(name, kw, np.float64)
    if sched == "OneCycleLR" and "betas" not in pair.topt.defaults:
        with pytest.raises(ValueError) as theirs:
            SCHEDULERS[sched](torch.optim.lr_scheduler, pair.topt)
        with pytest.raises(ValueError) as ours:
            SCHEDULERS[sched](optim.lr_scheduler, pair.oopt)
        assert str(ours.value) == str(theirs.value)
        return
    s_t, s_o = SCHEDULERS[sched](torch.optim.lr_scheduler, pair.topt), SCHEDULERS[sched](optim.lr_scheduler, pair.oopt)
    for _ in range(10):
        pair.step()
        s_t.step()
        s_o.step()
        assert s_o.get_last_lr() == pytest.approx(s_t.get_last_lr(), rel=1e-14)
        assert [g.get("betas") for g in pair.oopt.param_groups] == \
            [tuple(g["betas"]) if "betas" in g else None for g in pair.topt.param_groups]
    pair.check(np.float64)


# ---- LBFGS -------------------------------------------------------------------------------------------------


class Model:
    """A small model in both libraries, trained through closures: ``"logistic"`` (a linear layer, logistic
    loss and L2: strongly convex) or ``"tanh"`` (a 4-8-1 tanh network with MSE loss)."""

    def __init__(self, dtype, kind="logistic", seed=0):
        rng = np.random.RandomState(seed)
        if kind == "logistic":
            x = rng.randn(64, 20) * np.linspace(0.5, 2.0, 20)
            y = np.sign(x @ rng.randn(20) + 0.5 * rng.randn(64))[:, None]
            arrays = [rng.randn(1, 20) * 0.1, np.zeros(1)]
        else:
            arrays = [rng.randn(8, 4) * 0.5, rng.randn(8) * 0.1, rng.randn(1, 8) * 0.5, np.zeros(1)]
            x, y = rng.randn(16, 4), rng.randn(16, 1)
        self.kind = kind
        self.data = {lib: (mk(x.astype(dtype)), mk(y.astype(dtype))) for lib, mk in
                     (("torch", torch.from_numpy), ("ours", autograd.from_numpy))}
        self.params = {"torch": [torch.tensor(a.astype(dtype), requires_grad=True) for a in arrays],
                       "ours": [autograd.tensor(a.astype(dtype), requires_grad=True) for a in arrays]}

    def loss(self, lib):
        (x, y), ps = self.data[lib], self.params[lib]
        if self.kind == "logistic":
            m = (x @ ps[0].t() + ps[1]) * y
            return (1 + (-m).exp()).log().mean() + 0.01 * (ps[0] ** 2).sum()
        w1, b1, w2, b2 = ps
        return ((((x @ w1.t() + b1).tanh() @ w2.t() + b2) - y) ** 2).mean()

    def closure(self, lib, opt, counter=None):
        def f():
            if counter is not None:
                counter.append(1)
            opt.zero_grad()
            loss = self.loss(lib)
            loss.backward()
            return loss
        return f


LBFGS_CASES = [
    {},
    {"max_iter": 4, "history_size": 3},
    {"lr": 0.5, "max_iter": 3, "max_eval": 5},
    {"line_search_fn": "strong_wolfe"},
    {"line_search_fn": "strong_wolfe", "max_iter": 5, "history_size": 2},
    {"line_search_fn": "strong_wolfe", "lr": 0.3, "max_iter": 3, "max_eval": 4},
    {"max_iter": 50, "tolerance_grad": 1e-3, "tolerance_change": 1e-4},
]
LBFGS_IDS = ["-".join(f"{k}={v}" for k, v in kw.items()) or "defaults" for kw in LBFGS_CASES]
# float32 runs compare only the first steps of the runs with few iterations per step: near a minimum L-BFGS
# amplifies last-bit differences (dot products: MKL vs OpenBLAS summation order) to the noise floor of float32
LBFGS_F32 = [(kw, i) for kw, i in zip(LBFGS_CASES, LBFGS_IDS) if kw.get("max_iter", 20) <= 5]
LBFGS_RUNS = [(kw, np.float64, 10) for kw in LBFGS_CASES] + [(kw, np.float32, 3) for kw, _ in LBFGS_F32]
LBFGS_RUN_IDS = [f"{i}-float64" for i in LBFGS_IDS] + [f"{i}-float32" for _, i in LBFGS_F32]
LBFGS_TOL = {np.float32: dict(rtol=2e-5, atol=2e-6), np.float64: dict(rtol=1e-11, atol=1e-12)}
# float32 state: ours and torch's are each ~4e-4 (relative) off the float64 path; they agree to ~1e-3
LBFGS_STATE_TOL = {np.float32: dict(rtol=5e-3, atol=1e-5), np.float64: dict(rtol=1e-6, atol=1e-12)}


def _lbfgs_pair(kw, dtype, kind="logistic"):
    model = Model(dtype, kind)
    return model, torch.optim.LBFGS(model.params["torch"], **kw), optim.LBFGS(model.params["ours"], **kw)


def _assert_lbfgs_state_equal(ours, theirs, tol):
    assert list(ours) == list(theirs)
    for k, v in theirs.items():
        o = ours[k]
        if isinstance(v, list):
            assert isinstance(o, list) and len(o) == len(v), k
            _assert_lbfgs_state_equal(dict(enumerate(o)), dict(enumerate(v)), tol)
        elif isinstance(v, torch.Tensor):
            assert isinstance(o, autograd.Tensor) and o.shape == tuple(v.shape), k
            assert str(o.dtype).split(".")[-1] == str(v.dtype).split(".")[-1], k
            np.testing.assert_allclose(o.numpy(), v.numpy(), **tol, err_msg=str(k))
        else:
            assert type(o) is type(v), k
            assert o == pytest.approx(v, rel=tol["rtol"], abs=tol["atol"]), k


@pytest.mark.parametrize("kw,dtype,steps", LBFGS_RUNS, ids=LBFGS_RUN_IDS)
def test_lbfgs_steps_match_torch(kw, dtype, steps):
    model, topt, oopt = _lbfgs_pair(kw, dtype)
    tol = LBFGS_TOL[dtype]
    for _ in range(steps):
        n_t, n_o = [], []
        lt = topt.step(model.closure("torch", topt, n_t))
        lo = oopt.step(model.closure("ours", oopt, n_o))
        assert isinstance(lo, autograd.Tensor) and lo.item() == pytest.approx(lt.item(), rel=tol["rtol"])
        assert len(n_o) == len(n_t)
    for a, b in zip(model.params["ours"], model.params["torch"]):
        np.testing.assert_allclose(a.detach().numpy(), b.detach().numpy(), **tol)
    # the state holds gradients and their differences, which near the minimum keep only absolute accuracy
    _assert_lbfgs_state_equal(oopt.state_dict()["state"][0], topt.state_dict()["state"][0], LBFGS_STATE_TOL[dtype])
    assert list(oopt.state_dict()["state"]) == [0]
    assert oopt.state_dict()["param_groups"] == topt.state_dict()["param_groups"]


@pytest.mark.parametrize("kw", LBFGS_CASES[::3], ids=LBFGS_IDS[::3])
def test_lbfgs_trains_tanh_network_like_torch(kw):
    """Non-convex: float64 rounding differences grow along the way, but the paths stay together."""
    model, topt, oopt = _lbfgs_pair(kw, np.float64, "tanh")
    for _ in range(10):
        n_t, n_o = [], []
        lt = topt.step(model.closure("torch", topt, n_t))
        lo = oopt.step(model.closure("ours", oopt, n_o))
        assert lo.item() == pytest.approx(lt.item(), rel=1e-8) and len(n_o) == len(n_t)
    for a, b in zip(model.params["ours"], model.params["torch"]):
        np.testing.assert_allclose(a.detach().numpy(), b.detach().numpy(), rtol=1e-8, atol=1e-10)


@pytest.mark.parametrize("kw", LBFGS_CASES[1::2], ids=LBFGS_IDS[1::2])
def test_lbfgs_state_dict_round_trip_and_exchange(kw):
    """Ours saved and reloaded, and torch's state loaded into ours, both continue as torch does."""
    dtype = np.float64
    model, topt, oopt = _lbfgs_pair(kw, dtype)
    for _ in range(3):
        topt.step(model.closure("torch", topt))
        oopt.step(model.closure("ours", oopt))
    saved = copy.deepcopy(oopt.state_dict())
    fresh = Model(dtype)
    fresh.params["ours"] = [autograd.tensor(p.detach().numpy().copy(), requires_grad=True)
                            for p in model.params["ours"]]
    opt2 = optim.LBFGS(fresh.params["ours"], **kw)
    opt2.load_state_dict(saved)
    model.params["ours"] = [autograd.tensor(p.detach().numpy().copy(), requires_grad=True)
                            for p in model.params["torch"]]
    opt3 = optim.LBFGS(model.params["ours"], **kw)
    opt3.load_state_dict(_converted(topt.state_dict()))
    for _ in range(3):
        topt.step(model.closure("torch", topt))
        opt2.step(fresh.closure("ours", opt2))
        opt3.step(model.closure("ours", opt3))
    for a, b, c in zip(fresh.params["ours"], model.params["ours"], model.params["torch"]):
        np.testing.assert_allclose(a.detach().numpy(), c.detach().numpy(), **LBFGS_TOL[dtype])
        np.testing.assert_allclose(b.detach().numpy(), c.detach().numpy(), **LBFGS_TOL[dtype])


def test_lbfgs_on_rosenbrock_matches_torch():
    """The classic test function: both libraries walk the same path to the minimum (1, 1)."""
    xs = {"torch": torch.tensor([-1.5, 2.0], dtype=torch.float64, requires_grad=True),
          "ours": autograd.tensor([-1.5, 2.0], dtype=autograd.float64, requires_grad=True)}
    opts = {"torch": torch.optim.LBFGS([xs["torch"]], line_search_fn="strong_wolfe", max_iter=200),
            "ours": optim.LBFGS([xs["ours"]], line_search_fn="strong_wolfe", max_iter=200)}
    for lib in ("torch", "ours"):
        x, opt = xs[lib], opts[lib]

        def closure():
            opt.zero_grad()
            loss = (1 - x[0]) ** 2 + 100 * (x[1] - x[0] ** 2) ** 2
            loss.backward()
            return loss
        opt.step(closure)
    np.testing.assert_allclose(xs["ours"].detach().numpy(), [1.0, 1.0], atol=1e-4)
    np.testing.assert_allclose(xs["ours"].detach().numpy(), xs["torch"].detach().numpy(), rtol=1e-9)
    assert opts["ours"].state_dict()["state"][0]["func_evals"] == opts["torch"].state_dict()["state"][0]["func_evals"]


def test_lbfgs_errors_and_grad_free_params():
    a, b = autograd.zeros(2, requires_grad=True), autograd.zeros(3, requires_grad=True)
    with pytest.raises(ValueError, match=r"LBFGS doesn't support per-parameter options \(parameter groups\)"):
        optim.LBFGS([{"params": [a]}, {"params": [b]}])
    opt = optim.LBFGS([a, b], line_search_fn="bogus")

    def closure():
        opt.zero_grad()
        loss = ((a - 1) ** 2).sum()
        loss.backward()
        return loss
    with pytest.raises(RuntimeError, match="only 'strong_wolfe' is supported"):
        opt.step(closure)
    opt = optim.LBFGS([a, b])
    loss = opt.step(closure)  # b never gets a gradient: it counts as zero and b stays put
    assert loss.item() == 2.0 and b.grad is None
    np.testing.assert_array_equal(b.detach().numpy(), np.zeros(3, np.float32))
    np.testing.assert_allclose(a.detach().numpy(), np.ones(2), rtol=1e-5)
    with pytest.raises(TypeError):
        opt.step()
    opt.add_param_group({"params": [autograd.zeros(1, requires_grad=True)]})
    with pytest.raises(AssertionError, match="Expected exactly one param_group, but got 2"):
        opt.step(closure)


def test_lbfgs_runs_closure_with_grad_and_hooks():
    p = autograd.tensor([3.0, -1.0], requires_grad=True)
    opt = optim.LBFGS([p], max_iter=2)
    seen = []
    opt.register_step_post_hook(lambda *a: seen.append("post"))

    def closure():
        assert autograd.is_grad_enabled()
        opt.zero_grad()
        loss = (p ** 2).sum()
        loss.backward()
        return loss
    with autograd.no_grad():
        opt.step(closure)
    assert seen == ["post"] and p.is_leaf and p.grad_fn is None
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        sched = optim.lr_scheduler.StepLR(opt, step_size=1, gamma=0.5)
        opt.step(closure)
        sched.step()
    assert opt.param_groups[0]["lr"] == 0.5


def test_rprop_steps_a_0d_parameter_like_torch():
    """Found by the OptimizerInfo sweep: a 0-d parameter crashed Rprop (a NumPy scalar has no item assignment)."""
    pt = torch.tensor(1.5, requires_grad=True)
    po = autograd.tensor(1.5, requires_grad=True)
    ot, oo = torch.optim.Rprop([pt]), optim.Rprop([po])
    for _ in range(4):
        for p, o, lib in ((pt, ot, torch), (po, oo, autograd)):
            o.zero_grad()
            (lib.sin(p) * p).backward()
            o.step()
        np.testing.assert_allclose(po.item(), pt.item(), rtol=1e-6)


@pytest.mark.parametrize("kwargs, message", [
    ({"lr": "tensor", "foreach": True}, "lr as a Tensor is not supported for capturable=False and foreach=True"),
    ({"betas": "tensors", "foreach": True}, r"betas\[0\] as a Tensor is not supported"),
])
@pytest.mark.parametrize("name", ["Adam", "AdamW"])
def test_adam_refuses_tensor_hyperparameters_with_foreach(name, kwargs, message):
    kwargs = dict(kwargs)
    if kwargs.get("lr") == "tensor":
        kwargs["lr"] = autograd.tensor(0.01)
    if kwargs.get("betas") == "tensors":
        kwargs["betas"] = (autograd.tensor(0.9), autograd.tensor(0.99))
    with pytest.raises(ValueError, match=message):
        getattr(optim, name)([autograd.zeros(2, requires_grad=True)], **kwargs)
    getattr(optim, name)([autograd.zeros(2, requires_grad=True)], capturable=True, **kwargs)  # allowed there


def test_adafactor_tensor_lr_must_have_one_element():
    with pytest.raises(ValueError, match="Tensor lr must be 1-element"):
        optim.Adafactor([autograd.zeros(2, 2, requires_grad=True)], lr=autograd.tensor([0.1, 0.2]))
