"""One mechanism that proves an op: forward, backward and double backward held against PyTorch,
then ``autograd.gradcheck`` and ``gradgradcheck`` in float64. Op tables in the test files feed it.

An ``OpSpec`` names the op for us and for torch (both called as ``fn(*inputs, **kwargs)``), how many
tensor inputs it takes and how to shape their values (``domain``: keep away from poles and kinks).
"""
import dataclasses
from typing import Callable, Optional

import numpy as np
from hypothesis import reject, strategies as st
from hypothesis.extra import numpy as hnp

from oracle import assert_close, torch

import autograd


@dataclasses.dataclass
class OpSpec:
    name: str
    ours: Callable
    theirs: Callable
    arity: int = 1
    domain: Optional[Callable] = None     # values -> values (elementwise), per input
    differentiable: bool = True           # False: forward only (bool results, zero-gradient ops)
    gradgrad: bool = True
    atol: float = 1e-8
    rtol: float = 1e-7

    def __repr__(self):
        return self.name


# ---- value domains -------------------------------------------------------------------------------
def positive(x):
    return np.abs(x) + 0.5


def away_from(*points, gap=0.05):
    """Push values within ``gap`` of any of ``points`` (kinks, jumps, poles) out beyond ``gap``, keeping them random."""
    def fn(x):
        x = np.array(x, dtype=np.float64)
        for p in points:
            near = np.abs(x - p) < gap
            d = x[near] - p
            x[near] = p + np.where(d >= 0, 1.0, -1.0) * (gap + np.abs(d))
        return x
    return fn


def between(lo, hi):
    return lambda x: lo + (hi - lo) * (np.tanh(x) + 1) / 2


def quarter_points(x):
    """Values on k/2 + 1/4: far from the jumps of floor/ceil/round/trunc/sign."""
    return np.floor(x * 2) / 2 + 0.25


# ---- hypothesis strategies -----------------------------------------------------------------------
MAX_NUMEL = 12  # keeps finite differences (and their second order) cheap


def _small(shape):
    return int(np.prod(shape)) <= MAX_NUMEL


def shapes(max_dims=3, min_dims=0, max_side=3):
    return hnp.array_shapes(min_dims=min_dims, max_dims=max_dims, min_side=1, max_side=max_side).filter(_small)


def broadcastable(n, max_dims=3, max_side=3):
    """``n`` mutually broadcastable shapes (size-1 dims, missing leading dims) with a small result."""
    return hnp.mutually_broadcastable_shapes(num_shapes=n, min_dims=0, max_dims=max_dims, min_side=1,
                                             max_side=max_side).filter(lambda b: _small(b.result_shape)).map(
        lambda b: b.input_shapes)


@st.composite
def inputs_for(draw, spec, shape_list=None):
    """Draw (arrays, noncontig flags) for a spec: random normal values through its domain."""
    if shape_list is None:
        shape_list = [draw(shapes())] if spec.arity == 1 else list(draw(broadcastable(spec.arity)))
    seed = draw(st.integers(0, 2 ** 32 - 1))
    rng = np.random.default_rng(seed)
    arrays = []
    for shape in shape_list:
        a = rng.standard_normal(shape)
        arrays.append(np.asarray(spec.domain(a) if spec.domain else a, dtype=np.float64))
    flags = [len(s) >= 2 and draw(st.booleans()) for s in shape_list]
    return arrays, flags


# ---- the proof ------------------------------------------------------------------------------------
def _leaves(arrays, flags, lib):
    """Leaves holding the values; a flagged input is stored transposed and fed to the op as a view."""
    leaves = []
    for a, nc in zip(arrays, flags):
        stored = np.ascontiguousarray(a.transpose()) if nc else a.copy()
        if lib == "ours":
            leaves.append(autograd.from_numpy(stored).requires_grad_())
        else:
            leaves.append(torch.from_numpy(stored.copy()).requires_grad_())
    return leaves


def _call(fn, flags, kwargs):
    def run(*leaves):
        args = [x.permute(*range(x.ndim - 1, -1, -1)) if nc else x for x, nc in zip(leaves, flags)]
        out = fn(*args, **kwargs)
        return tuple(out) if isinstance(out, tuple) else out
    return run


def _as_tuple(out):
    return tuple(out) if isinstance(out, tuple) else (out,)


def _float_outputs(outs):
    return [o for o in outs if o.dtype.is_floating_point and o.requires_grad]


def _compare_grads(ours, theirs, leaves, rtol, atol, what):
    for k, (g, tg, x) in enumerate(zip(ours, theirs, leaves)):
        a = np.zeros(x.shape) if g is None else g.detach().numpy()
        b = np.zeros(tuple(x.shape)) if tg is None else tg.detach().numpy(force=True)
        np.testing.assert_allclose(a, b, rtol=rtol, atol=atol, err_msg=f"{what} of input {k}")


def check_op(ours, theirs, arrays, flags=None, kwargs=None, *, differentiable=True, gradgrad=True,
             rtol=1e-7, atol=1e-8, seed=0, gradchecks=True):
    """Forward, backward and double backward vs torch; then gradcheck and gradgradcheck."""
    kwargs = kwargs or {}
    flags = flags or [False] * len(arrays)
    f, tf = _call(ours, flags, kwargs), _call(theirs, flags, kwargs)
    xs, txs = _leaves(arrays, flags, "ours"), _leaves(arrays, flags, "torch")

    try:
        touts = _as_tuple(tf(*txs))
    except RuntimeError:  # a torch quirk on this example (dtype/error agreement is tested elsewhere)
        reject()
    outs = _as_tuple(f(*xs))
    assert len(outs) == len(touts)
    for o, to in zip(outs, touts):
        assert_close(o, to, rtol=rtol, atol=atol)
    if not differentiable:
        return

    rng = np.random.default_rng(seed)
    pairs = [(o, to) for o, to in zip(outs, touts) if o.dtype.is_floating_point]
    assert all(o.requires_grad == to.requires_grad for o, to in pairs), "requires_grad differs from torch"
    pairs = [(o, to) for o, to in pairs if o.requires_grad]
    if not pairs:
        return
    vs = [rng.standard_normal(tuple(o.shape)) for o, _ in pairs]
    grads = autograd.grad([o for o, _ in pairs], xs, [autograd.tensor(v) for v in vs], create_graph=True,
                          allow_unused=True)
    try:
        tgrads = torch.autograd.grad([to for _, to in pairs], txs, [torch.tensor(v) for v in vs],
                                     create_graph=True, allow_unused=True)
    except RuntimeError:  # torch quirk (e.g. clamp of a 0-d input by a [1] bound)
        reject()
    _compare_grads(grads, tgrads, xs, rtol, atol, "gradient")

    live = [(g, tg) for g, tg in zip(grads, tgrads) if g is not None and g.requires_grad]
    if gradgrad and live:
        ws = [rng.standard_normal(tuple(g.shape)) for g, _ in live]
        gg = autograd.grad([g for g, _ in live], xs, [autograd.tensor(w) for w in ws], allow_unused=True)
        t_live = [(tg, w) for (_, tg), w in zip(live, ws) if tg is not None and tg.requires_grad]
        if t_live:
            tgg = torch.autograd.grad([tg for tg, _ in t_live], txs, [torch.tensor(w) for _, w in t_live],
                                      allow_unused=True)
        else:
            tgg = [None] * len(txs)
        _compare_grads(gg, tgg, xs, rtol, atol, "second derivative")

    if gradchecks:
        assert autograd.gradcheck(f, tuple(xs))
        if gradgrad:
            assert autograd.gradgradcheck(f, tuple(xs))
