"""Backprop tracer: run backward and record every step in exactly the order the engine runs it.

The engine calls ``autograd.engine._observer(node, grads_in, grads_out)`` after each node it runs;
``trace_backward`` installs one for the duration of a single backward pass.
"""
import contextlib
import math

import numpy as np

from .. import engine as _engine
from ..function import AccumulateGrad
from ..tensor import Tensor
from . import _naming
from .rules import rule_for

TINY = 4  # tensors with at most this many elements are shown by value


def fmt_array(a, tiny=TINY):
    """``[1, 2.5]`` for tiny arrays, ``(shape) min/mean/max`` for the rest."""
    if a is None:
        return "-"
    a = np.asarray(a)
    if a.size <= tiny:
        if a.ndim == 0:
            return _num(a.item())
        return "[" + ", ".join(_num(v) for v in a.reshape(-1).tolist()) + "]"
    return f"{tuple(a.shape)} {summary(a)}"


def summary(a):
    a = np.asarray(a)
    if a.size == 0:
        return "empty"
    if a.dtype.kind not in "fiub":
        return ""
    a = a.astype(np.float64, copy=False)
    fin = np.isfinite(a)
    bad = ""
    if not fin.all():
        n_nan, n_inf = int(np.isnan(a).sum()), int(np.isinf(a).sum())
        bad = " " + ", ".join(s for s in (f"{n_nan} NaN" if n_nan else "", f"{n_inf} Inf" if n_inf else "") if s)
        a = a[fin]
        if a.size == 0:
            return bad.strip()
    return f"min {_num(a.min())} mean {_num(a.mean())} max {_num(a.max())}{bad}"


def _num(v):
    v = float(v)
    if not math.isfinite(v):
        return str(v)
    if v == int(v) and abs(v) < 1e6:
        return str(int(v))
    return f"{v:.4g}"


def shape_str(shape):
    return "(" + ", ".join(str(s) for s in shape) + ("," if len(shape) == 1 else "") + ")"


class TraceStep:
    """One node the engine ran: what gradient came in, which rule it applied, where results went."""

    __slots__ = ("index", "node", "name", "grad_in", "grad_out", "targets", "rule", "leaf", "leaf_name",
                 "leaf_grad")

    def __init__(self, index, node, grad_in, grad_out):
        self.index = index
        self.node = node
        self.name = type(node).__name__
        self.grad_in = grad_in      # one array (or None) per output of the node
        self.grad_out = grad_out    # one array (or None) per input edge
        self.targets = ()
        self.rule = rule_for(node)
        self.leaf = node.variable if type(node) is AccumulateGrad else None
        self.leaf_name = None
        self.leaf_grad = None

    @property
    def is_leaf(self):
        return self.leaf is not None

    def __repr__(self):
        return f"TraceStep({self.index}, {self.name})"


class BackwardTrace(list):
    """The steps of one backward pass, in engine order; prints as a table (HTML in notebooks)."""

    def __init__(self, steps, names, tiny=TINY):
        super().__init__(steps)
        self.names = names
        self.tiny = tiny
        self.step_of = {s.node: s for s in steps}

    def order(self):
        """Node names in the order the engine ran them."""
        return [s.name for s in self]

    def grad_in(self, node):
        s = self.step_of.get(node)
        return None if s is None else s.grad_in

    def _target(self, step, i):
        e = step.node.next_edges[i] if i < len(step.node.next_edges) else None
        if e is None:
            return None
        g = step.grad_out[i] if i < len(step.grad_out) else None
        nxt = e[0]
        if type(nxt) is AccumulateGrad:
            where = f"{self.names.get(id(nxt.variable), 'leaf')}"
        else:
            tgt = self.step_of.get(nxt)
            where = type(nxt).__name__ + (f" (#{tgt.index})" if tgt else "")
        if g is None:
            return f"{where}: none"
        return f"{where}: {fmt_array(g, self.tiny)}"

    def rows(self):
        """(step, node, incoming gradient, local rule, result) strings per step."""
        out = []
        for s in self:
            gin = ", ".join(fmt_array(g, self.tiny) for g in s.grad_in)
            if s.is_leaf:
                result = f"{s.leaf_name}.grad = {fmt_array(s.leaf_grad, self.tiny)}"
                rule = f"{s.leaf_name}.grad += g"
            else:
                result = "; ".join(t for t in (self._target(s, i) for i in range(len(s.node.next_edges)))
                                   if t is not None) or "(nothing needs a gradient)"
                rule = s.rule
            out.append((str(s.index), s.name, gin, rule, result))
        return out

    def table(self):
        head = ("#", "node", "incoming grad", "local derivative", "sends / accumulates")
        rows = [head] + self.rows()
        widths = [max(len(r[k]) for r in rows) for k in range(4)]
        lines = []
        for j, r in enumerate(rows):
            lines.append("  ".join(r[k].ljust(widths[k]) if k < 4 else r[k] for k in range(5)).rstrip())
            if j == 0:
                lines.append("  ".join("-" * w for w in widths) + "  " + "-" * len(head[4]))
        return "\n".join(lines)

    __str__ = table

    def __repr__(self):
        return self.table()

    def _repr_pretty_(self, p, cycle):
        p.text(self.table())

    def _repr_html_(self):
        import html
        head = ("#", "node", "incoming grad", "local derivative", "sends / accumulates")
        cells = "".join(f"<th style='text-align:left'>{h}</th>" for h in head)
        body = "".join("<tr>" + "".join(f"<td style='text-align:left'><code>{html.escape(c)}</code></td>"
                                        for c in r) + "</tr>" for r in self.rows())
        return f"<table><thead><tr>{cells}</tr></thead><tbody>{body}</tbody></table>"


def _arr(g):
    if g is None:
        return None
    return np.array(g._data if isinstance(g, Tensor) else g, copy=True)


@contextlib.contextmanager
def _observe(callback):
    prev = _engine._observer
    _engine._observer = callback
    try:
        yield
    finally:
        _engine._observer = prev


@contextlib.contextmanager
def _hooks_silenced(roots):
    """Detach node pre/post hooks (e.g. retain_grad's) while we compute gradients only to look."""
    saved = []
    for node in _naming.walk_nodes(roots):
        if node._pre_hooks or node._post_hooks:
            saved.append((node, node._pre_hooks, node._post_hooks))
            node._pre_hooks = node._post_hooks = None
    try:
        yield
    finally:
        for node, pre, post in saved:
            node._pre_hooks, node._post_hooks = pre, post


def run_traced(outputs, gradients, retain_graph=True, accumulate=True, names=None, tiny=TINY, silent=False):
    """Run one backward pass over ``outputs`` recording each step; returns a ``BackwardTrace``."""
    steps = []

    def observer(node, grads_in, grads_out):
        step = TraceStep(len(steps) + 1, node, [_arr(g) for g in grads_in], [_arr(g) for g in grads_out])
        if step.leaf is not None:
            g = step.leaf._grad
            step.leaf_grad = _arr(g) if (accumulate and g is not None) else step.grad_in[0]
        steps.append(step)

    roots = [t.grad_fn if t.grad_fn is not None else t._grad_accumulator() for t in outputs]
    quiet = contextlib.ExitStack()
    if silent:  # only looking: no user hooks, no floating-point warnings a second time
        quiet.enter_context(_hooks_silenced(roots))
        quiet.enter_context(np.errstate(all="ignore"))
    with quiet, _observe(observer):
        _engine.run_backward(tuple(outputs), gradients, retain_graph, False, inputs=None, accumulate=accumulate)
    names = names if names is not None else {}
    for s in steps:
        if s.leaf is not None:
            s.leaf_name = names.get(id(s.leaf), "leaf")
    return BackwardTrace(steps, names, tiny)


def trace_backward(output, gradient=None, params=None, retain_graph=True, accumulate=True, tiny=TINY):
    """Run ``output.backward()`` and return its steps, in the engine's order, as a ``BackwardTrace``.

    Each step: the node (its ``grad_fn`` class name), the gradient arriving at it (values when the
    tensor has at most ``tiny`` elements, else shape and min/mean/max), its local derivative rule,
    and what it sends to each input or, for a leaf, what it adds into ``.grad``. Leaves are named
    from ``params`` (dict or nn.Module) or from the caller's variables. ``retain_graph=True`` keeps
    the graph so it can still be drawn (``draw_graph(loss, trace=tr)``); ``accumulate=False``
    leaves every ``.grad`` untouched.
    """
    outputs, grads = _naming.as_outputs(output, gradient)
    names = _naming.leaf_names(params, _naming.scope_of(_naming.caller_frame()))
    return run_traced(outputs, grads, retain_graph=retain_graph, accumulate=accumulate, names=names, tiny=tiny)
