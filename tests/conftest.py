"""Shared fixtures: deterministic seeds and the PyTorch oracle (tests skip with a reason without it)."""
import os

# One BLAS thread per test worker: `pytest -n 2` on 2 cores would otherwise run 4 spinning OpenBLAS
# threads, which made small matmuls 100x slower. Must be set before NumPy is imported.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

import autograd  # noqa: E402


@pytest.fixture(autouse=True)
def _seed():
    autograd.manual_seed(0)
    np.random.seed(0)
    _unfreeze_torch_backend_flags()
    yield


def _unfreeze_torch_backend_flags():
    """Importing ``torch.testing._internal.common_utils`` (the OpInfo/ModuleInfo/... sweeps) calls
    ``torch.backends.disable_global_flags()`` for the rest of the process; a later test in the same worker that
    runs a plain PyTorch script setting ``torch.backends.cudnn.benchmark`` would then fail in torch itself."""
    import sys
    backends = sys.modules.get("torch.backends")
    if backends is not None and backends.flags_frozen():
        backends.flags_frozen.__globals__["__allow_nonbracketed_mutation_flag"] = True
