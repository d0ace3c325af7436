# torch.utils.data usage: datasets, samplers, collation, loaders (deterministic: no shuffling).

# %% datasets_subset_concat strict
import torch
from torch.utils.data import TensorDataset, Subset, ConcatDataset, DataLoader, Dataset

a = TensorDataset(torch.arange(6).float().view(3, 2), torch.tensor([0, 1, 0]))
b = TensorDataset(torch.ones(2, 2), torch.tensor([1, 1]))
c = ConcatDataset([a, b])
print(len(c), c[3], c[-1], c.cumulative_sizes)
s = Subset(c, [4, 0, 2])
print(len(s), s[0], [y.item() for _, y in s])
print([batch[1].tolist() for batch in DataLoader(c, batch_size=2)])
print(a.tensors[0].shape, len(a.tensors))

# %% samplers strict
import torch
from torch.utils.data import SequentialSampler, BatchSampler, DataLoader, TensorDataset, WeightedRandomSampler, RandomSampler

print(list(SequentialSampler(range(5))), list(BatchSampler(SequentialSampler(range(7)), batch_size=3, drop_last=False)))
print(list(BatchSampler(range(7), 3, True)), len(BatchSampler(range(7), 3, False)))
ds = TensorDataset(torch.arange(10))
loader = DataLoader(ds, batch_sampler=BatchSampler(SequentialSampler(ds), 4, False))
print([b[0].tolist() for b in loader], len(loader))
loader = DataLoader(ds, sampler=[9, 0, 5], batch_size=2)
print([b[0].tolist() for b in loader])
print(len(RandomSampler(ds)), sorted(RandomSampler(ds)) == list(range(10)), len(list(WeightedRandomSampler([0.1, 0.9], 5))))

# %% collate_nested strict
import torch
import numpy as np
from torch.utils.data import DataLoader
from torch.utils.data import default_collate

items = [{"img": torch.ones(2, 2) * i, "label": i, "meta": {"id": f"s{i}", "w": float(i) / 2}, "pair": (i, torch.tensor([i, -i]))} for i in range(3)]
batch = default_collate(items)
print(batch["img"].shape, batch["label"], batch["meta"], batch["pair"])
print(default_collate([np.array([1.0, 2.0]), np.array([3.0, 4.0])]), default_collate([1.5, 2.5]), default_collate(["a", "b"]))
print(default_collate([(1, 2), (3, 4)]), default_collate([[torch.zeros(1)], [torch.ones(1)]]))
print([b for b in DataLoader([torch.tensor([1, 2]), torch.tensor([3, 4]), torch.tensor([5, 6])], batch_size=2)])
print(list(DataLoader(range(5), batch_size=None)), list(DataLoader(range(5), batch_size=2)))

# %% iterable_dataset strict
import torch
from torch.utils.data import IterableDataset, DataLoader

class Counter(IterableDataset):
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        for i in range(self.n):
            yield torch.tensor([i, i * i])

print(list(DataLoader(Counter(5), batch_size=2)))
print([x.tolist() for x in DataLoader(Counter(3), batch_size=None)])

# %% loader_properties strict
import torch
from torch.utils.data import DataLoader, TensorDataset

ds = TensorDataset(torch.randn(10, 3), torch.arange(10))
dl = DataLoader(ds, batch_size=4, drop_last=False, num_workers=0)
print(dl.batch_size, dl.drop_last, len(dl), len(dl.dataset), dl.num_workers)
it = iter(dl)
x, y = next(it)
print(x.shape, y, type(x).__name__, x.dtype)
print(sum(len(b[1]) for b in dl), [b[1][0].item() for b in dl])
epochs = [[b[1].tolist() for b in dl] for _ in range(2)]
print(epochs[0] == epochs[1])
