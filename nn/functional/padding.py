"""F.pad: the core padding op (constant / reflect / replicate / circular) lives in autograd.ops.padding."""
from autograd.ops.padding import pad

__all__ = ["pad"]
