"""``Graph``: a ``graphviz.Digraph`` that renders with whichever dot we found and degrades to text.

Imported lazily (by ``draw_graph``), so ``import autograd`` never imports ``graphviz``.
"""
import threading

import graphviz
from graphviz.backend import dot_command

from . import _dot

_swap_lock = threading.RLock()


class DotNotFoundError(graphviz.ExecutableNotFound):
    """No ``dot`` (system Graphviz) or ``graphviz-pure`` executable to render with."""

    def __init__(self, msg=_dot.INSTALL_HINT):
        RuntimeError.__init__(self, msg)

    def __str__(self):
        return self.args[0]


class _Using:
    """Point the graphviz package at ``exe`` for the duration of one call."""

    def __init__(self, exe, fmt):
        if exe is None:
            raise DotNotFoundError()
        if _dot.is_graphviz_pure(exe) and fmt in ("pdf", "ps", "eps", "ps2"):
            raise ValueError(f"graphviz-pure cannot write {fmt!r} (it writes svg, png, jpeg, dot, json, "
                             "plain); render to 'svg' or 'png', or install system Graphviz for PDF.")
        self.exe = exe

    def __enter__(self):
        _swap_lock.acquire()
        self.prev = dot_command.DOT_BINARY
        dot_command.DOT_BINARY = self.exe
        return self

    def __exit__(self, *exc):
        dot_command.DOT_BINARY = self.prev
        _swap_lock.release()


class Graph(graphviz.Digraph):
    """The drawn graph. ``.source`` is DOT; ``.text`` a plain-text outline; renders inline in Jupyter.

    ``render``/``pipe`` use the system ``dot`` or ``graphviz-pure``; without either they raise
    ``DotNotFoundError`` (saying how to install one), while notebook display falls back to ``.text``.
    """

    text = ""
    summary = "autograd graph"

    def pipe(self, format=None, *args, **kwargs):
        with _Using(_dot.find_dot(), format or self.format):
            return super().pipe(format, *args, **kwargs)

    def render(self, *args, **kwargs):
        fmt = kwargs.get("format") or self.format
        with _Using(_dot.find_dot(), fmt):
            return super().render(*args, **kwargs)

    def _repr_mimebundle_(self, include=None, exclude=None, **_):
        include = set(include) if include is not None else {"image/svg+xml", "text/plain"}
        include -= set(exclude or ())
        bundle = {}
        if "image/svg+xml" in include:
            if _dot.find_dot() is None:
                _dot.warn_no_dot()
                return {"text/plain": self.text}
            try:
                bundle["image/svg+xml"] = self.pipe(format="svg", encoding="utf-8")
            except Exception as e:  # a broken dot must not break display: show the outline instead
                return {"text/plain": f"(could not render with {_dot.find_dot()}: {e})\n{self.text}"}
        if "image/png" in include:
            bundle["image/png"] = self.pipe(format="png")
        if "text/plain" in include:
            bundle["text/plain"] = self.summary
        return bundle

    def _repr_svg_(self):
        return self._repr_mimebundle_(include=["image/svg+xml"]).get("image/svg+xml")

    def __repr__(self):
        return f"<{self.summary}>"
