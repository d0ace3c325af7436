"""The conformance additions (ops/sorting.py, ops/misc.py, linalg.py, _info.py, nn/functional distance,
loss_extra, attention, resample, nn transformer/resample/distance modules) held against PyTorch:
values, gradients, second derivatives, gradcheck/gradgradcheck, grad_fn names and errors."""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from opcheck import OpSpec, away_from, between, check_op, inputs_for, positive
from oracle import assert_close, torch

import autograd as A
import nn
import nn.functional as F

T = torch
TF = torch.nn.functional


def _frac_away(lo=0.1, hi=0.9, period=1.0):
    """Values whose position inside each ``period`` lies in [lo, hi] (away from remainder/frac jumps)."""
    return lambda x: (np.floor(x * 2) + lo + (hi - lo) * (np.tanh(x) + 1) / 2) * period


# ---- elementwise (hypothesis over shapes) ----------------------------------------------------------
UNARY = [
    OpSpec("frac", A.frac, T.frac, domain=_frac_away()),
    OpSpec("logit", A.logit, T.logit, domain=between(0.05, 0.95)),
    OpSpec("logit_eps", lambda x: A.logit(x, eps=0.2), lambda x: T.logit(x, eps=0.2), domain=away_from(0.2, 0.8)),
    OpSpec("exp2", A.exp2, T.exp2),
    OpSpec("deg2rad", A.deg2rad, T.deg2rad),
    OpSpec("rad2deg", A.rad2deg, T.rad2deg),
    OpSpec("sinc", A.sinc, T.sinc, domain=away_from(0.0, gap=0.1)),
    OpSpec("asinh", A.asinh, T.asinh),
    OpSpec("acosh", A.acosh, T.acosh, domain=lambda x: np.abs(x) + 1.2),
    OpSpec("atanh", A.atanh, T.atanh, domain=between(-0.9, 0.9)),
    OpSpec("erfc", A.erfc, T.erfc),
    OpSpec("erfinv", A.erfinv, T.erfinv, domain=between(-0.9, 0.9)),
    OpSpec("lgamma", A.lgamma, T.lgamma, domain=positive),
    OpSpec("digamma", A.digamma, T.digamma, domain=lambda x: np.abs(x) + 0.3, gradgrad=False),
    OpSpec("nan_to_num", A.nan_to_num, T.nan_to_num),
    OpSpec("remainder_scalar", lambda x: x % 1.5, lambda x: x % 1.5, domain=_frac_away(period=1.5)),
    OpSpec("fmod_scalar", lambda x: A.fmod(x, 0.75), lambda x: T.fmod(x, 0.75), domain=_frac_away(period=0.75)),
    OpSpec("logcumsumexp", lambda x: A.logcumsumexp(x, -1), lambda x: T.logcumsumexp(x, -1)),
    OpSpec("cumsum_last", lambda x: x.cumsum(-1), lambda x: x.cumsum(-1)),
    OpSpec("sort", lambda x: x.sort(-1), lambda x: x.sort(-1)),
    OpSpec("sort_desc", lambda x: A.sort(x, 0, descending=True), lambda x: T.sort(x, 0, descending=True)),
    OpSpec("msort", A.msort, T.msort),
    OpSpec("topk1", lambda x: x.topk(1), lambda x: x.topk(1)),
    OpSpec("topk1_smallest", lambda x: x.topk(1, 0, largest=False), lambda x: x.topk(1, 0, largest=False)),
    OpSpec("kthvalue1", lambda x: x.kthvalue(1, -1, True), lambda x: x.kthvalue(1, -1, True)),
    OpSpec("median", A.median, T.median),
    OpSpec("median_dim", lambda x: x.median(-1), lambda x: x.median(-1)),
    OpSpec("nanmedian", A.nanmedian, T.nanmedian),
    OpSpec("cummax", lambda x: x.cummax(-1), lambda x: x.cummax(-1)),
    OpSpec("cummin", lambda x: A.cummin(x, 0), lambda x: T.cummin(x, 0)),
    OpSpec("quantile", lambda x: A.quantile(x, 0.3), lambda x: T.quantile(x, 0.3)),
    OpSpec("nansum", A.nansum, T.nansum),
    OpSpec("nanmean", A.nanmean, T.nanmean),
    OpSpec("aminmax", lambda x: A.aminmax(x), lambda x: T.aminmax(x)),
    OpSpec("ravel", A.ravel, T.ravel),
    OpSpec("repeat_interleave", lambda x: x.repeat_interleave(2), lambda x: x.repeat_interleave(2)),
    OpSpec("matrix_power_free_norm", lambda x: A.linalg.vector_norm(x, 3), lambda x: T.linalg.vector_norm(x, 3)),
    OpSpec("vector_norm_inf", lambda x: A.linalg.vector_norm(x, float("inf")),
           lambda x: T.linalg.vector_norm(x, float("inf"))),
    OpSpec("vector_norm_1", lambda x: A.linalg.vector_norm(x, 1), lambda x: T.linalg.vector_norm(x, 1),
           domain=away_from(0.0)),
]

BINARY = [
    OpSpec("atan2", A.atan2, T.atan2, arity=2, domain=away_from(0.0)),
    OpSpec("hypot", A.hypot, T.hypot, arity=2, domain=away_from(0.0)),
    OpSpec("logaddexp", A.logaddexp, T.logaddexp, arity=2),
    OpSpec("logaddexp2", A.logaddexp2, T.logaddexp2, arity=2),
    OpSpec("xlogy", A.xlogy, T.xlogy, arity=2, domain=positive),
    OpSpec("copysign", A.copysign, T.copysign, arity=2, domain=away_from(0.0)),
    OpSpec("fmax", A.fmax, T.fmax, arity=2),
    OpSpec("fmin", A.fmin, T.fmin, arity=2),
    OpSpec("lerp_scalar", lambda a, b: A.lerp(a, b, 0.3), lambda a, b: T.lerp(a, b, 0.3), arity=2),
    OpSpec("lerp_tensor", A.lerp, T.lerp, arity=3),
    OpSpec("addcmul", lambda a, b, c: A.addcmul(a, b, c, value=0.5), lambda a, b, c: T.addcmul(a, b, c, value=0.5),
           arity=3),
    OpSpec("addcdiv", lambda a, b, c: A.addcdiv(a, b, c, value=2), lambda a, b, c: T.addcdiv(a, b, c, value=2),
           arity=3, domain=away_from(0.0, gap=0.3)),
]


@pytest.mark.parametrize("spec", UNARY + BINARY, ids=repr)
@settings(max_examples=6, deadline=None)
@given(data=st.data())
def test_elementwise_matches_torch_and_gradchecks(spec, data):
    arrays, flags = data.draw(inputs_for(spec))
    check_op(spec.ours, spec.theirs, arrays, flags, differentiable=spec.differentiable, gradgrad=spec.gradgrad)


# ---- shape-specific ops (fixed inputs) ------------------------------------------------------------
def _r(*shape, seed=0, shift=0.0):
    return np.random.default_rng(seed).standard_normal(shape) + shift


def _spd(n, seed=0):
    a = _r(n, n, seed=seed)
    return a @ a.T + n * np.eye(n)


FIXED = [
    ("einsum_mm", lambda L: lambda a, b: L.einsum("ij,jk->ik", a, b), [_r(2, 3), _r(3, 4, seed=1)]),
    ("einsum_batch", lambda L: lambda a, b: L.einsum("bij,bjk->bik", a, b), [_r(2, 2, 3), _r(2, 3, 2, seed=1)]),
    ("einsum_trace_diag", lambda L: lambda a: L.einsum("ii->i", a) + L.einsum("ii", a), [_r(3, 3)]),
    ("einsum_outer_sum", lambda L: lambda a, b: L.einsum("i,j->", a, b), [_r(3), _r(2, seed=1)]),
    ("einsum_ellipsis", lambda L: lambda a, b: L.einsum("...ij,...jk->...ik", a, b), [_r(2, 2, 3), _r(3, 2, seed=1)]),
    ("einsum_three", lambda L: lambda a, b, c: L.einsum("ij,jk,kl->il", a, b, c), [_r(2, 3), _r(3, 2, seed=1), _r(2, 2, seed=2)]),
    ("einsum_bilinear", lambda L: lambda a, w, b: L.einsum("bi,oij,bj->bo", a, w, b), [_r(2, 3), _r(4, 3, 2, seed=1), _r(2, 2, seed=2)]),
    ("outer", lambda L: L.outer, [_r(3), _r(2, seed=1)]),
    ("inner", lambda L: L.inner, [_r(2, 3), _r(4, 3, seed=1)]),
    ("kron", lambda L: L.kron, [_r(2, 2), _r(2, 3, seed=1)]),
    ("tensordot", lambda L: lambda a, b: L.tensordot(a, b, dims=([1, 2], [1, 0])), [_r(2, 3, 4), _r(4, 3, seed=1)]),
    ("trace", lambda L: L.trace, [_r(3, 4)]),
    ("diff", lambda L: lambda a: L.diff(a, n=2, dim=0), [_r(4, 3)]),
    ("cross", lambda L: lambda a, b: L.cross(a, b, dim=1), [_r(2, 3), _r(2, 3, seed=1)]),
    ("cdist", lambda L: L.cdist, [_r(3, 2), _r(4, 2, seed=1)]),
    ("cdist_p1", lambda L: lambda a, b: L.cdist(a, b, p=1), [_r(2, 3, 2), _r(2, 2, 2, seed=1)]),
    ("dist", lambda L: L.dist, [_r(3, 2), _r(3, 2, seed=1)]),
    ("rot90", lambda L: lambda a: L.rot90(a, 1, (0, 1)) * 2 + L.rot90(a, 3, (0, 1)), [_r(2, 2)]),
    ("addmm", lambda L: lambda m, a, b: L.addmm(m, a, b, beta=0.5, alpha=2), [_r(2, 3), _r(2, 4, seed=1), _r(4, 3, seed=2)]),
    ("addmm_bcast", lambda L: L.addmm, [_r(3), _r(2, 4, seed=1), _r(4, 3, seed=2)]),
    ("addmv", lambda L: L.addmv, [_r(2), _r(2, 3, seed=1), _r(3, seed=2)]),
    ("addr", lambda L: L.addr, [_r(2, 3), _r(2, seed=1), _r(3, seed=2)]),
    ("baddbmm", lambda L: L.baddbmm, [_r(2, 2, 3), _r(2, 2, 4, seed=1), _r(2, 4, 3, seed=2)]),
    ("addbmm", lambda L: L.addbmm, [_r(2, 3), _r(2, 2, 4, seed=1), _r(2, 4, 3, seed=2)]),
    ("inv", lambda L: L.linalg.inv, [_spd(3)]),
    ("det", lambda L: L.linalg.det, [_spd(3)]),
    ("det_batched", lambda L: L.det, [np.stack([_spd(2), _spd(2, seed=1)])]),
    ("slogdet", lambda L: lambda a: L.linalg.slogdet(a)[1], [_spd(3)]),
    ("logdet", lambda L: L.logdet, [_spd(3)]),
    ("solve_vec", lambda L: L.linalg.solve, [_spd(3), _r(3, seed=1)]),
    ("solve_mat", lambda L: L.linalg.solve, [_spd(3), _r(3, 2, seed=1)]),
    ("matrix_norm_fro", lambda L: L.linalg.matrix_norm, [_r(2, 3)]),
    ("matrix_norm_1", lambda L: lambda a: L.linalg.matrix_norm(a, 1), [_r(2, 3)]),
    ("linalg_norm", lambda L: L.linalg.norm, [_r(2, 3)]),
    ("multi_dot", lambda L: lambda a, b, c: L.linalg.multi_dot([a, b, c]), [_r(3), _r(3, 2, seed=1), _r(2, seed=2)]),
    ("matrix_power", lambda L: lambda a: L.linalg.matrix_power(a, 3), [_r(2, 2)]),
    ("matrix_power_neg", lambda L: lambda a: L.linalg.matrix_power(a, -2), [_spd(2)]),
    ("normalize", lambda L: lambda a: (F if L is A else TF).normalize(a, dim=1), [_r(3, 4)]),
    ("cosine_similarity", lambda L: (F if L is A else TF).cosine_similarity, [_r(3, 4), _r(3, 4, seed=1)]),
    ("cosine_similarity_bcast", lambda L: lambda a, b: (F if L is A else TF).cosine_similarity(a, b, dim=-1),
     [_r(3, 4), _r(1, 4, seed=1)]),
    ("pairwise_distance", lambda L: (F if L is A else TF).pairwise_distance, [_r(3, 4), _r(3, 4, seed=1)]),
    ("pdist", lambda L: (F if L is A else TF).pdist, [_r(4, 3)]),
    ("quantile_dim", lambda L: lambda a: L.quantile(a, L.tensor([0.1, 0.5, 1.0], dtype=L.float64), dim=1, keepdim=True),
     [_r(2, 5)]),
    ("nanquantile", lambda L: lambda a: L.nanquantile(a, 0.75, dim=0), [_r(5, 2)]),
    ("meshgrid", lambda L: lambda a, b: L.meshgrid(a, b, indexing="xy"), [_r(2), _r(3, seed=1)]),
    ("cartesian_prod", lambda L: L.cartesian_prod, [_r(2), _r(3, seed=1)]),
    ("block_diag", lambda L: L.block_diag, [_r(2, 2), _r(1, 3, seed=1)]),
    ("combinations", lambda L: L.combinations, [_r(4)]),
    ("trapezoid", lambda L: L.trapezoid, [_r(2, 5)]),
    ("mode", lambda L: lambda a: L.mode(a.round(), 1), [_r(2, 6) * 2]),
    ("pixel_shuffle", lambda L: lambda a: (F if L is A else TF).pixel_shuffle(a, 2), [_r(1, 8, 2, 1)]),
    ("pixel_unshuffle", lambda L: lambda a: (F if L is A else TF).pixel_unshuffle(a, 2), [_r(1, 2, 2, 4)]),
    ("sdpa", lambda L: (F if L is A else TF).scaled_dot_product_attention, [_r(1, 2, 3, 2), _r(1, 2, 4, 2, seed=1),
                                                                              _r(1, 2, 4, 2, seed=2)]),
    ("sdpa_causal", lambda L: lambda q, k, v: (F if L is A else TF).scaled_dot_product_attention(q, k, v, is_causal=True),
     [_r(2, 3, 2), _r(2, 3, 2, seed=1), _r(2, 3, 2, seed=2)]),
]


NO_GRADGRAD = {"sdpa", "sdpa_causal", "cdist", "cdist_p1", "pdist"}  # torch has no double backward for these


@pytest.mark.parametrize("name,make,arrays", FIXED, ids=[f[0] for f in FIXED])
def test_fixed_ops_match_torch_and_gradcheck(name, make, arrays):
    check_op(make(A), make(T), arrays, gradgrad=name not in NO_GRADGRAD)


# ---- losses ----------------------------------------------------------------------------------------
_SIGNS = np.array([1.0, -1.0, 1.0])

LOSSES = [
    ("margin_ranking", lambda M: lambda a, b: M.margin_ranking_loss(a, b, _t(M, _SIGNS), margin=0.1), [_r(3), _r(3, seed=1)]),
    ("hinge_embedding", lambda M: lambda a: M.hinge_embedding_loss(a, _t(M, _SIGNS), margin=0.5, reduction="sum"),
     [_r(3)]),
    ("soft_margin", lambda M: lambda a: M.soft_margin_loss(a, _t(M, _SIGNS)), [_r(3)]),
    ("soft_margin_none", lambda M: lambda a: M.soft_margin_loss(a, _t(M, _SIGNS), reduction="none"), [_r(3)]),
    ("cosine_embedding", lambda M: lambda a, b: M.cosine_embedding_loss(a, b, _t(M, _SIGNS), margin=0.2),
     [_r(3, 4), _r(3, 4, seed=1)]),
    ("triplet", lambda M: lambda a, p, n: M.triplet_margin_loss(a, p, n, margin=2.0), [_r(3, 4), _r(3, 4, seed=1),
                                                                                     _r(3, 4, seed=2)]),
    ("triplet_swap_p1", lambda M: lambda a, p, n: M.triplet_margin_loss(a, p, n, p=1, swap=True, margin=3.0),
     [_r(3, 4), _r(3, 4, seed=1), _r(3, 4, seed=2)]),
    ("poisson_nll", lambda M: lambda a: M.poisson_nll_loss(a, _t(M, np.array([0.0, 2.0, 5.0])), full=True), [_r(3)]),
    ("poisson_nll_nolog", lambda M: lambda a: M.poisson_nll_loss(a, _t(M, np.array([1.0, 2.0, 3.0])), log_input=False),
     [np.abs(_r(3)) + 0.5]),
    ("gaussian_nll", lambda M: lambda a, v: M.gaussian_nll_loss(a, _t(M, np.zeros((3, 2))), v, full=True),
     [_r(3, 2), np.abs(_r(3, 1, seed=1)) + 0.5]),
    ("multi_margin", lambda M: lambda a: M.multi_margin_loss(a, _t(M, np.array([0, 2])), margin=0.7), [_r(2, 4)]),
    ("multi_margin_p2_w", lambda M: lambda a: M.multi_margin_loss(a, _t(M, np.array([1, 3])), p=2,
                                                                  weight=_t(M, np.array([1.0, 2.0, 0.5, 1.5]))),
     [_r(2, 4)]),
    ("multilabel_soft_margin", lambda M: lambda a: M.multilabel_soft_margin_loss(a, _t(M, np.array([[1.0, 0, 1],
                                                                                                     [0, 0, 1]]))),
     [_r(2, 3)]),
]


def _t(M, arr):
    lib = A if M is F else T
    return lib.from_numpy(np.array(arr))


@pytest.mark.parametrize("name,make,arrays", LOSSES, ids=[f[0] for f in LOSSES])
def test_extra_losses_match_torch(name, make, arrays):
    check_op(make(F), make(TF), arrays, gradgrad=not name.startswith("multi_margin"))  # torch: no double backward


def test_extra_loss_modules_match_torch():
    a, b, c = (_r(3, 4, seed=s) for s in range(3))
    y = np.array([1.0, -1.0, 1.0])
    pairs = [
        (lambda L, M: M.MarginRankingLoss(0.3)(L.from_numpy(a[:, 0]), L.from_numpy(b[:, 0]), L.from_numpy(y))),
        (lambda L, M: M.HingeEmbeddingLoss()(L.from_numpy(a), L.from_numpy(np.sign(b)))),
        (lambda L, M: M.SoftMarginLoss(reduction="sum")(L.from_numpy(a), L.from_numpy(np.sign(b)))),
        (lambda L, M: M.CosineEmbeddingLoss(margin=0.1)(L.from_numpy(a), L.from_numpy(b), L.from_numpy(y))),
        (lambda L, M: M.TripletMarginLoss(margin=1.5)(L.from_numpy(a), L.from_numpy(b), L.from_numpy(c))),
        (lambda L, M: M.TripletMarginWithDistanceLoss(margin=1.5)(L.from_numpy(a), L.from_numpy(b), L.from_numpy(c))),
        (lambda L, M: M.PoissonNLLLoss()(L.from_numpy(a), L.from_numpy(np.abs(b)))),
        (lambda L, M: M.GaussianNLLLoss()(L.from_numpy(a), L.from_numpy(b), L.from_numpy(np.abs(c) + 0.1))),
        (lambda L, M: M.MultiMarginLoss()(L.from_numpy(a), L.from_numpy(np.array([0, 1, 3])))),
        (lambda L, M: M.MultiLabelSoftMarginLoss()(L.from_numpy(a), L.from_numpy((b > 0).astype(np.float64)))),
        (lambda L, M: M.CosineSimilarity(dim=0)(L.from_numpy(a), L.from_numpy(b))),
        (lambda L, M: M.PairwiseDistance(p=1.0, keepdim=True)(L.from_numpy(a), L.from_numpy(b))),
    ]
    for fn in pairs:
        ours, theirs = fn(A, nn), fn(T, torch.nn)
        assert_close(ours, theirs, rtol=1e-6, atol=1e-8)
    assert repr(nn.TripletMarginLoss()) == repr(torch.nn.TripletMarginLoss())
    assert repr(nn.CosineSimilarity()) == repr(torch.nn.CosineSimilarity())


# ---- attention / transformer ------------------------------------------------------------------------
def _copy_state(ours, theirs):
    ours.load_state_dict({k: A.from_numpy(v.detach().numpy().copy()) for k, v in theirs.state_dict().items()})


@pytest.mark.parametrize("kwargs,call", [
    ({}, {}),
    ({"batch_first": True}, {"need_weights": False}),
    ({"kdim": 3, "vdim": 5}, {"average_attn_weights": False}),
    ({"add_bias_kv": True, "add_zero_attn": True}, {}),
    ({"bias": False}, {"attn_mask": "causal"}),
    ({"batch_first": True}, {"key_padding_mask": "pad", "need_weights": False}),
], ids=["default", "batch_first", "kvdim", "bias_kv_zero_attn", "causal_mask", "key_padding"])
def test_multihead_attention_matches_torch(kwargs, call):
    tm = torch.nn.MultiheadAttention(6, 2, dtype=torch.float64, **kwargs)
    om = nn.MultiheadAttention(6, 2, dtype=A.float64, **kwargs)
    _copy_state(om, tm)
    assert [k for k in om.state_dict()] == [k for k in tm.state_dict()]
    assert repr(om) == repr(tm)
    bf = kwargs.get("batch_first", False)
    shape = (2, 4) if bf else (4, 2)
    q = _r(*shape, 6)
    k = _r(*shape, kwargs.get("kdim", 6), seed=1)
    v = _r(*shape, kwargs.get("vdim", 6), seed=2)

    def run(L, m):
        c = dict(call)
        if c.get("attn_mask") == "causal":
            c["attn_mask"] = L.triu(L.ones(4, 4, dtype=L.bool), 1)
        if c.get("key_padding_mask") == "pad":
            c["key_padding_mask"] = L.tensor([[False, False, True, True], [False, False, False, True]])
        xs = [L.from_numpy(x.copy()).requires_grad_() for x in (q, k, v)]
        out, w = m(*xs, **c)
        (out.sum() + (0 if w is None else (w * w).sum())).backward()
        return out, w, [x.grad for x in xs]

    o, w, g = run(A, om)
    to, tw, tg = run(T, tm)
    assert_close(o, to, rtol=1e-7, atol=1e-9)
    assert (w is None) == (tw is None)
    if w is not None:
        assert_close(w, tw, rtol=1e-7, atol=1e-9)
    for a, b in zip(g, tg):
        assert_close(a, b, rtol=1e-6, atol=1e-9)
    for (n, p), (tn, tp) in zip(om.named_parameters(), tm.named_parameters()):
        assert n == tn
        assert_close(p.grad, tp.grad, rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize("norm_first", [False, True])
def test_transformer_matches_torch(norm_first):
    tt = torch.nn.Transformer(d_model=8, nhead=2, num_encoder_layers=2, num_decoder_layers=1, dim_feedforward=12,
                              dropout=0.0, batch_first=True, norm_first=norm_first, dtype=torch.float64)
    ot = nn.Transformer(d_model=8, nhead=2, num_encoder_layers=2, num_decoder_layers=1, dim_feedforward=12,
                        dropout=0.0, batch_first=True, norm_first=norm_first, dtype=A.float64)
    _copy_state(ot, tt)
    assert list(ot.state_dict()) == list(tt.state_dict())
    assert repr(ot) == repr(tt)
    src, tgt = _r(2, 5, 8), _r(2, 3, 8, seed=1)
    mask_t = torch.nn.Transformer.generate_square_subsequent_mask(3, dtype=torch.float64)
    mask_o = nn.Transformer.generate_square_subsequent_mask(3, dtype=A.float64)
    assert_close(mask_o, mask_t)
    out_o = ot(A.from_numpy(src), A.from_numpy(tgt), tgt_mask=mask_o)
    out_t = tt(torch.from_numpy(src), torch.from_numpy(tgt), tgt_mask=mask_t)
    assert_close(out_o, out_t, rtol=1e-7, atol=1e-9)
    out_o.pow(2).sum().backward()
    out_t.pow(2).sum().backward()
    for (n, p), (tn, tp) in zip(ot.named_parameters(), tt.named_parameters()):
        assert_close(p.grad, tp.grad, rtol=1e-6, atol=1e-8)


def test_transformer_encoder_layer_gelu_padding_mask():
    tl = torch.nn.TransformerEncoderLayer(4, 2, 6, dropout=0.0, activation="gelu", dtype=torch.float64)
    ol = nn.TransformerEncoderLayer(4, 2, 6, dropout=0.0, activation="gelu", dtype=A.float64)
    _copy_state(ol, tl)
    x = _r(3, 2, 4)
    pad = np.array([[False, False, True], [False, False, False]])
    assert_close(ol(A.from_numpy(x), src_key_padding_mask=A.from_numpy(pad)),
                 tl(torch.from_numpy(x), src_key_padding_mask=torch.from_numpy(pad)), rtol=1e-7, atol=1e-9)


# ---- interpolate ------------------------------------------------------------------------------------
INTERP = [
    ((1, 2, 5), {"size": 8, "mode": "nearest"}),
    ((1, 2, 5), {"scale_factor": 1.7, "mode": "nearest"}),
    ((1, 2, 5), {"size": 3, "mode": "nearest-exact"}),
    ((1, 2, 5), {"size": 7, "mode": "linear"}),
    ((1, 2, 5), {"size": 7, "mode": "linear", "align_corners": True}),
    ((2, 1, 3, 4), {"scale_factor": 2, "mode": "nearest"}),
    ((2, 1, 3, 4), {"size": (5, 3), "mode": "bilinear"}),
    ((2, 1, 3, 4), {"scale_factor": (1.5, 0.5), "mode": "bilinear", "align_corners": True}),
    ((2, 1, 3, 4), {"scale_factor": 2.5, "mode": "bilinear", "recompute_scale_factor": True}),
    ((1, 1, 4, 4), {"size": (6, 5), "mode": "bicubic"}),
    ((1, 1, 4, 4), {"size": (3, 7), "mode": "bicubic", "align_corners": True}),
    ((1, 1, 4, 4), {"size": (2, 3), "mode": "area"}),
    ((1, 1, 2, 3, 2), {"scale_factor": 2, "mode": "trilinear"}),
]


@pytest.mark.parametrize("shape,kw", INTERP, ids=[f"{len(s)}d-{k['mode']}-{i}" for i, (s, k) in enumerate(INTERP)])
def test_interpolate_matches_torch(shape, kw):
    check_op(lambda x: F.interpolate(x, **kw), lambda x: TF.interpolate(x, **kw), [_r(*shape)], gradgrad=False,
             gradchecks=False)


def test_interpolate_float32_and_upsample_modules():
    x = np.random.default_rng(3).standard_normal((1, 2, 5, 7)).astype(np.float32)
    for kw in ({"scale_factor": 3, "mode": "nearest"}, {"size": (9, 4), "mode": "bilinear"},
               {"scale_factor": 1.3, "mode": "bicubic"}):
        assert_close(F.interpolate(A.from_numpy(x), **kw), TF.interpolate(torch.from_numpy(x), **kw), rtol=1e-5,
                     atol=1e-6)
    for args in (((), {"scale_factor": 2}), ((), {"size": (3, 3), "mode": "bilinear"})):
        om, tm = nn.Upsample(*args[0], **args[1]), torch.nn.Upsample(*args[0], **args[1])
        assert repr(om) == repr(tm)
        assert_close(om(A.from_numpy(x)), tm(torch.from_numpy(x)), rtol=1e-5, atol=1e-6)
    assert repr(nn.UpsamplingBilinear2d(scale_factor=2)) == repr(torch.nn.UpsamplingBilinear2d(scale_factor=2))
    assert repr(nn.PixelShuffle(3)) == repr(torch.nn.PixelShuffle(3))
    assert_close(nn.UpsamplingBilinear2d(scale_factor=2)(A.from_numpy(x)),
                 torch.nn.UpsamplingBilinear2d(scale_factor=2)(torch.from_numpy(x)), rtol=1e-5, atol=1e-6)


def test_gumbel_softmax_shape_and_straight_through():
    logits = A.zeros(4, 3, requires_grad=True)
    y = F.gumbel_softmax(logits, tau=0.5, hard=True)
    assert y.shape == (4, 3) and bool((y.sum(-1) == 1).all()) and set(np.unique(y.detach().numpy())) <= {0.0, 1.0}
    (y * A.arange(3.0)).sum().backward()
    assert logits.grad is not None and logits.grad.shape == (4, 3)
    soft = F.gumbel_softmax(logits, tau=1.0)
    np.testing.assert_allclose(soft.sum(-1).detach().numpy(), 1.0, rtol=1e-6)


# ---- order statistics: values, indices, ties, NaN, errors ------------------------------------------------
@pytest.mark.parametrize("fn", [
    lambda L, x: L.sort(x, dim=1, descending=True, stable=True),
    lambda L, x: L.sort(x, dim=0, stable=True),
    lambda L, x: L.argsort(x, dim=1, descending=True, stable=True),

    lambda L, x: L.unique(x, return_inverse=True, return_counts=True),
    lambda L, x: L.unique(x, dim=0),
    lambda L, x: L.unique_consecutive(x, return_counts=True, return_inverse=True),
    lambda L, x: L.unique_consecutive(x, dim=1),
    lambda L, x: L.cummax(x, 1),
    lambda L, x: L.cummin(x, 0),
], ids=["sort_desc", "sort0", "argsort", "unique", "unique_dim",
        "unique_consec", "unique_consec_dim", "cummax", "cummin"])
def test_order_statistics_with_ties_match_torch(fn):
    x = np.array([[3, 1, 3, 2, 1], [0, 0, 5, 5, 4], [3, 1, 3, 2, 1]], dtype=np.float32)
    ours, theirs = fn(A, A.from_numpy(x)), fn(T, torch.from_numpy(x))
    ours = ours if isinstance(ours, tuple) else (ours,)
    theirs = theirs if isinstance(theirs, tuple) else (theirs,)
    for o, t in zip(ours, theirs):
        assert_close(o, t)


def test_sort_nan_and_bool_and_int():
    x = np.array([2.0, np.nan, -1.0, np.nan, 0.5], dtype=np.float32)
    for desc in (False, True):
        o, t = A.sort(A.from_numpy(x), descending=desc), torch.sort(torch.from_numpy(x), descending=desc, stable=True)
        np.testing.assert_array_equal(o.indices.numpy(), t.indices.numpy())
    b = np.array([True, False, True])
    assert_close(A.sort(A.from_numpy(b)).values, torch.sort(torch.from_numpy(b)).values)
    assert_close(A.tensor([5, 3, 9]).argsort(descending=True), torch.tensor([5, 3, 9]).argsort(descending=True))
    assert_close(A.median(A.from_numpy(x)), torch.median(torch.from_numpy(x)))
    assert_close(A.nanmedian(A.from_numpy(x)), torch.nanmedian(torch.from_numpy(x)))
    assert_close(A.median(A.from_numpy(x.reshape(1, 5)), 1).values, torch.median(torch.from_numpy(x.reshape(1, 5)), 1).values)


def test_order_statistics_errors_and_names():
    x = A.ones(2, 3, requires_grad=True)
    with pytest.raises(RuntimeError):
        x.topk(4)
    with pytest.raises(RuntimeError):  # torch: "kthvalue(): selected number k out of range for dimension 1"
        x.kthvalue(0)
    with pytest.raises(IndexError):
        x.sort(dim=2)
    assert x.sort().values.grad_fn.name() == "SortBackward0"
    assert x.topk(1).values.grad_fn.name() == "TopkBackward0"
    assert x.median().grad_fn.name() == "MedianBackward0"
    assert x.median(0).values.grad_fn.name() == "MedianBackward1"
    assert x.cummax(0).values.grad_fn.name() == "CummaxBackward0"
    assert A.unique(x).grad_fn.name() == "Unique2Backward0"
    assert repr(A.sort(A.tensor([2, 1]))).startswith("autograd.return_types.sort(")
    assert A.sort(A.tensor(3.0)).values.shape == () and A.sort(A.tensor(3.0)).indices.item() == 0


def test_counting_ops_match_torch():
    lab = np.array([3, 1, 2, 3, 3, 0])
    w = np.array([0.5, 1.0, 2.0, 0.25, 1.0, 3.0], dtype=np.float32)
    assert_close(A.bincount(A.from_numpy(lab), minlength=6), torch.bincount(torch.from_numpy(lab), minlength=6))
    assert_close(A.bincount(A.from_numpy(lab), A.from_numpy(w)), torch.bincount(torch.from_numpy(lab), torch.from_numpy(w)))
    assert_close(A.bincount(A.from_numpy(lab), A.from_numpy(lab.astype(np.int32))),
                 torch.bincount(torch.from_numpy(lab), torch.from_numpy(lab.astype(np.int32))))
    v = np.array([0.1, 0.5, 2.0, 1.0, -1.0, 1.5], dtype=np.float32)
    assert_close(A.histc(A.from_numpy(v), bins=4, min=0, max=2), torch.histc(torch.from_numpy(v), bins=4, min=0, max=2))
    assert_close(A.histc(A.from_numpy(v), bins=3), torch.histc(torch.from_numpy(v), bins=3))
    s = np.array([[1, 3, 5, 7], [2, 4, 6, 8]])
    q = np.array([[0, 3], [5, 9]])
    for right in (False, True):
        assert_close(A.searchsorted(A.from_numpy(s), A.from_numpy(q), right=right),
                     torch.searchsorted(torch.from_numpy(s), torch.from_numpy(q), right=right))
        assert_close(A.bucketize(A.from_numpy(q), A.from_numpy(s[0]), right=right),
                     torch.bucketize(torch.from_numpy(q), torch.from_numpy(s[0]), right=right))
    assert_close(A.count_nonzero(A.from_numpy(s - 3), dim=1), torch.count_nonzero(torch.from_numpy(s - 3), dim=1))
    assert_close(A.isin(A.from_numpy(lab), A.tensor([1, 3])), torch.isin(torch.from_numpy(lab), torch.tensor([1, 3])))
    assert_close(A.tril_indices(4, 3, -1), torch.tril_indices(4, 3, -1))
    assert_close(A.triu_indices(3, 5, 2), torch.triu_indices(3, 5, 2))
    assert_close(A.repeat_interleave(A.tensor([2, 0, 1])), torch.repeat_interleave(torch.tensor([2, 0, 1])))


# ---- dtypes, grad_fn names, misc ---------------------------------------------------------------------------
@pytest.mark.parametrize("fn", [
    lambda L, a, b: L.atan2(a, b), lambda L, a, b: L.remainder(a, b), lambda L, a, b: a % 3,
    lambda L, a, b: L.fmod(a, b), lambda L, a, b: L.fmod(a, 2.5), lambda L, a, b: L.hypot(a, b),
    lambda L, a, b: L.logaddexp(a, b), lambda L, a, b: L.xlogy(a, b), lambda L, a, b: L.copysign(a, b),
    lambda L, a, b: L.fmax(a, b), lambda L, a, b: L.lerp(a, b, 0.5), lambda L, a, b: L.addcmul(a, a, b),
    lambda L, a, b: L.float_power(a, 2), lambda L, a, b: L.heaviside(a, b), lambda L, a, b: L.nan_to_num(a / 0),
    lambda L, a, b: L.frac(a), lambda L, a, b: L.sgn(a), lambda L, a, b: L.signbit(a),
], ids=["atan2", "remainder", "mod_scalar", "fmod", "fmod_scalar", "hypot", "logaddexp", "xlogy", "copysign", "fmax",
        "lerp", "addcmul", "float_power", "heaviside", "nan_to_num", "frac", "sgn", "signbit"])
@pytest.mark.parametrize("dt", ["float32", "float64", "int64", "int32"])
def test_binary_dtypes_match_torch(fn, dt):
    a = np.array([[-3.5, 2.0, 0.0], [7.0, -1.0, 4.5]]).astype(dt)
    b = np.array([[2.0, -3.0, 1.5], [0.5, 2.0, -4.0]]).astype(dt)
    try:
        theirs = fn(T, torch.from_numpy(a), torch.from_numpy(b))
    except Exception as e:  # noqa: BLE001 - the same exception type
        with pytest.raises(type(e)):
            fn(A, A.from_numpy(a), A.from_numpy(b))
        return
    ours = fn(A, A.from_numpy(a), A.from_numpy(b))
    assert_close(ours, theirs, rtol=1e-6, atol=1e-7)


def test_grad_fn_names_match_torch():
    cases = [
        lambda L, a, b: a % 2, lambda L, a, b: a % b, lambda L, a, b: L.fmod(a, b), lambda L, a, b: L.fmod(a, 2),
        lambda L, a, b: L.atan2(a, b), lambda L, a, b: L.lerp(a, b, 0.2), lambda L, a, b: L.lerp(a, b, b),
        lambda L, a, b: L.addcmul(a, a, b), lambda L, a, b: L.addcdiv(a, a, b), lambda L, a, b: L.logit(a.sigmoid()),
        lambda L, a, b: a.exp2(), lambda L, a, b: a.frac(), lambda L, a, b: a.sinc(), lambda L, a, b: L.trace(a),
        lambda L, a, b: L.addmm(a[:, :2], a, b.t()), lambda L, a, b: L.logcumsumexp(a, 0), lambda L, a, b: L.nansum(a),
        lambda L, a, b: L.nan_to_num(a), lambda L, a, b: L.aminmax(a).min, lambda L, a, b: L.hypot(a, b),
        lambda L, a, b: L.linalg.inv(a[:, :2]), lambda L, a, b: L.linalg.det(a[:, :2]),
        lambda L, a, b: L.linalg.vector_norm(a), lambda L, a, b: L.linalg.solve(a[:, :2], b[:, 0]),
        lambda L, a, b: L.outer(a[0], b[0]), lambda L, a, b: L.diff(a), lambda L, a, b: L.xlogy(a, b),
        lambda L, a, b: L.logaddexp(a, b), lambda L, a, b: (F if L is A else TF).normalize(a),
        lambda L, a, b: (F if L is A else TF).cosine_similarity(a, b),
        lambda L, a, b: (F if L is A else TF).pairwise_distance(a, b),
        lambda L, a, b: L.linalg.matrix_norm(a, 1), lambda L, a, b: L.clamp_min(a, 0), lambda L, a, b: a.clamp_max(0),
        lambda L, a, b: L.cdist(a, b), lambda L, a, b: L.dist(a, b), lambda L, a, b: a.repeat_interleave(2, dim=1),
        lambda L, a, b: a.repeat_interleave(L.tensor([1, 2]), dim=0), lambda L, a, b: L.sort(a).values,
        lambda L, a, b: a.topk(2).values, lambda L, a, b: a.kthvalue(1).values, lambda L, a, b: a.cummin(1).values,
    ]
    a0, b0 = _r(2, 3) + 3, np.abs(_r(2, 3, seed=1)) + 1
    for k, fn in enumerate(cases):
        ours = fn(A, A.from_numpy(a0).requires_grad_(), A.from_numpy(b0).requires_grad_())
        theirs = fn(T, torch.from_numpy(a0).requires_grad_(), torch.from_numpy(b0).requires_grad_())
        assert ours.grad_fn.name() == type(theirs.grad_fn).__name__, f"case {k}"


def test_finfo_iinfo():
    for dt in ("float16", "float32", "float64"):
        o, t = A.finfo(getattr(A, dt)), torch.finfo(getattr(torch, dt))
        for f in ("bits", "eps", "max", "min", "tiny", "resolution", "smallest_normal"):
            assert getattr(o, f) == pytest.approx(getattr(t, f)), (dt, f)
    for dt in ("uint8", "int8", "int16", "int32", "int64"):
        o, t = A.iinfo(getattr(A, dt)), torch.iinfo(getattr(torch, dt))
        assert (o.bits, o.min, o.max) == (t.bits, t.min, t.max)
    assert A.finfo().eps == torch.finfo().eps and repr(A.finfo(A.float32)) == repr(torch.finfo(torch.float32))
    with pytest.raises(TypeError):
        A.finfo(A.int32)
    with pytest.raises(TypeError):
        A.iinfo(A.float32)


def test_linspace_matches_torch_bitwise():
    rng = np.random.default_rng(0)
    for _ in range(200):
        a, b = rng.uniform(-50, 50, 2)
        n = int(rng.integers(0, 40))
        for od, td in ((A.float32, torch.float32), (A.float64, torch.float64)):
            np.testing.assert_array_equal(A.linspace(a, b, n, dtype=od).numpy(), torch.linspace(a, b, n, dtype=td).numpy())
        np.testing.assert_array_equal(A.linspace(int(a), int(b), n, dtype=A.int64).numpy(),
                                      torch.linspace(int(a), int(b), n, dtype=torch.int64).numpy())


def test_lazy_namespace_aliases():
    """``import autograd as torch``: torch.nn / torch.optim / torch.autograd / torch.utils.data resolve."""
    import optim
    assert A.nn is nn and A.optim is optim and A.autograd is A and A.utils.data is A.data
    with pytest.raises(AttributeError):
        A.no_such_thing  # noqa: B018


def test_inplace_variants_exist():
    x = A.tensor([0.5, 1.5, 2.5])
    x.remainder_(1.0)
    assert_close(x, torch.tensor([0.5, 0.5, 0.5]))
    y = A.tensor([1.0, 2.0])
    y.lerp_(A.tensor([3.0, 4.0]), 0.5).addcmul_(y, y)
    ty = torch.tensor([1.0, 2.0])
    ty.lerp_(torch.tensor([3.0, 4.0]), 0.5).addcmul_(ty, ty)
    assert_close(y, ty)
    z = A.tensor([5, 7])
    z %= 3
    assert z.tolist() == [2, 1]


# ---- decompositions: gauge-invariant functions of the factors ------------------------------------------
def _grid(*shape):
    return np.arange(float(np.prod(shape))).reshape(shape)


DECOMP = {
    "svdvals": (lambda L, a: L.linalg.svdvals(a).pow(2).sum() + L.linalg.svd(a, full_matrices=False).S[0], [_r(4, 3)]),
    "svd_wide_S": (lambda L, a: (L.linalg.svd(a, full_matrices=False).S * L.arange(1., 4, dtype=L.float64)).sum(),
                   [_r(3, 5)]),
    "svd_UV": (lambda L, a: (lambda r: (r.U[:, :2] @ r.Vh[:2, :] * L.from_numpy(_grid(4, 3))).sum())(
        L.linalg.svd(a, full_matrices=False)), [_r(4, 3)]),
    "svd_wide_USV": (lambda L, a: (lambda r: (r.U @ L.diag(r.S.pow(3)) @ r.Vh * L.from_numpy(_grid(3, 5))).sum())(
        L.linalg.svd(a, full_matrices=False)), [_r(3, 5)]),
    "svd_full": (lambda L, a: (lambda r: (r.U[:, :3] @ L.diag(r.S) @ r.Vh[:3]).pow(2).sum() + (r.U[:, :1] @ r.Vh[:1]).sum())(
        L.linalg.svd(a, full_matrices=True)), [_r(5, 3)]),
    "legacy_svd": (lambda L, a: (lambda r: (r.U[:, :1] @ r.V[:, :1].T).sum() + r.S.sum())(L.svd(a)), [_r(4, 3)]),
    "batched_svdvals": (lambda L, a: L.linalg.svdvals(a).sum(), [_r(2, 3, 4)]),
    "eigvalsh": (lambda L, a: (L.linalg.eigvalsh(a + a.T) * L.arange(1., 4, dtype=L.float64)).sum(), [_r(3, 3)]),
    "eigh_vectors": (lambda L, a: (lambda r: ((r.eigenvectors[:, :1] @ r.eigenvectors[:, :1].T) * L.from_numpy(_grid(3, 3))).sum()
                                   + r.eigenvalues[2])(L.linalg.eigh(a + a.T)), [_r(3, 3)]),
    "qr_reduced": (lambda L, a: (lambda r: (r.Q * L.from_numpy(_grid(4, 3))).sum() + r.R.sum())(L.linalg.qr(a)), [_r(4, 3)]),
    "qr_square": (lambda L, a: (lambda r: (r.Q @ r.R.pow(2)).sum())(L.linalg.qr(a)), [_r(3, 3)]),
    "cholesky": (lambda L, a: (L.linalg.cholesky(a @ a.T + 3 * L.eye(3, dtype=L.float64)) * L.from_numpy(_grid(3, 3))).sum(),
                 [_r(3, 3)]),
    "cholesky_upper": (lambda L, a: (L.linalg.cholesky(a @ a.T + 3 * L.eye(3, dtype=L.float64), upper=True)
                                     * L.from_numpy(_grid(3, 3))).sum(), [_r(3, 3)]),
    "pinv": (lambda L, a: (L.linalg.pinv(a) * L.from_numpy(_grid(3, 4))).sum(), [_r(4, 3)]),
    "lstsq": (lambda L, a, b: L.linalg.lstsq(a, b).solution.pow(2).sum(), [_r(5, 3), _r(5, 2, seed=1)]),
    "solve_triangular": (lambda L, a, b: L.linalg.solve_triangular(a.triu() + 3 * L.eye(3, dtype=L.float64), b,
                                                                  upper=True).sum(), [_r(3, 3), _r(3, 2, seed=1)]),
}


@pytest.mark.parametrize("name", sorted(DECOMP))
def test_decompositions_match_torch_and_gradcheck(name):
    fn, arrays = DECOMP[name]
    check_op(lambda *xs: fn(A, *xs), lambda *xs: fn(T, *xs), arrays, gradgrad=False)


def test_decomposition_results_and_names():
    a = _r(4, 3)
    U, S, Vh = A.linalg.svd(A.from_numpy(a).requires_grad_(), full_matrices=False)
    assert U.grad_fn.name() == "LinalgSvdBackward0" and repr(A.linalg.svd(A.from_numpy(a))).startswith(
        "autograd.return_types.linalg_svd(")
    np.testing.assert_allclose((U.detach().numpy() * S.detach().numpy()) @ Vh.detach().numpy(), a, atol=1e-12)
    assert A.linalg.svd(A.from_numpy(a)).U.shape == (4, 4)
    assert_close(A.linalg.matrix_rank(A.from_numpy(np.ones((3, 3)))), torch.linalg.matrix_rank(torch.ones(3, 3)))
    r = A.linalg.lstsq(A.from_numpy(a), A.from_numpy(_r(4, seed=1)))
    tr = torch.linalg.lstsq(torch.from_numpy(a), torch.from_numpy(_r(4, seed=1)).unsqueeze(-1))
    assert_close(r.solution, tr.solution.squeeze(-1), rtol=1e-10, atol=1e-12)
    assert r.rank.item() == 3 and tuple(r.residuals.shape) == (0,)
    with pytest.raises(RuntimeError):
        A.linalg.cholesky(A.from_numpy(-np.eye(2)))
    q, rr = A.from_numpy(a).qr()
    np.testing.assert_allclose(q.numpy() @ rr.numpy(), a, atol=1e-12)


@pytest.mark.parametrize("rcond", [None, 1e-3])
def test_pinverse_uses_torchs_default_rcond(rcond):
    a = np.array([[1.0, 2.0], [2.0, 4.000000001]])
    kw = {} if rcond is None else {"rcond": rcond}
    np.testing.assert_allclose(A.pinverse(A.tensor(a), **kw).numpy(), torch.pinverse(torch.tensor(a), **kw).numpy(),
                               rtol=1e-6)
