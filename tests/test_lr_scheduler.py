"""LR schedulers against torch.optim.lr_scheduler: lr (and momentum) sequences over 30 steps, state_dict."""
import copy
import warnings

import numpy as np
import pytest

from oracle import torch

import autograd
import optim
from optim import lr_scheduler as ours_sched


def _make(lib, opt_name="SGD", **kw):
    """An optimizer with two param groups (lrs 0.1 and 0.5) in either library."""
    if lib == "torch":
        ps, mod, sched = [torch.zeros(2, requires_grad=True), torch.zeros(3, requires_grad=True)], torch.optim, \
            torch.optim.lr_scheduler
    else:
        ps, mod, sched = [autograd.zeros(2, requires_grad=True), autograd.zeros(3, requires_grad=True)], optim, \
            ours_sched
    kw.setdefault("lr", 0.1)
    opt = getattr(mod, opt_name)([{"params": [ps[0]]}, {"params": [ps[1]], "lr": 0.5}], **kw)
    return opt, sched


def _momenta(opt):
    return [g["betas"][0] if "betas" in g else g.get("momentum", 0.0) for g in opt.param_groups]


def _sequence(lib, make_sched, steps=30, opt_name="SGD", opt_kw=None, metrics=None):
    opt, sched_mod = _make(lib, opt_name, **(opt_kw or {"momentum": 0.9}))
    sched = make_sched(sched_mod, opt)
    seq = [list(sched.get_last_lr()) + [g["lr"] for g in opt.param_groups] + _momenta(opt)]
    for i in range(steps):
        opt.step()
        if metrics is None:
            sched.step()
        else:
            sched.step(metrics[i])
        seq.append(list(sched.get_last_lr()) + [g["lr"] for g in opt.param_groups] + _momenta(opt))
    return seq


SCHEDULERS = {
    "StepLR": lambda L, o: L.StepLR(o, step_size=4, gamma=0.5),
    "StepLR-default-gamma": lambda L, o: L.StepLR(o, step_size=3),
    "MultiStepLR": lambda L, o: L.MultiStepLR(o, milestones=[2, 5, 5, 9, 20], gamma=0.7),
    "ExponentialLR": lambda L, o: L.ExponentialLR(o, gamma=0.9),
    "CosineAnnealingLR": lambda L, o: L.CosineAnnealingLR(o, T_max=7),
    "CosineAnnealingLR-eta_min": lambda L, o: L.CosineAnnealingLR(o, T_max=10, eta_min=0.01),
    "LambdaLR": lambda L, o: L.LambdaLR(o, lr_lambda=lambda e: 0.9 ** e),
    "LambdaLR-list": lambda L, o: L.LambdaLR(o, lr_lambda=[lambda e: 1 / (e + 1), lambda e: e // 5]),
    "MultiplicativeLR": lambda L, o: L.MultiplicativeLR(o, lr_lambda=lambda e: 0.95),
    "LinearLR": lambda L, o: L.LinearLR(o, start_factor=0.2, total_iters=6),
    "LinearLR-decay": lambda L, o: L.LinearLR(o, start_factor=1.0, end_factor=0.1, total_iters=12),
    "ConstantLR": lambda L, o: L.ConstantLR(o, factor=0.3, total_iters=4),
    "PolynomialLR": lambda L, o: L.PolynomialLR(o, total_iters=8, power=2.0),
    "OneCycleLR-cos": lambda L, o: L.OneCycleLR(o, max_lr=1.0, total_steps=31),
    "OneCycleLR-linear": lambda L, o: L.OneCycleLR(o, max_lr=[1.0, 2.0], total_steps=31, anneal_strategy="linear"),
    "OneCycleLR-three-phase": lambda L, o: L.OneCycleLR(o, max_lr=1.0, epochs=4, steps_per_epoch=8,
                                                        three_phase=True, pct_start=0.25, div_factor=10.0,
                                                        final_div_factor=100.0),
    "OneCycleLR-no-momentum": lambda L, o: L.OneCycleLR(o, max_lr=1.0, total_steps=30, cycle_momentum=False),
    "OneCycleLR-momenta": lambda L, o: L.OneCycleLR(o, max_lr=1.0, total_steps=30, base_momentum=0.7,
                                                    max_momentum=[0.9, 0.99]),
    "CyclicLR-triangular": lambda L, o: L.CyclicLR(o, base_lr=0.01, max_lr=0.1, step_size_up=4),
    "CyclicLR-triangular2": lambda L, o: L.CyclicLR(o, base_lr=0.01, max_lr=0.1, step_size_up=4, step_size_down=3,
                                                    mode="triangular2"),
    "CyclicLR-exp_range": lambda L, o: L.CyclicLR(o, base_lr=[0.01, 0.02], max_lr=0.1, step_size_up=5,
                                                  mode="exp_range", gamma=0.9),
    "CosineAnnealingWarmRestarts": lambda L, o: L.CosineAnnealingWarmRestarts(o, T_0=5),
    "CosineAnnealingWarmRestarts-mult": lambda L, o: L.CosineAnnealingWarmRestarts(o, T_0=3, T_mult=2, eta_min=1e-3),
    "SequentialLR": lambda L, o: L.SequentialLR(o, [L.ConstantLR(o, factor=0.1, total_iters=3),
                                                    L.ExponentialLR(o, gamma=0.9)], milestones=[5]),
    "SequentialLR-three": lambda L, o: L.SequentialLR(o, [L.LinearLR(o, start_factor=0.1, total_iters=4),
                                                          L.StepLR(o, step_size=3, gamma=0.5),
                                                          L.CosineAnnealingLR(o, T_max=10)], milestones=[4, 12]),
    "ChainedScheduler": lambda L, o: L.ChainedScheduler([L.ConstantLR(o, factor=0.1, total_iters=3),
                                                         L.ExponentialLR(o, gamma=0.9)]),
    "Chained-Step-Multiplicative": lambda L, o: (L.StepLR(o, step_size=5, gamma=0.5),
                                                 L.ExponentialLR(o, gamma=0.95))[1],
}


@pytest.mark.parametrize("name", list(SCHEDULERS))
def test_lr_sequence_matches_torch(name):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = _sequence("torch", SCHEDULERS[name])
        ours = _sequence("ours", SCHEDULERS[name])
    np.testing.assert_allclose(np.array(ours), np.array(theirs), rtol=1e-15, atol=0)


@pytest.mark.parametrize("name", ["OneCycleLR-cos", "OneCycleLR-three-phase", "CyclicLR-triangular2"])
def test_momentum_cycles_adam_betas(name):
    kw = {"betas": (0.9, 0.999)}
    theirs = _sequence("torch", SCHEDULERS[name], opt_name="Adam", opt_kw=kw)
    ours = _sequence("ours", SCHEDULERS[name], opt_name="Adam", opt_kw=kw)
    np.testing.assert_allclose(np.array(ours), np.array(theirs), rtol=1e-15, atol=0)


METRICS = [5, 4, 4, 4, 4, 4, 3.9999, 3.5, 3.5, 3.5, 3.5, 3.5, 3.6, 3.7, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 0.5, 0.5, 0.5,
           0.5, 0.5, 0.5]
PLATEAU = {
    "defaults": {},
    "patience-cooldown-min_lr": dict(patience=2, cooldown=1, factor=0.5, min_lr=[0.01, 0.05]),
    "abs": dict(patience=1, threshold=0.2, threshold_mode="abs", factor=0.3),
    "max-rel": dict(mode="max", patience=1, threshold=0.01, factor=0.5),
    "max-abs": dict(mode="max", patience=0, threshold=0.5, threshold_mode="abs", factor=0.9, min_lr=0.05),
    "eps": dict(patience=0, factor=0.5, min_lr=0.099, eps=1e-3),
}


@pytest.mark.parametrize("name", list(PLATEAU))
def test_reduce_lr_on_plateau_matches_torch(name):
    make = lambda L, o: L.ReduceLROnPlateau(o, **PLATEAU[name])  # noqa: E731
    theirs = _sequence("torch", make, metrics=METRICS)
    ours = _sequence("ours", make, metrics=METRICS)
    np.testing.assert_allclose(np.array(ours), np.array(theirs), rtol=1e-15, atol=0)


def test_plateau_accepts_tensor_metric_and_state_dict():
    opt, L = _make("ours")
    s = L.ReduceLROnPlateau(opt, patience=0)
    s.step(autograd.tensor(1.0))
    s.step(autograd.tensor(2.0))
    assert s.get_last_lr() == pytest.approx([0.01, 0.05])
    sd = s.state_dict()
    assert "optimizer" not in sd and sd["best"] == 1.0
    topt, TL = _make("torch")
    assert set(sd) == set(TL.ReduceLROnPlateau(topt, patience=0).state_dict())


def test_plateau_errors():
    opt, L = _make("ours")
    with pytest.raises(ValueError, match="Factor should be < 1.0."):
        L.ReduceLROnPlateau(opt, factor=1.0)
    with pytest.raises(ValueError, match="mode foo is unknown!"):
        L.ReduceLROnPlateau(opt, mode="foo")
    with pytest.raises(ValueError, match="threshold mode bar is unknown!"):
        L.ReduceLROnPlateau(opt, threshold_mode="bar")
    with pytest.raises(ValueError, match="expected 2 min_lrs, got 1"):
        L.ReduceLROnPlateau(opt, min_lr=[0.1])


@pytest.mark.parametrize("name", ["StepLR", "MultiStepLR", "CosineAnnealingLR-eta_min", "OneCycleLR-three-phase",
                                  "CyclicLR-exp_range", "SequentialLR-three", "LinearLR", "LambdaLR"])
def test_scheduler_state_dict_round_trip(name):
    """Save after 10 steps, load into a fresh optimizer+scheduler, continue: same lrs as uninterrupted torch."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = _sequence("torch", SCHEDULERS[name], steps=25)
        opt, L = _make("ours", momentum=0.9)
        sched = SCHEDULERS[name](L, opt)
        for _ in range(10):
            opt.step()
            sched.step()
        sd_sched, sd_opt = copy.deepcopy(sched.state_dict()), copy.deepcopy(opt.state_dict())
        opt2, _ = _make("ours", momentum=0.9)
        sched2 = SCHEDULERS[name](L, opt2)
        opt2.load_state_dict(sd_opt)
        sched2.load_state_dict(sd_sched)
        out = []
        for _ in range(15):
            opt2.step()
            sched2.step()
            out.append(list(sched2.get_last_lr()) + [g["lr"] for g in opt2.param_groups] + _momenta(opt2))
    np.testing.assert_allclose(np.array(out), np.array(theirs[11:]), rtol=1e-15, atol=0)


def test_state_dict_keys_match_torch():
    for name in ["StepLR", "OneCycleLR-cos", "CyclicLR-triangular", "LambdaLR", "SequentialLR"]:
        o, L = _make("ours", momentum=0.9)
        t, TL = _make("torch", momentum=0.9)
        ours, theirs = SCHEDULERS[name](L, o).state_dict(), SCHEDULERS[name](TL, t).state_dict()
        assert set(ours) - {"_get_lr_called_within_step", "_is_initial"} == \
            set(theirs) - {"_get_lr_called_within_step", "_is_initial"}, name


@pytest.mark.parametrize("name", ["StepLR", "MultiStepLR", "ExponentialLR", "CosineAnnealingLR-eta_min",
                                  "LinearLR", "ConstantLR", "PolynomialLR", "LambdaLR",
                                  "CosineAnnealingWarmRestarts-mult"])
def test_step_with_epoch_closed_form(name):
    res = {}
    for lib in ("torch", "ours"):
        opt, L = _make(lib, momentum=0.9)
        s = SCHEDULERS[name](L, opt)
        seq = []
        with warnings.catch_warnings(record=True) as w:
            warnings.simplefilter("always")
            for epoch in [3, 7, 2, 11, 11, 20]:
                opt.step()
                s.step(epoch)
                seq.append(list(s.get_last_lr()))
        assert any("epoch parameter" in str(x.message) for x in w) or "Restarts" in name
        res[lib] = np.array(seq)
    np.testing.assert_allclose(res["ours"], res["torch"], rtol=1e-15)


def test_warns_when_scheduler_steps_before_optimizer():
    opt, L = _make("ours")
    s = L.StepLR(opt, step_size=2)
    with pytest.warns(UserWarning, match=r"Detected call of `lr_scheduler.step\(\)` before `optimizer.step\(\)`"):
        s.step()
    opt2, _ = _make("ours")
    s2 = L.StepLR(opt2, step_size=2)
    opt2.step()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        s2.step()


def test_get_lr_outside_step_warns():
    opt, L = _make("ours")
    s = L.StepLR(opt, step_size=2)
    with pytest.warns(UserWarning, match="please use `get_last_lr\\(\\)`"):
        s.get_lr()


def test_initial_lr_and_resume_errors():
    opt, L = _make("ours")
    L.ExponentialLR(opt, gamma=0.5)
    assert [g["initial_lr"] for g in opt.param_groups] == [0.1, 0.5]
    fresh, _ = _make("ours")
    with pytest.raises(KeyError, match="param 'initial_lr' is not specified in param_groups\\[0\\]"):
        L.StepLR(fresh, step_size=2, last_epoch=3)
    with pytest.raises(TypeError, match="list is not an Optimizer"):
        L.StepLR([], step_size=2)


def test_constructor_errors():
    opt, L = _make("ours", momentum=0.9)
    with pytest.raises(ValueError, match="Constant multiplicative factor"):
        L.ConstantLR(opt, factor=2.0)
    with pytest.raises(ValueError, match="Starting multiplicative factor"):
        L.LinearLR(opt, start_factor=0)
    with pytest.raises(ValueError, match="You must define either total_steps OR"):
        L.OneCycleLR(opt, max_lr=1.0)
    with pytest.raises(ValueError, match="anneal_strategy must be one of"):
        L.OneCycleLR(opt, max_lr=1.0, total_steps=10, anneal_strategy="exp")
    with pytest.raises(ValueError, match="max_lr must have the same length"):
        L.OneCycleLR(opt, max_lr=[1.0], total_steps=10)
    with pytest.raises(ValueError, match="Expected 2 lr_lambdas, but got 1"):
        L.LambdaLR(opt, lr_lambda=[lambda e: 1.0])
    with pytest.raises(ValueError, match="Expected positive integer T_0"):
        L.CosineAnnealingWarmRestarts(opt, T_0=0)
    with pytest.raises(ValueError, match="Sequential Schedulers expects number of schedulers"):
        L.SequentialLR(opt, [L.ExponentialLR(opt, gamma=0.9)], milestones=[3])
    plain = optim.Adagrad([autograd.zeros(2, requires_grad=True)])
    with pytest.raises(ValueError, match="optimizer must support momentum or beta1"):
        L.OneCycleLR(plain, max_lr=1.0, total_steps=10)


def test_one_cycle_raises_past_total_steps():
    opt, L = _make("ours", momentum=0.9)
    s = L.OneCycleLR(opt, max_lr=1.0, total_steps=3)
    for _ in range(3):
        opt.step()
        s.step()
    opt.step()
    with pytest.raises(ValueError, match="Tried to step 4 times. The specified number of total steps is 3"):
        s.step()


def test_schedulers_drive_training_lr():
    """The lr a scheduler sets is the one the optimizer's next step uses."""
    p = autograd.zeros(1, requires_grad=True)
    opt = optim.SGD([p], lr=1.0)
    s = ours_sched.StepLR(opt, step_size=1, gamma=0.5)
    for _ in range(3):
        p.grad = autograd.ones(1)
        opt.step()
        s.step()
    np.testing.assert_allclose(p.detach().numpy(), [-(1.0 + 0.5 + 0.25)])
