"""The benchmark harness end to end on a tiny run: workers, interleaved rounds, report and JSON.

Only that it runs and reports; the timings themselves are never asserted (no thresholds in tests).
"""
import json
import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@pytest.mark.slow
def test_bench_run_writes_report_and_json(tmp_path):
    out = tmp_path / "RESULTS.md"
    cmd = [sys.executable, "-m", "bench.run", "--rounds", "2", "--round-s", "0.05", "--only", "chain,mlp64",
           "--impls", "ours,numpy", "--no-startup", "--no-memory", "--out", str(out)]
    run = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    text = out.read_text()
    assert "## Machine" in text and "CPU(s)" in text
    assert "11-op elementwise chain on (4,), fwd+bwd" in text
    assert "MLP 784-128-10, Adam step, batch 64" in text
    data = json.loads(out.with_suffix(".json").read_text())
    for name in ("chain11", "mlp64"):
        for impl in ("ours", "numpy"):
            times = data["results"][name][impl]["times"]
            assert len(times) == 2 and all(t > 0 for t in times)
    assert data["startup"] is None and data["memory"] is None
