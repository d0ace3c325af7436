"""Per-op profiler for the tape: ``with autograd.profiler.profile() as prof: ...; print(prof.table())``.

While a profile is open, ``Function.apply`` (every op's forward), the engine's node execution (every
backward node) and leaf-gradient accumulation are swapped for timing wrappers; outside one nothing is
patched, so profiling costs nothing when off. Rows are keyed by (name, kind): kind is ``forward``,
``backward`` (a backward node, e.g. ``MulBackward0``, or an op run inside one), ``jit`` (a kernel's
first call: importing Numba and compiling or loading it from the disk cache; plus Numba compile
events) or ``user`` (``record_function`` blocks). Self time excludes nested rows.
"""
import sys
import time

from . import engine
from .function import Function

_perf = time.perf_counter
_ACTIVE = []          # the open profile, if any (one at a time)
_ORIG = {}


class FunctionEventAvg:
    """Aggregated statistics of one (name, kind) row (the fields of torch's ``FunctionEventAvg``)."""

    __slots__ = ("key", "kind", "count", "cpu_time_total", "self_cpu_time_total")

    def __init__(self, key, kind):
        self.key, self.kind = key, kind
        self.count = 0
        self.cpu_time_total = 0.0        # microseconds, as torch reports
        self.self_cpu_time_total = 0.0

    @property
    def cpu_time(self):
        return self.cpu_time_total / self.count if self.count else 0.0

    @property
    def self_cpu_time(self):
        return self.self_cpu_time_total / self.count if self.count else 0.0

    def __repr__(self):
        return (f"<FunctionEventAvg key={self.key} kind={self.kind} count={self.count} "
                f"cpu_time_total={self.cpu_time_total:.1f}us self_cpu_time_total={self.self_cpu_time_total:.1f}us>")


_SORT_KEYS = {"cpu_time_total": "cpu_time_total", "total": "cpu_time_total", "total_time": "cpu_time_total",
              "self_cpu_time_total": "self_cpu_time_total", "self": "self_cpu_time_total",
              "self_time": "self_cpu_time_total", "cpu_time": "cpu_time", "avg": "cpu_time",
              "count": "count", "calls": "count"}


class EventList(list):
    """A list of ``FunctionEventAvg`` rows that prints as a table."""

    def table(self, sort_by="self_cpu_time_total", row_limit=100, kind=None):
        attr = _SORT_KEYS.get(sort_by)
        if attr is None:
            raise ValueError(f"sort_by must be one of {sorted(_SORT_KEYS)}, got {sort_by!r}")
        rows = [r for r in self if kind is None or r.kind == kind]
        rows.sort(key=lambda r: getattr(r, attr), reverse=True)
        total_self = sum(r.self_cpu_time_total for r in rows) or 1.0
        if row_limit is not None and row_limit >= 0:
            rows = rows[:row_limit]
        width = max([len("Name")] + [len(r.key) for r in rows])
        head = (f"{'Name':<{width}}  {'Kind':<8}  {'Self CPU %':>10}  {'Self CPU':>10}  {'CPU total':>10}  "
                f"{'CPU avg':>10}  {'# Calls':>8}")
        lines = [head, "-" * len(head)]
        for r in rows:
            lines.append(f"{r.key:<{width}}  {r.kind:<8}  {100 * r.self_cpu_time_total / total_self:>9.2f}%  "
                         f"{_fmt(r.self_cpu_time_total):>10}  {_fmt(r.cpu_time_total):>10}  {_fmt(r.cpu_time):>10}  "
                         f"{r.count:>8}")
        lines.append("-" * len(head))
        lines.append(f"Self CPU time total: {_fmt(sum(r.self_cpu_time_total for r in self))}")
        return "\n".join(lines)

    def __str__(self):
        return self.table()


def _fmt(us):
    if us >= 1e6:
        return f"{us / 1e6:.3f}s"
    if us >= 1e3:
        return f"{us / 1e3:.3f}ms"
    return f"{us:.3f}us"


class profile:
    """Context manager recording time and calls per op, forward and backward separately, and JIT time.

    ``enabled=False`` makes it a no-op (as torch's). ``record_shapes`` is accepted for compatibility.
    """

    def __init__(self, enabled=True, record_shapes=False, **_ignored):
        self.enabled = enabled
        self.record_shapes = record_shapes
        self._rows = {}
        self._stack = []        # [start, time of nested rows] per open frame
        self._in_backward = 0
        self._numba_listener = None

    # ---- lifecycle ---------------------------------------------------------------------------
    def __enter__(self):
        if not self.enabled:
            return self
        if _ACTIVE:
            raise RuntimeError("a profiler is already running (profiles cannot be nested)")
        _ACTIVE.append(self)
        _ORIG["apply"] = Function.__dict__["apply"]
        _ORIG["node"] = engine._apply_node
        _ORIG["raw"] = engine._run_raw
        _ORIG["leaf"] = engine._accumulate_leaf
        Function.apply = classmethod(_profiled_apply)
        engine._apply_node = _profiled_node
        engine._run_raw = _profiled_raw
        engine._accumulate_leaf = _profiled_leaf
        self._t0 = _perf()
        self._watch_numba()
        return self

    def __exit__(self, *exc):
        if not self.enabled or not _ACTIVE or _ACTIVE[-1] is not self:
            return False
        Function.apply = _ORIG["apply"]
        engine._apply_node = _ORIG["node"]
        engine._run_raw = _ORIG["raw"]
        engine._accumulate_leaf = _ORIG["leaf"]
        _ACTIVE.pop()
        if self._numba_listener is not None:
            from numba.core import event
            event.unregister("numba:compile", self._numba_listener)
            self._numba_listener = None
        self.elapsed_us = (_perf() - self._t0) * 1e6
        return False

    # ---- recording ---------------------------------------------------------------------------
    def _enter(self):
        self._stack.append([_perf(), 0.0])

    def _exit(self, key, kind):
        start, child = self._stack.pop()
        dt = (_perf() - start) * 1e6
        row = self._rows.get((key, kind))
        if row is None:
            row = self._rows[(key, kind)] = FunctionEventAvg(key, kind)
        row.count += 1
        row.cpu_time_total += dt
        row.self_cpu_time_total += dt - child
        if self._stack:
            self._stack[-1][1] += dt

    def _watch_numba(self):
        """Record Numba compile events (once Numba is imported: kernels import it lazily)."""
        if self._numba_listener is not None or "numba" not in sys.modules:
            return
        try:
            from numba.core import event
        except ImportError:
            return
        prof = self

        class _Listener(event.Listener):
            def on_start(self, ev):
                prof._enter()

            def on_end(self, ev):
                disp = (ev.data or {}).get("dispatcher")
                name = getattr(getattr(disp, "py_func", None), "__name__", "kernel")
                prof._exit(f"numba compile: {name}", "jit")

        self._numba_listener = _Listener()
        event.register("numba:compile", self._numba_listener)

    # ---- results -----------------------------------------------------------------------------
    def key_averages(self):
        return EventList(self._rows.values())

    def table(self, sort_by="self_cpu_time_total", row_limit=100, kind=None):
        return self.key_averages().table(sort_by=sort_by, row_limit=row_limit, kind=kind)

    def __str__(self):
        return self.table()


def _profiled_apply(cls, *args):
    prof = _ACTIVE[-1] if _ACTIVE else None
    if prof is None:
        return _ORIG["apply"].__func__(cls, *args)
    prof._enter()
    try:
        return _ORIG["apply"].__func__(cls, *args)
    finally:
        prof._exit(cls.__name__, "backward" if prof._in_backward else "forward")


def _profiled_backward(key):
    """A wrapper timing the engine's per-node function ``key`` (``_apply_node`` or its fast ``_run_raw``)."""
    def run(node, *args):
        prof = _ACTIVE[-1] if _ACTIVE else None
        if prof is None:
            return _ORIG[key](node, *args)
        prof._enter()
        prof._in_backward += 1
        try:
            return _ORIG[key](node, *args)
        finally:
            prof._in_backward -= 1
            prof._exit(type(node).__name__, "backward")
    return run


_profiled_node = _profiled_backward("node")
_profiled_raw = _profiled_backward("raw")


def _profiled_leaf(node, g, create_graph):
    prof = _ACTIVE[-1] if _ACTIVE else None
    if prof is None:
        return _ORIG["leaf"](node, g, create_graph)
    prof._enter()
    try:
        return _ORIG["leaf"](node, g, create_graph)
    finally:
        prof._exit("AccumulateGrad", "backward")


def jit_begin():
    """Called by a lazy kernel stub before its first call (Numba import, compile or cache load)."""
    if not _ACTIVE:
        return False
    _ACTIVE[-1]._enter()
    return True


def jit_watch():
    if _ACTIVE:
        _ACTIVE[-1]._watch_numba()


def jit_end(name):
    if _ACTIVE and _ACTIVE[-1]._stack:
        _ACTIVE[-1]._exit(f"first call: {name}", "jit")


class record_function:
    """Label a block of code: it appears as its own row (kind ``user``) when a profile is open."""

    def __init__(self, name):
        self.name = name

    def __enter__(self):
        self._prof = _ACTIVE[-1] if _ACTIVE else None
        if self._prof is not None:
            self._prof._enter()
        return self

    def __exit__(self, *exc):
        if self._prof is not None and self._prof._stack:
            self._prof._exit(self.name, "user")
        return False
