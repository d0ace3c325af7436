"""autograd.save / autograd.load: round trips of state dicts and optimizer states; damaged files."""
import collections
import io
import pickle
import warnings
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
    with pytest.raises(SerializationError, match="PyTorch checkpoint but has no version record"):
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


# ---- PyTorch's own format, both ways (real torch as the oracle) ------------------------------------------
def from_torch(obj, **load_kwargs):
    torch = pytest.importorskip("torch")
    buf = io.BytesIO()
    torch.save(obj, buf)
    buf.seek(0)
    return autograd.load(buf, **load_kwargs)


def to_torch(obj):
    torch = pytest.importorskip("torch")
    buf = io.BytesIO()
    autograd.save(obj, buf)
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as zf:
        assert "archive/data.pkl" in zf.namelist()  # written in PyTorch's format
    buf.seek(0)
    return torch.load(buf, weights_only=True)


def assert_like(ours, theirs):
    """An object tree of ours mirrors a torch one (types mapped, tensors equal with dtype, shape, stride)."""
    torch = pytest.importorskip("torch")
    if isinstance(theirs, torch.Tensor):
        assert isinstance(ours, autograd.Tensor)
        assert (type(ours).__name__ == "Parameter") == isinstance(theirs, torch.nn.Parameter)
        assert str(ours.dtype).split(".")[-1] == str(theirs.dtype).split(".")[-1]
        assert tuple(ours.shape) == tuple(theirs.shape) and ours.stride() == theirs.stride()
        assert ours.requires_grad == theirs.requires_grad
        np.testing.assert_array_equal(ours.detach().numpy(), theirs.detach().numpy())
    elif isinstance(theirs, torch.dtype):
        assert str(ours).split(".")[-1] == str(theirs).split(".")[-1]
    elif isinstance(theirs, torch.device):
        assert isinstance(ours, autograd.device) and str(ours) == str(theirs)
    elif isinstance(theirs, torch.Size):
        assert isinstance(ours, autograd.Size) and tuple(ours) == tuple(theirs)
    elif isinstance(theirs, dict):
        assert type(ours) is type(theirs) and list(ours) == list(theirs)
        for k in theirs:
            assert_like(ours[k], theirs[k])
    elif isinstance(theirs, (list, tuple)):
        assert type(ours) is type(theirs) and len(ours) == len(theirs)
        for a, b in zip(ours, theirs):
            assert_like(a, b)
    else:
        assert type(ours) is type(theirs) and ours == theirs


DTYPES = ["float16", "float32", "float64", "int8", "int16", "int32", "int64", "uint8", "bool", "uint16", "uint32",
          "uint64"]


@pytest.mark.parametrize("dtype", DTYPES)
def test_torch_tensors_of_every_dtype_both_ways(dtype):
    torch = pytest.importorskip("torch")
    t = (torch.arange(24).reshape(2, 3, 4) % 5).to(getattr(torch, dtype))
    obj = [t, t[0, 1], t[:, 1:, ::2], t.new_empty((0, 3)), t[1, 2, 3].clone()]
    back = from_torch(obj)
    assert_like(back, obj)
    assert np.shares_memory(back[0].numpy(), back[2].numpy())
    theirs = to_torch(back)
    assert_like(back, theirs)
    assert theirs[2].untyped_storage().data_ptr() == theirs[0].untyped_storage().data_ptr()


def test_torch_views_keep_sharing_storage_both_ways():
    torch = pytest.importorskip("torch")
    base = torch.arange(12.0)
    obj = {"base": base, "slice": base[2:7], "t": base.view(3, 4).t(), "diag": base.view(3, 4).diagonal(),
           "again": base, "zero_d": base[5]}
    back = from_torch(obj)
    assert_like(back, obj)
    assert back["again"] is back["base"] and back["slice"].storage_offset() == 2
    back["slice"][3] = -1.0  # element 5 of the storage, seen by every view
    assert back["base"][5].item() == back["t"][1, 1].item() == back["diag"][1].item() == back["zero_d"].item() == -1.0
    theirs = to_torch(back)
    assert_like(back, theirs)
    assert theirs["again"] is theirs["base"]
    assert theirs["t"].untyped_storage().data_ptr() == theirs["base"].untyped_storage().data_ptr()
    theirs["diag"][2] = 100.0
    assert theirs["base"][10].item() == theirs["t"][2, 2].item() == 100.0 and theirs["zero_d"].item() == -1.0


def test_our_views_reach_torch_as_views_of_one_storage():
    pytest.importorskip("torch")
    base = autograd.arange(20.0).reshape(4, 5)
    obj = (base, base[1:, ::2], base.t(), base.diagonal(offset=1), base.unfold(1, 2, 2), base.expand(2, 4, 5))
    theirs = to_torch(list(obj))
    for a, b in zip(obj, theirs):
        assert_like(a, b)
    assert len({b.untyped_storage().data_ptr() for b in theirs}) == 1
    theirs[1][0, 0] = -7.0
    assert theirs[0][1, 0].item() == -7.0
    fortran = autograd.from_numpy(np.asfortranarray(np.arange(6.0).reshape(2, 3)))
    assert_like(fortran, to_torch(fortran))
    assert_like(fortran[:, 1:], to_torch(fortran[:, 1:]))
    as_other_dtype = autograd.arange(4, dtype=autograd.int32).view(autograd.float32)  # stored as a copy
    assert_like(as_other_dtype, to_torch(as_other_dtype))
    assert_like([as_other_dtype[1:], base], to_torch([as_other_dtype[1:], base]))


def test_parameters_requires_grad_and_identity_both_ways():
    torch = pytest.importorskip("torch")
    nn = pytest.importorskip("nn")
    p = torch.nn.Parameter(torch.randn(3, 2))
    frozen = torch.nn.Parameter(torch.randn(2), requires_grad=False)
    leaf = torch.randn(4, requires_grad=True)
    obj = {"p": p, "frozen": frozen, "leaf": leaf, "p_again": p, "list": [p, leaf]}
    back = from_torch(obj)
    assert_like(back, obj)
    assert isinstance(back["p"], nn.Parameter) and back["p"].requires_grad and back["p"].is_leaf
    assert isinstance(back["frozen"], nn.Parameter) and not back["frozen"].requires_grad
    assert back["p_again"] is back["p"] is back["list"][0] and back["list"][1] is back["leaf"]
    back["p"].sum().backward()
    assert back["p"].grad.shape == (3, 2)
    theirs = to_torch(back)
    assert_like(back, theirs)
    assert theirs["p_again"] is theirs["p"] and isinstance(theirs["p"], torch.nn.Parameter)


def test_nested_containers_and_scalars_both_ways():
    torch = pytest.importorskip("torch")
    obj = {
        "od": collections.OrderedDict([("z", torch.ones(1)), ("a", [1, 2.5, None, True, False, "s"])]),
        3: (torch.Size([2, 3]), torch.float64, torch.int64, torch.bool, torch.device("cpu")),
        (1, "k"): {"set": {1, 2}, "complex": complex(1, -2), "bytes": b"\x00\xff", "big": 2 ** 70, "neg": -3},
        "counter": collections.Counter("aab"), "bytearray": bytearray(b"xy"),
        "floats": [float("inf"), -0.0, 1e-300],
        "deep": [[[{"t": torch.zeros(2, 2, dtype=torch.int32)}]]],
    }
    back = from_torch(obj)
    assert_like(back, obj)
    assert_like(back, to_torch(back))


def test_torch_model_state_dict_loads_into_our_model_and_back():
    torch = pytest.importorskip("torch")
    nn = pytest.importorskip("nn")
    torch.manual_seed(0)
    theirs = torch.nn.Sequential(torch.nn.Conv2d(1, 2, 3), torch.nn.BatchNorm2d(2), torch.nn.ReLU(),
                                 torch.nn.Flatten(), torch.nn.Linear(8, 3))
    theirs(torch.randn(4, 1, 4, 4))  # running stats move
    theirs.eval()
    sd = from_torch(theirs.state_dict())
    assert isinstance(sd, collections.OrderedDict) and sd._metadata == theirs.state_dict()._metadata
    ours = nn.Sequential(nn.Conv2d(1, 2, 3), nn.BatchNorm2d(2), nn.ReLU(), nn.Flatten(), nn.Linear(8, 3))
    ours.load_state_dict(sd)
    ours.eval()
    x = np.random.default_rng(0).standard_normal((2, 1, 4, 4)).astype(np.float32)
    np.testing.assert_allclose(ours(autograd.from_numpy(x)).detach().numpy(),
                               theirs(torch.from_numpy(x)).detach().numpy(), rtol=1e-5, atol=1e-6)

    back = to_torch(ours.state_dict())
    assert back._metadata == ours.state_dict()._metadata
    fresh = torch.nn.Sequential(torch.nn.Conv2d(1, 2, 3), torch.nn.BatchNorm2d(2), torch.nn.ReLU(),
                                torch.nn.Flatten(), torch.nn.Linear(8, 3))
    fresh.load_state_dict(back)
    fresh.eval()
    np.testing.assert_array_equal(fresh(torch.from_numpy(x)).detach().numpy(),
                                  theirs(torch.from_numpy(x)).detach().numpy())


def test_adam_state_dicts_move_both_ways_and_keep_stepping_alike():
    torch = pytest.importorskip("torch")
    nn = pytest.importorskip("nn")
    optim = pytest.importorskip("optim")
    torch.manual_seed(0)
    tm = torch.nn.Linear(3, 2)
    topt = torch.optim.Adam(tm.parameters(), lr=0.01, betas=(0.8, 0.99))
    x = torch.randn(5, 3)

    def tstep():
        topt.zero_grad()
        tm(x).pow(2).sum().backward()
        topt.step()
    tstep()
    ckpt = from_torch({"model": tm.state_dict(), "optim": topt.state_dict()})
    steps = [s["step"] for s in ckpt["optim"]["state"].values()]
    assert all(isinstance(s, autograd.Tensor) and s.dtype == autograd.float32 and s.shape == () for s in steps)
    om = nn.Linear(3, 2)
    om.load_state_dict(ckpt["model"])
    oopt = optim.Adam(om.parameters(), lr=0.5)
    oopt.load_state_dict(ckpt["optim"])
    assert oopt.param_groups[0]["lr"] == 0.01 and oopt.param_groups[0]["betas"] == (0.8, 0.99)
    ox = autograd.from_numpy(x.numpy().copy())
    for _ in range(2):
        tstep()
        oopt.zero_grad()
        om(ox).pow(2).sum().backward()
        oopt.step()
    for a, b in zip(om.parameters(), tm.parameters()):
        np.testing.assert_allclose(a.detach().numpy(), b.detach().numpy(), rtol=1e-5, atol=1e-6)

    back = to_torch({"model": om.state_dict(), "optim": oopt.state_dict()})
    tm2 = torch.nn.Linear(3, 2)
    tm2.load_state_dict(back["model"])
    topt2 = torch.optim.Adam(tm2.parameters())
    topt2.load_state_dict(back["optim"])
    assert topt2.state_dict()["state"][0]["step"].item() == 3.0
    for m, o in ((tm, topt), (tm2, topt2)):
        o.zero_grad()
        m(x).pow(2).sum().backward()
        o.step()
    for a, b in zip(tm.parameters(), tm2.parameters()):
        np.testing.assert_allclose(a.detach().numpy(), b.detach().numpy(), rtol=1e-5, atol=1e-6)


def test_map_location_on_torch_files():
    torch = pytest.importorskip("torch")
    obj = {"w": torch.arange(4.0), "v": torch.arange(4.0)[1:]}
    for ml in ("cpu", torch.device("cpu").type, autograd.device("cpu"), {"cpu": "cpu"}):
        assert from_torch(obj, map_location=ml)["v"].tolist() == [1.0, 2.0, 3.0]
    seen = []
    back = from_torch(obj, map_location=lambda s, loc: seen.append(loc) or s)
    assert seen == ["cpu", "cpu"] and back["w"].tolist() == [0.0, 1.0, 2.0, 3.0]
    with pytest.raises(RuntimeError, match="CUDA"):
        from_torch(obj, map_location="cuda")
    buf = io.BytesIO()
    torch.save(obj, buf)
    on_gpu = _rewrite(buf.getvalue(), lambda name, raw: raw.replace(b"X\x03\x00\x00\x00cpu", b"X\x06\x00\x00\x00cuda:0")
                      if name.endswith("data.pkl") else raw)
    with pytest.raises(RuntimeError, match="CUDA device but torch.cuda.is_available"):
        autograd.load(io.BytesIO(on_gpu))
    for ml in ("cpu", {"cuda:0": "cpu"}, lambda s, loc: s):
        assert autograd.load(io.BytesIO(on_gpu), map_location=ml)["v"].tolist() == [1.0, 2.0, 3.0]


def test_torch_tensors_with_attributes_and_pickle_protocols():
    torch = pytest.importorskip("torch")
    t = torch.ones(2)
    t.note = "kept"
    p = torch.nn.Parameter(torch.zeros(3))
    p.tag = 7
    back = from_torch({"t": t, "p": p})
    assert back["t"].note == "kept" and back["p"].tag == 7 and type(back["p"]).__name__ == "Parameter"
    buf = io.BytesIO()
    torch.save({"t": torch.arange(3)}, buf, pickle_protocol=4)
    buf.seek(0)
    assert autograd.load(buf)["t"].tolist() == [0, 1, 2]
    buf = io.BytesIO()
    autograd.save({"t": autograd.arange(3)}, buf, pickle_protocol=3)
    buf.seek(0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert torch.load(buf, weights_only=True)["t"].tolist() == [0, 1, 2]


def _rewrite(data, edit):
    """A copy of the zip archive ``data`` with ``edit(name, bytes) -> bytes`` applied to every record."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for name in src.namelist():
            dst.writestr(name, edit(name, src.read(name)))
    return out.getvalue()


def test_big_endian_torch_files(tmp_path):
    torch = pytest.importorskip("torch")
    obj = {"f": torch.randn(3, 2, dtype=torch.float64), "i": torch.arange(5, dtype=torch.int32),
           "h": torch.randn(4).half()}
    buf = io.BytesIO()
    torch.save(obj, buf)
    storage_dtype = {}
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as zf:
        assert zf.read("archive/byteorder") == b"little"
    for key, t in enumerate(obj.values()):
        storage_dtype[f"archive/data/{key}"] = t.numpy().dtype

    def swap(name, raw):
        if name == "archive/byteorder":
            return b"big"
        if name in storage_dtype:
            return np.frombuffer(raw, storage_dtype[name]).byteswap().tobytes()
        return raw
    (tmp_path / "big.pt").write_bytes(_rewrite(buf.getvalue(), swap))
    assert_like(autograd.load(tmp_path / "big.pt"), obj)
    assert_like(autograd.load(tmp_path / "big.pt"), torch.load(tmp_path / "big.pt"))


def test_disallowed_globals_in_torch_files_are_refused(tmp_path):
    torch = pytest.importorskip("torch")
    import argparse
    from autograd import serialization
    torch.save({"args": argparse.Namespace(lr=0.1), "w": torch.ones(2)}, tmp_path / "ns.pt")
    with pytest.raises(pickle.UnpicklingError, match="GLOBAL argparse.Namespace was not an allowed global"):
        autograd.load(tmp_path / "ns.pt")
    with pytest.raises(pickle.UnpicklingError, match="weights_only"):
        autograd.load(tmp_path / "ns.pt", weights_only=True)
    assert serialization.get_unsafe_globals_in_checkpoint(tmp_path / "ns.pt") == ["argparse.Namespace"]
    with serialization.safe_globals([argparse.Namespace]):
        assert autograd.load(tmp_path / "ns.pt")["args"].lr == 0.1
    back = autograd.load(tmp_path / "ns.pt", weights_only=False)
    assert back["args"].lr == 0.1 and back["w"].tolist() == [1.0, 1.0]

    evil = b"\x80\x02cos\nsystem\nq\x00X\x04\x00\x00\x00trueq\x01\x85q\x02Rq\x03."

    def plant(name, raw):
        return evil if name.endswith("data.pkl") else raw
    buf = io.BytesIO()
    torch.save({}, buf)
    (tmp_path / "evil.pt").write_bytes(_rewrite(buf.getvalue(), plant))
    with pytest.raises(pickle.UnpicklingError, match="GLOBAL posix.system|GLOBAL os.system"):
        autograd.load(tmp_path / "evil.pt")
    # BUILD on an allowed global (rename autograd.float32 through its slots) is refused too
    evil = b"\x80\x02ctorch\nfloat32\nN}X\x04\x00\x00\x00nameX\x04\x00\x00\x00evils\x86b."
    (tmp_path / "evil.pt").write_bytes(_rewrite(buf.getvalue(), plant))
    with pytest.raises(pickle.UnpicklingError, match="can only build OrderedDict"):
        autograd.load(tmp_path / "evil.pt")
    assert autograd.float32.name == "float32"


def test_whole_torch_module_needs_weights_only_false_and_maps_onto_ours(tmp_path):
    torch = pytest.importorskip("torch")
    nn = pytest.importorskip("nn")
    theirs = torch.nn.Sequential(torch.nn.Linear(3, 2), torch.nn.BatchNorm1d(2), torch.nn.ReLU())
    theirs(torch.randn(5, 3))
    theirs.eval()
    torch.save(theirs, tmp_path / "m.pt")
    with pytest.raises(pickle.UnpicklingError, match="torch.nn.modules.container.Sequential was not an allowed glob"):
        autograd.load(tmp_path / "m.pt")
    ours = autograd.load(tmp_path / "m.pt", weights_only=False)
    assert type(ours) is nn.Sequential and type(ours[1]) is nn.BatchNorm1d and not ours.training
    assert isinstance(ours[0].weight, nn.Parameter) and ours[0].weight.requires_grad
    x = np.random.default_rng(0).standard_normal((4, 3)).astype(np.float32)
    out = ours(autograd.from_numpy(x))
    np.testing.assert_allclose(out.detach().numpy(), theirs(torch.from_numpy(x)).detach().numpy(), rtol=1e-5,
                               atol=1e-6)
    out.sum().backward()
    assert ours[0].weight.grad.shape == (2, 3)


def test_damaged_torch_files(tmp_path):
    torch = pytest.importorskip("torch")
    torch.save({"w": torch.randn(100, 10)}, tmp_path / "good.pt")
    data = (tmp_path / "good.pt").read_bytes()
    with zipfile.ZipFile(tmp_path / "good.pt") as zf:
        record = zf.getinfo("good/data/0")
        data_start = record.header_offset + 30 + len(record.filename) + len(record.extra)
    flipped = bytearray(data)
    flipped[data_start + 100] ^= 0xFF
    cases = {"truncated.pt": data[: len(data) // 2], "flipped.pt": bytes(flipped)}
    for name, blob in cases.items():
        (tmp_path / name).write_bytes(blob)
        with pytest.raises(SerializationError, match=name):
            autograd.load(tmp_path / name)
    edits = {
        "short_pickle.pt": lambda name, raw: raw[: len(raw) // 2] if name.endswith("data.pkl") else raw,
        "short_storage.pt": lambda name, raw: raw[:10] if "/data/" in name else raw,
    }
    for name, edit in edits.items():
        (tmp_path / name).write_bytes(_rewrite(data, edit))
        with pytest.raises((SerializationError, pickle.UnpicklingError)):
            autograd.load(tmp_path / name)


def test_legacy_torch_files_are_refused_clearly(tmp_path):
    torch = pytest.importorskip("torch")
    torch.save({"w": torch.ones(2)}, tmp_path / "old.pt", _use_new_zipfile_serialization=False)
    with pytest.raises(pickle.UnpicklingError, match="legacy .non-zip. PyTorch checkpoint"):
        autograd.load(tmp_path / "old.pt")


def test_checkpoints_of_the_previous_format_still_load(tmp_path):
    with zipfile.ZipFile(tmp_path / "old.pt", "w") as zf:  # a state dict as autograd.save wrote it before
        buf = io.BytesIO()
        np.save(buf, np.arange(6.0, dtype=np.float32))
        zf.writestr("tensors/0.npy", buf.getvalue())
        zf.writestr("manifest.json", '{"format": "tapegrad-checkpoint", "version": 1, "object": {"$": "odict", "v": '
                                     '[["w", {"$": "tensor", "id": 0, "file": "tensors/0.npy", "requires_grad": false, '
                                     '"parameter": false, "view": null}], ["v", {"$": "tensor", "id": 1, "file": '
                                     '"tensors/0.npy", "requires_grad": false, "parameter": false, "view": {"offset": '
                                     '8, "shape": [2], "strides": [4]}}]]}}')
    back = autograd.load(tmp_path / "old.pt")
    assert type(back) is collections.OrderedDict and back["v"].tolist() == [2.0, 3.0]
    back["w"][2] = -1.0
    assert back["v"].tolist() == [-1.0, 3.0]


def test_format_choice():
    """Only what torch's weights_only loader reads goes to PyTorch's format; the rest keeps ours."""
    for obj in ({"a": np.arange(3)}, {"n": np.float32(1.0)}, {"f": frozenset([1])}, collections.defaultdict(list)):
        buf = io.BytesIO()
        autograd.save(obj, buf)
        with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as zf:
            assert "manifest.json" in zf.namelist(), obj
    buf = io.BytesIO()
    autograd.save({"t": autograd.ones(2)}, buf)
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as zf:
        assert sorted(zf.namelist()) == ["archive/.format_version", "archive/.storage_alignment",
                                         "archive/byteorder", "archive/data.pkl", "archive/data/0", "archive/version"]
        info = zf.getinfo("archive/data/0")
        assert (info.header_offset + 30 + len(info.filename) + len(info.extra)) % 64 == 0  # aligned as torch's
