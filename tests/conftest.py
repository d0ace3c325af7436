"""Shared fixtures: deterministic seeds and the PyTorch oracle (tests skip with a reason without it)."""
import numpy as np
import pytest

import autograd


@pytest.fixture(autouse=True)
def _seed():
    autograd.manual_seed(0)
    np.random.seed(0)
    yield
