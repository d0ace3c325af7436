"""``OptimizedModule``: what ``autograd.compile(module)`` returns, as torch's does (the original module under
``_orig_mod``, attribute reads and ``len`` forwarded to it), running the original module unchanged."""
from ..module import Module


class OptimizedModule(Module):
    def __init__(self, mod):
        object.__setattr__(self, "_orig_mod", mod)
        super().__init__()
        self._orig_mod = mod
        self.training = mod.training

    def forward(self, *args, **kwargs):
        return self._orig_mod(*args, **kwargs)

    def __getattr__(self, name):
        try:
            return super().__getattr__(name)
        except AttributeError:
            return getattr(self._orig_mod, name)

    def __len__(self):
        try:
            return len(self._orig_mod)
        except TypeError:
            raise TypeError(f"{type(self._orig_mod).__name__} does not support len()") from None
