"""``autograd.forward_ad`` (torch.autograd.forward_ad): dual tensors that carry a tangent through the ops.

Inside ``dual_level()``, ``make_dual(x, v)`` gives ``x`` a tangent ``v``; every op applied to a dual tensor
gives its output the tangent J·v, and ``unpack_dual(y)`` returns ``(primal, tangent)``. J·v comes from
the op's own differentiable backward by the double-vjp trick: vjp(u) = Jᵀu is linear in a dummy output
gradient u, so the gradient of <Jᵀu, v> with respect to u is J·v. That costs one forward and two
backward passes of the op, so forward mode here is for checking and teaching rather than speed; a
custom ``Function`` with a ``jvp`` staticmethod has it called instead. While a level is open
``Function.apply`` is wrapped (the ordinary path pays nothing otherwise); leaving the level drops
every tangent, as in torch.
"""
import collections
import weakref

import numpy as np

from .function import Function
from .grad_mode import enable_grad
from .random import get_rng_state, set_rng_state
from .tensor import Tensor

__all__ = ["dual_level", "enter_dual_level", "exit_dual_level", "make_dual", "unpack_dual", "UnpackedDualTensor"]

UnpackedDualTensor = collections.namedtuple("UnpackedDualTensor", ["primal", "tangent"])

_LEVELS = []          # per open level: weak references to the tensors given a tangent in it
_WRAPPED_APPLY = []   # Function.apply as it was when the level opened
_SUSPENDED = [0]      # > 0 while the module itself runs ops whose outputs get no tangent


def enter_dual_level():
    """Open a forward-AD level (only one at a time, as in torch) and return its number."""
    if _LEVELS:
        raise RuntimeError("Nested forward mode AD is not supported at the moment")
    _LEVELS.append([])
    _WRAPPED_APPLY.append(Function.__dict__["apply"])
    Function.apply = classmethod(_dual_apply)
    return 0


def exit_dual_level(*, level=None):
    """Close the level: every tangent set in it is dropped."""
    if not _LEVELS or level not in (None, len(_LEVELS) - 1):
        raise RuntimeError("Trying to exit a forward AD level that was not the last one that was created. "
                           "This is not supported.")
    for ref in _LEVELS.pop():
        t = ref()
        if t is not None:
            t.__dict__.pop("_fw_tangent", None)
    Function.apply = _WRAPPED_APPLY.pop()


class dual_level:
    """``with dual_level():`` opens a forward-AD level for the block (``as`` gives its number)."""

    def __enter__(self):
        return enter_dual_level()

    def __exit__(self, *exc):
        exit_dual_level()
        return False


def make_dual(tensor, tangent, *, level=None):
    """A view of ``tensor`` carrying ``tangent`` (same shape, floating point) as its forward gradient."""
    if not _LEVELS:
        raise RuntimeError("Trying to create a dual Tensor for forward AD but no level exists, make sure to "
                           "enter_dual_level() first.")
    for what, t in (("primal", tensor), ("tangent", tangent)):
        if not t.is_floating_point():
            raise ValueError(f"Expected {what} to be floating point or complex, but got: {t.dtype}")
    if tangent.shape != tensor.shape:
        raise RuntimeError("Trying to set a forward gradient that has a different size than that of the original "
                           f"Tensor, this is not supported. Tensor is of size {list(tensor.shape)} while the given "
                           f"forward gradient is of size {list(tangent.shape)}.")
    with _suspended():
        dual = tensor.view_as(tensor)
    set_tangent(dual, tangent)  # stored as given: unpack_dual(make_dual(p, t)).tangent is t (torch)
    return dual


def unpack_dual(tensor, *, level=None):
    """``(primal, tangent)``: a view of ``tensor`` without the tangent, and the tangent (None if it has none)."""
    tangent = tensor._fw_tangent
    if tangent is None or not _LEVELS:
        return UnpackedDualTensor(tensor, None)
    with _suspended():
        primal = tensor.view_as(tensor)
    return UnpackedDualTensor(primal, tangent)


def set_tangent(t, tangent):
    """Attach ``tangent`` to ``t`` for the open level (dropped when it closes)."""
    t._fw_tangent = tangent
    _LEVELS[-1].append(weakref.ref(t))


def set_inplace_tangent(t, tangent):
    """``t`` was written in place with a result carrying ``tangent``: so is the matching region of the
    tangent of the tensor ``t`` is a view of (when that base is C-contiguous, i.e. its layout is known)."""
    set_tangent(t, tangent)
    base = t._base
    if base is None or not base._data.flags.c_contiguous:
        return
    data = base._data
    old = base._fw_tangent
    arr = np.zeros(data.shape, data.dtype) if old is None else np.array(old._data, dtype=data.dtype, order="C")
    offset = (t._data.__array_interface__["data"][0] - data.__array_interface__["data"][0]) // data.itemsize
    region = np.lib.stride_tricks.as_strided(arr.reshape(-1)[offset:], t._data.shape, t._data.strides)
    region[...] = tangent._data
    set_tangent(base, Tensor._make(arr))


class _suspended:
    def __enter__(self):
        _SUSPENDED[0] += 1

    def __exit__(self, *exc):
        _SUSPENDED[0] -= 1
        return False


def _dual_apply(cls, *args):
    """``Function.apply`` while a level is open: the op as usual, then its outputs' tangents."""
    apply = _WRAPPED_APPLY[-1].__func__
    tangents = [a._fw_tangent if isinstance(a, Tensor) else None for a in args]
    if _SUSPENDED[0] or all(t is None for t in tangents):
        return apply(cls, *args)
    before = get_rng_state()  # the re-run below draws the same random numbers (dropout's mask)
    out = apply(cls, *args)
    after = get_rng_state()
    outs = out if isinstance(out, tuple) else (out,)
    set_rng_state(before)
    try:
        with _suspended():
            if "jvp" in vars(cls) and not cls._raw:
                out_tangents = _custom_jvp(cls, apply, args, tangents)
            else:
                out_tangents = _double_vjp(cls, apply, args, tangents)
    finally:
        set_rng_state(after)
    for o, t in zip(outs, out_tangents):
        if t is not None and isinstance(o, Tensor) and o._data.dtype.kind == "f":
            set_tangent(o, t.detach())
    return out


def _detached_inputs(args, tangents):
    """The op's arguments cut from any graph; those with a tangent require grad (the jvp's inputs)."""
    return [a.detach().requires_grad_() if t is not None else (a.detach() if isinstance(a, Tensor) else a)
            for a, t in zip(args, tangents)]


def _double_vjp(cls, apply, args, tangents):
    """J·v of one op from its backward: d/du <vjp(u), v>."""
    from .engine import grad
    with enable_grad():
        xs = _detached_inputs(args, tangents)
        y = apply(cls, *xs)
        ys = y if isinstance(y, tuple) else (y,)
        diff = [i for i, o in enumerate(ys) if isinstance(o, Tensor) and o.grad_fn is not None]
        if not diff:
            return [None] * len(ys)
        us = [Tensor._make(np.zeros_like(ys[i]._data), True) for i in diff]
        inputs = [x for x, t in zip(xs, tangents) if t is not None]
        vs = [t for t in tangents if t is not None]
        gs = grad([ys[i] for i in diff], inputs, grad_outputs=us, create_graph=True, allow_unused=True)
        terms = [(g * v).sum() for g, v in zip(gs, vs) if g is not None and g.requires_grad]
        jvs = [None] * len(us)
        if terms:
            jvs = grad([sum(terms[1:], terms[0])], us, allow_unused=True)
    out = [None] * len(ys)
    for k, i in enumerate(diff):
        out[i] = jvs[k] if jvs[k] is not None else Tensor._make(np.zeros_like(ys[i]._data))
    return out


def _custom_jvp(cls, apply, args, tangents):
    """A custom Function's own ``jvp(ctx, *tangents)``, on the ctx of a re-run forward."""
    with enable_grad():
        xs = _detached_inputs(args, tangents)
        y = apply(cls, *xs)
    ys = y if isinstance(y, tuple) else (y,)
    ctx = next((o.grad_fn for o in ys if isinstance(o, Tensor) and o.grad_fn is not None), None)
    ins = [t if t is not None else (Tensor._make(np.zeros_like(a._data))  # integer inputs have no tangent: None
                                    if isinstance(a, Tensor) and a._data.dtype.kind in "fc" else None)
           for a, t in zip(args, tangents)]
    forward_saved = ctx.__dict__.get("_saved_forward") if ctx is not None else None
    if forward_saved is None:
        res = cls.jvp(ctx, *ins)
    else:   # inside jvp, ctx.saved_tensors are those of save_for_forward (torch)
        kept = ctx._saved, ctx.__dict__.get("_saved_versions")
        ctx._saved = forward_saved
        ctx._saved_versions = tuple(t._version_counter[0] if t is not None else 0 for t in forward_saved)
        try:
            res = cls.jvp(ctx, *ins)
        finally:
            ctx._saved = kept[0]
            if kept[1] is not None:
                ctx._saved_versions = kept[1]
    return res if isinstance(res, tuple) else (res,)
