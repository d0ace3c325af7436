"""Namespaces scripts touch without needing their machinery: compile, jit, version, cpu, distributed,
multiprocessing, nn.attention. Each behaves as PyTorch's does on a CPU-only machine."""
import numpy as np
import pytest

import autograd
import nn
from tests.oracle import torch


def _linear_pair():
    ours, theirs = nn.Linear(3, 2), torch.nn.Linear(3, 2)
    ours.load_state_dict({k: autograd.from_numpy(v.detach().numpy().copy()) for k, v in theirs.state_dict().items()})
    return ours, theirs


def test_compile_module_wraps_like_torch():
    ours, theirs = _linear_pair()
    co = autograd.compile(ours)  # torch.compile itself is not called: importing dynamo takes ~10 s
    assert repr(co) == "OptimizedModule(\n  (_orig_mod): Linear(in_features=3, out_features=2, bias=True)\n)"
    assert list(co.state_dict()) == ["_orig_mod.weight", "_orig_mod.bias"]  # as torch 2.13's
    assert type(co).__name__ == "OptimizedModule"
    assert co.weight is ours.weight and co.training is True
    x = np.random.default_rng(0).standard_normal((4, 3), dtype=np.float32)
    np.testing.assert_allclose(co(autograd.from_numpy(x)).detach().numpy(),
                               theirs(torch.from_numpy(x)).detach().numpy(), rtol=1e-6)
    co(autograd.from_numpy(x)).sum().backward()
    assert ours.weight.grad is not None


def test_compile_function_and_decorator_forms():
    @autograd.compile
    def double(x):
        return x * 2

    @autograd.compile(mode="max-autotune", fullgraph=True)
    def inc(x):
        return x + 1

    assert double.__name__ == "double"
    assert double(autograd.ones(2)).tolist() == [2.0, 2.0] and inc(autograd.ones(1)).tolist() == [2.0]
    with pytest.raises(RuntimeError, match="mode or options"):
        autograd.compile(double, mode="default", options={})
    assert nn.Linear(1, 1).compile() is None
    assert autograd.compiler.is_compiling() is False


def test_jit_script_and_trace_run_eagerly():
    m = nn.Linear(2, 2)
    assert autograd.jit.script(m) is m and autograd.jit.trace(m, autograd.ones(1, 2)) is m
    assert autograd.jit.is_scripting() is False and autograd.jit.ignore(len) is len


def test_version_cpu_distributed_multiprocessing():
    assert autograd.version.cuda is None is torch.version.cuda
    assert autograd.cpu.is_available() is torch.cpu.is_available() is True
    assert autograd.cpu.device_count() == torch.cpu.device_count()
    assert autograd.distributed.is_initialized() is False
    with pytest.raises(ValueError, match="init_process_group"):
        autograd.distributed.get_rank()
    import autograd.multiprocessing as mp
    assert mp.get_start_method() == torch.multiprocessing.get_start_method()
    assert mp.get_sharing_strategy() in mp.get_all_sharing_strategies()


def test_sdpa_kernel_accepts_any_backend():
    from nn.attention import SDPBackend, sdpa_kernel
    from torch.nn.attention import SDPBackend as TorchBackend
    assert {b.name: int(b) for b in SDPBackend} == {n: int(getattr(TorchBackend, n)) for n in dir(TorchBackend) if n.isupper()}
    assert str(SDPBackend.MATH) == str(TorchBackend.MATH)
    q = autograd.ones(1, 2, 3)
    with sdpa_kernel([SDPBackend.FLASH_ATTENTION, SDPBackend.MATH]):
        out = nn.functional.scaled_dot_product_attention(q, q, q)
    assert out.shape == (1, 2, 3)


def test_untyped_storage_is_shared_by_views_only():
    for lib in (autograd, torch):
        x = lib.arange(6.0).view(2, 3)
        ptr = x.untyped_storage().data_ptr()
        assert x[1].untyped_storage().data_ptr() == x.t().untyped_storage().data_ptr() == ptr
        assert x.clone().untyped_storage().data_ptr() != ptr
        assert x[1].untyped_storage().nbytes() == 24
