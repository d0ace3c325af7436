"""``Tensor.storage()`` and ``TypedStorage``: the typed view of the elements under a tensor and its views."""
import warnings

from .tensor import register_method

__all__ = ["TypedStorage", "is_storage"]


class TypedStorage:
    """The elements under a tensor and its views (``x.storage()``), typed by the tensor's dtype (deprecated in
    PyTorch in favour of ``untyped_storage()``, still common in scripts that compare ``data_ptr()``)."""

    is_sparse = False

    def __init__(self, array, dtype):
        from ._extras import _storage_root
        root = _storage_root(array)
        self._array = root if root.dtype == array.dtype else array  # a reinterpreted buffer keeps its own typing
        self.dtype = dtype

    def _flat(self):
        return self._array.reshape(-1) if self._array.flags.c_contiguous else self._array.ravel(order="K")

    def size(self):
        return int(self._array.size)

    __len__ = size

    def data_ptr(self):
        return self._array.__array_interface__["data"][0]

    def element_size(self):
        return self._array.itemsize

    def nbytes(self):
        return self._array.nbytes

    def tolist(self):
        return self._flat().tolist()

    def untyped(self):
        from ._extras import UntypedStorage
        return UntypedStorage(self._array)

    @property
    def device(self):
        from .tensor import device
        return device("cpu")

    def __getitem__(self, idx):
        return self._flat()[idx].item() if isinstance(idx, int) else TypedStorage(self._flat()[idx].copy(), self.dtype)

    def __iter__(self):
        return iter(self.tolist())

    def __repr__(self):
        body = "\n".join(" " + _format_item(v, self.dtype) for v in self.tolist())
        return (body + "\n" if body else "") + (f"[torch.storage.TypedStorage(dtype={self.dtype}, device=cpu) of "
                                                 f"size {self.size()}]")


def _format_item(v, dtype):
    return str(float(v)) if dtype.is_floating_point else str(v)


def _storage(self):
    warnings.warn("TypedStorage is deprecated. It will be removed in the future and UntypedStorage will be the only "
                  "storage class. This should only matter to you if you are using storages directly.  To access "
                  "UntypedStorage directly, use tensor.untyped_storage() instead of tensor.storage()", UserWarning,
                  stacklevel=2)
    return TypedStorage(self._data, self.dtype)


def is_storage(obj):
    from ._extras import UntypedStorage
    return isinstance(obj, (TypedStorage, UntypedStorage))


register_method("storage")(_storage)
