"""Unit checks for the torch.utils.data fixes found by tests/conformance/programs/data_deep.py."""
import warnings

import pytest

import autograd
from autograd.data import DataLoader, IterableDataset, WeightedRandomSampler, default_collate
from autograd.data._utils.collate import collate, default_collate_fn_map


class _Stream(IterableDataset):
    def __init__(self, n, reported):
        self.n, self.reported = n, reported

    def __iter__(self):
        return iter(range(self.n))

    def __len__(self):
        return self.reported


def test_collate_promotes_mixed_dtypes_like_stack():
    out = default_collate([autograd.tensor([1, 2]), autograd.tensor([1.5, 2.5])])
    assert out.dtype == autograd.float32 and out.tolist() == [[1.0, 2.0], [1.5, 2.5]]
    assert default_collate([autograd.tensor(True), autograd.tensor(2)]).dtype == autograd.int64


def test_iterable_dataset_is_abstract():
    with pytest.raises(TypeError, match="abstract method __iter__"):
        IterableDataset()


def test_iterator_len_of_iterable_loader_raises_and_len_mismatch_warns():
    it = iter(DataLoader(_Stream(5, 5), batch_size=2))
    with pytest.raises(TypeError, match="_InfiniteConstantSampler"):
        len(it)
    dl = DataLoader(_Stream(5, 1), batch_size=2)
    assert len(dl) == 1
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        assert len(list(dl)) == 3
    assert [str(x.message).split("but ")[1][:1] for x in w] == ["2", "3"]


@pytest.mark.parametrize("weights,replacement,message", [
    ([1.0, -1.0], True, "entry < 0"), ([1.0, float("inf")], True, "infinity or NaN"),
    ([0.0, 0.0], True, "sum of probabilities <= 0"), ([1.0, -1.0], False, "element < 0")])
def test_weighted_sampler_validates_like_multinomial(weights, replacement, message):
    with pytest.raises(RuntimeError, match=message):
        list(WeightedRandomSampler(weights, 2, replacement=replacement))


def test_weighted_sampler_without_replacement_may_take_zero_weights():
    assert sorted(WeightedRandomSampler([1.0, 0.0, 2.0], 3, replacement=False)) == [0, 1, 2]


def test_collate_fn_map_is_shared_with_default_collate():
    class Box:
        pass
    default_collate_fn_map[Box] = lambda batch, *, collate_fn_map=None: len(batch)
    try:
        assert default_collate([Box(), Box()]) == 2
        assert collate([(Box(), 1)], collate_fn_map=default_collate_fn_map)[0] == 1
    finally:
        del default_collate_fn_map[Box]
