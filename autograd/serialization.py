"""autograd.save / autograd.load: checkpoints that loading can never use to run code.

A checkpoint is a zip archive holding ``manifest.json`` (the object tree, every node tagged with its
type) and one ``.npy`` file per tensor, read back with ``allow_pickle=False``. It stores what state
dicts and optimizer states are made of: nested dicts (any key type, order kept), OrderedDicts,
lists, tuples, tensors, NumPy arrays, numbers, strings, bytes, None, bools, dtypes, devices and
Sizes. A tensor object that appears several times is stored once and comes back as one object;
distinct tensors that share storage (views) are stored separately.
"""
import base64
import collections
import io
import json
import math
import os
import zipfile

import numpy as np

from . import _dtype
from .tensor import Tensor, Size, device as _device

__all__ = ["save", "load", "SerializationError"]

FORMAT = "tapegrad-checkpoint"
VERSION = 1


class SerializationError(RuntimeError):
    """The file is not a readable autograd checkpoint (foreign, truncated or damaged)."""


class _Writer:
    def __init__(self, zf):
        self.zf = zf
        self.seen = {}
        self.files = 0

    def array(self, arr):
        name = f"tensors/{self.files}.npy"
        self.files += 1
        with self.zf.open(name, "w", force_zip64=True) as f:
            np.lib.format.write_array(f, arr, allow_pickle=False)
        return name

    def encode(self, obj, where):
        if obj is None or isinstance(obj, (bool, str)):
            return obj
        if isinstance(obj, (int, np.integer)) and not isinstance(obj, np.bool_):
            return int(obj)
        if isinstance(obj, (float, np.floating)):
            f = float(obj)
            return f if math.isfinite(f) else {"$": "float", "v": repr(f)}
        if isinstance(obj, np.bool_):
            return bool(obj)
        if isinstance(obj, Tensor):
            key = id(obj)
            if key not in self.seen:
                self.seen[key] = (obj, {"$": "tensor", "id": len(self.seen), "file": self.array(obj._data),
                                        "requires_grad": bool(obj._requires_grad),
                                        "parameter": type(obj).__name__ == "Parameter"})
            return self.seen[key][1]
        if isinstance(obj, np.ndarray):
            if obj.dtype.hasobject:
                raise TypeError(f"autograd.save: cannot save a NumPy array of Python objects at {where}")
            return {"$": "ndarray", "file": self.array(obj)}
        if isinstance(obj, Size):
            return {"$": "size", "v": list(obj)}
        if isinstance(obj, tuple) and not hasattr(obj, "_fields"):
            return {"$": "tuple", "v": [self.encode(v, f"{where}[{i}]") for i, v in enumerate(obj)]}
        if isinstance(obj, list):
            return {"$": "list", "v": [self.encode(v, f"{where}[{i}]") for i, v in enumerate(obj)]}
        if isinstance(obj, dict):
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
        if isinstance(obj, (bytes, bytearray)):
            return {"$": "bytes", "v": base64.b64encode(bytes(obj)).decode("ascii")}
        hint = " (save model.state_dict() instead of the module)" if hasattr(obj, "state_dict") else ""
        raise TypeError(f"autograd.save: cannot save an object of type {type(obj).__name__} at {where}{hint}; "
                        "supported: tensors, NumPy arrays, numbers, strings, bytes, None, dtypes, and dicts, lists "
                        "and tuples of these")


def save(obj, f, pickle_module=None, pickle_protocol=None, _use_new_zipfile_serialization=True,
         _disable_byteorder_record=False):
    """Write ``obj`` (e.g. a state_dict) to the path or binary file object ``f``."""
    target = os.fspath(f) if isinstance(f, (str, os.PathLike)) else f
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_STORED) as zf:
        w = _Writer(zf)
        manifest = {"format": FORMAT, "version": VERSION, "object": w.encode(obj, "obj")}
        zf.writestr("manifest.json", json.dumps(manifest, allow_nan=False))


def _name_of(f):
    if isinstance(f, (str, os.PathLike)):
        return f"'{os.fspath(f)}'"
    name = getattr(f, "name", None)
    return f"'{name}'" if isinstance(name, str) else f"<{type(f).__name__}>"


class _Reader:
    def __init__(self, zf, where):
        self.zf = zf
        self.where = where
        self.tensors = {}

    def array(self, name):
        with self.zf.open(name) as fh:
            return np.lib.format.read_array(fh, allow_pickle=False)

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
        raise SerializationError(f"autograd.load: {self.where} has an unknown entry {tag!r} (written by a newer version?)")

    def _tensor(self, node):
        arr = self.array(node["file"])
        _dtype.from_numpy_dtype(arr.dtype)
        t = Tensor._make(arr)
        if node.get("parameter"):
            try:
                from nn import Parameter
                return Parameter(t, requires_grad=node["requires_grad"])
            except ImportError:
                pass
        if node.get("requires_grad"):
            t.requires_grad_(True)
        return t


def _check_map_location(map_location):
    if map_location is None or callable(map_location) or isinstance(map_location, dict):
        return
    _device(map_location)  # raises for devices other than the CPU


def load(f, map_location=None, pickle_module=None, *, weights_only=None, mmap=None, **pickle_load_args):
    """Read an object written by :func:`save` from a path or binary file object (never runs code).

    ``map_location`` and ``weights_only`` are accepted for compatibility: every tensor is loaded on the
    CPU, and loading is always restricted to data.
    """
    _check_map_location(map_location)
    where = _name_of(f)
    if not isinstance(f, (str, os.PathLike)) and not (hasattr(f, "seekable") and f.seekable()):
        f = io.BytesIO(f.read())
    try:
        with zipfile.ZipFile(os.fspath(f) if isinstance(f, (str, os.PathLike)) else f) as zf:
            names = set(zf.namelist())
            if "manifest.json" not in names:
                if any(n.endswith("data.pkl") for n in names):
                    raise SerializationError(f"autograd.load: {where} is a PyTorch (pickle) checkpoint; autograd only "
                                             "loads files written by autograd.save (re-save its tensors from PyTorch "
                                             "as NumPy arrays to convert it)")
                raise SerializationError(f"autograd.load: {where} is a zip archive but not an autograd checkpoint "
                                         "(no manifest.json)")
            manifest = json.loads(zf.read("manifest.json"))
            if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
                raise SerializationError(f"autograd.load: {where} is not an autograd checkpoint (unknown manifest)")
            if manifest.get("version", 0) > VERSION:
                raise SerializationError(f"autograd.load: {where} was written by a newer format version "
                                         f"{manifest['version']} (this autograd reads version {VERSION})")
            return _Reader(zf, where).decode(manifest["object"])
    except FileNotFoundError:
        raise
    except SerializationError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, KeyError, TypeError, OSError) as e:
        raise SerializationError(f"autograd.load: {where} is not a valid autograd checkpoint (truncated or damaged "
                                 f"file?): {type(e).__name__}: {e}") from None
