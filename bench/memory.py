"""Peak memory training the seed CNN: ``python -m bench.memory IMPL STEPS`` (fresh process each).

Prints JSON: resident set size after set-up, at checkpoints, and the process peak (VmHWM), MiB.
"""
import json
import sys


def _rss_mib(field="VmRSS"):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main(impl, steps):
    import numpy as np
    if impl == "numpy":
        from .numpy_ref import CNN
        net = CNN()
        rng = np.random.default_rng(0)
        x = rng.standard_normal((64, 1, 28, 28), dtype=np.float32)
        y = rng.integers(0, 10, 64)
        step = lambda: net.step(x, y)  # noqa: E731
    else:
        from .libs import load
        from .workloads import cnn
        step, _ = cnn(load(impl), 64)
    base = _rss_mib()
    marks = {}
    for i in range(1, steps + 1):
        step()
        if i in (1, 10, 100, steps // 2, steps):
            marks[i] = round(_rss_mib(), 1)
    peak = _rss_mib("VmHWM")  # this process's high-water mark (ru_maxrss also counts the parent's, from fork)
    print(json.dumps({"base_mib": round(base, 1), "peak_mib": round(peak, 1), "marks": marks,
                      "steps": steps}))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
