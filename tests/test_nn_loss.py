"""Every loss (functional + module) and every option held against torch: values, input/target grads,
double backward, reductions, error types and messages."""
import warnings

import numpy as np
import pytest

from oracle import assert_close, to_torch, torch

import autograd
import nn
import nn.functional as F

tnn = torch.nn
TF = torch.nn.functional
REDUCTIONS = ["mean", "sum", "none"]


def _pair(arr, grad=True):
    o = autograd.from_numpy(arr.copy())
    t = torch.from_numpy(arr.copy())
    if grad and arr.dtype.kind == "f":  # (torch: loss weights are not differentiable; callers pass grad=False)
        o.requires_grad_()
        t.requires_grad_()
    return o, t


def _compare(fn_ours, fn_torch, arrays, rtol=1e-6, atol=1e-9, kw_ours=None, kw_torch=None, n_diff=2):
    """Loss value and the gradients of the first ``n_diff`` inputs equal torch's."""
    ours, theirs = zip(*[_pair(a, i < n_diff) for i, a in enumerate(arrays)])
    lo = fn_ours(*ours, **(kw_ours or {}))
    lt = fn_torch(*theirs, **(kw_torch or {}))
    assert_close(lo, lt, rtol=rtol, atol=atol)
    g = np.asarray(np.random.rand(*lt.shape) + 0.5, dtype=arrays[0].dtype)
    lo.backward(autograd.from_numpy(g.copy()))
    lt.backward(torch.from_numpy(g.copy()))
    for a, b in zip(ours, theirs):
        if b.requires_grad:
            assert_close(a.grad, b.grad, rtol=rtol, atol=atol)
    return lo, lt


def _probs(*shape):
    return np.random.rand(*shape) * 0.98 + 0.01


# ---- elementwise losses -------------------------------------------------------------------------
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("name", ["mse_loss", "l1_loss", "smooth_l1_loss", "huber_loss"])
def test_regression_losses(name, reduction):
    x, y = np.random.randn(4, 5), np.random.randn(4, 5)
    y[0, :2] = x[0, :2] + 0.5  # exactly at beta/delta = 0.5 boundary
    kws = [{}] if name in ("mse_loss", "l1_loss") else ([{"beta": 0.5}, {"beta": 0.0}, {"beta": 2.0}]
                                                          if name == "smooth_l1_loss" else
                                                          [{"delta": 0.5}, {"delta": 2.0}])
    for kw in kws:
        lo, lt = _compare(getattr(F, name), getattr(TF, name), [x, y], kw_ours=dict(kw, reduction=reduction),
                          kw_torch=dict(kw, reduction=reduction))
        if reduction != "none" and name != "l1_loss" and kw.get("beta") != 0.0:
            assert lo.grad_fn.name() == lt.grad_fn.name()
        lo32, lt32 = _compare(getattr(F, name), getattr(TF, name), [x.astype(np.float32), y.astype(np.float32)],
                              rtol=1e-5, atol=1e-6, kw_ours=dict(kw, reduction=reduction),
                              kw_torch=dict(kw, reduction=reduction))
        assert lo32.dtype == autograd.float32


@pytest.mark.parametrize("name,kw", [("mse_loss", {}), ("l1_loss", {}), ("smooth_l1_loss", {"beta": 0.7}),
                                     ("huber_loss", {"delta": 0.7}), ("kl_div", {"reduction": "batchmean"}),
                                     ("kl_div", {"reduction": "sum", "log_target": True}),
                                     ("binary_cross_entropy", {}), ("binary_cross_entropy_with_logits", {})])
def test_elementwise_losses_gradcheck(name, kw):
    x = autograd.from_numpy(_probs(3, 4)).requires_grad_()
    y = autograd.from_numpy(_probs(3, 4)).requires_grad_()
    if name in ("l1_loss", "smooth_l1_loss", "huber_loss"):
        y = autograd.from_numpy(np.clip(y.detach().numpy(), 0, 1) + 2.0).requires_grad_()  # away from kinks
    fn = getattr(F, name)
    assert autograd.gradcheck(lambda a, b: fn(a, b, **kw), (x, y))
    assert autograd.gradgradcheck(lambda a, b: fn(a, b, **kw), (x, y))


def test_broadcasting_warns_like_torch():
    x, y = np.random.randn(3, 1), np.random.randn(3)
    with pytest.warns(UserWarning, match="Using a target size") as rec:
        _compare(F.mse_loss, TF.mse_loss, [x, y])
    assert "autograd.Size([3])" in str(rec[0].message)
    with pytest.raises(RuntimeError, match="must match the size of tensor b"):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            F.mse_loss(autograd.zeros(3), autograd.zeros(4))


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("name", ["mse_loss", "l1_loss", "huber_loss"])
def test_weighted_regression_losses(name, reduction):
    x, y, w = np.random.randn(3, 4), np.random.randn(3, 4), np.random.rand(3, 4)
    kw = {"weight": None, "reduction": reduction}

    def call(lib):
        return lambda a, b, c: getattr(lib, name)(a, b, **dict(kw, weight=c))
    _compare(call(F), call(TF), [x, y, w], n_diff=3)
    with pytest.raises(ValueError, match="Weights and input must have the same size"):
        getattr(F, name)(autograd.zeros(3, 4), autograd.zeros(3, 4), weight=autograd.ones(4))


def test_mixed_dtypes():
    lo = F.mse_loss(autograd.zeros(3), autograd.ones(3, dtype=autograd.float64))
    lt = TF.mse_loss(torch.zeros(3), torch.ones(3, dtype=torch.float64))
    assert str(lo.dtype).split(".")[-1] == str(lt.dtype).split(".")[-1]


@pytest.mark.parametrize("reduction", REDUCTIONS + ["batchmean"])
@pytest.mark.parametrize("log_target", [False, True])
def test_kl_div(reduction, log_target):
    x = np.log(_probs(4, 5))
    y = _probs(4, 5)
    y[0, 0] = 0.0  # 0 * log 0 = 0
    if log_target:
        y = np.log(_probs(4, 5))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        _compare(F.kl_div, TF.kl_div, [x, y], kw_ours={"reduction": reduction, "log_target": log_target},
                 kw_torch={"reduction": reduction, "log_target": log_target})
    if reduction == "mean":
        with pytest.warns(UserWarning, match="'batchmean' divides only by the batch size"):
            F.kl_div(autograd.zeros(2), autograd.ones(2))


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("weighted", [False, True])
def test_binary_cross_entropy(reduction, weighted):
    x, y = _probs(4, 3), _probs(4, 3)
    x[0, 0], x[0, 1] = 0.0, 1.0  # log clamps at -100 like torch
    y[0, 0], y[0, 1] = 1.0, 0.0
    arrays = [x, y] + ([np.random.rand(3)] if weighted else [])
    kw = {"reduction": reduction}
    lo, lt = _compare(lambda a, b, *w: F.binary_cross_entropy(a, b, *w, **kw),
                      lambda a, b, *w: TF.binary_cross_entropy(a, b, *w, **kw), arrays)
    assert np.isfinite(lo.detach().numpy()).all()
    if reduction != "none":
        assert lo.grad_fn.name() == lt.grad_fn.name() == "BinaryCrossEntropyBackward0"


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("extras", ["none", "weight", "pos_weight", "both"])
def test_bce_with_logits(reduction, extras):
    x = np.random.randn(4, 3) * 5
    x[0, :2] = [200.0, -200.0]  # stable far out in the tails
    y = _probs(4, 3)
    arrays = [x, y]
    names = []
    if extras in ("weight", "both"):
        arrays.append(np.random.rand(4, 1))
        names.append("weight")
    if extras in ("pos_weight", "both"):
        arrays.append(np.random.rand(3) * 3)
        names.append("pos_weight")

    def call(lib):
        return lambda a, b, *e: lib.binary_cross_entropy_with_logits(a, b, reduction=reduction,
                                                                     **dict(zip(names, e)))
    lo, lt = _compare(call(F), call(TF), arrays)
    assert np.isfinite(lo.detach().numpy()).all()
    xo = autograd.from_numpy(np.random.randn(3, 3)).requires_grad_()
    yo = autograd.from_numpy(_probs(3, 3)).requires_grad_()
    pw = autograd.from_numpy(np.random.rand(3) + 0.5)  # (torch: pos_weight requiring grad is refused)
    assert autograd.gradcheck(lambda a, b: F.binary_cross_entropy_with_logits(a, b, pos_weight=pw), (xo, yo))


def test_bce_errors_match_torch():
    cases = [lambda L, T: L.binary_cross_entropy(T.rand(3), T.rand(3, 1)),
             lambda L, T: L.binary_cross_entropy(T.rand(3) + 1, T.rand(3)),
             lambda L, T: L.binary_cross_entropy(T.rand(3), T.rand(3), weight=T.rand(2)),
             lambda L, T: L.binary_cross_entropy_with_logits(T.rand(3), T.rand(3, 1)),
             lambda L, T: L.mse_loss(T.rand(3), T.rand(3), reduction="avg"),
             lambda L, T: L.smooth_l1_loss(T.rand(3), T.rand(3), beta=-1.0),
             lambda L, T: L.huber_loss(T.rand(3), T.rand(3), delta=0.0),
             lambda L, T: L.binary_cross_entropy(T.rand(3), T.ones(3, dtype=T.int64)),
             lambda L, T: L.binary_cross_entropy(T.rand(3), T.ones(3, dtype=T.float64)),
             lambda L, T: L.binary_cross_entropy(T.rand(3), T.ones(3, dtype=T.bool)),
             lambda L, T: L.binary_cross_entropy_with_logits(T.rand(3), T.ones(3, dtype=T.int64)),
             lambda L, T: L.binary_cross_entropy_with_logits(T.rand(3), T.ones(3, dtype=T.bool))]
    for case in cases:
        with pytest.raises(Exception) as a:
            case(TF, torch)
        with pytest.raises(Exception) as b:
            case(F, autograd)
        assert type(a.value) is type(b.value)
        assert str(a.value).replace("torch.", "autograd.") == str(b.value)


# ---- class-index losses -----------------------------------------------------------------------------
def _targets(shape, c, ignore=None):
    t = np.random.randint(0, c, size=shape).astype(np.int64)
    if ignore is not None:
        t.flat[::3] = ignore
    return t


CE_CASES = [
    ((6, 5), (6,)), ((5,), ()), ((2, 4, 3), (2, 3)), ((2, 3, 2, 4), (2, 2, 4)), ((1, 3, 2, 1, 2), (1, 2, 1, 2)),
]


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("shapes", CE_CASES, ids=[str(s) for s, _ in CE_CASES])
@pytest.mark.parametrize("opts", [{}, {"weight": True}, {"ignore_index": 1}, {"ignore_index": -100},
                                  {"label_smoothing": 0.2}, {"weight": True, "ignore_index": 0,
                                                             "label_smoothing": 0.1}])
def test_cross_entropy_class_indices(shapes, reduction, opts):
    xs, ts = shapes
    c = xs[1] if len(xs) > 1 else xs[0]
    x = np.random.randn(*xs) * 3
    t = _targets(ts, c, opts.get("ignore_index") if opts.get("ignore_index", -1) >= 0 else None)
    if opts.get("ignore_index") == -100 and t.size:
        t.flat[0] = -100
    kw = {k: v for k, v in opts.items() if k != "weight"}
    kw["reduction"] = reduction
    w = np.random.rand(c) + 0.2 if opts.get("weight") else None
    ko, kt = dict(kw), dict(kw)
    if w is not None:
        ko["weight"], kt["weight"] = autograd.from_numpy(w), torch.from_numpy(w)
    to, tt = autograd.from_numpy(t), torch.from_numpy(t)
    lo, lt = _compare(lambda a: F.cross_entropy(a, to, **ko), lambda a: TF.cross_entropy(a, tt, **kt), [x])
    if reduction != "none" and not opts.get("label_smoothing"):
        assert lo.grad_fn.name() == lt.grad_fn.name()
    # nll_loss on log-probabilities, same options (no label smoothing there)
    ko.pop("label_smoothing", None)
    kt.pop("label_smoothing", None)
    logp = torch.log_softmax(torch.from_numpy(x), 1 if x.ndim > 1 else 0).numpy()
    lo, lt = _compare(lambda a: F.nll_loss(a, to, **ko), lambda a: TF.nll_loss(a, tt, **kt), [logp])
    if reduction != "none":
        assert lo.grad_fn.name() == lt.grad_fn.name()


def test_cross_entropy_float32_and_extremes():
    x = (np.random.randn(8, 10) * 50).astype(np.float32)
    x[0, 0] = 1e4  # no overflow: max-shifted
    t = _targets((8,), 10)
    lo, lt = _compare(lambda a: F.cross_entropy(a, autograd.from_numpy(t)),
                      lambda a: TF.cross_entropy(a, torch.from_numpy(t)), [x], rtol=1e-5, atol=1e-5)
    assert lo.dtype == autograd.float32 and np.isfinite(lo.item())
    u = _targets((8,), 10).astype(np.uint8)
    assert_close(F.cross_entropy(autograd.from_numpy(x), autograd.from_numpy(u)),
                 TF.cross_entropy(torch.from_numpy(x), torch.from_numpy(u)), rtol=1e-5)


@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
@pytest.mark.parametrize("opts", [{}, {"label_smoothing": 0.3}, {"weight": True}])
def test_cross_entropy_double_backward(reduction, opts):
    x = autograd.from_numpy(np.random.randn(4, 3)).requires_grad_()
    t = autograd.from_numpy(_targets((4,), 3, ignore=2))
    w = autograd.from_numpy(np.random.rand(3) + 0.5) if opts.get("weight") else None
    ls = opts.get("label_smoothing", 0.0)

    def fn(a):
        return F.cross_entropy(a, t, weight=w, label_smoothing=ls, reduction=reduction, ignore_index=2)
    assert autograd.gradcheck(fn, (x,))
    assert autograd.gradgradcheck(fn, (x,))
    # Hessian-vector product equals torch's
    xt = to_torch(x.detach()).requires_grad_()
    wt = None if w is None else to_torch(w)
    lt = TF.cross_entropy(xt, to_torch(t), weight=wt, label_smoothing=ls, reduction=reduction, ignore_index=2)
    lo = fn(x)
    v = np.random.randn(4, 3)
    (go,) = autograd.grad(lo.sum(), x, create_graph=True)
    (gt,) = torch.autograd.grad(lt.sum(), xt, create_graph=True)
    (ho,) = autograd.grad((go * autograd.from_numpy(v)).sum(), x)
    (ht,) = torch.autograd.grad((gt * torch.from_numpy(v)).sum(), xt)
    assert_close(ho, ht, rtol=1e-6, atol=1e-9)


def test_nll_loss_double_backward():
    x = autograd.from_numpy(np.random.randn(5, 4)).requires_grad_()
    t = autograd.from_numpy(_targets((5,), 4, ignore=1))
    w = autograd.from_numpy(np.random.rand(4))
    fn = lambda a: F.nll_loss(a.tanh(), t, weight=w, ignore_index=1)  # noqa: E731
    assert autograd.gradcheck(fn, (x,))
    assert autograd.gradgradcheck(fn, (x,))


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("opts", [{}, {"label_smoothing": 0.25}, {"weight": True},
                                  {"weight": True, "label_smoothing": 0.1}])
@pytest.mark.parametrize("shape", [(4, 3), (3,), (2, 3, 2, 2)])
def test_cross_entropy_probabilities(shape, reduction, opts):
    x = np.random.randn(*shape)
    cdim = 1 if len(shape) > 1 else 0
    p = np.random.rand(*shape)
    p = p / p.sum(cdim, keepdims=True)
    c = shape[cdim]
    w = np.random.rand(c) + 0.5
    kw = {"reduction": reduction, "label_smoothing": opts.get("label_smoothing", 0.0)}
    ko, kt = dict(kw), dict(kw)
    if opts.get("weight"):
        ko["weight"], kt["weight"] = autograd.from_numpy(w), torch.from_numpy(w)
    _compare(lambda a, b: F.cross_entropy(a, b, **ko), lambda a, b: TF.cross_entropy(a, b, **kt), [x, p])


def test_all_ignored_is_nan_like_torch():
    x = np.random.randn(3, 4)
    t = np.full(3, -100)
    for ls in (0.0, 0.1):
        assert_close(F.cross_entropy(autograd.from_numpy(x), autograd.from_numpy(t), label_smoothing=ls),
                     TF.cross_entropy(torch.from_numpy(x), torch.from_numpy(t), label_smoothing=ls))


CLASS_ERRORS = [
    lambda L, T: L.cross_entropy(T.randn(3, 4), T.tensor([0, 5, 1])),
    lambda L, T: L.cross_entropy(T.randn(3, 4), T.tensor([0, -1, 1])),
    lambda L, T: L.nll_loss(T.randn(3, 4), T.tensor([0, 1, 7])),
    lambda L, T: L.cross_entropy(T.randn(3, 4), T.tensor([0, 1])),
    lambda L, T: L.cross_entropy(T.randn(3, 4), T.tensor([0.0, 1.0, 1.0])),
    lambda L, T: L.cross_entropy(T.randn(3, 4), T.tensor([0, 1, 1], dtype=T.int32)),
    lambda L, T: L.cross_entropy(T.randn(()), T.tensor(1)),
    lambda L, T: L.cross_entropy(T.randn(3, 4), T.tensor([[0, 1, 1]])),
    lambda L, T: L.cross_entropy(T.randn(3, 4), T.tensor([0, 1, 1]), weight=T.ones(3)),
    lambda L, T: L.cross_entropy(T.randn(2, 3, 5), T.zeros(2, 4, dtype=T.int64)),
    lambda L, T: L.cross_entropy(T.randn(2, 3, 5), T.zeros(3, 5, dtype=T.int64)),
    lambda L, T: L.cross_entropy(T.randn(3, 4), T.rand(3, 5)),
    lambda L, T: L.cross_entropy(T.randn(3, 4), T.rand(3, 4), ignore_index=1),
    lambda L, T: L.cross_entropy(T.randn(3, 4), T.tensor([0, 1, 1]), label_smoothing=1.5),
    lambda L, T: L.cross_entropy(T.randn(3, 4), T.tensor([0, 1, 1]), reduction="batchmean"),
    lambda L, T: L.cross_entropy(T.randn(3, 4, dtype=T.float64), T.tensor([0, 1, 1]), weight=T.ones(4)),
    lambda L, T: L.cross_entropy(T.randn(3, 4), T.rand(3, 4).long()),
]


@pytest.mark.parametrize("case", range(len(CLASS_ERRORS)))
def test_class_loss_errors_match_torch(case):
    with pytest.raises(Exception) as a:
        CLASS_ERRORS[case](TF, torch)
    with pytest.raises(Exception) as b:
        CLASS_ERRORS[case](F, autograd)
    assert type(a.value) is type(b.value), (a.value, b.value)
    assert str(a.value) == str(b.value)


# ---- modules ------------------------------------------------------------------------------------
MODULES = [
    ("MSELoss", {}), ("MSELoss", {"reduction": "sum"}), ("L1Loss", {"reduction": "none"}),
    ("SmoothL1Loss", {"beta": 0.3}), ("HuberLoss", {"delta": 0.4, "reduction": "sum"}),
    ("KLDivLoss", {"reduction": "batchmean", "log_target": True}), ("BCELoss", {}),
    ("BCELoss", {"weight": (3,)}), ("BCEWithLogitsLoss", {"pos_weight": (3,)}),
    ("BCEWithLogitsLoss", {"weight": (3,), "reduction": "none"}), ("NLLLoss", {"ignore_index": 1}),
    ("NLLLoss", {"weight": (3,)}), ("CrossEntropyLoss", {}), ("CrossEntropyLoss", {"label_smoothing": 0.1}),
    ("CrossEntropyLoss", {"weight": (3,), "ignore_index": 0, "reduction": "sum"}),
    ("MSELoss", {"size_average": False}), ("CrossEntropyLoss", {"reduce": False}),
]


@pytest.mark.parametrize("name,kw", MODULES, ids=[f"{n}{k}" for n, k in MODULES])
def test_loss_modules(name, kw):
    tensors = {k: np.random.rand(*v) + 0.5 for k, v in kw.items() if isinstance(v, tuple)}
    ko = {k: (autograd.from_numpy(tensors[k]) if k in tensors else v) for k, v in kw.items()}
    kt = {k: (torch.from_numpy(tensors[k]) if k in tensors else v) for k, v in kw.items()}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        o, t = getattr(nn, name)(**ko), getattr(tnn, name)(**kt)
    assert repr(o) == repr(t)
    assert list(o.state_dict()) == list(t.state_dict())
    assert o.reduction == t.reduction
    x = np.random.randn(4, 3)
    if name in ("BCELoss",):
        x, y = _probs(4, 3), _probs(4, 3)
    elif name in ("NLLLoss", "CrossEntropyLoss"):
        y = _targets((4,), 3)
    elif name == "KLDivLoss":
        x, y = np.log(_probs(4, 3)), np.log(_probs(4, 3))
    else:
        y = np.random.randn(4, 3) if name != "BCEWithLogitsLoss" else _probs(4, 3)
    yo, yt = autograd.from_numpy(y), torch.from_numpy(y)
    _compare(lambda a: o(a, yo), lambda a: t(a, yt), [x])


def test_legacy_reduction_args_warn():
    with pytest.warns(UserWarning, match="size_average and reduce args will be deprecated"):
        m = nn.MSELoss(size_average=False)
    assert m.reduction == "sum"
    with pytest.warns(UserWarning):
        assert F.l1_loss(autograd.ones(2), autograd.zeros(2), reduce=False).shape == (2,)
