"""autograd.viz: graph drawing (DOT structure, labels, clusters, colours, rendering, fallback) and the
backprop tracer (order equal to the engine's)."""
import re
import subprocess
import sys
import warnings

import numpy as np
import pytest

import autograd
from autograd import viz
from autograd.viz import _dot
from autograd.viz.graph import COLORS, PALETTE

NODE_RE = re.compile(r"^\s*(\w+) \[label=\"(.*?)\"(.*)\]$", re.M)
EDGE_RE = re.compile(r"^\s*(\w+) -> (\w+)(?: \[(.*)\])?$", re.M)


def nodes(g):
    return {m.group(1): (m.group(2), m.group(3)) for m in NODE_RE.finditer(g.source)}


def edges(g):
    return [(m.group(1), m.group(2), m.group(3) or "") for m in EDGE_RE.finditer(g.source)]


def cluster_block(src, label):
    """The lines of the cluster labelled ``label`` (up to its closing brace)."""
    lines = src.splitlines()
    start = next(i for i, ln in enumerate(lines) if f'label="{label}"' in ln and "subgraph" not in ln)
    indent = len(lines[start - 1]) - len(lines[start - 1].lstrip("\t"))
    end = next(i for i in range(start, len(lines)) if lines[i] == "\t" * indent + "}")
    return "\n".join(lines[start:end])


def labels(g):
    return [lab for lab, _ in nodes(g).values()]


def quadratic():
    x = autograd.tensor([1.0, 2.0], requires_grad=True)
    y = (x ** 2 + 3 * x + 2).sum()
    return x, y


# ---- structure and labels -------------------------------------------------------------------------
def test_counts_for_known_graph():
    x, y = quadratic()
    g = viz.draw_graph(y)
    # Sum, Add, Add, Pow, Mul + leaf x, plus the output node
    assert len(nodes(g)) == 7
    assert len(edges(g)) == 7  # 6 graph edges + grad_fn -> output
    assert g.node_count == 6 and g.edge_count == 6
    names = sorted(lab.split("|")[0].strip("{") for lab in labels(g))
    assert names == sorted(["AddBackward0", "AddBackward0", "MulBackward0", "PowBackward0", "SumBackward0",
                            "x", "y"])


def test_node_names_match_torch_grad_fn_names():
    torch = pytest.importorskip("torch")
    tx = torch.tensor([1.0, 2.0], requires_grad=True)
    ty = (tx ** 2 + 3 * tx + 2).sum()
    seen, stack, theirs = set(), [ty.grad_fn], []
    while stack:
        n = stack.pop()
        if n is None or n in seen:
            continue
        seen.add(n)
        theirs.append(type(n).__name__)
        stack.extend(f for f, _ in n.next_functions)
    x, y = quadratic()
    g = viz.draw_graph(y)
    ours = [lab.split("|")[0].strip("{") for lab in labels(g)]
    ours = ["AccumulateGrad" if o == "x" else o for o in ours if o != "y"]
    assert sorted(ours) == sorted(theirs)


def test_every_node_has_shape_and_dtype():
    w = autograd.randn(3, 2, dtype=autograd.float64, requires_grad=True)
    b = autograd.zeros(2, dtype=autograd.float64, requires_grad=True)
    x = autograd.randn(4, 3, dtype=autograd.float64)
    out = (x @ w + b).tanh().mean()
    g = viz.draw_graph(out, params={"weight": w, "bias": b})
    labs = labels(g)
    assert all("float64" in lab and "(" in lab for lab in labs), labs
    assert any(lab.startswith("{weight|(3, 2) float64") for lab in labs)
    assert any(lab.startswith("{bias|(2,) float64") for lab in labs)
    assert any("TanhBackward0" in lab and "(4, 2) float64" in lab for lab in labs)


def test_leaves_named_from_caller_variables_and_module():
    nn = pytest.importorskip("nn")
    lin = nn.Linear(3, 2)
    inp = autograd.randn(5, 3, requires_grad=True)
    loss = lin(inp).sum()
    g = viz.draw_graph(loss)  # no params: names come from this frame's variables and modules
    labs = " ".join(labels(g))
    for name in ("inp", "weight", "bias", "loss"):
        assert "{" + name + "|" in labs
    g2 = viz.draw_graph(loss, params=lin)
    assert "{weight|(2, 3) float32" in " ".join(labels(g2))


def test_multiple_outputs_and_dict_outputs():
    x = autograd.randn(3, requires_grad=True)
    a, b = x.sin(), x.cos()
    g = viz.draw_graph([a, b])
    outs = [k for k in nodes(g) if k.startswith("out")]
    assert len(outs) == 2
    g = viz.draw_graph({"first": a, "second": b})
    labs = labels(g)
    assert any(lab.startswith("{first|") for lab in labs) and any(lab.startswith("{second|") for lab in labs)


def test_output_without_graph_is_drawn_not_raised():
    t = autograd.ones(2)
    g = viz.draw_graph(t)
    assert "requires_grad=False" in g.source


def test_values_tiny_and_stats():
    x = autograd.tensor([1.0, 2.0], requires_grad=True)
    a = x * 3
    y = a.sum()
    g = viz.draw_graph(y, show_values=True)
    src = g.source
    assert "data [1, 2]" in src          # the leaf
    assert "data [3, 6]" in src          # intermediate named in this frame
    assert "data 9" in src               # output
    big = autograd.arange(10.0).requires_grad_()
    g = viz.draw_graph((big * 2).sum(), show_values=True)
    assert "min 0 mean 4.5 max 9" in g.source


def test_show_saved_tensors_and_attrs():
    x = autograd.randn(3, requires_grad=True)
    w = autograd.randn(3, requires_grad=True)
    h = (x * w).exp()
    y = h.sum()
    g = viz.draw_graph(y, show_saved=True)
    src = g.source
    # x and w are saved by MulBackward0: dashed edges from the leaf nodes; exp saves its result
    assert src.count('label="saved[') == 2
    assert "saved result" in src
    y.backward()
    g = viz.draw_graph(y, show_saved=True)
    assert "saved tensors freed" in g.source


# ---- gradients and NaN ----------------------------------------------------------------------------
def test_no_colours_before_backward_then_gradient_colours():
    x, y = quadratic()
    g = viz.draw_graph(y)
    assert "|grad " not in g.source and all(COLORS[k] in g.source for k in ("op", "leaf", "output"))
    y.backward(retain_graph=True)
    g = viz.draw_graph(y)  # show_grads turns on by itself once a leaf has .grad
    x_label, x_attrs = next(v for v in nodes(g).values() if v[0].startswith("{x|"))
    assert "grad [5, 7]" in x_label
    assert any(c in x_attrs for c in PALETTE)
    coloured = [e for e in edges(g) if "color=" in e[2]]
    assert len(coloured) == 6
    assert "gradient norm" in g.source
    assert "grad [1, 1]" in g.source  # op-node gradients, computed on the retained graph


def test_gradients_after_freed_graph_colour_leaves_and_say_why():
    x, y = quadratic()
    y.backward()
    g = viz.draw_graph(y)
    assert "grad [5, 7]" in g.source
    assert "freed" in g.source


def test_drawing_gradients_has_no_side_effects():
    x = autograd.tensor([1.0, 2.0], requires_grad=True)
    h = x * 2
    h.retain_grad()
    y = h.sum()
    g = viz.draw_graph(y, show_grads=True)
    assert "grad [2, 2]" in g.source
    assert x.grad is None and h.grad is None


def test_nan_and_inf_marked_red():
    x = autograd.tensor([1.0, 0.0, -1.0], requires_grad=True)
    with np.errstate(all="ignore"):
        y = (x.log() * 2).sum()
        y.backward(retain_graph=True)
        g = viz.draw_graph(y, show_values=True)
    n = nodes(g)
    x_attrs = next(a for lab, a in n.values() if lab.startswith("{x|"))
    assert COLORS["nan"] in x_attrs
    assert "NaN/Inf!" in g.source
    red_edges = [e for e in edges(g) if COLORS["nan_line"] in e[2]]
    assert len(red_edges) == 1
    out_attrs = n["out0"][1]
    assert COLORS["nan"] in out_attrs  # the value itself is NaN


# ---- modules: clusters and collapsing -------------------------------------------------------------
def _mlp(depth=2, width=4):
    nn = pytest.importorskip("nn")
    layers = []
    for _ in range(depth):
        layers += [nn.Linear(width, width), nn.Tanh()]
    return nn.Sequential(*layers, nn.Linear(width, 1))


def test_clusters_by_module():
    model = _mlp()
    x = autograd.randn(5, 4)
    with viz.record_modules(model):
        loss = model(x).sum()
    g = viz.draw_graph(loss, params=model)
    src = g.source
    assert src.count("subgraph cluster_") == 6  # Sequential + 5 children
    assert 'label="0: Linear"' in src and 'label="1: Tanh"' in src and "label=Sequential" in src
    # parameters sit in their module's cluster
    block = cluster_block(src, "0: Linear")
    assert "0.weight" in block and "0.bias" in block and "AddmmBackward0" in block
    assert "subgraph cluster_" not in viz.draw_graph(loss, params=model, cluster_modules=False).source


def test_draw_model_and_collapse():
    model = _mlp()
    x = autograd.randn(5, 4)
    g = viz.draw_model(model, x, collapse=1)
    groups = [lab for lab in labels(g) if "(collapsed)" in lab]
    assert len(groups) == 5
    assert any("0: Linear (collapsed)|2 ops, 2 params|out (5, 4) float32" in lab for lab in groups)  # T + Addmm
    g = viz.draw_model(model, x, collapse="2")
    assert sum("(collapsed)" in lab for lab in labels(g)) == 1


def test_big_model_collapses_automatically():
    model = _mlp(depth=30)
    x = autograd.randn(2, 4)
    g = viz.draw_model(model, x, max_nodes=40)
    assert g.drawn_count <= 40
    assert "collapsed" in g.source


def test_ten_thousand_node_graph():
    x = autograd.randn(3, requires_grad=True)
    y = x
    for _ in range(5000):
        y = y * 1.0001 + 0.0
    g = viz.draw_graph(y.sum(), max_nodes=100)
    assert g.node_count > 10000
    assert g.drawn_count <= 100
    assert len(nodes(g)) <= 101  # + output node
    assert "more nodes" in g.source
    assert "{x|" in g.source  # leaves are kept visible


# ---- rendering ------------------------------------------------------------------------------------
def test_import_autograd_does_not_import_graphviz():
    code = "import sys, autograd; assert 'graphviz' not in sys.modules; import autograd.viz; " \
           "assert 'graphviz' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_render_svg_when_dot_exists(tmp_path):
    if _dot.find_dot(refresh=True) is None:
        pytest.skip("no dot executable (pip install 'tapegrad[dot]' or system Graphviz)")
    _, y = quadratic()
    g = viz.draw_graph(y)
    svg = g.pipe(format="svg", encoding="utf-8")
    assert "<svg" in svg and "PowBackward0" in svg
    bundle = g._repr_mimebundle_()
    assert "<svg" in bundle["image/svg+xml"]
    assert "<svg" in g._repr_svg_()
    path = g.render(tmp_path / "graph", format="png")
    with open(path, "rb") as f:
        assert f.read(8) == b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def no_dot(monkeypatch):
    monkeypatch.setenv("PATH", "")
    monkeypatch.delenv("AUTOGRAD_DOT", raising=False)
    monkeypatch.setattr(_dot, "_script_dirs", lambda: [])
    monkeypatch.setattr(_dot, "_warned", False)
    _dot.find_dot(refresh=True)
    yield
    monkeypatch.undo()
    _dot.find_dot(refresh=True)


def test_fallback_without_dot(no_dot):
    from autograd.viz._digraph import DotNotFoundError
    assert viz.find_dot() is None
    x, y = quadratic()
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        g = viz.draw_graph(y)
        bundle = g._repr_mimebundle_()
        viz.draw_graph(y)._repr_mimebundle_()
    ours = [x for x in w if "tapegrad[dot]" in str(x.message)]
    assert len(ours) == 1 and issubclass(ours[0].category, RuntimeWarning)
    assert list(bundle) == ["text/plain"]
    assert "PowBackward0" in bundle["text/plain"] and "<- x" in bundle["text/plain"]
    assert g._repr_svg_() is None
    assert g.source.startswith("digraph")
    with pytest.raises(DotNotFoundError, match="pip install"):
        g.pipe(format="svg")


def test_autograd_dot_env_selects_executable(monkeypatch):
    exe = _dot.find_dot(refresh=True)
    if exe is None:
        pytest.skip("no dot executable")
    monkeypatch.setenv("AUTOGRAD_DOT", exe)
    monkeypatch.setenv("PATH", "")
    try:
        assert _dot.find_dot(refresh=True) == exe
    finally:
        monkeypatch.undo()
        _dot.find_dot(refresh=True)


# ---- tracer ---------------------------------------------------------------------------------------
def _engine_order(build):
    """Names of nodes in the order a plain backward() runs them, observed with node hooks."""
    x, y = build()
    order = []
    stack, seen = [y.grad_fn], set()
    while stack:
        n = stack.pop()
        if n in seen:
            continue
        seen.add(n)
        n.register_hook(lambda *a, n=n: order.append(type(n).__name__))
        stack.extend(e[0] for e in n.next_edges if e is not None)
    y.backward()
    return order


def _diamond():
    x = autograd.tensor([0.5, -1.0], requires_grad=True)
    w = autograd.tensor([2.0, 3.0], requires_grad=True)
    a = x * w
    b = a.tanh()
    c = a.exp() + b * x
    return x, (c.sum() + (b ** 2).mean())


@pytest.mark.parametrize("build", [quadratic, _diamond])
def test_trace_order_equals_engine_order(build):
    expected = _engine_order(build)
    x, y = build()
    tr = viz.trace_backward(y)
    assert tr.order() == expected
    assert [s.index for s in tr] == list(range(1, len(tr) + 1))


def test_trace_steps_content():
    x, y = quadratic()
    tr = viz.trace_backward(y)
    assert tr[0].name == "SumBackward0"
    np.testing.assert_allclose(tr[0].grad_in[0], 1.0)
    leaf = [s for s in tr if s.is_leaf]
    assert len(leaf) == 1 and leaf[0].leaf_name == "x"
    np.testing.assert_allclose(x.grad.numpy(), [5.0, 7.0])
    np.testing.assert_allclose(leaf[0].leaf_grad, [5.0, 7.0])
    mul = next(s for s in tr if s.name == "MulBackward0")
    assert mul.rule == "d(a*b)/da = b, d(a*b)/db = a"
    np.testing.assert_allclose(mul.grad_out[0], [3.0, 3.0])
    text = str(tr)
    assert "x.grad = [5, 7]" in text and "d(a^n)/da = n*a^(n-1)" in text
    assert "<table>" in tr._repr_html_()
    # the graph was retained: it can be drawn with the same step numbers
    g = viz.draw_graph(y, trace=tr)
    assert sum(1 for e in edges(g) if 'label="#' in e[2]) == 6
    assert "#1 SumBackward0" in g.source and "#6 x" in g.source


def test_trace_without_accumulating():
    x, y = quadratic()
    tr = viz.trace_backward(y, accumulate=False)
    assert x.grad is None
    np.testing.assert_allclose(tr[-1].leaf_grad, [5.0, 7.0])


def test_trace_large_tensors_show_shapes():
    w = autograd.randn(8, 8, requires_grad=True)
    y = (w @ w).sum()
    text = str(viz.trace_backward(y, params={"W": w}))
    assert "(8, 8) min" in text and "W.grad" in text


def test_rules_cover_core_ops():
    x = autograd.randn(3, requires_grad=True)
    y = (x.exp() + x.sin() * x.cos() - x.tanh().sigmoid() / (x.abs() + 1)).relu().mean()
    tr = viz.trace_backward(y)
    assert all(not s.rule.startswith("chain rule through") for s in tr), [s.name for s in tr]


def test_module_called_several_times_gets_one_cluster_per_call():
    nn = pytest.importorskip("nn")

    class Unrolled(nn.Module):
        def __init__(self):
            super().__init__()
            self.cell = nn.RNNCell(1, 2)

        def forward(self, xs):
            h = None
            for x in xs:
                h = self.cell(x, h)
            return h.sum()

    g = viz.draw_model(Unrolled(), [autograd.randn(1, 1) for _ in range(3)])
    src = g.source
    assert src.count('label="cell: RNNCell"') == 3
    for block in (cluster_block(src, "cell: RNNCell"),):
        assert "cell.weight_hh" not in block  # shared weights sit beside the per-call clusters
    assert "{cell.weight_hh|(2, 2) float32" in src


def test_viz_is_a_submodule_and_engine_observer_is_restored():
    from autograd import engine
    assert autograd.viz is viz
    x = autograd.tensor([1.0], requires_grad=True)
    y = (x * 2).sum()
    viz.trace_backward(y)
    assert engine._observer is None
    with pytest.raises(RuntimeError):
        viz.trace_backward((x * 2).sum() * autograd.ones(2))  # non-scalar output: backward's own error
    assert engine._observer is None


def test_pdf_with_graphviz_pure_is_a_clear_error(monkeypatch):
    exe = _dot.find_dot(refresh=True)
    if not _dot.is_graphviz_pure(exe):
        pytest.skip("only graphviz-pure lacks PDF output")
    _, y = quadratic()
    with pytest.raises(ValueError, match="svg"):
        viz.draw_graph(y).pipe(format="pdf")
