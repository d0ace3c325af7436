"""Samplers: orders of dataset indices, and BatchSampler grouping them (``torch.utils.data.sampler``).

Samplers whose whole order is known up front also offer ``_index_array()`` (an int64 NumPy array,
drawn exactly as ``__iter__`` would draw it), which lets BatchSampler cut batches by slicing.
"""
import itertools

import numpy as np

from ..random import Generator, generator as _gen
from ..tensor import Tensor

__all__ = ["Sampler", "SequentialSampler", "RandomSampler", "SubsetRandomSampler", "WeightedRandomSampler",
           "BatchSampler"]


class Sampler:
    """Base class: ``__iter__`` yields indices (or lists of indices); ``__len__`` is optional."""

    def __init__(self, data_source=None):
        pass

    def __iter__(self):
        raise NotImplementedError

    def __class_getitem__(cls, item):
        return cls


class SequentialSampler(Sampler):
    """0, 1, ..., len(data_source) - 1."""

    def __init__(self, data_source):
        self.data_source = data_source

    def __iter__(self):
        return iter(range(len(self.data_source)))

    def __len__(self):
        return len(self.data_source)

    def _index_array(self):
        return np.arange(len(self.data_source), dtype=np.int64)


def _fresh_generator():
    """Like torch: an unseeded sampler seeds a private generator from the global stream each epoch."""
    return Generator().manual_seed(int(_gen().random_full((), np.int64)))


class RandomSampler(Sampler):
    """A random permutation (or ``num_samples`` draws, with or without replacement)."""

    def __init__(self, data_source, replacement=False, num_samples=None, generator=None):
        self.data_source = data_source
        self.replacement = replacement
        self._num_samples = num_samples
        self.generator = generator
        if not isinstance(self.replacement, bool):
            raise TypeError(f"replacement should be a boolean value, but got replacement={self.replacement}")
        if not isinstance(self.num_samples, int) or isinstance(self.num_samples, bool) or self.num_samples <= 0:
            raise ValueError(f"num_samples should be a positive integer value, but got num_samples={self.num_samples}")

    @property
    def num_samples(self):
        return len(self.data_source) if self._num_samples is None else self._num_samples

    def _index_array(self):
        n, k = len(self.data_source), self.num_samples
        g = self.generator if self.generator is not None else _fresh_generator()
        if self.replacement:  # torch draws randint in chunks of 32: the same stream as one draw
            return g.randint((k,), 0, n)
        parts = [g.randperm(n) for _ in range(k // n)]
        parts.append(g.randperm(n)[:k % n])
        return np.concatenate(parts).astype(np.int64, copy=False)

    def __iter__(self):
        yield from self._index_array().tolist()

    def __len__(self):
        return self.num_samples


class SubsetRandomSampler(Sampler):
    """The given indices in a random order."""

    def __init__(self, indices, generator=None):
        self.indices = indices
        self.generator = generator

    def _index_array(self):
        ind = self.indices._data if isinstance(self.indices, Tensor) else self.indices
        return np.asarray(ind, dtype=np.int64)[_gen(self.generator).randperm(len(self.indices))]

    def __iter__(self):
        for i in _gen(self.generator).randperm(len(self.indices)).tolist():
            yield self.indices[i]

    def __len__(self):
        return len(self.indices)


class WeightedRandomSampler(Sampler):
    """``num_samples`` indices drawn with probabilities proportional to ``weights``."""

    def __init__(self, weights, num_samples, replacement=True, generator=None):
        if not isinstance(num_samples, int) or isinstance(num_samples, bool) or num_samples <= 0:
            raise ValueError(f"num_samples should be a positive integer value, but got num_samples={num_samples}")
        if not isinstance(replacement, bool):
            raise ValueError(f"replacement should be a boolean value, but got replacement={replacement}")
        w = np.asarray(weights._data if isinstance(weights, Tensor) else weights, dtype=np.float64)
        if w.ndim != 1:
            raise ValueError(f"weights should be a 1d sequence but given weights have shape {tuple(w.shape)}")
        self.weights = Tensor._make(w)
        self.num_samples = num_samples
        self.replacement = replacement
        self.generator = generator

    def _index_array(self):
        from ..creation import multinomial  # torch.multinomial's checks and messages
        return multinomial(self.weights, self.num_samples, self.replacement, generator=self.generator)._data

    def __iter__(self):
        yield from self._index_array().tolist()

    def __len__(self):
        return self.num_samples


_ARRAY_ITERS = {SequentialSampler.__iter__, RandomSampler.__iter__, SubsetRandomSampler.__iter__,
                WeightedRandomSampler.__iter__}


def index_array(sampler):
    """The sampler's whole epoch as an int64 array when it can say so up front, else None."""
    if getattr(type(sampler), "__iter__", None) in _ARRAY_ITERS:
        return sampler._index_array()
    if isinstance(sampler, range) and sampler.step > 0:
        return np.arange(sampler.start, sampler.stop, sampler.step, dtype=np.int64)
    return None


class BatchSampler(Sampler):
    """Groups the indices of ``sampler`` into lists of ``batch_size`` (the last may be short)."""

    def __init__(self, sampler, batch_size, drop_last):
        if not isinstance(batch_size, int) or isinstance(batch_size, bool) or batch_size <= 0:
            raise ValueError(f"batch_size should be a positive integer value, but got batch_size={batch_size}")
        if not isinstance(drop_last, bool):
            raise ValueError(f"drop_last should be a boolean value, but got drop_last={drop_last}")
        self.sampler = sampler
        self.batch_size = batch_size
        self.drop_last = drop_last

    def __iter__(self):
        for batch in self._batches():
            yield batch.tolist() if isinstance(batch, np.ndarray) else batch

    def _batches(self):
        """Batches as int64 arrays sliced from one epoch array when possible, else as lists."""
        order = index_array(self.sampler)
        if order is None:
            it, bs = iter(self.sampler), self.batch_size
            batch = list(itertools.islice(it, bs))
            while batch and (len(batch) == bs or not self.drop_last):
                yield batch
                batch = list(itertools.islice(it, bs))
            return
        n = len(order)
        stop = n - n % self.batch_size if self.drop_last else n
        for start in range(0, stop, self.batch_size):
            yield order[start:start + self.batch_size]

    def __len__(self):
        if self.drop_last:
            return len(self.sampler) // self.batch_size
        return (len(self.sampler) + self.batch_size - 1) // self.batch_size
