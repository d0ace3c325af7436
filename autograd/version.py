"""``autograd.version``: what scripts read from ``torch.version`` (no CUDA, no HIP in this build)."""
__version__ = "0.1.0"
cuda = None
hip = None
xpu = None
debug = False
git_version = "unknown"
