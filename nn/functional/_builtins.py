"""Functions that torch implements in C++ print as ``<built-in function gelu>`` (``activation=F.gelu`` in a
script's output); ours do too. Only the ``nn.functional`` names change (the layers keep calling the plain
functions); the call goes straight to the function (``__call__`` is the function itself, no extra frame)."""
import inspect

# our name -> the name torch's builtin prints
BUILTINS = {n: n for n in ("avg_pool2d", "avg_pool3d", "elu_", "gelu", "hardtanh_", "leaky_relu_", "linear",
                           "one_hot", "scaled_dot_product_attention", "softplus", "softshrink")}
BUILTINS["logsigmoid"] = "log_sigmoid"


def builtin(fn, name, public):
    """A callable printing as torch's builtin ``name``; pickles (and deep-copies) as ``nn.functional.public``."""
    body = {"__slots__": (), "__call__": staticmethod(fn), "__module__": "nn.functional", "__name__": public,
            "__qualname__": "builtin_function_or_method", "__doc__": fn.__doc__, "__wrapped__": fn,
            "__signature__": property(lambda self: inspect.signature(fn)),
            "__repr__": lambda self: f"<built-in function {name}>", "__reduce__": lambda self: public}
    return type("builtin_function_or_method", (), body)()


def install(namespace):
    for public, name in BUILTINS.items():
        if public in namespace:
            namespace[public] = builtin(namespace[public], name, public)
