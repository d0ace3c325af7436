"""PyTorch's argument-type error for a functional op given a non-Tensor (``F.relu([1.0])``):
``TypeError: relu(): argument 'input' (position 1) must be Tensor, not list``."""
import functools
import sys

from autograd.tensor import Tensor

# public name -> (ATen op named in the message, first argument's name); ops that torch writes in Python
# (softmax, mse_loss, normalize...) fail with AttributeError in torch too, so they are not listed
TENSOR_FIRST = {n: (n, "input") for n in (
    "linear", "relu", "relu6", "selu", "celu", "elu", "gelu", "silu", "mish", "softplus", "hardtanh", "leaky_relu",
    "hardswish", "hardsigmoid", "softshrink", "hardshrink", "rrelu", "threshold", "dropout", "alpha_dropout",
    "layer_norm", "pad", "one_hot", "max_pool1d", "avg_pool1d", "avg_pool2d", "avg_pool3d", "adaptive_avg_pool1d",
    "prelu", "pixel_shuffle", "pixel_unshuffle")}
TENSOR_FIRST.update({"logsigmoid": ("log_sigmoid", "input"), "cross_entropy": ("cross_entropy_loss", "input"),
                     "bilinear": ("bilinear", "input1"), "cosine_similarity": ("cosine_similarity", "x1"),
                     "pairwise_distance": ("pairwise_distance", "x1")})


def tensor_first(fn, op, arg):
    """``fn`` raising PyTorch's TypeError when its first argument is not a Tensor (checked only on failure)."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except (AttributeError, TypeError):
            first = args[0] if args else kwargs.get(arg, None)
            if (args or arg in kwargs) and not isinstance(first, Tensor):
                raise TypeError(f"{op}(): argument '{arg}' (position 1) must be Tensor, not "
                                f"{type(first).__name__}") from None
            raise
    return wrapper


def install(namespace):
    """Wrap the listed functions here and in their defining modules (which the layers import from)."""
    modules = [m for n, m in list(sys.modules.items()) if n.startswith("nn.")]  # where the layers import from
    for name, (op, arg) in TENSOR_FIRST.items():
        if name in namespace:
            fn = namespace[name]
            namespace[name] = checked = tensor_first(fn, op, arg)
            for mod in modules:
                if getattr(mod, name, None) is fn:
                    setattr(mod, name, checked)
