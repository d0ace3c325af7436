"""LocalResponseNorm layer over ``nn.functional.local_response_norm``; CrossMapLRN2d (torch's legacy 4-d LRN)."""
from .. import functional as F
from ..module import Module
from ._functions import CrossMapLRN2d as _cross_map_lrn2d

__all__ = ["LocalResponseNorm", "CrossMapLRN2d"]


class LocalResponseNorm(Module):
    __constants__ = ["size", "alpha", "beta", "k"]

    def __init__(self, size, alpha=1e-4, beta=0.75, k=1.0):
        super().__init__()
        self.size, self.alpha, self.beta, self.k = size, alpha, beta, k

    def forward(self, input):
        return F.local_response_norm(input, self.size, self.alpha, self.beta, self.k)

    def extra_repr(self):
        return f"{self.size}, alpha={self.alpha}, beta={self.beta}, k={self.k}"


class CrossMapLRN2d(Module):
    """Local response normalisation across channels of 4-d input, as torch's legacy ``CrossMapLRN2d``
    (its own window and gradient formula, which differ slightly from ``LocalResponseNorm``)."""

    def __init__(self, size, alpha=1e-4, beta=0.75, k=1):
        super().__init__()
        self.size, self.alpha, self.beta, self.k = size, alpha, beta, k

    def forward(self, input):
        return _cross_map_lrn2d.apply(input, self.size, self.alpha, self.beta, self.k)

    def extra_repr(self):
        return f"{self.size}, alpha={self.alpha}, beta={self.beta}, k={self.k}"
