"""F.linear / F.bilinear: ``y = x W^T + b`` as ONE fused op (grad_fn named as PyTorch's for each case)."""
import numpy as np

from autograd import kernels as K
from autograd.function import Op

__all__ = ["linear", "bilinear"]

_DT_NAMES = {"float32": "Float", "float64": "Double", "float16": "Half", "int64": "Long", "int32": "Int", "int16": "Short",
             "int8": "Char", "uint8": "Byte", "bool": "Bool"}


def _check_operands(xa, wa, b):
    """torch's errors for ``linear``: dtypes first, then ``mat1 and mat2`` shapes (mat2 is ``weight.t()``)."""
    name = lambda d: _DT_NAMES.get(d.name, d.name)  # noqa: E731
    if b is None and xa.dtype != wa.dtype:  # torch: matmul(input, weight.t())
        from autograd.ops.linalg import _CPP_NAMES
        raise RuntimeError(f"expected m1 and m2 to have the same dtype, but got: {_CPP_NAMES[xa.dtype.name]} != "
                           f"{_CPP_NAMES[wa.dtype.name]}")
    if b is not None and b._data.dtype != wa.dtype:  # torch: addmm(bias, input, weight.t())
        raise RuntimeError(f"self and mat2 must have the same dtype, but got {name(b._data.dtype)} and {name(wa.dtype)}")
    if xa.dtype != wa.dtype:
        raise RuntimeError(f"mat1 and mat2 must have the same dtype, but got {name(xa.dtype)} and {name(wa.dtype)}")
    if xa.ndim == 0 or wa.ndim not in (1, 2) or xa.shape[-1] != wa.shape[-1]:
        rows = int(np.prod(xa.shape[:-1])) if xa.ndim else 1
        w_t = f"{wa.shape[-1]}x{wa.shape[0]}" if wa.ndim == 2 else f"{wa.shape[0]}x1"
        raise RuntimeError(f"mat1 and mat2 shapes cannot be multiplied ({rows}x{xa.shape[-1] if xa.ndim else 1} "
                           f"and {w_t})")


def _add_bias(out, b):
    if b is None:
        return out
    if out.dtype == b._data.dtype and out.flags.writeable and out.shape[-1:] == b._data.shape[-1:]:
        out += b._data  # the fresh product takes the bias in place: no second result array
        return out
    return out + b._data


class Addmm2d(Op):
    """2-D ``linear`` recorded as torch records it, ``addmm(bias, input, weight.t())``: the graph's edges are
    (bias, input, TBackward0 -> weight), so ``grad_fn.next_functions`` walks the same nodes as in torch."""

    node_name = "AddmmBackward0"

    @staticmethod
    def forward(ctx, b, x, wt):
        xa, wta = x._data, wt._data
        _check_operands(xa, wta.T, b)
        ctx.save_for_backward(x, wt)
        return _add_bias(K.matmul(xa, wta), b)

    @staticmethod
    def backward(ctx, g):
        need = ctx.needs_input_grad
        return ((g.sum(0) if need[0] else None),) + _product_grads(ctx, g, need[1], need[2], False)

    @staticmethod
    def raw_backward(ctx, g):
        need = ctx.needs_input_grad
        return ((g.sum(0) if need[0] else None),) + _product_grads(ctx, g, need[1], need[2], True)


class Mm2d(Op):
    """2-D ``linear`` without bias, as torch's ``input.matmul(weight.t())`` (edges: input, TBackward0)."""

    node_name = "MmBackward0"

    @staticmethod
    def forward(ctx, x, wt):
        return Addmm2d.forward(ctx, None, x, wt)

    @staticmethod
    def backward(ctx, g):
        return _product_grads(ctx, g, *ctx.needs_input_grad, False)

    @staticmethod
    def raw_backward(ctx, g):
        return _product_grads(ctx, g, *ctx.needs_input_grad, True)


def _product_grads(ctx, g, need_x, need_wt, raw):
    """Gradients of ``x @ wt`` for x and wt (Tensors, or arrays on the unrecorded pass)."""
    if raw:
        x, wt = ctx.saved_arrays
        # wt's gradient as the transpose of a C-contiguous (out, in) product: after TBackward0 the weight's
        # gradient is C-contiguous again (no transposing copy when it is accumulated)
        return (K.matmul(g, wt.T) if need_x else None), (K.matmul(g.T, x).T if need_wt else None)
    x, wt = ctx.saved_tensors
    return (g @ wt.t() if need_x else None), (x.t() @ g if need_wt else None)


class Addmm(Op):
    """Fused affine map over the last dim of any-rank input; its backward is made of matmuls (differentiable)."""

    node_name = "AddmmBackward0"

    @staticmethod
    def forward(ctx, x, w, b):
        xa, wa = x._data, w._data
        _check_operands(xa, wa, b)
        ctx.save_for_backward(x, w)
        out = _add_bias(K.matmul(xa.reshape(-1, xa.shape[-1]), wa.T), b)
        return np.asarray(out, dtype=xa.dtype).reshape(xa.shape[:-1] + wa.shape[:-1])

    @staticmethod
    def backward(ctx, g):
        x, w = ctx.saved_tensors
        w2 = w if w.ndim == 2 else w.unsqueeze(0)
        g2 = g.reshape(-1, w2.shape[0])
        gx = gw = gb = None
        if ctx.needs_input_grad[0]:
            gx = (g2 @ w2).reshape(x.shape)
        if ctx.needs_input_grad[1]:
            gw = (g2.t() @ x.reshape(-1, x.shape[-1])).reshape(w.shape)
        if ctx.needs_input_grad[2]:
            gb = g2.sum(0).reshape(w.shape[:-1])
        return gx, gw, gb

    @staticmethod
    def raw_backward(ctx, g):
        x, w = ctx.saved_arrays
        need = ctx.needs_input_grad
        w2 = w if w.ndim == 2 else w[None]
        g2 = g.reshape(-1, w2.shape[0])
        gx = K.matmul(g2, w2).reshape(x.shape) if need[0] else None
        gw = K.matmul(g2.T, x.reshape(-1, x.shape[-1])).reshape(w.shape) if need[1] else None
        gb = g2.sum(0).reshape(w.shape[:-1]) if need[2] else None
        return gx, gw, gb


class Mm(Addmm):
    node_name = "MmBackward0"


class View(Addmm):
    node_name = "ViewBackward0"


class UnsafeView(Addmm):
    node_name = "UnsafeViewBackward0"


class Squeeze(Addmm):
    node_name = "SqueezeBackward4"


def linear(input, weight, bias=None):
    """``input @ weight.T + bias`` over the last dim (PyTorch's ``F.linear``)."""
    nd = input.ndim
    if nd == 2 and weight.ndim == 2:
        wt = weight.t()
        return Addmm2d.apply(bias, input, wt) if bias is not None else Mm2d.apply(input, wt)
    if nd == 2:
        op = Addmm if bias is not None else Mm
    elif bias is not None:
        op = View
    else:
        op = Squeeze if nd == 1 else UnsafeView
    return op.apply(input, weight, bias)


def bilinear(input1, input2, weight, bias=None):
    """``y_k = x1^T W_k x2 + b_k`` over the last dims (PyTorch's ``F.bilinear``)."""
    if input1.ndim != input2.ndim:
        raise RuntimeError(f"bilinear(): input dimensions do not match: got {input1.ndim} and {input2.ndim}")
    for i, (s1, s2) in enumerate(zip(input1.shape[:-1], input2.shape[:-1])):
        if s1 != s2:
            raise RuntimeError(f"bilinear(): input batch dimensions do not match at dim {i}: got {s1} and {s2}")
    for k, x in ((1, input1), (2, input2)):
        if weight.ndim == 3 and x.shape[-1] != weight.shape[k]:
            raise RuntimeError(f"bilinear(): input{k} size does not match weight size: got {x.shape[-1]} but "
                               f"expected {weight.shape[k]}")
    if bias is not None and bias.shape[0] != weight.shape[0]:
        raise RuntimeError(f"bilinear(): bias size does not match weight size: got {bias.shape[0]} but expected "
                           f"{weight.shape[0]}")
    lead = input1.shape[:-1]
    x1 = input1.reshape(-1, 1, 1, input1.shape[-1])
    x2 = input2.reshape(-1, 1, input2.shape[-1], 1)
    out = (x1 @ weight.unsqueeze(0) @ x2).reshape(tuple(lead) + (weight.shape[0],))
    if bias is not None:
        out = out + bias
    return out
