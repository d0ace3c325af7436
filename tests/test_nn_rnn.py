"""Recurrent layers against torch.nn: outputs, final states and every gradient (float64), names, repr, errors."""
import itertools
import warnings

import numpy as np
import pytest

from oracle import torch

import autograd
import nn
import optim

MODES = {
    "RNN_TANH": ("RNN", {}),
    "RNN_RELU": ("RNN", {"nonlinearity": "relu"}),
    "LSTM": ("LSTM", {}),
    "LSTM_PROJ": ("LSTM", {"proj_size": 3}),
    "GRU": ("GRU", {}),
}
I, H, T, B = 4, 5, 6, 3
pytestmark = pytest.mark.filterwarnings("ignore:LSTM with projections is not supported with oneDNN")


def _pair(mode, dtype=torch.float64, **kw):
    """The same layer in both libraries, our weights copied from torch's via state_dict."""
    cls, extra = MODES[mode]
    kw = {**extra, **kw}
    tm = getattr(torch.nn, cls)(I, H, **kw).to(dtype)
    om = getattr(nn, cls)(I, H, **kw)
    om.load_state_dict({k: autograd.from_numpy(v.detach().numpy().copy()) for k, v in tm.state_dict().items()})
    if dtype == torch.float64:
        om = om.double()
    return tm, om


def _tensors(arr):
    return torch.tensor(arr, requires_grad=True), autograd.tensor(arr, requires_grad=True)


def _close(a, b, tol):
    np.testing.assert_allclose(a.detach().numpy(), b.detach().numpy(), rtol=tol, atol=tol)


def _loss(out, hidden):
    """A loss touching the output and every final state with different weights (all gradients nonzero)."""
    parts = [out.sum() * 0.5 + (out ** 2).sum()]
    for i, h in enumerate(hidden if isinstance(hidden, tuple) else (hidden,)):
        parts.append((h ** 2).sum() * (i + 1.5))
    return sum(parts[1:], parts[0])


def _check_grads(tm, om, tol):
    ours = dict(om.named_parameters())
    assert list(ours) == [n for n, _ in tm.named_parameters()]
    for name, p in tm.named_parameters():
        assert ours[name].grad is not None, name
        _close(ours[name].grad, p.grad, tol)


@pytest.mark.parametrize("mode", list(MODES))
@pytest.mark.parametrize("num_layers,bidirectional,batch_first,with_state",
                         [c for c in itertools.product((1, 2), (False, True), (False, True), (False, True))
                          if c[3] or not c[2]])
def test_parity_with_torch(mode, num_layers, bidirectional, batch_first, with_state):
    rng = np.random.RandomState(0)
    tm, om = _pair(mode, num_layers=num_layers, bidirectional=bidirectional, batch_first=batch_first)
    x = rng.randn(B, T, I) if batch_first else rng.randn(T, B, I)
    tx, ox = _tensors(x)
    states_t = states_o = None
    if with_state:
        d = 2 if bidirectional else 1
        hs = om.proj_size or H
        h0_t, h0_o = _tensors(rng.randn(num_layers * d, B, hs))
        if mode.startswith("LSTM"):
            c0_t, c0_o = _tensors(rng.randn(num_layers * d, B, H))
            states_t, states_o = (h0_t, c0_t), (h0_o, c0_o)
        else:
            states_t, states_o = h0_t, h0_o
    out_t, hid_t = tm(tx, states_t)
    out_o, hid_o = om(ox, states_o)
    _close(out_o, out_t, 1e-10)
    assert out_o.dtype == autograd.float64
    for a, b in zip(hid_o if isinstance(hid_o, tuple) else (hid_o,), hid_t if isinstance(hid_t, tuple) else (hid_t,)):
        assert tuple(a.shape) == tuple(b.shape)
        _close(a, b, 1e-10)
    _loss(out_t, hid_t).backward()
    _loss(out_o, hid_o).backward()
    _close(ox.grad, tx.grad, 1e-9)
    if with_state:
        for a, b in zip(states_o if isinstance(states_o, tuple) else (states_o,),
                        states_t if isinstance(states_t, tuple) else (states_t,)):
            _close(a.grad, b.grad, 1e-9)
    _check_grads(tm, om, 1e-9)


@pytest.mark.parametrize("mode", list(MODES))
def test_no_bias_float32_default(mode):
    tm, om = _pair(mode, dtype=torch.float32, bias=False, num_layers=2)
    assert [n for n, _ in om.named_parameters()] == [n for n, _ in tm.named_parameters()]
    x = np.random.RandomState(1).randn(T, B, I).astype(np.float32)
    tx, ox = _tensors(x)
    out_t, hid_t = tm(tx)
    out_o, hid_o = om(ox)
    assert out_o.dtype == autograd.float32
    _close(out_o, out_t, 1e-5)
    _loss(out_t, hid_t).backward()
    _loss(out_o, hid_o).backward()
    _close(ox.grad, tx.grad, 1e-4)
    _check_grads(tm, om, 1e-4)


@pytest.mark.parametrize("mode", list(MODES))
@pytest.mark.parametrize("batch_first", [False, True])
def test_unbatched_input(mode, batch_first):
    tm, om = _pair(mode, bidirectional=True, batch_first=batch_first)
    rng = np.random.RandomState(2)
    tx, ox = _tensors(rng.randn(T, I))
    hs = om.proj_size or H
    h0 = rng.randn(2, hs)
    if mode.startswith("LSTM"):
        c0 = rng.randn(2, H)
        st_t, st_o = (torch.tensor(h0), torch.tensor(c0)), (autograd.tensor(h0), autograd.tensor(c0))
    else:
        st_t, st_o = torch.tensor(h0), autograd.tensor(h0)
    for args_t, args_o in (((tx,), (ox,)), ((tx, st_t), (ox, st_o))):
        out_t, hid_t = tm(*args_t)
        out_o, hid_o = om(*args_o)
        assert tuple(out_o.shape) == tuple(out_t.shape)
        _close(out_o, out_t, 1e-10)
        for a, b in zip(hid_o if isinstance(hid_o, tuple) else (hid_o,),
                        hid_t if isinstance(hid_t, tuple) else (hid_t,)):
            assert tuple(a.shape) == tuple(b.shape)
            _close(a, b, 1e-10)


@pytest.mark.parametrize("cls,kw", [("RNN", {}), ("RNN", {"nonlinearity": "relu", "bias": False}),
                                    ("LSTM", {"num_layers": 3, "bidirectional": True}),
                                    ("LSTM", {"proj_size": 2, "num_layers": 2, "bidirectional": True}),
                                    ("GRU", {"num_layers": 2, "batch_first": True, "dropout": 0.25})])
def test_parameters_state_dict_and_repr_like_torch(cls, kw):
    tm = getattr(torch.nn, cls)(I, H, **kw)
    om = getattr(nn, cls)(I, H, **kw)
    assert repr(om) == repr(tm)
    ts, os_ = tm.state_dict(), om.state_dict()
    assert list(os_) == list(ts)
    for k in ts:
        assert tuple(os_[k].shape) == tuple(ts[k].shape), k
        assert os_[k].dtype == autograd.float32
    assert om._flat_weights_names == tm._flat_weights_names
    assert om._all_weights == tm._all_weights
    assert [[tuple(w.shape) for w in ws] for ws in om.all_weights] == \
        [[tuple(w.shape) for w in ws] for ws in tm.all_weights]
    bound = 1 / np.sqrt(H)
    for name, p in om.named_parameters():
        arr = p.detach().numpy()
        assert np.all(np.abs(arr) <= bound) and arr.std() > 0, name
    back = getattr(torch.nn, cls)(I, H, **kw)
    back.load_state_dict({k: torch.from_numpy(v.numpy().copy()) for k, v in om.state_dict().items()})


def test_factory_dtype_and_double():
    m = nn.LSTM(I, H, dtype=autograd.float64)
    assert all(p.dtype == autograd.float64 for p in m.parameters())
    out, (h, c) = m(autograd.randn(T, B, I, dtype=autograd.float64))
    assert out.dtype == h.dtype == c.dtype == autograd.float64


@pytest.mark.parametrize("cls", ["RNNCell", "RNNCell-relu", "LSTMCell", "GRUCell"])
@pytest.mark.parametrize("bias", [True, False])
@pytest.mark.parametrize("batched,with_state", [(True, True), (True, False), (False, True), (False, False)])
def test_cells_parity(cls, bias, batched, with_state):
    name, kw = (cls.split("-")[0], {"nonlinearity": "relu"}) if "-" in cls else (cls, {})
    tm = getattr(torch.nn, name)(I, H, bias=bias, **kw).double()
    om = getattr(nn, name)(I, H, bias=bias, **kw)
    om.load_state_dict({k: autograd.from_numpy(v.detach().numpy().copy()) for k, v in tm.state_dict().items()})
    om = om.double()
    assert repr(om) == repr(tm)
    rng = np.random.RandomState(3)
    shape = (B, I) if batched else (I,)
    hshape = (B, H) if batched else (H,)
    tx, ox = _tensors(rng.randn(*shape))
    st_t = st_o = None
    if with_state:
        if name == "LSTMCell":
            (h_t, h_o), (c_t, c_o) = _tensors(rng.randn(*hshape)), _tensors(rng.randn(*hshape))
            st_t, st_o = (h_t, c_t), (h_o, c_o)
        else:
            st_t, st_o = _tensors(rng.randn(*hshape))
    out_t, out_o = tm(tx, st_t), om(ox, st_o)
    outs_t = out_t if isinstance(out_t, tuple) else (out_t,)
    outs_o = out_o if isinstance(out_o, tuple) else (out_o,)
    for a, b in zip(outs_o, outs_t):
        assert tuple(a.shape) == tuple(b.shape)
        _close(a, b, 1e-12)
    _loss(outs_t[0], tuple(outs_t[1:])).backward()
    _loss(outs_o[0], tuple(outs_o[1:])).backward()
    _close(ox.grad, tx.grad, 1e-10)
    if with_state:
        for a, b in zip(st_o if isinstance(st_o, tuple) else (st_o,), st_t if isinstance(st_t, tuple) else (st_t,)):
            _close(a.grad, b.grad, 1e-10)
    _check_grads(tm, om, 1e-10)


def test_cell_sequence_equals_layer():
    """Unrolling an LSTMCell with the layer's weights reproduces the LSTM layer."""
    layer = nn.LSTM(I, H, dtype=autograd.float64)
    cell = nn.LSTMCell(I, H, dtype=autograd.float64)
    cell.load_state_dict({k[:-3]: v for k, v in layer.state_dict().items()})
    x = autograd.randn(T, B, I, dtype=autograd.float64)
    out, (h, c) = layer(x)
    state = None
    for t in range(T):
        state = cell(x[t], state)
        _close(state[0], out[t], 1e-13)
    _close(state[1], c[0], 1e-13)


def test_gradcheck_through_time():
    autograd.manual_seed(0)
    m = nn.GRU(2, 3, num_layers=2, bidirectional=True, dtype=autograd.float64)
    x = autograd.randn(3, 1, 2, dtype=autograd.float64, requires_grad=True)
    h0 = autograd.randn(4, 1, 3, dtype=autograd.float64, requires_grad=True)
    assert autograd.gradcheck(lambda a, b: m(a, b)[0], (x, h0))
    lstm = nn.LSTM(2, 3, proj_size=2, dtype=autograd.float64)
    assert autograd.gradcheck(lambda a: lstm(a)[1][1], (x,))


def test_dropout_between_layers():
    tm, om = _pair("LSTM", num_layers=3, dropout=0.5)
    x = np.random.RandomState(4).randn(T, B, I)
    om.eval()
    tm.eval()
    _close(om(autograd.tensor(x))[0], tm(torch.tensor(x))[0], 1e-10)
    om.train()
    autograd.manual_seed(5)
    a = om(autograd.tensor(x))[0]
    autograd.manual_seed(5)
    b = om(autograd.tensor(x))[0]
    _close(a, b, 0)
    assert not np.allclose(a.detach().numpy(), tm(torch.tensor(x))[0].detach().numpy())
    one = nn.GRU(I, H, num_layers=1, dropout=0.0)
    one.train()
    np.testing.assert_array_equal(one(autograd.tensor(x).float())[0].detach().numpy(),
                                  one.eval()(autograd.tensor(x).float())[0].detach().numpy())


def test_dropout_warning_and_validation():
    with pytest.warns(UserWarning, match="non-zero dropout expects num_layers greater than 1"):
        nn.LSTM(I, H, dropout=0.3)
    with pytest.raises(ValueError, match="dropout should be a number in range"):
        nn.GRU(I, H, dropout=1.5)


def _same_error(make_t, make_o):
    with pytest.raises(Exception) as et:
        make_t()
    with pytest.raises(Exception) as eo:
        make_o()
    assert type(eo.value) is type(et.value)
    msg_t = str(et.value).replace("torch.", "autograd.")
    assert str(eo.value) == msg_t


@pytest.mark.parametrize("mode", list(MODES))
def test_forward_errors_like_torch(mode):
    tm, om = _pair(mode, dtype=torch.float32, num_layers=2)
    x = np.zeros((T, B, I), np.float32)
    lstm = mode.startswith("LSTM")
    hs = om.proj_size or H
    cases = [
        (np.zeros((T, B, I, 1), np.float32), None),
        (np.zeros((T, B, I + 1), np.float32), None),
        (x, (np.zeros((2, B + 1, hs), np.float32), np.zeros((2, B, H), np.float32)) if lstm else
         np.zeros((2, B + 1, H), np.float32)),
        (x, (np.zeros((2, B, hs), np.float32), np.zeros((2, B, H + 1), np.float32)) if lstm else
         np.zeros((3, B, H), np.float32)),
        (x, (np.zeros((B, hs), np.float32), np.zeros((B, H), np.float32)) if lstm else np.zeros((B, H), np.float32)),
        (np.zeros((T, I), np.float32), (np.zeros((2, 1, hs), np.float32), np.zeros((2, 1, H), np.float32)) if lstm
         else np.zeros((2, 1, H), np.float32)),
        (np.zeros((T, B, I)), None),
    ]

    def conv(lib, v):
        if v is None:
            return None
        if isinstance(v, tuple):
            return tuple(conv(lib, a) for a in v)
        return torch.from_numpy(v) if lib == "torch" else autograd.from_numpy(v)

    for inp, hx in cases:
        _same_error(lambda: tm(conv("torch", inp), conv("torch", hx)), lambda: om(conv("ours", inp), conv("ours", hx)))


def test_constructor_errors_like_torch():
    for args, kw in [((I, H), {"proj_size": 5}), ((I, H), {"proj_size": -1}), ((0, H), {}), ((I, 0), {}),
                     ((I, H), {"num_layers": 0}), ((I, H), {"bias": 1}), ((I, H), {"batch_first": "yes"})]:
        _same_error(lambda: torch.nn.LSTM(*args, **kw), lambda: nn.LSTM(*args, **kw))
    _same_error(lambda: torch.nn.GRU(I, H, proj_size=2), lambda: nn.GRU(I, H, proj_size=2))
    _same_error(lambda: torch.nn.RNN(I, H, nonlinearity="gelu"), lambda: nn.RNN(I, H, nonlinearity="gelu"))
    _same_error(lambda: torch.nn.LSTMCell(I, H)(torch.zeros(1, 2, I)),
                lambda: nn.LSTMCell(I, H)(autograd.zeros(1, 2, I)))
    _same_error(lambda: torch.nn.GRUCell(I, H)(torch.zeros(2, I), torch.zeros(1, 2, H)),
                lambda: nn.GRUCell(I, H)(autograd.zeros(2, I), autograd.zeros(1, 2, H)))
    _same_error(lambda: torch.nn.LSTMCell(I, H)(torch.zeros(2, I), (torch.zeros(2, H), torch.zeros(1, 2, H))),
                lambda: nn.LSTMCell(I, H)(autograd.zeros(2, I), (autograd.zeros(2, H), autograd.zeros(1, 2, H))))


def test_nonlinearity_positional_argument():
    m = nn.RNN(I, H, 2, "relu")
    assert m.nonlinearity == "relu" and m.num_layers == 2 and m.mode == "RNN_RELU"
    assert repr(m) == repr(torch.nn.RNN(I, H, 2, "relu"))


def test_training_lstm_with_adam_matches_torch():
    """End to end: LSTM + Linear head trained 5 Adam steps equals torch (weights copied in)."""
    rng = np.random.RandomState(6)
    x, y = rng.randn(T, B, I), rng.randn(B, 2)
    tl, ol = _pair("LSTM", num_layers=2, bidirectional=True)
    th = torch.nn.Linear(2 * H, 2).double()
    oh = nn.Linear(2 * H, 2).double()
    oh.load_state_dict({k: autograd.from_numpy(v.detach().numpy().copy()) for k, v in th.state_dict().items()})
    topt = torch.optim.Adam(list(tl.parameters()) + list(th.parameters()), lr=0.01)
    oopt = optim.Adam(list(ol.parameters()) + list(oh.parameters()), lr=0.01)
    for _ in range(5):
        for layer, head, opt, xx, yy in ((tl, th, topt, torch.tensor(x), torch.tensor(y)),
                                         (ol, oh, oopt, autograd.tensor(x), autograd.tensor(y))):
            opt.zero_grad()
            out, _ = layer(xx)
            ((head(out[-1]) - yy) ** 2).mean().backward()
            opt.step()
    for (name, p), q in zip(tl.named_parameters(), ol.parameters()):
        _close(q, p, 1e-9)


def test_gradients_do_not_explode_in_memory_for_long_sequences():
    """A 200-step sequence runs forward and backward (backward cost linear in the length)."""
    m = nn.GRU(3, 8)
    x = autograd.randn(200, 2, 3, requires_grad=True)
    out, h = m(x)
    out.sum().backward()
    assert x.grad.shape == x.shape and np.isfinite(x.grad.numpy()).all()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        m.flatten_parameters()
