"""Recurrent layers: RNN (tanh/relu), LSTM (optional projection), GRU and their single-step cells.

Built from autograd ops, so gradients flow through time by ordinary backward. Per layer and
direction the input projection ``x W_ih^T + b_ih`` is ONE matmul over all time steps; the loop then
adds only ``h W_hh^T + b_hh`` per step. A ``PackedSequence`` input runs the same steps on a batch that
shrinks as sequences end (each final state is taken at its sequence's last step), as PyTorch does.
Parameter names, shapes, gate order (LSTM i,f,g,o; GRU r,z,n), init U(-1/sqrt(hidden), 1/sqrt(hidden))
and error messages are PyTorch's.
"""
import math
import numbers
import warnings

import autograd
from autograd.creation import empty, zeros
from autograd.ops.joining import Stack

from .. import init
from ..functional.dropout import dropout as _dropout
from ..functional.linear import linear
from ..module import Module
from ..parameter import Parameter
from ..utils.rnn import PackedSequence

__all__ = ["RNNBase", "RNN", "LSTM", "GRU", "RNNCellBase", "RNNCell", "LSTMCell", "GRUCell"]

_GATES = {"LSTM": 4, "GRU": 3, "RNN_TANH": 1, "RNN_RELU": 1}


# ---- one time step of each recurrence; ``gi`` is the precomputed input projection ------------------------
def _rnn_tanh_step(gi, h, w_hh, b_hh, w_hr=None):
    h = autograd.tanh(gi + linear(h, w_hh, b_hh))
    return h, h


def _rnn_relu_step(gi, h, w_hh, b_hh, w_hr=None):
    h = autograd.relu(gi + linear(h, w_hh, b_hh))
    return h, h


def _lstm_step(gi, state, w_hh, b_hh, w_hr=None):
    h, c = state
    i, f, g, o = (gi + linear(h, w_hh, b_hh)).chunk(4, 1)
    c = autograd.sigmoid(f) * c + autograd.sigmoid(i) * autograd.tanh(g)
    h = autograd.sigmoid(o) * autograd.tanh(c)
    if w_hr is not None:
        h = linear(h, w_hr)
    return h, (h, c)


def _gru_step(gi, h, w_hh, b_hh, w_hr=None):
    i_r, i_z, i_n = gi.chunk(3, 1)
    h_r, h_z, h_n = linear(h, w_hh, b_hh).chunk(3, 1)
    r = autograd.sigmoid(i_r + h_r)
    z = autograd.sigmoid(i_z + h_z)
    n = autograd.tanh(i_n + r * h_n)
    h = (h - n) * z + n
    return h, h


_STEPS = {"RNN_TANH": _rnn_tanh_step, "RNN_RELU": _rnn_relu_step, "LSTM": _lstm_step, "GRU": _gru_step}


class _MkldnnRnnLayer(Stack):
    """PyTorch runs a CPU float32 LSTM layer as one oneDNN kernel: its output's grad_fn has that kernel's name."""
    node_name = "MkldnnRnnLayerBackward0"


def _run_direction(step, gi, state, weights, reverse, mkldnn=False):
    """Run one layer in one direction over ``gi`` (T, B, G); returns outputs (T, B, H) and the final state."""
    w_hh, b_hh, w_hr = weights
    steps = gi.unbind(0)
    order = range(len(steps) - 1, -1, -1) if reverse else range(len(steps))
    outs = [None] * len(steps)
    for t in order:
        outs[t], state = step(steps[t], state, w_hh, b_hh, w_hr)
    return (_MkldnnRnnLayer.apply(0, *outs) if mkldnn else autograd.stack(outs, 0)), state


def _states(state, fn):
    """``fn`` applied to the state (a tensor, or LSTM's (h, c))."""
    return tuple(fn(s) for s in state) if isinstance(state, tuple) else fn(state)


def _cat_states(states):
    if isinstance(states[0], tuple):
        return tuple(autograd.cat(parts, 0) for parts in zip(*states))
    return autograd.cat(states, 0)


def _run_packed_direction(step, gi, batch_sizes, state, weights, reverse):
    """Run one layer in one direction over packed ``gi`` (N, G) with ``batch_sizes`` (ints).

    Forward, the batch shrinks: rows that leave keep their state as their final one. Reversed, the
    batch grows from the shortest step: rows that join start from their initial state.
    """
    w_hh, b_hh, w_hr = weights
    steps = gi.split(batch_sizes, 0)
    outs = [None] * len(steps)
    if not reverse:
        finished, size = [], batch_sizes[0]
        for t, n in enumerate(batch_sizes):
            if n < size:
                finished.append(_states(state, lambda s: s[n:size]))
                state, size = _states(state, lambda s: s[:n]), n
            outs[t], state = step(steps[t], state, w_hh, b_hh, w_hr)
        state = _cat_states([state] + finished[::-1]) if finished else state
    else:
        initial, size = state, batch_sizes[-1]
        state = _states(initial, lambda s: s[:size]) if size < batch_sizes[0] else initial
        for t in range(len(batch_sizes) - 1, -1, -1):
            n = batch_sizes[t]
            if n > size:
                state = _cat_states([state, _states(initial, lambda s: s[size:n])])
                size = n
            outs[t], state = step(steps[t], state, w_hh, b_hh, w_hr)
    return autograd.cat(outs, 0), state


def _mini_batch(module, input, batch_sizes):
    if batch_sizes is not None:
        return int(batch_sizes[0])
    return input.size(0) if module.batch_first else input.size(1)


class RNNBase(Module):
    """Shared machinery of RNN/LSTM/GRU: parameters per layer and direction, checks, the layer loop."""

    __constants__ = ["mode", "input_size", "hidden_size", "num_layers", "bias", "batch_first", "dropout",
                     "bidirectional", "proj_size"]

    def __init__(self, mode, input_size, hidden_size, num_layers=1, bias=True, batch_first=False, dropout=0.0,
                 bidirectional=False, proj_size=0, device=None, dtype=None):
        super().__init__()
        self.mode = mode
        self.input_size = input_size
        self.hidden_size = hidden_size
        self.num_layers = num_layers
        self.bias = bias
        self.batch_first = batch_first
        self.dropout = float(dropout)
        self.bidirectional = bidirectional
        self.proj_size = proj_size
        num_directions = 2 if bidirectional else 1
        if not isinstance(dropout, numbers.Number) or not 0 <= dropout <= 1 or isinstance(dropout, bool):
            raise ValueError("dropout should be a number in range [0, 1] representing the probability of an "
                             "element being zeroed")
        if dropout > 0 and num_layers == 1:
            warnings.warn("dropout option adds dropout after all but last recurrent layer, so non-zero dropout "
                          f"expects num_layers greater than 1, but got dropout={dropout} and "
                          f"num_layers={num_layers}", stacklevel=2)
        for name, value, kind in (("bias", bias, bool), ("batch_first", batch_first, bool),
                                  ("input_size", input_size, int)):
            if not isinstance(value, kind):
                raise TypeError(f"{name} should be of type {kind.__name__}, got: {type(value).__name__}")
        if input_size <= 0:
            raise ValueError("input_size must be greater than zero")
        if not isinstance(hidden_size, int):
            raise TypeError(f"hidden_size should be of type int, got: {type(hidden_size).__name__}")
        if hidden_size <= 0:
            raise ValueError("hidden_size must be greater than zero")
        if num_layers <= 0:
            raise ValueError("num_layers must be greater than zero")
        if proj_size < 0:
            raise ValueError("proj_size should be a positive integer or zero to disable projections")
        if proj_size >= hidden_size:
            raise ValueError("proj_size has to be smaller than hidden_size")
        if mode not in _GATES:
            raise ValueError("Unrecognized RNN mode: " + mode)
        gate_size = _GATES[mode] * hidden_size
        real_hidden_size = proj_size if proj_size > 0 else hidden_size
        factory = {"device": device, "dtype": dtype}
        self._flat_weights_names = []
        self._all_weights = []
        for layer in range(num_layers):
            for direction in range(num_directions):
                layer_input_size = input_size if layer == 0 else real_hidden_size * num_directions
                shapes = [("weight_ih_l{}{}", (gate_size, layer_input_size)),
                          ("weight_hh_l{}{}", (gate_size, real_hidden_size))]
                if bias:
                    shapes += [("bias_ih_l{}{}", (gate_size,)), ("bias_hh_l{}{}", (gate_size,))]
                if proj_size > 0:
                    shapes += [("weight_hr_l{}{}", (proj_size, hidden_size))]
                suffix = "_reverse" if direction == 1 else ""
                names = []
                for fmt, shape in shapes:
                    name = fmt.format(layer, suffix)
                    setattr(self, name, Parameter(empty(shape, **factory)))
                    names.append(name)
                self._flat_weights_names.extend(names)
                self._all_weights.append(names)
        self.reset_parameters()

    def reset_parameters(self):
        stdv = 1.0 / math.sqrt(self.hidden_size) if self.hidden_size > 0 else 0
        for weight in self.parameters():
            init.uniform_(weight, -stdv, stdv)

    @property
    def _flat_weights(self):
        return [getattr(self, name, None) for name in self._flat_weights_names]

    @property
    def all_weights(self):
        return [[getattr(self, name) for name in names] for names in self._all_weights]

    def flatten_parameters(self):
        """No-op (cuDNN weight packing does not apply on the CPU)."""

    def extra_repr(self):
        s = f"{self.input_size}, {self.hidden_size}"
        if self.proj_size != 0:
            s += f", proj_size={self.proj_size}"
        if self.num_layers != 1:
            s += f", num_layers={self.num_layers}"
        if self.bias is not True:
            s += f", bias={self.bias}"
        if self.batch_first is not False:
            s += f", batch_first={self.batch_first}"
        if self.dropout != 0:
            s += f", dropout={self.dropout}"
        if self.bidirectional is not False:
            s += f", bidirectional={self.bidirectional}"
        return s

    # ---- checks (PyTorch's messages) -------------------------------------------------------------
    def check_input(self, input, batch_sizes=None):
        w = self._flat_weights[0]
        if input.dtype != w.dtype:
            raise ValueError(f"RNN input dtype ({input.dtype}) does not match weight dtype ({w.dtype}). Convert "
                             f"input: input.to({w.dtype}), or convert model: model.to({input.dtype})")
        expected_input_dim = 2 if batch_sizes is not None else 3
        if input.dim() != expected_input_dim:
            raise RuntimeError(f"input must have {expected_input_dim} dimensions, got {input.dim()}")
        if self.input_size != input.size(-1):
            raise RuntimeError(f"input.size(-1) must be equal to input_size. Expected {self.input_size}, "
                               f"got {input.size(-1)}")

    def get_expected_hidden_size(self, input, batch_sizes=None):
        mini_batch = _mini_batch(self, input, batch_sizes)
        num_directions = 2 if self.bidirectional else 1
        size = self.proj_size if self.proj_size > 0 else self.hidden_size
        return (self.num_layers * num_directions, mini_batch, size)

    def check_hidden_size(self, hx, expected_hidden_size, msg="Expected hidden size {}, got {}"):
        if tuple(hx.size()) != tuple(expected_hidden_size):
            raise RuntimeError(msg.format(expected_hidden_size, list(hx.size())))

    def check_forward_args(self, input, hidden, batch_sizes=None):
        self.check_input(input, batch_sizes)
        self.check_hidden_size(hidden, self.get_expected_hidden_size(input, batch_sizes))

    def permute_hidden(self, hx, permutation):
        if permutation is None:
            return hx
        return hx.index_select(1, permutation)

    # ---- forward -------------------------------------------------------------------------------------
    def _batched(self, input):
        """Check ``input`` is 2-D (unbatched) or 3-D; returns it with a batch dim and whether it had one."""
        name = {"RNN_TANH": "RNN", "RNN_RELU": "RNN"}.get(self.mode, self.mode)
        if input.dim() not in (2, 3):
            kind = " tensor" if name == "RNN" else ""
            raise ValueError(f"{name}: Expected input to be 2D or 3D, got {input.dim()}D{kind} instead")
        is_batched = input.dim() == 3
        if not is_batched:
            input = input.unsqueeze(0 if self.batch_first else 1)
        return input, is_batched

    def _zeros(self, input, size, batch=None):
        if batch is None:
            batch = input.size(0) if self.batch_first else input.size(1)
        num_directions = 2 if self.bidirectional else 1
        return zeros(self.num_layers * num_directions, batch, size, dtype=input.dtype)

    def _run(self, input, hx, cx=None, batch_sizes=None):
        """The layer loop: ``input`` (batched, or packed data (N, I) with ``batch_sizes``), ``hx``/``cx``
        (layers*dirs, B, H); returns output, h_n(, c_n)."""
        step = _STEPS[self.mode]
        packed = batch_sizes is not None
        if packed:
            batch_sizes = [int(n) for n in batch_sizes.tolist()]
        x = input.transpose(0, 1) if self.batch_first and not packed else input
        num_directions = 2 if self.bidirectional else 1
        h0 = hx.unbind(0)
        c0 = cx.unbind(0) if cx is not None else None
        all_weights = self.all_weights
        mkldnn = self.mode == "LSTM" and self.proj_size == 0 and x.dtype == autograd.float32
        h_n, c_n = [], []
        for layer in range(self.num_layers):
            outputs = []
            for direction in range(num_directions):
                k = layer * num_directions + direction
                params = all_weights[k]
                w_ih, w_hh = params[0], params[1]
                b_ih, b_hh = (params[2], params[3]) if self.bias else (None, None)
                w_hr = params[-1] if self.proj_size > 0 else None
                state = (h0[k], c0[k]) if c0 is not None else h0[k]
                gi, weights, reverse = linear(x, w_ih, b_ih), (w_hh, b_hh, w_hr), direction == 1
                if packed:
                    out, state = _run_packed_direction(step, gi, batch_sizes, state, weights, reverse)
                else:
                    out, state = _run_direction(step, gi, state, weights, reverse, mkldnn)
                outputs.append(out)
                if c0 is not None:
                    h_n.append(state[0])
                    c_n.append(state[1])
                else:
                    h_n.append(state)
            x = outputs[0] if num_directions == 1 else autograd.cat(outputs, -1)
            if self.dropout > 0 and self.training and layer < self.num_layers - 1:
                x = _dropout(x, self.dropout, True)
        output = x.transpose(0, 1) if self.batch_first and not packed else x
        h_n = autograd.stack(h_n, 0)
        return (output, h_n) if c0 is None else (output, h_n, autograd.stack(c_n, 0))

    def _forward_packed(self, packed, hx, hidden_sizes):
        """Run on a PackedSequence: states permuted into packed order and back (PyTorch's order of checks)."""
        data, batch_sizes, sorted_indices, unsorted_indices = packed
        if hx is None:
            zeros_ = [self._zeros(data, size, int(batch_sizes[0])) for size in hidden_sizes]
            hx = zeros_[0] if len(zeros_) == 1 else tuple(zeros_)
        else:
            hx = self.permute_hidden(hx, sorted_indices)
        if self.mode == "LSTM":  # PyTorch checks no packed LSTM args: input errors come from the matmul
            self.check_hidden_size(hx[0], self.get_expected_hidden_size(data, batch_sizes),
                                   "Expected hidden[0] size {}, got {}")
            self.check_hidden_size(hx[1], self.get_expected_cell_size(data, batch_sizes),
                                   "Expected hidden[1] size {}, got {}")
        else:
            self.check_forward_args(data, hx, batch_sizes)
        states = hx if isinstance(hx, tuple) else (hx,)
        output, *hidden = self._run(data, *states, batch_sizes=batch_sizes)
        hidden = hidden[0] if len(hidden) == 1 else tuple(hidden)
        return (PackedSequence(output, batch_sizes, sorted_indices, unsorted_indices),
                self.permute_hidden(hidden, unsorted_indices))

    def forward(self, input, hx=None):
        if isinstance(input, PackedSequence):
            return self._forward_packed(input, hx, (self.hidden_size,))
        input, is_batched = self._batched(input)
        if hx is not None:
            if is_batched and hx.dim() != 3:
                raise RuntimeError(f"For batched 3-D input, hx should also be 3-D but got {hx.dim()}-D tensor")
            if not is_batched:
                if hx.dim() != 2:
                    raise RuntimeError(f"For unbatched 2-D input, hx should also be 2-D but got {hx.dim()}-D tensor")
                hx = hx.unsqueeze(1)
        else:
            hx = self._zeros(input, self.hidden_size)
        self.check_forward_args(input, hx)
        output, hidden = self._run(input, hx)
        if not is_batched:
            output = output.squeeze(0 if self.batch_first else 1)
            hidden = hidden.squeeze(1)
        return output, hidden


class RNN(RNNBase):
    """Elman RNN: ``h_t = act(x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh)``, act tanh or relu."""

    def __init__(self, *args, **kwargs):
        if "proj_size" in kwargs:
            raise ValueError("proj_size argument is only supported for LSTM, not RNN or GRU")
        if len(args) > 3:
            self.nonlinearity = args[3]
            args = args[:3] + args[4:]
        else:
            self.nonlinearity = kwargs.pop("nonlinearity", "tanh")
        if self.nonlinearity == "tanh":
            mode = "RNN_TANH"
        elif self.nonlinearity == "relu":
            mode = "RNN_RELU"
        else:
            raise ValueError(f"Unknown nonlinearity '{self.nonlinearity}'. Select from 'tanh' or 'relu'.")
        super().__init__(mode, *args, **kwargs)


class GRU(RNNBase):
    """Gated recurrent unit, gates r, z, n (PyTorch's order and formulation)."""

    def __init__(self, *args, **kwargs):
        if "proj_size" in kwargs:
            raise ValueError("proj_size argument is only supported for LSTM, not RNN or GRU")
        super().__init__("GRU", *args, **kwargs)


class LSTM(RNNBase):
    """Long short-term memory, gates i, f, g, o; ``proj_size > 0`` projects h by ``weight_hr``."""

    def __init__(self, *args, **kwargs):
        super().__init__("LSTM", *args, **kwargs)

    def get_expected_cell_size(self, input, batch_sizes=None):
        mini_batch = _mini_batch(self, input, batch_sizes)
        num_directions = 2 if self.bidirectional else 1
        return (self.num_layers * num_directions, mini_batch, self.hidden_size)

    def check_forward_args(self, input, hidden, batch_sizes=None):
        self.check_input(input, batch_sizes)
        self.check_hidden_size(hidden[0], self.get_expected_hidden_size(input, batch_sizes),
                               "Expected hidden[0] size {}, got {}")
        self.check_hidden_size(hidden[1], self.get_expected_cell_size(input, batch_sizes),
                               "Expected hidden[1] size {}, got {}")

    def permute_hidden(self, hx, permutation):
        if permutation is None:
            return hx
        return hx[0].index_select(1, permutation), hx[1].index_select(1, permutation)

    def forward(self, input, hx=None):
        if isinstance(input, PackedSequence):
            return self._forward_packed(input, hx, (self.proj_size or self.hidden_size, self.hidden_size))
        input, is_batched = self._batched(input)
        if hx is None:
            real_hidden_size = self.proj_size if self.proj_size > 0 else self.hidden_size
            hx = (self._zeros(input, real_hidden_size), self._zeros(input, self.hidden_size))
        else:
            want = 3 if is_batched else 2
            if hx[0].dim() != want or hx[1].dim() != want:
                kind = "batched 3-D" if is_batched else "unbatched 2-D"
                raise RuntimeError(f"For {kind} input, hx and cx should also be {want}-D but got "
                                   f"({hx[0].dim()}-D, {hx[1].dim()}-D) tensors")
            if not is_batched:
                hx = (hx[0].unsqueeze(1), hx[1].unsqueeze(1))
        self.check_forward_args(input, hx)
        output, h_n, c_n = self._run(input, hx[0], hx[1])
        if not is_batched:
            output = output.squeeze(0 if self.batch_first else 1)
            h_n, c_n = h_n.squeeze(1), c_n.squeeze(1)
        return output, (h_n, c_n)


class RNNCellBase(Module):
    """Shared parameters of the cells: ``weight_ih`` (chunks*hidden, input), ``weight_hh``, biases."""

    __constants__ = ["input_size", "hidden_size", "bias"]

    def __init__(self, input_size, hidden_size, bias, num_chunks, device=None, dtype=None):
        super().__init__()
        factory = {"device": device, "dtype": dtype}
        self.input_size = input_size
        self.hidden_size = hidden_size
        self.bias = bias
        self.weight_ih = Parameter(empty((num_chunks * hidden_size, input_size), **factory))
        self.weight_hh = Parameter(empty((num_chunks * hidden_size, hidden_size), **factory))
        if bias:
            self.bias_ih = Parameter(empty(num_chunks * hidden_size, **factory))
            self.bias_hh = Parameter(empty(num_chunks * hidden_size, **factory))
        else:
            self.register_parameter("bias_ih", None)
            self.register_parameter("bias_hh", None)
        self.reset_parameters()

    def extra_repr(self):
        s = f"{self.input_size}, {self.hidden_size}"
        if self.bias is not True:
            s += f", bias={self.bias}"
        if getattr(self, "nonlinearity", "tanh") != "tanh":
            s += f", nonlinearity={self.nonlinearity}"
        return s

    def reset_parameters(self):
        stdv = 1.0 / math.sqrt(self.hidden_size) if self.hidden_size > 0 else 0
        for weight in self.parameters():
            init.uniform_(weight, -stdv, stdv)

    def _prepare(self, name, input, hx, n_states):
        """Check dims (1-D unbatched or 2-D), add the batch dim, default the states to zeros."""
        if input.dim() not in (1, 2):
            raise ValueError(f"{name}: Expected input to be 1D or 2D, got {input.dim()}D instead")
        is_batched = input.dim() == 2
        if not is_batched:
            input = input.unsqueeze(0)
        if input.size(1) != self.input_size:
            raise RuntimeError(f"input has inconsistent input_size: got {input.size(1)} expected {self.input_size}")
        if hx is None:
            z = zeros(input.size(0), self.hidden_size, dtype=input.dtype)
            return input, (z,) * n_states, is_batched
        states = tuple(hx) if n_states > 1 else (hx,)
        for idx, value in enumerate(states):
            if value.dim() not in (1, 2):
                what = f"hx[{idx}]" if n_states > 1 else "hidden"
                raise ValueError(f"{name}: Expected {what} to be 1D or 2D, got {value.dim()}D instead")
        if not is_batched:
            states = tuple(s.unsqueeze(0) for s in states)
        for idx, value in enumerate(states):
            if value.size(0) != input.size(0):
                raise RuntimeError(f"Input batch size {input.size(0)} doesn't match hidden{idx} batch size "
                                   f"{value.size(0)}")
            if value.size(1) != self.hidden_size:
                raise RuntimeError(f"hidden{idx} has inconsistent hidden_size: got {value.size(1)}, "
                                   f"expected {self.hidden_size}")
        return input, states, is_batched

    def _step(self, step_fn, input, state):
        return step_fn(linear(input, self.weight_ih, self.bias_ih), state, self.weight_hh, self.bias_hh)[1]


class RNNCell(RNNCellBase):
    """One Elman RNN step (tanh or relu)."""

    __constants__ = ["input_size", "hidden_size", "bias", "nonlinearity"]

    def __init__(self, input_size, hidden_size, bias=True, nonlinearity="tanh", device=None, dtype=None):
        super().__init__(input_size, hidden_size, bias, num_chunks=1, device=device, dtype=dtype)
        self.nonlinearity = nonlinearity

    def forward(self, input, hx=None):
        input, (h,), is_batched = self._prepare("RNNCell", input, hx, 1)
        if self.nonlinearity not in ("tanh", "relu"):
            raise RuntimeError(f"Unknown nonlinearity: {self.nonlinearity}")
        ret = self._step(_rnn_tanh_step if self.nonlinearity == "tanh" else _rnn_relu_step, input, h)
        return ret if is_batched else ret.squeeze(0)


class LSTMCell(RNNCellBase):
    """One LSTM step; returns ``(h', c')``."""

    def __init__(self, input_size, hidden_size, bias=True, device=None, dtype=None):
        super().__init__(input_size, hidden_size, bias, num_chunks=4, device=device, dtype=dtype)

    def forward(self, input, hx=None):
        input, state, is_batched = self._prepare("LSTMCell", input, hx, 2)
        h, c = self._step(_lstm_step, input, state)
        return (h, c) if is_batched else (h.squeeze(0), c.squeeze(0))


class GRUCell(RNNCellBase):
    """One GRU step."""

    def __init__(self, input_size, hidden_size, bias=True, device=None, dtype=None):
        super().__init__(input_size, hidden_size, bias, num_chunks=3, device=device, dtype=dtype)

    def forward(self, input, hx=None):
        input, (h,), is_batched = self._prepare("GRUCell", input, hx, 1)
        ret = self._step(_gru_step, input, h)
        return ret if is_batched else ret.squeeze(0)
