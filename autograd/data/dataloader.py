"""DataLoader: iterate a dataset in (shuffled) batches, with torch.utils.data.DataLoader's arguments.

Loading runs in the main process (``num_workers > 0`` is accepted and behaves like 0). A map-style
dataset that can gather whole batches (``TensorDataset``, a ``Subset`` of one, MNIST without
transforms) is batched with one fancy-index per tensor when the collate function is the default one,
so an epoch over 60,000 samples takes milliseconds.
"""
import itertools
import math
import warnings

import numpy as np

from ..random import generator as _gen
from .collate import default_collate, default_convert
from .dataset import IterableDataset, batch_fetcher
from .sampler import BatchSampler, RandomSampler, Sampler, SequentialSampler

__all__ = ["DataLoader", "get_worker_info"]


def get_worker_info():
    """Always None: there are no worker processes (loading happens in the main process)."""
    return None


class _InfiniteConstantSampler(Sampler):
    """The placeholder sampler of iterable-style datasets: None forever."""

    def __iter__(self):
        return itertools.repeat(None)


class DataLoader:
    """Combines a dataset and a sampler and iterates over batches of the dataset."""

    _FROZEN = ("batch_size", "batch_sampler", "sampler", "drop_last", "dataset", "persistent_workers")
    __initialized = False
    _IterableDataset_len_called = None

    def __init__(self, dataset, batch_size=1, shuffle=None, sampler=None, batch_sampler=None, num_workers=0,
                 collate_fn=None, pin_memory=False, drop_last=False, timeout=0, worker_init_fn=None,
                 multiprocessing_context=None, generator=None, *, prefetch_factor=None, persistent_workers=False,
                 pin_memory_device="", in_order=True):
        if num_workers < 0:
            raise ValueError("num_workers option should be non-negative; use num_workers=0 to disable multiprocessing.")
        if timeout < 0:
            raise ValueError("timeout option should be non-negative")
        if num_workers == 0 and prefetch_factor is not None:
            raise ValueError("prefetch_factor option could only be specified in multiprocessing.let num_workers > 0 "
                             "to enable multiprocessing, otherwise set prefetch_factor to None.")
        if num_workers > 0 and prefetch_factor is None:
            prefetch_factor = 2
        elif prefetch_factor is not None and prefetch_factor < 0:
            raise ValueError("prefetch_factor option should be non-negative")
        if persistent_workers and num_workers == 0:
            raise ValueError("persistent_workers option needs num_workers > 0")
        if multiprocessing_context is not None and num_workers == 0:
            raise ValueError("multiprocessing_context can only be used with multi-process loading (num_workers > 0), "
                             f"but got num_workers={num_workers}")

        self._iterable = isinstance(dataset, IterableDataset)
        if self._iterable:
            if shuffle not in (False, None):
                raise ValueError(f"DataLoader with IterableDataset: expected unspecified shuffle option, but got "
                                 f"shuffle={shuffle}")
            if sampler is not None:
                raise ValueError(f"DataLoader with IterableDataset: expected unspecified sampler option, but got "
                                 f"sampler={sampler}")
            if batch_sampler is not None:
                raise ValueError(f"DataLoader with IterableDataset: expected unspecified batch_sampler option, but "
                                 f"got batch_sampler={batch_sampler}")
        else:
            shuffle = bool(shuffle)
        if sampler is not None and shuffle:
            raise ValueError("sampler option is mutually exclusive with shuffle")
        if batch_sampler is not None:
            if batch_size != 1 or shuffle or sampler is not None or drop_last:
                raise ValueError("batch_sampler option is mutually exclusive with batch_size, shuffle, sampler, "
                                 "and drop_last")
            batch_size, drop_last = None, False
        elif batch_size is None and drop_last:
            raise ValueError("batch_size=None option disables auto-batching and is mutually exclusive with drop_last")

        if sampler is None:
            if self._iterable:
                sampler = _InfiniteConstantSampler()
            elif shuffle:
                sampler = RandomSampler(dataset, generator=generator)
            else:
                sampler = SequentialSampler(dataset)
        if batch_size is not None and batch_sampler is None:
            batch_sampler = BatchSampler(sampler, batch_size, drop_last)

        self.dataset = dataset
        self.num_workers = num_workers
        self.prefetch_factor = prefetch_factor
        self.pin_memory = pin_memory
        self.pin_memory_device = pin_memory_device
        self.timeout = timeout
        self.worker_init_fn = worker_init_fn
        self.multiprocessing_context = multiprocessing_context
        self.in_order = in_order
        self.batch_size = batch_size
        self.drop_last = drop_last
        self.sampler = sampler
        self.batch_sampler = batch_sampler
        self.generator = generator
        self.collate_fn = collate_fn if collate_fn is not None else (
            default_collate if batch_sampler is not None else default_convert)
        self.persistent_workers = persistent_workers
        self.__initialized = True

    def __setattr__(self, attr, val):
        if self.__initialized and attr in self._FROZEN:
            raise ValueError(f"{attr} attribute should not be set after {type(self).__name__} is initialized")
        super().__setattr__(attr, val)

    @property
    def _auto_collation(self):
        return self.batch_sampler is not None

    @property
    def _index_sampler(self):
        return self.batch_sampler if self._auto_collation else self.sampler

    def __iter__(self):
        return (_SingleProcessDataLoaderIter if self.num_workers == 0 else _MultiProcessingDataLoaderIter)(self)

    def __len__(self):
        if self._iterable:
            n = self._IterableDataset_len_called = len(self.dataset)  # torch warns when more are fetched
            if self.batch_size is not None:
                n = n // self.batch_size if self.drop_last else math.ceil(n / self.batch_size)
            return n
        return len(self._index_sampler)

    def check_worker_number_rationality(self):
        pass


class _BaseDataLoaderIter:
    """One pass over a DataLoader: indices from its sampler, samples from its dataset, collated."""

    def __init__(self, loader):
        self._loader = loader
        # torch draws a base seed for workers here, advancing the generator (or the global stream) per epoch
        self._base_seed = int(_gen(loader.generator).random_full((), np.int64))
        self._num_yielded = 0
        self._len_called = loader._IterableDataset_len_called
        self._batches = self._generate()

    def __iter__(self):
        return self

    def __next__(self):
        data = next(self._batches)
        self._num_yielded += 1
        loader = self._loader
        if loader._iterable and self._len_called is not None and self._num_yielded > self._len_called:
            msg = (f"Length of IterableDataset {loader.dataset} was reported to be {self._len_called}(when "
                   f"accessing len(dataloader)), but {self._num_yielded} samples have been fetched. ")
            if loader.num_workers > 0:
                msg += ("For multiprocessing data-loading, this could be caused by not properly configuring the "
                        "IterableDataset replica at each worker. Please see "
                        "https://pytorch.org/docs/stable/data.html#torch.utils.data.IterableDataset for examples.")
            warnings.warn(msg, stacklevel=2)
        return data

    def __len__(self):
        return len(self._loader._index_sampler)

    def _generate(self):
        loader = self._loader
        ds, collate_fn = loader.dataset, loader.collate_fn
        if loader._iterable:
            yield from self._iterate_stream(ds, collate_fn)
            return
        if not loader._auto_collation:
            for index in loader.sampler:
                yield collate_fn(ds[index])
            return
        bs = loader.batch_sampler
        fetch = batch_fetcher(ds) if collate_fn is default_collate else None
        batches = bs._batches() if type(bs).__iter__ is BatchSampler.__iter__ else iter(bs)
        getitems = getattr(ds, "__getitems__", None)
        for idx in batches:
            if fetch is not None:
                out = fetch(np.asarray(idx, dtype=np.int64))
                if out is not NotImplemented:
                    yield out
                    continue
                fetch = None
            idx = idx.tolist() if hasattr(idx, "tolist") else idx
            data = getitems(idx) if callable(getitems) else [ds[i] for i in idx]
            yield collate_fn(data)

    def _iterate_stream(self, ds, collate_fn):
        loader = self._loader
        it = iter(ds)
        if loader.batch_size is None:
            for sample in it:
                yield collate_fn(sample)
            return
        while True:
            batch = list(itertools.islice(it, loader.batch_size))
            if not batch or (loader.drop_last and len(batch) < loader.batch_size):
                return
            yield collate_fn(batch)


class _SingleProcessDataLoaderIter(_BaseDataLoaderIter):
    """The iterator of a loader with ``num_workers=0`` (torch's class name)."""


class _MultiProcessingDataLoaderIter(_BaseDataLoaderIter):
    """The iterator of a loader with ``num_workers > 0``: named as torch's, but loads in the main process."""
