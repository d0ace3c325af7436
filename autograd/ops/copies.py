"""The ``*_copy`` twins of the view ops (``view_copy``, ``transpose_copy``, ...): the view, then a copy whose
grad_fn is ``<ViewNode>_copy``, as torch's functionalized ops record them."""
import numpy as np

from ..tensor import Tensor
from .shape import Clone

__all__ = ["slice_copy"]


_COPY_NODES = {}


def _copy_node(name):
    cls = _COPY_NODES.get(name)
    if cls is None:
        cls = _COPY_NODES[name] = type(name.replace("Backward0", "") + "Copy", (Clone,), {"node_name": name})
    return cls


def _copied(t, node=None):
    if not isinstance(t, Tensor):
        return type(t)(_copied(v) for v in t)
    if not t.requires_grad:
        return Tensor._make(np.array(t._data, order="C", copy=True))
    return _copy_node(node or t.grad_fn.name() + "_copy").apply(t)


def _slice(input, dim=0, start=None, end=None, step=1):
    idx = [slice(None)] * input.dim()
    idx[dim] = slice(start, end, step)
    return input[tuple(idx)]


_COPY_OF = {"view_copy": "view", "permute_copy": "permute", "transpose_copy": "transpose",
            "unsqueeze_copy": "unsqueeze", "squeeze_copy": "squeeze", "t_copy": "t", "expand_copy": "expand",
            "select_copy": "select", "diagonal_copy": "diagonal", "alias_copy": "alias",
            "unbind_copy": "unbind", "split_copy": "split", "split_with_sizes_copy": "split_with_sizes",
            "unfold_copy": "unfold", "as_strided_copy": "as_strided", "detach_copy": "detach"}


def _copy_fn(name, view):
    def fn(input, *args, out=None, **kwargs):
        if view == "alias":
            res = _copied(input, "AliasBackward0_copy")
        elif view == "slice":
            res = _copied(_slice(input, *args, **kwargs))
        else:
            res = _copied(getattr(input, view)(*args, **kwargs))
        if out is None:
            return res
        with _no_grad():
            out.resize_(res.shape).copy_(res)
        return out
    fn.__name__ = fn.__qualname__ = name
    return fn


def _no_grad():
    from ..grad_mode import no_grad
    return no_grad()


slice_copy = _copy_fn("slice_copy", "slice")
for _name, _view in _COPY_OF.items():
    globals()[_name] = _copy_fn(_name, _view)
    __all__.append(_name)
