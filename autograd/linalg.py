"""``autograd.linalg`` (``torch.linalg``): norms, inverse, determinants and solves, with gradients.

Each op's backward is written in Tensor ops (differentiable again); NumPy's LAPACK does the forwards.
"""
import numpy as np

from . import _dtype
from . import return_types  # noqa: F401
from .function import Op
from .grad_mode import STATE
from .ops._util import wrap_dim
from .ops.linalg import matmul
from .ops.misc import linalg_cross as cross  # noqa: F401
from .ops.reduction import norm as _vector_norm_legacy, vector_norm
from .tensor import Tensor, register_method

__all__ = ["norm", "vector_norm", "matrix_norm", "inv", "inv_ex", "det", "slogdet", "solve", "cross", "multi_dot",
           "matrix_power", "matmul", "vecdot", "diagonal", "LinAlgError"]


class LinAlgError(RuntimeError):
    """``torch.linalg.LinAlgError``: a numerically failed factorization (singular / not positive-definite)."""


LinAlgError.__name__ = LinAlgError.__qualname__ = "_LinAlgError"


def _first_failure(flags, ndim):
    """(batch prefix, flat index) of the first failing matrix in a batch (``flags``: nonzero info per matrix)."""
    bad = np.flatnonzero(np.asarray(flags).reshape(-1))
    i = int(bad[0])
    return (f"(Batch element {i}): " if ndim > 2 else ""), i


def _lu_info(m):
    """LAPACK getrf's ``info`` of one matrix: the 1-based index of the first zero pivot of its LU (0 if none)."""
    a = np.array(m, dtype=np.float64)
    n = a.shape[-1]
    for k in range(n):
        p = k + int(np.argmax(np.abs(a[k:, k])))
        if a[p, k] == 0:
            return k + 1
        a[[k, p]] = a[[p, k]]
        a[k + 1:, k:] -= np.outer(a[k + 1:, k] / a[k, k], a[k, k:])
    return 0


def _cholesky_info(m):
    """LAPACK potrf's ``info``: the order of the first leading minor that is not positive-definite (0 if none)."""
    for k in range(1, m.shape[-1] + 1):
        try:
            np.linalg.cholesky(m[:k, :k])
        except np.linalg.LinAlgError:
            return k
    return 0


def _batches(a):
    """``a`` (..., m, n) as one stack of matrices (also when a dimension is 0, where reshape(-1) can't infer)."""
    return a.reshape((int(np.prod(a.shape[:-2])),) + a.shape[-2:])


def _batch_info(a, fn):
    flat = _batches(a)
    return np.array([fn(m) for m in flat], dtype=np.int32).reshape(a.shape[:-2])


def _check_square(a, op):
    if a._data.ndim < 2:
        raise RuntimeError(f"linalg.{op}: The input tensor A must have at least 2 dimensions.")
    if a._data.shape[-1] != a._data.shape[-2]:
        raise RuntimeError(f"linalg.{op}: A must be batches of square matrices, but they are "
                           f"{a._data.shape[-2]} by {a._data.shape[-1]} matrices")
    if a._data.dtype.kind != "f":
        raise RuntimeError(f"linalg.{op}: Expected a floating point or complex tensor as input. "
                           f"Got {_dtype.type_name(a.dtype)}")


def _check_float(a, op):
    if a._data.dtype.kind != "f":
        raise RuntimeError(f"{op}: Expected a floating point or complex tensor as input. Got {_dtype.type_name(a.dtype)}")


def _check_norm_dtype(dtype, A, name):
    """PyTorch's check of a norm's ``dtype=``: floating, and no narrower than the input's dtype."""
    dt = _dtype.to_dtype(dtype)
    if not dt.is_floating_point:
        raise RuntimeError(f"{name}: dtype should be floating point or complex, but got {_dtype.type_name(dt)}")
    if _dtype.promote_types(A.dtype, dt) != dt:
        raise RuntimeError(f"{name}: the dtype of the input ({_dtype.type_name(A.dtype)}) should be convertible "
                           f"without narrowing to the specified dtype ({_dtype.type_name(dt)})")


def _matrix_norm_dims(A, dim, dtype, spectral):
    """PyTorch's checks of matrix_norm's input, dims and dtype (in its order); returns the two wrapped dims."""
    nd = A._data.ndim
    if nd < 2:
        raise RuntimeError("linalg.matrix_norm: The input tensor A must have at least 2 dimensions.")
    if A._data.dtype.kind != "f":
        raise RuntimeError(f"linalg.matrix_norm: Expected a floating point or complex tensor as input. "
                           f"Got {_dtype.type_name(A.dtype)}")
    if spectral and A._data.dtype == np.float16:
        raise RuntimeError("linalg.matrix_norm: Low precision dtypes not supported. Got Half")
    dims = list(dim)
    if len(dims) != 2:
        raise RuntimeError(f"linalg.matrix_norm: dim must be a 2-tuple. Got {' '.join(str(int(d)) for d in dims)}")
    d0, d1 = (wrap_dim(d, nd, "linalg.matrix_norm") for d in dims)
    if d0 == d1:
        raise RuntimeError(f"linalg.matrix_norm: dims must be different. Got ({d0}, {d1})")
    if dtype is not None:
        _check_norm_dtype(dtype, A, "linalg.matrix_norm")
    return d0, d1


def _spectral_norm(A, ord, d0, d1, keepdim):
    """'nuc' (sum), 2 (max) or -2 (min) of the singular values of the (d0, d1) matrices, as PyTorch
    composes it: permute those dims to the back, svdvals, reduce, and permute back for ``keepdim``."""
    perm = [i for i in range(A._data.ndim) if i not in (d0, d1)] + [d0, d1]
    identity = perm == list(range(A._data.ndim))
    s = svdvals(A if identity else A.permute(*perm))
    if ord == "nuc":
        r = s.sum(-1)
    elif ord > 0 and s._data.shape[-1] == 0:
        r = Tensor._make(np.zeros(s._data.shape[:-1], dtype=s._data.dtype))
    else:
        r = s.amax(-1) if ord > 0 else s.amin(-1)
    if keepdim:
        r = r.unsqueeze(-1).unsqueeze(-1).permute(*np.argsort(perm).tolist())
    return r


def matrix_norm(A, ord="fro", dim=(-2, -1), keepdim=False, *, dtype=None, out=None):
    """Matrix norm over the two dims ``dim``: 'fro', 'nuc' (sum of singular values), 2 / -2 (largest /
    smallest singular value), 1 / -1 (max / min column abs-sum), inf / -inf (max / min row abs-sum)."""
    if isinstance(dim, (int, np.integer)):
        raise TypeError(f"linalg_matrix_norm() received an invalid combination of arguments - got (Tensor, "
                        f"{type(ord).__name__}, dim=int), but expected one of: (Tensor input, Number ord, tuple of "
                        f"ints dim = (-2, -1), ...) or (Tensor input, str ord = \"fro\", tuple of ints dim = (-2, -1), "
                        f"...)")
    if isinstance(ord, str):
        if ord not in ("fro", "nuc"):
            raise RuntimeError(f"linalg.matrix_norm: Order {ord} not supported.")
        spectral = ord == "nuc"
    else:
        if abs(ord) not in (1, 2, float("inf")):
            raise RuntimeError(f"linalg.matrix_norm: Order {float(ord):g} not supported.")
        spectral = abs(ord) == 2
    d0, d1 = _matrix_norm_dims(A, dim, dtype, spectral)
    if dtype is not None:
        A = A.to(dtype)
    if ord == "fro":
        return vector_norm(A, 2, (d0, d1), keepdim)
    if spectral:
        return _spectral_norm(A, ord, d0, d1, keepdim)
    red, pick = (d0, d1) if ord in (1, -1) else (d1, d0)  # sum over rows (1) or columns (inf), then extreme
    s = A.abs().sum(dim=red, keepdim=keepdim)
    pick = pick if keepdim or pick < red else pick - 1
    return s.amax(dim=pick, keepdim=keepdim) if ord > 0 else s.amin(dim=pick, keepdim=keepdim)


def norm(A, ord=None, dim=None, keepdim=False, *, dtype=None, out=None):
    """linalg.norm: a matrix norm when ``ord`` is a string, or is given with two dims (or none, for 2-D
    input); otherwise the vector norm (2-norm for ``ord=None``)."""
    dims = None if dim is None else ([dim] if isinstance(dim, (int, np.integer)) else list(dim))
    if dims is not None:
        if len(dims) not in (1, 2):
            raise RuntimeError(f"linalg.norm: If dim is specified, it must be of length 1 or 2. Got {dims}")
    elif ord is not None and A._data.ndim not in (1, 2):
        raise RuntimeError(f"linalg.norm: If dim is not specified but ord is, the input must be 1D or 2D. "
                           f"Got {A._data.ndim}D.")
    if isinstance(ord, str) or (ord is not None and (len(dims) == 2 if dims is not None else A._data.ndim == 2)):
        return matrix_norm(A, ord, dims if dims is not None else (0, 1), keepdim, dtype=dtype)
    return vector_norm(A, 2 if ord is None else ord, dim, keepdim, dtype=dtype)


def _legacy_norm(input, p="fro", dim=None, keepdim=False, out=None, dtype=None):
    """``autograd.norm`` / ``Tensor.norm`` (torch.norm): a number, None or 'fro' over at most two dims is
    a vector norm; 'nuc' (and any other string, or 'fro' over more dims) goes to matrix_norm over ``dim``
    (all dims when None), which raises PyTorch's errors for what it does not support."""
    if isinstance(p, str) and not (p == "fro" and (dim is None or isinstance(dim, (int, np.integer)) or len(dim) <= 2)):
        dims = range(input._data.ndim) if dim is None else ([dim] if isinstance(dim, (int, np.integer)) else dim)
        return matrix_norm(input, p, tuple(dims), keepdim, dtype=dtype)
    return _vector_norm_legacy(input, p, dim, keepdim, dtype=dtype)


def _raise_singular_inv(a, op):
    info = _batch_info(a, _lu_info)
    prefix, i = _first_failure(info, a.ndim)
    raise LinAlgError(f"{op}: {prefix}The diagonal element {int(info.reshape(-1)[i])} is zero, the inversion "
                      "could not be completed because the input matrix is singular.") from None


class LinalgInvEx(Op):
    node_name = "LinalgInvExBackward0"
    save_output = True

    @staticmethod
    def forward(ctx, a):
        _check_square(a, "inv")
        try:
            return np.linalg.inv(a._data).astype(a._data.dtype)
        except np.linalg.LinAlgError:
            _raise_singular_inv(a._data, "linalg.inv")

    @staticmethod
    def backward(ctx, g):
        inv_t = ctx.output.mT
        return -matmul(matmul(inv_t, g), inv_t)


def inv(A, *, out=None):
    return LinalgInvEx.apply(A)


def inv_ex(A, *, check_errors=False, out=None):
    """Inverse plus LAPACK's ``info`` per matrix (nonzero: singular, its inverse is then NaN); raises only
    with ``check_errors``."""
    _check_square(A, "inv_ex")
    info = _batch_info(A._data, _lu_info)
    if not info.any():
        return return_types.linalg_inv_ex(inv(A), Tensor._make(info))
    if check_errors:
        _raise_singular_inv(A._data, "linalg.inv_ex")
    ok = Tensor._make((info == 0)[..., None, None])
    from .ops.pointwise import where
    safe = where(ok, A, Tensor._make(np.eye(A._data.shape[-1], dtype=A._data.dtype)))
    return return_types.linalg_inv_ex(where(ok, inv(safe), float("nan")), Tensor._make(info))


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
        arr = a._data
        n = arr.shape[-1]
        bound = np.prod(np.linalg.norm(arr, axis=-1), axis=-1)  # Hadamard: |det| <= product of the row norms
        singular = np.abs(d._data) <= n * np.finfo(arr.dtype).eps * bound
        if not singular.any():
            return (g * d).unsqueeze(-1).unsqueeze(-1) * inv(a).mT
        # (near-)singular: the cofactor matrix det(A) A^-T from the SVD, alpha U diag(prod_{j != i} s_j) Vh
        u, sv, vh = np.linalg.svd(arr)
        others = np.stack([np.prod(np.delete(sv, i, axis=-1), axis=-1) for i in range(n)], -1)
        alpha = np.linalg.det(u) * np.linalg.det(vh)
        cof = Tensor._make(((alpha[..., None] * others)[..., None, :] * u) @ vh)
        mask = Tensor._make(singular[..., None, None])
        from .ops.pointwise import where
        eye = Tensor._make(np.eye(n, dtype=arr.dtype))
        regular = (g * d).unsqueeze(-1).unsqueeze(-1) * inv(where(mask, eye, a)).mT
        return where(mask, g.unsqueeze(-1).unsqueeze(-1) * cof.to(regular.dtype), regular)


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


def _check_batch_broadcast(a, b):
    """PyTorch's infer_size error for batch dims ``a`` and ``b`` that do not broadcast."""
    for i in range(1, min(len(a), len(b)) + 1):
        if a[-i] != b[-i] and 1 not in (a[-i], b[-i]):
            raise RuntimeError(f"The size of tensor a ({a[-i]}) must match the size of tensor b ({b[-i]}) at "
                               f"non-singleton dimension {max(len(a), len(b)) - i}")


class LinalgSolveEx(Op):
    node_name = "LinalgSolveExBackward0"
    save_output = True

    @staticmethod
    def forward(ctx, a, b, vector, left=True):
        _check_square(a, "solve")
        ctx.save_for_backward(a)
        ctx.vector, ctx.left = vector, left
        A, rhs = a._data, (b._data[..., None] if vector else b._data)
        if not left:  # X A = B  <=>  A^T X^T = B^T
            A, rhs = np.swapaxes(A, -1, -2), np.swapaxes(rhs, -1, -2)
        if rhs.ndim < 2 or rhs.shape[-2] != A.shape[-1]:
            raise RuntimeError(f"linalg.solve: Incompatible shapes of A and B for the equation AX = B "
                               f"({A.shape[-2]}x{A.shape[-1]} and {rhs.shape[-2]}x{rhs.shape[-1]})")
        _check_batch_broadcast(rhs.shape[:-2], A.shape[:-2])
        try:
            x = np.linalg.solve(A, rhs)
        except np.linalg.LinAlgError:
            prefix, _ = _first_failure(_batch_info(A, _lu_info), A.ndim)
            raise LinAlgError(f"torch.linalg.solve: {prefix}The solver failed because the input matrix is "
                              "singular.") from None
        x = x[..., 0] if vector else (x if left else np.swapaxes(x, -1, -2))
        return x.astype(np.result_type(a._data, b._data))

    @staticmethod
    def backward(ctx, g):
        (a,) = ctx.saved_tensors
        x = ctx.output
        if not ctx.left:
            gb = _mT(solve(a, _mT(g)))
            return -matmul(_mT(x), gb), gb, None, None
        gb = solve(a.mT, g)
        if ctx.vector:
            ga = -gb.unsqueeze(-1) * x.unsqueeze(-2)
        else:
            ga = -matmul(gb, x.mT)
        return ga, gb, None, None


def solve(A, B, *, left=True, out=None):
    """X with A X = B (``left``) or X A = B (X = solve(A^T, B^T)^T; B must then be a matrix)."""
    vector = B._data.ndim == 1 or (B._data.ndim == A._data.ndim - 1 and B._data.shape == A._data.shape[:-1])
    if not left:
        if vector or B._data.shape[-1] != A._data.shape[-2]:
            shape = B._data.shape + (1,) if vector else B._data.shape
            raise RuntimeError(f"linalg.solve: Incompatible shapes of A and B for the equation XA = B "
                               f"({A._data.shape[-2]}x{A._data.shape[-1]} and {shape[-2]}x{shape[-1]})")
        return LinalgSolveEx.apply(A, B, False, False)
    return LinalgSolveEx.apply(A, B, vector)


def _chain_matmul(*matrices, out=None):
    """``torch.chain_matmul`` (deprecated there): the product of 2-D matrices, a lone one copied."""
    import warnings
    warnings.warn("torch.chain_matmul is deprecated and will be removed in a future PyTorch release. Use "
                  "torch.linalg.multi_dot instead, which accepts a list of two or more tensors rather than multiple "
                  "parameters.", UserWarning, stacklevel=2)
    if not matrices:
        raise RuntimeError("chain_matmul(): Expected one or more matrices")
    for m in matrices:
        if m.ndim != 2:
            raise RuntimeError(f"Tensor dimension is {m.ndim}, expected 2 instead.")
    return matrices[0].clone() if len(matrices) == 1 else multi_dot(matrices)


def multi_dot(tensors, *, out=None):
    from .ops.linalg import _CPP_NAMES
    ts = list(tensors)
    if len(ts) < 2:
        raise RuntimeError(f"multi_dot(): expected at least 2 tensors but got {len(ts)}")
    for i, t in enumerate(ts):
        where = "the first tensor" if i == 0 else "the last tensor" if i == len(ts) - 1 else None
        if (t.ndim not in (1, 2)) if where else t.ndim != 2:
            raise RuntimeError(f"multi_dot(): {where or f'tensor {i}'} must be {'1D or 2D' if where else '2D'} but "
                               f"got {t.ndim}D")
        if t.dtype != ts[0].dtype:
            raise RuntimeError(f"multi_dot(): all tensors must have be the same dtype but tensor 0 is "
                               f"{_CPP_NAMES[ts[0].dtype.name]} and tensor {i} {_CPP_NAMES[t.dtype.name]}")
    first_1d, last_1d = ts[0].ndim == 1, ts[-1].ndim == 1
    mats = [ts[0].unsqueeze(0) if first_1d else ts[0]] + ts[1:-1] + [ts[-1].unsqueeze(1) if last_1d else ts[-1]]
    for i in range(len(ts) - 1):
        if mats[i].shape[-1] != mats[i + 1].shape[0]:
            raise RuntimeError(f"multi_dot(): tensors {i} and {i + 1} with shapes {list(ts[i].shape)} and "
                               f"{list(ts[i + 1].shape)} cannot be multiplied")
    res = mats[0]
    for t in mats[1:]:
        res = res.mm(t)
    shape = [s for i, s in enumerate(res.shape) if not ((first_1d and i == 0) or (last_1d and i == 1))]
    return res.view(*shape)


class _IdentityLike(Op):
    """``matrix_power(A, 0)``: identity matrices still attached to A's graph (torch: CopyBackwards, zero grad)."""

    node_name = "CopyBackwards"

    @staticmethod
    def forward(ctx, a):
        return np.broadcast_to(np.eye(a._data.shape[-1], dtype=a._data.dtype), a._data.shape).copy()

    @staticmethod
    def backward(ctx, g):
        return Tensor._make(np.zeros_like(g._data))


def matrix_power(A, n, *, out=None):
    if A._data.ndim < 2 or A._data.shape[-1] != A._data.shape[-2]:
        _check_square(A, "matrix_power")  # integer matrices are fine for n >= 0 (inv checks the dtype for n < 0)
    if n == 0:
        return _IdentityLike.apply(A)
    base = inv(A) if n < 0 else A
    res = None
    for _ in range(abs(n)):
        res = base if res is None else matmul(res, base)
    return res


def diagonal(A, *, offset=0, dim1=-2, dim2=-1):
    return A.diagonal(offset, dim1, dim2)


def logdet(A):
    sign, logabs = LinalgSlogdet.apply(A)
    from .ops.pointwise import where
    return where(sign < 0, float("nan"), where(sign == 0, float("-inf"), logabs))


register_method("norm")(_legacy_norm)
register_method("inverse")(inv)
register_method("det")(det)
register_method("slogdet")(_slogdet)
register_method("logdet")(logdet)
register_method("matrix_power")(matrix_power)


# ---- decompositions ------------------------------------------------------------------------------------
def _mT(x):
    return x.transpose(-2, -1)


def _diag_embed(v):
    from .ops.shape import diag_embed
    return diag_embed(v)


def _skew(x):
    return x - _mT(x)


def _offdiag_inverse(d):
    """1 / (d_j - d_i) off the diagonal (d: (..., k) -> (..., k, k)), 0 on it: the eigen/singular gaps."""
    gap = d.unsqueeze(-2) - d.unsqueeze(-1)
    k = d._data.shape[-1]
    eye = Tensor._make(np.eye(k, dtype=bool))
    from .ops.pointwise import where
    return where(eye, 0.0, 1.0 / where(eye, 1.0, gap))


def _saved_outputs(ctx):
    """The forward's outputs (``ctx.outs``), re-attached to ``ctx`` while a graph is being recorded
    (create_graph), so a backward written with them differentiates through the decomposition again."""
    live = STATE.grad_enabled and bool(ctx.next_edges)
    outs = []
    for i, x in enumerate(ctx.outs):
        t = Tensor._make(x, requires_grad=live, grad_fn=ctx if live else None)
        t._output_nr = i
        outs.append(t)
    return outs


class LinalgSvd(Op):
    """Reduced SVD A = U diag(S) Vh; the backward is PyTorch's svd_backward (gauge-invariant losses)."""

    node_name = "LinalgSvdBackward0"

    @staticmethod
    def forward(ctx, a, full_matrices):
        u, s, vh = np.linalg.svd(a._data, full_matrices=full_matrices)
        dt = a._data.dtype
        ctx.full = full_matrices
        ctx.outs = (u.astype(dt), s.astype(dt), vh.astype(dt))
        return ctx.outs

    @staticmethod
    def backward(ctx, gU, gS, gVh):
        U, S, Vh = _saved_outputs(ctx)
        k = S._data.shape[-1]
        if ctx.full:  # only the first k singular vectors carry information
            U, Vh = U[..., :, :k], Vh[..., :k, :]
            gU = None if gU is None else gU[..., :, :k]
            gVh = None if gVh is None else gVh[..., :k, :]
        m, n = U._data.shape[-2], Vh._data.shape[-1]
        if gU is None and gVh is None:
            return matmul(U * gS.unsqueeze(-2), Vh) if gS is not None else None, None
        V = _mT(Vh)
        gV = None if gVh is None else _mT(gVh)
        F = _offdiag_inverse(S * S)
        inner = 0
        if gU is not None:
            UhgU = matmul(_mT(U), gU)
            inner = inner + _skew(UhgU) * F * S.unsqueeze(-2)
        if gV is not None:
            VhgV = matmul(_mT(V), gV)
            inner = inner + S.unsqueeze(-1) * (_skew(VhgV) * F)
        if gS is not None:
            inner = inner + _diag_embed(gS)
        gA = matmul(matmul(U, inner), Vh)
        if gU is not None and m > k:
            gA = gA + matmul((gU - matmul(U, UhgU)) / S.unsqueeze(-2), Vh)
        if gV is not None and n > k:
            gA = gA + matmul(U, _mT((gV - matmul(V, VhgV)) / S.unsqueeze(-2)))
        return gA, None


def _check_svd_input(A):
    if A._data.ndim < 2:
        raise RuntimeError("linalg.svd: The input tensor A must have at least 2 dimensions.")
    _check_float(A, "linalg.svd")


def svd(A, full_matrices=True, *, driver=None, out=None):
    _check_svd_input(A)
    return return_types.linalg_svd(*LinalgSvd.apply(A, bool(full_matrices)))


def svdvals(A, *, driver=None, out=None):
    _check_svd_input(A)
    return LinalgSvd.apply(A, False)[1]


def _legacy_svd(input, some=True, compute_uv=True):
    """``torch.svd``: returns V (not Vh); without ``compute_uv`` U and V are zero matrices."""
    if not compute_uv:  # U and V zero-filled, (m, m) and (n, n) whatever ``some`` says
        S = svdvals(input)
        m, n = input._data.shape[-2:]
        zeros = lambda k: Tensor._make(np.zeros(input._data.shape[:-2] + (k, k), dtype=input._data.dtype))  # noqa: E731
        return return_types.svd(zeros(m), S, zeros(n))
    U, S, Vh = svd(input, full_matrices=not some)
    return return_types.svd(U, S, _mT(Vh))


class LinalgEigh(Op):
    node_name = "LinalgEighBackward0"

    @staticmethod
    def forward(ctx, a, uplo):
        if a._data.dtype.kind != "f" and a._data.ndim >= 2 and a._data.shape[-1] == a._data.shape[-2]:
            raise NotImplementedError(f"\"linalg_eigh_cpu\" not implemented for '{_dtype.type_name(a.dtype)}'")
        _check_square(a, "eigh")
        w, v = np.linalg.eigh(a._data, UPLO=uplo)
        ctx.outs = (w.astype(a._data.dtype), v.astype(a._data.dtype))
        return ctx.outs

    @staticmethod
    def backward(ctx, gL, gV):
        L, V = _saved_outputs(ctx)
        inner = 0
        if gV is not None:
            VhgV = matmul(_mT(V), gV)
            inner = inner + 0.5 * _skew(VhgV) * _offdiag_inverse(L)
        if gL is not None:
            inner = inner + _diag_embed(gL)
        return matmul(matmul(V, inner), _mT(V)), None


def eigh(A, UPLO="L", *, out=None):
    return return_types.linalg_eigh(*LinalgEigh.apply(A, UPLO))


def eigvalsh(A, UPLO="L", *, out=None):
    return LinalgEigh.apply(A, UPLO)[0]


class LinalgQr(Op):
    node_name = "LinalgQrBackward0"

    @staticmethod
    def forward(ctx, a, mode):
        if a._data.ndim < 2:
            raise RuntimeError("linalg.qr: The input tensor A must have at least 2 dimensions.")
        _check_float(a, "linalg.qr")
        if mode not in ("reduced", "complete", "r"):
            raise RuntimeError(f"qr received unrecognized mode '{mode}' but expected one of 'reduced' (default), "
                               "'r', or 'complete'")
        q, r = np.linalg.qr(a._data, mode="complete" if mode == "complete" else "reduced")
        ctx.outs = (q.astype(a._data.dtype), r.astype(a._data.dtype))
        ctx.mode = mode
        if mode == "r":
            return np.zeros((0,), dtype=a._data.dtype), ctx.outs[1]
        return ctx.outs

    @staticmethod
    def backward(ctx, gQ, gR):
        Q, R = _saved_outputs(ctx)
        m, n = Q._data.shape[-2], R._data.shape[-1]
        if ctx.mode == "r":
            raise RuntimeError("The derivative of linalg.qr depends on Q, which is not computed when mode='r'. Please "
                               "use linalg.qr(A, mode='reduced') if you are going to differentiate through linalg.qr.")
        if ctx.mode == "complete" and m > n:
            raise RuntimeError("The QR decomposition is not differentiable when mode='complete' and nrows > ncols.")
        if m >= n:
            return _qr_backward_tall(Q, R, gQ, gR), None
        # wide A = [X | Y] = Q [R1 | R2]: Y = Q R2 sends gR2 back through Q to X (arXiv:2009.10071, 4.3)
        from .ops.joining import cat
        R1, R2 = R[..., :, :m], R[..., :, m:]
        gR1 = None if gR is None else gR[..., :, :m]
        gY = None
        if gR is not None:
            gR2 = gR[..., :, m:]
            gQ = (0 if gQ is None else gQ) + matmul(matmul(Q, R2), _mT(gR2))
            gY = matmul(Q, gR2)
        gX = _qr_backward_tall(Q, R1, gQ, gR1)
        if gY is None:
            gY = Tensor._make(np.zeros(Q._data.shape[:-1] + (n - m,), dtype=Q._data.dtype))
        return cat([gX, gY], -1), None


def _qr_backward_tall(Q, R, gQ, gR):
    """Gradient of A = QR (m >= n, reduced) from those of Q and R (torch's linalg_qr_backward)."""
    M = 0
    if gR is not None:
        M = M + matmul(R, _mT(gR))
    if gQ is not None:
        M = M - matmul(_mT(gQ), Q)
    b = (gQ if gQ is not None else 0)
    if not isinstance(M, int):
        copyltu = M.tril(-1) + _mT(M.tril(-1)) + _diag_embed(M.diagonal(0, -2, -1))
        b = b + matmul(Q, copyltu)
    return _mT(solve_triangular(R, _mT(b), upper=True))


def qr(A, mode="reduced", *, out=None):
    return return_types.linalg_qr(*LinalgQr.apply(A, mode))


_REQUIRED = object()


def solve_triangular(A, B, *, upper=_REQUIRED, left=True, unitriangular=False, out=None):
    """X with A X = B for triangular A (differentiable: written with solve on the triangular part)."""
    if upper is _REQUIRED:
        raise TypeError('linalg_solve_triangular() missing 1 required positional arguments: "upper"')
    for name, t in (("A", A), ("B", B)):
        if t._data.ndim < 2:
            raise RuntimeError(f"linalg.solve_triangular: The input tensor {name} must have at least 2 dimensions.")
    (m, n), (p, q) = A._data.shape[-2:], B._data.shape[-2:]
    if m != n:
        raise RuntimeError(f"linalg.solve_triangular: A must be batches of square matrices, but they are {m} by {n} "
                           "matrices")
    if (p if left else q) != n:
        raise RuntimeError(f"linalg.solve_triangular: Incompatible shapes of A and B for the equation "
                           f"{'AX = B' if left else 'XA = B'} ({n}x{n} and {p}x{q})")
    if A._data.dtype.kind != "f":
        raise NotImplementedError(f"\"triangular_solve_cpu\" not implemented for '{_dtype.type_name(A.dtype)}'")
    T = A.triu() if upper else A.tril()
    if unitriangular:
        eye = Tensor._make(np.eye(A._data.shape[-1], dtype=A._data.dtype))
        T = T - _diag_embed(T.diagonal(0, -2, -1)) + eye
    if not left:
        return _mT(solve(_mT(T), _mT(B)))
    return solve(T, B)


class LinalgCholeskyEx(Op):
    node_name = "LinalgCholeskyExBackward0"
    save_output = True

    @staticmethod
    def forward(ctx, a, upper):
        _check_square(a, "cholesky")
        try:
            L = np.linalg.cholesky(a._data)
        except np.linalg.LinAlgError:
            _raise_not_pd(a._data, "linalg.cholesky")
        ctx.upper = upper
        L = L.astype(a._data.dtype)
        return np.swapaxes(L, -1, -2).copy() if upper else L

    @staticmethod
    def backward(ctx, g):
        L = ctx.output
        if ctx.upper:
            L, g = _mT(L), _mT(g)
        phi = matmul(_mT(L), g).tril()
        phi = phi - 0.5 * _diag_embed(phi.diagonal(0, -2, -1))
        Linv = inv(L)
        gA = matmul(matmul(_mT(Linv), phi), Linv)
        return 0.5 * (gA + _mT(gA)), None


def _raise_not_pd(a, op):
    info = _batch_info(a, _cholesky_info)
    prefix, i = _first_failure(info, a.ndim)
    raise LinAlgError(f"{op}: {prefix}The factorization could not be completed because the input is not "
                      f"positive-definite (the leading minor of order {int(info.reshape(-1)[i])} is not "
                      "positive-definite).") from None


def cholesky(A, *, upper=False, out=None):
    return LinalgCholeskyEx.apply(A, bool(upper))


def cholesky_ex(A, *, upper=False, check_errors=False, out=None):
    """Cholesky factor plus LAPACK's ``info`` per matrix (the order of the first non-positive-definite leading
    minor; that matrix's factor is then LAPACK's partial result, as in torch); raises only with ``check_errors``."""
    _check_square(A, "cholesky_ex")
    info = _batch_info(A._data, _cholesky_info)
    if not info.any():
        return return_types.linalg_cholesky_ex(cholesky(A, upper=upper), Tensor._make(info))
    if check_errors:
        _raise_not_pd(A._data, "linalg.cholesky_ex")
    ok = Tensor._make((info == 0)[..., None, None])
    from .ops.pointwise import where
    safe = where(ok, A, Tensor._make(np.eye(A._data.shape[-1], dtype=A._data.dtype)))
    partial = _batch_partial_cholesky(A._data, upper)
    return return_types.linalg_cholesky_ex(where(ok, cholesky(safe, upper=upper), partial), Tensor._make(info))


def _batch_partial_cholesky(a, upper):
    """LAPACK potf2's result on each matrix, kept up to the failing column (what torch returns there)."""
    n = a.shape[-1]
    out = _batches(np.array(np.swapaxes(a, -1, -2) if upper else a, dtype=a.dtype))
    for m in out:
        for j in range(n):
            ajj = m[j, j] - m[j, :j] @ m[j, :j]
            if not ajj > 0:
                m[j, j] = ajj
                break
            m[j, j] = ajj = np.sqrt(ajj)
            m[j + 1:, j] = (m[j + 1:, j] - m[j + 1:, :j] @ m[j, :j]) / ajj
    out = np.tril(out).reshape(a.shape)
    return Tensor._make(np.swapaxes(out, -1, -2).copy() if upper else out)


def _legacy_pinverse(input, rcond=1e-15):
    """``autograd.pinverse`` (torch.pinverse): singular values below ``rcond * s_max`` dropped."""
    return pinv(input, rtol=rcond)


class LinalgPinv(Op):
    """Pseudo-inverse from the SVD (``hermitian``: from eigh of the lower triangle, |eigenvalues| as the singular
    values), those below max(atol, rtol * s_max) dropped. The gradient is torch's closed form in A and pinv(A),
    which holds at any constant rank (a decomposition's backward is undefined at repeated zero singular values)."""
    node_name = "LinalgPinvBackward0"
    save_output = True

    @staticmethod
    def forward(ctx, A, atol, rtol, hermitian):
        ctx.save_for_backward(A)
        a = A._data
        if hermitian:
            s, u = np.linalg.eigh(a)
            mag, v = np.abs(s), u
        else:
            u, s, vh = np.linalg.svd(a, full_matrices=False)
            mag, v = s, np.swapaxes(vh, -1, -2)
        at = _tolerance(atol)  # atol / rtol may be tensors, broadcast over the batch
        if rtol is None:
            default = max(a.shape[-2:]) * float(np.finfo(a.dtype).eps)
            rt = np.where(at > 0, 0.0, default) if atol is not None else np.asarray(default)
        else:
            rt = _tolerance(rtol)
        smax = mag.max(-1, keepdims=True) if mag.size else 0.0
        keep = mag > np.maximum(at[..., None], rt[..., None] * smax)
        s_inv = np.where(keep, 1.0 / np.where(keep, s, 1.0), 0.0).astype(a.dtype)
        return ((v * s_inv[..., None, :]) @ np.swapaxes(u, -1, -2)).astype(a.dtype)

    @staticmethod
    def backward(ctx, g):
        (A,) = ctx.saved_tensors
        P = ctx.output
        Ph, gh = _mT(P), _mT(g)
        m, n = A._data.shape[-2:]
        if m <= n:
            K = matmul(gh, P)
            KPh = matmul(K, Ph)
            gA = -_mT(matmul(P, K)) + KPh - matmul(matmul(A, P), KPh) + matmul(matmul(Ph, P), gh - matmul(K, A))
        else:
            K = matmul(P, gh)
            PhK = matmul(Ph, K)
            gA = -_mT(matmul(K, P)) + matmul(matmul(gh - matmul(A, K), P), Ph) + PhK - matmul(matmul(PhK, P), A)
        return gA, None, None, None


def pinv(A, *, atol=None, rtol=None, hermitian=False, out=None):
    if A._data.ndim < 2 or A._data.dtype.kind != "f":
        raise RuntimeError(f"linalg.pinv({_dtype.type_name(A.dtype)}{{{list(A._data.shape)}}}): expected a tensor with 2 "
                           "or more dimensions of float, double, cfloat or cdouble types")
    if hermitian:
        _check_square(A, "eigh")  # torch's hermitian path reports eigh's errors
    res = LinalgPinv.apply(A, atol, rtol, hermitian)
    return out.copy_(res) if out is not None else res


def lstsq(A, B, rcond=None, *, driver=None):
    """Least-squares solution with PyTorch's CPU result fields per driver: 'gelsy' (default) gives the rank only;
    'gelsd'/'gelss' also the singular values; all but 'gelsy' give the residuals (squared column norms of
    A X - B) when A is tall and of full rank."""
    driver = "gelsy" if driver is None else driver
    if driver not in ("gels", "gelsy", "gelsd", "gelss"):
        raise RuntimeError("torch.linalg.lstsq: parameter `driver` should be one of (gels, gelsy, gelsd, gelss)")
    if A._data.ndim < 2:
        raise RuntimeError("torch.linalg.lstsq: input must have at least 2 dimensions.")
    if A._data.dtype != B._data.dtype:
        raise RuntimeError(f"torch.linalg.lstsq: Expected input and other to have the same dtype, but got input's "
                           f"dtype {_dtype.type_name(A.dtype)} and other's dtype {_dtype.type_name(B.dtype)}")
    if A._data.dtype.kind != "f":
        raise RuntimeError("This function doesn't handle types other than float and double")
    vector = B._data.ndim == A._data.ndim - 1
    rhs = B.unsqueeze(-1) if vector else B
    sol = matmul(pinv(A, rtol=rcond), rhs)
    empty = Tensor._make(np.zeros((0,), dtype=A._data.dtype))
    m, n = A._data.shape[-2:]
    rank = Tensor._make(np.zeros((0,), dtype=np.int64)) if driver == "gels" else matrix_rank(A, rtol=rcond)
    residuals = sol.reshape(-1)[:0]  # empty, but differentiable as in torch
    if driver != "gelsy" and m > n and (driver == "gels" or bool((rank._data == n).all())):
        residuals = (matmul(A, sol) - rhs).pow(2).sum(-2)
    sv = svdvals(A).detach() if driver in ("gelsd", "gelss") else empty
    sol = sol.squeeze(-1) if vector else sol
    return return_types.linalg_lstsq(sol, residuals, rank, sv)


def cond(A, p=None):
    """Condition number: ratio of extreme singular values (p None/2/-2), else ||A||_p ||A^-1||_p."""
    if p in (None, 2, -2):
        s = svdvals(A)
        return s[..., 0] / s[..., -1] if p in (None, 2) else s[..., -1] / s[..., 0]
    if A._data.ndim >= 2 and A._data.shape[-1] != A._data.shape[-2]:
        raise RuntimeError(f"linalg.cond(ord={p}): A must be batches of square matrices, but they are "
                           f"{A._data.shape[-2]} by {A._data.shape[-1]} matrices")
    _check_square(A, "inv")
    Ainv, info = inv_ex(A)
    from .ops.pointwise import where
    return where(Tensor._make(info._data > 0), float("inf"), matrix_norm(A, p) * matrix_norm(Ainv, p))


def matrix_exp(A):
    """``exp(A)`` of a (batch of) square matrix: scaling and squaring around a Taylor polynomial.

    The scaling ``s`` is chosen from the data (outside the graph) so that ``||A / 2^s||_1 <= 1/2``;
    the degree (18 in float64, 10 otherwise) then makes the truncation error below the dtype's
    precision, and the gradient (that of the polynomial) equals the true one to the same precision.
    """
    _check_square(A, "matrix_exp")
    n = A._data.shape[-1]
    norm = float(np.abs(A._data).sum(axis=-2).max()) if A._data.size else 0.0
    s = max(0, int(np.ceil(np.log2(norm / 0.5)))) if norm > 0.5 else 0
    B = A / (2.0 ** s) if s else A
    Id = Tensor._make(np.eye(n, dtype=A._data.dtype))
    E = Id
    for k in range(18 if A._data.dtype == np.float64 else 10, 0, -1):
        E = Id + matmul(B, E) / k
    for _ in range(s):
        E = matmul(E, E)
    return E if E._data.shape == A._data.shape else E.expand(*A._data.shape)


def householder_product(A, tau, *, out=None):
    """The first ``n`` columns of ``H_1 ... H_k``, ``H_i = I - tau_i v_i v_i^H``: ``v_i`` is column ``i`` of
    ``A`` below the diagonal, with an implicit 1 on the diagonal."""
    m, n = A._data.shape[-2:]
    k = tau._data.shape[-1]
    if m < n:
        raise RuntimeError("torch.linalg.householder_product: input.shape[-2] must be greater than or equal to "
                           "input.shape[-1]")
    if n < k:
        raise RuntimeError("torch.linalg.householder_product: input.shape[-1] must be greater than or equal to "
                           "tau.shape[-1]")
    dt = A._data.dtype
    A = A * Tensor._make(np.tril(np.ones((m, n), dtype=dt), -1))
    Q = Tensor._make(np.broadcast_to(np.eye(m, n, dtype=dt), A._data.shape).copy())
    for i in reversed(range(k)):
        e = np.zeros(m, dtype=dt)
        e[i] = 1.0
        v = (A[..., :, i] + Tensor._make(e)).unsqueeze(-1)
        Q = Q - tau[..., i, None, None] * matmul(v, matmul(_mT(v), Q))
    return Q + A * 0 if k == 0 else Q  # without reflectors Q is still a function of A (requires grad with it)


class Geqrf(Op):
    """``torch.geqrf``: LAPACK's packed QR (R on and above the diagonal, the Householder vectors below) and the
    Householder scalars ``tau``; ``householder_product(a, tau)`` rebuilds Q. Not differentiable (as in torch)."""

    @staticmethod
    def forward(ctx, a):
        x = a._data
        if x.ndim < 2:
            raise RuntimeError("torch.geqrf: input must have at least 2 dimensions.")
        if x.dtype.kind != "f":
            raise NotImplementedError(f"\"geqrf_cpu\" not implemented for '{_dtype.type_name(a.dtype)}'")
        m, n = x.shape[-2:]
        flat = _batches(x)
        h = np.empty_like(flat)
        tau = np.empty((flat.shape[0], min(m, n)), dtype=x.dtype)
        for i, mat in enumerate(flat):
            raw, t = np.linalg.qr(mat, mode="raw")
            h[i], tau[i] = raw.T, t
        return h.reshape(x.shape), tau.reshape(x.shape[:-2] + (min(m, n),))

    @staticmethod
    def backward(ctx, ga, gtau):
        raise NotImplementedError("the derivative for 'geqrf' is not implemented.")


def geqrf(input, *, out=None):
    return return_types.geqrf(*Geqrf.apply(input))


register_method("geqrf")(geqrf)


def ormqr(input, tau, other, left=True, transpose=False, *, out=None):
    """``other`` times ``Q`` from geqrf's ``(input, tau)``, ``Q = H_1 ... H_k``, ``H_i = I - tau_i v_i v_i^T``:
    ``Q @ other`` (``left``) or ``other @ Q``, ``Q^T`` with ``transpose``; the reflectors are applied one by one."""
    err = "torch.ormqr: "
    for name, t in (("input", input), ("other", other)):
        if t.dim() < 2:
            raise RuntimeError(f"{err}{name} must have at least 2 dimensions.")
    side = -2 if left else -1
    if tau.shape[-1:] != (min(other.shape[side], input.shape[-1]),):
        raise RuntimeError(f"{err}tau.shape[-1] must be equal to min(other.shape[{side}], input.shape[-1])")
    if other.shape[side] != input.shape[-2]:
        raise RuntimeError(f"{err}other.shape[{side}] must be equal to input.shape[-2]")
    if input.dim() - tau.dim() != 1:
        raise RuntimeError(f"{err}Expected tau to have one dimension less than input, but got tau.ndim equal to "
                           f"{tau.dim()} and input.ndim is equal to {input.dim()}")
    if input.dim() != other.dim():
        raise RuntimeError(f"{err}Expected other to have the same number of dimensions as input, but got other.ndim "
                           f"equal to {other.dim()} and input.ndim is equal to {input.dim()}")
    for name, t in (("tau", tau), ("other", other)):
        if tuple(t.shape[:input.dim() - 2]) != tuple(input.shape[:-2]):
            raise RuntimeError(f"{err}Expected batch dimensions of {name} to be equal to input.shape[:-2], but got "
                               f"{list(t.shape[:input.dim() - 2])}")
    for name, t in (("tau", tau), ("other", other)):
        if t.dtype != input.dtype:
            raise RuntimeError(f"{err}Expected input and {name} to have the same dtype, but input has dtype"
                               f"{_dtype.type_name(input.dtype)} and {name} has dtype {_dtype.type_name(t.dtype)}")
    if not input.is_floating_point():
        raise NotImplementedError(f"\"ormqr_cpu\" not implemented for '{_dtype.type_name(input.dtype)}'")
    m, k = input.shape[-2], tau.shape[-1]
    dt = input._data.dtype
    V = input[..., :, :k] * Tensor._make(np.tril(np.ones((m, k), dtype=dt), -1)) + Tensor._make(np.eye(m, k, dtype=dt))
    C = other
    for i in (range(k) if left == transpose else reversed(range(k))):
        v, t = V[..., :, i:i + 1], tau[..., i, None, None]
        C = C - t * matmul(v, matmul(_mT(v), C)) if left else C - t * matmul(matmul(C, v), _mT(v))
    if out is not None:
        return out.copy_(C)
    return C


register_method("ormqr")(ormqr)


__all__ += ["svd", "svdvals", "eigh", "eigvalsh", "qr", "solve_triangular", "cholesky", "cholesky_ex", "pinv",
            "lstsq", "matrix_rank", "cond", "matrix_exp", "householder_product"]
register_method("matrix_exp")(matrix_exp)
register_method("svd")(_legacy_svd)
register_method("pinverse")(lambda self, rcond=1e-15: pinv(self, rtol=rcond))
register_method("cholesky")(lambda self, upper=False: cholesky(self, upper=upper))
register_method("qr")(lambda self, some=True: return_types.qr(*qr(self, "reduced" if some else "complete")))


# ---- LU family, tensor solves, legacy top-level solvers ------------------------------------------------
# Not provided: linalg.eig / linalg.eigvals (their results are complex; this library has no complex dtype),
# linalg.ldl_factor(_ex) / ldl_solve; torch.lstsq and torch.matrix_rank are removed in torch 2 (they raise there).
def _getrf(a):
    """LAPACK getrf (partial pivoting, first largest |pivot|) on a batch (..., m, n): packed LU, 1-based int32
    pivots (row swaps in order) and ``info`` (1-based index of the first zero pivot, 0 if none)."""
    m, n = a.shape[-2:]
    k, nb = min(m, n), int(np.prod(a.shape[:-2], dtype=np.int64))
    lu = np.array(a, copy=True).reshape(nb, m, n)
    piv = np.zeros((nb, k), np.int32)
    info = np.zeros(nb, np.int32)
    r = np.arange(nb)
    with np.errstate(all="ignore"):
        for j in range(k):
            p = j + np.argmax(np.abs(lu[:, j:, j]), axis=1) if m > j else np.full(nb, j)
            piv[:, j] = p + 1
            row = lu[r, p].copy()
            lu[r, p] = lu[:, j]
            lu[:, j] = row
            d = lu[:, j, j]
            zero = d == 0
            info[(info == 0) & zero] = j + 1
            col = np.where(zero[:, None], 0, lu[:, j + 1:, j] / np.where(zero, 1, d)[:, None])
            lu[:, j + 1:, j] = col
            lu[:, j + 1:, j + 1:] -= col[:, :, None] * lu[:, j, None, j + 1:]
    batch = a.shape[:-2]
    return lu.reshape(a.shape), piv.reshape(batch + (k,)), info.reshape(batch)


def _permutation(piv, m, dtype):
    """P (..., m, m) with A = P L U, from getrf's sequential 1-based row swaps ``piv`` (..., k)."""
    k, nb = piv.shape[-1], int(np.prod(piv.shape[:-1], dtype=np.int64))
    flat = piv.reshape(nb, k).astype(np.int64) - 1
    perm = np.tile(np.arange(m), (nb, 1))
    r = np.arange(nb)
    for i in range(k):
        j = flat[:, i]
        a = perm[r, i].copy()
        perm[r, i] = perm[r, j]
        perm[r, j] = a
    P = np.zeros((nb, m, m), dtype=dtype)
    P[r[:, None], perm, np.arange(m)[None, :]] = 1
    return P.reshape(piv.shape[:-1] + (m, m))


def _check_lu_input(a, op):
    if a._data.ndim < 2:
        raise RuntimeError(f"{op}: Expected tensor with 2 or more dimensions. Got size: {list(a._data.shape)} instead")
    if a._data.dtype.kind != "f" or a._data.dtype == np.float16:
        raise NotImplementedError(f"\"lu_cpu\" not implemented for '{_dtype.type_name(a.dtype)}'")


def _unpack(LU, piv, data=True, pivots=True):
    """(P, L, U) of a packed LU: L (m, k) unit lower, U (k, n) upper, written in Tensor ops of ``LU``."""
    m, n = LU._data.shape[-2:]
    k = min(m, n)
    dt = LU._data.dtype
    empty = Tensor._make(np.zeros((0,), dtype=dt))
    P = Tensor._make(_permutation(piv, m, dt)) if pivots else empty
    if not data:
        return P, empty, empty
    L = LU[..., :, :k].tril(-1) + Tensor._make(np.eye(m, k, dtype=dt))
    U = LU[..., :k, :].triu()
    return P, L, U


def _lu_backward(gL, gU, P, L, U):
    """PyTorch's linalg_lu_backward: the gradient of A = P L U (square, wide and tall cases)."""
    from .ops.joining import cat
    m, n = L._data.shape[-2], U._data.shape[-1]
    k = min(m, n)
    if m == n:
        gA = matmul(_mT(L), gL).tril(-1) if gL is not None else 0
        if gU is not None:
            gA = gA + matmul(gU, _mT(U)).triu()
        gA = solve_triangular(_mT(U), gA, upper=False, left=False)
        gA = solve_triangular(_mT(L), gA, upper=True, unitriangular=True)
    elif m < n:
        gA = matmul(_mT(L), gL) if gL is not None else 0
        if gU is not None:
            gA = gA - matmul(gU.triu(), _mT(U))
        gA = solve_triangular(_mT(U[..., :k]), gA.tril(-1), upper=False, left=False)
        if gU is not None:
            gA = cat([gA + gU[..., :k].triu(), gU[..., k:]], -1)
        gA = solve_triangular(_mT(L), gA, upper=True, unitriangular=True)
        if gU is None:
            gA = cat([gA, Tensor._make(np.zeros(gA._data.shape[:-1] + (n - k,), dtype=gA._data.dtype))], -1)
    else:
        gA = matmul(gU, _mT(U)) if gU is not None else 0
        if gL is not None:
            gA = gA - matmul(_mT(L), gL.tril(-1))
        gA = solve_triangular(_mT(L[..., :k, :]), gA.triu(), upper=True, unitriangular=True)
        if gL is not None:
            gA = cat([gA + gL[..., :k, :].tril(-1), gL[..., k:, :]], -2)
        gA = solve_triangular(_mT(U), gA, upper=False, left=False)
        if gL is None:
            gA = cat([gA, Tensor._make(np.zeros(gA._data.shape[:-2] + (m - k, n), dtype=gA._data.dtype))], -2)
    return matmul(P, gA)


class LinalgLuFactorEx(Op):
    """Packed LU with partial pivoting (LAPACK getrf); the backward is PyTorch's lu_factor_ex_backward."""

    node_name = "LinalgLuFactorExBackward0"
    save_output = True

    @staticmethod
    def forward(ctx, a, op):
        _check_lu_input(a, op)
        lu, piv, info = _getrf(a._data)
        ctx.piv = piv
        return lu, piv, info

    @staticmethod
    def backward(ctx, gLU, gpiv, ginfo):
        LU = ctx.output
        P, L, U = _unpack(LU, ctx.piv)
        k = min(LU._data.shape[-2:])
        return _lu_backward(gLU[..., :, :k], gLU[..., :k, :], P, L, U), None


def _no_pivot(pivot, op):
    if not pivot:
        raise RuntimeError(f"{op}: LU without pivoting is not implemented on the CPU")


def _raise_zero_pivot(info, ndim, op):
    prefix, i = _first_failure(info, ndim)
    j = int(info.reshape(-1)[i])
    raise RuntimeError(f"torch.{op}: {prefix}U[{j},{j}] is zero and using it on lu_solve would result in a division "
                       "by zero. If you still want to perform the factorization, consider calling linalg.lu(A, pivot) "
                       "or linalg.lu_factor_ex(A, pivot)")


def lu_factor_ex(A, *, pivot=True, check_errors=False, out=None):
    """(LU, pivots, info): packed LU (L below the diagonal with an implicit unit diagonal, U on and above it),
    1-based int32 row swaps, and per matrix the 1-based index of the first zero pivot (0 if none)."""
    _check_lu_input(A, "torch.lu_factor")
    _no_pivot(pivot, "linalg.lu_factor")
    LU, piv, info = LinalgLuFactorEx.apply(A, "torch.lu_factor")
    if check_errors and info._data.any():
        _raise_zero_pivot(info._data, A._data.ndim, "linalg.lu_factor_ex")
    return return_types.linalg_lu_factor_ex(LU, piv, info)


def lu_factor(A, *, pivot=True, out=None):
    """(LU, pivots) of ``lu_factor_ex``; a zero pivot (singular A) raises, as PyTorch does."""
    LU, piv, info = lu_factor_ex(A, pivot=pivot)
    if info._data.any():
        _raise_zero_pivot(info._data, A._data.ndim, "linalg.lu_factor")
    return return_types.linalg_lu_factor(LU, piv)


def lu_unpack(LU_data, LU_pivots, unpack_data=True, unpack_pivots=True, *, out=None):
    """``torch.lu_unpack``: (P, L, U) from ``lu_factor``'s result (empty tensors for what is not unpacked)."""
    if LU_pivots._data.dtype != np.int32:
        raise RuntimeError("torch.lu_unpack: LU_pivots is expected to be a contiguous tensor of torch.int32 dtype.\n"
                           "Note: this function is intended to be used with the output produced by "
                           "torch.linalg.lu_factor")
    return return_types.lu_unpack(*_unpack(LU_data, LU_pivots._data, unpack_data, unpack_pivots))


def lu(A, *, pivot=True, out=None):
    """(P, L, U) with A = P L U; differentiable (through lu_factor and the unpacking)."""
    _check_lu_input(A, "linalg.lu")
    _no_pivot(pivot, "linalg.lu_factor")
    LU, piv, _ = LinalgLuFactorEx.apply(A, "linalg.lu")
    return return_types.linalg_lu(*_unpack(LU, piv._data))


def lu_solve(LU, pivots, B, *, left=True, adjoint=False, out=None):
    """X with A X = B (``left``; A^H X = B with ``adjoint``) or X A = B, for A = P L U given as ``lu_factor``'s
    result: two triangular solves and a permutation, written in Tensor ops (differentiable in LU and B)."""
    if pivots._data.dtype != np.int32:
        raise RuntimeError("linalg.lu_solve: pivots should be a Tensor of scalar type torch.int32")
    if LU._data.ndim < 2:
        raise RuntimeError("linalg.lu_solve: The input tensor LU must have at least 2 dimensions.")
    if B._data.ndim < 2:
        raise RuntimeError("linalg.lu_solve: The input tensor B must have at least 2 dimensions.")
    n = LU._data.shape[-1]
    if LU._data.shape[-2] != n:
        raise RuntimeError(f"torch.linalg.lu_solve: A must be batches of square matrices, but they are "
                           f"{LU._data.shape[-2]} by {n} matrices")
    if (B._data.shape[-2] if left else B._data.shape[-1]) != n:
        eq, (r, c) = ("AX = B", B._data.shape[-2:]) if left else ("XA = B", B._data.shape[-2:])
        raise RuntimeError(f"linalg.lu_solve: Incompatible shapes of A and B for the equation {eq} ({n}x{n} and "
                           f"{r}x{c})")
    if not left:  # X A = B  <=>  A^T X^T = B^T
        return _mT(lu_solve(LU, pivots, _mT(B), adjoint=not adjoint))
    P = Tensor._make(_permutation(pivots._data, n, LU._data.dtype))
    if adjoint:  # A^T = U^T L^T P^T
        y = solve_triangular(_mT(LU), B, upper=False)
        return matmul(P, solve_triangular(_mT(LU), y, upper=True, unitriangular=True))
    y = solve_triangular(LU, matmul(_mT(P), B), upper=False, unitriangular=True)
    return solve_triangular(LU, y, upper=True)


def _getrs(lu, piv, b):
    """LAPACK getrs on NumPy arrays (forward/back substitution): a zero pivot gives inf/NaN, as LAPACK's does."""
    n = lu.shape[-1]
    x = np.matmul(np.swapaxes(_permutation(piv, n, lu.dtype), -1, -2), b)
    with np.errstate(all="ignore"):
        for i in range(1, n):
            x[..., i, :] -= np.einsum("...j,...jr->...r", lu[..., i, :i], x[..., :i, :])
        for i in reversed(range(n)):
            x[..., i, :] = (x[..., i, :] - np.einsum("...j,...jr->...r", lu[..., i, i + 1:], x[..., i + 1:, :])) \
                / lu[..., i, i, None]
    return x


def solve_ex(A, B, *, left=True, check_errors=False, out=None):
    """(result, info): ``solve`` plus getrf's ``info`` per matrix; a singular matrix's result is what LAPACK's
    substitution gives (inf/NaN, not differentiable); raises only with ``check_errors``."""
    _check_square(A, "solve_ex")
    info = _getrf(A._data)[2]
    if not info.any():
        return return_types.linalg_solve_ex(solve(A, B, left=left), Tensor._make(info))
    if check_errors:
        prefix, _ = _first_failure(info, A._data.ndim)
        raise LinAlgError(f"torch.linalg.solve_ex: {prefix}The solver failed because the input matrix is "
                          "singular.") from None
    from .ops.pointwise import where
    vector = left and (B._data.ndim == 1 or (B._data.ndim == A._data.ndim - 1
                                             and B._data.shape == A._data.shape[:-1]))
    ok_shape = info.shape + ((1,) if vector else (1, 1))
    ok = Tensor._make((info == 0).reshape(ok_shape))
    safe = where(Tensor._make((info == 0).reshape(info.shape + (1, 1))), A,
                 Tensor._make(np.eye(A._data.shape[-1], dtype=A._data.dtype)))
    Ad, Bd = (A._data, B._data) if left else (np.swapaxes(A._data, -1, -2), np.swapaxes(B._data, -1, -2))
    lu, piv, _ = _getrf(Ad)
    raw = _getrs(lu, piv, Bd[..., None] if vector else Bd)
    raw = raw[..., 0] if vector else (raw if left else np.swapaxes(raw, -1, -2))
    result = where(ok, solve(safe, B, left=left), Tensor._make(raw.astype(np.result_type(A._data, B._data))))
    return return_types.linalg_solve_ex(result, Tensor._make(info))


def _prod(shape):
    return int(np.prod(shape, dtype=np.int64))


def tensorinv(A, ind=2, *, out=None):
    """The inverse of A viewed as a (prod(shape[:ind]), prod(shape[ind:])) matrix, shaped shape[ind:] + shape[:ind]."""
    if ind <= 0:
        raise RuntimeError(f"Expected a strictly positive integer for 'ind', but got {ind}")
    shape = A._data.shape
    rows, cols = _prod(shape[:ind]), _prod(shape[ind:])
    if rows != cols:
        raise RuntimeError(f"Expected self to satisfy the requirement prod(self.shape[ind:]) == "
                           f"prod(self.shape[:ind]), but got {cols} != {rows}")
    M = A.reshape(rows, cols)
    _check_square(M, "inv")
    if _lu_info(M._data):
        _raise_singular_inv(M._data, "inv")
    return inv(M).reshape(*(shape[ind:] + shape[:ind]))


def tensorsolve(A, B, dims=None, *, out=None):
    """X with tensordot(A, X, X.ndim) = B: A (after moving ``dims`` to the end) as a square matrix solve."""
    if dims is not None:
        nd = A._data.ndim
        src = [wrap_dim(d, nd, "tensorsolve") for d in dims]
        A = A.permute(*([i for i in range(nd) if i not in src] + src))
    shape = A._data.shape
    k = B._data.ndim
    rows, cols = _prod(shape[:k]), _prod(shape[k:])
    if rows != cols:
        raise RuntimeError(f"Expected self to satisfy the requirement prod(self.shape[other.ndim:]) == "
                           f"prod(self.shape[:other.ndim]), but got {cols} != {rows}")
    return solve(A.reshape(rows, cols), B.reshape(rows)).reshape(*shape[k:])


def vander(x, *, N=None):
    """Columns x^0, x^1, ..., x^(N-1) (N defaults to x.shape[-1]): a cumulative product, so differentiable."""
    if x._data.dtype == np.bool_:
        raise RuntimeError("linalg.vander supports floating point, complex, and integer tensors, but got Bool")
    x = x.reshape(1) if x._data.ndim == 0 else x  # torch treats a 0-d x as a 1-element vector
    N = x._data.shape[-1] if N is None else N
    if N <= 1:
        raise RuntimeError("N must be greater than 1.")
    from .ops.joining import cat
    powers = x.unsqueeze(-1).expand(*x._data.shape, N - 1).cumprod(-1)
    return cat([Tensor._make(np.ones(x._data.shape + (1,), dtype=x._data.dtype)), powers], -1)


def vecdot(x, y, *, dim=-1, out=None):
    """Sum of x * y over ``dim`` (with broadcasting); both floating, of the same dtype."""
    for t in (x, y):
        if t._data.dtype.kind != "f":
            raise RuntimeError(f"linalg.vecdot: Expected a floating point or complex tensor as input. "
                               f"Got {_dtype.type_name(t.dtype)}")
    if x._data.dtype != y._data.dtype:
        raise RuntimeError(f"linalg.vecdot: Expected x and y to have the same dtype, but found x of type "
                           f"{_dtype.type_name(x.dtype)} and y of type {_dtype.type_name(y.dtype)} instead")
    return (x * y).sum(dim)


def _tolerance(t):
    return np.asarray(t._data if isinstance(t, Tensor) else (0.0 if t is None else t), dtype=np.float64)


def matrix_rank(A, *, atol=None, rtol=None, hermitian=False, tol=None, out=None):
    """Number of singular values (|eigenvalues| with ``hermitian``) above max(atol, rtol * largest); rtol
    defaults to eps * max(m, n), or to 0 where atol > 0. ``atol``/``rtol`` may be tensors (batch-broadcast)."""
    if A._data.ndim < 2:
        raise RuntimeError("torch.linalg.matrix_rank: The input tensor input must have at least 2 dimensions.")
    if A._data.dtype.kind != "f":
        raise RuntimeError("This function doesn't handle types other than float and double")
    if tol is not None:
        atol, rtol = tol, 0.0
    a = A._data
    s = np.abs(np.linalg.eigvalsh(a)) if hermitian else np.linalg.svd(a, compute_uv=False)
    smax = s.max(axis=-1) if s.shape[-1] else np.zeros(s.shape[:-1])
    at = _tolerance(atol)
    if rtol is None:
        default = float(np.finfo(a.dtype).eps) * max(a.shape[-2:])
        rt = np.where(at > 0, 0.0, default) if atol is not None else np.asarray(default)
    else:
        rt = _tolerance(rtol)
    thresh = np.maximum(at, rt * smax)
    return Tensor._make(np.asarray((s > thresh[..., None]).sum(axis=-1), dtype=np.int64))


def _one_triangle(L, upper):
    """L's values on its (lower or upper) triangle only, with the identity as gradient to all of L: PyTorch's
    cholesky_solve / cholesky_inverse read one triangle but differentiate the full-matrix formula."""
    return L - (L.tril(-1) if upper else L.triu(1)).detach()


def cholesky_solve(B, L, upper=False, *, out=None):
    """``torch.cholesky_solve``: X with (L L^H) X = B (U^H U with ``upper``), L a Cholesky factor."""
    if B._data.ndim < 2:
        raise RuntimeError(f"b should have at least 2 dimensions, but has {B._data.ndim} dimensions instead")
    if L._data.ndim < 2:
        raise RuntimeError(f"u should have at least 2 dimensions, but has {L._data.ndim} dimensions instead")
    n = L._data.shape[-1]
    if L._data.shape[-2] != n or B._data.shape[-2] != n:
        raise RuntimeError(f"Incompatible matrix sizes for cholesky_solve: each A matrix is {L._data.shape[-2]} by "
                           f"{n} but each b matrix is {B._data.shape[-2]} by {B._data.shape[-1]}")
    T = _one_triangle(L, upper)
    if upper:  # A = U^H U
        return solve(T, solve(_mT(T), B))
    return solve(_mT(T), solve(T, B))


def cholesky_inverse(L, upper=False, *, out=None):
    """``torch.cholesky_inverse``: (L L^H)^-1 (or (U^H U)^-1) from a Cholesky factor."""
    if L._data.ndim < 2:
        raise RuntimeError("cholesky_inverse: The input tensor A must have at least 2 dimensions.")
    n = L._data.shape[-1]
    if L._data.shape[-2] != n:
        raise RuntimeError(f"cholesky_inverse: A must be batches of square matrices, but they are "
                           f"{L._data.shape[-2]} by {n} matrices")
    eye = Tensor._make(np.broadcast_to(np.eye(n, dtype=L._data.dtype), L._data.shape).copy())
    return cholesky_solve(eye, L, upper)


def triangular_solve(b, A, upper=True, transpose=False, unitriangular=False, *, out=None):
    """``torch.triangular_solve`` (deprecated there): (X, A.clone()) with op(A) X = b, op(A) = A or A^T."""
    if b._data.ndim < 2:
        raise RuntimeError(f"torch.triangular_solve: Expected b to have at least 2 dimensions, but it has "
                           f"{b._data.ndim} dimensions instead")
    if A._data.ndim < 2:
        raise RuntimeError(f"torch.triangular_solve: Expected A to have at least 2 dimensions, but it has "
                           f"{A._data.ndim} dimensions instead")
    n = A._data.shape[-1]
    if A._data.shape[-2] != n or b._data.shape[-2] != n:
        raise RuntimeError(f"Incompatible matrix sizes for triangular_solve: each A matrix is {A._data.shape[-2]} "
                           f"by {n} but each b matrix is {b._data.shape[-2]} by {b._data.shape[-1]}")
    T = _mT(A) if transpose else A
    X = solve_triangular(T, b, upper=upper != bool(transpose), unitriangular=unitriangular)
    batch = X._data.shape[:-2]  # the coefficient comes back broadcast to the batch, as in PyTorch
    C = A if A._data.shape[:-2] == batch else A.expand(*batch, n, n)
    return return_types.triangular_solve(X, C.clone())


def _legacy_qr(input, some=True, *, out=None):
    """``torch.qr``: ``some`` picks the reduced (default) or complete factorization."""
    return return_types.qr(*qr(input, "reduced" if some else "complete"))


def _legacy_lu(A, pivot=True, get_infos=False, out=None):
    """``torch.lu``: (LU, pivots), or (LU, pivots, info) with ``get_infos``; never raises for singular A."""
    LU, piv, info = lu_factor_ex(A, pivot=pivot)
    return return_types._lu_with_info(LU, piv, info) if get_infos else (LU, piv)


def _legacy_lu_solve(b, LU_data, LU_pivots, *, out=None):
    """``torch.lu_solve`` (arguments in the old order)."""
    return lu_solve(LU_data, LU_pivots, b)


def _complex_results(name):
    def fn(*args, **kwargs):
        raise NotImplementedError(f"linalg.{name}: the result is complex and this library has no complex dtype "
                                  "(use linalg.eigh / eigvalsh for symmetric matrices)")
    fn.__name__ = name
    return fn


eig, eigvals = _complex_results("eig"), _complex_results("eigvals")

__all__ += ["lu_factor", "lu_factor_ex", "lu", "lu_solve", "solve_ex", "tensorinv", "tensorsolve", "vander"]
register_method("lu")(lambda self, pivot=True, get_infos=False: tuple(_legacy_lu(self, pivot, get_infos)))
register_method("lu_solve")(_legacy_lu_solve)
register_method("cholesky_solve")(cholesky_solve)
register_method("cholesky_inverse")(cholesky_inverse)
register_method("triangular_solve")(triangular_solve)

from ._ldl import ldl_factor, ldl_factor_ex, ldl_solve  # noqa: E402  (Bunch-Kaufman LDL^T)
__all__ += ["ldl_factor", "ldl_factor_ex", "ldl_solve"]
