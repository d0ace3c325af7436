"""autograd.data: datasets, samplers, collate and DataLoader against torch.utils.data; MNIST files."""
import collections
import gzip
import os
from pathlib import Path

import numpy as np
import pytest

from oracle import torch

import autograd
from autograd import data as D
from mnist_files import FILES, fake_digits, write_fake_mnist

tdata = torch.utils.data


def as_np(x):
    return x.detach().numpy() if hasattr(x, "detach") else np.asarray(x)


def same_structure(ours, theirs):
    """Collated outputs agree in container types, tensor dtypes and values."""
    if isinstance(theirs, torch.Tensor):
        assert isinstance(ours, autograd.Tensor), type(ours)
        assert str(ours.dtype).split(".")[-1] == str(theirs.dtype).split(".")[-1]
        np.testing.assert_array_equal(as_np(ours), theirs.numpy())
    elif isinstance(theirs, dict):
        assert type(ours) is type(theirs) and list(ours) == list(theirs)
        for k in theirs:
            same_structure(ours[k], theirs[k])
    elif isinstance(theirs, (list, tuple)) and not isinstance(theirs, str):
        assert type(ours) is type(theirs) and len(ours) == len(theirs), (type(ours), type(theirs))
        for a, b in zip(ours, theirs):
            same_structure(a, b)
    else:
        assert ours == theirs


def gen(seed):
    return autograd.Generator().manual_seed(seed)


# ---- default_collate / default_convert ----------------------------------------------------------
Point = collections.namedtuple("Point", "x y")

COLLATE_CASES = {
    "ints": [0, 1, 2],
    "floats": [0.5, 1.5],
    "bools": [True, False],
    "strings": ["a", "b"],
    "np_float32_scalars": [np.float32(1), np.float32(2)],
    "np_arrays": [np.arange(3, dtype=np.int32), np.arange(3, dtype=np.int32)],
    "tuples": [(1, "a", 2.0), (2, "b", 3.0)],
    "lists": [[1, 2], [3, 4]],
    "dicts": [{"a": 1, "b": (1.0, 2)}, {"a": 3, "b": (3.0, 4)}],
    "ordered_dicts": [collections.OrderedDict(z=1, a=2.0), collections.OrderedDict(z=3, a=4.0)],
    "namedtuples": [Point(1, 2.0), Point(3, 4.0)],
}


@pytest.mark.parametrize("case", sorted(COLLATE_CASES))
def test_default_collate_matches_torch(case):
    batch = COLLATE_CASES[case]
    same_structure(D.default_collate(batch), tdata.default_collate(batch))


def test_default_collate_tensors_stack():
    xs = [autograd.randn(2, 3) for _ in range(4)]
    ours = D.default_collate([(x, i) for i, x in enumerate(xs)])
    theirs = tdata.default_collate([(torch.from_numpy(x.numpy().copy()), i) for i, x in enumerate(xs)])
    same_structure(ours, theirs)


def test_default_collate_errors():
    with pytest.raises(RuntimeError, match="stack expects each tensor to be equal size"):
        D.default_collate([autograd.zeros(2), autograd.zeros(3)])
    with pytest.raises(RuntimeError, match="each element in list of batch should be of equal size"):
        D.default_collate([[1, 2], [1]])
    with pytest.raises(TypeError, match="default_collate: batch must contain"):
        D.default_collate([object(), object()])


@pytest.mark.skipif(not hasattr(autograd, "stack"), reason="autograd.stack not available yet")
def test_default_collate_keeps_graph():
    xs = [autograd.randn(3, requires_grad=True) for _ in range(2)]
    out = D.default_collate(xs)
    assert out.requires_grad
    out.sum().backward()
    np.testing.assert_array_equal(xs[0].grad.numpy(), np.ones(3, np.float32))


def test_default_convert_matches_torch():
    for sample in [np.arange(3), (np.float64(2.0), "s"), {"a": np.ones(2)}, 5, Point(np.int64(1), 2)]:
        same_structure(D.default_convert(sample), tdata.default_convert(sample))


# ---- samplers --------------------------------------------------------------------------------------
def test_sequential_and_batch_sampler_match_torch():
    for bs, drop in [(3, False), (3, True), (5, False), (10, True), (11, False)]:
        ours = list(D.BatchSampler(D.SequentialSampler(range(10)), bs, drop))
        theirs = list(tdata.BatchSampler(tdata.SequentialSampler(range(10)), bs, drop))
        assert ours == theirs
        assert len(D.BatchSampler(range(10), bs, drop)) == len(theirs)
        assert all(type(i) is int for b in ours for i in b)


def test_batch_sampler_over_plain_iterables():
    assert list(D.BatchSampler(iter([5, 6, 7]), 2, False)) == [[5, 6], [7]]
    assert list(D.BatchSampler([5, 6, 7], 2, True)) == [[5, 6]]


@pytest.mark.parametrize("kwargs, err", [({"batch_size": 0, "drop_last": False}, ValueError),
                                          ({"batch_size": True, "drop_last": False}, ValueError),
                                          ({"batch_size": 2, "drop_last": 1}, ValueError)])
def test_batch_sampler_errors(kwargs, err):
    with pytest.raises(err, match="should be a"):
        D.BatchSampler(range(4), **kwargs)


def test_random_sampler():
    s = D.RandomSampler(range(20), generator=gen(0))
    a, b = list(s), list(s)
    assert sorted(a) == list(range(20)) and sorted(b) == list(range(20)) and a != b
    assert list(D.RandomSampler(range(20), generator=gen(0))) == a
    more = list(D.RandomSampler(range(5), num_samples=12, generator=gen(1)))
    assert len(more) == 12 and sorted(more[:5]) == list(range(5)) and sorted(more[5:10]) == list(range(5))
    rep = list(D.RandomSampler(range(3), replacement=True, num_samples=50, generator=gen(2)))
    assert len(rep) == 50 and set(rep) == {0, 1, 2}
    with pytest.raises(TypeError, match="replacement should be a boolean value"):
        D.RandomSampler(range(3), replacement=1)
    with pytest.raises(ValueError, match="num_samples should be a positive integer value"):
        D.RandomSampler(range(3), num_samples=0)


def test_random_sampler_without_generator_follows_manual_seed():
    autograd.manual_seed(3)
    a = list(D.RandomSampler(range(30)))
    autograd.manual_seed(3)
    assert list(D.RandomSampler(range(30))) == a


def test_subset_and_weighted_samplers():
    s = D.SubsetRandomSampler([10, 20, 30, 40], generator=gen(0))
    assert sorted(s) == [10, 20, 30, 40] and len(s) == 4
    w = D.WeightedRandomSampler([0.0, 1.0, 0.0, 3.0], 40, generator=gen(0))
    drawn = list(w)
    assert len(drawn) == 40 and set(drawn) <= {1, 3} and drawn.count(3) > drawn.count(1)
    assert sorted(D.WeightedRandomSampler([1, 1, 1], 3, replacement=False, generator=gen(0))) == [0, 1, 2]
    with pytest.raises(ValueError, match="weights should be a 1d sequence"):
        D.WeightedRandomSampler([[1.0]], 1)
    with pytest.raises(ValueError, match="num_samples should be a positive integer value"):
        D.WeightedRandomSampler([1.0], 0)


# ---- datasets and random_split -------------------------------------------------------------------
def test_tensor_dataset():
    x, y = autograd.randn(5, 2), autograd.arange(5)
    ds = D.TensorDataset(x, y)
    assert len(ds) == 5
    a, b = ds[3]
    np.testing.assert_array_equal(a.numpy(), x.numpy()[3]) and b.item() == 3
    with pytest.raises(AssertionError, match="Size mismatch between tensors"):
        D.TensorDataset(x, autograd.arange(4))


def test_concat_stack_chain_subset():
    a, b = D.TensorDataset(autograd.arange(3)), D.TensorDataset(autograd.arange(3, 7))
    c = a + b
    assert isinstance(c, D.ConcatDataset) and len(c) == 7 and c.cumulative_sizes == [3, 7]
    assert [c[i][0].item() for i in range(7)] == list(range(7)) and c[-1][0].item() == 6
    with pytest.raises(ValueError, match="absolute value of index should not exceed dataset length"):
        c[-8]
    with pytest.raises(AssertionError, match="datasets should not be an empty iterable"):
        D.ConcatDataset([])
    st = D.StackDataset(a, a)
    assert st[1][0][0].item() == 1 and len(st) == 3
    assert set(D.StackDataset(p=a, q=a)[0]) == {"p", "q"}
    with pytest.raises(ValueError, match="Size mismatch between datasets"):
        D.StackDataset(a, b)

    class Stream(D.IterableDataset):
        def __init__(self, n):
            self.n = n

        def __iter__(self):
            return iter(range(self.n))

        def __len__(self):
            return self.n
    ch = Stream(2) + Stream(3)
    assert isinstance(ch, D.ChainDataset) and list(ch) == [0, 1, 0, 1, 2] and len(ch) == 5
    sub = D.Subset(b, [3, 0])
    assert len(sub) == 2 and sub[0][0].item() == 6 and sub[1][0].item() == 3


def test_random_split():
    parts = D.random_split(range(10), [3, 7], generator=gen(42))
    assert [len(p) for p in parts] == [3, 7]
    assert sorted(list(parts[0]) + list(parts[1])) == list(range(10))
    again = D.random_split(range(10), [3, 7], generator=gen(42))
    assert list(again[0]) == list(parts[0])
    for fr in ([0.3, 0.3, 0.4], [0.5, 0.5], [0.1, 0.2, 0.7]):
        ours = [len(p) for p in D.random_split(range(31), fr, generator=gen(0))]
        theirs = [len(p) for p in tdata.random_split(range(31), fr, generator=torch.Generator().manual_seed(0))]
        assert ours == theirs
    with pytest.raises(ValueError, match="Sum of input lengths does not equal the length of the input dataset"):
        D.random_split(range(10), [3, 3])
    with pytest.warns(UserWarning, match="Length of split at index 1 is 0"):
        D.random_split(range(2), [1.0, 0.0])


# ---- DataLoader ----------------------------------------------------------------------------------
class PerSample(D.Dataset):
    """A plain map-style dataset (no batch shortcut)."""

    def __init__(self, n):
        self.x = np.arange(n * 2, dtype=np.float32).reshape(n, 2)

    def __len__(self):
        return len(self.x)

    def __getitem__(self, i):
        return autograd.from_numpy(self.x[i]), int(i)


def tensor_ds(n):
    return D.TensorDataset(autograd.arange(n * 2, dtype=autograd.float32).reshape(n, 2), autograd.arange(n))


DATASETS = {"tensor": tensor_ds, "per_sample": PerSample, "subset": lambda n: D.Subset(tensor_ds(n + 3), list(range(n)))}


@pytest.mark.parametrize("kind", sorted(DATASETS))
@pytest.mark.parametrize("shuffle", [False, True])
@pytest.mark.parametrize("drop_last", [False, True])
def test_every_sample_once_per_epoch(kind, shuffle, drop_last):
    n, bs = 23, 5
    loader = D.DataLoader(DATASETS[kind](n), batch_size=bs, shuffle=shuffle, drop_last=drop_last, generator=gen(0))
    expected_batches = n // bs if drop_last else -(-n // bs)
    assert len(loader) == expected_batches
    for _ in range(2):
        batches = list(loader)
        assert len(batches) == expected_batches
        assert all(isinstance(b, list) and len(b) == 2 for b in batches)
        sizes = [len(b[1]) for b in batches]
        assert sizes == [bs] * (n // bs) + ([] if drop_last else [n % bs])
        ids = np.concatenate([b[1].numpy() for b in batches])
        assert len(set(ids.tolist())) == len(ids)
        if not drop_last:
            assert sorted(ids.tolist()) == list(range(n))
        for x, y in batches:
            assert x.dtype == autograd.float32 and y.dtype == autograd.int64 and tuple(x.shape) == (len(y), 2)
            np.testing.assert_array_equal(x.numpy(), np.stack([2 * y.numpy(), 2 * y.numpy() + 1], 1))


def test_shuffle_reproducible_and_differs_across_epochs():
    def epochs(seed):
        loader = D.DataLoader(tensor_ds(50), batch_size=8, shuffle=True, generator=gen(seed))
        return [np.concatenate([y.numpy() for _, y in loader]).tolist() for _ in range(3)]
    a, b = epochs(7), epochs(7)
    assert a == b
    assert a[0] != a[1] != a[2]
    assert epochs(8)[0] != a[0]


def test_shuffle_without_generator_follows_manual_seed():
    def order():
        autograd.manual_seed(11)
        return np.concatenate([y.numpy() for _, y in D.DataLoader(tensor_ds(40), batch_size=7, shuffle=True)]).tolist()
    assert order() == order()


def test_fast_path_gives_the_same_batches_as_per_sample_loading():
    ds = tensor_ds(37)

    class Slow(D.TensorDataset):
        def __getitem__(self, i):  # overriding __getitem__ turns the shortcut off
            return super().__getitem__(i)
    slow = Slow(*ds.tensors)
    for shuffle in (False, True):
        fast_b = list(D.DataLoader(ds, batch_size=6, shuffle=shuffle, generator=gen(3)))
        slow_b = list(D.DataLoader(slow, batch_size=6, shuffle=shuffle, generator=gen(3)))
        assert len(fast_b) == len(slow_b)
        for f, s in zip(fast_b, slow_b):
            for a, b in zip(f, s):
                np.testing.assert_array_equal(a.numpy(), b.numpy())
                assert a.dtype == b.dtype


def test_loader_matches_torch_without_shuffle():
    x = np.random.default_rng(0).standard_normal((13, 3)).astype(np.float32)
    y = np.arange(13)
    ours = list(D.DataLoader(D.TensorDataset(autograd.from_numpy(x), autograd.from_numpy(y)), batch_size=4))
    theirs = list(tdata.DataLoader(tdata.TensorDataset(torch.from_numpy(x), torch.from_numpy(y)), batch_size=4))
    assert len(ours) == len(theirs)
    for a, b in zip(ours, theirs):
        same_structure(a, b)


def test_sampler_and_batch_sampler_arguments():
    ds = tensor_ds(10)
    out = list(D.DataLoader(ds, batch_size=3, sampler=[9, 8, 7, 6, 5]))
    assert [b[1].tolist() for b in out] == [[9, 8, 7], [6, 5]]
    out = list(D.DataLoader(ds, batch_sampler=[[0, 1], [5], [2, 3, 4]]))
    assert [b[1].tolist() for b in out] == [[0, 1], [5], [2, 3, 4]]
    loader = D.DataLoader(ds, batch_sampler=D.BatchSampler(D.SequentialSampler(ds), 4, True))
    assert len(loader) == 2 and [b[1].tolist() for b in loader] == [[0, 1, 2, 3], [4, 5, 6, 7]]
    loader = D.DataLoader(ds, sampler=D.SubsetRandomSampler([1, 3, 5], generator=gen(0)), batch_size=2)
    assert sorted(sum((b[1].tolist() for b in loader), [])) == [1, 3, 5]


def test_no_auto_batching_and_custom_collate():
    ds = tensor_ds(4)
    items = list(D.DataLoader(ds, batch_size=None))
    assert len(items) == 4 and isinstance(items[0], list) and items[2][1].item() == 2
    sums = list(D.DataLoader(ds, batch_size=2, collate_fn=lambda b: sum(int(y) for _, y in b)))
    assert sums == [1, 5]
    dicts = list(D.DataLoader([{"a": i, "b": float(i)} for i in range(5)], batch_size=2))
    assert dicts[0]["a"].tolist() == [0, 1] and dicts[0]["b"].dtype == autograd.float64 and len(dicts) == 3


def test_getitems_protocol_is_used():
    class Batched(D.Dataset):
        calls = 0

        def __len__(self):
            return 6

        def __getitem__(self, i):
            raise AssertionError("__getitems__ should be used")

        def __getitems__(self, idx):
            Batched.calls += 1
            return [(i, float(i)) for i in idx]
    out = list(D.DataLoader(Batched(), batch_size=4))
    assert Batched.calls == 2 and out[1][0].tolist() == [4, 5]


def test_iterable_dataset_loader():
    class Stream(D.IterableDataset):
        def __iter__(self):
            return iter(range(7))

        def __len__(self):
            return 7
    loader = D.DataLoader(Stream(), batch_size=3)
    assert len(loader) == 3 and [b.tolist() for b in loader] == [[0, 1, 2], [3, 4, 5], [6]]
    loader = D.DataLoader(Stream(), batch_size=3, drop_last=True)
    assert len(loader) == 2 and len(list(loader)) == 2
    assert list(D.DataLoader(Stream(), batch_size=None))[:2] == [0, 1]
    with pytest.raises(ValueError, match="expected unspecified shuffle option"):
        D.DataLoader(Stream(), shuffle=True)
    with pytest.raises(ValueError, match="expected unspecified sampler option"):
        D.DataLoader(Stream(), sampler=[0])


@pytest.mark.parametrize("kwargs, match", [
    ({"shuffle": True, "sampler": [0, 1]}, "sampler option is mutually exclusive with shuffle"),
    ({"batch_sampler": [[0]], "batch_size": 2}, "batch_sampler option is mutually exclusive"),
    ({"batch_sampler": [[0]], "drop_last": True}, "batch_sampler option is mutually exclusive"),
    ({"batch_size": None, "drop_last": True}, "batch_size=None option disables auto-batching"),
    ({"num_workers": -1}, "num_workers option should be non-negative"),
    ({"timeout": -1}, "timeout option should be non-negative"),
    ({"prefetch_factor": 2}, "prefetch_factor option could only be specified in multiprocessing"),
    ({"persistent_workers": True}, "persistent_workers option needs num_workers > 0"),
])
def test_loader_argument_errors_match_torch(kwargs, match):
    with pytest.raises(ValueError, match=match):
        D.DataLoader(tensor_ds(4), **kwargs)
    with pytest.raises(ValueError, match=match):
        tdata.DataLoader(tdata.TensorDataset(torch.zeros(4)), **kwargs)


def test_loader_attributes_and_workers():
    loader = D.DataLoader(tensor_ds(10), batch_size=4, num_workers=2, pin_memory=True, persistent_workers=True)
    assert loader.batch_size == 4 and isinstance(loader.sampler, D.SequentialSampler)
    assert isinstance(loader.batch_sampler, D.BatchSampler) and loader.collate_fn is D.default_collate
    assert sum(len(b[1]) for b in loader) == 10 and sum(len(b[1]) for b in loader) == 10
    assert D.get_worker_info() is None
    with pytest.raises(ValueError, match="batch_size attribute should not be set after DataLoader is initialized"):
        loader.batch_size = 3
    it = iter(loader)
    assert len(it) == 3 and iter(it) is it


def test_loader_epoch_over_mnist_sized_tensors_is_fast_path():
    x = autograd.zeros(60000, 1, 28, 28)
    y = autograd.zeros(60000, dtype=autograd.int64)
    loader = D.DataLoader(D.TensorDataset(x, y), batch_size=64, shuffle=True, generator=gen(0))
    assert sum(len(b) for _, b in loader) == 60000


# ---- IDX files and MNIST / FashionMNIST ------------------------------------------------------------
def test_idx_round_trip(tmp_path):
    for dtype in (np.uint8, np.int8, np.int16, np.int32, np.float32, np.float64):
        arr = (np.arange(24) - 5).astype(dtype).reshape(2, 3, 4)
        for name in ("a.idx", "a.idx.gz"):
            D.write_idx(tmp_path / name, arr)
            back = D.read_idx(tmp_path / name)
            assert back.dtype == arr.dtype and back.dtype.isnative
            np.testing.assert_array_equal(back, arr)
    with pytest.raises(TypeError, match="unsupported dtype"):
        D.write_idx(tmp_path / "b.idx", np.zeros(2, np.int64))


@pytest.fixture
def isolated(tmp_path, monkeypatch):
    """No real data reachable: empty HOME, cwd and AUTOGRAD_DATA."""
    home = tmp_path / "home"
    home.mkdir()
    work = tmp_path / "work" / "cwd"
    work.mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("AUTOGRAD_DATA", raising=False)
    monkeypatch.chdir(work)
    return tmp_path


@pytest.mark.parametrize("cls", [D.MNIST, D.FashionMNIST])
def test_dataset_on_generated_files(isolated, cls):
    root = write_fake_mnist(isolated / "files", n_train=50, n_test=20)
    tr, te = cls(root), cls(root, train=False)
    imgs, labels = fake_digits(50, 0)
    assert len(tr) == 50 and len(te) == 20
    assert tr.data.dtype == autograd.uint8 and tuple(tr.data.shape) == (50, 28, 28)
    assert tr.targets.dtype == autograd.int64 and tr.targets.tolist() == labels.tolist()
    img, target = tr[7]
    assert img.dtype == autograd.float32 and tuple(img.shape) == (1, 28, 28) and type(target) is int
    np.testing.assert_allclose(img.numpy()[0], imgs[7] / 255.0, rtol=1e-6)
    assert target == labels[7]
    assert f"Dataset {cls.__name__}" in repr(tr) and "Split: Test" in repr(te)
    assert tr.class_to_idx[tr.classes[3]] == 3 and len(tr.classes) == 10

    x, y = tr.as_tensors(normalize=True)
    assert tuple(x.shape) == (50, 1, 28, 28) and x.dtype == autograd.float32
    np.testing.assert_allclose(x.numpy()[7, 0], (imgs[7] / 255.0 - cls.mean) / cls.std, rtol=1e-5, atol=1e-5)
    assert tuple(tr.as_tensors(flatten=True)[0].shape) == (50, 784)

    fast = list(D.DataLoader(tr, batch_size=16, shuffle=True, generator=gen(1)))
    per_sample = lambda b: D.default_collate(b)  # noqa: E731  (a non-default collate_fn: no shortcut)
    slow = list(D.DataLoader(tr, batch_size=16, shuffle=True, generator=gen(1), collate_fn=per_sample))
    for (fx, fy), (sx, sy) in zip(fast, slow):
        np.testing.assert_array_equal(fx.numpy(), sx.numpy())
        np.testing.assert_array_equal(fy.numpy(), sy.numpy())


def test_transforms_are_applied(isolated):
    root = write_fake_mnist(isolated / "files", n_train=10, n_test=10)
    ds = D.MNIST(root, transform=lambda im: im * 2, target_transform=lambda t: t + 100)
    img, target = ds[0]
    assert target == ds.targets[0].item() + 100
    np.testing.assert_allclose(img.numpy(), ds.data.numpy()[0][None] / 255.0 * 2, rtol=1e-6)
    batch = next(iter(D.DataLoader(ds, batch_size=4)))
    assert batch[1].tolist() == [t + 100 for t in ds.targets.tolist()[:4]]


def test_search_path_env_subfolder_and_uncompressed(isolated, monkeypatch):
    base = isolated / "store"
    write_fake_mnist(base / "mnist", n_train=12, n_test=8)
    monkeypatch.setenv("AUTOGRAD_DATA", str(base))
    assert len(D.MNIST()) == 12 and len(D.MNIST(train=False)) == 8
    assert len(D.MNIST(root=base)) == 12  # root/<name>
    raw = isolated / "tv" / "FashionMNIST" / "raw"  # torchvision's layout, uncompressed files
    write_fake_mnist(raw, n_train=9, n_test=4)
    for f in FILES:
        (raw / f[:-3]).write_bytes(gzip.decompress((raw / f).read_bytes()))
        (raw / f).unlink()
    sums = (raw / "MD5SUMS").read_text()
    import hashlib
    (raw / "MD5SUMS").write_text(sums + "".join(f"{hashlib.md5((raw / f[:-3]).read_bytes()).hexdigest()}  {f[:-3]}\n"
                                                for f in FILES))
    assert len(D.FashionMNIST(root=isolated / "tv")) == 9


def test_missing_data_error(isolated, monkeypatch):
    partial = isolated / "partial"
    write_fake_mnist(partial, n_train=5, n_test=5)
    (partial / FILES[0]).unlink()
    with pytest.raises(D.DatasetNotFoundError) as info:
        D.MNIST(root=partial)
    msg = str(info.value)
    assert isinstance(info.value, RuntimeError) and isinstance(info.value, FileNotFoundError)
    for f in FILES:
        assert f in msg
    assert str(partial) in msg and "has only 3 of the 4 files" in msg
    assert "AUTOGRAD_DATA is not set" in msg and ".cache/autograd/data/mnist" in msg
    assert "data/mnist" in msg and "shared/data/mnist" in msg and "download=True" in msg


def test_download_failure_and_success(isolated, monkeypatch):
    import urllib.request

    def offline(url, timeout=None):
        raise OSError("network is unreachable")
    monkeypatch.setattr(urllib.request, "urlopen", offline)
    with pytest.raises(D.DatasetNotFoundError, match="(?s)Download failed.*network is unreachable"):
        D.MNIST(download=True)

    src = write_fake_mnist(isolated / "server", n_train=6, n_test=3)
    import hashlib
    import io

    class Served(D.MNIST):
        mirrors = ["http://mirror.invalid/"]
        resources = {f[:-3]: (hashlib.md5((src / f).read_bytes()).hexdigest(), "-") for f in FILES}

    def serve(url, timeout=None):
        return io.BytesIO((src / url.rsplit("/", 1)[1]).read_bytes())
    monkeypatch.setattr(urllib.request, "urlopen", serve)
    ds = Served(root=isolated / "dl", download=True)
    assert len(ds) == 6 and sorted(p.name for p in (isolated / "dl").iterdir()) == sorted(FILES)
    assert len(Served(download=True)) == 6  # default: ~/.cache/autograd/data/mnist
    assert (Path.home() / ".cache" / "autograd" / "data" / "mnist" / FILES[0]).is_file()


def test_checksum_mismatch_names_file_and_digests(isolated):
    root = write_fake_mnist(isolated / "files", n_train=5, n_test=5, md5sums=False)
    with pytest.raises(D.DatasetCorruptError) as info:
        D.MNIST(root)
    msg = str(info.value)
    assert isinstance(info.value, RuntimeError)
    assert str(root / FILES[0]) in msg and "MD5 checksum mismatch" in msg
    assert "f68b3c2dcbeaaa9fbdd348bbdeb94873" in msg  # the published MD5
    import hashlib
    assert hashlib.md5((root / FILES[0]).read_bytes()).hexdigest() in msg


def test_truncated_file_is_reported(isolated):
    root = write_fake_mnist(isolated / "files", n_train=30, n_test=5)
    path = root / FILES[2]
    path.write_bytes(path.read_bytes()[:200])
    with pytest.raises(D.DatasetCorruptError, match="t10k-images-idx3-ubyte.gz' is corrupt or truncated: MD5"):
        D.MNIST(root, train=False)
    assert len(D.MNIST(root, train=True)) == 30


def test_malformed_idx_is_reported(isolated):
    root = write_fake_mnist(isolated / "files", n_train=5, n_test=5)
    D.write_idx(root / FILES[1], np.zeros(4, np.uint8))  # 4 labels for 5 images
    import hashlib
    lines = [ln for ln in (root / "MD5SUMS").read_text().splitlines() if FILES[1] not in ln]
    lines.append(f"{hashlib.md5((root / FILES[1]).read_bytes()).hexdigest()}  {FILES[1]}")
    (root / "MD5SUMS").write_text("\n".join(lines) + "\n")
    with pytest.raises(D.DatasetCorruptError, match="do not form a data set"):
        D.MNIST(root)
    (root / FILES[3]).write_bytes(gzip.compress(b"\x00\x00\x08\x01\x00\x00\x00\x09abc"))
    with pytest.raises(D.DatasetCorruptError, match="t10k-labels.*MD5"):
        D.MNIST(root, train=False)


def _real_root():
    for base in (os.environ.get("AUTOGRAD_DATA"), Path(__file__).resolve().parents[2] / "shared" / "data",
                 Path("../shared/data")):
        if base and (Path(base) / "mnist" / FILES[0]).is_file():
            return Path(base)
    return None


@pytest.mark.skipif(_real_root() is None, reason="real MNIST not found (set AUTOGRAD_DATA or provide ../shared/data)")
def test_real_mnist_files():
    tr = D.MNIST(_real_root())
    te = D.MNIST(_real_root(), train=False)
    assert tuple(tr.data.shape) == (60000, 28, 28) and tuple(te.data.shape) == (10000, 28, 28)
    assert tr.targets[:5].tolist() == [5, 0, 4, 1, 9] and te.targets[:3].tolist() == [7, 2, 1]
    x, _ = tr.as_tensors()
    assert abs(float(x.numpy().mean()) - D.MNIST.mean) < 1e-3 and abs(float(x.numpy().std()) - D.MNIST.std) < 1e-3
