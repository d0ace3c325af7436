"""Reverse-mode engine: walk the tape from the outputs back to the leaves, applying the chain rule.

1. a node's inputs are always created before it, so running the nodes that hold a gradient in
   decreasing creation order (a heap on the sequence number) is a topological order: every
   consumer of a node has run before it, with no discovery pass and no dependency counts;
2. each node's backward returns one gradient per input edge, summed into the next node's buffer;
   ``AccumulateGrad`` sinks add into ``leaf.grad``;
3. when the backward pass is not itself recorded (``create_graph=False``, the training case) the
   buffers hold bare NumPy arrays and ops that define ``raw_backward`` run it on arrays, skipping
   the Tensor machinery; other ops get their gradients wrapped as Tensors. Hooks, observers and
   ``grad()`` results always see Tensors.
"""
import heapq
import sys
import warnings

import numpy as np

from . import _dtype
from .function import AccumulateGrad, sync_view
from .grad_mode import STATE
from .ops._util import sum_to_shape
from .tensor import Tensor, _PostAccumulateHook

_make = Tensor._make


# Called as ``observer(node, grads_in, grads_out)`` for every node the engine runs, in run order
# (set by ``autograd.viz.trace_backward``; None costs one check per node).
_observer = None
_checkpoint_valid = [True]  # per running pass: False under grad()/backward(inputs=) (reentrant checkpoint)


def _is_checkpoint_valid():
    """torch.autograd._is_checkpoint_valid: whether the running backward pass may re-enter the engine for a
    reentrant checkpoint (not when it only computes the gradients of given inputs)."""
    return _checkpoint_valid[-1]


def _make_root_grads(outputs, grad_outputs):
    grads = []
    for i, out in enumerate(outputs):
        g = None if grad_outputs is None else grad_outputs[i]
        if g is None:
            if out._data.size != 1:
                raise RuntimeError("grad can be implicitly created only for scalar outputs")
            one = np.empty(out._data.shape, out._data.dtype)
            one.fill(1)
            g = Tensor._make(one)
        elif not isinstance(g, Tensor):
            g = Tensor._make(np.asarray(g, dtype=out._data.dtype))
        elif g._data.shape != out._data.shape:
            raise RuntimeError(f"Mismatch in shape: grad_output[{i}] has a shape of {g.shape!r} and "
                               f"output[{i}] has a shape of {out.shape!r}.")
        grads.append(g)
    return grads


def _root_edge(t, i):
    if t._base is not None and t._view_version != t._version_counter[0]:
        sync_view(t)
    if not t._requires_grad:
        raise RuntimeError(f"element {i} of tensors does not require grad and does not have a grad_fn")
    if t.grad_fn is not None:
        return t.grad_fn, t._output_nr
    return t._grad_accumulator(), 0


def _needed(nodes, targets):
    """Nodes from which some target node can be reached (what ``grad(inputs=...)`` must run)."""
    order = []
    state = {}
    for start in nodes:
        if start in state:
            continue
        stack = [(start, iter(start.next_edges))]
        state[start] = 0
        while stack:
            node, it = stack[-1]
            advanced = False
            for e in it:
                if e is not None and e[0] not in state:
                    state[e[0]] = 0
                    stack.append((e[0], iter(e[0].next_edges)))
                    advanced = True
                    break
            if not advanced:
                stack.pop()
                order.append(node)
    needed = set()
    for node in order:  # post-order: children first
        if node in targets or any(e is not None and e[0] in needed for e in node.next_edges):
            needed.add(node)
    return needed


def _accumulate(buf, i, g):
    prev = buf[i]
    buf[i] = g if prev is None else prev + g


def _call_pre_hooks(node, grads):
    hooks = node._pre_hooks
    if not hooks:
        return grads
    grads = list(grads)
    last = []  # PyTorch's order: tensor hooks, then the node's own prehooks, then retain_grad's
    for nr, fns in hooks.items():
        if nr is None:
            continue
        for fn in list(fns):
            if getattr(fn, "_retains_grad_hook", False):
                last.append((nr, fn))
            elif grads[nr] is not None:
                r = fn(grads[nr])
                if r is not None:
                    grads[nr] = _hook_result(fn, r, grads[nr])
    for fn in list(hooks.get(None, ())):
        r = fn(tuple(grads))
        if r is not None:
            grads = list(r)
    for nr, fn in last:
        if grads[nr] is not None:
            fn(grads[nr])
    return grads


def _hook_result(fn, r, g):
    """A tensor hook's replacement gradient must be a Tensor of the gradient's type and shape (torch checks it)."""
    name = getattr(fn, "__name__", "hook")
    if not isinstance(r, Tensor):
        raise TypeError(f"expected Variable, but hook returned '{type(r).__name__}'")
    if r._data.dtype != g._data.dtype:
        raise RuntimeError(f"hook '{name}' has changed the type of value (was {g.type()} got {r.type()})")
    if r.shape != g.shape:
        raise RuntimeError(f"hook '{name}' has changed the size of value")
    return r


# References to a gradient array that only the engine holds, as _accumulate_leaf sees them: its buffer
# list, the argument, the local name, ``_unshared``'s parameter and getrefcount's own. Exact for CPython
# up to 3.13; elsewhere (3.14's borrowed references, other interpreters) every first gradient is copied.
_ENGINE_REFS = 5 if sys.implementation.name == "cpython" and sys.version_info[:2] <= (3, 13) else 0


def _unshared(arr):
    """True when nothing outside the engine references ``arr`` or its memory, so that a leaf may keep it as
    its ``.grad`` instead of a copy (torch's AccumulateGrad steals such a gradient the same way)."""
    if not (arr.flags.c_contiguous and arr.flags.writeable and arr.flags.aligned):
        return False
    if sys.getrefcount(arr) > _ENGINE_REFS:
        return False
    base = arr.base
    if base is None:
        return arr.flags.owndata
    # a reshaped / twice-transposed view of a fresh result: its owner must be referenced by the view alone
    return (type(base) is np.ndarray and base.flags.owndata and base.nbytes == arr.nbytes
            and sys.getrefcount(base) <= 3)


def _accumulate_leaf(node, g, create_graph):
    """Add ``g`` (a Tensor, or a bare array on the unrecorded path) into the leaf's ``.grad``."""
    var = node.variable
    if var._hooks:
        g = _tensor(g)
        for fn in list(var._hooks):
            if type(fn) is _PostAccumulateHook:
                continue
            r = fn(g)
            if r is not None:
                g = _hook_result(fn, r, g)
    if create_graph:
        if g._data.dtype != var._data.dtype:
            g = g.to(var.dtype)
        var._grad = g if var._grad is None else var._grad + g
    else:
        arr = g._data if isinstance(g, Tensor) else g
        if arr.dtype != var._data.dtype:
            arr = arr.astype(var._data.dtype)
        grad = var._grad
        if grad is None:  # kept if only the engine holds it, else a C-contiguous copy like the parameter
            var._grad = _make(arr if g is arr and _unshared(arr) else np.array(arr, order="C"))
        elif STATE.grad_enabled:
            var._grad = grad + _make(arr)
        elif grad._data.flags.writeable:
            np.add(grad._data, arr, out=grad._data)
        else:
            var._grad = _make(grad._data + arr)
    if node._post_hooks:  # torch calls an AccumulateGrad node's hooks with ((), (grad,))
        for fn in node._post_hooks:
            fn((), (_tensor(g),))
    if var._hooks:
        for fn in list(var._hooks):
            if type(fn) is _PostAccumulateHook:
                fn.fn(var)


def _tensor(g):
    return g if g is None or isinstance(g, Tensor) else _make(np.asarray(g))


def _tensors(grads):
    return [_tensor(g) for g in grads]


def _arrays(grads):
    return [g._data if isinstance(g, Tensor) else g for g in grads]


def _check_anomaly(node, grads):
    for i, g in enumerate(grads):
        arr = g._data if isinstance(g, Tensor) else g
        if arr is not None and arr.dtype.kind == "f" and not np.all(np.isfinite(arr)):
            bad = "nan" if np.isnan(arr).any() else "inf"
            stack = node.__dict__.get("_stack")
            if stack:  # torch warns with the forward's traceback and raises a one-line error
                warnings.warn(f"Error detected in {node.name()}. Traceback of forward call that caused the error:\n"
                              f"{stack}", stacklevel=2)
            raise RuntimeError(f"Function '{node.name()}' returned {bad} values in its {i}th output.")


def run_backward(outputs, grad_outputs, retain_graph, create_graph, inputs=None, accumulate=True,
                 allow_unused=True):
    """Shared core of ``Tensor.backward``, ``autograd.backward`` and ``autograd.grad``."""
    roots = [_root_edge(t, i) for i, t in enumerate(outputs)]
    root_grads = _make_root_grads(outputs, grad_outputs)
    if retain_graph is None:
        retain_graph = create_graph
    raw = not create_graph
    if raw:
        root_grads = _arrays(root_grads)

    # Where gradients are captured instead of (or besides) accumulated: (node, output_nr) -> slot.
    capture = {}
    if inputs is not None:
        for k, t in enumerate(inputs):
            if t._base is not None and t._view_version != t._version_counter[0]:
                sync_view(t)
            if not t._requires_grad:  # backward(inputs=) retains the inputs' grads; grad() differentiates them
                raise RuntimeError("can't retain_grad on Tensor that has requires_grad=False" if accumulate else
                                   "One of the differentiated Tensors does not require grad")
            key = (t.grad_fn, t._output_nr) if t.grad_fn is not None else (t._grad_accumulator(), 0)
            capture.setdefault(key, []).append(k)
    results = [None] * (len(inputs) if inputs is not None else 0)

    root_nodes = []
    for n, _ in roots:
        if n not in root_nodes:
            root_nodes.append(n)
    needed = _needed(root_nodes, {k[0] for k in capture}) if inputs is not None else None

    # A node's inputs were created before it, so their sequence numbers are smaller: popping the
    # highest sequence number among the nodes holding a gradient buffer is a topological order, and
    # no dependency counting is needed. A node joins ``ready`` when its buffer is created.
    buffers = {}
    ready = []
    for (node, nr), g in zip(roots, root_grads):
        buf = buffers.get(node)
        if buf is None:
            buf = buffers[node] = [None] * _num_outputs(node)
            heapq.heappush(ready, (-node._seq, node))
        _accumulate(buf, nr, g)

    prev_mode = STATE.grad_enabled
    STATE.grad_enabled = bool(create_graph)
    _checkpoint_valid.append(inputs is None)
    anomaly = STATE.anomaly and STATE.anomaly_check_nan
    observer = _observer
    plain = inputs is None and observer is None  # no capture, no pruning: the training loop's case
    arrivals = {}  # leaf sink -> gradients delivered to it in this pass (see _route_to_sink)
    due = []  # leaf sinks whose gradient is complete, run after the current node
    heappush, heappop = heapq.heappush, heapq.heappop
    apply_node = _apply_node
    errstate = np.errstate(all="ignore")  # array formulas warn on inf/nan where torch is silent
    errstate.__enter__()
    try:
        while ready:
            node = heappop(ready)[1]
            grads = buffers.pop(node, None)
            if grads is None:  # a leaf's sink that already ran, as soon as all its gradients had arrived
                continue
            if plain and type(node) is AccumulateGrad:
                _run_sink(node, grads, raw, create_graph, retain_graph, arrivals)
                continue
            if node._pre_hooks:
                grads = _call_pre_hooks(node, _tensors(grads) if raw else grads)
                if raw:
                    grads = _arrays(grads)
            if plain:
                if (raw and len(grads) == 1 and grads[0] is not None and node._fn.raw_backward is not None
                        and not anomaly and not node._post_hooks):
                    _run_raw(node, grads[0], buffers, ready, heappush, arrivals, due)  # the common node
                    if not retain_graph and (node._saved is not None or node._saved_output is not None):
                        node._release()
                    if due:
                        _run_due(due, buffers, raw, create_graph, retain_graph, arrivals)
                    continue
                out_grads = apply_node(node, grads, anomaly, raw)
                if not retain_graph and (node._saved is not None or node._saved_output is not None):
                    node._release()
            else:
                out_grads = _run_node_general(node, grads, raw, capture, results, needed, accumulate, inputs,
                                              create_graph, retain_graph, anomaly, observer)
                if out_grads is None:
                    continue
            for e, g in zip(node.next_edges, out_grads):
                if g is None:  # also where the edge is None
                    continue
                nxt = e[0]
                buf = buffers.get(nxt)
                if buf is None:
                    meta = nxt._out_meta
                    if meta is None or len(meta) == 1:
                        buffers[nxt] = [g]
                    else:
                        buf = buffers[nxt] = [None] * len(meta)
                    heappush(ready, (-nxt._seq, nxt))
                if buf is not None:
                    nr = e[1]
                    prev = buf[nr]
                    buf[nr] = g if prev is None else prev + g
                if plain and type(nxt) is AccumulateGrad:
                    _sink_arrival(nxt, arrivals, due)
            out_grads = g = None  # the buffers own the gradients now (see _unshared)
            if due:
                _run_due(due, buffers, raw, create_graph, retain_graph, arrivals)
    finally:
        errstate.__exit__(None, None, None)
        STATE.grad_enabled = prev_mode
        _checkpoint_valid.pop()

    if inputs is not None:
        for k, t in enumerate(inputs):
            if results[k] is None and not allow_unused:
                raise RuntimeError(f"The differentiated Tensor at index {k} appears to not have been used in the "
                                   "graph. Set allow_unused=True if this is the desired behavior.")
    return results


def _run_raw(node, g, buffers, ready, heappush, arrivals, due):
    """One single-output built-in op on the unrecorded pass: its array derivative, each input gradient checked
    against the input's dtype and shape (as ``_apply_node``) and added to the buffer of the node it flows to."""
    fn = node._fn
    vjp = fn._array_vjp
    out = vjp(node, node.saved_arrays, g) if vjp is not None else fn.raw_backward(node, g)
    edges = node.next_edges
    if type(out) is not tuple:
        out = (out,)
    if len(out) != len(edges):
        out = _apply_node_outputs(node, out, edges)
    i = -1
    for e in edges:
        i += 1
        g = out[i]
        if g is None or e is None:
            continue
        nxt = e[0]
        sink = type(nxt) is AccumulateGrad
        if sink:
            v = nxt.variable._data
            if type(g) is not np.ndarray or g.dtype is not v.dtype or g.shape != v.shape:
                g = _checked_array(node, i, g, v.shape, v.dtype)
        else:
            meta = nxt._out_meta
            expected, dt = meta[e[1]] if meta else (None, None)
            if type(g) is not np.ndarray or g.dtype is not dt or g.shape != expected:
                g = _checked_array(node, i, g, expected, dt)
            if meta is not None and len(meta) > 1:
                buf = buffers.get(nxt)
                if buf is None:
                    buf = buffers[nxt] = [None] * len(meta)
                    heappush(ready, (-nxt._seq, nxt))
                _accumulate(buf, e[1], g)
                continue
        buf = buffers.get(nxt)
        if buf is None:
            buffers[nxt] = [g]
            heappush(ready, (-nxt._seq, nxt))
        else:
            prev = buf[0]
            buf[0] = g if prev is None else prev + g
        if sink:
            _sink_arrival(nxt, arrivals, due)


def _sink_arrival(sink, arrivals, due):
    """A gradient was added to a leaf sink's buffer. Once every graph edge into the sink has delivered (its
    ``_consumers`` count), the leaf's gradient is complete: the sink joins ``due`` and runs right after the
    current node, as torch's engine runs a ready AccumulateGrad first; otherwise (edges outside this pass)
    it runs when popped, after all the ops."""
    n = arrivals.get(sink, 0) + 1
    arrivals[sink] = n
    if n == sink._consumers:
        due.append(sink)


def _run_due(due, buffers, raw, create_graph, retain_graph, arrivals):
    for sink in due:
        _run_sink(sink, buffers.pop(sink), raw, create_graph, retain_graph, arrivals)
    due.clear()


def _run_sink(sink, grads, raw, create_graph, retain_graph, arrivals):
    """A leaf's AccumulateGrad: its prehooks, then the gradient into ``.grad``. A pass that frees the graph
    has consumed the edges that delivered here."""
    if sink._pre_hooks:
        grads = _call_pre_hooks(sink, _tensors(grads) if raw else grads)
        if raw:
            grads = _arrays(grads)
    if not retain_graph:
        sink._consumers -= arrivals.pop(sink, 0)
    if grads[0] is not None:
        _accumulate_leaf(sink, grads[0], create_graph)


def _run_node_general(node, grads, raw, capture, results, needed, accumulate, inputs, create_graph, retain_graph,
                      anomaly, observer):
    """One node with gradient capture (``grad(inputs=...)``), pruning or an observer; returns its
    input gradients, or None when nothing flows on from it."""
    if needed is not None and node not in needed:
        return None
    if capture:
        for nr, g in enumerate(grads):
            slots = capture.get((node, nr))
            if slots:
                for k in slots:
                    results[k] = _tensor(g)
    out_grads = None
    if type(node) is AccumulateGrad:
        if accumulate and (inputs is None or (node, 0) in capture) and grads[0] is not None:
            _accumulate_leaf(node, grads[0], create_graph)
    elif inputs is None or accumulate or any(e is not None and e[0] in needed for e in node.next_edges):
        out_grads = _apply_node_pruned(node, grads, anomaly, raw, needed)
        if not retain_graph:
            node._release()
    if observer is not None:
        observer(node, _tensors(grads), () if out_grads is None else _tensors(out_grads))
    return out_grads


def _apply_node_pruned(node, grads, anomaly, raw, needed):
    """``_apply_node`` computing only the input gradients that lead to a differentiated input: a built-in
    op's ``needs_input_grad`` is narrowed for the call (torch's ``should_compute_output``), so an input
    whose derivative is not implemented only fails when it is asked for. Custom Functions see theirs as
    recorded in forward, as in torch."""
    need = node.needs_input_grad
    if needed is None or not node._fn._raw:
        return _apply_node(node, grads, anomaly, raw)
    narrowed = tuple(n and e is not None and e[0] in needed for n, e in zip(need, node.next_edges))
    if narrowed == need:
        return _apply_node(node, grads, anomaly, raw)
    node.needs_input_grad = narrowed
    try:
        return _apply_node(node, grads, anomaly, raw)
    finally:
        node.needs_input_grad = need


def _num_outputs(node):
    meta = getattr(node, "_out_meta", None)
    return len(meta) if meta else 1


def _apply_node(node, grads, anomaly, raw=False):
    """Run one node's backward and check each gradient against the input it flows to (dtype, shape).

    ``raw``: gradients are bare arrays (the unrecorded pass); the node's ``raw_backward`` runs on
    them when its op has one, else they are wrapped as Tensors for ``backward``.
    """
    fn = node._fn
    for g in grads:
        if g is None:
            if not node.__dict__.get("_no_materialize"):
                grads = [_zero_grad(m, raw, fn._raw) if g is None else g for g, m in zip(grads, node._out_meta)]
            break
    if not raw:
        out = fn.backward(node, *grads)
    elif fn.raw_backward is not None:
        out = fn.raw_backward(node, *grads)
    else:
        out = fn.backward(node, *_tensors(grads))
    edges = node.next_edges
    if type(out) is not tuple or len(out) != len(edges):
        out = _apply_node_outputs(node, out, edges)
    checked = []
    for i, e in enumerate(edges):
        g = out[i]
        if e is None or g is None:
            kinds = node.__dict__.get("_arg_is_tensor") if g is not None else None  # user Functions only
            if kinds is not None and not kinds[i]:
                raise RuntimeError(f"function {node.name()} returned a gradient different than None at position "
                                   f"{i + 1}, but the corresponding forward input was not a Variable")
            checked.append(None)
            continue
        nxt = e[0]
        if type(nxt) is AccumulateGrad:
            v = nxt.variable._data
            expected, dt = v.shape, v.dtype
        else:
            meta = nxt._out_meta
            expected, dt = meta[e[1]] if meta else (None, None)
        if raw:
            if type(g) is not np.ndarray or g.dtype is not dt or g.shape != expected:
                g = _checked_array(node, i, g, expected, dt)
        else:
            g = _checked_tensor(node, i, g, expected, dt)
        checked.append(g)
    if anomaly:
        _check_anomaly(node, checked)
    if node._post_hooks:  # hook(grad_inputs, grad_outputs); a returned tuple replaces grad_inputs
        t_checked = tuple(_tensors(checked) if raw else checked)
        t_grads = tuple(_tensors(grads) if raw else grads)
        replaced = False
        for hook in node._post_hooks:
            r = hook(t_checked, t_grads)
            if r is not None:
                t_checked, replaced = tuple(r), True
        if replaced:
            checked = _arrays(t_checked) if raw else list(t_checked)
    return checked


def _apply_node_outputs(node, out, edges):
    """A backward's result as one gradient per input edge: a bare gradient becomes a 1-tuple, extra
    trailing Nones are dropped and missing ones added (torch's error when they are not None)."""
    if type(out) is not tuple:
        out = (out,)
    n = len(edges)
    if len(out) < n:
        if any(e is not None for e in edges[len(out):]):
            raise RuntimeError(f"function {node.name()} returned an incorrect number of gradients "
                               f"(expected {n}, got {len(out)})")
    elif any(g is not None for g in out[n:]):
        raise RuntimeError(f"function {node.name()} returned an incorrect number of gradients "
                           f"(expected {n}, got {len(out)})")
    return tuple(out[:n]) + (None,) * (n - len(out))


def _zero_grad(meta, raw, internal):
    """The zero gradient an output that received none gets (torch's materialized grads); built-in ops
    never read one for an integer output (max pooling's or sort's indices), so they get None."""
    if meta is None:  # a custom Function's non-tensor output
        return None
    shape, dtype = meta
    if internal and dtype.kind not in "fc":
        return None
    z = np.zeros(shape, dtype)
    return z if raw else _make(z)


def _checked_tensor(node, i, g, expected, dt):
    if not isinstance(g, Tensor):
        g = _make(np.asarray(g))
    arr = g._data
    if dt is not None and arr.dtype is not dt and arr.dtype != dt and dt.kind == "f":
        g = _make(arr.astype(dt)) if not g._requires_grad else g.to(_dtype.from_numpy_dtype(dt))
    if expected is not None and g._data.shape != expected:
        if not _broadcastable_to(expected, g._data.shape):
            raise _bad_shape(node, i, g._data.shape, expected)
        g = g.sum_to_size(expected)
    return g


def _checked_array(node, i, g, expected, dt):
    arr = g if type(g) is np.ndarray else (g._data if isinstance(g, Tensor) else np.asarray(g))
    if dt is not None and arr.dtype is not dt and arr.dtype != dt and dt.kind == "f":
        arr = arr.astype(dt)
    if expected is not None and arr.shape != expected:
        if not _broadcastable_to(expected, arr.shape):
            raise _bad_shape(node, i, arr.shape, expected)
        arr = sum_to_shape(arr, expected)
    return arr


def _bad_shape(node, i, got, expected):
    return RuntimeError(f"Function {node.name()} returned an invalid gradient at index {i} - got "
                        f"{list(got)} but expected shape compatible with {list(expected)}")


def _broadcastable_to(src, dst):
    if len(src) > len(dst):
        return False
    for s, d in zip(reversed(src), reversed(dst)):
        if s != d and s != 1:
            return False
    return True


def backward(tensors, grad_tensors=None, retain_graph=None, create_graph=False, grad_variables=None,
             inputs=None):
    """Accumulate d(tensors)/d(leaves) into the leaves' ``.grad`` (torch.autograd.backward)."""
    if isinstance(tensors, Tensor):
        tensors = (tensors,)
    if grad_tensors is None:
        grad_tensors = grad_variables
    if isinstance(grad_tensors, Tensor):
        grad_tensors = (grad_tensors,)
    if grad_tensors is not None and len(grad_tensors) != len(tensors):
        raise RuntimeError(f"got {len(tensors)} tensors and {len(grad_tensors)} gradients")
    if inputs is not None:
        inputs = (inputs,) if isinstance(inputs, Tensor) else tuple(inputs)
        if not inputs:
            raise RuntimeError("`inputs` argument to `backward()` cannot be empty.")
    res = run_backward(tuple(tensors), grad_tensors, retain_graph, create_graph, inputs=inputs, accumulate=True)
    for t, g in zip(inputs or (), res):  # a non-leaf among ``inputs`` gets its .grad too (torch)
        if t.grad_fn is not None and g is not None and not t._retains_grad:  # retain_grad's hook already did
            g = g if create_graph else g.detach()
            t._grad = g if t._grad is None else t._grad + g


Tensor._run_backward = staticmethod(backward)


def _batched_grad(outputs, inputs, grad_outputs, retain_graph, create_graph, allow_unused, materialize_grads):
    """``grad(..., is_grads_batched=True)``: one vector-Jacobian product per row of the grad_outputs (their
    first dim is the batch), stacked; torch vectorises this with vmap, here it is a loop over the rows."""
    from .ops.joining import stack
    if grad_outputs is None:
        raise RuntimeError("grad_outputs must be given when is_grads_batched=True")
    batch = grad_outputs[0].shape[0]
    rows = []
    for b in range(batch):
        last = b == batch - 1
        rows.append(grad(outputs, inputs, tuple(g[b] for g in grad_outputs),
                         retain_graph=retain_graph if last else True, create_graph=create_graph,
                         allow_unused=allow_unused, materialize_grads=materialize_grads))
    return tuple(None if rows[0][k] is None else stack([r[k] for r in rows]) for k in range(len(inputs)))


def grad(outputs, inputs, grad_outputs=None, retain_graph=None, create_graph=False, only_inputs=True,
         allow_unused=None, is_grads_batched=False, materialize_grads=False):
    """Return d(outputs)/d(inputs) without touching ``.grad`` (torch.autograd.grad)."""
    single = isinstance(inputs, Tensor)
    outputs = (outputs,) if isinstance(outputs, Tensor) else tuple(outputs)
    inputs = (inputs,) if single else tuple(inputs)
    if grad_outputs is not None:
        grad_outputs = (grad_outputs,) if isinstance(grad_outputs, Tensor) else tuple(grad_outputs)
        if len(grad_outputs) != len(outputs):
            raise RuntimeError(f"got {len(outputs)} tensors and {len(grad_outputs)} gradients")
    if allow_unused is None:
        allow_unused = materialize_grads
    if is_grads_batched:
        return _batched_grad(outputs, inputs, grad_outputs, retain_graph, create_graph, allow_unused,
                             materialize_grads)
    res = run_backward(outputs, grad_outputs, retain_graph, create_graph, inputs=inputs, accumulate=False,
                       allow_unused=allow_unused)
    out = []
    for t, g in zip(inputs, res):
        if g is None and materialize_grads:
            g = Tensor._make(np.zeros_like(t._data))
        elif g is not None and not create_graph:
            g = g.detach()
        out.append(g)
    return tuple(out)

