"""Library fixes found by tests/conformance/programs/autograd_data_more.py (each checked against torch there)."""
import io
import pickle

import pytest

import autograd
import nn
from autograd.data import DataLoader, TensorDataset
from autograd.serialization import SerializationError


def test_set_detect_anomaly_call_and_context_manager():
    assert not autograd.is_anomaly_enabled()
    autograd.set_detect_anomaly(True)
    assert autograd.is_anomaly_enabled()
    autograd.set_detect_anomaly(False)
    with autograd.set_detect_anomaly(True):
        assert autograd.is_anomaly_enabled()
    assert not autograd.is_anomaly_enabled()


def _roundtrip(obj, **kw):
    buf = io.BytesIO()
    autograd.save(obj, buf)
    buf.seek(0)
    return autograd.load(buf, **kw)


def test_saved_views_share_memory_after_load():
    base = autograd.arange(12.0)
    d = _roundtrip({"base": base, "view": base[2:5], "t": base.view(3, 4).t(), "rev": base[::2]})
    d["base"][3] = -1.0
    assert d["view"].tolist() == [2.0, -1.0, 4.0]
    assert d["t"].shape == (4, 3) and d["t"][3, 0].item() == -1.0 and not d["t"].is_contiguous()
    assert d["rev"].tolist() == [0.0, 2.0, 4.0, 6.0, 8.0, 10.0]


def test_saved_view_alone_keeps_values_and_separate_tensors_stay_separate():
    x = autograd.arange(6.0).view(2, 3)
    t = _roundtrip(x.t())
    assert t.tolist() == [[0.0, 3.0], [1.0, 4.0], [2.0, 5.0]]
    a, b = _roundtrip([autograd.ones(2), autograd.ones(2)])
    a.add_(1)
    assert b.tolist() == [1.0, 1.0]
    p = nn.Parameter(autograd.arange(4.0)[1:3].clone())
    q = _roundtrip({"p": p})["p"]
    assert type(q).__name__ == "Parameter" and q.tolist() == [1.0, 2.0]


def test_save_into_missing_directory_raises_runtime_error(tmp_path):
    with pytest.raises(RuntimeError, match="Parent directory .* does not exist"):
        autograd.save(autograd.ones(1), tmp_path / "missing" / "x.pt")


def test_load_of_non_zip_and_empty_input_raise_torchs_types():
    with pytest.raises(pickle.UnpicklingError):
        autograd.load(io.BytesIO(b"not a checkpoint"))
    with pytest.raises(SerializationError):
        autograd.load(io.BytesIO(b"not a checkpoint"))
    with pytest.raises(EOFError):
        autograd.load(io.BytesIO(b""))


def test_dataloader_iterator_class_names():
    ds = TensorDataset(autograd.arange(4))
    assert type(iter(DataLoader(ds))).__name__ == "_SingleProcessDataLoaderIter"
    assert type(iter(DataLoader(ds, num_workers=2))).__name__ == "_MultiProcessingDataLoaderIter"
    assert [b[0].tolist() for b in DataLoader(ds, batch_size=3, num_workers=2)] == [[0, 1, 2], [3]]


def test_fork_rng_restores_global_state():
    autograd.manual_seed(7)
    expected = autograd.rand(3)
    autograd.manual_seed(7)
    with autograd.random.fork_rng():
        autograd.rand(10)
    assert autograd.equal(autograd.rand(3), expected)
    with autograd.random.fork_rng(enabled=False):
        pass


def test_global_full_backward_hooks_run_before_module_hooks():
    from nn.modules.module import register_module_full_backward_hook, register_module_full_backward_pre_hook
    log = []
    m = nn.Tanh()
    m.register_full_backward_hook(lambda mod, gi, go: log.append("own"))
    h1 = register_module_full_backward_hook(lambda mod, gi, go: log.append(("global", type(mod).__name__)))
    h2 = register_module_full_backward_pre_hook(lambda mod, go: log.append("pre"))
    try:
        m(autograd.ones(2, requires_grad=True)).sum().backward()
    finally:
        h1.remove()
        h2.remove()
    assert log == ["pre", ("global", "Tanh"), "own"]
    log.clear()
    m(autograd.ones(2, requires_grad=True)).sum().backward()
    assert log == ["own"]


def test_gradcheck_message_without_inputs_requiring_grad():
    with pytest.raises(ValueError, match="none of them have requires_grad=True"):
        autograd.gradcheck(lambda t: t * 2, (autograd.ones(2, dtype=autograd.float64),))
