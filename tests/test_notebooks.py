"""Every teaching notebook executes top to bottom (nbclient, kernel python3, quick mode, cwd notebooks/),
and the committed copies carry their outputs and are in sync with their sources."""
import os
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat", reason="nbformat is needed to run the notebooks (pip install -e '.[test]')")
nbclient = pytest.importorskip("nbclient", reason="nbclient is needed to run the notebooks (pip install -e '.[test]')")

NB_DIR = Path(__file__).resolve().parent.parent / "notebooks"
NOTEBOOKS = sorted(NB_DIR.glob("[0-9][0-9]_*.ipynb"))
EXPECTED = ["01_tensors_and_autograd", "02_backprop_by_hand", "03_activations_and_losses", "04_optimizers",
            "05_mlp_mnist", "06_cnn", "07_regularisation", "08_sequences"]


def _kernel_available():
    try:
        from jupyter_client.kernelspec import KernelSpecManager
        return "python3" in KernelSpecManager().find_kernel_specs()
    except Exception:  # noqa: BLE001
        return False


def test_all_notebooks_present():
    assert [p.stem for p in NOTEBOOKS] == EXPECTED


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_with_outputs_and_in_sync(path):
    import importlib.util
    spec = importlib.util.spec_from_file_location("nb_build", NB_DIR / "build.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    nb = nbformat.read(path, as_version=4)
    expected = build.to_notebook(NB_DIR / "src" / (path.stem + ".py"))
    assert [c.source for c in nb.cells] == [c.source for c in expected.cells], \
        f"{path.name} is stale: run python notebooks/build.py {path.stem[:2]}"
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(c.execution_count for c in code), f"{path.name} was not executed before committing"
    assert not [o for c in code for o in c.outputs if o.output_type == "error"]
    assert any("image/png" in o.get("data", {}) or "image/svg+xml" in o.get("data", {})
               for c in code for o in c.outputs), f"{path.name} has no pictures"


@pytest.mark.notebook
@pytest.mark.skipif(not _kernel_available(), reason="no 'python3' Jupyter kernel (pip install ipykernel)")
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_executes(path, monkeypatch):
    monkeypatch.setenv("AUTOGRAD_NOTEBOOK_QUICK", "1")
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        monkeypatch.setenv(var, os.environ.get(var, "1"))
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=120, kernel_name="python3", record_timing=False,
                                     resources={"metadata": {"path": str(NB_DIR)}})
    client.execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors
