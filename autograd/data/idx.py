"""The IDX file format of MNIST-style data sets: read and write, plain or gzip-compressed.

An IDX file is a big-endian header (two zero bytes, a type code, the number of dimensions, then one
int32 per dimension) followed by the raw array. ``write_idx`` exists so tests and users can make
small data sets in exactly the format the loaders read.
"""
import gzip
import zlib

import numpy as np

__all__ = ["read_idx", "parse_idx", "write_idx", "gunzip", "IDXError"]

_TYPES = {0x08: np.uint8, 0x09: np.int8, 0x0B: np.dtype(">i2"), 0x0C: np.dtype(">i4"),
          0x0D: np.dtype(">f4"), 0x0E: np.dtype(">f8")}
_CODES = {np.dtype(v).newbyteorder("="): k for k, v in _TYPES.items()}


class IDXError(ValueError):
    """The bytes are not a well-formed IDX file (bad magic number, or size disagreeing with the header)."""


def parse_idx(raw):
    """The array stored in IDX bytes ``raw`` (uncompressed), in native byte order."""
    if len(raw) < 4 or raw[0] != 0 or raw[1] != 0 or raw[2] not in _TYPES:
        raise IDXError(f"not an IDX file (magic bytes {raw[:4].hex() or 'missing'})")
    ndim = raw[3]
    if len(raw) < 4 + 4 * ndim:
        raise IDXError(f"IDX header truncated ({len(raw)} bytes)")
    dims = tuple(int(d) for d in np.frombuffer(raw, ">u4", count=ndim, offset=4))
    dt = np.dtype(_TYPES[raw[2]])
    expected = int(np.prod(dims, dtype=np.int64)) * dt.itemsize
    got = len(raw) - 4 - 4 * ndim
    if got != expected:
        raise IDXError(f"IDX header announces shape {list(dims)} ({expected} bytes of data) but the file has {got}")
    arr = np.frombuffer(raw, dt, offset=4 + 4 * ndim).reshape(dims)
    return arr.astype(dt.newbyteorder("="), copy=True)


def gunzip(data):
    """Decompressed gzip bytes; IDXError when they are damaged or truncated."""
    try:
        return gzip.decompress(data)
    except (OSError, EOFError, zlib.error) as e:
        raise IDXError(f"gzip data is corrupt or truncated ({e})") from None


def read_idx(path):
    """The array stored in the IDX file ``path`` (gzip-compressed when it ends in .gz)."""
    with open(path, "rb") as f:
        data = f.read()
    return parse_idx(gunzip(data) if str(path).endswith(".gz") else data)


def write_idx(path, array):
    """Write ``array`` (uint8, int8, int16, int32, float32 or float64) as IDX; gzip when path ends in .gz."""
    arr = np.asarray(array)
    code = _CODES.get(arr.dtype.newbyteorder("="))
    if code is None:
        raise TypeError(f"write_idx: unsupported dtype {arr.dtype}; use one of uint8, int8, int16, int32, float32, float64")
    header = bytes([0, 0, code, arr.ndim]) + np.asarray(arr.shape, ">u4").tobytes()
    raw = header + np.ascontiguousarray(arr, dtype=np.dtype(_TYPES[code])).tobytes()
    if str(path).endswith(".gz"):
        raw = gzip.compress(raw, mtime=0)
    with open(path, "wb") as f:
        f.write(raw)
