"""Which nn.Module call created which graph nodes: recorded with forward hooks, no engine cost.

Every recorded node gets a sequence number when it is created (``Node._seq``, increasing). A
forward pre-hook notes the counter; the forward hook walks back from the module's outputs and tags
every not-yet-tagged node newer than that mark with the ``ModuleCall`` (inner modules finish
first, so each node ends up with its innermost module). The tag lives in ``node.metadata["module"]``.
"""
import contextlib

from .. import function as _function
from ..tensor import Tensor


class ModuleCall:
    """One call of a module's forward: its dotted path, class name and the enclosing call."""

    __slots__ = ("path", "type_name", "parent", "order", "__weakref__")

    def __init__(self, path, type_name, parent, order):
        self.path, self.type_name, self.parent, self.order = path, type_name, parent, order

    @property
    def parts(self):
        return tuple(self.path.split(".")) if self.path else ()

    @property
    def depth(self):
        return len(self.parts)

    def label(self):
        return f"{self.path}: {self.type_name}" if self.path else self.type_name

    def ancestors(self):
        """Outermost first, this call last."""
        out = []
        c = self
        while c is not None:
            out.append(c)
            c = c.parent
        return out[::-1]

    def __repr__(self):
        return f"ModuleCall({self.label()!r})"


def module_call_of(node):
    """The innermost recorded ``ModuleCall`` that created ``node``, or None."""
    md = node.__dict__.get("_metadata")
    return md.get("module") if md else None


def _tensors(obj, out):
    stack = [obj]
    while stack:
        o = stack.pop()
        if isinstance(o, Tensor):
            out.append(o)
        elif isinstance(o, (list, tuple)):
            stack.extend(o)
        elif isinstance(o, dict):
            stack.extend(o.values())
    return out


def _tag(call, start, output):
    seen = set()
    stack = [t.grad_fn for t in _tensors(output, []) if t.grad_fn is not None]
    while stack:
        node = stack.pop()
        if node in seen or getattr(node, "_seq", -1) <= start:
            continue
        seen.add(node)
        md = node.metadata
        if "module" not in md:
            md["module"] = call
        for e in node.next_edges:
            if e is not None:
                stack.append(e[0])


class _Recorder:
    def __init__(self):
        self.stack = []
        self.calls = 0

    def pre(self, path):
        def hook(module, args):
            parent = self.stack[-1][0] if self.stack else None
            self.calls += 1
            call = ModuleCall(path, type(module).__name__, parent, self.calls)
            self.stack.append((call, next(_function._sequence)))
        return hook

    def post(self):
        def hook(module, args, output):
            if not self.stack:
                return None
            call, start = self.stack.pop()
            _tag(call, start, output)
            return None
        return hook


@contextlib.contextmanager
def record_modules(*modules):
    """Inside this block, graph nodes remember which module call (of ``modules`` and their
    submodules) created them, so ``draw_graph`` can cluster and collapse them.

    >>> with record_modules(model):
    ...     loss = loss_fn(model(x), y)
    >>> draw_graph(loss, params=model)
    """
    if not modules:
        raise TypeError("record_modules() needs at least one nn.Module")
    rec = _Recorder()
    handles = []
    try:
        for root in modules:
            for path, mod in root.named_modules():
                handles.append(mod.register_forward_pre_hook(rec.pre(path)))
                handles.append(mod.register_forward_hook(rec.post()))
        yield rec
    finally:
        for h in handles:
            h.remove()
