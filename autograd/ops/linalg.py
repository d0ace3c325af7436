"""Matrix products: matmul for 1-D, 2-D and batched broadcasting shapes (BLAS through the kernel layer)."""
import numpy as np

from .. import kernels as K
from .._dtype import type_name
from ..function import Op
from ..tensor import Tensor, register_method
from ._util import binary_operands, broadcast_error
from .arithmetic import _out


def _sizes(i):
    return lambda ctx: tuple(ctx.saved_tensors[i].shape)


def _strides(i):
    return lambda ctx: ctx.saved_tensors[i].stride()


class Mm(Op):
    """Matrix product; the backward is itself written with matmul, so it differentiates again."""

    saved_names = {"self": 0, "mat2": 1, "self_sym_sizes": _sizes(0), "self_sym_strides": _strides(0),
                   "mat2_sym_sizes": _sizes(1), "mat2_sym_strides": _strides(1)}

    @staticmethod
    def forward(ctx, a, b):
        x, y = binary_operands(a, b)
        if hasattr(a, "_data") and hasattr(b, "_data") and a._data.dtype != b._data.dtype:
            _dtype_mismatch(getattr(type(ctx)._fn, "dtype_message", type(ctx).__name__), a.dtype, b.dtype)
        if x.ndim == 0 or y.ndim == 0:
            raise RuntimeError(f"both arguments to matmul need to be at least 1D, but they are {x.ndim}D and {y.ndim}D")
        if x.dtype == np.bool_:
            node = getattr(type(ctx)._fn, "dtype_message", type(ctx).__name__)
            kernel = next((k for n, k in (("Dot", "dot"), ("Mv", "addmv_impl_cpu"), ("Bmm", "bmm")) if node.startswith(n)),
                          "addmm_impl_cpu_")
            raise NotImplementedError(f"\"{kernel}\" not implemented for 'Bool'")
        if x.ndim > 2 and y.ndim > 2:
            try:
                np.broadcast_shapes(x.shape[:-2], y.shape[:-2])
            except ValueError as err:
                batches = (Tensor._make(np.broadcast_to(0, v.shape[:-2])) for v in (x, y))
                raise broadcast_error("matmul", err, *batches) from None
        if x.shape[-1] != (y.shape[-2] if y.ndim > 1 else y.shape[0]):
            raise RuntimeError(_inner_mismatch(x.shape, y.shape))
        ctx.save_for_backward(a, b)
        return np.asarray(K.matmul(x, y))

    @staticmethod
    def backward(ctx, g):
        a, b = ctx.saved_tensors
        ga = gb = None
        a2 = a.unsqueeze(0) if a.ndim == 1 else a
        b2 = b.unsqueeze(-1) if b.ndim == 1 else b
        if a.ndim == 1:
            g2 = g.reshape(1, 1) if b.ndim == 1 else g.unsqueeze(-2)
        else:
            g2 = g.unsqueeze(-1) if b.ndim == 1 else g
        if ctx.needs_input_grad[0]:
            ga = (g2 @ b2.mT)
            ga = ga.sum_to_size(a2.shape) if ga.shape != a2.shape else ga
            if a.ndim == 1:
                ga = ga.squeeze(0)
        if ctx.needs_input_grad[1]:
            gb = (a2.mT @ g2)
            gb = gb.sum_to_size(b2.shape) if gb.shape != b2.shape else gb
            if b.ndim == 1:
                gb = gb.squeeze(-1)
        return ga, gb

    @staticmethod
    def raw_backward(ctx, g):  # the engine sums broadcast batch dims and drops a 1-D ``a``'s row dim
        a, b = ctx.saved_arrays
        need = ctx.needs_input_grad
        b2 = b[:, None] if b.ndim == 1 else b
        if a.ndim == 1:
            g2 = np.reshape(g, (1, 1)) if b.ndim == 1 else g[..., None, :]
        else:
            g2 = g[..., None] if b.ndim == 1 else g
        ga = K.matmul(g2, np.swapaxes(b2, -1, -2)) if need[0] else None
        gb = None
        if need[1]:
            gb = K.matmul(np.swapaxes(a[None] if a.ndim == 1 else a, -1, -2), g2)
            if b.ndim == 1:
                gb = gb[..., 0]
        return ga, gb


def _inner_mismatch(sx, sy):
    """PyTorch's message for matmul operands whose inner sizes differ (worded after how it folds them)."""
    k = sx[-1]
    rows = int(np.prod(sx[:-1], dtype=np.int64))
    if len(sx) == 1 and len(sy) == 1:
        return (f"inconsistent tensor size, expected tensor [{k}] and src [{sy[0]}] to have the same number of "
                f"elements, but got {k} and {sy[0]} elements respectively")
    if len(sy) == 1:
        return f"size mismatch, got input ({rows}), mat ({rows}x{k}), vec ({sy[0]})"
    if len(sy) == 2:
        return f"mat1 and mat2 shapes cannot be multiplied ({rows}x{k} and {sy[0]}x{sy[1]})"
    batch = int(np.prod(np.broadcast_shapes(sx[:-2], sy[:-2]), dtype=np.int64))
    return (f"Expected size for first two dimensions of batch2 tensor to be: [{batch}, {k}] but got: "
            f"[{batch}, {sy[-2]}].")


_CPP_NAMES = {"float32": "float", "float64": "double", "float16": "c10::Half", "int64": "long int", "int32": "int",
              "int16": "short int", "int8": "signed char", "uint8": "unsigned char", "bool": "bool"}


def _dtype_mismatch(node, da, db):
    """Matrix products never promote (as in torch): mixed dtypes raise PyTorch's RuntimeError."""
    sa, sb = type_name(da), type_name(db)
    if node.startswith("Dot"):
        raise RuntimeError(f"dot : expected both vectors to have same dtype, but found {sa} and {sb}")
    if node.startswith("Bmm"):
        raise RuntimeError(f"expected scalar type {sa} but found {sb}")
    if node.startswith("Mv"):
        raise RuntimeError(f"addmv input tensors must have the same dtype, but got {sb}, {sa}, and {sb}")
    raise RuntimeError(f"expected m1 and m2 to have the same dtype, but got: {_CPP_NAMES[da.name]} != "
                       f"{_CPP_NAMES[db.name]}")


class Dot(Mm):
    saved_names = {"self": 0, "tensor": 1}


class Mv(Mm):
    saved_names = {"self": 0, "vec": 1}


class Bmm(Mm):
    saved_names = {"self": 0, "mat2": 1}


class UnsafeView(Mm):
    saved_names = {}


class BatchedMatmul(UnsafeView):
    """``matmul`` of two 3-D tensors: torch runs bmm (its dtype message) and records ``UnsafeViewBackward0``."""

    node_name = "UnsafeViewBackward0"
    dtype_message = "Bmm"


def matmul(input, other, *, out=None):
    if out is not None:
        return _out(matmul(input, other), out)
    na, nb = input.ndim, getattr(other, "ndim", 0)
    if na == 2 and nb == 2:
        return Mm.apply(input, other)
    if na == 1 and nb == 1:
        return Dot.apply(input, other)
    if na == 2 and nb == 1:
        return Mv.apply(input, other)
    if na == 3 and nb == 3:
        return BatchedMatmul.apply(input, other)
    return UnsafeView.apply(input, other)


def mm(input, mat2, *, out=None):
    if input.ndim != 2 or mat2.ndim != 2:
        raise RuntimeError("self must be a matrix" if input.ndim != 2 else "mat2 must be a matrix")
    return _out(Mm.apply(input, mat2), out)


def bmm(input, mat2, *, out=None):
    if out is not None:
        return _out(bmm(input, mat2), out)
    if input.ndim != 3 or mat2.ndim != 3:
        raise RuntimeError(f"batch{1 if input.ndim != 3 else 2} must be a 3D tensor")
    if input.shape[0] != mat2.shape[0] or input.shape[2] != mat2.shape[1]:
        raise RuntimeError(f"Expected size for first two dimensions of batch2 tensor to be: "
                           f"[{input.shape[0]}, {input.shape[2]}] but got: [{mat2.shape[0]}, {mat2.shape[1]}].")
    return Bmm.apply(input, mat2)


def dot(input, other):
    if input.ndim != 1 or other.ndim != 1:
        raise RuntimeError(f"1D tensors expected, but got {input.ndim}D and {other.ndim}D tensors")
    return Dot.apply(input, other)


def mv(input, vec):
    if input.ndim != 2 or vec.ndim != 1:
        raise RuntimeError(f"vector + matrix @ vector expected, got 1, {input.ndim}, {vec.ndim}")
    return Mv.apply(input, vec)


register_method("matmul", "__matmul__")(matmul)
register_method("__rmatmul__")(lambda self, other: matmul(other, self))
register_method("mm")(mm)
register_method("bmm")(bmm)
register_method("dot", "inner")(dot)
register_method("mv")(mv)
