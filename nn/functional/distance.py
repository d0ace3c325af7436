"""Distances and similarities between vectors: normalize, cosine_similarity, pairwise_distance, pdist.

Composed from Tensor ops the way ATen composes them, so values, gradients and grad_fn names match.
"""
import numpy as np

import autograd
from autograd.ops._util import wrap_dim
from autograd.ops.reduction import VectorNorm, reduce_dims

__all__ = ["normalize", "cosine_similarity", "pairwise_distance", "pdist"]


def normalize(input, p=2.0, dim=1, eps=1e-12, out=None):
    """input / max(||input||_p, eps) along ``dim``."""
    denom = input.norm(p, dim, keepdim=True).clamp_min(eps).expand_as(input)
    res = input / denom
    if out is not None:
        out.copy_(res)
        return out
    return res


def cosine_similarity(x1, x2, dim=1, eps=1e-8):
    """sum(x1/||x1|| * x2/||x2||) along ``dim`` (norms clamped to ``eps``, outside the graph)."""
    a, b = tuple(x1.shape), tuple(x2.shape)
    n = max(len(a), len(b))
    a, b = (1,) * (n - len(a)) + a, (1,) * (n - len(b)) + b
    for i in range(n - 1, -1, -1):
        if a[i] != b[i] and 1 not in (a[i], b[i]):
            raise RuntimeError(f"The size of tensor a ({a[i]}) must match the size of tensor b ({b[i]}) at "
                               f"non-singleton dimension {i}")
    shape = autograd.broadcast_shapes(x1.shape, x2.shape)
    d = wrap_dim(dim, len(shape), "cosine_similarity")
    a, b = x1.expand(*shape), x2.expand(*shape)
    n1 = autograd.linalg.vector_norm(a, 2, d, keepdim=True)
    n2 = autograd.linalg.vector_norm(b, 2, d, keepdim=True)
    with autograd.no_grad():
        n1c, n2c = n1.clamp_min(eps), n2.clamp_min(eps)
    n1 = n1 + (n1c - n1).detach()  # clamp without a gradient through the clamp, as ATen's clamp_min_ under NoGrad
    n2 = n2 + (n2c - n2).detach()
    return ((a / n1) * (b / n2)).sum(d)


class Norm(VectorNorm):
    """ATen's ``at::norm`` (pairwise_distance calls it directly): the vector norm under its own grad_fn name."""

    node_name = "NormBackward1"


def pairwise_distance(x1, x2, p=2.0, eps=1e-6, keepdim=False):
    """||x1 - x2 + eps||_p over the last dim."""
    out_dim = max(x1.ndim, x2.ndim)
    diff = x1 - x2 + eps
    return Norm.apply(diff, float(p), reduce_dims(diff, out_dim - 1 if out_dim > 0 else 0, "norm"), keepdim)


def pdist(input, p=2):
    """Distances between all row pairs i < j of a 2-D input (condensed, row-major)."""
    if input.ndim != 2:
        raise RuntimeError(f"pdist only supports 2D tensors, got: {input.ndim}D")
    n = input.shape[0]
    i, j = np.triu_indices(n, 1)
    a = input.index_select(0, autograd.from_numpy(i.astype(np.int64)))
    b = input.index_select(0, autograd.from_numpy(j.astype(np.int64)))
    return autograd.linalg.vector_norm(a - b, p, -1)
