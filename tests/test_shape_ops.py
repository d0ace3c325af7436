"""Shape ops (views and copies), cat/stack/split and pad: values, gradients, grad_fn names and errors vs torch."""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from core_oracle import both, raises_like
from oracle import torch

import autograd
from autograd.ops.padding import pad as our_pad

R = np.random.RandomState(0)


def arr(*shape, dtype=np.float32):
    return np.asarray(R.randn(*shape)).astype(dtype)


# (id, fn(lib, x), input shape)
SHAPE_CASES = [
    ("reshape", lambda m, x: x.reshape(2, 6), (3, 4)),
    ("reshape_infer", lambda m, x: m.reshape(x, (-1, 3)), (3, 4)),
    ("reshape_copy", lambda m, x: x.t().reshape(12), (3, 4)),
    ("view", lambda m, x: x.view(4, 3), (3, 4)),
    ("view_list", lambda m, x: x.view([-1]), (3, 4)),
    ("view_as", lambda m, x: x.view_as(m.zeros(6, 2)), (3, 4)),
    ("reshape_as", lambda m, x: x.t().reshape_as(m.zeros(2, 6)), (3, 4)),
    ("flatten", lambda m, x: x.flatten(), (2, 3, 4)),
    ("flatten_range", lambda m, x: m.flatten(x, 1, 2), (2, 3, 4)),
    ("flatten_0d", lambda m, x: x.sum().flatten(), (2, 3)),
    ("unflatten", lambda m, x: x.unflatten(1, (2, -1)), (3, 4)),
    ("squeeze_all", lambda m, x: x.squeeze(), (1, 3, 1, 4)),
    ("squeeze_dim", lambda m, x: x.squeeze(2), (1, 3, 1, 4)),
    ("squeeze_tuple", lambda m, x: x.squeeze((0, 2)), (1, 3, 1, 4)),
    ("squeeze_noop", lambda m, x: x.squeeze(1), (1, 3, 1, 4)),
    ("unsqueeze", lambda m, x: x.unsqueeze(1), (3, 4)),
    ("unsqueeze_neg", lambda m, x: m.unsqueeze(x, -1), (3, 4)),
    ("transpose", lambda m, x: x.transpose(0, 2), (2, 3, 4)),
    ("swapaxes", lambda m, x: m.swapaxes(x, 0, 1), (2, 3, 4)),
    ("t", lambda m, x: x.t(), (3, 4)),
    ("t_1d", lambda m, x: x.t(), (4,)),
    ("permute", lambda m, x: x.permute(2, 0, 1), (2, 3, 4)),
    ("permute_neg", lambda m, x: m.permute(x, (-1, 0, 1)), (2, 3, 4)),
    ("T", lambda m, x: x.T, (3, 4)),
    ("mT", lambda m, x: x.mT, (2, 3, 4)),
    ("expand", lambda m, x: x.expand(2, 3, 4), (3, 1)),
    ("expand_neg1", lambda m, x: x.expand(5, -1, -1), (3, 4)),
    ("expand_as", lambda m, x: x.expand_as(m.zeros(2, 3, 4)), (1, 4)),
    ("broadcast_to", lambda m, x: m.broadcast_to(x, (2, 3, 4)), (3, 1)),
    ("repeat", lambda m, x: x.repeat(2, 3), (3, 4)),
    ("repeat_more_dims", lambda m, x: x.repeat(2, 1, 3), (3, 4)),
    ("tile", lambda m, x: m.tile(x, (2,)), (3, 4)),
    ("tile_more", lambda m, x: x.tile((2, 1, 2)), (3, 4)),
    ("contiguous", lambda m, x: x.t().contiguous(), (3, 4)),
    ("flip", lambda m, x: x.flip(0, 2), (2, 3, 4)),
    ("flip_list", lambda m, x: m.flip(x, [1]), (2, 3, 4)),
    ("fliplr", lambda m, x: m.fliplr(x), (3, 4)),
    ("flipud", lambda m, x: m.flipud(x), (3, 4)),
    ("roll", lambda m, x: x.roll(1, 0), (3, 4)),
    ("roll_multi", lambda m, x: m.roll(x, (1, -2), (0, 1)), (3, 4)),
    ("roll_flat", lambda m, x: x.roll(5), (3, 4)),
    ("narrow", lambda m, x: x.narrow(1, 1, 2), (3, 4)),
    ("narrow_neg", lambda m, x: m.narrow(x, -1, -3, 2), (3, 4)),
    ("select", lambda m, x: x.select(1, -1), (3, 4)),
    ("select_fn", lambda m, x: m.select(x, 0, 2), (3, 4)),
    ("tril", lambda m, x: x.tril(), (3, 4)),
    ("tril_k", lambda m, x: m.tril(x, -1), (2, 3, 4)),
    ("triu", lambda m, x: x.triu(1), (3, 4)),
    ("diagonal", lambda m, x: x.diagonal(), (3, 4)),
    ("diagonal_offset", lambda m, x: m.diagonal(x, 1), (3, 4)),
    ("diagonal_neg", lambda m, x: x.diagonal(-1), (3, 4)),
    ("diagonal_dims", lambda m, x: x.diagonal(0, 2, 0), (3, 2, 4)),
    ("diagonal_empty", lambda m, x: x.diagonal(5), (3, 4)),
    ("diag_2d", lambda m, x: m.diag(x), (3, 4)),
    ("diag_1d", lambda m, x: m.diag(x), (4,)),
    ("diag_1d_offset", lambda m, x: m.diag(x, -2), (3,)),
    ("diag_embed", lambda m, x: m.diag_embed(x), (2, 3)),
    ("movedim", lambda m, x: x.movedim(0, 2), (2, 3, 4)),
    ("movedim_multi", lambda m, x: m.movedim(x, (0, 1), (2, 0)), (2, 3, 4)),
    ("moveaxis", lambda m, x: m.moveaxis(x, -1, 0), (2, 3, 4)),
    ("unfold", lambda m, x: x.unfold(1, 2, 1), (3, 5)),
    ("unfold_step", lambda m, x: x.unfold(0, 2, 2), (5, 2)),
    ("atleast_3d", lambda m, x: m.atleast_3d(x), (3, 4)),
    ("chunk", lambda m, x: x.chunk(2), (3, 4)),
    ("chunk_dim", lambda m, x: m.chunk(x, 3, 1), (3, 4)),
    ("chunk_uneven", lambda m, x: x.chunk(4), (5, 2)),
    ("split_int", lambda m, x: x.split(2), (5, 2)),
    ("split_sizes", lambda m, x: m.split(x, [1, 3], 1), (3, 4)),
    ("unbind", lambda m, x: x.unbind(1), (3, 4)),
    ("unbind_fn", lambda m, x: m.unbind(x), (3, 4)),
    ("tensor_split_n", lambda m, x: m.tensor_split(x, 3, 1), (3, 4)),
    ("tensor_split_idx", lambda m, x: x.tensor_split([1, 2]), (3, 4)),
    ("clone", lambda m, x: x.clone(), (3, 4)),
    ("double", lambda m, x: x.double(), (3, 4)),
    ("to_dtype", lambda m, x: x.to(m.float64), (3, 4)),
]


@pytest.mark.parametrize("fn,shape", [c[1:] for c in SHAPE_CASES], ids=[c[0] for c in SHAPE_CASES])
def test_shape_op_matches_torch(fn, shape):
    both(fn, arr(*shape))


def test_split_outputs_only_some_used():
    both(lambda m, x: x.split(2)[1] * 3, arr(5, 3))
    both(lambda m, x: x.unbind(0)[2], arr(3, 2))


JOIN_CASES = [
    ("cat0", lambda m, a, b: m.cat([a, b]), (2, 3), (4, 3)),
    ("cat1", lambda m, a, b: m.cat((a, b), dim=1), (2, 3), (2, 1)),
    ("cat_neg", lambda m, a, b: m.concat([a, b, a], -1), (2, 3), (2, 2)),
    ("concatenate", lambda m, a, b: m.concatenate([a, b]), (2, 3), (1, 3)),
    ("stack", lambda m, a, b: m.stack([a, b]), (2, 3), (2, 3)),
    ("stack_last", lambda m, a, b: m.stack([a, b, a], dim=-1), (2, 3), (2, 3)),
    ("hstack", lambda m, a, b: m.hstack([a, b]), (2, 3), (2, 1)),
    ("vstack", lambda m, a, b: m.vstack([a, b]), (2, 3), (3,)),
    ("dstack", lambda m, a, b: m.dstack([a, b]), (2, 3), (2, 3)),
    ("column_stack", lambda m, a, b: m.column_stack([a, b]), (3,), (3, 2)),
]


@pytest.mark.parametrize("fn,sa,sb", [c[1:] for c in JOIN_CASES], ids=[c[0] for c in JOIN_CASES])
def test_join_matches_torch(fn, sa, sb):
    both(fn, arr(*sa), arr(*sb))


def test_cat_type_promotion_and_legacy_empty():
    both(lambda m, a, b: m.cat([a, b]), arr(2, 2), arr(3, 2, dtype=np.float64))
    both(lambda m, a, b: m.cat([a, b]), np.arange(4).reshape(2, 2), arr(1, 2), grad=False)
    both(lambda m, a, b: m.cat([a, b]), arr(2, 2), np.zeros(0, np.float32))


ERROR_CASES = [
    ("view_bad_size", lambda m, x: x.view(5, 3)),
    ("view_noncontig", lambda m, x: x.t().view(12)),
    ("reshape_two_infer", lambda m, x: x.reshape(-1, -1)),
    ("reshape_bad", lambda m, x: x.reshape(5, -1)),
    ("expand_bad", lambda m, x: x.expand(3, 5)),
    ("expand_few", lambda m, x: x.expand(4)),
    ("squeeze_dim", lambda m, x: x.squeeze(5)),
    ("permute_len", lambda m, x: x.permute(0)),
    ("permute_dup", lambda m, x: x.permute(0, 0)),
    ("unflatten_bad", lambda m, x: x.unflatten(1, (3, 2))),
    ("repeat_few", lambda m, x: x.repeat(2)),
    ("narrow_long", lambda m, x: x.narrow(1, 2, 3)),
    ("narrow_start", lambda m, x: x.narrow(1, 7, 1)),
    ("select_range", lambda m, x: x.select(0, 5)),
    ("cat_dims", lambda m, x: m.cat([x, m.zeros(3)])),
    ("cat_sizes", lambda m, x: m.cat([x, m.zeros(2, 3)], 1)),
    ("stack_sizes", lambda m, x: m.stack([x, m.zeros(3, 3)])),
    ("stack_empty", lambda m, x: m.stack([])),
    ("cat_empty", lambda m, x: m.cat([])),
    ("cat_0d", lambda m, x: m.cat([x.sum(), x.sum()])),
    ("chunk_zero", lambda m, x: x.chunk(0)),
    ("split_zero", lambda m, x: x.split(0)),
    ("split_sizes", lambda m, x: x.split([1, 1])),
    ("roll_align", lambda m, x: x.roll(1, (0, 1))),
    ("transpose_range", lambda m, x: x.transpose(0, 3)),
    ("diagonal_same", lambda m, x: x.diagonal(0, 0, 0)),
    ("t_3d", lambda m, x: x[None].t()),
    ("tril_1d", lambda m, x: x[0].tril()),
    ("movedim_len", lambda m, x: x.movedim((0, 1), (0,))),
]


@pytest.mark.parametrize("fn", [c[1] for c in ERROR_CASES], ids=[c[0] for c in ERROR_CASES])
def test_shape_errors_match_torch(fn):
    err = raises_like(fn, arr(3, 4), match="")
    assert str(err)


@pytest.mark.parametrize("fn", [c[1] for c in ERROR_CASES if c[0] not in
                                ("transpose_range", "squeeze_dim", "tril_1d", "permute_len")],
                         ids=[c[0] for c in ERROR_CASES if c[0] not in
                              ("transpose_range", "squeeze_dim", "tril_1d", "permute_len")])
def test_shape_error_messages_match_torch(fn):
    raises_like(fn, arr(3, 4))


def test_dim_out_of_range_is_index_error():
    x = autograd.zeros(2, 3)
    for f in (lambda: x.transpose(0, 3), lambda: x.squeeze(5), lambda: x.unsqueeze(4), lambda: x.flip(2),
              lambda: x.sum(3), lambda: autograd.cat([x, x], 2)):
        with pytest.raises(IndexError, match=r"Dimension out of range \(expected to be in range of \[-\d, \d\], but got \d\)"):
            f()


# ---- views share storage and version counter ----------------------------------------------------
VIEW_OPS = [lambda x: x.view(12), lambda x: x.reshape(4, 3), lambda x: x.t(), lambda x: x.transpose(0, 1),
            lambda x: x.permute(1, 0), lambda x: x[1], lambda x: x[:, 1:3], lambda x: x.unsqueeze(0),
            lambda x: x[None].squeeze(0), lambda x: x.narrow(0, 1, 2), lambda x: x.select(1, 2),
            lambda x: x.diagonal(), lambda x: x.expand(2, 3, 4), lambda x: x.split(2)[1], lambda x: x.unbind(1)[0],
            lambda x: x.chunk(2, 1)[1], lambda x: x.unfold(1, 2, 2), lambda x: x.T, lambda x: x.flatten(),
            lambda x: x.movedim(0, 1), lambda x: x[..., None, 1:]]


@pytest.mark.parametrize("op", VIEW_OPS)
def test_views_share_storage_and_version(op):
    x = autograd.arange(12.).reshape(3, 4).clone()
    v = op(x)
    assert v._base is x
    assert np.shares_memory(v.numpy(), x.numpy())
    before = v._version
    x.add_(1)
    assert v._version == x._version == before + 1
    vt = op(torch.arange(12.).reshape(3, 4) + 1)
    assert_equal_np(v, vt)


def assert_equal_np(ours, theirs):
    np.testing.assert_array_equal(ours.detach().numpy(), theirs.detach().numpy())


def test_writing_into_view_writes_base():
    x = autograd.zeros(3, 4)
    x.t()[1].fill_(5)
    x.diagonal().add_(1)
    x.view(12)[-1] = 7
    xt = torch.zeros(3, 4)
    xt.t()[1].fill_(5)
    xt.diagonal().add_(1)
    xt.view(12)[-1] = 7
    assert_equal_np(x, xt)


def test_non_views_copy():
    x = autograd.arange(12.).reshape(3, 4)
    for y in (x.t().reshape(12), x.flip(0), x.roll(1), x.repeat(1, 1), x.t().contiguous(), x.tril(), x.clone()):
        assert y._base is None and not np.shares_memory(y.numpy(), x.numpy())
    assert x.contiguous() is x


def test_cat_backward_through_views_and_double_backward():
    x = autograd.tensor([1., 2., 3.], dtype=autograd.float64, requires_grad=True)
    assert autograd.gradcheck(lambda a: autograd.cat([a[:2] ** 2, a.flip(0), a.unsqueeze(0).expand(2, 3).reshape(-1)]), (x,))
    assert autograd.gradgradcheck(lambda a: autograd.stack([a * a, a.roll(1) * a]).diagonal(1), (x,))


@pytest.mark.parametrize("name,fn", [
    ("repeat", lambda a: a.repeat(2, 1) ** 2),
    ("diag_embed", lambda a: autograd.diag_embed(a) ** 2),
    ("unfold", lambda a: a.unfold(1, 2, 1) ** 2),
    ("diagonal", lambda a: a.diagonal(1) ** 2),
    ("split", lambda a: a.split(1)[0] * a.split(1)[1]),
    ("tril", lambda a: a.tril() ** 2),
])
def test_gradgradcheck_shape_ops(name, fn):
    x = autograd.tensor(R.randn(2, 3), requires_grad=True)
    assert autograd.gradcheck(fn, (x,))
    assert autograd.gradgradcheck(fn, (x,))


@settings(max_examples=20, deadline=None)
@given(st.lists(st.integers(1, 4), min_size=1, max_size=4), st.randoms(use_true_random=False))
def test_random_permute_reshape_cat(shape, rnd):
    x = np.random.RandomState(len(shape)).randn(*shape).astype(np.float32)
    perm = list(range(len(shape)))
    rnd.shuffle(perm)
    dim = rnd.randrange(len(shape))
    both(lambda m, a: m.cat([a.permute(*perm), a.permute(*perm) * 2], dim).reshape(-1, 1).flip(0), x,
         names=False)


# ---- pad -----------------------------------------------------------------------------------------
PAD_CASES = [
    ("constant", (3, 4), (1, 2), None),
    ("constant", (3, 4), (1, 2, 0, 1), 2.5),
    ("constant", (2, 3, 4), (-1, 2, 1, -1), None),
    ("constant", (3, 4), (-4, 0), None),
    ("constant", (2, 3), (1, 1, 1, 1), None),
    ("reflect", (2, 4), (2, 3), None),
    ("reflect", (1, 2, 3, 4), (1, 1, 1, 1), None),
    ("reflect", (1, 3, 4), (-1, 2), None),
    ("replicate", (2, 3, 4), (3, 1, 2, 0), None),
    ("replicate", (1, 1, 2, 2, 3), (1, 2, 1, 0, 2, 1), None),
    ("circular", (2, 3, 4), (2, 1, 1, 3), None),
    ("circular", (1, 2, 4), (4, 4), None),
    ("circular", (1, 3, 4), (-1, 2), None),
]


@pytest.mark.parametrize("mode,shape,pads,value", PAD_CASES)
def test_pad_matches_torch(mode, shape, pads, value):
    def fn(m, x):
        if m is torch:
            return torch.nn.functional.pad(x, pads, mode=mode, value=value)
        return our_pad(x, pads, mode=mode, value=value)
    both(fn, arr(*shape))


def test_pad_integer_and_double_backward():
    both(lambda m, x: (torch.nn.functional.pad if m is torch else our_pad)(x, (1, 1), value=1.5),
         np.arange(6).reshape(2, 3), grad=False)
    x = autograd.tensor(R.randn(1, 2, 3), requires_grad=True)
    for mode in ("constant", "reflect", "replicate", "circular"):
        assert autograd.gradgradcheck(lambda a: our_pad(a, (2, 1), mode=mode) ** 2, (x,))


@pytest.mark.parametrize("shape,pads,mode,value", [
    ((2, 3), (1,), "constant", None),
    ((2, 3), (1, 1, 1, 1, 1, 1), "constant", None),
    ((2, 3), (3, 3), "reflect", None),
    ((1, 1, 2, 3), (0, 0, 3, 0), "reflect", None),
    ((2, 3), (1, 1, 1, 1), "reflect", None),
    ((3,), (1, 1), "replicate", None),
    ((2, 3), (4, 4), "circular", None),
    ((2, 3), (1, 1), "reflect", 1.0),
    ((2, 0), (1, 1), "reflect", None),
])
def test_pad_errors_match_torch(shape, pads, mode, value):
    raises_like(lambda m, x: (torch.nn.functional.pad if m is torch else our_pad)(x, pads, mode=mode, value=value),
                arr(*shape))


def test_pad_unknown_mode():
    with pytest.raises(NotImplementedError, match="Unrecognised padding mode foo"):
        our_pad(autograd.zeros(2, 3), (1, 1), mode="foo")


def test_expand_to_the_same_shape_is_still_a_new_view_like_torch():
    import torch
    for lib in (autograd, torch):
        x = lib.ones(2, 3, requires_grad=True)
        y = x.expand(2, 3)
        assert y is not x and y._base is x and y.grad_fn.name() == "ExpandBackward0"
        y.sum().backward()
        assert x.grad.tolist() == [[1.0] * 3] * 2
