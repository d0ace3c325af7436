"""``autograd.backends``: the flags scripts set or probe (``torch.backends.cudnn.benchmark``,
``torch.backends.mps.is_available()``); with only a CPU backend they change nothing."""
import types

__all__ = ["cudnn", "mps", "cuda", "mkldnn", "openmp"]

cudnn = types.SimpleNamespace(enabled=True, benchmark=False, deterministic=False, allow_tf32=True,
                              is_available=lambda: False, version=lambda: None)
mps = types.SimpleNamespace(is_available=lambda: False, is_built=lambda: False)
cuda = types.SimpleNamespace(is_built=lambda: False,
                             matmul=types.SimpleNamespace(allow_tf32=False, allow_fp16_reduced_precision_reduction=True))
mkldnn = types.SimpleNamespace(enabled=True, is_available=lambda: False)
openmp = types.SimpleNamespace(is_available=lambda: False)
