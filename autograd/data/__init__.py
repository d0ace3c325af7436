"""Datasets, samplers and the DataLoader (``torch.utils.data`` -> ``autograd.data``), plus MNIST/Fashion-MNIST."""
from .dataset import (Dataset, IterableDataset, TensorDataset, StackDataset, ConcatDataset, ChainDataset, Subset,
                      random_split)
from .sampler import (Sampler, SequentialSampler, RandomSampler, SubsetRandomSampler, WeightedRandomSampler,
                      BatchSampler)
from .collate import default_collate, default_convert
from .dataloader import DataLoader, get_worker_info
from .datasets import MNIST, FashionMNIST, DatasetNotFoundError, DatasetCorruptError
from .idx import read_idx, write_idx
from .distributed import DistributedSampler
from . import distributed  # noqa: F401  (torch.utils.data.distributed)

__all__ = ["Dataset", "IterableDataset", "TensorDataset", "StackDataset", "ConcatDataset", "ChainDataset", "Subset",
           "random_split", "Sampler", "SequentialSampler", "RandomSampler", "SubsetRandomSampler",
           "WeightedRandomSampler", "BatchSampler", "default_collate", "default_convert", "DataLoader",
           "get_worker_info", "MNIST", "FashionMNIST", "DatasetNotFoundError", "DatasetCorruptError", "read_idx",
           "write_idx", "DistributedSampler"]
