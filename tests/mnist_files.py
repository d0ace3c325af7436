"""Test helper: write a small MNIST-format data set (four IDX .gz files plus MD5SUMS) into a directory."""
import hashlib
from pathlib import Path

import numpy as np

from autograd.data import write_idx

FILES = ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz",
         "t10k-labels-idx1-ubyte.gz")


def fake_digits(n, seed):
    """``n`` learnable 28x28 uint8 images: class k has a bright bar at row 2 + 2k, plus noise."""
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, 10, n).astype(np.uint8)
    images = rng.integers(0, 60, (n, 28, 28)).astype(np.uint8)
    for i, k in enumerate(labels):
        images[i, 2 + 2 * k: 4 + 2 * k, 4:24] = 255
    return images, labels


def write_fake_mnist(directory, n_train=300, n_test=100, seed=0, md5sums=True):
    """Write the four files (and an MD5SUMS listing them) into ``directory``; returns its Path."""
    d = Path(directory)
    d.mkdir(parents=True, exist_ok=True)
    tr_x, tr_y = fake_digits(n_train, seed)
    te_x, te_y = fake_digits(n_test, seed + 1)
    for name, arr in zip(FILES, (tr_x, tr_y, te_x, te_y)):
        write_idx(d / name, arr)
    if md5sums:
        (d / "MD5SUMS").write_text("".join(f"{hashlib.md5((d / f).read_bytes()).hexdigest()}  {f}\n" for f in FILES))
    return d
