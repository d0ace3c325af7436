"""LDL^T of symmetric matrices with Bunch-Kaufman pivoting (``torch.linalg.ldl_factor[_ex]``, ``ldl_solve``):
LAPACK's ``sytf2``/``sytrs`` (lower, 1-based pivots, negative for 2x2 blocks) in NumPy, one matrix at a time.
PyTorch defines no derivative for them: results of inputs that require grad get a node whose backward raises."""
import math

import numpy as np

from . import _dtype
from . import return_types
from .function import Op

__all__ = ["ldl_factor", "ldl_factor_ex", "ldl_solve"]

_ALPHA = (1 + math.sqrt(17)) / 8


def _sytf2(a):
    """Factor the lower triangle of ``a`` in place; returns (pivots, info) as LAPACK's ``?sytf2('L')``."""
    n = a.shape[0]
    piv = np.zeros(n, np.int32)
    info = 0
    k = 0
    while k < n:
        kstep = 1
        absakk = abs(a[k, k])
        if k < n - 1:
            imax = k + 1 + int(np.argmax(np.abs(a[k + 1:, k])))
            colmax = abs(a[imax, k])
        else:
            imax, colmax = k, 0.0
        if max(absakk, colmax) == 0 or np.isnan(absakk):
            info = info or k + 1
            kp = k
        else:
            if absakk >= _ALPHA * colmax:
                kp = k
            else:
                jmax = k + int(np.argmax(np.abs(a[imax, k:imax])))
                rowmax = abs(a[imax, jmax])
                if imax < n - 1:
                    jmax = imax + 1 + int(np.argmax(np.abs(a[imax + 1:, imax])))
                    rowmax = max(rowmax, abs(a[jmax, imax]))
                if absakk >= _ALPHA * colmax * (colmax / rowmax):
                    kp = k
                elif abs(a[imax, imax]) >= _ALPHA * rowmax:
                    kp = imax
                else:
                    kp, kstep = imax, 2
            kk = k + kstep - 1
            if kp != kk:  # interchange rows and columns kk and kp of the trailing matrix (lower triangle)
                a[kp + 1:, [kk, kp]] = a[kp + 1:, [kp, kk]]
                seg = a[kk + 1:kp, kk].copy()
                a[kk + 1:kp, kk] = a[kp, kk + 1:kp]
                a[kp, kk + 1:kp] = seg
                a[[kk, kp], [kk, kp]] = a[[kp, kk], [kp, kk]]
                if kstep == 2:
                    a[[k + 1, kp], k] = a[[kp, k + 1], k]
            if kstep == 1:
                if k < n - 1:
                    x = a[k + 1:, k].copy()
                    a[k + 1:, k + 1:] -= np.tril(np.outer(x, x) * (1 / a[k, k]))
                    a[k + 1:, k] = x * (1 / a[k, k])
            elif k < n - 2:
                d21 = a[k + 1, k]
                d11 = a[k + 1, k + 1] / d21
                d22 = a[k, k] / d21
                t = 1 / (d11 * d22 - 1)
                d21 = t / d21
                wk = d21 * (d11 * a[k + 2:, k] - a[k + 2:, k + 1])
                wkp1 = d21 * (d22 * a[k + 2:, k + 1] - a[k + 2:, k])
                a[k + 2:, k + 2:] -= np.tril(np.outer(a[k + 2:, k], wk) + np.outer(a[k + 2:, k + 1], wkp1))
                a[k + 2:, k], a[k + 2:, k + 1] = wk, wkp1
        if kstep == 1:
            piv[k] = kp + 1
        else:
            piv[k] = piv[k + 1] = -(kp + 1)
        k += kstep
    return piv, info


def _sytrs(a, piv, b):
    """Solve ``A x = b`` in place from ``_sytf2``'s factors (LAPACK's ``?sytrs('L')``)."""
    n = a.shape[0]
    k = 0
    while k < n:  # L D y = b
        if piv[k] > 0:
            kp = piv[k] - 1
            b[[k, kp]] = b[[kp, k]]
            b[k + 1:] -= np.outer(a[k + 1:, k], b[k])
            b[k] /= a[k, k]
            k += 1
        else:
            kp = -piv[k] - 1
            b[[k + 1, kp]] = b[[kp, k + 1]]
            b[k + 2:] -= np.outer(a[k + 2:, k], b[k]) + np.outer(a[k + 2:, k + 1], b[k + 1])
            akm1k = a[k + 1, k]
            akm1, ak = a[k, k] / akm1k, a[k + 1, k + 1] / akm1k
            denom = akm1 * ak - 1
            bkm1, bk = b[k] / akm1k, b[k + 1] / akm1k
            b[k], b[k + 1] = (ak * bkm1 - bk) / denom, (akm1 * bk - bkm1) / denom
            k += 2
    k = n - 1
    while k >= 0:  # L^T x = y
        if piv[k] > 0:
            b[k] -= a[k + 1:, k] @ b[k + 1:]
            kp = piv[k] - 1
            b[[k, kp]] = b[[kp, k]]
            k -= 1
        else:
            b[k] -= a[k + 1:, k] @ b[k + 1:]
            b[k - 1] -= a[k + 1:, k - 1] @ b[k + 1:]
            kp = -piv[k] - 1
            b[[k, kp]] = b[[kp, k]]
            k -= 2
    return b


class _NoDerivative(Op):
    node_name = "NotImplemented"
    aten = None

    @classmethod
    def backward(cls, ctx, *grads):
        raise RuntimeError(f"derivative for aten::{cls.aten} is not implemented")


class LdlFactor(_NoDerivative):
    aten = "linalg_ldl_factor_ex"

    @staticmethod
    def forward(ctx, A):
        a = np.tril(A._data).astype(A._data.dtype, copy=True)
        batch = a.shape[:-2]
        flat = a.reshape((math.prod(a.shape[:-2]),) + a.shape[-2:])
        pivots = np.zeros(flat.shape[:2], np.int32)
        info = np.zeros(flat.shape[0], np.int32)
        for i in range(flat.shape[0]):
            pivots[i], info[i] = _sytf2(flat[i])
        return flat.reshape(a.shape), pivots.reshape(batch + a.shape[-1:]), info.reshape(batch)


class LdlSolve(_NoDerivative):
    aten = "linalg_ldl_solve"

    @staticmethod
    def forward(ctx, LD, pivots, B):
        batch = np.broadcast_shapes(LD._data.shape[:-2], B._data.shape[:-2])
        k = math.prod(batch)
        a = np.broadcast_to(LD._data, batch + LD._data.shape[-2:]).reshape((k,) + LD._data.shape[-2:])
        p = np.broadcast_to(pivots._data, batch + pivots._data.shape[-1:]).reshape(k, pivots._data.shape[-1])
        b = np.broadcast_to(B._data, batch + B._data.shape[-2:]).reshape((k,) + B._data.shape[-2:]).copy()
        for i in range(b.shape[0]):
            _sytrs(a[i], p[i], b[i])
        return b.reshape(batch + B._data.shape[-2:])


def _check_input(A, op):
    if A.dim() < 2:
        raise RuntimeError(f"{op}: The input tensor A must have at least 2 dimensions.")
    if A.shape[-1] != A.shape[-2]:
        raise RuntimeError(f"{op}: A must be batches of square matrices, but they are {A.shape[-2]} by "
                           f"{A.shape[-1]} matrices")
    if not A.is_floating_point():
        raise RuntimeError(f"{op}: Expected a floating point or complex tensor as input. Got "
                           f"{_dtype.type_name(A.dtype)}")


def ldl_factor_ex(A, *, hermitian=False, check_errors=False, out=None):
    """(LD, pivots, info): the compact Bunch-Kaufman factors, LAPACK pivots (int32) and per-matrix status."""
    _check_input(A, "torch.linalg.ldl_factor_ex")
    LD, pivots, info = LdlFactor.apply(A)
    if check_errors and bool((info._data != 0).any()):
        raise RuntimeError(f"torch.linalg.ldl_factor_ex: The factorization could not be completed because the "
                           f"input is not invertible (info = {int(info._data.max())}).")
    return return_types.linalg_ldl_factor_ex(LD, pivots, info)


def ldl_factor(A, *, hermitian=False, out=None):
    """(LD, pivots) of a symmetric (real: also 'hermitian') matrix or batch; raises for a singular one."""
    LD, pivots, info = ldl_factor_ex(A, hermitian=hermitian)
    if bool((info._data != 0).any()):
        raise RuntimeError(f"torch.linalg.ldl_factor: The factorization could not be completed because the input "
                           f"is not invertible (info = {int(info._data.max())}).")
    return return_types.linalg_ldl_factor(LD, pivots)


def ldl_solve(LD, pivots, B, *, hermitian=False, out=None):
    """Solve ``A X = B`` from ``ldl_factor``'s ``(LD, pivots)``."""
    if LD.dim() < 2 or B.dim() < 2:
        raise RuntimeError("torch.linalg.ldl_solve: Expected LD and B to have at least 2 dimensions.")
    if LD.shape[-1] != LD.shape[-2]:
        raise RuntimeError(f"torch.linalg.ldl_solve: A must be batches of square matrices, but they are "
                           f"{LD.shape[-2]} by {LD.shape[-1]} matrices")
    if LD.shape[-1] != B.shape[-2]:
        raise RuntimeError(f"Incompatible matrix sizes for torch.linalg.ldl_solve: each A matrix is {LD.shape[-1]} "
                           f"by {LD.shape[-1]} but each b matrix is {B.shape[-2]} by {B.shape[-1]}")
    if pivots.dtype != _dtype.int32:
        raise RuntimeError(f"torch.linalg.ldl_solve: Expected pivots to be integers. Got "
                           f"{_dtype.type_name(pivots.dtype)}")
    if LD.dtype != B.dtype:
        raise RuntimeError(f"torch.linalg.ldl_solve: LD dtype {_dtype.type_name(LD.dtype)} does not match b dtype "
                           f"{_dtype.type_name(B.dtype)}")
    return LdlSolve.apply(LD, pivots, B)
