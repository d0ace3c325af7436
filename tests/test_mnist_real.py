"""Slow: the seed MLP trained for one epoch on the real MNIST reaches >= 93% test accuracy."""
import json
import os
from pathlib import Path

import pytest

from autograd.data import MNIST

FILES = ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz",
         "t10k-labels-idx1-ubyte.gz")


def real_data_root():
    """The directory holding mnist/ (AUTOGRAD_DATA or ../shared/data next to the repository), or None."""
    repo = Path(__file__).resolve().parents[1]
    for base in (os.environ.get("AUTOGRAD_DATA"), repo.parent / "shared" / "data", Path("../shared/data")):
        if base and all((Path(base) / "mnist" / f).is_file() for f in FILES):
            return Path(base) / "mnist"
    return None


@pytest.mark.slow
@pytest.mark.skipif(real_data_root() is None,
                    reason="real MNIST not found: set AUTOGRAD_DATA to a directory holding mnist/*.gz "
                           "(or provide ../shared/data/mnist next to the repository)")
def test_mlp_one_epoch_reaches_93_percent(tmp_path):
    pytest.importorskip("nn")
    pytest.importorskip("optim")
    from autograd.examples import mnist
    assert len(MNIST(real_data_root())) == 60000
    out = tmp_path / "run"
    code = mnist.main(["--data-root", str(real_data_root()), "--model", "mlp", "--optimizer", "adam", "--lr", "1e-3",
                       "--batch-size", "64", "--epochs", "1", "--seed", "0", "--no-plots", "--out", str(out)])
    assert code == 0
    m = json.loads((out / "metrics.json").read_text())
    assert m["train_samples"] == 60000 and m["test_samples"] == 10000
    assert m["final_test_acc"] >= 0.93, m["epochs"]
