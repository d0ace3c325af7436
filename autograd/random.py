"""Random number generation: a global seeded Generator (``manual_seed`` reproduces runs exactly)."""
import contextlib

import numpy as np

DEFAULT_SEED = 67280421310721  # PyTorch's default seed: unseeded runs are deterministic there too


class Generator:
    """Like torch.Generator: an independent, seedable random stream (NumPy PCG64 underneath)."""

    def __init__(self, device="cpu"):
        self._seed = DEFAULT_SEED
        self._rng = np.random.Generator(np.random.PCG64(self._seed))

    def manual_seed(self, seed):
        self._seed = int(seed)
        self._rng = np.random.Generator(np.random.PCG64(self._seed & 0xFFFFFFFFFFFFFFFF))
        return self

    def seed(self):
        s = int(np.random.SeedSequence().entropy) & 0xFFFFFFFFFFFFFFFF
        self.manual_seed(s)
        return s

    def initial_seed(self):
        return self._seed

    def get_state(self):
        from .tensor import Tensor
        import json
        state = json.dumps(self._rng.bit_generator.state).encode()
        return Tensor._make(np.frombuffer(state, dtype=np.uint8).copy())

    def set_state(self, new_state):
        import json
        self._rng.bit_generator.state = json.loads(bytes(new_state._data.tobytes()).decode())
        return self

    @property
    def device(self):
        from .tensor import CPU
        return CPU


default_generator = Generator()


def rng(generator=None):
    return (generator or default_generator)._rng


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
