"""Random number generation, stream-compatible with PyTorch's CPU generator.

A ``Generator`` is torch's CPUGeneratorImpl: a 32-bit Mersenne Twister (NumPy's ``MT19937`` with the
classic ``init_genrand`` seeding, exactly ``std::mt19937``) plus torch's cached second Box-Muller sample. Its
methods turn raw draws into values the way ATen's CPU kernels do (bit masks for uniforms, Box-Muller in blocks
of 16 for large normal fills, modulo for integers, Fisher-Yates for ``randperm``), so after the same
``manual_seed`` a script draws the same numbers as under PyTorch: ``rand``/``uniform_`` bit for bit,
``randn``/``normal_`` to float rounding (torch's vectorised log/sin/cos differ in the last bit), and with
them weight initialisation, dropout masks, ``randint``/``randperm``, DataLoader shuffling and the rejection
samplers behind the distributions (gamma, Poisson, binomial). Serial kernels fill a strided tensor in memory
order, as TensorIterator does.
"""
import contextlib
import math
import sys

import numpy as np

from .kernels import numba_backend as _B

DEFAULT_SEED = 67280421310721  # PyTorch's default seed: unseeded runs are deterministic there too
_STATE_BYTES = 5056  # the size of torch's CPU generator state tensor
_MASK53 = np.uint64((1 << 53) - 1)
_U32 = np.uint64(32)
_PYTHON_LOOPS = [0.0]  # estimated seconds spent in sequential sampling loops at Python speed so far


def _jitted(n, seconds_per_element):
    """Whether a sequential sampling loop (randperm's swaps, the rejection samplers) runs jitted: once Numba is
    loaded anyway, or once this and the earlier Python-speed loops would cost more than loading it (~0.5 s).
    Both paths give the same numbers."""
    if not _B.JIT_ENABLED:
        return False
    if "numba" in sys.modules:
        return True
    _PYTHON_LOOPS[0] += n * seconds_per_element
    return _PYTHON_LOOPS[0] >= 0.5


class Generator:
    """Like torch.Generator: an independent, seedable random stream."""

    def __init__(self, device="cpu"):
        self.manual_seed(DEFAULT_SEED)

    def manual_seed(self, seed):
        seed = int(seed) & 0xFFFFFFFFFFFFFFFF  # torch wraps negative seeds to uint64
        self._seed = seed
        self._engine = np.random.MT19937()
        self._engine._legacy_seeding(seed & 0xFFFFFFFF)  # std::mt19937(seed): init_genrand on the low 32 bits
        self._next_normal = None  # the cached second value of the last serial Box-Muller pair
        return self

    def seed(self):
        s = int(np.random.SeedSequence().entropy) & 0xFFFFFFFFFFFFFFFF
        self.manual_seed(s)
        return s

    def initial_seed(self):
        return self._seed

    def get_state(self):
        """A uint8 tensor of torch's size holding the seed, the twister's words and position, the cached normal."""
        from .tensor import Tensor
        st = self._engine.state["state"]
        buf = np.zeros(_STATE_BYTES, np.uint8)
        header = np.array([self._seed, st["pos"], self._next_normal is not None], np.uint64)
        buf[:24] = header.view(np.uint8)
        buf[24:24 + 624 * 4] = st["key"].astype(np.uint32).view(np.uint8)
        buf[2520:2528] = np.array([self._next_normal or 0.0], np.float64).view(np.uint8)
        return Tensor._make(buf)

    def set_state(self, new_state):
        buf = np.ascontiguousarray(new_state._data).view(np.uint8).reshape(-1)
        if buf.size != _STATE_BYTES:
            raise RuntimeError(f"Expected either a THGeneratorState of size 5048 or a CPUGeneratorImplState of "
                               f"size 5056 but found the input RNG state size to be {buf.size}")
        seed, pos, has_normal = (int(v) for v in buf[:24].view(np.uint64))
        self._seed = seed
        self._engine.state = {"bit_generator": "MT19937",
                              "state": {"key": buf[24:24 + 624 * 4].view(np.uint32).copy(), "pos": pos}}
        self._next_normal = float(buf[2520:2528].view(np.float64)[0]) if has_normal else None
        return self

    @property
    def device(self):
        from .tensor import CPU
        return CPU

    # ---- raw draws ------------------------------------------------------------------------------
    def _random(self, n):
        """``n`` 32-bit draws (as uint64)."""
        return self._engine.random_raw(n)

    def _random64(self, n):
        """``n`` 64-bit draws, each two 32-bit ones, the first the high half (torch's ``random64``)."""
        r = self._engine.random_raw(2 * n).reshape(n, 2)
        return (r[:, 0] << _U32) | r[:, 1]

    def _unit(self, n, dtype):
        """Uniforms in [0, 1) as torch's ``uniform_real_distribution``: the mantissa's worth of low bits."""
        if dtype == np.float64:
            return (self._random64(n) & _MASK53).astype(np.float64) * 2.0 ** -53
        return (self._random(n) & np.uint64((1 << 24) - 1)).astype(np.float64) * 2.0 ** -24  # float16: float32 math

    def _serial_normals(self, n):
        """``n`` standard normals from torch's serial ``normal_distribution<double>``: Box-Muller on two
        53-bit uniforms, cos first, the sin kept for the next call (also across calls)."""
        out = np.empty(n, np.float64)
        start = 0
        if n and self._next_normal is not None:
            out[0], self._next_normal, start = self._next_normal, None, 1
        pairs = (n - start + 1) // 2
        if pairs:
            u = self._unit(2 * pairs, np.float64).reshape(pairs, 2)
            r = np.sqrt(-2.0 * np.log1p(-u[:, 1]))
            theta = 2.0 * math.pi * u[:, 0]
            both = np.stack([r * np.cos(theta), r * np.sin(theta)], 1).reshape(-1)
            out[start:] = both[:n - start]
            if (n - start) % 2:
                self._next_normal = float(both[-1])
        return out

    # ---- torch's CPU distributions, on arrays -----------------------------------------------------
    def uniform(self, shape, low, high, dtype):
        """``uniform_(low, high)``: ``x * (high - low) + low`` in the dtype's math type (float32 for float16, with
        a fused multiply-add: one rounding), then cast; a value rounded up to ``high`` becomes ``low``."""
        dtype = np.dtype(dtype)
        n = math.prod(shape)
        x = self._unit(n, dtype)
        if dtype == np.float64:
            out = x * (high - low) + low
        else:
            lo, hi = np.float32(low), np.float32(high)
            out = (x * np.float64(hi - lo) + np.float64(lo)).astype(np.float32).astype(dtype)
        out[out == dtype.type(high)] = dtype.type(low)
        return out.reshape(shape)

    def normal(self, shape, mean, std, dtype, strides=None):
        """``normal_(mean, std)``: 16 or more contiguous elements take torch's block Box-Muller fill, fewer its
        serial sampler, and so does a strided tensor (``strides`` of a non-contiguous one), in memory order."""
        dtype = np.dtype(dtype)
        n = math.prod(shape)
        if n < 16 or strides is not None:
            values = (self._serial_normals(n) * std + mean).astype(dtype)
            return values.reshape(shape) if strides is None else _in_memory_order(values, shape, strides)
        work = np.float64 if dtype == np.float64 else np.float32
        full = n - n % 16
        data = self._unit(n if dtype != np.float16 else full, dtype).astype(work)  # float16: 16 draws a block
        out = np.empty(n, work)
        out[:full] = _box_muller_16(data[:full], work)
        if n % 16:  # torch redraws 16 values for the last (overlapping) block
            out[n - 16:] = _box_muller_16(self._unit(16, dtype).astype(work), work)
        return (out * work(std) + work(mean)).astype(dtype).reshape(shape)

    def randint(self, shape, low, high):
        """``random_(low, high)``: ``draw % range + low``, 64-bit draws for ranges of 2**28 or more."""
        span = int(high) - int(low)
        n = math.prod(shape)
        draws = self._random64(n) if span >= 1 << 28 else self._random(n)
        return ((draws % np.uint64(span)).astype(np.int64) + int(low)).reshape(shape)

    def random_full(self, shape, dtype):
        """``random_()`` without bounds: [0, 2**mantissa] for floats, [0, max] for integers."""
        dtype = np.dtype(dtype)
        n = math.prod(shape)
        if dtype == np.bool_:
            return (self._random(n) & np.uint64(1)).astype(np.bool_).reshape(shape)
        if dtype.kind == "f":
            digits = {2: 11, 4: 24, 8: 53}[dtype.itemsize]
            draws = self._random64(n) if dtype == np.float64 else self._random(n)
            return (draws % np.uint64((1 << digits) + 1)).astype(dtype).reshape(shape)
        draws = self._random64(n) if dtype == np.int64 else self._random(n)
        return (draws % np.uint64(int(np.iinfo(dtype).max) + 1)).astype(dtype).reshape(shape)

    def randperm(self, n):
        """torch's CPU ``randperm``: Fisher-Yates, swapping ``i`` with ``i + draw % (n - i)``."""
        if n < 2:
            return np.arange(n, dtype=np.int64)
        steps = self._random(n - 1) % np.arange(n, 1, -1, dtype=np.uint64)
        if _jitted(n, 1.4e-6):
            perm = np.arange(n, dtype=np.int64)
            _B.jit("_jit_random").fisher_yates(perm, steps.astype(np.int64))
            return perm
        perm = list(range(n))
        for i, z in enumerate(steps.tolist()):
            j = i + z
            perm[i], perm[j] = perm[j], perm[i]
        return np.array(perm, np.int64)

    def bernoulli(self, p):
        """``bernoulli(p)`` for an array of probabilities: a uniform below ``p``, 24-bit for float32
        probabilities and 53-bit otherwise (torch's per-dtype paths)."""
        p = np.asarray(p)
        u = self._unit(p.size, np.float32 if p.dtype == np.float32 else np.float64).reshape(p.shape)
        return u < p

    def bernoulli_scalar(self, shape, p):
        return self._unit(math.prod(shape), np.float64).reshape(shape) < p

    def exponential(self, shape, lambd):
        return (-1.0 / lambd) * np.log1p(-self._unit(math.prod(shape), np.float64)).reshape(shape)

    def geometric(self, shape, p):
        return np.ceil(np.log(self._unit(math.prod(shape), np.float64)) / math.log1p(-p)).reshape(shape)

    def cauchy(self, shape, median, sigma):
        return (median + sigma * np.tan(math.pi * (self._unit(math.prod(shape), np.float64) - 0.5))).reshape(shape)

    def log_normal(self, shape, mean, std):
        return np.exp(self._serial_normals(math.prod(shape)) * std + mean).reshape(shape)

    def multinomial(self, probs, num_samples, replacement):
        """Rows of category indices: with replacement by inverse CDF on 53-bit uniforms, without (or for one
        sample) by torch's exponential race (top-k of ``p / Exp(1)``)."""
        replacement = replacement and num_samples > 1
        rows = probs.reshape(-1, probs.shape[-1])
        out = np.empty((rows.shape[0], num_samples), np.int64)
        for k, row in enumerate(rows):
            if replacement:
                cdf = np.cumsum(row.astype(np.float64))
                cdf /= cdf[-1]
                out[k] = np.minimum(np.searchsorted(cdf, self._unit(num_samples, np.float64), side="left"),
                                    row.size - 1)
            else:
                q = self.exponential(row.shape, 1.0).astype(row.dtype)
                race = row / q
                out[k] = np.argsort(-race, kind="stable")[:num_samples]
        return out.reshape(probs.shape[:-1] + (num_samples,))

    def gamma(self, alpha):
        """torch's CPU ``_standard_gamma``: per element (in order) Marsaglia-Tsang on the serial double uniform
        and normal samplers, with ATen's float-literal arithmetic; ``alpha``'s dtype is the kernel's scalar type."""
        alpha = np.asarray(alpha)
        f = alpha.dtype.type if alpha.dtype.kind == "f" else np.float64
        a = alpha.reshape(-1).astype(f)
        small = a < 1
        with np.errstate(divide="ignore"):
            power = (f(1) / a).astype(np.float64)  # 1.0f / alpha in the scalar type
        boosted = np.where(small, a + f(1), a).astype(f)
        d = (boosted - f(np.float32(1) / np.float32(3))).astype(f).astype(np.float64)
        c = 1.0 / np.sqrt(9.0 * d)
        c331 = float(np.float32(0.0331))
        out = self._rejection("gamma_fill", a.size, a == 0, small, power, d, c, c331)
        return np.maximum(out.astype(f), np.finfo(f).tiny).reshape(alpha.shape)

    def poisson(self, rates):
        """torch's CPU ``poisson``: per rate (in order) the multiplication method below 10, Hoermann's
        transformed rejection (PTRS) from 10 on, on the serial double uniforms."""
        rates = np.asarray(rates)
        return self._rejection("poisson_fill", rates.size, rates.reshape(-1).astype(np.float64)).reshape(
            rates.shape).astype(rates.dtype)

    def binomial(self, count, prob):
        """torch's CPU ``binomial``: per element (in order) inversion for ``n * min(p, 1 - p) < 10``, else BTRS,
        on the serial double uniforms, with ATen's arithmetic in ``count``'s float type."""
        count, prob = np.broadcast_arrays(np.asarray(count), np.asarray(prob))
        f = count.dtype.type if count.dtype.kind == "f" else np.float64
        n, p = count.reshape(-1).astype(f), prob.reshape(-1).astype(f)
        flip = p > 0.5
        q = np.where(flip, (1.0 - p.astype(np.float64)).astype(f), p)
        with np.errstate(all="ignore"):
            nq = (n * q).astype(f)
            out = self._rejection("binomial_fill", n.size, n.astype(np.float64), p.astype(np.float64), flip,
                                  nq >= 10.0, q.astype(np.float64), np.log1p(-q).astype(np.float64),
                                  np.sqrt(nq * (f(1) - q)).astype(np.float64), nq.astype(np.float64) + 0.5,
                                  (q / (f(1) - q)).astype(np.float64), np.floor((n + f(1)) * q).astype(np.float64))
        return out.astype(f).reshape(count.shape)

    def _rejection(self, name, n, *params):
        """``n`` draws of the rejection sampler ``name`` (``kernels.ref_random``, jitted when ``_jitted`` says so)
        on 53-bit uniforms made in blocks; the engine is left exactly past the words used (the block where use
        stopped is made again up to there)."""
        jitted = _jitted(n, 5e-6)
        if jitted:
            fill, out = getattr(_B.jit("_jit_random"), name), np.empty(n, np.float64)
            params = tuple(np.ascontiguousarray(p) if isinstance(p, np.ndarray) else p for p in params)
        else:
            from .kernels import ref_random
            fill, out = getattr(ref_random, name), [0.0] * n
            params = tuple(p.tolist() if isinstance(p, np.ndarray) else p for p in params)
        has_normal, normal = self._next_normal is not None, float(self._next_normal or 0.0)
        block_state, block_start = self._engine.state, 0  # the engine before the newest block, its first index
        u = self._unit(2 * n + 64, np.float64)  # the samplers average 1-3 uniforms a draw
        used = i = 0
        while True:
            i, pos, has_normal, normal = fill(out, *params, u if jitted else u.tolist(), i, has_normal, normal)
            used += pos
            if i == n:
                break
            block_state, block_start = self._engine.state, used + len(u) - pos
            u = np.concatenate([u[pos:], self._unit(n // 2 + 64, np.float64)])
        self._engine.state = block_state
        self._engine.random_raw(2 * (used - block_start))
        self._next_normal = normal if has_normal else None
        return np.asarray(out, np.float64)


def serial_fill(shape, strides, draw):
    """What a serial kernel writes into a tensor of ``shape`` laid out with ``strides`` (None: contiguous):
    ``draw(perm)`` makes the values for the dims permuted to memory order (outermost first); they are put
    back in logical order."""
    if strides is None:
        return draw(tuple(range(len(shape))))
    order = sorted(range(len(shape)), key=lambda d: -abs(strides[d]))
    return draw(tuple(order)).transpose(np.argsort(order))


def dense_strides(arr):
    """The strides ``empty_like(arr)`` keeps (a permuted but dense layout), or None for a contiguous result."""
    if arr.flags.c_contiguous or arr.ndim < 2:
        return None
    order = sorted(range(arr.ndim), key=lambda d: -abs(arr.strides[d]))
    dense = np.empty([arr.shape[d] for d in order], arr.dtype).strides
    ok = all(arr.shape[d] == 1 or arr.strides[d] == dense[i] for i, d in enumerate(order))
    return arr.strides if ok else None


def _in_memory_order(values, shape, strides):
    """``values`` laid into ``shape`` in the order a strided tensor's elements sit in memory (TensorIterator's
    order for a serial kernel: the largest stride outermost)."""
    order = sorted(range(len(shape)), key=lambda d: -abs(strides[d]))
    return values.reshape([shape[d] for d in order]).transpose(np.argsort(order))


def _box_muller_16(data, work):
    """torch's ``normal_fill_16`` over consecutive blocks of 16 uniforms: (1 - u[j], u[j+8]) -> two normals."""
    blocks = data.reshape(-1, 16)
    u1 = work(1) - blocks[:, :8]
    u2 = blocks[:, 8:]
    radius = np.sqrt(work(-2) * np.log(u1))
    theta = work(2 * math.pi) * u2
    return np.concatenate([radius * np.cos(theta), radius * np.sin(theta)], 1).reshape(-1)


default_generator = Generator()


def generator(gen=None):
    """The generator a call draws from: the one given, else the global one."""
    return default_generator if gen is None else gen


def manual_seed(seed):
    default_generator.manual_seed(seed)
    return default_generator


def seed():
    return default_generator.seed()


def initial_seed():
    return default_generator.initial_seed()


def get_rng_state():
    return default_generator.get_state()


def set_rng_state(new_state):
    default_generator.set_state(new_state)


@contextlib.contextmanager
def fork_rng(devices=None, enabled=True, _caller="fork_rng", _devices_kw="devices", device_type="cuda"):
    """Run the block with the global random state forked: on exit it is restored to what it was before."""
    if not enabled:
        yield
        return
    state = get_rng_state()
    try:
        yield
    finally:
        set_rng_state(state)
