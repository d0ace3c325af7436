"""Build the teaching notebooks from their sources in ``notebooks/src`` and run them.

Each source is a plain Python file split into cells by ``# %%`` lines (``# %% [markdown]`` cells hold
Markdown as ``#``-comments), so it reads and diffs like code. This script writes the ``.ipynb`` next
to this file and, unless ``--no-execute``, runs it with nbclient (kernel python3, cwd notebooks/)
so the committed notebook carries its outputs.

    python notebooks/build.py                 # all notebooks, full mode
    python notebooks/build.py 01 03 --quick   # some, with AUTOGRAD_NOTEBOOK_QUICK=1
"""
import argparse
import os
import re
import sys
import time
from pathlib import Path

import nbformat

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"
BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
CELL = re.compile(r"^# %%(?: \[(\w+)\])?[^\n]*$", re.M)


def parse(text):
    """Source text -> list of (kind, source) cells."""
    cells = []
    marks = list(CELL.finditer(text))
    for k, m in enumerate(marks):
        body = text[m.end():marks[k + 1].start() if k + 1 < len(marks) else len(text)].strip("\n")
        kind = m.group(1) or "code"
        if kind == "markdown":
            body = "\n".join(re.sub(r"^# ?", "", ln) for ln in body.splitlines())
        if body.strip():
            cells.append((kind, body))
    return cells


def to_notebook(src_path):
    nb = nbformat.v4.new_notebook()
    for kind, body in parse(src_path.read_text()):
        nb.cells.append(nbformat.v4.new_markdown_cell(body) if kind == "markdown" else nbformat.v4.new_code_cell(body))
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    return nb


def execute(nb, timeout=600):
    from nbclient import NotebookClient
    NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=False,
                   resources={"metadata": {"path": str(HERE)}}).execute()
    return nb


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("names", nargs="*", help="notebook name prefixes (default: all)")
    ap.add_argument("--no-execute", action="store_true", help="write the notebooks without running them")
    ap.add_argument("--quick", action="store_true", help="run in quick mode (AUTOGRAD_NOTEBOOK_QUICK=1)")
    args = ap.parse_args(argv)
    for var in BLAS_THREADS:   # one BLAS thread: threads spinning on a busy 2-core box cost 100x
        os.environ.setdefault(var, "1")
    if args.quick:
        os.environ["AUTOGRAD_NOTEBOOK_QUICK"] = "1"
    else:
        os.environ.pop("AUTOGRAD_NOTEBOOK_QUICK", None)
    sources = sorted(SRC.glob("[0-9]*.py"))
    if args.names:
        sources = [s for s in sources if any(s.stem.startswith(n) for n in args.names)]
    for src in sources:
        out = HERE / (src.stem + ".ipynb")
        nb = to_notebook(src)
        t = time.perf_counter()
        if not args.no_execute:
            execute(nb)
        nbformat.validate(nb)
        nbformat.write(nb, out)
        print(f"{out.name}: {len(nb.cells)} cells, {time.perf_counter() - t:.1f}s", file=sys.stderr)


if __name__ == "__main__":
    main()
