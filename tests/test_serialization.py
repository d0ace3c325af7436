"""autograd.save / autograd.load: round trips of state dicts and optimizer states; damaged files."""
import collections
import io
import pickle
import zipfile

import numpy as np
import pytest

import autograd
from autograd.serialization import SerializationError


def round_trip(obj, tmp_path=None):
    if tmp_path is None:
        buf = io.BytesIO()
        autograd.save(obj, buf)
        buf.seek(0)
        return autograd.load(buf)
    autograd.save(obj, tmp_path / "ckpt.pt")
    return autograd.load(tmp_path / "ckpt.pt")


def assert_same(a, b):
    assert type(a) is type(b), (type(a), type(b))
    if isinstance(a, autograd.Tensor):
        assert a.dtype == b.dtype and a.shape == b.shape and a.requires_grad == b.requires_grad
        np.testing.assert_array_equal(a.detach().numpy(), b.detach().numpy())
    elif isinstance(a, np.ndarray):
        assert a.dtype == b.dtype
        np.testing.assert_array_equal(a, b)
    elif isinstance(a, dict):
        assert list(a) == list(b)
        for k in a:
            assert_same(a[k], b[k])
    elif isinstance(a, (list, tuple)):
        assert len(a) == len(b)
        for x, y in zip(a, b):
            assert_same(x, y)
    elif isinstance(a, float) and a != a:
        assert b != b
    else:
        assert a == b


@pytest.mark.parametrize("dtype", ["float32", "float64", "float16", "int64", "int32", "int16", "int8", "uint8", "bool"])
def test_tensor_dtypes(dtype):
    t = autograd.from_numpy((np.arange(12).reshape(3, 4) % 3).astype(getattr(autograd, dtype).np))
    assert_same(t, round_trip(t))


def test_nested_values_and_key_types(tmp_path):
    obj = {
        "od": collections.OrderedDict([("z", 1), ("a", 2)]),
        0: [1, 2.5, -3, True, None, "s", b"\x00bytes"],
        (1, 2): (autograd.zeros(0), autograd.tensor(3.5), autograd.Size([2, 3])),
        "floats": [float("inf"), float("-inf"), float("nan"), 1e-300, 0.1],
        "numpy": np.arange(6, dtype=np.int16).reshape(2, 3),
        "np_scalars": [np.float32(2.5), np.int64(7)],
        "dtype": autograd.float64,
        "device": autograd.device("cpu"),
        "big": 2 ** 70,
    }
    back = round_trip(obj, tmp_path)
    back["np_scalars"] = [np.float32(x) if isinstance(x, float) else np.int64(x) for x in back["np_scalars"]]
    assert_same(obj, back)


def test_requires_grad_views_and_shared_objects():
    w = autograd.randn(4, 3, requires_grad=True)
    base = autograd.arange(10.0)
    view = base[2:5]
    back = round_trip({"w": w, "again": w, "base": base, "view": view, "t": base.reshape(2, 5).t()})
    assert back["w"] is back["again"] and back["w"].requires_grad and back["w"].is_leaf
    np.testing.assert_array_equal(back["view"].numpy(), [2.0, 3.0, 4.0])
    np.testing.assert_array_equal(back["t"].numpy(), np.arange(10.0).reshape(2, 5).T)


def test_model_and_optimizer_state_dicts(tmp_path):
    nn = pytest.importorskip("nn")
    optim = pytest.importorskip("optim")
    torch_like = nn.Sequential(nn.Flatten(), nn.Linear(6, 5), nn.ReLU(), nn.Linear(5, 3))
    opt = optim.Adam(torch_like.parameters(), lr=1e-3, betas=(0.8, 0.99))
    x = autograd.randn(4, 2, 3)
    torch_like(x).pow(2).sum().backward()
    opt.step()
    ckpt = {"model": torch_like.state_dict(), "optimizer": opt.state_dict(), "epoch": 3, "metrics": {"acc": [0.5]}}
    autograd.save(ckpt, tmp_path / "c.pt")
    back = autograd.load(tmp_path / "c.pt")
    assert_same(ckpt["model"], back["model"])
    assert_same(ckpt["optimizer"], back["optimizer"])
    assert back["epoch"] == 3 and back["metrics"] == {"acc": [0.5]}

    model2 = nn.Sequential(nn.Flatten(), nn.Linear(6, 5), nn.ReLU(), nn.Linear(5, 3))
    model2.load_state_dict(back["model"])
    opt2 = optim.Adam(model2.parameters(), lr=0.5)
    opt2.load_state_dict(back["optimizer"])
    assert opt2.param_groups[0]["lr"] == 1e-3 and opt2.param_groups[0]["betas"] == (0.8, 0.99)
    for m in (torch_like, model2):
        m.zero_grad()
        m(x).pow(2).sum().backward()
    opt.step()
    opt2.step()
    for p, q in zip(torch_like.parameters(), model2.parameters()):
        np.testing.assert_array_equal(p.detach().numpy(), q.detach().numpy())


def test_parameters_round_trip_as_parameters():
    nn = pytest.importorskip("nn")
    p = nn.Parameter(autograd.randn(3))
    back = round_trip([p])[0]
    assert isinstance(back, nn.Parameter) and back.requires_grad
    np.testing.assert_array_equal(back.detach().numpy(), p.detach().numpy())


def test_file_objects_and_load_kwargs(tmp_path):
    obj = {"a": autograd.ones(3)}
    with open(tmp_path / "f.pt", "wb") as f:
        autograd.save(obj, f)
    with open(tmp_path / "f.pt", "rb") as f:
        assert_same(obj, autograd.load(f, map_location="cpu", weights_only=True))

    class Stream(io.RawIOBase):  # not seekable
        def __init__(self, data):
            self._b = io.BytesIO(data)

        def readable(self):
            return True

        def readinto(self, b):
            return self._b.readinto(b)
    data = (tmp_path / "f.pt").read_bytes()
    assert_same(obj, autograd.load(Stream(data), map_location=autograd.device("cpu")))
    assert_same(obj, autograd.load(str(tmp_path / "f.pt"), map_location=lambda s, loc: s, weights_only=False))
    with pytest.raises(RuntimeError, match="CUDA"):
        autograd.load(tmp_path / "f.pt", map_location="cuda")


def test_unpicklable_objects_are_refused_and_nothing_is_written():
    class Local:
        pass
    buf = io.BytesIO()
    with pytest.raises((AttributeError, pickle.PicklingError)):
        autograd.save({"m": Local()}, buf)
    assert buf.getvalue() == b""
    with pytest.raises(TypeError, match="NumPy array of Python objects"):
        autograd.save(np.array([object()]), io.BytesIO())


def test_whole_model_is_pickled_and_loads_only_with_weights_only_false(tmp_path):
    import nn
    import optim
    model = nn.Sequential(nn.Linear(3, 2), nn.BatchNorm1d(2), nn.ReLU())
    model(autograd.randn(4, 3))  # running stats move
    model.eval()
    opt = optim.Adam(model.parameters())
    path = tmp_path / "whole.pt"
    autograd.save({"model": model, "weight": model[0].weight, "opt": opt.state_dict()}, path)
    with zipfile.ZipFile(path) as zf:  # tensors are .npy files, not pickled
        assert "object.pkl" in zf.namelist() and any(n.endswith(".npy") for n in zf.namelist())
    for kwargs in ({}, {"weights_only": True}):
        with pytest.raises(pickle.UnpicklingError, match="weights_only"):
            autograd.load(path, **kwargs)
    back = autograd.load(path, weights_only=False)
    m2 = back["model"]
    assert type(m2) is nn.Sequential and not m2.training and back["weight"] is m2[0].weight
    assert type(m2[0].weight).__name__ == "Parameter" and m2[0].weight.requires_grad
    for (k, a), (_, b) in zip(model.state_dict().items(), m2.state_dict().items()):
        np.testing.assert_array_equal(a.numpy(), b.numpy(), err_msg=k)
    x = autograd.randn(5, 3)
    np.testing.assert_array_equal(model(x).detach().numpy(), m2(x).detach().numpy())
    m2(x).sum().backward()
    assert m2[0].weight.grad.shape == (2, 3)
    # a state_dict still needs no pickle, and loads with the default weights_only
    autograd.save(model.state_dict(), path)
    assert set(autograd.load(path)) == set(model.state_dict())


def test_damaged_and_foreign_files(tmp_path):
    path = tmp_path / "good.pt"
    autograd.save({"w": autograd.randn(100, 10)}, path)
    data = path.read_bytes()
    cases = {
        "truncated.pt": data[: len(data) // 2],
        "empty.pt": b"",
        "text.pt": b"hello world",
    }
    flipped = bytearray(data)
    flipped[len(data) // 3] ^= 0xFF  # inside the tensor's data: the zip CRC catches it
    cases["flipped.pt"] = bytes(flipped)
    for name, blob in cases.items():
        (tmp_path / name).write_bytes(blob)
        with pytest.raises(SerializationError, match=name) as info:
            autograd.load(tmp_path / name)
        assert isinstance(info.value, RuntimeError)

    with zipfile.ZipFile(tmp_path / "torch.pt", "w") as zf:
        zf.writestr("archive/data.pkl", b"\x80\x02}q\x00.")
    with pytest.raises(SerializationError, match="PyTorch .pickle. checkpoint"):
        autograd.load(tmp_path / "torch.pt")
    with zipfile.ZipFile(tmp_path / "other.zip", "w") as zf:
        zf.writestr("readme.txt", "hi")
    with pytest.raises(SerializationError, match="no manifest.json"):
        autograd.load(tmp_path / "other.zip")
    with zipfile.ZipFile(tmp_path / "pickled.pt", "w") as zf:
        zf.writestr("manifest.json", '{"format": "tapegrad-checkpoint", "version": 1, '
                                     '"object": {"$": "ndarray", "file": "x.npy"}}')
        buf = io.BytesIO()
        np.save(buf, np.array([{"evil": 1}], dtype=object), allow_pickle=True)
        zf.writestr("x.npy", buf.getvalue())
    with pytest.raises(SerializationError, match="pickled.pt"):
        autograd.load(tmp_path / "pickled.pt")
    with pytest.raises(FileNotFoundError):
        autograd.load(tmp_path / "missing.pt")


def test_real_torch_files_are_refused(tmp_path):
    torch = pytest.importorskip("torch")
    torch.save({"w": torch.ones(2)}, tmp_path / "t.pt")
    with pytest.raises(SerializationError, match="PyTorch"):
        autograd.load(tmp_path / "t.pt")
