"""``autograd.linalg`` (``torch.linalg``): norms, inverse, determinants and solves, with gradients.

Each op's backward is written in Tensor ops (differentiable again); NumPy's LAPACK does the forwards.
"""
import builtins

import numpy as np

from . import return_types  # noqa: F401
from .function import Op
from .ops._util import normalize_dims
from .ops.linalg import matmul
from .ops.misc import linalg_cross as cross, einsum  # noqa: F401
from .ops.reduction import vector_norm
from .tensor import Tensor, register_method

__all__ = ["norm", "vector_norm", "matrix_norm", "inv", "inv_ex", "det", "slogdet", "solve", "cross", "multi_dot",
           "matrix_power", "matmul", "vecdot", "diagonal"]


def _check_square(a, op):
    if a._data.ndim < 2:
        raise RuntimeError(f"linalg.{op}: The input tensor A must have at least 2 dimensions.")
    if a._data.shape[-1] != a._data.shape[-2]:
        raise RuntimeError(f"linalg.{op}: A must be batches of square matrices, but they are "
                           f"{a._data.shape[-2]} by {a._data.shape[-1]} matrices")
    if a._data.dtype.kind != "f":
        raise RuntimeError(f"linalg.{op}: Expected a floating point or complex tensor as input. Got {a.dtype}")


def matrix_norm(A, ord="fro", dim=(-2, -1), keepdim=False, *, dtype=None, out=None):
    if A._data.ndim < 2:
        raise RuntimeError(f"linalg.matrix_norm: The input tensor A must have at least 2 dimensions.")
    if dtype is not None:
        A = A.to(dtype)
    if ord == "fro":
        return vector_norm(A, 2, dim, keepdim)
    d0, d1 = normalize_dims(dim, A._data.ndim, "linalg.matrix_norm") if dim[0] % A.ndim < dim[1] % A.ndim else \
        tuple(reversed(normalize_dims(dim, A._data.ndim, "linalg.matrix_norm")))
    if ord == "nuc":
        raise NotImplementedError("linalg.matrix_norm: ord='nuc' is not supported")
    if ord in (1, -1, float("inf"), -float("inf")):
        red, pick = (d0, d1) if ord in (1, -1) else (d1, d0)  # sum over rows (1) or columns (inf), then extreme
        s = A.abs().sum(dim=red, keepdim=keepdim)
        pick = pick if keepdim or pick < red else pick - 1
        return s.amax(dim=pick, keepdim=keepdim) if ord > 0 else s.amin(dim=pick, keepdim=keepdim)
    raise RuntimeError(f"linalg.matrix_norm: Order {ord} not supported.")


def norm(A, ord=None, dim=None, keepdim=False, *, dtype=None, out=None):
    if isinstance(ord, str) or (ord is not None and dim is not None and not isinstance(dim, int) and len(dim) == 2) \
            or (ord is not None and dim is None and A._data.ndim == 2):
        return matrix_norm(A, ord if ord is not None else "fro", dim if dim is not None else (-2, -1), keepdim,
                           dtype=dtype)
    if ord is not None and dim is None and A._data.ndim not in (1, 2):
        raise RuntimeError(f"linalg.norm: If dim is not specified but ord is, the input must be 1D or 2D. "
                           f"Got {A._data.ndim}D.")
    return vector_norm(A, 2 if ord is None else ord, dim, keepdim, dtype=dtype)


class LinalgInvEx(Op):
    node_name = "LinalgInvExBackward0"
    save_output = True

    @staticmethod
    def forward(ctx, a):
        _check_square(a, "inv")
        try:
            return np.linalg.inv(a._data).astype(a._data.dtype)
        except np.linalg.LinAlgError:
            raise RuntimeError("linalg.inv: The diagonal element 1 is zero, the inversion could not be completed "
                               "because the input matrix is singular.") from None

    @staticmethod
    def backward(ctx, g):
        inv_t = ctx.output.mT
        return -matmul(matmul(inv_t, g), inv_t)


def inv(A, *, out=None):
    return LinalgInvEx.apply(A)


def inv_ex(A, *, check_errors=False, out=None):
    return inv(A), Tensor._make(np.zeros(A._data.shape[:-2], dtype=np.int32))


class LinalgDet(Op):
    node_name = "LinalgDetBackward0"
    save_output = True

    @staticmethod
    def forward(ctx, a):
        _check_square(a, "det")
        ctx.save_for_backward(a)
        return np.asarray(np.linalg.det(a._data), dtype=a._data.dtype)

    @staticmethod
    def backward(ctx, g):
        (a,) = ctx.saved_tensors
        d = ctx.output
        return (g * d).unsqueeze(-1).unsqueeze(-1) * inv(a).mT


def det(A, *, out=None):
    return LinalgDet.apply(A)


class LinalgSlogdet(Op):
    node_name = "LinalgSlogdetBackward0"

    @staticmethod
    def forward(ctx, a):
        _check_square(a, "slogdet")
        ctx.save_for_backward(a)
        sign, logabs = np.linalg.slogdet(a._data)
        return np.asarray(sign, dtype=a._data.dtype), np.asarray(logabs, dtype=a._data.dtype)

    @staticmethod
    def backward(ctx, gsign, glog):
        (a,) = ctx.saved_tensors
        return glog.unsqueeze(-1).unsqueeze(-1) * inv(a).mT


def slogdet(A, *, out=None):
    return return_types.linalg_slogdet(*LinalgSlogdet.apply(A))


def _slogdet(A):
    """``autograd.slogdet`` / ``Tensor.slogdet`` (the non-linalg spelling names its result type differently)."""
    return return_types.slogdet(*LinalgSlogdet.apply(A))


class LinalgSolveEx(Op):
    node_name = "LinalgSolveExBackward0"
    save_output = True

    @staticmethod
    def forward(ctx, a, b, vector):
        _check_square(a, "solve")
        ctx.save_for_backward(a)
        ctx.vector = vector
        rhs = b._data[..., None] if vector else b._data
        try:
            x = np.linalg.solve(a._data, rhs)
        except np.linalg.LinAlgError:
            raise RuntimeError("torch.linalg.solve: The solver failed because the input matrix is singular.") from None
        return (x[..., 0] if vector else x).astype(np.result_type(a._data, b._data))

    @staticmethod
    def backward(ctx, g):
        (a,) = ctx.saved_tensors
        x = ctx.output
        gb = solve(a.mT, g)
        if ctx.vector:
            ga = -gb.unsqueeze(-1) * x.unsqueeze(-2)
        else:
            ga = -matmul(gb, x.mT)
        return ga, gb, None


def solve(A, B, *, left=True, out=None):
    vector = B._data.ndim == 1 or (B._data.ndim == A._data.ndim - 1 and B._data.shape == A._data.shape[:-1])
    return LinalgSolveEx.apply(A, B, vector)


def multi_dot(tensors, *, out=None):
    ts = list(tensors)
    if len(ts) < 2:
        raise RuntimeError(f"multi_dot(): expected at least 2 tensors but got {len(ts)}")
    first_1d, last_1d = ts[0].ndim == 1, ts[-1].ndim == 1
    if first_1d:
        ts[0] = ts[0].unsqueeze(0)
    if last_1d:
        ts[-1] = ts[-1].unsqueeze(1)
    res = ts[0]
    for t in ts[1:]:
        res = res.mm(t)
    if first_1d or last_1d:
        shape = [s for i, s in enumerate(res.shape) if not ((first_1d and i == 0) or (last_1d and i == 1))]
        res = res.reshape(*shape)
    return res


def matrix_power(A, n, *, out=None):
    _check_square(A, "matrix_power")
    if n == 0:
        eye = Tensor._make(np.broadcast_to(np.eye(A._data.shape[-1], dtype=A._data.dtype), A._data.shape).copy())
        return eye
    base = inv(A) if n < 0 else A
    res = None
    for _ in range(abs(n)):
        res = base if res is None else matmul(res, base)
    return res


def vecdot(x, y, *, dim=-1):
    return (x * y).sum(dim)


def diagonal(A, *, offset=0, dim1=-2, dim2=-1):
    return A.diagonal(offset, dim1, dim2)


def logdet(A):
    sign, logabs = LinalgSlogdet.apply(A)
    from .ops.pointwise import where
    return where(sign < 0, float("nan"), where(sign == 0, float("-inf"), logabs))


register_method("inverse")(inv)
register_method("det")(det)
register_method("slogdet")(_slogdet)
register_method("logdet")(logdet)
register_method("matrix_power")(matrix_power)
