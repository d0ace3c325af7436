"""Every benchmarked workload, written once against the PyTorch API (ours and torch) plus NumPy.

``build(name, impl)`` returns ``(step, info)``: ``step()`` runs one unit of work (a training step,
an epoch, one kernel call); ``info`` carries what the report derives from the time (flops, bytes).
A workload whose layers do not exist yet raises ``Skip`` with the reason.
"""
import numpy as np

from . import numpy_ref
from .libs import load, mnist_arrays

EW_N = 4 * 1024 * 1024


class Skip(Exception):
    """The implementation cannot run this workload yet (missing layer, optimizer, loader...)."""


def _need(L, *names):
    for name in names:
        obj = L
        for part in name.split("."):
            obj = getattr(obj, part, None)
            if obj is None:
                raise Skip(f"{name} not available yet")


def _mlp(L, batch, seed=0):
    _need(L, "nn.Linear", "nn.ReLU", "nn.Sequential", "nn.CrossEntropyLoss", "optim.Adam")
    T, nn = L.T, L.nn
    T.manual_seed(seed)
    model = nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))
    opt = L.optim.Adam(model.parameters(), lr=1e-3)
    return model, opt, nn.CrossEntropyLoss()


def _train_step(model, opt, lossf, x, y):
    opt.zero_grad()
    loss = lossf(model(x), y)
    loss.backward()
    opt.step()
    return loss


def mlp(L, batch):
    model, opt, lossf = _mlp(L, batch)
    rng = np.random.default_rng(0)
    x = L.T.from_numpy(rng.standard_normal((batch, 784), dtype=np.float32))
    y = L.T.from_numpy(rng.integers(0, 10, batch).astype(np.int64))
    return lambda: _train_step(model, opt, lossf, x, y), {}


def cnn_model(L):
    _need(L, "nn.Conv2d", "nn.MaxPool2d", "nn.Flatten", "nn.Linear", "nn.ReLU", "nn.Sequential",
          "nn.CrossEntropyLoss", "optim.Adam")
    nn = L.nn
    L.T.manual_seed(0)
    model = nn.Sequential(nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                          nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                          nn.Linear(3136, 128), nn.ReLU(), nn.Linear(128, 10))
    return model, L.optim.Adam(model.parameters(), lr=1e-3), nn.CrossEntropyLoss()


def cnn(L, batch=64):
    model, opt, lossf = cnn_model(L)
    rng = np.random.default_rng(0)
    x = L.T.from_numpy(rng.standard_normal((batch, 1, 28, 28), dtype=np.float32))
    y = L.T.from_numpy(rng.integers(0, 10, batch).astype(np.int64))
    return lambda: _train_step(model, opt, lossf, x, y), {}


def chain(L):
    T = L.T
    rng = np.random.default_rng(0)
    x = T.from_numpy(rng.standard_normal(4, dtype=np.float32)).requires_grad_()
    y = T.from_numpy(rng.standard_normal(4, dtype=np.float32)).requires_grad_()

    def step():
        x.grad = None
        y.grad = None
        a = x * y
        b = a + x
        c = b.sigmoid()
        d = c * 2.0
        e = d - y
        f = e.tanh()
        g = f * f
        h = g + 1.0
        i = h.exp()
        j = i / 3.0
        j.sum().backward()
    return step, {}


def mnist_epoch(L):
    _need(L, "data.DataLoader", "data.TensorDataset")
    model, opt, lossf = _mlp(L, 64)
    X, Y = mnist_arrays()
    ds = L.data.TensorDataset(L.T.from_numpy(X), L.T.from_numpy(Y))
    loader = L.data.DataLoader(ds, batch_size=64, shuffle=True)

    def epoch():
        for xb, yb in loader:
            _train_step(model, opt, lossf, xb, yb)
    return epoch, {}


def matmul(L, n):
    rng = np.random.default_rng(0)
    a = L.T.from_numpy(rng.standard_normal((n, n), dtype=np.float32))
    b = L.T.from_numpy(rng.standard_normal((n, n), dtype=np.float32))
    return lambda: a @ b, {"flops": 2.0 * n ** 3}


def _ew_arrays(k):
    rng = np.random.default_rng(0)
    return [rng.standard_normal(EW_N, dtype=np.float32) for _ in range(k)]


# name -> (number of input arrays, arrays read + written per element, tensor-API expression)
EW = {
    "x*y+z": (3, 4, lambda T, x, y, z: x * y + z),
    "relu": (1, 2, lambda T, x: x.relu()),
    "sigmoid": (1, 2, lambda T, x: x.sigmoid()),
    "tanh": (1, 2, lambda T, x: x.tanh()),
    "exp": (1, 2, lambda T, x: x.exp()),
    "relu_bwd": (2, 3, None),
    "sigmoid_bwd": (2, 3, None),
    "tanh_bwd": (2, 3, None),
    "exp_bwd": (2, 3, lambda T, g, y: g * y),
}


def _backward_op(impl, name):
    """The tensor-level op a backward pass runs for ``name`` (aten op for torch, our Op for ours)."""
    if impl == "torch":
        import torch
        aten = torch.ops.aten
        return {"relu_bwd": lambda g, y: aten.threshold_backward(g, y, 0),
                "sigmoid_bwd": aten.sigmoid_backward, "tanh_bwd": aten.tanh_backward}[name]
    from autograd.ops import pointwise as P
    return {"relu_bwd": P.ThresholdBackward.apply, "sigmoid_bwd": P.SigmoidBackward.apply,
            "tanh_bwd": P.TanhBackward.apply}[name]


def elementwise(L, impl, name):
    k, passes, expr = EW[name]
    arrs = [L.T.from_numpy(a) for a in _ew_arrays(k)]
    if name.endswith("_bwd"):
        arrs[1] = L.T.from_numpy(np.abs(arrs[1].numpy()) % 1.0)
    fn = (lambda *a: expr(L.T, *a)) if expr is not None else _backward_op(impl, name)
    return (lambda: fn(*arrs)), {"bytes": float(passes * 4 * EW_N)}


WORKLOADS = ["chain11", "mlp64", "mlp256", "cnn64", "mnist_epoch", "matmul1024", "matmul2048"] + \
    ["ew:" + n for n in EW]


def build(name, impl):
    if impl == "numpy":
        return numpy_ref.build(name)
    L = load(impl)
    if name == "chain11":
        return chain(L)
    if name.startswith("mlp"):
        return mlp(L, int(name[3:]))
    if name == "cnn64":
        return cnn(L, 64)
    if name == "mnist_epoch":
        return mnist_epoch(L)
    if name.startswith("matmul"):
        return matmul(L, int(name[6:]))
    if name.startswith("ew:"):
        return elementwise(L, impl, name[3:])
    raise KeyError(name)
