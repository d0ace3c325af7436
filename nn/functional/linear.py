"""F.linear / F.bilinear: ``y = x W^T + b`` as ONE fused op (grad_fn named as PyTorch's for each case)."""
import numpy as np

from autograd import kernels as K
from autograd.function import Op

__all__ = ["linear", "bilinear"]

_DT_NAMES = {"float32": "Float", "float64": "Double", "float16": "Half", "int64": "Long", "int32": "Int"}


class Addmm(Op):
    """Fused affine map over the last dim of any-rank input; its backward is made of matmuls (differentiable)."""

    node_name = "AddmmBackward0"

    @staticmethod
    def forward(ctx, x, w, b):
        xa, wa = x._data, w._data
        if xa.dtype != wa.dtype or (b is not None and b._data.dtype != xa.dtype):
            other = wa.dtype if xa.dtype != wa.dtype else b._data.dtype
            raise RuntimeError(f"mat1 and mat2 must have the same dtype, but got "
                               f"{_DT_NAMES.get(xa.dtype.name, xa.dtype.name)} and "
                               f"{_DT_NAMES.get(other.name, other.name)}")
        if xa.ndim == 0 or wa.ndim not in (1, 2) or xa.shape[-1] != wa.shape[-1]:
            rows = int(np.prod(xa.shape[:-1])) if xa.ndim else 1
            w_t = f"{wa.shape[-1]}x{wa.shape[0]}" if wa.ndim == 2 else f"{wa.shape[0]}x1"
            raise RuntimeError(f"mat1 and mat2 shapes cannot be multiplied ({rows}x{xa.shape[-1] if xa.ndim else 1} "
                               f"and {w_t})")
        ctx.save_for_backward(x, w)
        x2 = xa.reshape(-1, xa.shape[-1])
        out = K.matmul(x2, wa.T)
        if b is not None:
            if out.dtype == b._data.dtype and out.flags.writeable and out.shape[-1:] == b._data.shape[-1:]:
                out += b._data  # the fresh product takes the bias in place: no second result array
            else:
                out = out + b._data
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
    if nd == 2:
        op = Addmm if bias is not None else Mm
    elif bias is not None:
        op = View
    else:
        op = Squeeze if nd == 1 else UnsafeView
    return op.apply(input, weight, bias)


def bilinear(input1, input2, weight, bias=None):
    """``y_k = x1^T W_k x2 + b_k`` over the last dims (PyTorch's ``F.bilinear``)."""
    if input1.shape[:-1] != input2.shape[:-1]:
        raise RuntimeError(f"bilinear(): input batch dimensions do not match: got {list(input1.shape[:-1])} and "
                           f"{list(input2.shape[:-1])}")
    if weight.ndim != 3 or input1.shape[-1] != weight.shape[1] or input2.shape[-1] != weight.shape[2]:
        raise RuntimeError(f"bilinear(): input sizes do not match weight: got {input1.shape[-1]} and "
                           f"{input2.shape[-1]} for weight {list(weight.shape)}")
    lead = input1.shape[:-1]
    x1 = input1.reshape(-1, 1, 1, input1.shape[-1])
    x2 = input2.reshape(-1, 1, input2.shape[-1], 1)
    out = (x1 @ weight.unsqueeze(0) @ x2).reshape(tuple(lead) + (weight.shape[0],))
    if bias is not None:
        out = out + bias
    return out
