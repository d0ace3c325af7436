"""The two PyTorch-shaped implementations behind one namespace, so a workload is written once."""
import types


def load(impl):
    """``impl`` is 'ours' or 'torch'; returns a namespace T (tensors), nn, F, optim, data."""
    if impl == "torch":
        import torch
        import torch.nn.functional as F
        import torch.utils.data as data
        return types.SimpleNamespace(T=torch, nn=torch.nn, F=F, optim=torch.optim, data=data)
    import importlib

    import autograd

    def opt(name):  # layers being written elsewhere may not import yet: their workloads skip
        try:
            return importlib.import_module(name)
        except Exception:
            return None
    return types.SimpleNamespace(T=autograd, nn=opt("nn"), F=opt("nn.functional"), optim=opt("optim"),
                                 data=opt("autograd.data"))


def mnist_arrays():
    """MNIST training images (60000, 784) float32 in [0, 1] and labels int64, read from the IDX files."""
    import gzip
    import os

    import numpy as np
    here = os.path.dirname(os.path.abspath(__file__))
    roots = [os.environ.get("AUTOGRAD_DATA", ""), os.path.join(here, "..", "..", "shared", "data"),
             os.path.join(here, "..", "data"), os.path.expanduser("~/.cache/autograd/data")]
    for root in roots:
        d = os.path.join(root, "mnist") if root else ""
        img = os.path.join(d, "train-images-idx3-ubyte.gz")
        lab = os.path.join(d, "train-labels-idx1-ubyte.gz")
        if root and os.path.exists(img) and os.path.exists(lab):
            with gzip.open(img) as f:
                x = np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 784)
            with gzip.open(lab) as f:
                y = np.frombuffer(f.read(), np.uint8, offset=8)
            return (x.astype(np.float32) / 255.0), y.astype(np.int64)
    raise FileNotFoundError("MNIST IDX files not found (set AUTOGRAD_DATA to the folder holding mnist/)")
