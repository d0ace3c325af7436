"""Function: an op's forward and backward side by side; its ctx is the graph node (grad_fn).

``Op.apply`` runs ``forward(ctx, *args)`` and, when grad mode is on and an input requires grad,
links the ctx into the tape: ``ctx.next_edges[i]`` is ``(node, output_nr)`` of input ``i``.
``backward(ctx, *grads)`` is written with Tensor ops, so running it with grad mode on
(``create_graph=True``) records the backward pass itself: higher-order gradients for free.
"""
import functools
import itertools
import re
import traceback

import numpy as np

from .grad_mode import STATE, no_grad
from .tensor import Tensor

_sequence = itertools.count()
_leaf_sequence = itertools.count(1)  # AccumulateGrad sinks: -1, -2, ... (after every recorded node)

_FREED_MSG = ("Trying to backward through the graph a second time (or directly access saved tensors "
              "after they have already been freed). Saved intermediate values of the graph are freed "
              "when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to "
              "backward through the graph a second time or if you need to access saved tensors after "
              "calling backward.")


class Node:
    """A node of the backward graph: PyTorch's ``grad_fn`` (named e.g. ``MulBackward0``)."""

    # Set on every recorded node; the rarely-set fields below are class defaults (cheaper to create).
    __slots__ = ("next_edges", "needs_input_grad", "_out_meta", "_seq", "_hidden", "__dict__", "__weakref__")
    _fn = None
    _saved = None
    _saved_output = None
    _freed = False
    _pre_hooks = None
    _post_hooks = None
    _packed = False  # saved under saved_tensors_hooks: ``_saved`` holds _Packed entries

    def __init__(self):
        self.next_edges = ()
        self.needs_input_grad = ()
        self._out_meta = None
        self._seq = 0

    def name(self):
        return type(self).__name__

    def __call__(self, *grads):
        """Run this node's backward on ``grads`` (torch's nodes are callable): one gradient per forward input,
        a bare tensor for a single input, before the engine sums broadcast ones to the inputs' shapes."""
        out = self._fn.backward(self, *grads)
        if type(out) is not tuple:
            return out
        hidden = getattr(self, "_hidden", ())  # positions torch's node has no input for
        out = tuple(g for i, g in enumerate(out[:len(self.next_edges)]) if i not in hidden)
        return out[0] if len(out) == 1 else out

    def __lt__(self, other):  # heap tie-break for nodes sharing a sequence number (never on recorded ones)
        return id(self) < id(other)

    def __repr__(self):
        return f"<{type(self).__name__} object at {id(self):#x}>"

    @property
    def next_functions(self):
        """One ``(node, output_nr)`` per input of the op as torch's graph has them ((None, 0) for an input
        that needs no gradient); dims, flags and index/mask tensors are not inputs there."""
        hidden = getattr(self, "_hidden", ())  # unset unless some argument is no graph input
        return tuple(((e[0], e[1]) if e is not None else (None, 0)) for i, e in enumerate(self.next_edges)
                     if i not in hidden)

    @property
    def metadata(self):
        return self.__dict__.setdefault("_metadata", {})

    def __dir__(self):  # torch's ``_saved_*`` names (properties of the op's node class), not our internals
        own = type(self).__dict__
        return sorted(n for n in object.__dir__(self) if not n.startswith("_saved") or n in own)

    # ---- ctx API used inside forward/backward -------------------------------------------------
    def save_for_backward(self, *tensors):
        if self.needs_input_grad is _NO_GRADS or not self.next_edges:  # not recorded: nothing will read them
            return
        if STATE.saved_hooks is not None:
            self._save_packed(tensors)
            return
        self._saved = tensors
        try:
            if len(tensors) == 1:  # the common cases without a comprehension (a hot path)
                t = tensors[0]
                self._saved_versions = (t._version_counter[0] if t is not None else 0,)
                inference = t is not None and t._inference
            elif len(tensors) == 2:
                t, u = tensors
                self._saved_versions = (t._version_counter[0] if t is not None else 0,
                                        u._version_counter[0] if u is not None else 0)
                inference = (t is not None and t._inference) or (u is not None and u._inference)
            else:
                self._saved_versions = [t._version_counter[0] if t is not None else 0 for t in tensors]
                inference = any(t is not None and t._inference for t in tensors)
        except AttributeError:
            self._saved = None
            i, bad = next((i, t) for i, t in enumerate(tensors) if t is not None and not isinstance(t, Tensor))
            raise TypeError(f"save_for_backward can only save variables, but argument {i} is of type "
                            f"{type(bad).__name__}") from None
        if inference and not STATE.inference:
            self._saved = None
            raise RuntimeError("Inference tensors cannot be saved for backward. Please do not use Tensors created in "
                               "inference mode in computation tracked by autograd. To work around this, you can make "
                               "a clone to get a normal tensor and use it in autograd, or use `autograd.no_grad()` "
                               "instead of `autograd.inference_mode()`.")

    def save_for_forward(self, *tensors):
        """Tensors a custom Function's ``jvp`` reads back as ``ctx.saved_tensors`` (forward-mode AD)."""
        self.__dict__["_saved_forward"] = tensors

    def mark_non_differentiable(self, *tensors):
        self.__dict__.setdefault("_non_diff", set()).update(id(t) for t in tensors)

    def mark_dirty(self, *tensors):
        self.__dict__.setdefault("_dirty", set()).update(id(t) for t in tensors)

    def set_materialize_grads(self, value):
        self.__dict__["_no_materialize"] = not value

    def _save_packed(self, tensors):
        """``save_for_backward`` under ``autograd.graph.saved_tensors_hooks``: each tensor goes through the
        pack hook now and the unpack hook whenever the backward reads it."""
        bad = next((i for i, t in enumerate(tensors) if t is not None and not isinstance(t, Tensor)), None)
        if bad is not None:
            raise TypeError(f"save_for_backward can only save variables, but argument {bad} is of type "
                            f"{type(tensors[bad]).__name__}")
        self._saved = tuple(None if t is None else _Packed(t) for t in tensors)
        self.__dict__["_packed"] = True

    def _unpacked(self, arrays):
        """The saved tensors (or their arrays) of a node saved under saved_tensors_hooks."""
        return tuple(None if p is None else (p.unpack(self)._data if arrays else p.unpack(self)) for p in self._saved)

    @property
    def saved_tensors(self):
        if self._freed:
            raise RuntimeError(_FREED_MSG)
        saved = self._saved
        if saved is None:
            return ()
        if self._packed:
            return self._unpacked(False)
        for t, version in zip(saved, self._saved_versions):
            if t is not None and t._version_counter[0] != version:
                raise _version_error(t, version, self)
        return saved

    @property
    def saved_arrays(self):
        """The saved tensors' arrays (for ``raw_backward``): same checks as ``saved_tensors``."""
        if self._freed:
            raise RuntimeError(_FREED_MSG)
        saved = self._saved
        if saved is None:
            return ()
        if self._packed:
            return self._unpacked(True)
        n = len(saved)
        if n == 1:  # the common cases without the loop (a hot path of every backward)
            t = saved[0]
            if t is not None and t._version_counter[0] == self._saved_versions[0]:
                return (t._data,)
        elif n == 2:
            t, u = saved
            vt, vu = self._saved_versions
            if (t is None or t._version_counter[0] == vt) and (u is None or u._version_counter[0] == vu):
                return (None if t is None else t._data, None if u is None else u._data)
        arrays = []
        for t, version in zip(saved, self._saved_versions):
            if t is None:
                arrays.append(None)
            elif t._version_counter[0] != version:
                raise _version_error(t, version, self)
            else:
                arrays.append(t._data)
        return arrays

    @property
    def output_array(self):
        """The op's (first) output as an array (for ``raw_backward``), version-checked like ``output``."""
        if self._freed:
            raise RuntimeError(_FREED_MSG)
        arr, counter, version = self._saved_output
        if type(arr) is _Packed:
            return arr.unpack(self)._data
        if counter[0] != version:
            raise _version_error(Tensor._make(arr), version, self, counter[0], producer=self.name())
        return arr

    @property
    def output(self):
        """The op's (first) output, re-attached to this node so double backward differentiates it."""
        if self._freed:
            raise RuntimeError(_FREED_MSG)
        arr, counter, version = self._saved_output
        if type(arr) is _Packed:
            arr = arr.unpack(self)._data
        elif counter[0] != version:
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
        """``fn(grad_outputs)`` (a tuple) before this node runs; a returned tuple replaces them."""
        return self._add_pre_hook(None, fn)

    def _add_pre_hook(self, output_nr, fn):
        if self._pre_hooks is None:
            self._pre_hooks = {}
        hooks = self._pre_hooks.setdefault(output_nr, [])
        hooks.append(fn)
        return _RemovableHandle(hooks, fn)

    def _release(self):
        saved = self._saved
        if saved is not None:
            for t in saved:
                if t is not None:
                    self._freed = True
                    self._saved = None
                    break
        if self._saved_output is not None:
            self._freed = True
            self._saved_output = None

    def _backward(self, grads):
        """Call the Function's backward; returns one gradient (or None) per forward argument."""
        out = self._fn.backward(self, *grads)
        if not isinstance(out, tuple):
            out = (out,)
        return out


class _Packed:
    """A tensor saved under ``autograd.graph.saved_tensors_hooks`` (or ``_raw_saved_*.register_hooks``): what
    the pack hook returned and the unpack hook to call on it. As in torch, the unpacked tensor takes the
    original's place in the graph (its grad_fn, or its leaf's accumulator) so that double backward still
    reaches it, and versions are not checked (they cannot be tracked through the hooks)."""

    __slots__ = ("value", "unpack_hook", "requires_grad", "grad_fn", "output_nr", "accumulator")

    def __init__(self, t, hooks=None):
        pack, self.unpack_hook = STATE.saved_hooks if hooks is None else hooks
        self.requires_grad, self.grad_fn, self.output_nr = t._requires_grad, t.grad_fn, t._output_nr
        self.accumulator = None
        if t._requires_grad and t.grad_fn is None:
            t._grad_accumulator()
            self.accumulator = t._accumulator
        self.value = pack(t)

    def unpack(self, node):
        u = self.unpack_hook(self.value)
        if not isinstance(u, Tensor):
            raise TypeError("Output of saved tensor unpack_hook expected to be a Tensor but got result of type "
                            f"{type(u).__name__}")
        t = Tensor._make(u._data, self.requires_grad, self.grad_fn)
        t._output_nr = self.output_nr
        t._accumulator = self.accumulator
        return t


def _saved_properties(fn):
    """torch's ``_saved_<name>`` (what a built-in op saved: tensors, sizes, flags) and ``_raw_saved_<name>`` (a
    saved tensor's slot, for ``register_hooks``) as properties of the op's node class, from ``fn.saved_names``:
    ``{name: spec}`` with spec a saved-tensor index, ``"result"`` (the saved output) or ``f(ctx)``. Properties,
    not ``__getattr__``: that hook would slow every attribute read of every node."""
    names = dict(fn.saved_names)
    if fn.save_output:
        names.setdefault("result", "result")
    props = {}
    for name, spec in names.items():
        props["_saved_" + name] = property(lambda node, spec=spec: _saved_value(node, spec))
        index = getattr(spec, "saved_index", spec)  # a getter of a saved tensor or of a wrapped number
        if not callable(index):
            props["_raw_saved_" + name] = property(lambda node, index=index: SavedTensor(node, index))
    return props


def _saved_value(node, spec):
    if callable(spec):
        return spec(node)
    if node._freed:
        raise RuntimeError(_FREED_MSG)
    if spec == "result":
        return node.output if node._saved_output is not None else None
    saved = node.saved_tensors
    return saved[spec] if spec < len(saved) else None


_IDENTITY_HOOKS = (lambda t: t, lambda t: t)


class SavedTensor:
    """torch's ``grad_fn._raw_saved_<name>``: a saved tensor's slot, whose ``register_hooks(pack, unpack)``
    packs it now and unpacks it whenever the backward reads it."""

    __slots__ = ("_node", "_spec")

    def __init__(self, node, spec):
        self._node, self._spec = node, spec

    def register_hooks(self, pack_hook, unpack_hook):
        node, spec = self._node, self._spec
        if not (callable(pack_hook) and callable(unpack_hook)):
            raise TypeError("register_hooks expects pack_hook and unpack_hook to be callable")
        if node._freed:
            raise RuntimeError(_FREED_MSG)
        hooks = (lambda t: pack_hook(t.detach()), unpack_hook)  # torch packs the saved data, detached
        if spec == "result":
            arr, counter, version = node._saved_output
            if type(arr) is _Packed:
                raise RuntimeError("SavedTensor hooks have already been set on this SavedTensor")
            node._saved_output = (_Packed(node.output, hooks), counter, version)
            return
        saved = node.saved_tensors
        if spec >= len(saved) or saved[spec] is None:
            raise RuntimeError("Calling register_hooks on a saved tensor with value None is forbidden")
        if node._packed and node.__dict__.get("_hooked", set()) & {spec}:
            raise RuntimeError("SavedTensor hooks have already been set on this SavedTensor")
        packed = node._saved if node._packed else tuple(
            None if t is None else _Packed(t, _IDENTITY_HOOKS) for t in saved)
        node._saved = packed[:spec] + (_Packed(saved[spec], hooks),) + packed[spec + 1:]
        node.__dict__["_packed"] = True
        node.__dict__.setdefault("_hooked", set()).add(spec)

    def __repr__(self):
        return f"<autograd._C._autograd.SavedTensor object at {id(self):#x}>"


class AccumulateGrad(Node):
    """Sink node of a leaf tensor: adds the incoming gradient into ``variable.grad``."""

    __slots__ = ("variable", "_consumers")

    def __init__(self, variable):
        Node.__init__(self)
        self.variable = variable
        self._seq = -next(_leaf_sequence)
        self._consumers = 0  # graph edges into this sink not yet consumed by a backward pass (see engine)

    def name(self):
        return "autograd::autograd::AccumulateGrad"  # torch's "torch::autograd::AccumulateGrad"


Tensor._sink_cls = AccumulateGrad


def _version_error(t, expected, node, actual=None, producer=None):
    """PyTorch's message for a saved tensor modified in place; ``producer``: the op that output it
    (for saved outputs), else the tensor's current grad_fn (none for a leaf)."""
    actual = t._version_counter[0] if actual is None else actual
    if producer is None and t._base is not None and t._view_version != t._version_counter[0]:
        try:
            sync_view(t)
        except RuntimeError:
            pass
    if producer is None and t.grad_fn is not None:
        producer = t.grad_fn.name()
    which = "" if producer is None else f", which is output {t._output_nr} of {re.sub(r'Backward[0-9]*$', '', producer)},"
    return RuntimeError(
        "one of the variables needed for gradient computation has been modified by an inplace "
        f"operation: [{t._type_name()} {list(t.shape)}]{which} is at version {actual}; expected version "
        f"{expected} instead. Hint: enable anomaly detection to find the operation that failed to compute "
        "its gradient, with autograd.set_detect_anomaly(True, check_nan=False).")


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
        raw = getattr(cls, "_raw", False)
        if "vjp" in ns and raw:
            _derive_backwards(cls, cls.vjp)
        else:
            if "vjp" in ns and "backward" not in ns:  # torch: a user Function's ``vjp`` is its backward
                cls.backward = ns["vjp"]
                cls.raw_backward = None
            elif "backward" in ns and "raw_backward" not in ns:  # an inherited fast path would skip the override
                cls.raw_backward = None
            if {"vjp", "backward", "raw_backward"} & ns.keys():
                cls._array_vjp = None  # likewise an inherited array vjp
        # torch's built-in nodes are C++ types: ``type(y.grad_fn)`` prints ``<class 'MulBackward0'>``
        body = {"__slots__": (), "_fn": cls, "__module__": "builtins" if raw else cls.__module__}
        if raw:
            body.update(_saved_properties(cls))
        if ns.get("node_qualname"):  # torch's C++ nodes: name() is qualified, the class name is not
            body["name"] = lambda self, _q=ns["node_qualname"]: _q
        cls._node_cls = type(node_name, (Node,), body)
        if bases and not raw and "apply" not in ns:
            cls.apply = classmethod(_user_apply)


def _derive_backwards(cls, vjp):
    """``vjp(ctx, saved, *grads)``: a derivative in plain arithmetic, valid on Tensors and on arrays
    alike, gives the op both its recorded ``backward`` and its ``raw_backward``."""
    cls.backward = staticmethod(lambda ctx, *grads: vjp(ctx, ctx.saved_tensors, *grads))
    cls.raw_backward = staticmethod(lambda ctx, *grads: vjp(ctx, ctx.saved_arrays, *grads))
    cls._array_vjp = staticmethod(vjp)  # the engine calls it directly (one Python call fewer per node)


class Function(metaclass=FunctionMeta):
    """User-extensible differentiable function, used exactly like ``torch.autograd.Function``.

    ``forward(ctx, *args)`` receives Tensors (run without recording) and returns Tensors;
    ``backward(ctx, *grad_outputs)`` returns one gradient per forward argument (None where none).
    """

    _raw = False          # internal ops set True: forward works on NumPy arrays, returns arrays
    _operands_shown = 0   # leading arguments that are inputs of torch's node even as Python scalars
    save_output = False   # keep the forward's output for backward as ``ctx.output``
    # Optional ``raw_backward(ctx, *grads)``: the same derivative on NumPy arrays (returns arrays),
    # run instead of ``backward`` when the backward pass is not recorded (create_graph=False).
    # An op whose derivative is plain arithmetic defines ``vjp(ctx, saved, *grads)`` instead: it
    # serves as both (see ``_derive_backwards``).
    raw_backward = None
    _array_vjp = None
    # torch's ``grad_fn._saved_<name>`` of a built-in op: name -> saved-tensor index or ``f(ctx)`` (see _saved_spec)
    saved_names = {}

    @staticmethod
    def forward(ctx, *args, **kwargs):
        raise NotImplementedError

    @staticmethod
    def backward(ctx, *grad_outputs):
        raise NotImplementedError

    @staticmethod
    def setup_context(ctx, inputs, output):
        raise NotImplementedError

    def __call__(self, *args, **kwargs):
        raise RuntimeError("Legacy autograd function with non-static forward method is deprecated. Please use "
                           "new-style autograd function with static forward method. (Example: "
                           "https://pytorch.org/docs/stable/autograd.html#torch.autograd.Function)")

    @classmethod
    def apply(cls, *args):
        # The hot path of every op, kept flat: record the edges to the inputs' producers (before
        # forward runs, as in PyTorch), run forward, wrap the output.
        node = _new(cls._node_cls)
        if STATE.grad_enabled:
            edges = []
            needs = []
            recorded = False
            # positions that torch's graph has no input for (its next_functions skip them): non-tensors and,
            # for built-in ops, integer/bool tensors (indices, masks); never the leading _operands_shown
            hidden = None
            for a in args:
                if isinstance(a, Tensor):
                    if a._base is not None and a._view_version != a._version_counter[0]:
                        sync_view(a)
                    fn = a.grad_fn
                    if fn is not None:
                        edges.append((fn, a._output_nr))
                        needs.append(True)
                        recorded = True
                        continue
                    if a._requires_grad:
                        ref = a._accumulator
                        acc = ref() if ref is not None else None
                        if acc is None:
                            acc = a._grad_accumulator()
                        acc._consumers += 1
                        edges.append((acc, 0))
                        needs.append(True)
                        recorded = True
                        continue
                    shown = not cls._raw or a._data.dtype.kind in "fc"
                else:
                    shown = False
                if not shown and len(edges) >= cls._operands_shown:
                    hidden = [len(edges)] if hidden is None else hidden + [len(edges)]
                edges.append(None)
                needs.append(False)
            if recorded:
                node.next_edges = tuple(edges)
                node.needs_input_grad = tuple(needs)
                node._seq = next(_sequence)
                if hidden is not None:
                    node._hidden = tuple(hidden)
                if STATE.anomaly:
                    node.__dict__["_stack"] = "".join(traceback.format_stack()[:-2])
                if cls._raw:
                    out = cls.forward(node, *args)
                else:
                    node.__dict__["_arg_is_tensor"] = tuple(isinstance(a, Tensor) for a in args)
                    out = _user_forward(cls, node, args)
                if type(out) is np.ndarray and out.dtype.kind == "f":
                    t = _make(out, True, node)
                    node._out_meta = ((out.shape, out.dtype),)
                    if cls.save_output:
                        node._saved_output = (out if STATE.saved_hooks is None else _Packed(t), t._version_counter, 0)
                    return t
                return _wrap_outputs(node, out, args)
        node.needs_input_grad = _NO_GRADS
        if cls._raw:
            out = cls.forward(node, *args)
        else:
            node.next_edges = ()
            node.needs_input_grad = tuple(isinstance(a, Tensor) and a._requires_grad for a in args)
            out = _user_forward(cls, node, args)
        if type(out) is np.ndarray:
            return _make(out)
        if isinstance(out, tuple):
            return tuple(_wrap(o) for o in out)
        return _wrap(out)


def _user_apply(cls, *args, **kwargs):
    """A user Function's ``apply``: keyword arguments bind to ``forward``'s parameters (torch 2.x); with a
    ``setup_context``, ``forward``'s defaults are bound too, so ``setup_context`` sees every input (as torch)."""
    old_style = cls.setup_context is Function.setup_context
    if kwargs or not old_style:
        sig = cls.__dict__.get("_forward_signature")
        if sig is None:
            import inspect
            sig = inspect.signature(cls.forward)
            type.__setattr__(cls, "_forward_signature", sig)
        bound = sig.bind(*((None,) if old_style else ()), *args, **kwargs)
        bound.apply_defaults()
        args = bound.args[1:] if old_style else bound.args
    return Function.apply.__func__(cls, *args)


def _user_forward(cls, ctx, args):
    """A user Function's forward, without recording; the ``setup_context`` style calls
    ``forward(*args)`` then ``setup_context(ctx, args, output)``."""
    with no_grad():
        if cls.setup_context is Function.setup_context:
            return cls.forward(ctx, *args)
        out = cls.forward(*args)
        cls.setup_context(ctx, args, out)
        return out


_NO_GRADS = (False,) * 16
_new = object.__new__
_make = Tensor._make


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
    if a._base is not None and a._view_version != a._version_counter[0]:
        sync_view(a)
    if a.grad_fn is not None:
        return (a.grad_fn, a._output_nr)
    if a._requires_grad:
        return (a._grad_accumulator(), 0)
    return None


def _custom_output_view(t, args, nr, node):
    from .ops.views import custom_output_view
    custom_output_view(t, args, nr, node)


def sync_view(t):
    """A view whose base (or a sibling view) was written in place since its grad_fn was set
    re-derives its grad_fn from the base before it is used (see ops/views.py)."""
    from .ops.views import refresh_view
    refresh_view(t)


def _wrap_outputs(node, out, args=()):
    """Wrap a recorded node's outputs as tensors that require grad and point back at it."""
    multi = isinstance(out, tuple)
    outs = out if multi else (out,)
    non_diff = node.__dict__.get("_non_diff", ())
    dirty = node.__dict__.get("_dirty", ())
    wrapped = []
    meta = []
    for i, o in enumerate(outs):
        if isinstance(o, Tensor):
            diff = id(o) not in non_diff and o._data.dtype.kind == "f"
            arr = o._data
            if id(o) in dirty:  # modified in place: the input itself becomes the output (PyTorch)
                if o.grad_fn is None and o._requires_grad:
                    raise RuntimeError("a leaf Variable that requires grad has been used in an in-place operation.")
                o._version_counter[0] += 1
                if o._base is not None:
                    o._view_version = o._version_counter[0]
                t = o
            else:
                t = o if (o.grad_fn is None and not o._requires_grad) else Tensor._make(arr)
                if not node._fn._raw and diff:
                    if t is o and any(o is a for a in args):
                        t = Tensor._make(arr)  # an input returned as-is: a new tensor (a view of it)
                    _custom_output_view(t, args, i, node)
        elif not node._fn._raw:  # a custom Function's non-tensor output is returned as it is (its grad: None)
            wrapped.append(o)
            meta.append(None)
            continue
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
    if dirty and node._saved is not None and not node._packed:  # torch saves a dirtied input at its new version
        node._saved_versions = tuple(t._version_counter[0] if t is not None and id(t) in dirty else v
                                     for t, v in zip(node._saved, node._saved_versions))
    if node._fn.save_output:
        arr = wrapped[0]._data if STATE.saved_hooks is None else _Packed(wrapped[0])
        counter = wrapped[0]._version_counter
        node._saved_output = (arr, counter, counter[0])
    return tuple(wrapped) if multi else wrapped[0]


def once_differentiable(fn):
    """Decorator for backward methods that are not themselves differentiable (as torch's): the body
    runs without recording; under ``create_graph`` its results fail when differentiated."""
    @functools.wraps(fn)
    def wrapper(ctx, *args):
        with no_grad():
            outputs = fn(ctx, *args)
        if not STATE.grad_enabled or not any(isinstance(a, Tensor) and a._requires_grad for a in args):
            return outputs
        single = not isinstance(outputs, tuple)
        outs = [outputs] if single else list(outputs)
        idx = [i for i, o in enumerate(outs) if isinstance(o, Tensor) and o.is_floating_point()]
        if not idx:
            return outputs
        wrapped = _DelayedError.apply(*[outs[i].detach().requires_grad_() for i in idx])
        for i, w in zip(idx, wrapped if isinstance(wrapped, tuple) else (wrapped,)):
            outs[i] = w
        return outs[0] if single else tuple(outs)
    return wrapper


class _DelayedError(Function):
    """Identity whose backward raises: marks results of a ``once_differentiable`` backward."""
    node_name = "DelayedError"

    @staticmethod
    def forward(ctx, *xs):
        return xs[0] if len(xs) == 1 else xs

    @staticmethod
    def backward(ctx, *grads):
        raise RuntimeError("trying to differentiate twice a function that was marked with @once_differentiable")
