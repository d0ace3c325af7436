"""MNIST and Fashion-MNIST read from the original IDX ``.gz`` files, checked against their MD5s.

Differences from torchvision, on purpose: a sample's image is a float32 tensor ``1x28x28`` in [0, 1]
(what ``transforms.ToTensor()`` would give), not a PIL image; ``root`` is the directory that holds
the four files (``root/<name>`` and torchvision's ``root/MNIST/raw`` are also looked at), and
without ``root`` the files are searched for in ``$AUTOGRAD_DATA/<name>``,
``~/.cache/autograd/data/<name>``, ``./data/<name>``, ``../shared/data/<name>``.

Every file is verified: its MD5 must match the published one for the ``.gz`` file or, for files
recompressed or stored uncompressed, for its uncompressed content. A directory holding other data
in the same format (e.g. a small generated set) lists its checksums in an ``MD5SUMS`` file
(``md5sum`` format), which takes precedence.
"""
import hashlib
import os
from pathlib import Path

import numpy as np

from ..tensor import Tensor
from .dataset import Dataset, TensorDataset
from .idx import IDXError, gunzip, parse_idx

__all__ = ["MNIST", "FashionMNIST", "DatasetNotFoundError", "DatasetCorruptError", "search_paths"]


class DatasetNotFoundError(RuntimeError, FileNotFoundError):
    """None of the searched directories holds the data set's files (and downloading was off or failed)."""


class DatasetCorruptError(RuntimeError):
    """A data file exists but is damaged: wrong checksum, truncated gzip, or malformed IDX."""


def cache_dir(name):
    """Where ``download=True`` puts data set ``name`` when no root is given."""
    return Path.home() / ".cache" / "autograd" / "data" / name


def search_paths(name, root=None, folder=None):
    """The directories searched for data set ``name``, in order (None stands for an unset $AUTOGRAD_DATA).

    With ``root``: ``root``, ``root/<name>`` and torchvision's ``root/<folder>/raw`` come first.
    """
    out = []
    if root is not None:
        root = Path(root).expanduser()
        out += [root, root / name] + ([root / folder / "raw"] if folder else [])
    env = os.environ.get("AUTOGRAD_DATA")
    out.append(Path(env).expanduser() / name if env else None)
    return out + [cache_dir(name), Path("data") / name, Path("..") / "shared" / "data" / name]


def _md5(data):
    return hashlib.md5(data).hexdigest()


def _read_md5sums(directory):
    f = directory / "MD5SUMS"
    if not f.is_file():
        return {}
    sums = {}
    for line in f.read_text().splitlines():
        parts = line.split()
        if len(parts) == 2:
            sums[parts[1].lstrip("*")] = parts[0].lower()
    return sums


def _verified_bytes(path, expected):
    """The (uncompressed) content of ``path``; IDXError unless the file's or the content's MD5 is expected."""
    stored = path.read_bytes()
    digest = _md5(stored)

    def mismatch(got):
        return f"MD5 checksum mismatch: expected {' or '.join(sorted(expected))}, got {got}"
    if path.suffix != ".gz":
        if digest in expected:
            return stored
        raise IDXError(mismatch(digest))
    try:
        raw = gunzip(stored)
    except IDXError as e:
        raise IDXError(str(e) if digest in expected else f"{mismatch(digest)}; {e}") from None
    if digest in expected:
        return raw
    content = _md5(raw)
    if content in expected:
        return raw
    raise IDXError(mismatch(f"{digest} (uncompressed content: {content})"))


class MNIST(Dataset):
    """The MNIST handwritten digits: 60,000 training and 10,000 test images, 28x28, labels 0-9."""

    name = "mnist"
    mirrors = ["https://ossci-datasets.s3.amazonaws.com/mnist/", "http://yann.lecun.com/exdb/mnist/"]
    # file -> (MD5 of the .gz file, MD5 of its uncompressed content)
    resources = {
        "train-images-idx3-ubyte": ("f68b3c2dcbeaaa9fbdd348bbdeb94873", "6bbc9ace898e44ae57da46a324031adb"),
        "train-labels-idx1-ubyte": ("d53e105ee54ea40749a09fcbcd1e9432", "a25bea736e30d166cdddb491f175f624"),
        "t10k-images-idx3-ubyte": ("9fb629c4189551a2d022fa330f9573f3", "2646ac647ad5339dbf082846283269ea"),
        "t10k-labels-idx1-ubyte": ("ec29112dd5afa0611ce80d1b7f02629c", "27ae3e4e09519cfbb04c329615203637"),
    }
    classes = ["0 - zero", "1 - one", "2 - two", "3 - three", "4 - four", "5 - five", "6 - six", "7 - seven",
               "8 - eight", "9 - nine"]
    mean, std = 0.1307, 0.3081  # of the training images, for normalisation

    def __init__(self, root=None, train=True, transform=None, target_transform=None, download=False):
        self.train = train
        self.transform = transform
        self.target_transform = target_transform
        self.raw_folder = self._locate(root, download)
        self.root = str(root) if root is not None else str(self.raw_folder)
        prefix = "train" if train else "t10k"
        images = self._load(f"{prefix}-images-idx3-ubyte")
        labels = self._load(f"{prefix}-labels-idx1-ubyte")
        if images.ndim != 3 or labels.ndim != 1 or len(images) != len(labels) or images.dtype != np.uint8:
            raise DatasetCorruptError(
                f"{type(self).__name__}: {self.raw_folder}: images {images.dtype}{list(images.shape)} and labels "
                f"{labels.dtype}{list(labels.shape)} do not form a data set (expected uint8 N x H x W and N labels)")
        self.data = Tensor._make(images)
        self.targets = Tensor._make(labels.astype(np.int64))

    # ---- finding, downloading and checking files -------------------------------------------------
    @classmethod
    def _file_names(cls):
        return [f + ".gz" for f in cls.resources]

    @staticmethod
    def _path_of(directory, stem):
        """``stem.gz`` or the uncompressed ``stem`` in ``directory``, or None."""
        for candidate in (directory / (stem + ".gz"), directory / stem):
            if candidate.is_file():
                return candidate
        return None

    def _locate(self, root, download):
        tried = []
        for d in search_paths(self.name, root, type(self).__name__):
            if d is None:
                tried.append("$AUTOGRAD_DATA/%s (AUTOGRAD_DATA is not set)" % self.name)
                continue
            present = [s for s in self.resources if self._path_of(d, s) is not None]
            if len(present) == len(self.resources):
                return d
            shown = d if d.is_absolute() else f"{d} (= {d.resolve()})"
            tried.append(f"{shown}" + (f" (has only {len(present)} of the 4 files)" if present else ""))
        errors = []
        if download:
            target = Path(root).expanduser() if root is not None else cache_dir(self.name)
            errors = self._download(target)
            if not errors:
                return target
        raise DatasetNotFoundError(self._not_found_message(tried, errors, download))

    def _not_found_message(self, tried, errors, download):
        lines = [f"{type(self).__name__} data not found. Looked for the four files "
                 f"{', '.join(self._file_names())} in:"]
        lines += [f"  - {t}" for t in tried]
        if errors:
            lines.append("Download failed:")
            lines += [f"  - {e}" for e in errors]
        lines.append(f"Put the four files in one of these directories (or point AUTOGRAD_DATA at a directory holding "
                     f"'{self.name}/'), or pass download=True" + (" on a machine with network access." if download else "."))
        return "\n".join(lines)

    def _download(self, target):
        import urllib.request
        errors = []
        for stem, (gz_md5, _) in self.resources.items():
            if self._path_of(target, stem) is not None:
                continue
            fname = stem + ".gz"
            for mirror in self.mirrors:
                try:
                    with urllib.request.urlopen(mirror + fname, timeout=30) as r:
                        data = r.read()
                except Exception as e:  # any network failure: try the next mirror
                    errors.append(f"{mirror}{fname}: {e}")
                    continue
                if _md5(data) != gz_md5:
                    errors.append(f"{mirror}{fname}: MD5 {_md5(data)}, expected {gz_md5}")
                    continue
                target.mkdir(parents=True, exist_ok=True)
                tmp = target / (fname + ".part")
                tmp.write_bytes(data)
                tmp.replace(target / fname)
                break
            else:
                return errors
        return []

    def _load(self, stem):
        """The verified array in file ``stem`` of the located directory."""
        path = self._path_of(self.raw_folder, stem)
        cls = type(self).__name__
        listed = _read_md5sums(self.raw_folder)
        expected = {listed[n] for n in (path.name, stem) if n in listed} or set(self.resources[stem])
        try:
            return parse_idx(_verified_bytes(path, expected))
        except IDXError as e:
            raise DatasetCorruptError(
                f"{cls}: file '{path}' is corrupt or truncated: {e}. Delete it and fetch it again "
                f"({cls}(..., download=True) or copy a good one).") from None

    # ---- samples -----------------------------------------------------------------------------
    @property
    def class_to_idx(self):
        return {c: i for i, c in enumerate(self.classes)}

    def __len__(self):
        return len(self.data._data)

    def __getitem__(self, index):
        img = Tensor._make(self.data._data[index][None].astype(np.float32) / np.float32(255))
        target = int(self.targets._data[index])
        if self.transform is not None:
            img = self.transform(img)
        if self.target_transform is not None:
            target = self.target_transform(target)
        return img, target

    def _fetch_batch(self, idx):
        if self.transform is not None or self.target_transform is not None:
            return NotImplemented
        imgs = self.data._data[idx][:, None].astype(np.float32) / np.float32(255)
        return [Tensor._make(imgs), Tensor._make(self.targets._data[idx])]

    def as_tensors(self, normalize=False, flatten=False):
        """The whole split at once: (images float32 N x 1 x 28 x 28 in [0, 1], targets int64).

        ``normalize=True`` standardises with the training set's mean and std (``cls.mean``, ``cls.std``);
        ``flatten=True`` gives N x 784 images. Transforms are not applied.
        """
        x = self.data._data.astype(np.float32) / np.float32(255)
        if normalize:
            x = (x - np.float32(self.mean)) / np.float32(self.std)
        x = x.reshape(len(x), -1) if flatten else x[:, None]
        return Tensor._make(x), Tensor._make(self.targets._data.copy())

    def as_tensor_dataset(self, normalize=False, flatten=False):
        """``TensorDataset(*self.as_tensors(...))``: batches by slicing, the fastest way to train."""
        return TensorDataset(*self.as_tensors(normalize, flatten))

    def __repr__(self):
        lines = [f"Dataset {type(self).__name__}", f"    Number of datapoints: {len(self)}",
                 f"    Root location: {self.root}", f"    Split: {'Train' if self.train else 'Test'}"]
        if self.transform is not None:
            lines.append(f"    Transform: {self.transform!r}")
        if self.target_transform is not None:
            lines.append(f"    Target transform: {self.target_transform!r}")
        return "\n".join(lines)


class FashionMNIST(MNIST):
    """Zalando's Fashion-MNIST: MNIST's format and sizes, ten classes of clothing."""

    name = "fashion-mnist"
    mirrors = ["http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"]
    resources = {
        "train-images-idx3-ubyte": ("8d4fb7e6c68d591d4c3dfef9ec88bf0d", "f4a8712d7a061bf5bd6d2ca38dc4d50a"),
        "train-labels-idx1-ubyte": ("25c81989df183df01b3e8a0aad5dffbe", "9018921c3c673c538a1fc5bad174d6f9"),
        "t10k-images-idx3-ubyte": ("bef4ecab320f06d8554ea6380940ec79", "8181f5470baa50b63fa0f6fddb340f0a"),
        "t10k-labels-idx1-ubyte": ("bb300cfdad3c16e7a12a480ee83cd310", "15d484375f8d13e6eb1aabb0c3f46965"),
    }
    classes = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag",
               "Ankle boot"]
    mean, std = 0.2860, 0.3530
