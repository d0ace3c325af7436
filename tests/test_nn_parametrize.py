"""nn.utils.parametrize / parametrizations / weight_norm / spectral_norm against torch (weights copied over)."""
import copy
import pickle
import warnings

import numpy as np
import pytest

from oracle import assert_close, to_torch, torch

import autograd
import nn
from nn.utils import parametrize as P
from nn.utils import parametrizations as PS

tnn = torch.nn
TP = torch.nn.utils.parametrize
TPS = torch.nn.utils.parametrizations


def _rand(*shape, seed=0, dtype=np.float32):
    return np.random.default_rng(seed).standard_normal(shape).astype(dtype)


def _copy_weights(ours, theirs, seed=0):
    """Give both modules the same deterministic values for every state_dict entry (torch's keys)."""
    rng = np.random.default_rng(seed)
    sd = {k: torch.from_numpy(rng.standard_normal(tuple(v.shape)).astype(v.numpy().dtype))
          for k, v in theirs.state_dict().items()}
    theirs.load_state_dict(sd)
    ours.load_state_dict(sd)


def _copy_from(ours, theirs):
    ours.load_state_dict({k: v.detach().clone() for k, v in theirs.state_dict().items()})


def _same_state(ours, theirs, rtol=1e-5, atol=1e-6):
    so, st = ours.state_dict(), theirs.state_dict()
    assert list(so.keys()) == list(st.keys())
    for k in st:
        assert_close(so[k], st[k], rtol=rtol, atol=atol)


class Symmetric(nn.Module):
    def forward(self, X):
        return X.triu() + X.triu(1).mT

    def right_inverse(self, A):
        return A.triu()


class TSymmetric(tnn.Module):
    def forward(self, X):
        return X.triu() + X.triu(1).mT

    def right_inverse(self, A):
        return A.triu()


class Scale(nn.Module):
    def forward(self, X):
        return 2.0 * X

    def right_inverse(self, A):
        return A / 2.0


class TScale(tnn.Module):
    def forward(self, X):
        return 2.0 * X

    def right_inverse(self, A):
        return A / 2.0


class Split(nn.Module):
    """Tuple-valued right_inverse: X = A + B."""

    def forward(self, A, B):
        return A + B

    def right_inverse(self, X):
        return X * 0.25, X * 0.75


class TSplit(tnn.Module):
    def forward(self, A, B):
        return A + B

    def right_inverse(self, X):
        return X * 0.25, X * 0.75


def _pair(ours_p, theirs_p, in_f=4, out_f=4, seed=0):
    mo, mt = nn.Linear(in_f, out_f), tnn.Linear(in_f, out_f)
    _copy_weights(mo, mt, seed)
    for p in ours_p:
        P.register_parametrization(mo, "weight", p)
    for p in theirs_p:
        TP.register_parametrization(mt, "weight", p)
    return mo, mt


def _forward_backward(mo, mt, x_shape=(3, 4), seed=5):
    x = _rand(*x_shape, seed=seed)
    yo, yt = mo(autograd.from_numpy(x)), mt(torch.from_numpy(x))
    assert_close(yo, yt)
    (yo * yo).sum().backward()
    (yt * yt).sum().backward()
    po, pt = dict(mo.named_parameters()), dict(mt.named_parameters())
    assert list(po) == list(pt)
    for k in pt:
        assert_close(po[k].grad, pt[k].grad, rtol=1e-4, atol=1e-5)


# ---- parametrize core --------------------------------------------------------------------------------
def test_register_class_swap_keys_and_repr():
    mo, mt = _pair([Symmetric()], [TSymmetric()])
    assert type(mo).__name__ == type(mt).__name__ == "ParametrizedLinear"
    assert isinstance(mo, nn.Linear) and P.type_before_parametrizations(mo) is nn.Linear
    assert P.type_before_parametrizations(nn.Linear(2, 2)) is nn.Linear
    assert P.is_parametrized(mo) and P.is_parametrized(mo, "weight") and not P.is_parametrized(mo, "bias")
    assert not P.is_parametrized(nn.Linear(2, 2))
    assert isinstance(mo.parametrizations.weight, P.ParametrizationList)
    assert repr(mo) == repr(mt).replace("TSymmetric", "Symmetric")
    assert [n for n, _ in mo.named_parameters()] == [n for n, _ in mt.named_parameters()]
    assert "weight" not in mo._parameters
    _same_state(mo, mt)
    assert_close(mo.weight, mt.weight)
    W = mo.weight.detach().numpy()
    np.testing.assert_allclose(W, W.T)
    _forward_backward(mo, mt)


def test_second_module_class_is_independent():
    a, b = nn.Linear(3, 3), nn.Linear(3, 3)
    P.register_parametrization(a, "weight", Symmetric())
    assert type(a) is not type(b) and not hasattr(type(b), "weight")
    P.register_parametrization(b, "bias", Scale())
    assert type(a) is not type(b)
    assert_close(b.bias, to_torch(b.parametrizations.bias.original) * 2)


def test_original_identity_and_set_by_right_inverse():
    lin = nn.Linear(4, 4)
    w = lin.weight
    P.register_parametrization(lin, "weight", Symmetric())
    assert lin.parametrizations.weight.original is w
    np.testing.assert_allclose(w.detach().numpy(), np.triu(w.detach().numpy()))


def test_assign_uses_right_inverse_chain():
    mo, mt = _pair([Symmetric(), Scale()], [TSymmetric(), TScale()])
    _same_state(mo, mt)
    A = _rand(4, 4, seed=3)
    A = A + A.T
    mo.weight = autograd.from_numpy(A.copy())
    mt.weight = torch.from_numpy(A.copy())
    _same_state(mo, mt)
    assert_close(mo.weight, mt.weight)
    np.testing.assert_allclose(mo.weight.detach().numpy(), A, rtol=1e-6)
    assert isinstance(mo.parametrizations.weight.original, nn.Parameter)
    _forward_backward(mo, mt)


def test_append_to_parametrized_and_unsafe_flag():
    mo, mt = _pair([Symmetric()], [TSymmetric()])
    P.register_parametrization(mo, "weight", Scale())
    TP.register_parametrization(mt, "weight", TScale())
    assert len(mo.parametrizations.weight) == 2 and not mo.parametrizations.weight.unsafe
    assert_close(mo.weight, mt.weight)
    _forward_backward(mo, mt)


def test_tuple_right_inverse_original0_original1():
    mo, mt = _pair([Split()], [TSplit()])
    _same_state(mo, mt)
    assert list(mo.state_dict()) == ["bias", "parametrizations.weight.original0", "parametrizations.weight.original1"]
    assert not mo.parametrizations.weight.is_tensor and mo.parametrizations.weight.ntensors == 2
    _forward_backward(mo, mt)
    X = _rand(4, 4, seed=9)
    mo.weight = autograd.from_numpy(X)
    mt.weight = torch.from_numpy(X)
    _same_state(mo, mt)


def test_parametrize_buffer():
    bo, bt = nn.BatchNorm1d(4), tnn.BatchNorm1d(4)
    _copy_weights(bo, bt)
    P.register_parametrization(bo, "running_var", Scale())
    TP.register_parametrization(bt, "running_var", TScale())
    _same_state(bo, bt)
    orig = bo.parametrizations.running_var.original
    assert not isinstance(orig, nn.Parameter) and "original" in bo.parametrizations.running_var._buffers
    assert_close(bo.running_var, bt.running_var)


@pytest.mark.parametrize("leave", [True, False])
def test_remove_parametrizations(leave):
    mo, mt = _pair([Symmetric(), Scale()], [TSymmetric(), TScale()])
    w = mo.parametrizations.weight.original
    P.remove_parametrizations(mo, "weight", leave_parametrized=leave)
    TP.remove_parametrizations(mt, "weight", leave_parametrized=leave)
    assert type(mo) is nn.Linear and not hasattr(mo, "parametrizations")
    assert mo.weight is w and isinstance(mo.weight, nn.Parameter)
    _same_state(mo, mt)
    _forward_backward(mo, mt)


def test_remove_one_of_two_keeps_class():
    m = nn.Linear(3, 3)
    P.register_parametrization(m, "weight", Symmetric())
    P.register_parametrization(m, "bias", Scale())
    cls = type(m)
    P.remove_parametrizations(m, "weight")
    assert type(m) is cls and P.is_parametrized(m) and not P.is_parametrized(m, "weight")
    assert isinstance(m._parameters["weight"], nn.Parameter)
    P.remove_parametrizations(m, "bias")
    assert type(m) is nn.Linear


def test_remove_tuple_parametrization():
    mo, mt = _pair([Split()], [TSplit()])
    with pytest.raises(ValueError, match="Cannot leave unparametrized"):
        P.remove_parametrizations(mo, "weight", leave_parametrized=False)
    P.remove_parametrizations(mo, "weight")
    TP.remove_parametrizations(mt, "weight")
    _same_state(mo, mt)
    assert isinstance(mo.weight, nn.Parameter) and mo.weight.grad_fn is None


def test_cached_computes_once():
    calls = []

    class Count(nn.Module):
        def forward(self, X):
            calls.append(1)
            return X * 1.0

    m = nn.Linear(3, 3)
    P.register_parametrization(m, "weight", Count())
    calls.clear()
    with P.cached():
        a, b = m.weight, m.weight
        with P.cached():
            c = m.weight
    assert a is b is c and len(calls) == 1
    m.weight
    assert len(calls) == 2 and not P._cache


def test_errors_match_torch():
    class Bad(nn.Module):
        def forward(self, X):
            return X[0]

    class TBad(tnn.Module):
        def forward(self, X):
            return X[0]

    for reg, mod, bad in [(P.register_parametrization, nn.Linear(3, 3), Bad()),
                          (TP.register_parametrization, tnn.Linear(3, 3), TBad())]:
        with pytest.raises(ValueError, match="may not change the shape of the tensor"):
            reg(mod, "weight", bad)
        with pytest.raises(ValueError, match="does not have a parameter, a buffer, or a parametrized element"):
            reg(mod, "nope", bad)
    m = nn.Linear(3, 3)
    P.register_parametrization(m, "weight", Symmetric())
    with pytest.raises(ValueError, match="may not change the shape of the tensor"):
        P.register_parametrization(m, "weight", Bad())
    P.register_parametrization(m, "weight", Bad(), unsafe=True)
    assert m.weight.shape == (3,)
    with pytest.raises(ValueError, match="does not have a parametrization on bias"):
        P.remove_parametrizations(m, "bias")
    with pytest.raises(KeyError, match="attribute 'weight' already exists"):
        m.weight = nn.Parameter(autograd.zeros(3, 3))
    with pytest.raises(ValueError, match="requires one or more modules"):
        P.ParametrizationList([], autograd.zeros(2))


def test_assign_without_right_inverse_raises():
    class NoInv(nn.Module):
        def forward(self, X):
            return X + 1

    m = nn.Linear(2, 2)
    P.register_parametrization(m, "weight", NoInv())
    with pytest.raises(RuntimeError, match="parametrization NoInv does not implement right_inverse."):
        m.weight = autograd.zeros(2, 2)


def test_deepcopy_and_pickle():
    m = nn.Linear(3, 3)
    P.register_parametrization(m, "weight", Symmetric())
    c = copy.deepcopy(m)
    assert type(c) is type(m) and c.parametrizations.weight.original is not m.parametrizations.weight.original
    assert_close(c.weight, to_torch(m.weight))
    with pytest.raises(RuntimeError, match="Serialization of parametrized modules is only supported through"):
        pickle.dumps(m)


def test_train_mode_and_to_double():
    m = nn.Linear(3, 3).eval()
    p = Symmetric()
    P.register_parametrization(m, "weight", p)
    assert not p.training
    m.train()
    assert p.training
    m.double()
    assert m.weight.dtype == autograd.float64


def test_sgd_step_through_parametrization():
    mo, mt = _pair([Symmetric()], [TSymmetric()])
    oo = __import__("optim").SGD(mo.parameters(), lr=0.1)
    ot = torch.optim.SGD(mt.parameters(), lr=0.1)
    for step in range(3):
        x = _rand(2, 4, seed=step)
        oo.zero_grad()
        ot.zero_grad()
        mo(autograd.from_numpy(x)).pow(2).sum().backward()
        mt(torch.from_numpy(x)).pow(2).sum().backward()
        oo.step()
        ot.step()
    _same_state(mo, mt, rtol=1e-4, atol=1e-5)


def test_transfer_parametrizations_and_params():
    a = nn.Linear(3, 3)
    P.register_parametrization(a, "weight", Symmetric())
    b = nn.Linear(3, 3)
    P.transfer_parametrizations_and_params(a, b)
    assert b.parametrizations.weight.original is a.parametrizations.weight.original
    assert_close(b.weight, to_torch(a.weight))


# ---- weight_norm (parametrization) ---------------------------------------------------------------------
@pytest.mark.parametrize("make,dim", [(lambda n: n.Linear(3, 4), 0), (lambda n: n.Linear(3, 4), 1),
                                      (lambda n: n.Linear(3, 4), None), (lambda n: n.Conv2d(2, 3, 3), 0),
                                      (lambda n: n.Conv2d(2, 3, 3), -2), (lambda n: n.Conv2d(2, 3, 3), 3)])
def test_weight_norm_parametrization(make, dim):
    mo, mt = make(nn), make(tnn)
    _copy_weights(mo, mt)
    PS.weight_norm(mo, dim=dim)
    TPS.weight_norm(mt, dim=dim)
    _same_state(mo, mt)
    assert_close(mo.weight, mt.weight)
    shape = (2, 3) if isinstance(mo, nn.Linear) else (2, 2, 5, 5)
    _forward_backward(mo, mt, x_shape=shape)
    P.remove_parametrizations(mo, "weight")
    TP.remove_parametrizations(mt, "weight")
    _same_state(mo, mt)


def test_weight_norm_loads_old_keys():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        old = tnn.utils.weight_norm(tnn.Linear(3, 4))
    mo, mt = PS.weight_norm(nn.Linear(3, 4)), TPS.weight_norm(tnn.Linear(3, 4))
    mo.load_state_dict(old.state_dict())
    mt.load_state_dict(old.state_dict())
    _same_state(mo, mt)


def test_weight_norm_gradcheck():
    m = PS.weight_norm(nn.Linear(3, 4).double(), dim=0)
    g, v = m.parametrizations.weight.original0, m.parametrizations.weight.original1
    fn = m.parametrizations.weight[0]
    assert autograd.gradcheck(lambda a, b: fn(a, b), (g.detach().requires_grad_(), v.detach().requires_grad_()))


# ---- spectral_norm (parametrization) -------------------------------------------------------------------
@pytest.mark.parametrize("make,n_iter", [(lambda n: n.Linear(5, 3), 1), (lambda n: n.Conv2d(2, 3, 3), 2),
                                         (lambda n: n.ConvTranspose2d(2, 3, 3), 1)])
def test_spectral_norm_parametrization(make, n_iter):
    mo, mt = make(nn), make(tnn)
    _copy_weights(mo, mt)
    PS.spectral_norm(mo, n_power_iterations=n_iter)
    TPS.spectral_norm(mt, n_power_iterations=n_iter)
    assert list(mo.state_dict()) == list(mt.state_dict())
    _copy_from(mo, mt)  # u, v start random: take torch's
    assert mo.parametrizations.weight[0].dim == mt.parametrizations.weight[0].dim
    shape = (2, 5) if isinstance(mo, nn.Linear) else (1, 2, 5, 5)
    for _ in range(3):  # training: each access runs n_iter power iterations
        _forward_backward(mo, mt, x_shape=shape)
        _same_state(mo, mt, rtol=1e-4, atol=1e-5)
    mo.eval()
    mt.eval()
    assert_close(mo.weight, mt.weight, rtol=1e-4, atol=1e-5)
    _same_state(mo, mt, rtol=1e-4, atol=1e-5)


def test_spectral_norm_sigma_one_and_1d():
    m = PS.spectral_norm(nn.Linear(6, 4), n_power_iterations=50)
    m.weight  # training access: 50 more iterations
    m.eval()
    assert abs(float(autograd.linalg.matrix_norm(m.weight, 2)) - 1.0) < 1e-4
    b = nn.Linear(3, 5)
    PS.spectral_norm(b, "bias")
    assert "_u" not in b.parametrizations.bias[0]._buffers
    np.testing.assert_allclose(float(b.bias.norm()), 1.0, rtol=1e-6)


def test_spectral_norm_errors():
    with pytest.raises(IndexError, match="Dimension out of range"):
        PS.spectral_norm(nn.Linear(2, 2), dim=2)
    with pytest.raises(ValueError, match="Expected n_power_iterations to be positive"):
        PS.spectral_norm(nn.Linear(2, 2), n_power_iterations=0)
    with pytest.raises(ValueError, match="has no parameter or buffer with name 'w'"):
        PS.spectral_norm(nn.Linear(2, 2), "w")


def test_spectral_norm_gradcheck_eval():
    m = PS.spectral_norm(nn.Linear(3, 4).double()).eval()
    sn = m.parametrizations.weight[0]
    w = m.parametrizations.weight.original.detach().clone().requires_grad_()
    assert autograd.gradcheck(sn, (w,))


# ---- orthogonal ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("shape", [(4, 4), (5, 3), (3, 5)])
@pytest.mark.parametrize("omap", [None, "matrix_exp", "cayley", "householder"])
@pytest.mark.parametrize("triv", [True, False])
def test_orthogonal_matches_torch(shape, omap, triv):
    out_f, in_f = shape
    mo, mt = nn.Linear(in_f, out_f), tnn.Linear(in_f, out_f)
    _copy_weights(mo, mt)
    PS.orthogonal(mo, orthogonal_map=omap, use_trivialization=triv)
    TPS.orthogonal(mt, orthogonal_map=omap, use_trivialization=triv)
    assert mo.parametrizations.weight[0].orthogonal_map.name == mt.parametrizations.weight[0].orthogonal_map.name
    assert list(mo.state_dict()) == list(mt.state_dict())
    if triv and shape[0] != shape[1]:  # the completion of a rectangular Q is random: take torch's base
        _copy_from(mo, mt)
    _same_state(mo, mt, rtol=1e-4, atol=1e-5)
    W = mo.weight.detach().numpy().astype(np.float64)
    G = W.T @ W if out_f >= in_f else W @ W.T
    np.testing.assert_allclose(G, np.eye(min(shape)), atol=1e-5)
    # move away from the identity point so the maps are exercised, then compare values and grads
    orig = _rand(*shape, seed=11) * 0.5
    with torch.no_grad():
        mt.parametrizations.weight.original.copy_(torch.from_numpy(orig))
    _copy_from(mo, mt)
    assert_close(mo.weight, mt.weight, rtol=1e-4, atol=1e-5)
    _forward_backward(mo, mt, x_shape=(2, in_f))


def test_orthogonal_assign_and_errors():
    mo, mt = nn.Linear(4, 4), tnn.Linear(4, 4)
    _copy_weights(mo, mt)
    PS.orthogonal(mo)
    TPS.orthogonal(mt)
    Q = np.linalg.qr(_rand(4, 4, seed=2).astype(np.float64))[0].astype(np.float32)
    mo.weight = autograd.from_numpy(Q)
    mt.weight = torch.from_numpy(Q)
    _same_state(mo, mt, rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(mo.weight.detach().numpy(), Q, atol=1e-5)
    with pytest.raises(ValueError, match="Expected a matrix or batch of matrices of shape"):
        mo.weight = autograd.zeros(4, 3)
    with pytest.raises(ValueError, match="Expected a matrix or batch of matrices. Got a tensor of 1 dimensions."):
        PS.orthogonal(nn.Linear(3, 3), "bias")
    with pytest.raises(ValueError, match='orthogonal_map has to be one of "matrix_exp", "cayley", "householder"'):
        PS.orthogonal(nn.Linear(3, 3), orthogonal_map="svd")
    m = PS.orthogonal(nn.Linear(3, 3), use_trivialization=False)
    with pytest.raises(NotImplementedError, match="not possible to assign to the matrix exponential"):
        m.weight = autograd.eye(3)


def test_orthogonal_batched_weight():
    class Holder(nn.Module):
        def __init__(self, W):
            super().__init__()
            self.W = nn.Parameter(W)

    W = _rand(2, 4, 4, seed=4) * 0.3
    mo, mt = Holder(autograd.from_numpy(W)), torch.nn.Module()
    mt.W = torch.nn.Parameter(torch.from_numpy(W.copy()))
    for omap in ["matrix_exp", "householder"]:
        a, b = copy.deepcopy(mo), copy.deepcopy(mt)
        PS.orthogonal(a, "W", orthogonal_map=omap, use_trivialization=False)
        TPS.orthogonal(b, "W", orthogonal_map=omap, use_trivialization=False)
        _same_state(a, b, rtol=1e-4, atol=1e-5)
        assert_close(a.W, b.W, rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize("omap", ["matrix_exp", "cayley", "householder"])
def test_orthogonal_gradcheck(omap):
    m = PS.orthogonal(nn.Linear(4, 3).double(), orthogonal_map=omap, use_trivialization=False)
    orth = m.parametrizations.weight[0]
    X = autograd.from_numpy(_rand(3, 4, seed=1, dtype=np.float64) * 0.5).requires_grad_()
    assert autograd.gradcheck(orth, (X,))


def test_matrix_exp_large_norm():
    A = _rand(5, 5, seed=6, dtype=np.float64) * 4
    A = A - A.T
    ours = PS._matrix_exp(autograd.from_numpy(A))
    assert_close(ours, torch.linalg.matrix_exp(torch.from_numpy(A)), rtol=1e-9, atol=1e-10)


# ---- old-style hook-based weight_norm / spectral_norm ---------------------------------------------------
@pytest.mark.parametrize("dim", [0, 1, None])
def test_old_weight_norm(dim):
    mo, mt = nn.Linear(3, 4), tnn.Linear(3, 4)
    _copy_weights(mo, mt)
    with pytest.warns(FutureWarning, match="weight_norm` is deprecated"):
        nn.utils.weight_norm(mo, dim=dim)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        tnn.utils.weight_norm(mt, dim=dim)
    _same_state(mo, mt)
    assert list(mo.state_dict()) == ["bias", "weight_g", "weight_v"]
    with torch.no_grad():
        mt.weight_g.mul_(1.5)
    _copy_from(mo, mt)
    _forward_backward(mo, mt, x_shape=(2, 3))
    with pytest.raises(RuntimeError, match="Cannot register two weight_norm hooks"), pytest.warns(FutureWarning):
        nn.utils.weight_norm(mo)
    nn.utils.remove_weight_norm(mo)
    tnn.utils.remove_weight_norm(mt)
    _same_state(mo, mt)
    assert not mo._forward_pre_hooks
    with pytest.raises(ValueError, match="weight_norm of 'weight' not found in"):
        nn.utils.remove_weight_norm(mo)


def test_old_spectral_norm():
    mo, mt = nn.Conv2d(2, 3, 3), tnn.Conv2d(2, 3, 3)
    _copy_weights(mo, mt)
    nn.utils.spectral_norm(mo, n_power_iterations=2)
    tnn.utils.spectral_norm(mt, n_power_iterations=2)
    assert list(mo.state_dict()) == list(mt.state_dict()) == ["bias", "weight_orig", "weight_u", "weight_v"]
    assert mo.state_dict()._metadata[""]["spectral_norm"] == {"weight.version": 1}
    _copy_from(mo, mt)
    for _ in range(3):
        _forward_backward(mo, mt, x_shape=(1, 2, 5, 5))
        _same_state(mo, mt, rtol=1e-4, atol=1e-5)
    mo.eval()
    mt.eval()
    _forward_backward(mo, mt, x_shape=(1, 2, 5, 5))
    nn.utils.remove_spectral_norm(mo)
    tnn.utils.remove_spectral_norm(mt)
    _same_state(mo, mt, rtol=1e-4, atol=1e-5)
    assert not mo._state_dict_hooks and not mo._load_state_dict_pre_hooks
    with pytest.raises(ValueError, match="spectral_norm of 'weight' not found in"):
        nn.utils.remove_spectral_norm(mo)


def test_old_spectral_norm_conv_transpose_dim_and_load():
    m = nn.utils.spectral_norm(nn.ConvTranspose1d(2, 3, 3))
    assert m._forward_pre_hooks[next(iter(m._forward_pre_hooks))].dim == 1
    t = tnn.utils.spectral_norm(tnn.ConvTranspose1d(2, 3, 3))
    m.load_state_dict(t.state_dict())
    _same_state(m, t)
    with pytest.raises(RuntimeError, match="Cannot register two spectral_norm hooks"):
        nn.utils.spectral_norm(m)


def test_old_spectral_norm_loads_version0_checkpoint():
    """A version-0 checkpoint (``weight`` saved, no ``weight_v``) is converted by solving for v, as torch."""
    mt = tnn.utils.spectral_norm(tnn.Linear(3, 3).double())  # W^T W invertible
    mo = nn.utils.spectral_norm(nn.Linear(3, 3).double())
    sd = mt.state_dict()
    with torch.no_grad():
        sd["weight"] = mt.weight_orig / 2.5
    del sd["weight_v"]
    del sd._metadata[""]["spectral_norm"]
    mt.load_state_dict(copy.copy(sd))
    mo.load_state_dict(copy.copy(sd))
    _same_state(mo, mt, rtol=1e-4, atol=1e-5)


def test_utils_exports():
    assert nn.utils.parametrize is P and nn.utils.parametrizations is PS
    for name in ["weight_norm", "remove_weight_norm", "spectral_norm", "remove_spectral_norm"]:
        assert callable(getattr(nn.utils, name))
    assert set(P.__all__) >= {"cached", "ParametrizationList", "register_parametrization", "is_parametrized",
                              "remove_parametrizations", "type_before_parametrizations"}
