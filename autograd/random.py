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
# randperm's swaps run as a jitted loop once Numba is loaded, or from this size (where the Python loop
# costs more than loading Numba)
_JIT_PERM_MIN = 1 << 17


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
        if _B.JIT_ENABLED and (n >= _JIT_PERM_MIN or "numba" in sys.modules):
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
        out = []
        with _Serial(self) as s:
            for zero, sm, e, d_, c_ in zip((a == 0).tolist(), small.tolist(), power.tolist(), d.tolist(), c.tolist()):
                if zero:
                    out.append(0.0)
                    continue
                scale = (1.0 - s.uniform()) ** e if sm else 1.0
                while True:
                    x = s.normal()
                    y = 1.0 + c_ * x
                    if y <= 0:
                        continue
                    v = y * y * y
                    u = 1.0 - s.uniform()
                    xx = x * x
                    if u < 1.0 - c331 * xx * xx or math.log(u) < 0.5 * xx + d_ * (1.0 - v + math.log(v)):
                        out.append(scale * d_ * v)
                        break
        return np.maximum(np.array(out, np.float64).astype(f), np.finfo(f).tiny).reshape(alpha.shape)

    def poisson(self, rates):
        """torch's CPU ``poisson``: per rate (in order) the multiplication method below 10, Hoermann's
        transformed rejection (PTRS) from 10 on, on the serial double uniforms."""
        rates = np.asarray(rates)
        out = np.empty(rates.shape, np.float64)
        with _Serial(self) as s:
            for i, lam in enumerate(rates.reshape(-1).astype(np.float64).tolist()):
                out.flat[i] = self._poisson_one(lam, s)
        return out.astype(rates.dtype)

    def _poisson_one(self, lam, s):
        if lam >= 10:
            slam, loglam = math.sqrt(lam), math.log(lam)
            b = 0.931 + 2.53 * slam
            a = -0.059 + 0.02483 * b
            invalpha = 1.1239 + 1.1328 / (b - 3.4)
            vr = 0.9277 - 3.6224 / (b - 2)
            while True:
                u = s.uniform() - 0.5
                v = s.uniform()
                us = 0.5 - abs(u)
                k = math.floor((2 * a / us + b) * u + lam + 0.43)
                if us >= 0.07 and v <= vr:
                    return k
                if k < 0 or (us < 0.013 and v > us):
                    continue
                if math.log(v) + math.log(invalpha) - math.log(a / (us * us) + b) <= \
                        -lam + k * loglam - math.lgamma(k + 1.0):
                    return k
        if lam == 0:
            return 0
        enlam, x, prod = math.exp(-lam), 0, 1.0
        while True:
            prod *= s.uniform()
            if prod > enlam:
                x += 1
            else:
                return x

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
            consts = zip(n.tolist(), p.tolist(), flip.tolist(), (nq >= 10.0).tolist(), q.tolist(),
                         np.log1p(-q).astype(np.float64).tolist(), np.sqrt(nq * (f(1) - q)).astype(np.float64).tolist(),
                         nq.astype(np.float64).tolist(), (q / (f(1) - q)).astype(np.float64).tolist(),
                         np.floor((n + f(1)) * q).astype(np.float64).tolist())
        out = []
        with _Serial(self) as s:
            for n_, p_, flip_, btrs, q_, logq, stddev, c, r, m in consts:
                if n_ <= 0 or p_ <= 0:
                    out.append(0.0)
                elif p_ >= 1:
                    out.append(n_)
                elif p_ == p_:
                    k = _btrs(s, n_, q_, stddev, c + 0.5, r, m) if btrs else _binomial_inversion(s, n_, logq)
                    out.append(n_ - k if flip_ else k)
                else:
                    out.append(math.nan)
        return np.array(out, np.float64).astype(f).reshape(count.shape)


class _Serial:
    """Scalar draws for the rejection samplers (gamma, Poisson, binomial) at Python speed: 53-bit uniforms are
    made in blocks and, on exit, the engine is left exactly past the words used."""

    def __init__(self, gen):
        self.gen, self.values, self.pos, self.used, self.block = gen, [], 0, 0, 32

    def __enter__(self):
        self.start = self.gen._engine.state
        return self

    def __exit__(self, *exc):
        self.gen._engine.state = self.start
        self.gen._engine.random_raw(2 * (self.used + self.pos))

    def uniform(self):
        """torch's ``uniform_real_distribution<double>(0, 1)``: 53 bits of one 64-bit draw."""
        if self.pos == len(self.values):
            self.used += self.pos
            self.block = min(self.block * 4, 1 << 15)
            self.values, self.pos = self.gen._unit(self.block, np.float64).tolist(), 0
        self.pos += 1
        return self.values[self.pos - 1]

    def normal(self):
        """torch's ``normal_distribution<double>``, sharing the generator's cached second value."""
        g = self.gen
        if g._next_normal is not None:
            x, g._next_normal = g._next_normal, None
            return x
        u1, u2 = self.uniform(), self.uniform()
        r = math.sqrt(-2.0 * math.log1p(-u2))
        g._next_normal = r * math.sin(2.0 * math.pi * u1)
        return r * math.cos(2.0 * math.pi * u1)


def _binomial_inversion(s, n, logprob):
    total, k = 0.0, 0
    while True:
        total += math.ceil(math.log(s.uniform()) / logprob)
        if total > n:
            return k
        k += 1


def _btrs(s, n, p, stddev, c, r, m):
    """Hoermann's BTRS as ATen writes it (TensorFlow's variant, with its missing log)."""
    b = 1.15 + 2.53 * stddev
    a = -0.0873 + 0.0248 * b + 0.01 * p
    v_r = 0.92 - 4.2 / b
    alpha = (2.83 + 5.1 / b) * stddev
    while True:
        u = s.uniform() - 0.5
        v = s.uniform()
        us = 0.5 - abs(u)
        k = float(math.floor((2 * a / us + b) * u + c))
        if k < 0 or k > n:
            continue
        if us >= 0.07 and v <= v_r:
            return k
        v = math.log(v * alpha / (a / (us * us) + b))
        bound = ((m + 0.5) * math.log((m + 1) / (r * (n - m + 1))) + (n + 1) * math.log((n - m + 1) / (n - k + 1))
                 + (k + 0.5) * math.log(r * (n - k + 1) / (k + 1)) + _stirling_tail(m) + _stirling_tail(n - m)
                 - _stirling_tail(k) - _stirling_tail(n - k))
        if v <= bound:
            return k


_STIRLING_TAIL = (0.0810614667953272, 0.0413406959554092, 0.0276779256849983, 0.02079067210376509,
                  0.0166446911898211, 0.0138761288230707, 0.0118967099458917, 0.0104112652619720,
                  0.00925546218271273, 0.00833056343336287)


def _stirling_tail(k):
    if k < 10:
        return _STIRLING_TAIL[int(k)]
    kp1sq = (k + 1) * (k + 1)
    return (1.0 / 12 - (1.0 / 360 - 1.0 / 1260 / kp1sq) / kp1sq) / (k + 1)


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
