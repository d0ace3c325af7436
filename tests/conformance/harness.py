"""Run one PyTorch program text twice (real ``torch``, then with its imports substituted) and compare.

Two substitution modes, because a user may port a script either way:

* ``rename``: every ``torch`` name is spelled the library's way (``torch.nn.functional`` ->
  ``nn.functional``, ``torch.optim`` -> ``optim``, ``torch.utils.data`` -> ``autograd.data``,
  ``torch.autograd`` -> ``autograd``, ``torch`` -> ``autograd``), in imports and body alike.
* ``alias``: only the import statements change (``import torch`` -> ``import autograd as torch``,
  ``import torch.nn as nn`` -> ``import nn as nn``, ...); the body keeps saying ``torch.``.

What is compared is the program's stdout, then the type of the exception it ended with (if any).
Text is compared exactly once ``torch.`` -> ``autograd.`` and object addresses are normalised;
numbers are compared to a tolerance (and a number printed with fewer digits may differ by one unit
of its last digit). Without ``strict`` runs of whitespace are collapsed, so column alignment that
depends on the last digits of a value does not matter.
"""
import contextlib
import io
import math
import re
import warnings
from dataclasses import dataclass, field

import numpy as np

# ---- program collection ------------------------------------------------------------------------
_HEADER = re.compile(r"^# %% (?P<name>[\w\-]+)(?P<opts>.*)$", re.M)


@dataclass
class Program:
    name: str
    source: str
    rtol: float = 1e-4
    atol: float = 1e-5
    strict: bool = False
    modes: tuple = ("rename", "alias")
    file: str = ""


def parse_programs(text, file=""):
    """Split a file into programs: each starts at a line ``# %% name [rtol=..] [atol=..] [strict]``."""
    heads = list(_HEADER.finditer(text))
    out = []
    for i, m in enumerate(heads):
        end = heads[i + 1].start() if i + 1 < len(heads) else len(text)
        opts = m.group("opts").split()
        p = Program(m.group("name"), text[m.end():end].strip("\n") + "\n", file=file)
        for o in opts:
            if o == "strict":
                p.strict = True
            elif o.startswith(("rtol=", "atol=")):
                k, v = o.split("=")
                setattr(p, k, float(v))
            elif o.startswith("modes="):
                p.modes = tuple(o.split("=")[1].split(","))
        out.append(p)
    return out


# ---- import substitution -----------------------------------------------------------------------
_MODULE_MAP = [("torch.nn.functional", "nn.functional"), ("torch.nn", "nn"), ("torch.optim", "optim"),
               ("torch.utils.data", "autograd.data"), ("torch.autograd", "autograd"), ("torch", "autograd")]


def map_module(path):
    for theirs, ours in _MODULE_MAP:
        if path == theirs or path.startswith(theirs + "."):
            return ours + path[len(theirs):]
    return path


_FROM_TORCH = re.compile(r"^(?P<ind>[ \t]*)from[ \t]+torch[ \t]+import[ \t]+(?P<names>[^\n#]+)", re.M)
_FROM_SUB = re.compile(r"^(?P<ind>[ \t]*)from[ \t]+(?P<mod>torch(?:\.\w+)+)[ \t]+import\b", re.M)
_IMPORT = re.compile(r"^(?P<ind>[ \t]*)import[ \t]+(?P<rest>torch\b[^\n#]*)", re.M)
_TOP_PACKAGES = {"nn": "nn", "optim": "optim"}


def _from_torch(m, alias_mode):
    """``from torch import nn, optim, tensor`` -> ``import nn`` / ``import optim`` / ``from autograd import tensor``."""
    ind = m.group("ind")
    names = [n.strip() for n in m.group("names").strip().strip("()").split(",") if n.strip()]
    lines, rest = [], []
    for n in names:
        base, _, alias = n.partition(" as ")
        base = base.strip()
        if base in _TOP_PACKAGES:
            lines.append(f"{ind}import {_TOP_PACKAGES[base]} as {alias.strip() or base}")
        elif base == "autograd":
            lines.append(f"{ind}import autograd as {alias.strip() or base}")
        else:
            rest.append(n)
    if rest:
        lines.append(f"{ind}from autograd import {', '.join(rest)}")
    return "\n".join(lines) if lines else f"{ind}pass"


def _import_stmt(m, alias_mode):
    """``import torch[.x] [as y], ...`` one module at a time."""
    ind = m.group("ind")
    out = []
    for part in m.group("rest").split(","):
        mod, _, alias = part.strip().partition(" as ")
        mod, alias = mod.strip(), alias.strip()
        if not mod.startswith("torch"):
            out.append(f"{ind}import {part.strip()}")
            continue
        ours = map_module(mod)
        if alias:
            out.append(f"{ind}import {ours} as {alias}")
        elif alias_mode:
            # ``import torch.nn`` binds ``torch``; the body then says ``torch.nn.X``
            out.append(f"{ind}import autograd as torch" if mod == "torch" else
                       f"{ind}import {ours}\n{ind}import autograd as torch")
        else:
            out.append(f"{ind}import {ours}")
    return "\n".join(out)


def translate(source, mode):
    """The program text with its imports (``alias``) or all its torch names (``rename``) substituted."""
    if mode not in ("rename", "alias"):
        raise ValueError(mode)
    alias_mode = mode == "alias"
    text = _FROM_TORCH.sub(lambda m: _from_torch(m, alias_mode), source)
    text = _FROM_SUB.sub(lambda m: f"{m.group('ind')}from {map_module(m.group('mod'))} import", text)
    text = _IMPORT.sub(lambda m: _import_stmt(m, alias_mode), text)
    if alias_mode:
        return text
    for theirs, ours in _MODULE_MAP:
        text = re.sub(r"\b" + re.escape(theirs) + r"\b", ours, text)
    for pkg in ("nn", "optim"):  # ``torch.nn.X`` became ``nn.X``: make sure ``nn`` is bound
        if re.search(r"(?<![\w.])" + pkg + r"(\.|[ \t]*[,)\n])", text) and not re.search(
                r"^\s*(import\s+" + pkg + r"(\.\w+)*[ \t]*($|,|#)|(from|import)\s+.*\bas\s+" + pkg + r"\b)",
                text, re.M):  # (``import nn.functional as F`` binds F, not nn)
            text = f"import {pkg}\n" + text
    return text


# ---- running -----------------------------------------------------------------------------------
@dataclass
class Outcome:
    stdout: str
    error: str = None          # exception type name the program ended with
    message: str = ""
    traceback: str = ""
    extra: dict = field(default_factory=dict)


def run(source, lib_name):
    """Exec a program in a fresh namespace; capture stdout and the final exception type."""
    import traceback
    buf = io.StringIO()
    ns = {"__name__": "__main__"}
    err = msg = tb = None
    try:
        with contextlib.redirect_stdout(buf), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            exec(compile(source, f"<{lib_name} program>", "exec"), ns)
    except Exception as e:  # noqa: BLE001 - the exception type is part of the result
        err, msg, tb = type(e).__name__, str(e), traceback.format_exc()
    finally:
        _reset(lib_name)
    return Outcome(buf.getvalue(), err, msg or "", tb or "")


def _reset(lib_name):
    """Global state a program may change (default dtype, grad mode, print options, default device)."""
    import importlib
    lib = importlib.import_module("torch" if lib_name == "torch" else "autograd")
    lib.set_default_dtype(lib.float32)
    lib.set_grad_enabled(True)
    lib.set_printoptions(profile="default")
    lib.set_default_device(None)  # torch's set_default_device leaves a TorchFunctionMode on (no fast paths)


def run_both(program, mode):
    """(torch outcome, our outcome) for one program."""
    theirs = run(program.source, "torch")
    ours = run(translate(program.source, mode), "autograd")
    return theirs, ours


# ---- comparing ---------------------------------------------------------------------------------
_NUM = re.compile(r"(?<![\w.])[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?(?![\w])|(?<![\w])-?(?:nan|inf)(?![\w])")
_ADDR = re.compile(r"0x[0-9a-fA-F]+")


def normalise(text):
    text = _ADDR.sub("0x?", text)
    text = re.sub(r"\btorch\b", "autograd", text)
    return text


def _tokens(text, strict):
    text = normalise(text)
    if not strict:
        text = re.sub(r"\s+", " ", text).strip()
        text = re.sub(r"(?<=[\[(]) | (?=[\])])", "", text)
    out, pos = [], 0
    for m in _NUM.finditer(text):
        if m.start() > pos:
            out.append(("t", text[pos:m.start()]))
        out.append(("n", m.group()))
        pos = m.end()
    if pos < len(text):
        out.append(("t", text[pos:]))
    return out


def _last_digit_unit(s):
    mant = re.split(r"[eE]", s)[0]
    exp = int(re.split(r"[eE]", s)[1]) if re.search(r"[eE]", s) else 0
    decimals = len(mant.split(".")[1]) if "." in mant else 0
    return 10.0 ** (exp - decimals)


def _numbers_match(a, b, rtol, atol):
    fa, fb = float(a), float(b)
    is_float = lambda s: bool(re.search(r"[.eEn]", s))  # noqa: E731  (nan/inf count as float)
    if is_float(a) != is_float(b):
        return False
    if math.isnan(fa) or math.isnan(fb):
        return math.isnan(fa) and math.isnan(fb)
    if math.isinf(fa) or math.isinf(fb):
        return fa == fb
    if not is_float(a):
        return a.lstrip("+") == b.lstrip("+")
    tol = atol + rtol * abs(fb)
    if len(a) < 12 or len(b) < 12:  # a printed (rounded) number: allow one unit of its last digit
        tol += 1.01 * max(_last_digit_unit(a), _last_digit_unit(b))
    return abs(fa - fb) <= tol


def compare_text(ours, theirs, rtol=1e-4, atol=1e-5, strict=False):
    """None if equal, else a short description of the first difference."""
    ta, tb = _tokens(ours, strict), _tokens(theirs, strict)
    for i, (x, y) in enumerate(zip(ta, tb)):
        ok = x[0] == y[0] and (x[1] == y[1] if x[0] == "t" else _numbers_match(x[1], y[1], rtol, atol))
        if not ok:
            ctx = lambda toks: "".join(t[1] for t in toks[max(0, i - 6):i + 6])  # noqa: E731
            return f"token {i}: ours {x[1]!r} vs torch {y[1]!r}\n  ours : ...{ctx(ta)}...\n  torch: ...{ctx(tb)}..."
    if len(ta) != len(tb):
        longer, who = (ta, "ours") if len(ta) > len(tb) else (tb, "torch")
        rest = "".join(t[1] for t in longer[min(len(ta), len(tb)):])[:300]
        return f"{who} printed more: {rest!r}"
    return None


def compare(program, theirs, ours):
    """None if the outcomes agree, else a report (used as the assertion message)."""
    problems = []
    if theirs.error != ours.error:
        problems.append(f"exception: torch {theirs.error} ({theirs.message[:200]}) vs ours {ours.error}"
                        f"{_where(ours.traceback)}")
    diff = compare_text(ours.stdout, theirs.stdout, program.rtol, program.atol, program.strict)
    if diff:
        problems.append("stdout differs: " + diff)
    return "\n".join(problems) or None


def _where(tb):
    """The program line that raised and the exception line of a traceback (short failure reports)."""
    if not tb:
        return ""
    lines = tb.rstrip().splitlines()
    at = [i for i, l in enumerate(lines) if "program>" in l]
    src = lines[at[-1]].strip() if at else ""
    return f"\n    at {src}\n    {lines[-1][:300]}"


def numpy_equal(a, b, rtol=1e-5, atol=1e-6):
    return np.allclose(np.asarray(a), np.asarray(b), rtol=rtol, atol=atol)
