"""autograd.profiler: per-op rows (forward/backward), self vs total time, tables, zero cost when off."""
import pytest

import autograd
from autograd import engine
from autograd.function import Function
from autograd.profiler import EventList, profile, record_function


def _graph():
    x = autograd.randn(8, requires_grad=True)
    y = (x * x).sigmoid().sum()
    y.backward()
    return x


def test_records_forward_and_backward_rows():
    with profile() as prof:
        _graph()
    rows = {(r.key, r.kind): r for r in prof.key_averages()}
    assert ("Mul", "forward") in rows
    assert ("Sigmoid", "forward") in rows
    assert ("MulBackward0", "backward") in rows
    assert ("SigmoidBackward0", "backward") in rows
    assert ("AccumulateGrad", "backward") in rows
    assert rows[("Mul", "forward")].count == 1
    for r in rows.values():
        assert r.count >= 1
        assert r.cpu_time_total >= r.self_cpu_time_total >= -1e-6
        assert r.cpu_time == pytest.approx(r.cpu_time_total / r.count)


def test_ops_run_inside_backward_are_tagged_backward():
    with profile() as prof:
        x = autograd.randn(8, requires_grad=True)
        (x * x).sigmoid().sum().backward(create_graph=True)
    kinds = {(r.key, r.kind) for r in prof.key_averages()}
    # a recorded backward computes MulBackward0's g * x with a Mul op: backward work, not forward
    assert ("Mul", "backward") in kinds


def test_counts_accumulate_over_iterations_and_nodes_nest():
    with profile() as prof:
        for _ in range(3):
            _graph()
    rows = {(r.key, r.kind): r for r in prof.key_averages()}
    assert rows[("Mul", "forward")].count == 3
    node = rows[("SigmoidBackward0", "backward")]
    assert node.cpu_time_total >= node.self_cpu_time_total


def test_table_sorting_limits_and_errors():
    with profile() as prof:
        for _ in range(2):
            _graph()
    text = prof.table(sort_by="count", row_limit=3)
    lines = text.splitlines()
    assert lines[0].split()[:2] == ["Name", "Kind"]
    assert len(lines) == 2 + 3 + 2
    assert "Self CPU time total" in text
    assert "forward" in prof.table(kind="forward")
    assert "backward" not in prof.table(kind="forward").split("\n", 2)[2]
    for key in ("cpu_time_total", "self_cpu_time_total", "cpu_time", "count"):
        assert isinstance(prof.key_averages().table(sort_by=key), str)
    with pytest.raises(ValueError, match="sort_by"):
        prof.table(sort_by="nope")
    assert isinstance(prof.key_averages(), EventList)
    assert str(prof).startswith("Name")


def test_zero_cost_when_off_and_restored_after():
    apply_before = Function.__dict__["apply"]
    node_before = engine._apply_node
    with profile():
        assert Function.__dict__["apply"] is not apply_before
        assert engine._apply_node is not node_before
    assert Function.__dict__["apply"] is apply_before
    assert engine._apply_node is node_before
    with pytest.raises(RuntimeError):
        with profile():
            raise RuntimeError("boom")
    assert Function.__dict__["apply"] is apply_before  # restored on errors too


def test_disabled_and_nesting():
    with profile(enabled=False) as prof:
        _graph()
    assert len(prof.key_averages()) == 0
    with profile():
        with pytest.raises(RuntimeError, match="already running"):
            with profile():
                pass


def test_record_function_and_results_unchanged():
    x = autograd.randn(5, requires_grad=True)
    with profile() as prof:
        with record_function("my_block"):
            y = (x.exp() * 3).sum()
        y.backward()
    g1 = x.grad.clone()
    x.grad = None
    (x.exp() * 3).sum().backward()
    assert autograd.allclose(g1, x.grad)
    rows = {(r.key, r.kind): r for r in prof.key_averages()}
    blk = rows[("my_block", "user")]
    assert blk.cpu_time_total >= rows[("Exp", "forward")].cpu_time_total
    assert "my_block" in prof.table()


def test_jit_first_calls_are_reported():
    pytest.importorskip("numba")
    from autograd.kernels import numba_backend
    if not numba_backend.KERNELS:
        pytest.skip("Numba JIT disabled")
    import autograd.kernels as K
    prev = K.backend()
    K.use_backend("numba")  # reinstalls the lazy stubs: their first calls are timed
    try:
        K.tanh = numba_backend._stub("numba_elementwise", "tanh")
        with profile() as prof:
            autograd.randn(6).tanh()
        keys = {(r.key, r.kind) for r in prof.key_averages()}
        assert ("first call: tanh", "jit") in keys
        assert K.tanh is not None and not getattr(K.tanh, "lazy", False)
    finally:
        K.use_backend(prev)


def test_optimizer_steps_are_rows_named_as_pytorch():
    import optim
    w = autograd.randn(5, requires_grad=True)
    opt = optim.SGD([w], lr=0.1, momentum=0.9)
    with profile() as prof:
        for _ in range(3):
            opt.zero_grad()
            (w * w).sum().backward()
            opt.step()
    rows = {(r.key, r.kind): r for r in prof.key_averages()}
    assert rows[("Optimizer.step#SGD.step", "user")].count == 3
    assert rows[("Optimizer.zero_grad#SGD.zero_grad", "user")].count == 3
    before = w.detach().clone()
    opt.zero_grad()
    (w * w).sum().backward()
    opt.step()  # no profile open: no rows, same update rule
    assert not autograd.equal(before, w)
