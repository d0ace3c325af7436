"""``draw_graph``: the recorded backward graph as a Graphviz picture.

Like torchviz's ``make_dot`` (op nodes named by their grad_fn class, leaves by parameter name,
saved tensors on request), plus: shape and dtype on every node, gradient norms as colours after
backward (NaN/Inf in red), values (min/mean/max, or the numbers themselves for tiny tensors),
module clusters, the tracer's step numbers, and collapsing so that huge graphs stay drawable.
Everything is iterative: graph size is limited by memory, not by the recursion limit.
"""
import math

import numpy as np

from ..function import AccumulateGrad
from . import _dot, _naming
from .modules import module_call_of
from .trace import TINY, fmt_array, run_traced, shape_str, summary

COLORS = {"op": "#e9ecef", "leaf": "#cfe2ff", "output": "#c0eb75", "saved": "#ffd8a8",
          "group": "#e5dbff", "hidden": "#f1f3f5", "nan": "#ff6b6b", "nan_line": "#e03131"}
# light -> dark: small -> large gradient norm (log scale over the graph)
PALETTE = ("#ffffcc", "#d9f0a3", "#addd8e", "#78c679", "#41ab5d", "#238443", "#005a32")
EDGE_PALETTE = ("#c2e699", "#9ccf7e", "#78c679", "#41ab5d", "#238443", "#006837", "#004529")

_RECORD_ESCAPES = str.maketrans({c: "\\" + c for c in '{}|<>"\\'})


def _esc(s):
    return str(s).translate(_RECORD_ESCAPES)


def _meta_str(shape, dtype):
    return f"{shape_str(shape)} {np.dtype(dtype).name}"


def _norm(arrays):
    tot = 0.0
    bad = False
    for a in arrays:
        if a is None or a.dtype.kind not in "fc":
            continue
        a64 = a.astype(np.float64, copy=False)
        if not np.isfinite(a64).all():
            bad = True
            a64 = a64[np.isfinite(a64)]
        tot += float(np.dot(a64.ravel(), a64.ravel())) if a64.size else 0.0
    return math.sqrt(tot), bad


def _nonfinite(a):
    return a is not None and a.dtype.kind == "f" and not np.isfinite(a).all()


class _Scale:
    """Gradient norm -> colour, on a log scale spanning the norms present in this graph."""

    def __init__(self, norms):
        logs = [math.log10(n) for n in norms if n > 0 and math.isfinite(n)]
        self.lo, self.hi = (min(logs), max(logs)) if logs else (0.0, 0.0)

    def t(self, norm):
        if not (norm > 0) or not math.isfinite(norm):
            return None
        if self.hi - self.lo < 1e-12:
            return 1.0
        return (math.log10(norm) - self.lo) / (self.hi - self.lo)

    def color(self, norm, palette=PALETTE):
        t = self.t(norm)
        return None if t is None else palette[min(int(t * len(palette)), len(palette) - 1)]

    def legend(self):
        return f"gradient norm: light {10 ** self.lo:.2g} ... dark {10 ** self.hi:.2g}; grey = zero; red = NaN/Inf"


def draw_graph(output, params=None, show_saved=False, show_values=False, show_grads=None,
               cluster_modules=True, max_nodes=250, collapse=None, trace=None, rankdir="TB",
               tiny=TINY, title=None, graph_attr=None, _scope=None):
    """Draw the graph that produced ``output`` (a tensor, or a list/tuple/dict of tensors).

    params: dict name -> tensor or an nn.Module (its ``named_parameters()``) naming the leaves;
        leaves and outputs not named there take the names of the caller's variables.
    show_saved: draw the tensors each op saved for backward (orange) and its non-tensor attributes.
    show_values: value of every tensor we can still see: the numbers for tensors with at most
        ``tiny`` elements, else min/mean/max (intermediates are known when some op saved them).
    show_grads: colour nodes and edges by gradient norm, NaN/Inf in red. Default: on when a trace
        is given or a leaf has ``.grad``. Gradients of op nodes come from ``trace`` or, if the
        graph was not freed, from a side-effect-free backward pass run here.
    cluster_modules: box nodes by the nn.Module call that made them (see ``record_modules``).
    max_nodes: beyond this many drawn nodes, module calls are collapsed (deepest first), then the
        nodes farthest from the output are folded into one "... more" node.
    collapse: module paths (str or list) or a depth (int; True = 1) to draw as single nodes.
    trace: a ``BackwardTrace`` (``trace_backward``): node numbers and edge labels give run order.
    Returns a ``graphviz.Digraph`` subclass: ``.source`` (DOT), ``.render()``, ``.pipe()``, inline
    SVG in notebooks, and ``.text`` (an outline shown when no ``dot`` executable is installed).
    """
    outs, _ = _naming.as_outputs(output)
    scope = _naming.scope_of(_naming.caller_frame()) if _scope is None else _scope
    owners = {}
    names = _naming.leaf_names(params, scope, owners)
    if isinstance(output, dict):
        out_names = [str(k) for k in output]
    else:
        out_names = [names.get(id(t)) or ("output" if len(outs) == 1 else f"output {j}") for j, t in enumerate(outs)]
    builder = _Builder(outs, out_names, names, owners, _naming.named_results(scope), show_saved, show_values,
                       show_grads, cluster_modules, max_nodes, collapse, trace, rankdir, tiny)
    del scope
    return builder.build(title, graph_attr)


def draw_model(model, *inputs, params=None, **kwargs):
    """Run ``model(*inputs)`` while recording module calls and draw the result, clustered by module."""
    from .modules import record_modules
    with record_modules(model):
        out = model(*inputs)
    scope = _naming.scope_of(_naming.caller_frame())
    return draw_graph(out, params=model if params is None else params, _scope=scope, **kwargs)


class _Builder:
    def __init__(self, outs, out_names, names, owners, named, show_saved, show_values, show_grads,
                 cluster_modules, max_nodes, collapse, trace, rankdir, tiny):
        self.outs, self.out_names, self.names, self.owners, self.named = outs, out_names, names, owners, named
        self.show_saved, self.show_values, self.tiny = show_saved, show_values, tiny
        self.cluster_modules, self.max_nodes, self.collapse = cluster_modules, max(int(max_nodes), 2), collapse
        self.trace, self.rankdir = trace, rankdir
        self.step_no = {s.node: s.index for s in trace} if trace is not None else {}
        self.notes = []
        self.roots = []
        for t in outs:
            if t.grad_fn is not None:
                self.roots.append(t.grad_fn)
            elif t._requires_grad:
                self.roots.append(t._grad_accumulator())
            else:
                self.roots.append(None)
        self.nodes = _naming.walk_nodes(self.roots)
        self.index = {n: i for i, n in enumerate(self.nodes)}
        self.edges = []  # (input unit u, consumer v, input slot k, output nr of u)
        for v, node in enumerate(self.nodes):
            for k, e in enumerate(node.next_edges):
                if e is not None:
                    self.edges.append((self.index[e[0]], v, k, e[1]))
        if show_grads is None:
            show_grads = trace is not None or any(
                type(n) is AccumulateGrad and n.variable._grad is not None for n in self.nodes)
        self.show_grads = show_grads
        self._grads()
        self._values()
        self._modules()

    # ---- gradients, values, module calls ------------------------------------------------------
    def _grads(self):
        self.grad_node, self.grad_edge = {}, {}
        if not self.show_grads:
            return
        trace = self.trace
        if trace is None:
            live = [t for t in self.outs if t._requires_grad]
            freed = any(n._freed for n in self.nodes)
            if live and not freed:
                seeds = tuple(np.ones_like(t._data) for t in live)
                try:
                    trace = run_traced(live, seeds, retain_graph=True, accumulate=False, silent=True)
                except Exception as e:  # noqa: BLE001 - a drawing reports, never raises, here
                    self.notes.append(f"op gradients unavailable: {type(e).__name__}: {e}")
            elif freed:
                self.notes.append("op-node gradients need the graph: the last backward freed it (use "
                                  "backward(retain_graph=True) or trace=trace_backward(loss))")
        if trace is not None:
            for step in trace:
                i = self.index.get(step.node)
                if i is None:
                    continue
                self.grad_node[i] = step.grad_in
                for k, g in enumerate(step.grad_out):
                    e = step.node.next_edges[k] if k < len(step.node.next_edges) else None
                    if e is not None and e[0] in self.index:
                        self.grad_edge[(self.index[e[0]], i, k)] = g
        for i, n in enumerate(self.nodes):
            if type(n) is AccumulateGrad and n.variable._grad is not None:
                self.grad_node[i] = [n.variable._grad._data]
        norms = [_norm(g)[0] for g in self.grad_node.values()] + [_norm([g])[0] for g in self.grad_edge.values()]
        self.scale = _Scale(norms)

    def _values(self):
        self.value = {}
        if not self.show_values:
            return
        for t in self.outs:
            if t.grad_fn is not None and t.grad_fn in self.index:
                self.value[(self.index[t.grad_fn], t._output_nr)] = t._data
        for (node, nr), (_, t) in self.named.items():
            if node in self.index:
                self.value.setdefault((self.index[node], nr), t._data)
        for i, n in enumerate(self.nodes):
            if type(n) is AccumulateGrad:
                self.value[(i, 0)] = n.variable._data
                continue
            if n._saved_output is not None:
                self.value.setdefault((i, 0), n._saved_output[0])
            for t in _naming.saved_of(n):
                if t is not None and t.grad_fn is not None and t.grad_fn in self.index:
                    self.value.setdefault((self.index[t.grad_fn], t._output_nr), t._data)

    def _modules(self):
        n = len(self.nodes)
        self.call = [None] * n
        if not self.cluster_modules:
            return
        calls_by_path = {}
        for i, node in enumerate(self.nodes):
            c = module_call_of(node)
            self.call[i] = c
            while c is not None:
                calls_by_path.setdefault(c.path, set()).add(c)
                c = c.parent
        for i, node in enumerate(self.nodes):
            if type(node) is AccumulateGrad:
                calls = calls_by_path.get(self.owners.get(id(node.variable)))
                if calls:  # a module called several times shares its parameters: draw them beside the calls
                    first = min(calls, key=lambda c: c.order)
                    self.call[i] = first if len(calls) == 1 else first.parent

    # ---- collapsing ----------------------------------------------------------------------------
    @staticmethod
    def _group_fn(depth=None, paths=None):
        def group(c):
            if c is None:
                return None
            for a in c.ancestors():  # the outermost qualifying call wins
                if (depth is not None and a.depth >= depth) or (paths is not None and a.path in paths):
                    return a
            return None
        return group

    def _count(self, group):
        seen = set()
        n = 0
        for c in self.call:
            g = group(c) if c is not None else None
            if g is None:
                n += 1
            else:
                seen.add(g)
        return n + len(seen)

    def _choose_groups(self):
        col = self.collapse
        if col is False or not any(c is not None for c in self.call):
            return lambda c: None
        if col is True:
            return self._group_fn(depth=1)
        if isinstance(col, int):
            return self._group_fn(depth=col)
        if isinstance(col, str):
            return self._group_fn(paths={col})
        if col is not None:
            return self._group_fn(paths=set(col))
        if len(self.nodes) <= self.max_nodes:
            return lambda c: None
        maxdepth = max(c.depth for c in self.call if c is not None)
        for d in range(maxdepth, -1, -1):
            g = self._group_fn(depth=d)
            if self._count(g) <= self.max_nodes:
                self.notes.append(f"module calls at depth >= {d} collapsed to fit max_nodes={self.max_nodes}")
                return g
        return self._group_fn(depth=0)

    def _units(self):
        """unit_of[i]: ('n', i) | ('g', call) | ('h',) ; order: first appearance from the output."""
        group = self._choose_groups()
        unit_of = []
        order = {}
        for i, c in enumerate(self.call):
            g = group(c) if c is not None else None
            u = ("n", i) if g is None else ("g", g)
            unit_of.append(u)
            order.setdefault(u, len(order))
        units = list(order)
        if len(units) > self.max_nodes:
            budget = self.max_nodes - 1
            leaves = [u for u in units if u[0] == "n" and type(self.nodes[u[1]]) is AccumulateGrad][:budget // 2]
            keep = set(leaves)
            for u in units:
                if len(keep) >= budget:
                    break
                keep.add(u)
            units = [u for u in units if u in keep]
            hidden = sum(1 for u in unit_of if u not in keep)
            unit_of = [u if u in keep else ("h",) for u in unit_of]
            units.append(("h",))
            self.notes.append(f"{hidden} nodes farthest from the output folded into one (max_nodes={self.max_nodes})")
        return unit_of, units

    # ---- labels ------------------------------------------------------------------------------------
    def _record(self, fields):
        body = "|".join(_esc(f) for f in fields if f)
        return "{" + body + "}" if self.rankdir in ("TB", "BT") else body

    def _grad_field(self, arrays):
        arrays = [a for a in arrays if a is not None]
        if not arrays:
            return None, None, False
        norm, bad = _norm(arrays)
        if len(arrays) == 1 and arrays[0].size <= self.tiny:
            text = "grad " + fmt_array(arrays[0], self.tiny)
        else:
            text = f"grad norm {norm:.4g}"
        if bad:
            text += " (NaN/Inf!)"
        return text, norm, bad

    def _value_field(self, a):
        if a is None:
            return None, False
        bad = _nonfinite(a)
        if a.size <= self.tiny:
            return "data " + fmt_array(a, self.tiny), bad
        return "data " + summary(a), bad

    def _node_unit(self, i):
        node = self.nodes[i]
        fields, bad, norm = [], False, None
        step = self.step_no.get(node)
        prefix = f"#{step} " if step else ""
        if type(node) is AccumulateGrad:
            var = node.variable
            kind = "leaf"
            fields.append(prefix + self.names.get(id(var), "leaf"))
            fields.append(_meta_str(var._data.shape, var._data.dtype))
        else:
            kind = "op"
            fields.append(prefix + type(node).__name__)
            meta = getattr(node, "_out_meta", None) or ()
            metas = []
            for nr, m in enumerate(meta):
                if m is None:  # a custom Function's non-tensor output
                    continue
                shape, dtype = m
                var = self.named.get((node, nr))
                metas.append((var[0] + ": " if var else "") + _meta_str(shape, dtype))
            fields.append(", ".join(metas) or "?")
            if self.show_saved:
                attrs = [f"{k}={_short(v)}" for k, v in node.__dict__.items() if not k.startswith("_")]
                if attrs:
                    fields.append(", ".join(attrs))
                if node._freed:
                    fields.append("saved tensors freed")
        if self.show_values:
            nout = max(1, len(getattr(node, "_out_meta", None) or ()))
            vals = [self.value.get((i, nr)) for nr in range(nout)]
            if any(v is not None for v in vals):
                for v in vals:
                    text, b = self._value_field(v)
                    bad |= b
                    if text:
                        fields.append(text)
            elif kind == "op":
                fields.append("data not kept")
        if self.show_grads:
            text, norm, b = self._grad_field(self.grad_node.get(i) or [])
            bad |= b
            if text:
                fields.append(text)
        return kind, fields, bad, norm

    def _style(self, kind, bad, norm):
        attrs = {"shape": "Mrecord" if kind in ("op", "group") else "record", "style": "filled",
                 "fillcolor": COLORS[kind]}
        if kind == "group":
            attrs["style"] = "filled,bold"
        if self.show_grads and kind in ("op", "leaf", "output"):
            col = self.scale.color(norm) if norm is not None else None
            if col is not None:
                attrs["fillcolor"] = col
                if PALETTE.index(col) >= len(PALETTE) - 2:
                    attrs["fontcolor"] = "white"
        if bad:
            attrs.update(fillcolor=COLORS["nan"], color=COLORS["nan_line"], penwidth="2.5", fontcolor="black")
        return attrs

    # ---- assembly --------------------------------------------------------------------------------
    def build(self, title, graph_attr):
        from ._digraph import Graph

        unit_of, units = self._units()
        uid = {u: f"n{k}" for k, u in enumerate(units)}
        g = Graph(name="autograd", format="svg")
        g.attr(rankdir=self.rankdir, fontname="Helvetica", fontsize="11")
        g.attr("node", fontname="Helvetica", fontsize="10", height="0.2")
        g.attr("edge", fontname="Helvetica", fontsize="9", arrowsize="0.7")
        if graph_attr:
            g.attr(**graph_attr)

        group_out = {}  # collapsed call -> shapes of what leaves it
        for u_i, v_i, _, nr in self.edges:
            U = unit_of[u_i]
            if U[0] == "g" and unit_of[v_i] != U:
                meta = getattr(self.nodes[u_i], "_out_meta", None)
                if meta and nr < len(meta) and meta[nr] is not None:
                    group_out.setdefault(U, set()).add("out " + _meta_str(*meta[nr]))
        for t, r in zip(self.outs, self.roots):
            if r in self.index and unit_of[self.index[r]][0] == "g":
                group_out.setdefault(unit_of[self.index[r]], set()).add("out " + _meta_str(t._data.shape, t._data.dtype))
        cluster_items = {}  # ModuleCall or None -> [(id, label, attrs)]
        text_lines = {}
        members = {}
        for i, u in enumerate(unit_of):
            members.setdefault(u, []).append(i)
        for u in units:
            if u[0] == "n":
                i = u[1]
                kind, fields, bad, norm = self._node_unit(i)
                where = self.call[i]
            elif u[0] == "g":
                call = u[1]
                idx = members[u]
                n_ops = sum(1 for i in idx if type(self.nodes[i]) is not AccumulateGrad)
                fields = [call.label() + " (collapsed)", f"{n_ops} ops, {len(idx) - n_ops} params"]
                fields += sorted(group_out.get(u, ()))
                gb = [self.grad_node.get(i) for i in idx]
                bad = any(_norm(x)[1] for x in gb if x)
                kind, norm = "group", None
                where = call.parent
            else:
                idx = members[u]
                fields = [f"... {len(idx)} more nodes", "raise max_nodes= or collapse= to see them"]
                kind, bad, norm, where = "hidden", False, None, None
            attrs = self._style(kind, bad, norm)
            cluster_items.setdefault(where if self.cluster_modules else None, []).append(
                (uid[u], self._record(fields), attrs))
            text_lines[u] = " | ".join(fields)

        # outputs
        out_lines = []
        for j, (t, name) in enumerate(zip(self.outs, self.out_names)):
            root = self.roots[j]
            fields = [name, _meta_str(t._data.shape, t._data.dtype)]
            bad = False
            if self.show_values:
                text, bad = self._value_field(t._data)
                fields.append(text)
            norm = None
            if self.show_grads and root is not None and root in self.index:
                gi = self.grad_node.get(self.index[root])
                nr = t._output_nr if t.grad_fn is not None else 0
                if gi and nr < len(gi) and gi[nr] is not None and type(root) is not AccumulateGrad:
                    text, norm, b = self._grad_field([gi[nr]])
                    fields.append(text)
                    bad |= b
            if root is None:
                fields.append("no graph: requires_grad=False")
            attrs = self._style("output", bad, norm)
            oid = f"out{j}"
            g.node(oid, self._record(fields), **attrs)
            if root is not None:
                g.edge(uid[unit_of[self.index[root]]], oid, style="bold")
            out_lines.append(f"{' | '.join(fields)}  <- {text_lines[unit_of[self.index[root]]].split(' | ')[0]}"
                             if root is not None else " | ".join(fields))

        self._emit_clusters(g, cluster_items)

        # edges, merged between units
        merged = {}
        for u, v, k, nr in self.edges:
            U, V = unit_of[u], unit_of[v]
            if U == V:
                continue
            m = merged.setdefault((U, V), {"norm": None, "bad": False, "nr": set(), "step": None, "n": 0})
            m["n"] += 1
            m["nr"].add(nr)
            if self.show_grads:
                ge = self.grad_edge.get((u, v, k))
                if ge is not None:
                    norm, bad = _norm([ge])
                    m["norm"] = norm if m["norm"] is None else max(m["norm"], norm)
                    m["bad"] |= bad
            step = self.step_no.get(self.nodes[v])
            if step is not None and V[0] == "n":
                m["step"] = step
        inputs_of = {}
        for (U, V), m in merged.items():
            attrs = {}
            labels = []
            if m["step"] is not None:
                labels.append(f"#{m['step']}")
            if U[0] == "n" and any(nr > 0 for nr in m["nr"]):
                labels.append("out " + ",".join(str(x) for x in sorted(m["nr"])))
            if labels:
                attrs["label"] = " ".join(labels)
            if self.show_grads:
                if m["bad"]:
                    attrs.update(color=COLORS["nan_line"], penwidth="2.5")
                elif m["norm"] is not None:
                    t = self.scale.t(m["norm"])
                    if t is None:
                        attrs.update(color="#adb5bd", style="dashed")
                    else:
                        attrs.update(color=self.scale.color(m["norm"], EDGE_PALETTE), penwidth=f"{1 + 2.5 * t:.2f}")
            g.edge(uid[U], uid[V], **attrs)
            inputs_of.setdefault(V, []).append(text_lines[U].split(" | ")[0])

        if self.show_saved:
            self._saved(g, unit_of, uid)

        caption = [title] if title else []
        if self.show_grads and self.grad_node:
            caption.append(self.scale.legend())
        caption += self.notes
        if caption:
            g.attr(label="\n".join(caption), labelloc="b", labeljust="l", fontsize="10")

        n_leaves = sum(1 for n in self.nodes if type(n) is AccumulateGrad)
        g.node_count, g.edge_count, g.drawn_count = len(self.nodes), len(self.edges), len(units)
        g.summary = (f"autograd graph: {len(self.nodes) - n_leaves} ops, {n_leaves} leaves, "
                     f"{len(self.edges)} edges" + (f" ({len(units)} drawn)" if len(units) < len(self.nodes) else ""))
        lines = [g.summary + " -- outline (arrows point from inputs to the op using them):"]
        lines += [f"  {ln}" for ln in out_lines]
        for u in units:
            src = inputs_of.get(u)
            lines.append(f"  {text_lines[u]}" + (f"  <- {', '.join(src)}" if src else ""))
        lines += [f"  ({n})" for n in caption]
        g.text = "\n".join(lines)
        if _dot.find_dot() is None:
            _dot.warn_no_dot()
        return g

    def _emit_clusters(self, g, items):
        from ._digraph import Graph

        children = {}
        registered = set()
        for call in items:
            c = call
            while c is not None and c not in registered:
                registered.add(c)
                children.setdefault(c.parent, []).append(c)
                c = c.parent
        for nid, label, attrs in items.get(None, ()):
            g.node(nid, label, **attrs)
        # post-order (iterative) so each cluster is complete before it is attached to its parent
        built = {}
        done_ids = []
        stack = [(c, False) for c in children.get(None, ())]
        while stack:
            call, done = stack.pop()
            if not done:
                stack.append((call, True))
                stack.extend((k, False) for k in children.get(call, ()))
                continue
            sub = Graph(name=f"cluster_{len(built) + len(done_ids)}")
            done_ids.append(call)
            sub.attr(label=call.label(), style="rounded,dashed", color="#868e96", fontcolor="#495057")
            for nid, label, attrs in items.get(call, ()):
                sub.node(nid, label, **attrs)
            for k in children.get(call, ()):
                sub.subgraph(built.pop(k))
            built[call] = sub
        for call in children.get(None, ()):
            g.subgraph(built.pop(call))

    def _saved(self, g, unit_of, uid):
        drawn = {}
        for i, node in enumerate(self.nodes):
            u = unit_of[i]
            if u[0] != "n" or type(node) is AccumulateGrad:
                continue
            entries = [(f"saved[{k}]", t) for k, t in enumerate(_naming.saved_of(node)) if t is not None]
            if node._saved_output is not None:
                entries.append(("saved result", node._saved_output[0]))
            for label, t in entries:
                arr = getattr(t, "_data", t)
                acc = t._accumulator() if getattr(t, "_accumulator", None) is not None else None
                if acc is not None and acc in self.index and unit_of[self.index[acc]][0] == "n":
                    g.edge(uid[unit_of[self.index[acc]]], uid[u], style="dashed", arrowhead="none",
                           color="#f08c00", label=label)
                    continue
                key = id(t)
                sid = drawn.get(key)
                if sid is None:
                    sid = drawn[key] = f"s{len(drawn)}"
                    fields = [label, _meta_str(arr.shape, arr.dtype)]
                    bad = False
                    if self.show_values:
                        text, bad = self._value_field(arr)
                        fields.append(text)
                    attrs = self._style("saved", bad, None)
                    g.node(sid, self._record(fields), **attrs)
                g.edge(sid, uid[u], style="dashed", arrowhead="none", color="#f08c00")


def _short(v, n=40):
    r = repr(v)
    return r if len(r) <= n else r[:n - 3] + "..."
