"""Find a Graphviz ``dot`` executable: the system one on PATH, else ``graphviz-pure`` from PyPI.

``graphviz-pure`` (``pip install tapegrad[dot]``) installs a command named ``graphviz-pure`` with
``dot``'s flags, not ``dot`` itself, so the ``graphviz`` package cannot find it by name; we can.
"""
import os
import shutil
import sys
import sysconfig
import warnings

INSTALL_HINT = ("Graphviz's 'dot' executable was not found, so graphs are shown as text / DOT source. "
                "To draw them: pip install 'tapegrad[dot]' (installs graphviz-pure, a self-contained "
                "dot), or install Graphviz itself (apt install graphviz, brew install graphviz, "
                "conda install graphviz), or set AUTOGRAD_DOT=/path/to/dot.")

_UNSET = object()
_cache = _UNSET
_warned = False


def _script_dirs():
    """Where pip puts console scripts for this interpreter (may be off PATH in an unactivated venv)."""
    dirs = []
    for d in (sysconfig.get_path("scripts"), os.path.dirname(sys.executable)):
        if d and d not in dirs:
            dirs.append(d)
    return dirs


def _find():
    env = os.environ.get("AUTOGRAD_DOT")
    if env:
        return shutil.which(env) or (env if os.path.isfile(env) else None)
    found = shutil.which("dot")
    if found:
        return found
    names = ("graphviz-pure.exe", "graphviz-pure") if os.name == "nt" else ("graphviz-pure",)
    for d in _script_dirs():
        for n in names:
            path = os.path.join(d, n)
            if os.path.isfile(path) and os.access(path, os.X_OK):
                return path
    return shutil.which("graphviz-pure")


def find_dot(refresh=False):
    """Path of the ``dot``-compatible executable used to render graphs, or None when there is none."""
    global _cache
    if refresh or _cache is _UNSET:
        _cache = _find()
    return _cache


def is_graphviz_pure(path):
    return path is not None and "graphviz-pure" in os.path.basename(path)


def warn_no_dot():
    """Warn once per process that no renderer exists, saying how to install one."""
    global _warned
    if not _warned:
        _warned = True
        warnings.warn(INSTALL_HINT, RuntimeWarning, stacklevel=4)
