"""Function: an op's forward and backward side by side; its ctx is the graph node (grad_fn).

``Op.apply`` runs ``forward(ctx, *args)`` and, when grad mode is on and an input requires grad,
links the ctx into the tape: ``ctx.next_edges[i]`` is ``(node, output_nr)`` of input ``i``.
``backward(ctx, *grads)`` is written with Tensor ops, so running it with grad mode on
(``create_graph=True``) records the backward pass itself: higher-order gradients for free.
"""
import itertools
import traceback

import numpy as np

from .grad_mode import STATE, no_grad
from .tensor import Tensor

_sequence = itertools.count()

_FREED_MSG = ("Trying to backward through the graph a second time (or directly access saved tensors "
              "after they have already been freed). Saved intermediate values of the graph are freed "
              "when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to "
              "backward through the graph a second time or if you need to access saved tensors after "
              "calling backward.")


class Node:
    """A node of the backward graph: PyTorch's ``grad_fn`` (named e.g. ``MulBackward0``)."""

    __slots__ = ("next_edges", "needs_input_grad", "_saved", "_saved_output", "_out_meta", "_seq",
                 "_pre_hooks", "_post_hooks", "_freed", "_stack", "__dict__", "__weakref__")
    _fn = None

    def __init__(self):
        self.next_edges = ()
        self.needs_input_grad = ()
        self._saved = None
        self._saved_output = None
        self._freed = False
        self._pre_hooks = None
        self._post_hooks = None

    def name(self):
        return type(self).__name__

    def __repr__(self):
        return f"<{type(self).__name__} object at {id(self):#x}>"

    @property
    def next_functions(self):
        return tuple((e[0], e[1]) if e is not None else (None, 0) for e in self.next_edges)

    @property
    def metadata(self):
        return self.__dict__.setdefault("_metadata", {})

    # ---- ctx API used inside forward/backward -------------------------------------------------
    def save_for_backward(self, *tensors):
        self._saved = tuple((t, t._version_counter[0]) if t is not None else (None, 0) for t in tensors)

    def mark_non_differentiable(self, *tensors):
        self.__dict__.setdefault("_non_diff", set()).update(id(t) for t in tensors)

    def mark_dirty(self, *tensors):
        pass

    def set_materialize_grads(self, value):
        self.__dict__["_no_materialize"] = not value

    @property
    def saved_tensors(self):
        if self._freed:
            raise RuntimeError(_FREED_MSG)
        saved = self._saved
        if saved is None:
            return ()
        for t, version in saved:
            if t is not None and t._version_counter[0] != version:
                raise _version_error(t, version, self)
        return tuple(t for t, _ in saved)

    @property
    def output(self):
        """The op's (first) output, re-attached to this node so double backward differentiates it."""
        if self._freed:
            raise RuntimeError(_FREED_MSG)
        arr, counter, version = self._saved_output
        if counter[0] != version:
            raise _version_error(Tensor._make(arr), version, self, counter[0], producer=self.name())
        t = Tensor._make(arr, requires_grad=bool(self.next_edges) and STATE.grad_enabled,
                         grad_fn=self if STATE.grad_enabled and self.next_edges else None)
        return t

    def register_hook(self, fn):
        if self._post_hooks is None:
            self._post_hooks = []
        self._post_hooks.append(fn)
        return _RemovableHandle(self._post_hooks, fn)

    def register_prehook(self, fn):
        return self._add_pre_hook(0, fn)

    def _add_pre_hook(self, output_nr, fn):
        if self._pre_hooks is None:
            self._pre_hooks = {}
        hooks = self._pre_hooks.setdefault(output_nr, [])
        hooks.append(fn)
        return _RemovableHandle(hooks, fn)

    def _release(self):
        saved = self._saved
        if (saved and any(t is not None for t, _ in saved)) or self._saved_output is not None:
            self._freed = True
            self._saved = None
            self._saved_output = None

    def _backward(self, grads):
        """Call the Function's backward; returns one gradient (or None) per forward argument."""
        out = self._fn.backward(self, *grads)
        if not isinstance(out, tuple):
            out = (out,)
        return out


class AccumulateGrad(Node):
    """Sink node of a leaf tensor: adds the incoming gradient into ``variable.grad``."""

    __slots__ = ("variable",)

    def __init__(self, variable):
        Node.__init__(self)
        self.variable = variable
        self._seq = -1


def _version_error(t, expected, node, actual=None, producer=None):
    actual = t._version_counter[0] if actual is None else actual
    shape = list(t.shape)
    if producer is None:
        producer = t.grad_fn.name() if t.grad_fn is not None else "a leaf"
    return RuntimeError(
        "one of the variables needed for gradient computation has been modified by an inplace "
        f"operation: [{t._type_name()} {shape}], which is output {t._output_nr} of {producer}, is at "
        f"version {actual}; expected version {expected} instead (needed by {node.name()}). Hint: "
        "enable anomaly detection to find the operation that failed to compute its gradient, with "
        "autograd.set_detect_anomaly(True).")


class _RemovableHandle:
    __slots__ = ("_list", "_fn")

    def __init__(self, lst, fn):
        self._list, self._fn = lst, fn

    def remove(self):
        try:
            self._list.remove(self._fn)
        except ValueError:
            pass


class FunctionMeta(type):
    """Gives every Function subclass its own node class, named like PyTorch's grad_fn classes."""

    def __init__(cls, name, bases, ns):
        super().__init__(name, bases, ns)
        node_name = ns.get("node_name") or (name + ("Backward0" if getattr(cls, "_raw", False) else "Backward"))
        cls._node_cls = type(node_name, (Node,), {"__slots__": (), "_fn": cls})


class Function(metaclass=FunctionMeta):
    """User-extensible differentiable function, used exactly like ``torch.autograd.Function``.

    ``forward(ctx, *args)`` receives Tensors (run without recording) and returns Tensors;
    ``backward(ctx, *grad_outputs)`` returns one gradient per forward argument (None where none).
    """

    _raw = False          # internal ops set True: forward works on NumPy arrays, returns arrays
    save_output = False   # keep the forward's output for backward as ``ctx.output``

    @staticmethod
    def forward(ctx, *args, **kwargs):
        raise NotImplementedError

    @staticmethod
    def backward(ctx, *grad_outputs):
        raise NotImplementedError

    @classmethod
    def apply(cls, *args):
        node = cls._node_cls()
        record = False
        if STATE.grad_enabled:
            for a in args:
                if isinstance(a, Tensor) and a._requires_grad:
                    record = True
                    break
        if record:
            _connect(node, args)
        else:
            node.needs_input_grad = _NO_GRADS
        if cls._raw:
            out = cls.forward(node, *args)
        else:
            with no_grad():
                out = cls.forward(node, *args)
        if record:
            return _wrap_outputs(node, out)
        if isinstance(out, tuple):
            return tuple(_wrap(o) for o in out)
        return _wrap(out)


_NO_GRADS = (False,) * 16


class Op(Function):
    """Internal op base: forward on NumPy arrays (via kernels), backward in Tensor ops."""

    _raw = True


def _wrap(o):
    if isinstance(o, np.ndarray):
        return Tensor._make(o)
    if isinstance(o, np.generic):
        return Tensor._make(np.asarray(o))
    if isinstance(o, Tensor) and o._requires_grad:
        return o.detach()
    return o


def _edge(a):
    if a.grad_fn is not None:
        return (a.grad_fn, a._output_nr)
    if a._requires_grad:
        return (a._grad_accumulator(), 0)
    return None


def _connect(node, args):
    """Record the edges from a node to its inputs' producers (before forward runs, as in PyTorch)."""
    edges = []
    needs = []
    for a in args:
        if isinstance(a, Tensor):
            e = _edge(a)
            edges.append(e)
            needs.append(e is not None)
        else:
            edges.append(None)
            needs.append(False)
    node.next_edges = tuple(edges)
    node.needs_input_grad = tuple(needs)
    node._seq = next(_sequence)
    if STATE.anomaly:
        node.__dict__["_stack"] = "".join(traceback.format_stack()[:-3])


def _wrap_outputs(node, out):
    """Wrap a recorded node's outputs as tensors that require grad and point back at it."""
    multi = isinstance(out, tuple)
    outs = out if multi else (out,)
    non_diff = node.__dict__.get("_non_diff", ())
    wrapped = []
    meta = []
    for i, o in enumerate(outs):
        if isinstance(o, Tensor):
            diff = id(o) not in non_diff and o._data.dtype.kind == "f"
            arr = o._data
            t = o if (o.grad_fn is None and not o._requires_grad) else Tensor._make(arr)
        else:
            arr = o if type(o) is np.ndarray else np.asarray(o)
            diff = arr.dtype.kind == "f"
            t = Tensor._make(arr)
        if diff:
            t._requires_grad = True
            t.grad_fn = node
            t._output_nr = i
        wrapped.append(t)
        meta.append((arr.shape, arr.dtype))
    node._out_meta = meta
    if node._fn.save_output:
        arr = wrapped[0]._data
        counter = wrapped[0]._version_counter
        node._saved_output = (arr, counter, counter[0])
    return tuple(wrapped) if multi else wrapped[0]


def once_differentiable(fn):
    """Decorator for backward methods that are not themselves differentiable (as torch's)."""
    return fn
