"""See the graph, step through backprop: ``draw_graph``, ``trace_backward``, ``record_modules``.

``import autograd`` stays fast: ``graphviz`` is imported only when a graph is drawn.
"""
from ._dot import find_dot
from .graph import draw_graph, draw_model
from .modules import ModuleCall, module_call_of, record_modules
from .rules import RULES, rule_for
from .trace import BackwardTrace, TraceStep, trace_backward

__all__ = ["draw_graph", "draw_model", "trace_backward", "record_modules", "find_dot", "BackwardTrace",
           "TraceStep", "ModuleCall", "module_call_of", "RULES", "rule_for"]
