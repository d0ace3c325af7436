"""nn.utils.prune vs torch (masks, reparametrization, stacking, removal), layer constructor error names,
functional argument-type errors, and init argument checks."""
import inspect

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from oracle import assert_close, to_ours, torch

import autograd
import nn
import nn.functional as F
from nn.utils import prune

tprune = pytest.importorskip("torch.nn.utils.prune")


def _pair_linear(rng, i=5, o=4):
    w, b = rng.standard_normal((o, i)).astype(np.float32), rng.standard_normal(o).astype(np.float32)
    ours, theirs = nn.Linear(i, o), torch.nn.Linear(i, o)
    ours.load_state_dict({"weight": autograd.from_numpy(w.copy()), "bias": autograd.from_numpy(b.copy())})
    theirs.load_state_dict({"weight": torch.from_numpy(w.copy()), "bias": torch.from_numpy(b.copy())})
    return ours, theirs


def _same_pruned(ours, theirs, name="weight"):
    assert_close(getattr(ours, name + "_mask"), getattr(theirs, name + "_mask"))
    assert_close(getattr(ours, name), getattr(theirs, name))
    assert sorted(ours.state_dict()) == sorted(theirs.state_dict())
    assert [n for n, _ in ours.named_parameters()] == [n for n, _ in theirs.named_parameters()]


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 10_000), amount=st.one_of(st.integers(0, 20), st.floats(0.0, 1.0)))
def test_l1_unstructured_matches_torch(seed, amount):
    ours, theirs = _pair_linear(np.random.default_rng(seed))
    prune.l1_unstructured(ours, "weight", amount=amount)
    tprune.l1_unstructured(theirs, "weight", amount=amount)
    _same_pruned(ours, theirs)


@pytest.mark.parametrize("n,dim,amount", [(2, 0, 1), (1, -1, 0.4), (float("inf"), 1, 2), (2, 0, 0)])
def test_ln_structured_then_l1_stack_like_torch(n, dim, amount):
    ours, theirs = _pair_linear(np.random.default_rng(0))
    prune.ln_structured(ours, "weight", amount=amount, n=n, dim=dim)
    tprune.ln_structured(theirs, "weight", amount=amount, n=n, dim=dim)
    _same_pruned(ours, theirs)
    prune.l1_unstructured(ours, "weight", amount=3)
    tprune.l1_unstructured(theirs, "weight", amount=3)
    _same_pruned(ours, theirs)
    hook = next(iter(ours._forward_pre_hooks.values()))
    assert isinstance(hook, prune.PruningContainer) and len(hook) == 2


def test_global_unstructured_and_remove_match_torch():
    rng = np.random.default_rng(1)
    (a, ta), (b, tb) = _pair_linear(rng), _pair_linear(rng, 4, 3)
    prune.global_unstructured([(a, "weight"), (b, "weight")], prune.L1Unstructured, amount=0.5)
    tprune.global_unstructured([(ta, "weight"), (tb, "weight")], tprune.L1Unstructured, amount=0.5)
    _same_pruned(a, ta)
    _same_pruned(b, tb)
    prune.remove(a, "weight")
    tprune.remove(ta, "weight")
    assert isinstance(a.weight, nn.Parameter) and not prune.is_pruned(a)
    assert_close(a.weight, ta.weight)
    assert list(a.state_dict()) == list(ta.state_dict())


def test_forward_pre_hook_recomputes_and_grad_is_masked():
    lin = nn.Linear(4, 1, bias=False)
    lin.weight.data = autograd.tensor([[1.0, -2.0, 3.0, -4.0]])
    prune.l1_unstructured(lin, "weight", amount=2)
    with autograd.no_grad():
        lin.weight_orig.mul_(2)
    lin(autograd.ones(1, 4)).sum().backward()
    assert lin.weight.tolist() == [[0.0, 0.0, 6.0, -8.0]]
    assert lin.weight_orig.grad.tolist() == [[0.0, 0.0, 1.0, 1.0]]


def test_random_methods_prune_the_right_counts():
    conv = nn.Conv2d(2, 6, 3)
    prune.random_structured(conv, "weight", amount=2, dim=0)
    assert int((conv.weight_mask.sum(dim=(1, 2, 3)) == 0).sum()) == 2
    prune.random_unstructured(conv, "bias", amount=0.5)
    assert int((conv.bias_mask == 0).sum()) == 3


def test_failed_pruning_rolls_back():
    lin = nn.Linear(2, 2)
    with pytest.raises(ValueError, match="should be smaller"):
        prune.l1_unstructured(lin, "weight", amount=5)
    assert sorted(n for n, _ in lin.named_parameters()) == ["bias", "weight"] and not prune.is_pruned(lin)


def _ctor_error(cls):
    try:
        cls(bogus=1)
    except TypeError as e:
        return str(e)
    return None


@pytest.mark.filterwarnings("ignore::FutureWarning")
def test_layer_constructor_errors_name_the_layer_like_torch():
    for name in dir(torch.nn):
        theirs = getattr(torch.nn, name)
        ours = getattr(nn, name, None)
        if inspect.isclass(theirs) and issubclass(theirs, torch.nn.Module) and ours is not None:
            assert _ctor_error(ours) == _ctor_error(theirs), name


def test_user_subclass_keeps_inherited_init_name():
    class MyReLU(nn.ReLU):
        pass
    with pytest.raises(TypeError, match=r"^ReLU\.__init__\(\)"):
        MyReLU(bogus=1)


@pytest.mark.parametrize("call,msg", [
    (lambda x: nn.Linear(2, 3)(x), "linear(): argument 'input' (position 1) must be Tensor, not list"),
    (lambda x: F.relu(x), "relu(): argument 'input' (position 1) must be Tensor, not list"),
    (lambda x: nn.LayerNorm(2)(x), "layer_norm(): argument 'input' (position 1) must be Tensor, not list"),
    (lambda x: nn.ZeroPad1d(1)(x), "pad(): argument 'input' (position 1) must be Tensor, not list"),
    (lambda x: F.logsigmoid(x), "log_sigmoid(): argument 'input' (position 1) must be Tensor, not list"),
    (lambda x: F.cosine_similarity(x, x), "cosine_similarity(): argument 'x1' (position 1) must be Tensor, not list"),
])
def test_functional_list_input_type_error(call, msg):
    with pytest.raises(TypeError) as e:
        call([1.0, 2.0])
    assert str(e.value) == msg


def test_functional_errors_on_tensors_are_unchanged():
    with pytest.raises(RuntimeError, match="mat1 and mat2 shapes"):
        F.linear(autograd.ones(2, 3), autograd.ones(4, 2))


def test_init_argument_checks():
    with pytest.raises(RuntimeError, match=r"normal expects std >= 0.0, but found std -1$"):
        nn.init.normal_(autograd.empty(2), std=-1.0)
    with pytest.raises(RuntimeError, match=r"found from=1 > to=0"):
        autograd.empty(2).uniform_(1, 0)
    assert_close(nn.init.uniform_(autograd.empty(2), 1.0, 1.0), to_ours(torch.ones(2)))


@pytest.mark.parametrize("fill,kernel", [(lambda t: nn.init.uniform_(t), "check_uniform_bounds"),
                                         (lambda t: nn.init.normal_(t), "normal_kernel_cpu"),
                                         (lambda t: nn.init.kaiming_uniform_(t), "check_uniform_bounds"),
                                         (lambda t: nn.init.orthogonal_(t), "normal_kernel_cpu"),
                                         (lambda t: t.normal_(), "normal_kernel_cpu")])
def test_random_fills_reject_integer_tensors(fill, kernel):
    with pytest.raises(NotImplementedError, match=f'"{kernel}" not implemented for \'Long\''):
        fill(autograd.zeros(2, 3, dtype=autograd.int64))


def test_consume_prefix_in_state_dict():
    from nn.modules.utils import consume_prefix_in_state_dict_if_present
    wrapper = nn.Sequential()
    wrapper.module = nn.Linear(2, 2)
    sd = wrapper.state_dict()
    consume_prefix_in_state_dict_if_present(sd, "module.")
    assert list(sd) == ["weight", "bias"] and sorted(sd._metadata) == [""]
    assert nn.Linear(2, 2).load_state_dict(sd).missing_keys == []


@pytest.mark.parametrize("k,what", [(True, "bool"), (1.0, "float"), (None, "NoneType"), (autograd.tensor(1.0), "Tensor")])
def test_topk_kthvalue_k_must_be_int(k, what):
    x = autograd.tensor([1.0, 2.0])
    for name in ("topk", "kthvalue"):
        with pytest.raises(TypeError, match=rf"^{name}\(\): argument 'k' \(position 2\) must be int, not {what}$"):
            getattr(autograd, name)(x, k)
    assert x.topk(np.int64(1)).values.tolist() == [2.0] and x.kthvalue(autograd.tensor(1)).values.item() == 1.0
