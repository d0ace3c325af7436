"""Padding layers (Zero/Constant/Reflection/Replication/CircularPad 1d-3d): thin wrappers over F.pad."""
from ..functional.padding import pad
from ..module import Module
from .utils import _ntuple

__all__ = [f"{kind}Pad{nd}d" for kind in ("Circular", "Constant", "Reflection", "Replication", "Zero")
           for nd in (1, 2, 3)]


class _PadNd(Module):
    """Pads the last ``nd`` dims by ``padding`` = (left, right, top, bottom, front, back)[: 2 * nd]."""
    _own_init = True  # subclasses get their own __init__ (error messages name them)

    __constants__ = ["padding"]
    _mode = "constant"
    _nd = 1

    def __init__(self, padding):
        super().__init__()
        self.padding = _ntuple(2 * self._nd)(padding)

    def _check_input_dim(self, input):
        if self._mode == "circular" and input.dim() not in (self._nd + 1, self._nd + 2):
            raise ValueError(f"expected {self._nd + 1}D or {self._nd + 2}D input (got {input.dim()}D input)")

    def forward(self, input):
        self._check_input_dim(input)
        return pad(input, self.padding, self._mode)

    def extra_repr(self):
        return f"{self.padding}"


class _ConstantPadNd(_PadNd):
    __constants__ = ["padding", "value"]

    def __init__(self, padding, value):
        super().__init__(padding)
        self.value = value

    def forward(self, input):
        return pad(input, self.padding, "constant", self.value)

    def extra_repr(self):
        return f"padding={self.padding}, value={self.value}"


class _ZeroPadNd(_ConstantPadNd):
    def __init__(self, padding):
        super().__init__(padding, 0.0)

    def extra_repr(self):
        return f"{self.padding}"


_BASES = {"Circular": (_PadNd, "circular"), "Constant": (_ConstantPadNd, "constant"),
          "Reflection": (_PadNd, "reflect"), "Replication": (_PadNd, "replicate"), "Zero": (_ZeroPadNd, "constant")}
for _kind, (_base, _mode) in _BASES.items():
    for _nd in (1, 2, 3):
        _name = f"{_kind}Pad{_nd}d"
        globals()[_name] = type(_name, (_base,), {"_mode": _mode, "_nd": _nd, "__module__": __name__,
                                                  "__qualname__": _name,
                                                  "__doc__": f"{_kind} padding of the last {_nd} dim(s)."})
del _kind, _base, _mode, _nd, _name
