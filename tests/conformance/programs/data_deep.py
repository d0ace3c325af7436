# torch.utils.data in depth: seeded sampler streams, collation edge cases, loader argument checks,
# dataset combinators, worker arguments (loading itself is single-process here: README).

# %% seeded_shuffle_loader_values strict
import torch
from torch.utils.data import DataLoader, TensorDataset

ds = TensorDataset(torch.arange(10))
torch.manual_seed(0)
dl = DataLoader(ds, batch_size=4, shuffle=True)
for epoch in range(2):
    print(epoch, [b[0].tolist() for b in dl])
g = torch.Generator().manual_seed(42)
dl = DataLoader(ds, batch_size=3, shuffle=True, generator=g, drop_last=True)
print([b[0].tolist() for b in dl], len(dl))
print([b[0].tolist() for b in dl])
print(torch.randint(0, 100, (3,)))

# %% loader_iter_consumes_global_rng strict
import torch
from torch.utils.data import DataLoader

torch.manual_seed(1)
ref = torch.rand(3)
torch.manual_seed(1)
for _ in DataLoader(range(4), batch_size=2):
    pass
after = torch.rand(2)
print(ref, after, torch.equal(ref[:2], after))
torch.manual_seed(1)
it = iter(DataLoader(range(4), batch_size=2, generator=torch.Generator().manual_seed(5)))
print(torch.equal(torch.rand(3), ref))
torch.manual_seed(1)
for _ in DataLoader(range(4), batch_size=None):
    pass
print(torch.rand(1))

# %% random_split_seeded_indices strict
import torch
from torch.utils.data import random_split

g = torch.Generator().manual_seed(0)
for lengths in ([3, 7], [0.3, 0.7], [0.5, 0.25, 0.25], [0.1, 0.1, 0.8]):
    parts = random_split(range(10), lengths, generator=torch.Generator().manual_seed(0))
    print(lengths, [p.indices for p in parts])
parts = random_split(range(11), [0.2, 0.3, 0.5], generator=g)
print([len(p) for p in parts], [list(p) for p in parts])
torch.manual_seed(3)
a, b = random_split(list("abcdefg"), [4, 3])
print(list(a), list(b), a.dataset == list("abcdefg"))

# %% weighted_sampler_seeded_draws strict
import torch
from torch.utils.data import WeightedRandomSampler, DataLoader, TensorDataset

g = torch.Generator().manual_seed(0)
s = WeightedRandomSampler([0.1, 0.2, 0.3, 0.4], num_samples=12, generator=g)
print(list(s))
print(list(s))
s = WeightedRandomSampler(torch.tensor([5.0, 1.0, 1.0, 3.0, 0.0]), num_samples=4, replacement=False, generator=torch.Generator().manual_seed(1))
print(list(s), s.weights)
torch.manual_seed(2)
labels = torch.tensor([0, 0, 0, 0, 0, 0, 1, 1])
counts = torch.bincount(labels)
w = 1.0 / counts[labels].float()
dl = DataLoader(TensorDataset(torch.arange(8), labels), batch_size=4, sampler=WeightedRandomSampler(w, num_samples=8))
print([(x.tolist(), y.tolist()) for x, y in dl])

# %% subset_random_sampler_seeded strict
import torch
from torch.utils.data import SubsetRandomSampler, DataLoader, TensorDataset

g = torch.Generator().manual_seed(0)
s = SubsetRandomSampler([10, 20, 30, 40, 50], generator=g)
print(list(s), list(s), len(s))
t = SubsetRandomSampler(torch.tensor([3, 1, 4]), generator=torch.Generator().manual_seed(1))
print(list(t))
torch.manual_seed(4)
train_idx, val_idx = list(range(0, 6)), list(range(6, 9))
ds = TensorDataset(torch.arange(9) * 10)
tl = DataLoader(ds, batch_size=4, sampler=SubsetRandomSampler(train_idx))
vl = DataLoader(ds, batch_size=4, sampler=SubsetRandomSampler(val_idx))
print([b[0].tolist() for b in tl], [b[0].tolist() for b in vl], len(tl), len(vl))

# %% random_sampler_replacement_seeded strict
import torch
from torch.utils.data import RandomSampler, BatchSampler

g = torch.Generator().manual_seed(0)
print(list(RandomSampler(range(6), replacement=True, generator=g)))
print(list(RandomSampler(range(6), replacement=True, num_samples=40, generator=g)))
print(list(RandomSampler(range(4), num_samples=10, generator=torch.Generator().manual_seed(3))))
torch.manual_seed(5)
print(list(BatchSampler(RandomSampler(range(7)), 3, drop_last=False)))
print(list(BatchSampler(RandomSampler(range(7)), 3, drop_last=True)))
for bad in (dict(replacement=1), dict(num_samples=2.0), dict(num_samples=-3)):
    try:
        RandomSampler(range(3), **bad)
    except Exception as e:
        print(type(e).__name__, e)

# %% distributed_sampler_shuffled_values strict
import torch
from torch.utils.data.distributed import DistributedSampler

ds = list(range(11))
for epoch in (0, 1):
    out = []
    for rank in range(3):
        s = DistributedSampler(ds, num_replicas=3, rank=rank, shuffle=True, seed=0)
        s.set_epoch(epoch)
        out.append(list(s))
    print(epoch, out, len(s), s.total_size)
s = DistributedSampler(ds, num_replicas=4, rank=3, shuffle=True, seed=5, drop_last=True)
print(list(s), len(s), s.num_samples, s.total_size)
s = DistributedSampler(list(range(2)), num_replicas=5, rank=4, shuffle=False)
print(list(s), len(s))
try:
    DistributedSampler(ds, num_replicas=2, rank=-1)
except ValueError as e:
    print(type(e).__name__, e)

# %% collate_nested_namedtuple_dict strict
import torch
from collections import namedtuple, OrderedDict
from torch.utils.data import default_collate

Sample = namedtuple("Sample", ["x", "meta"])
batch = [Sample(torch.tensor([i, i + 1.0]), {"id": i, "tags": ("a", "b"), "w": [float(i), 1.0]}) for i in range(3)]
out = default_collate(batch)
print(type(out).__name__, out.x, out.meta)
od = default_collate([OrderedDict(b=1, a=torch.tensor(2.0)), OrderedDict(b=3, a=torch.tensor(4.0))])
print(type(od).__name__, list(od.keys()), od)
nested = default_collate([[(1, 2.0), [3, "x"]], [(4, 5.0), [6, "y"]]])
print(nested)
print(default_collate([((torch.zeros(1),),), ((torch.ones(1),),)]))

# %% collate_numpy_and_scalars strict
import numpy as np
import torch
from torch.utils.data import default_collate

print(default_collate([np.array([1, 2], dtype=np.int32), np.array([3, 4], dtype=np.int32)]))
print(default_collate([np.array(1.5), np.array(2.5)]))
print(default_collate([np.float64(1.0), np.float64(2.0)]).dtype, default_collate([np.bool_(True), np.bool_(False)]))
print(default_collate([np.uint8(7), np.uint8(9)]), default_collate([np.int16(-1), np.int16(2)]).dtype)
print(default_collate([{"a": np.zeros((2, 2), dtype=np.float32)}, {"a": np.ones((2, 2), dtype=np.float32)}])["a"].shape)
print(default_collate([b"ab", b"cd"]), default_collate([np.str_("u"), np.str_("v")]))
for bad in ([np.array(["a", "b"]), np.array(["c", "d"])], [np.array([1.0, 2.0]), np.array([3.0])], [None, None], [{1, 2}, {3, 4}]):
    try:
        print(default_collate(bad))
    except Exception as e:
        print(type(e).__name__, e)

# %% collate_size_mismatch_messages strict
import torch
from torch.utils.data import default_collate, DataLoader

for batch in ([torch.zeros(2, 3), torch.zeros(2, 3), torch.zeros(3, 2)], [torch.zeros(1), torch.zeros(())],
              [{"x": torch.zeros(2)}, {"x": torch.zeros(4)}]):
    try:
        default_collate(batch)
    except RuntimeError as e:
        print(type(e).__name__, e)
seqs = [torch.arange(n) for n in (3, 3, 2, 3)]
try:
    for b in DataLoader(seqs, batch_size=2):
        print(b.tolist())
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    default_collate([[1, 2, 3], [4, 5]])
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    default_collate([{"a": 1}, {"b": 2}])
except KeyError as e:
    print(type(e).__name__, e)

# %% collate_mixed_dtype_tensors strict
import torch
from torch.utils.data import default_collate

print(default_collate([torch.tensor([1, 2]), torch.tensor([1.5, 2.5])]))
print(default_collate([torch.tensor([1, 2], dtype=torch.int32), torch.tensor([3, 4])]).dtype)
print(default_collate([torch.tensor(True), torch.tensor(2)]).dtype)
print(default_collate([torch.ones(2, dtype=torch.float16), torch.ones(2)]).dtype)
print(default_collate([torch.tensor([1.0], dtype=torch.float64), torch.tensor([2.0])]).dtype)

# %% loader_argument_conflict_messages strict
import torch
from torch.utils.data import DataLoader, TensorDataset, SequentialSampler, BatchSampler

ds = TensorDataset(torch.arange(6))
bs = BatchSampler(SequentialSampler(ds), 2, False)
cases = [dict(shuffle=True, sampler=SequentialSampler(ds)), dict(batch_sampler=bs, batch_size=3),
         dict(batch_sampler=bs, shuffle=True), dict(batch_sampler=bs, sampler=SequentialSampler(ds)),
         dict(batch_sampler=bs, drop_last=True), dict(batch_size=None, drop_last=True), dict(num_workers=-1),
         dict(timeout=-1), dict(prefetch_factor=2), dict(persistent_workers=True),
         dict(num_workers=2, prefetch_factor=-1)]
for kw in cases:
    try:
        DataLoader(ds, **kw)
        print("ok", sorted(kw))
    except ValueError as e:
        print(sorted(kw), type(e).__name__, e)
dl = DataLoader(ds, num_workers=2, prefetch_factor=3, persistent_workers=True, timeout=5.0)
print(dl.prefetch_factor, dl.persistent_workers, dl.timeout, dl.num_workers)
print(DataLoader(ds, num_workers=2).prefetch_factor, DataLoader(ds).prefetch_factor)

# %% loader_frozen_attributes strict
import torch
from torch.utils.data import DataLoader, TensorDataset

ds = TensorDataset(torch.arange(6))
dl = DataLoader(ds, batch_size=2)
for name, value in (("batch_size", 3), ("drop_last", True), ("sampler", None), ("dataset", ds), ("batch_sampler", None)):
    try:
        setattr(dl, name, value)
        print("set", name)
    except ValueError as e:
        print(type(e).__name__, e)
dl.num_workers = 0
dl.collate_fn = lambda b: len(b)
dl.pin_memory = False
print(list(dl), dl.num_workers)

# %% loader_len_iterable_datasets strict
import torch
from torch.utils.data import DataLoader, IterableDataset

class Sized(IterableDataset):
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return iter(range(self.n))
    def __len__(self):
        return self.n

for bs, dl in ((None, False), (1, False), (3, False), (3, True), (4, True), (7, False), (8, True)):
    loader = DataLoader(Sized(7), batch_size=bs, drop_last=dl)
    print(bs, dl, len(loader), len(list(loader)), [b.tolist() if hasattr(b, "tolist") else b for b in loader][-1:])
it = iter(DataLoader(Sized(5), batch_size=2))
print(next(it))
try:
    len(it)
except TypeError as e:
    print(type(e).__name__, e)
it = iter(DataLoader(range(5), batch_size=2))
print(len(it), next(it), len(it))

# %% weighted_sampler_invalid_weights strict
import torch
from torch.utils.data import WeightedRandomSampler

g = torch.Generator().manual_seed(0)
print(list(WeightedRandomSampler([1.0, 0.0, 2.0], 3, replacement=False, generator=g)))
for w, kw in (([1.0, -1.0], {}), ([0.0, 0.0], {}), ([1.0, float("nan")], {}), ([1.0, float("inf")], {}),
              ([1.0, -1.0], dict(replacement=False)), ([0.0, 0.0], dict(replacement=False)),
              ([1.0, 2.0], dict(num_samples=3, replacement=False)), ([[1.0, 2.0]], {}), ([1.0], dict(num_samples=1.5))):
    kw = {"num_samples": 2, **kw}
    try:
        print(list(WeightedRandomSampler(w, generator=g, **kw)))
    except (RuntimeError, ValueError) as e:
        print(type(e).__name__, e)
print(torch.multinomial(torch.tensor([0.2, 0.8]), 4, replacement=True, generator=torch.Generator().manual_seed(3)))

# %% loader_workers_same_batches strict
import torch
from torch.utils.data import DataLoader, Dataset

class Squares(Dataset):
    def __len__(self):
        return 11
    def __getitem__(self, i):
        return {"x": torch.tensor([float(i), float(i * i)]), "y": i % 3}

def batches(**kw):
    return [(b["x"][:, 1].tolist(), b["y"].tolist()) for b in DataLoader(Squares(), batch_size=4, **kw)]

seen = []
ref = batches(num_workers=0)
print(ref)
print(batches(num_workers=2) == ref, batches(num_workers=2, worker_init_fn=lambda wid: seen.append(wid)) == ref)
print(batches(num_workers=2, persistent_workers=True, prefetch_factor=1) == ref)
a = batches(num_workers=0, shuffle=True, generator=torch.Generator().manual_seed(9))
b = batches(num_workers=2, shuffle=True, generator=torch.Generator().manual_seed(9))
print(a == b, a[0])
dl = DataLoader(Squares(), batch_size=5, num_workers=2, persistent_workers=True)
print([len(x["y"]) for x in dl], [len(x["y"]) for x in dl], type(iter(dl)).__name__)

# %% pin_memory_on_cpu strict
import warnings
import torch
from torch.utils.data import DataLoader, TensorDataset

warnings.simplefilter("ignore")
ds = TensorDataset(torch.arange(6.0).view(3, 2), torch.tensor([1, 0, 1]))
dl = DataLoader(ds, batch_size=2, pin_memory=True)
x, y = next(iter(dl))
print(x, y, x.is_pinned(), x.device, dl.pin_memory, repr(dl.pin_memory_device))
print([b[1].tolist() for b in dl])

# %% iterable_batch_none_convert strict
import numpy as np
import torch
from torch.utils.data import DataLoader, IterableDataset

class Records(IterableDataset):
    def __iter__(self):
        for i in range(3):
            yield {"feat": np.array([i, i + 0.5]), "label": i, "name": f"r{i}", "pair": (np.int64(i), "t")}

for rec in DataLoader(Records(), batch_size=None):
    print(rec)
print(list(DataLoader(Records(), batch_size=None, collate_fn=lambda r: r["label"] * 10)))
print(DataLoader(Records(), batch_size=2).__iter__().__next__())
print([len(b["name"]) for b in DataLoader(Records(), batch_size=2)])

# %% default_convert_variety strict
import numpy as np
import torch
from collections import namedtuple
from torch.utils.data import default_convert

P = namedtuple("P", "a b")
print(default_convert((np.array([1, 2]), 3.0)), type(default_convert((1, 2))).__name__)
print(default_convert(P(np.zeros(2), "s")), default_convert(np.float32(2.5)), default_convert(np.array(["x", "y"])))
print(default_convert([{"k": np.ones((1, 2), dtype=np.int16)}, [np.bool_(True)]]))
print(default_convert(torch.tensor([1, 2])), default_convert("text"), default_convert(7), default_convert(None))
print(default_convert(np.array(3)).shape, default_convert(np.arange(3, dtype=np.uint8)).dtype)

# %% map_dataset_batch_none strict
import numpy as np
import torch
from torch.utils.data import DataLoader, TensorDataset, Dataset

ds = TensorDataset(torch.arange(3), torch.arange(3) * 2.0)
for s in DataLoader(ds, batch_size=None):
    print(type(s).__name__, s)

class NP(Dataset):
    def __len__(self):
        return 2
    def __getitem__(self, i):
        return np.full((2,), i, dtype=np.float32), (np.int64(i), i)

print(list(DataLoader(NP(), batch_size=None)))
print(list(DataLoader(NP(), batch_size=None, sampler=[1, 1, 0])))
print(list(DataLoader(NP(), batch_size=2)))

# %% chain_dataset_errors strict
import torch
from torch.utils.data import ChainDataset, IterableDataset, TensorDataset, DataLoader

class Gen(IterableDataset):
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        yield from range(self.n)

c = ChainDataset([Gen(2), TensorDataset(torch.arange(3))])
try:
    print(list(c))
except AssertionError as e:
    print(type(e).__name__, e)
try:
    len(ChainDataset([Gen(2), Gen(3)]))
except TypeError as e:
    print(type(e).__name__, e)
c = ChainDataset([Gen(2), Gen(3)])
print(list(c), list(c), list(DataLoader(c, batch_size=2, drop_last=True)))
print(list(ChainDataset([])), list(Gen(1) + Gen(2) + Gen(1)))

# %% collate_fn_map_extension strict
import torch
from torch.utils.data import DataLoader, default_collate
from torch.utils.data._utils.collate import collate, default_collate_fn_map

class Box:
    def __init__(self, v):
        self.v = v

def collate_box(batch, *, collate_fn_map=None):
    return torch.tensor([b.v for b in batch]) * 100

try:
    default_collate([Box(1), Box(2)])
except TypeError as e:
    print(type(e).__name__, e.args[0][:40])
my_map = {**default_collate_fn_map, Box: collate_box}
print(collate([(Box(1), 2.0), (Box(3), 4.0)], collate_fn_map=my_map))
print(collate([{"b": Box(5)}, {"b": Box(6)}], collate_fn_map={Box: collate_box}))
dl = DataLoader([(Box(i), i) for i in range(4)], batch_size=2, collate_fn=lambda b: collate(b, collate_fn_map=my_map))
print(list(dl))
default_collate_fn_map[Box] = collate_box
print(default_collate([Box(7), Box(8)]))
del default_collate_fn_map[Box]
print(torch.Tensor in default_collate_fn_map, float in default_collate_fn_map)

# %% dataset_getitems_protocol strict
import torch
from torch.utils.data import DataLoader, Dataset, Subset

class Batched(Dataset):
    calls = []
    def __len__(self):
        return 7
    def __getitem__(self, i):
        self.calls.append(("item", i))
        return torch.tensor([i])
    def __getitems__(self, idx):
        self.calls.append(("items", list(idx)))
        return [torch.tensor([i * 10]) for i in idx]

ds = Batched()
print([b.view(-1).tolist() for b in DataLoader(ds, batch_size=3)], ds.calls)
ds.calls.clear()
print([b.view(-1).tolist() for b in DataLoader(Subset(ds, [6, 4, 2, 0]), batch_size=3)], ds.calls)
ds.calls.clear()
print([b.tolist() for b in DataLoader(ds, batch_size=None, sampler=[1, 2])], ds.calls)
ds.calls.clear()
print(Subset(ds, [5, 3])[1], ds.calls)

# %% dict_keyed_dataset_sampler strict
import torch
from torch.utils.data import DataLoader, Dataset

class Table(Dataset):
    def __init__(self):
        self.rows = {"ann": (31, 1.5), "bob": (25, 2.5), "cy": (40, 0.5)}
    def __getitem__(self, key):
        age, score = self.rows[key]
        return {"name": key, "age": age, "score": torch.tensor(score)}
    def __len__(self):
        return len(self.rows)

dl = DataLoader(Table(), batch_size=2, sampler=["cy", "ann", "bob"])
for b in dl:
    print(b)
print(len(dl))
try:
    list(DataLoader(Table(), batch_size=2))
except KeyError as e:
    print(type(e).__name__, e)

# %% loader_over_raw_containers strict
import numpy as np
import torch
from torch.utils.data import DataLoader

print(list(DataLoader(torch.arange(10).view(5, 2), batch_size=2)))
print(list(DataLoader(np.arange(6, dtype=np.float32).reshape(3, 2), batch_size=2)))
print(list(DataLoader([1.5, 2.5, 3.5], batch_size=2)), list(DataLoader([True, False, True], batch_size=3)))
print(list(DataLoader(["a", "bb", "ccc"], batch_size=2)), list(DataLoader([(1, "x"), (2, "y")], batch_size=2)))
print(list(DataLoader({0: "zero", 1: "one"}, batch_size=2)))
print(list(DataLoader(torch.arange(4.0), batch_size=None)), list(DataLoader("abc", batch_size=2)))

# %% collate_autograd_tensors strict
import torch
from torch.utils.data import default_collate, DataLoader

w = torch.tensor([1.0, 2.0], requires_grad=True)
batch = default_collate([w * 2, w * 3, w + 1])
print(batch, batch.grad_fn.name())
batch.sum().backward()
print(w.grad)
nested = default_collate([{"a": w * 1}, {"a": w.detach()}])
print(nested["a"].requires_grad, nested["a"].grad_fn.name())
dl = DataLoader([w * k for k in range(4)], batch_size=2)
out = [b for b in dl]
print(out[1], out[1].requires_grad)
print(default_collate([torch.ones(2, 3).t(), torch.zeros(3, 2)]).shape, default_collate([torch.ones(2, 3)[:, 1]]).is_contiguous())

# %% stack_dataset_errors_and_nesting strict
import torch
from torch.utils.data import StackDataset, TensorDataset, DataLoader

x = torch.arange(8.0).view(4, 2)
y = torch.tensor([0, 1, 1, 0])
for args, kwargs in (((x,), {"y": y}), ((), {}), ((), {"a": x, "b": torch.arange(3)})):
    try:
        StackDataset(*args, **kwargs)
    except ValueError as e:
        print(type(e).__name__, e)
nested = StackDataset(TensorDataset(x, y), [f"s{i}" for i in range(4)])
print(nested[1], len(nested))
print(next(iter(DataLoader(nested, batch_size=3))))
kw = StackDataset(inp=TensorDataset(x), tgt=y)
print(kw[3], list(DataLoader(kw, batch_size=4))[0]["tgt"])
print(type(kw.datasets).__name__, type(nested.datasets).__name__)

# %% dataset_base_class_behaviour strict
import torch
from torch.utils.data import Dataset, IterableDataset, ConcatDataset, ChainDataset, TensorDataset

try:
    Dataset()[0]
except NotImplementedError as e:
    print(type(e).__name__, e)
try:
    len(Dataset())
except TypeError as e:
    print(type(e).__name__, e)
class L(Dataset):
    def __init__(self, v):
        self.v = v
    def __len__(self):
        return len(self.v)
    def __getitem__(self, i):
        return self.v[i]
c = L([1, 2]) + L([3]) + L([4, 5])
print(type(c).__name__, len(c), [c[i] for i in range(len(c))], c.cumulative_sizes, len(c.datasets))
class It(IterableDataset):
    def __iter__(self):
        return iter([7, 8])
print(type(It() + It()).__name__, list(It() + It()), isinstance(It(), Dataset))
try:
    IterableDataset()
except TypeError as e:
    print(type(e).__name__, e)
class NoIter(IterableDataset):
    pass
try:
    NoIter()
except TypeError as e:
    print(type(e).__name__, e)
try:
    ConcatDataset([L([1]), It()])
except AssertionError as e:
    print(type(e).__name__, e)
print(ConcatDataset.cumsum([[1, 2], [3], []]), len(ConcatDataset([L([1]), L([])])))
t = TensorDataset(torch.arange(6).view(3, 2), torch.tensor([5, 6, 7]))
print(t[1:], t[[0, 2]], t[torch.tensor([True, False, True])], t[-1])

# %% seeded_split_train_loop strict
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset, random_split

torch.manual_seed(0)
X = torch.randn(40, 3)
y = X @ torch.tensor([1.0, -2.0, 0.5]) + 0.1 * torch.randn(40)
train, val = random_split(TensorDataset(X, y), [0.75, 0.25])
print(len(train), len(val), train.indices[:5], val.indices[:5])
model = nn.Linear(3, 1)
opt = torch.optim.SGD(model.parameters(), lr=0.1)
tl = DataLoader(train, batch_size=8, shuffle=True)
vl = DataLoader(val, batch_size=16)
for epoch in range(3):
    for xb, yb in tl:
        opt.zero_grad()
        loss = nn.functional.mse_loss(model(xb).squeeze(1), yb)
        loss.backward()
        opt.step()
    with torch.no_grad():
        v = sum(nn.functional.mse_loss(model(xb).squeeze(1), yb, reduction="sum").item() for xb, yb in vl) / len(val)
    print(epoch, round(loss.item(), 4), round(v, 4))
print([round(p, 4) for p in model.weight.view(-1).tolist()])

# %% batch_sampler_random_epochs strict
import torch
from torch.utils.data import DataLoader, TensorDataset, BatchSampler, RandomSampler, SequentialSampler

ds = TensorDataset(torch.arange(9) * 2)
bs = BatchSampler(RandomSampler(ds, generator=torch.Generator().manual_seed(1)), batch_size=4, drop_last=False)
dl = DataLoader(ds, batch_sampler=bs)
print(len(bs), len(dl), [b[0].tolist() for b in dl])
print([b[0].tolist() for b in dl])
print(dl.batch_sampler is bs, dl.sampler.__class__.__name__, dl.batch_size, dl.drop_last)
bs2 = BatchSampler(SequentialSampler(ds), batch_size=4, drop_last=True)
print(list(bs2), list(bs2), len(bs2))
print(list(BatchSampler([5, 3, 1], 2, False)), list(BatchSampler(iter([9, 8, 7]), 2, False)))

# %% custom_sampler_without_len strict
import torch
from torch.utils.data import DataLoader, Sampler, TensorDataset

class Evens(Sampler[int]):
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return (i for i in range(0, self.n, 2))

ds = TensorDataset(torch.arange(10.0))
dl = DataLoader(ds, batch_size=2, sampler=Evens(10))
print([b[0].tolist() for b in dl])
for obj in (dl, Evens(4)):
    try:
        len(obj)
    except TypeError as e:
        print(type(e).__name__, e)
def gen_sampler():
    yield 3
    yield 1
print([b[0].tolist() for b in DataLoader(ds, batch_size=2, sampler=list(gen_sampler()))])
try:
    Sampler().__iter__()
except NotImplementedError:
    print("NotImplementedError")

# %% random_split_errors_and_warnings strict
import warnings
import torch
from torch.utils.data import random_split

with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    parts = random_split(range(3), [0.5, 0.5, 0.0], generator=torch.Generator().manual_seed(0))
    print([list(p) for p in parts], [str(x.message) for x in w])
for lengths in ([0.5, 0.4], [1.2, -0.2], [4, 1], [0.3, 0.3, 0.3], [2, 1, 0]):
    try:
        print([len(p) for p in random_split(range(5), lengths)])
    except ValueError as e:
        print(lengths, type(e).__name__, e)
print([len(p) for p in random_split(range(4), [0.2, 0.2, 0.2, 0.2, 0.2], generator=torch.Generator().manual_seed(1))])

# %% iterable_len_mismatch_warning strict
import warnings
import torch
from torch.utils.data import DataLoader, IterableDataset

class Liar(IterableDataset):
    def __iter__(self):
        return iter(range(5))
    def __len__(self):
        return 1

with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    dl = DataLoader(Liar(), batch_size=2)
    print([b.tolist() for b in dl], len(w))
    print(len(dl), [b.tolist() for b in dl])
    print([(x.category.__name__, str(x.message).split(" was ")[1]) for x in w])
    w.clear()
    dl = DataLoader(Liar(), batch_size=None)
    print(len(dl), len(list(dl)), len(w), str(w[-1].message).split(" was ")[1])

# %% worker_args_without_workers strict
import torch
from torch.utils.data import DataLoader, TensorDataset, get_worker_info

calls = []
ds = TensorDataset(torch.arange(4))
dl = DataLoader(ds, batch_size=2, worker_init_fn=lambda i: calls.append(i))
print([b[0].tolist() for b in dl], calls, get_worker_info(), dl.worker_init_fn is not None)
try:
    DataLoader(ds, multiprocessing_context="spawn")
except ValueError as e:
    print(type(e).__name__, e)
dl = DataLoader(ds, batch_size=3, in_order=False)
print([b[0].tolist() for b in dl], dl.in_order, dl.multiprocessing_context, dl.timeout, dl.generator)
