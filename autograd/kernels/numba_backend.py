"""Jitted kernels (Numba, cache=True, top-level functions so the on-disk cache works).

``KERNELS`` maps kernel names to implementations in the ``numba_*`` modules; any name missing here
falls back to the NumPy reference. Numba itself is imported lazily: each entry starts as a stub that,
on its first call, imports its module and puts the real kernel in its place, so ``import autograd``
stays fast. With ``NUMBA_DISABLE_JIT=1`` every name takes the NumPy kernel.

The elementwise, optimizer and loss modules are size gates in front of jitted loops: arrays below
``PAR_MIN`` elements take the NumPy kernel and only larger ones load Numba (``jit``), whose import
and registry set-up cost about a second once per process, so a small model's first steps never
wait for it. Optimizer updates are tiered like a JIT: once updates of parameters of ``SERIAL_MIN``
elements or more have run ``HOT_CALLS`` times (or Numba is loaded anyway), every update takes a
one-pass serial jitted loop instead of NumPy's ten passes (a tiny model never loads Numba for them).
Jitted and NumPy updates perform the same float operations in the same order (no contraction), so the
switch does not change any result.
"""
import importlib
import os
import sys

from . import _malloc  # noqa: F401  (keeps freed large outputs in the heap: no page faults per op)

PAR_MIN = 1 << 18   # elements from which a kernel runs as a parallel jitted loop (else NumPy)
SERIAL_MIN = 1 << 12  # elements from which optimizer updates count towards loading the jitted loops
HOT_CALLS = 64      # calls after which an optimizer update kernel counts as hot

_calls = {}


def hot(name):
    """Count a call of kernel ``name``; True once it is worth a jitted loop (or Numba is loaded)."""
    n = _calls.get(name, 0) + 1
    _calls[name] = n
    return n > HOT_CALLS or "numba" in sys.modules


_LOOPS = {}  # (module, name, parallel) -> jitted loop


def loop(module, name, parallel):
    """Jitted loop ``name + '_p'`` (parallel) or ``name + '_s'`` (serial) of ``module``, looked up once."""
    key = (module, name, parallel)
    fn = _LOOPS.get(key)
    if fn is None:
        fn = _LOOPS[key] = getattr(jit(module), name + ("_p" if parallel else "_s"))
    return fn

# module -> the kernel names it implements (each module also exports them in its own KERNELS)
MODULES = {
    "numba_elementwise": ("add", "sub", "mul", "exp", "sigmoid", "tanh", "relu", "relu_backward",
                          "sigmoid_backward", "tanh_backward"),
    "numba_optim": ("sgd_update", "adam_update", "rmsprop_update", "adagrad_update"),
    "numba_loss": ("cross_entropy_forward", "cross_entropy_backward"),
    "numba_nn": ("conv_forward", "conv_backward_input", "conv_backward_weight", "max_pool_forward",
                 "index_scatter_add"),
}

KERNELS = {}


def _timed(label, run):
    """``run()`` (an import that may bring Numba in, a first call that may compile or load from the
    cache); an open profiler shows it as a ``first call: label`` row of kind ``jit``."""
    prof = sys.modules.get("autograd.profiler")
    timing = prof is not None and prof.jit_begin()
    try:
        return run()
    finally:
        if timing:
            prof.jit_watch()
            prof.jit_end(label)


def _stub(module, name):
    def first_call(*args, **kwargs):
        def run():
            impl = load(module)[name]
            from . import backend as _active
            import autograd.kernels as K
            if getattr(K, name, None) is first_call and _active() == "numba":
                setattr(K, name, impl)
            return impl(*args, **kwargs)
        return _timed(name, run)
    first_call.__name__ = name
    first_call.lazy = True
    return first_call


def load(module):
    """Import a ``numba_*`` module (compiling or cache-loading on first kernel call) and register it.

    With the JIT disabled the module's kernels are plain Python loops: they are returned (tests call
    them directly) but never registered, so the backend keeps the NumPy kernels.
    """
    table = importlib.import_module(f"{__package__}.{module}").KERNELS
    if JIT_ENABLED:
        KERNELS.update(table)
    return table


def jit(module):
    """The module of jitted loops ``module`` (imported, with Numba, on the first large call)."""
    mod = sys.modules.get(f"{__package__}.{module}")
    if mod is None:
        mod = _timed(module, lambda: importlib.import_module(f"{__package__}.{module}"))
    return mod


JIT_ENABLED = os.environ.get("NUMBA_DISABLE_JIT", "0") in ("", "0")
if JIT_ENABLED:
    for _mod, _names in MODULES.items():
        for _name in _names:
            KERNELS[_name] = _stub(_mod, _name)
