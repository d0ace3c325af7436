"""autograd.save / autograd.load: checkpoints that move both ways with PyTorch, and never run code unless asked.

Which format ``save`` writes:

* PyTorch's own (``torch.save``'s zip archive: ``<name>/data.pkl`` + one raw record per storage, see
  ``_torch_format``) when the object is made only of what torch's ``weights_only=True`` loader accepts:
  Tensors and Parameters (of every dtype), dicts, OrderedDicts (their ``_metadata`` too),
  Counters, lists, tuples, sets, ints, floats, complex numbers, strings, bytes, bytearrays, None, bools, dtypes,
  devices and Sizes. State dicts and optimizer state dicts are such objects, so ``torch.load(f,
  weights_only=True)`` reads them; tensors that view one array (slices, transposes, diagonals) are written as
  views of one storage, and come back sharing it in torch, as ``torch.save`` does.
* Otherwise this library's own: a zip archive holding ``manifest.json`` (the object tree, every node tagged
  with its type) and one ``.npy`` file per tensor, read back with ``allow_pickle=False``. It also stores NumPy
  arrays and scalars; other dict subclasses such as ``defaultdict`` are pickled, as PyTorch's unpickler refuses
  them. Any other object (a whole ``nn.Module``, as in torch's "save the entire model") is pickled into
  ``object.pkl``, its tensors still stored as ``.npy`` files.

``load`` reads both formats (and old checkpoints of ours). PyTorch archives are read without importing torch,
by a restricted unpickler that maps the globals torch's ``weights_only`` loader allows (``_rebuild_tensor_v2``,
``_rebuild_parameter``, typed storages, ``torch.Size``, dtypes, ...) onto ours, honouring storage sharing,
offsets, strides, ``requires_grad``, Parameters and the recorded byte order. As in PyTorch 2.6+, a file naming
any other global loads only with ``weights_only=False`` (unpickling can run code) and otherwise raises
``UnpicklingError`` naming the global; with ``weights_only=False`` the globals of a torch file under
``torch.nn.`` / ``torch.`` map to ``nn.`` / ``autograd.``, so a whole-model pickle of standard modules loads.
A tensor object that appears several times is stored once and comes back as one object, in both formats.
"""
import base64
import collections
import io
import json
import math
import os
import pickle
import zipfile

import numpy as np

from . import _dtype, _torch_format
from .tensor import Tensor, Size, device as _device

__all__ = ["save", "load", "SerializationError", "add_safe_globals", "get_safe_globals", "clear_safe_globals",
           "safe_globals", "get_unsafe_globals_in_checkpoint"]

FORMAT = "tapegrad-checkpoint"
VERSION = 1


class SerializationError(RuntimeError):
    """The file is not a readable autograd checkpoint (foreign, truncated or damaged)."""


class _NotAZipFile(SerializationError, pickle.UnpicklingError):
    """The file is no zip archive at all: PyTorch reads such files as legacy pickles and fails unpickling."""


class _EmptyFile(SerializationError, EOFError):
    """The file is empty (PyTorch: ``EOFError``)."""


class _Unsupported(TypeError):
    """An object the manifest cannot describe: the whole object is pickled instead."""


class _Writer:
    def __init__(self):
        self.seen = {}
        self.storages = {}  # id(root array) -> file name: views of one array share its file
        self.pending = []  # (file name, array), written by ``write`` once the whole object is encoded

    def array(self, arr):
        name = f"tensors/{len(self.pending)}.npy"
        self.pending.append((name, arr))
        return name

    def write(self, zf):
        for name, arr in self.pending:
            with zf.open(name, "w", force_zip64=True) as f:
                np.lib.format.write_array(f, arr, allow_pickle=False)

    def encode(self, obj, where):
        if obj is None or type(obj) in (bool, str):
            return obj
        if type(obj) is int or isinstance(obj, np.integer):  # subclasses (IntEnum) are pickled
            return int(obj)
        if type(obj) is float or isinstance(obj, np.floating):
            f = float(obj)
            return f if math.isfinite(f) else {"$": "float", "v": repr(f)}
        if isinstance(obj, np.bool_):
            return bool(obj)
        if isinstance(obj, Tensor):
            key = id(obj)
            if key not in self.seen:
                self.seen[key] = (obj, {"$": "tensor", "id": len(self.seen), **self.storage(obj._data),
                                        "requires_grad": bool(obj._requires_grad),
                                        "parameter": type(obj).__name__ == "Parameter"})
            return self.seen[key][1]
        if isinstance(obj, np.ndarray):
            if obj.dtype.hasobject:
                raise TypeError(f"autograd.save: cannot save a NumPy array of Python objects at {where}")
            return {"$": "ndarray", "file": self.array(obj)}
        if isinstance(obj, Size):
            return {"$": "size", "v": list(obj)}
        if type(obj) is tuple:
            return {"$": "tuple", "v": [self.encode(v, f"{where}[{i}]") for i, v in enumerate(obj)]}
        if type(obj) is set:
            return {"$": "set", "v": [self.encode(v, f"{where} item") for v in obj]}
        if type(obj) is list:
            return {"$": "list", "v": [self.encode(v, f"{where}[{i}]") for i, v in enumerate(obj)]}
        if isinstance(obj, collections.Counter) and type(obj) is collections.Counter:
            return {"$": "counter", "v": self.encode(dict(obj), where)}
        if type(obj) in (dict, collections.OrderedDict):
            items = [[self.encode(k, f"{where} key {k!r}"), self.encode(v, f"{where}[{k!r}]")] for k, v in obj.items()]
            out = {"$": "odict" if isinstance(obj, collections.OrderedDict) else "dict", "v": items}
            meta = getattr(obj, "_metadata", None)
            if isinstance(meta, dict):
                out["metadata"] = self.encode(meta, f"{where}._metadata")
            return out
        if isinstance(obj, _dtype.dtype):
            return {"$": "dtype", "v": obj.name}
        if isinstance(obj, _device):
            return {"$": "device", "v": str(obj)}
        if type(obj) in (bytes, bytearray):
            return {"$": type(obj).__name__, "v": base64.b64encode(bytes(obj)).decode("ascii")}
        if type(obj) is complex:
            return {"$": "complex", "v": [repr(obj.real), repr(obj.imag)]}
        raise _Unsupported(f"an object of type {type(obj).__name__} at {where}")

    def storage(self, arr):
        """The file holding the array ``arr`` views (stored once), plus where ``arr`` lies in it."""
        from ._extras import _storage_root
        root = _storage_root(arr)
        if root.dtype != arr.dtype or not root.flags.c_contiguous:
            return {"file": self.array(arr)}
        if id(root) not in self.storages:
            self.storages[id(root)] = (root, self.array(root))
        if root is arr:
            return {"file": self.storages[id(root)][1]}
        offset = arr.__array_interface__["data"][0] - root.__array_interface__["data"][0]
        return {"file": self.storages[id(root)][1],
                "view": {"offset": offset, "shape": list(arr.shape), "strides": list(arr.strides)}}

    def tensor_id(self, obj):
        """Pickling: tensors and arrays go to ``.npy`` files, referenced from the pickle by these ids."""
        if isinstance(obj, Tensor):
            if type(obj) is not Tensor and type(obj).__name__ != "Parameter":
                return None  # other subclasses pickle themselves (their array still comes here)
            return ("tensor", self.encode(obj, "obj"))
        if type(obj) is np.ndarray and not obj.dtype.hasobject:
            key = id(obj)
            if key not in self.seen:
                self.seen[key] = (obj, {"$": "ndarray", "file": self.array(obj)})
            return ("ndarray", self.seen[key][1]["file"])
        return None


class _Pickler(pickle.Pickler):
    def __init__(self, file, writer, protocol):
        super().__init__(file, protocol=protocol)
        self.writer = writer

    def persistent_id(self, obj):
        return self.writer.tensor_id(obj)


def save(obj, f, pickle_module=None, pickle_protocol=2, _use_new_zipfile_serialization=True,
         _disable_byteorder_record=False):
    """Write ``obj`` (e.g. a state_dict, or a whole module) to the path or binary file object ``f``."""
    target = os.fspath(f) if isinstance(f, (str, os.PathLike)) else f
    if isinstance(target, (str, bytes)):
        parent = os.path.dirname(target)
        if parent and not os.path.isdir(parent):
            raise RuntimeError(f"Parent directory {os.fsdecode(parent)} does not exist.")
    if _torch_format.torch_compatible(obj):
        _torch_format.save(obj, target, _torch_format.archive_name(target), pickle_protocol)
        return
    w = _Writer()
    try:
        manifest = {"format": FORMAT, "version": VERSION, "object": w.encode(obj, "obj")}
        pickled = None
    except _Unsupported:
        w = _Writer()
        buf = io.BytesIO()
        _Pickler(buf, w, max(pickle_protocol or 2, 2)).dump(obj)
        pickled = buf.getvalue()
        manifest = {"format": FORMAT, "version": VERSION, "pickle": "object.pkl"}
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_STORED) as zf:
        w.write(zf)
        if pickled is not None:
            zf.writestr("object.pkl", pickled)
        zf.writestr("manifest.json", json.dumps(manifest, allow_nan=False))


def _name_of(f):
    if isinstance(f, (str, os.PathLike)):
        return f"'{os.fspath(f)}'"
    name = getattr(f, "name", None)
    return f"'{name}'" if isinstance(name, str) else f"<{type(f).__name__}>"


class _Reader:
    def __init__(self, zf, where, map_location=None):
        self.zf = zf
        self.where = where
        self.map_location = map_location if callable(map_location) else None
        self.tensors = {}
        self.storages = {}

    def array(self, name):
        with self.zf.open(name) as fh:
            return np.lib.format.read_array(fh, allow_pickle=False)

    def storage(self, node):
        """A tensor's array: a view of its shared storage array when it was saved as one."""
        root = self.storages.get(node["file"])
        if root is None:
            root = self.storages[node["file"]] = self.restore(self.array(node["file"]))
        v = node.get("view")
        if v is None:
            return root
        return np.ndarray(tuple(v["shape"]), dtype=root.dtype, buffer=root, offset=v["offset"],
                          strides=tuple(v["strides"]))

    def restore(self, arr):
        """A callable ``map_location`` is called once per storage, as ``fn(storage, 'cpu')``, as in PyTorch."""
        if self.map_location is None:
            return arr
        from ._extras import UntypedStorage
        out = self.map_location(UntypedStorage(arr), "cpu")
        return out._array if isinstance(out, UntypedStorage) else arr

    def decode(self, node):
        if not isinstance(node, dict):
            return node
        tag, v = node.get("$"), node.get("v")
        if tag == "tensor":
            t = self.tensors.get(node["id"])
            if t is None:
                t = self._tensor(node)
                self.tensors[node["id"]] = t
            return t
        if tag == "list":
            return [self.decode(x) for x in v]
        if tag == "tuple":
            return tuple(self.decode(x) for x in v)
        if tag == "set":
            return {self.decode(x) for x in v}
        if tag in ("dict", "odict"):
            out = (collections.OrderedDict if tag == "odict" else dict)((self.decode(k), self.decode(x)) for k, x in v)
            if "metadata" in node:
                out._metadata = self.decode(node["metadata"])
            return out
        if tag == "ndarray":
            return self.array(node["file"])
        if tag == "float":
            return float(v)
        if tag == "size":
            return Size(v)
        if tag == "dtype":
            return _dtype.to_dtype(v)
        if tag == "device":
            return _device(v)
        if tag == "bytes":
            return base64.b64decode(v)
        if tag == "bytearray":
            return bytearray(base64.b64decode(v))
        if tag == "complex":
            return complex(float(v[0]), float(v[1]))
        if tag == "counter":
            return collections.Counter(self.decode(v))
        raise SerializationError(f"autograd.load: {self.where} has an unknown entry {tag!r} (written by a newer version?)")

    def _tensor(self, node):
        arr = self.storage(node)
        _dtype.from_numpy_dtype(arr.dtype)
        t = Tensor._make(arr)
        if node.get("parameter"):
            try:
                from nn import Parameter
                t = Parameter(t, requires_grad=node["requires_grad"])
            except ImportError:
                pass
        if node.get("requires_grad") and not t.requires_grad:
            t.requires_grad_(True)
        t._version_counter[0] = 1  # PyTorch rebuilds a loaded tensor with an in-place ``set_``
        return t


# ---- weights_only: which globals a pickled checkpoint may name (PyTorch's allowlist) -------------------
_DEFAULT_GLOBALS = {"collections.OrderedDict", "collections.Counter", "builtins.set", "builtins.complex",
                    "builtins.bytearray", "_codecs.encode", "autograd._dtype._by_name", "autograd.device",
                    "autograd.Size", "autograd.tensor.device", "autograd.tensor.Size", "autograd.tensor._rebuild",
                    "nn.parameter._rebuild_parameter"}
_USER_GLOBALS = []


def _global_name(g):
    if isinstance(g, tuple):
        return g[1]
    return f"{g.__module__}.{g.__qualname__}"


def add_safe_globals(safe_globals):
    """Allow these classes/functions (or ``(obj, "module.name")`` pairs) in ``load(..., weights_only=True)``."""
    _USER_GLOBALS.extend(safe_globals)


def get_safe_globals():
    return list(_USER_GLOBALS)


def clear_safe_globals():
    _USER_GLOBALS.clear()


class safe_globals:
    """Context manager: ``add_safe_globals`` for the duration of the block."""

    def __init__(self, safe_globals):
        self.safe_globals = list(safe_globals)

    def __enter__(self):
        self.before = list(_USER_GLOBALS)
        _USER_GLOBALS.extend(self.safe_globals)

    def __exit__(self, *exc):
        _USER_GLOBALS[:] = self.before


def _fix_name(module, name):
    """Python 2 names in protocol-2 pickles (``__builtin__.xrange``) as Python 3 reads them."""
    import _compat_pickle
    if (module, name) in _compat_pickle.NAME_MAPPING:
        module, name = _compat_pickle.NAME_MAPPING[(module, name)]
    return f"{_compat_pickle.IMPORT_MAPPING.get(module, module)}.{name}"


def _pickled_globals(data):
    """The ``module.name`` of every class/function a pickle names (GLOBAL and STACK_GLOBAL opcodes)."""
    import pickletools
    names, strings = [], []
    for op, arg, _ in pickletools.genops(data):
        if op.name == "GLOBAL":
            names.append(_fix_name(*arg.split(" ", 1)))
        elif op.name == "STACK_GLOBAL" and len(strings) >= 2:
            names.append(_fix_name(strings[-2], strings[-1]))
        elif isinstance(arg, str) and "UNICODE" in op.name:
            strings.append(arg)
    return list(dict.fromkeys(names))


def get_unsafe_globals_in_checkpoint(f):
    """The globals a checkpoint names that ``weights_only=True`` does not allow by default."""
    with zipfile.ZipFile(os.fspath(f) if isinstance(f, (str, os.PathLike)) else f) as zf:
        prefix = None if "manifest.json" in zf.namelist() else _torch_format.is_torch_archive(zf.namelist())
        if prefix is not None:
            allowed = _torch_format.allowed_names(_user_globals())
            return [n for n in _torch_format.pickled_names(zf, prefix) if n not in allowed]
        manifest = json.loads(zf.read("manifest.json"))
        if "pickle" not in manifest:
            return []
        allowed = _DEFAULT_GLOBALS | {_global_name(g) for g in _USER_GLOBALS}
        return [n for n in _pickled_globals(zf.read(manifest["pickle"])) if n not in allowed]


class _Unpickler(pickle.Unpickler):
    def __init__(self, file, reader, weights_only=False):
        super().__init__(file)
        self.reader = reader
        self.weights_only = weights_only

    def persistent_load(self, pid):
        kind, ref = pid
        return self.reader.decode(ref) if kind == "tensor" else self.reader.array(ref)

    def find_class(self, module, name):
        if self.weights_only:
            full = _fix_name(module, name)
            user = _user_globals()
            if full in user:
                return user[full]
            if full not in _DEFAULT_GLOBALS:
                _refuse(self.reader.where, full, name, False)
        return super().find_class(module, name)


def _user_globals():
    return {_global_name(g): (g[0] if isinstance(g, tuple) else g) for g in _USER_GLOBALS}


def _refuse(where, full, name, torch_file):
    """PyTorch's ``weights_only`` refusal, naming the global."""
    what = ("a PyTorch checkpoint whose pickle names more than tensors and containers of them (e.g. a whole "
            "module, saved by torch.save)" if torch_file else "a pickled object (written by autograd.save of "
            "something other than tensors and containers of them, e.g. a whole module)")
    raise pickle.UnpicklingError(_WEIGHTS_ONLY_MESSAGE.format(where=where, what=what) + (
        f"\n\tWeightsUnpickler error: Unsupported global: GLOBAL {full} was not an allowed global by "
        f"default. Please use `autograd.serialization.add_safe_globals([{name}])` or the "
        f"`autograd.serialization.safe_globals([{name}])` context manager to allowlist this global if you "
        "trust this class/function."))


_WEIGHTS_ONLY_MESSAGE = (
    "Weights only load failed. This file can still be loaded, to do so you have two options, do those steps "
    "only if you trust the source of the checkpoint.\n\t(1) {where} holds {what}. Re-running "
    "`autograd.load` with `weights_only` set to `False` will likely succeed, but it can result in arbitrary code "
    "execution. Do it only if you got the file from a trusted source.\n\t(2) Save `model.state_dict()` "
    "instead of the model, and load it into a freshly built model with `load_state_dict`; or allowlist the "
    "classes it names with `add_safe_globals`.")


def _first_bytes(f, n):
    if isinstance(f, (str, os.PathLike)):
        with open(f, "rb") as fh:
            return fh.read(n)
    pos = f.tell()
    head = f.read(n)
    f.seek(pos)
    return head


def _check_map_location(map_location):
    if map_location is None or callable(map_location):
        return
    targets = [map_location.get("cpu")] if isinstance(map_location, dict) else [map_location]
    for target in targets:
        if target is not None and str(target).startswith("cuda"):
            raise RuntimeError("Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is "
                               "False. If you are running on a CPU-only machine, please use torch.load with "
                               "map_location=torch.device('cpu') to map your storages to the CPU.")
        if target is not None:
            _device(target)  # raises for other devices than the CPU


def load(f, map_location=None, pickle_module=None, *, weights_only=None, mmap=None, **pickle_load_args):
    """Read an object written by :func:`save` or by ``torch.save`` from a path or binary file object.

    Every tensor is loaded on the CPU (``map_location`` is accepted for compatibility). A file naming
    classes/functions beyond tensors and containers loads only with ``weights_only=False`` (the default, as in
    PyTorch 2.6+, is True).
    """
    _check_map_location(map_location)
    where = _name_of(f)
    if not isinstance(f, (str, os.PathLike)) and not (hasattr(f, "seekable") and f.seekable()):
        f = io.BytesIO(f.read())
    magic = _first_bytes(f, 4)
    if not magic:
        raise _EmptyFile(f"autograd.load: {where} is empty")
    if magic.startswith(b"\x80") and magic[1:2] in (b"\x02", b"\x03", b"\x04", b"\x05"):
        raise _NotAZipFile(f"autograd.load: {where} is a legacy (non-zip) PyTorch checkpoint, which autograd does not "
                           "read; re-save it with a current torch.save (zip format)")
    if not magic.startswith(b"PK"):
        raise _NotAZipFile(f"autograd.load: {where} is not an autograd checkpoint (not a zip archive)")
    try:
        with zipfile.ZipFile(os.fspath(f) if isinstance(f, (str, os.PathLike)) else f) as zf:
            names = set(zf.namelist())
            if "manifest.json" not in names:
                prefix = _torch_format.is_torch_archive(zf.namelist())
                if prefix is not None:
                    return _torch_format.load(zf, prefix, where, map_location, weights_only is None or weights_only,
                                              _user_globals(), lambda full, name: _refuse(where, full, name, True))
                raise SerializationError(f"autograd.load: {where} is a zip archive but not an autograd checkpoint "
                                         "(no manifest.json)")
            manifest = json.loads(zf.read("manifest.json"))
            if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
                raise SerializationError(f"autograd.load: {where} is not an autograd checkpoint (unknown manifest)")
            if manifest.get("version", 0) > VERSION:
                raise SerializationError(f"autograd.load: {where} was written by a newer format version "
                                         f"{manifest['version']} (this autograd reads version {VERSION})")
            reader = _Reader(zf, where, map_location)
            if "pickle" not in manifest:
                return reader.decode(manifest["object"])
            weights_only = weights_only is None or weights_only
            return _Unpickler(io.BytesIO(zf.read(manifest["pickle"])), reader, weights_only).load()
    except (FileNotFoundError, SerializationError, pickle.UnpicklingError):
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, KeyError, TypeError, OSError) as e:
        raise SerializationError(f"autograd.load: {where} is not a valid autograd checkpoint (truncated or damaged "
                                 f"file?): {type(e).__name__}: {e}") from None
