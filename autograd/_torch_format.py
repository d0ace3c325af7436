"""PyTorch's checkpoint format (``torch.save``'s zip archive), read and written without importing torch.

The archive holds ``<name>/data.pkl`` (a protocol-2 pickle naming ``torch._utils._rebuild_tensor_v2`` and
friends), one ``<name>/data/<key>`` record of raw bytes per storage (``persistent_id`` ``('storage',
torch.FloatStorage, key, 'cpu', numel)``), ``byteorder`` and ``version``. Reading uses a restricted
unpickler that maps the globals torch's ``weights_only=True`` loader allows onto ours and refuses the rest.
"""
import collections
import os
import pickle
import struct
import zipfile

import numpy as np

from . import _dtype
from .tensor import Tensor, Size, device as _device

# storage class name <-> our dtype (legacy typed storages: what torch.save names for each dtype)
_STORAGES = {"DoubleStorage": "float64", "FloatStorage": "float32", "HalfStorage": "float16",
             "LongStorage": "int64", "IntStorage": "int32", "ShortStorage": "int16", "CharStorage": "int8",
             "ByteStorage": "uint8", "BoolStorage": "bool"}
_STORAGE_OF = {v: k for k, v in _STORAGES.items()}
_UNSUPPORTED_STORAGES = ("BFloat16Storage", "ComplexFloatStorage", "ComplexDoubleStorage", "QInt8Storage",
                         "QUInt8Storage", "QInt32Storage", "QUInt4x2Storage", "QUInt2x4Storage")
_ALIGNMENT = 64


def is_torch_archive(names):
    """The record prefix (``archive``) when the zip entry ``names`` are those of a ``torch.save`` file."""
    for n in names:
        head, _, tail = n.partition("/")
        if tail == "data.pkl" and head:
            return head
    return None


# ---- writing -------------------------------------------------------------------------------------------
class _Global:
    """Stands for the torch global ``module.name``; the pickler writes it as a GLOBAL opcode."""
    _cache = {}

    def __new__(cls, module, name):
        key = (module, name)
        if key not in cls._cache:
            obj = object.__new__(cls)
            obj.module, obj.name = module, name
            cls._cache[key] = obj
        return cls._cache[key]

    def __call__(self, *args):  # pickle's save_reduce wants a callable; only its name is ever written
        raise TypeError(f"{self.module}.{self.name} is a stand-in for a PyTorch global")


def _is_parameter(t):
    return type(t).__name__ == "Parameter" and type(t).__module__.startswith("nn")


def torch_compatible(obj, _depth=0):
    """Whether ``obj`` is made only of what torch's ``weights_only=True`` loader accepts."""
    if _depth > 500:
        return False
    t = type(obj)
    if obj is None or t in (bool, int, float, complex, str, bytes, bytearray):
        return True
    if isinstance(obj, Tensor):
        return (t is Tensor or _is_parameter(obj)) and obj._data.dtype in _dtype._BY_NP
    if t in (_dtype.dtype, _device, Size):
        return True
    if t in (list, tuple, set):
        return all(torch_compatible(v, _depth + 1) for v in obj)
    if t in (dict, collections.OrderedDict, collections.Counter):
        attrs = getattr(obj, "__dict__", {})
        if any(k != "_metadata" or t is not collections.OrderedDict for k in attrs):
            return False
        return all(torch_compatible(k, _depth + 1) and torch_compatible(v, _depth + 1) for k, v in obj.items()) and \
            (not attrs or torch_compatible(dict(attrs), _depth + 1))
    return False


class _PlainTensor:
    """The data of a Parameter, pickled as a plain tensor without requires_grad (as torch does)."""

    def __init__(self, tensor):
        self.tensor = tensor


class _StorageRef:
    def __init__(self, key, array):
        self.key, self.array = key, array


class _Pickler(pickle._Pickler):
    dispatch = dict(pickle._Pickler.dispatch)

    def __init__(self, file, protocol):
        super().__init__(file, protocol=max(protocol or 2, 2))
        self.storages = {}  # id(root array) -> _StorageRef
        self.keep = []  # objects whose id() must stay unique while pickling

    def save_torch_global(self, obj):
        self.write(pickle.GLOBAL + f"{obj.module}\n{obj.name}\n".encode("utf-8"))
        self.memoize(obj)

    dispatch[_Global] = save_torch_global

    def save_dtype(self, obj):
        self.save(_Global("torch", obj.name))

    dispatch[_dtype.dtype] = save_dtype

    def persistent_id(self, obj):
        if type(obj) is _StorageRef:
            name = _dtype.from_numpy_dtype(obj.array.dtype).name
            if name not in _STORAGE_OF:  # uint16/32/64: torch has no typed storage, saves bytes + the dtype
                return ("storage", _Global("torch.storage", "UntypedStorage"), obj.key, "cpu", obj.array.nbytes)
            return ("storage", _Global("torch", _STORAGE_OF[name]), obj.key, "cpu", obj.array.size)
        return None

    def reducer_override(self, obj):
        t = type(obj)
        if t is _PlainTensor:
            return self.tensor_args(obj.tensor, False)
        if isinstance(obj, Tensor):
            if _is_parameter(obj):
                plain = _PlainTensor(obj)
                self.keep.append(plain)
                return (_Global("torch._utils", "_rebuild_parameter"),
                        (plain, bool(obj._requires_grad), collections.OrderedDict()))
            return self.tensor_args(obj, bool(obj._requires_grad))
        if t is Size:
            return (_Global("torch", "Size"), (tuple(obj),))
        if t is _device:
            return (_Global("torch", "device"), (str(obj),))
        return NotImplemented

    def tensor_args(self, tensor, requires_grad):
        ref, offset, strides = self.storage(tensor._data)
        args = (ref, offset, tuple(tensor._data.shape), strides, requires_grad, collections.OrderedDict())
        if tensor.dtype.name not in _STORAGE_OF:
            return (_Global("torch._utils", "_rebuild_tensor_v3"), args + (tensor.dtype,))
        return (_Global("torch._utils", "_rebuild_tensor_v2"), args)

    def storage(self, arr):
        """The storage ``arr`` views (one record per root array) and ``arr``'s offset/strides in elements."""
        from ._extras import _storage_root
        root = _storage_root(arr)
        size = arr.itemsize
        offset = arr.__array_interface__["data"][0] - root.__array_interface__["data"][0]
        shareable = (root.dtype == arr.dtype and (root.flags.c_contiguous or root.flags.f_contiguous)
                     and root.dtype.byteorder != ">" and offset % size == 0
                     and all(s % size == 0 and s >= 0 for s in arr.strides))
        if not shareable:  # a copy of its own, in ``arr``'s memory order (strides kept where they are dense)
            root = np.empty_like(arr, dtype=arr.dtype.newbyteorder("="), order="K")
            root[...] = arr
            arr, offset = root, 0
            self.keep.append(root)
        if id(root) not in self.storages:
            self.storages[id(root)] = _StorageRef(str(len(self.storages)), root.ravel(order="K"))
        return self.storages[id(root)], offset // size, Tensor.stride(Tensor._make(arr))  # size-1 dims as torch


def _padding(zf, name, nbytes):
    """A zip ``extra`` field that puts a record's data on a 64-byte boundary, as torch's writer does."""
    zip64 = 20 if nbytes > zipfile.ZIP64_LIMIT else 0
    start = zf.fp.tell() + 30 + len(name.encode("utf-8")) + zip64
    pad = -start % _ALIGNMENT
    if pad == 0:
        return b""
    if pad < 4:
        pad += _ALIGNMENT
    return struct.pack("<HH", 0x4246, pad - 4) + b"Z" * (pad - 4)


def save(obj, target, archive="archive", protocol=2):
    """Write ``obj`` as ``torch.save`` does (zip archive, storages as raw little-endian records)."""
    import io
    buf = io.BytesIO()
    p = _Pickler(buf, protocol)
    p.dump(obj)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_STORED) as zf:
        zf.writestr(f"{archive}/data.pkl", buf.getvalue())
        zf.writestr(f"{archive}/.format_version", "1")
        zf.writestr(f"{archive}/.storage_alignment", str(_ALIGNMENT))
        zf.writestr(f"{archive}/byteorder", "little")
        for ref in p.storages.values():
            data = ref.array.reshape(-1).view(np.uint8)
            name = f"{archive}/data/{ref.key}"
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.extra = _padding(zf, name, data.nbytes)
            zf.writestr(info, memoryview(data))
        zf.writestr(f"{archive}/version", "3\n")


def archive_name(target):
    if isinstance(target, (str, bytes, os.PathLike)):
        stem = os.path.splitext(os.path.basename(os.fsdecode(target)))[0]
        if stem and stem.isprintable() and "/" not in stem and "\\" not in stem:
            return stem
    return "archive"


# ---- reading -------------------------------------------------------------------------------------------
class _StorageType:
    def __init__(self, name, np_dtype):
        self.name, self.dtype = name, np_dtype


class _Untyped:
    """An UntypedStorage record (torch's uint16/32/64 tensors): read once its tensor names the dtype."""

    def __init__(self, reader, key, location, nbytes):
        self.reader, self.key, self.location, self.nbytes = reader, key, location, nbytes

    def typed(self, np_dtype):
        return self.reader.storage(np_dtype, self.key, self.location, self.nbytes // np_dtype.itemsize)


def _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad=False, backward_hooks=None,
                       metadata=None):
    if isinstance(storage, _Untyped):
        storage = storage.typed(np.dtype(np.uint8))
    itemsize = storage.dtype.itemsize
    if any(s < 0 for s in stride) or storage_offset < 0:
        raise pickle.UnpicklingError("autograd.load: a tensor in the checkpoint has a negative stride or offset")
    extent = sum((n - 1) * s for n, s in zip(size, stride)) + 1 if all(size) else 0
    if extent and storage_offset + extent > storage.size:
        raise pickle.UnpicklingError(f"autograd.load: a tensor of size {list(size)} and stride {list(stride)} at "
                                     f"offset {storage_offset} does not fit its storage of {storage.size} elements")
    arr = np.ndarray(tuple(size), dtype=storage.dtype, buffer=storage,
                     offset=storage_offset * itemsize if extent else 0, strides=tuple(s * itemsize for s in stride))
    t = Tensor._make(arr)
    if requires_grad:
        t.requires_grad_(True)
    t._version_counter[0] = 1  # PyTorch rebuilds a loaded tensor with an in-place ``set_``
    return t


def _rebuild_tensor(storage, storage_offset, size, stride):
    return _rebuild_tensor_v2(storage, storage_offset, size, stride)


def _rebuild_tensor_v3(storage, storage_offset, size, stride, requires_grad, backward_hooks, dtype, metadata=None):
    if not isinstance(dtype, _dtype.dtype):
        raise pickle.UnpicklingError(f"autograd.load: _rebuild_tensor_v3 with dtype {dtype!r}")
    if isinstance(storage, _Untyped):
        storage = storage.typed(dtype.np)
    elif storage.dtype != dtype.np:
        storage = storage.view(np.uint8).view(dtype.np)
    return _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks, metadata)


def _parameter_class():
    from nn import Parameter
    return Parameter


def _rebuild_parameter(data, requires_grad, backward_hooks):
    p = _parameter_class()(Tensor._make(data._data), requires_grad)
    p._version_counter = data._version_counter
    return p


def _set_state(tensor, state):
    """A tensor's Python attributes (``t.note = ...``) as torch pickles them; no dunder names."""
    if isinstance(state, tuple) and len(state) == 2:  # (dict state, slots state)
        state = state[0]
    for k, v in (state or {}).items():
        if not isinstance(k, str) or k.startswith("__"):
            raise pickle.UnpicklingError(f"autograd.load: a tensor in the checkpoint sets the attribute {k!r}")
        setattr(tensor, k, v)
    return tensor


def _rebuild_parameter_with_state(data, requires_grad, backward_hooks, state):
    return _set_state(_rebuild_parameter(data, requires_grad, backward_hooks), state)


def _rebuild_from_type_v2(func, new_type, args, state):
    ret = func(*args)
    if not isinstance(ret, Tensor):
        raise pickle.UnpicklingError(f"autograd.load: _rebuild_from_type_v2 made a {type(ret).__name__}")
    if isinstance(new_type, _ParameterGlobal) and not _is_parameter(ret):
        ret = _rebuild_parameter(ret, ret.requires_grad, None)
    return _set_state(ret, state)


def _get_layout(name):
    import autograd
    if name != "torch.strided":
        raise pickle.UnpicklingError(f"autograd.load: the checkpoint uses the layout {name!r}; autograd has only "
                                     "strided tensors")
    return getattr(autograd, "strided", name)


class _ParameterGlobal:
    """``torch.nn.parameter.Parameter`` (lazy: autograd does not import nn)."""

    def __call__(self, *args, **kwargs):
        return _parameter_class()(*args, **kwargs)


def _torch_globals():
    g = {"torch._utils._rebuild_tensor_v2": _rebuild_tensor_v2, "torch._utils._rebuild_tensor": _rebuild_tensor,
         "torch._utils._rebuild_tensor_v3": _rebuild_tensor_v3,
         "torch._utils._rebuild_parameter": _rebuild_parameter,
         "torch._utils._rebuild_parameter_with_state": _rebuild_parameter_with_state,
         "torch._tensor._rebuild_from_type_v2": _rebuild_from_type_v2,
         "torch.serialization._get_layout": _get_layout,
         "torch.Size": Size, "torch.device": _device, "torch.Tensor": Tensor,
         "torch.nn.parameter.Parameter": _ParameterGlobal(),
         "collections.OrderedDict": collections.OrderedDict, "collections.Counter": collections.Counter,
         "builtins.set": set, "builtins.complex": complex, "builtins.bytearray": bytearray}
    import _codecs
    g["_codecs.encode"] = _codecs.encode
    for d in _dtype.ALL:
        g[f"torch.{d.name}"] = d
    for alias, d in _dtype._ALIASES.items():
        g[f"torch.{alias}"] = d
    for name, dt in _STORAGES.items():
        g[f"torch.{name}"] = _StorageType(name, _dtype._BY_NAME[dt].np)
    g["torch.UntypedStorage"] = g["torch.storage.UntypedStorage"] = _StorageType("UntypedStorage", np.dtype(np.uint8))
    return g


_GLOBALS = _torch_globals()
_KNOWN_UNSUPPORTED = {f"torch.{n}" for n in _UNSUPPORTED_STORAGES} | {
    f"torch.{n}" for n in ("bfloat16", "complex32", "complex64", "complex128", "cfloat", "cdouble", "chalf",
                           "float8_e4m3fn", "float8_e5m2", "float8_e4m3fnuz", "float8_e5m2fnuz", "qint8",
                           "quint8", "qint32", "quint4x2", "quint2x4")}


def allowed_names(user_globals):
    return set(_GLOBALS) | set(user_globals)


def _ours(module, name):
    """``weights_only=False``: a torch global by the project's name mapping (torch.nn -> nn, torch -> autograd)."""
    import importlib
    if module == "torch.nn" or module.startswith("torch.nn."):
        candidates = ["nn" + module[len("torch.nn"):], "nn"]
    else:
        candidates = ["autograd" + module[len("torch"):], "autograd"]
    for mod in candidates:
        try:
            obj = importlib.import_module(mod)
            for part in name.split("."):
                obj = getattr(obj, part)
            return obj
        except (ImportError, AttributeError):
            continue
    raise pickle.UnpicklingError(f"autograd.load: the checkpoint names {module}.{name}, which has no counterpart "
                                 "in autograd/nn")


class Unpickler(pickle._Unpickler):
    """Unpickles ``data.pkl``: storages come from the archive's records, torch globals map onto ours.

    The pure-Python unpickler, so that ``weights_only`` can also restrict BUILD (setting an object's state) to
    OrderedDicts and allowlisted classes, as torch's weights_only unpickler does.
    """
    dispatch = dict(pickle._Unpickler.dispatch)

    def load_build(self):
        inst = self.stack[-2]  # below the state
        if self.weights_only and type(inst) is not collections.OrderedDict and \
                type(inst) not in [g for g in self.user_globals.values() if isinstance(g, type)]:
            raise pickle.UnpicklingError(f"autograd.load: weights_only: can only build OrderedDict or types "
                                         f"allowlisted via `add_safe_globals`, but got {type(inst).__name__}")
        super().load_build()

    dispatch[pickle.BUILD[0]] = load_build

    def __init__(self, file, reader, weights_only, user_globals, refuse):
        super().__init__(file)
        self.reader = reader
        self.weights_only = weights_only
        self.user_globals = user_globals
        self.refuse = refuse  # refuse(full_name, short_name): raises the weights_only error

    def find_class(self, module, name):
        from .serialization import _fix_name
        full = _fix_name(module, name)
        if full in self.user_globals:
            return self.user_globals[full]
        if full in _GLOBALS:
            return _GLOBALS[full]
        if full in _KNOWN_UNSUPPORTED:
            raise pickle.UnpicklingError(f"autograd.load: the checkpoint uses {full}, a dtype autograd does not "
                                         "support")
        if self.weights_only:
            self.refuse(full, name)
        mod, _, short = full.rpartition(".")
        if mod == "torch" or mod.startswith("torch."):
            return _ours(mod, short)
        return super().find_class(module, name)

    def persistent_load(self, pid):
        if not isinstance(pid, tuple) or len(pid) != 5 or pid[0] != "storage":
            raise pickle.UnpicklingError(f"autograd.load: unsupported persistent id {pid!r} in a PyTorch "
                                         "checkpoint (only storages)")
        _, storage_type, key, location, numel = pid
        if not isinstance(storage_type, _StorageType):
            raise pickle.UnpicklingError(f"autograd.load: unsupported storage type {storage_type!r}")
        if storage_type.name == "UntypedStorage":
            return _Untyped(self.reader, str(key), str(location), int(numel))
        return self.reader.storage(storage_type.dtype, str(key), str(location), int(numel))


class Reader:
    """The records of one torch archive: storages read once each (tensors viewing one share it)."""

    def __init__(self, zf, prefix, where, map_location):
        self.zf, self.prefix, self.where = zf, prefix, where
        self.map_location = map_location
        self.storages = {}
        names = set(zf.namelist())
        order = f"{prefix}/byteorder"
        self.byteorder = zf.read(order).decode("ascii").strip() if order in names else "little"
        if self.byteorder not in ("little", "big"):
            raise pickle.UnpicklingError(f"autograd.load: {where} has an unknown byteorder {self.byteorder!r}")

    def storage(self, dtype, key, location, numel):
        arr = self.storages.get(key)
        if arr is None:
            self.check_location(location)
            name = f"{self.prefix}/data/{key}"
            nbytes = numel * dtype.itemsize
            arr = np.empty(numel, dtype=dtype.newbyteorder("<" if self.byteorder == "little" else ">"))
            raw = memoryview(arr.view(np.uint8))
            with self.zf.open(name) as fh:
                got = 0
                while got < nbytes:
                    n = fh.readinto(raw[got:])
                    if not n:
                        raise pickle.UnpicklingError(f"autograd.load: {self.where}: storage record {name} holds "
                                                     f"{got} bytes, expected {nbytes}")
                    got += n
                while fh.read(1 << 20):  # the rest (if any), so that the zip CRC is checked
                    pass
            arr = self.restore(arr.astype(dtype.newbyteorder("="), copy=False), location)
            self.storages[key] = arr
        elif arr.dtype != dtype:
            arr = arr.view(dtype)
        return arr

    def check_location(self, location):
        ml = self.map_location
        if ml is None:
            target = location
        elif isinstance(ml, dict):
            target = ml.get(location, location)
        elif callable(ml):
            return
        else:
            target = ml
        if str(target).startswith("cuda"):
            raise RuntimeError("Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is "
                               "False. If you are running on a CPU-only machine, please use torch.load with "
                               "map_location=torch.device('cpu') to map your storages to the CPU.")

    def restore(self, arr, location):
        if not callable(self.map_location):
            return arr
        from ._extras import UntypedStorage
        out = self.map_location(UntypedStorage(arr), location)
        return out._array if isinstance(out, UntypedStorage) else arr


def load(zf, prefix, where, map_location, weights_only, user_globals, refuse):
    names = set(zf.namelist())
    if f"{prefix}/version" not in names and f"{prefix}/.data/version" not in names:
        from .serialization import SerializationError
        raise SerializationError(f"autograd.load: {where} looks like a PyTorch checkpoint but has no version record "
                                 "(truncated or damaged file?)")
    reader = Reader(zf, prefix, where, map_location)
    import io
    data = zf.read(f"{prefix}/data.pkl")
    return Unpickler(io.BytesIO(data), reader, weights_only, user_globals, refuse).load()


def pickled_names(zf, prefix):
    from .serialization import _pickled_globals
    return _pickled_globals(zf.read(f"{prefix}/data.pkl"))

