"""Start-up costs, measured inside a fresh process: ``python -m bench.startup {import|first_step} IMPL``.

Prints one JSON line: ``import_s`` (import of the library), ``first_step_s`` (from before the
import to the end of the first MLP training step, batch 64: import + model + first step).
"""
import json
import sys
import time


def main(what, impl):
    t0 = time.perf_counter()
    if impl == "torch":
        import torch  # noqa: F401
    else:
        import autograd  # noqa: F401
        import nn  # noqa: F401
        import optim  # noqa: F401
    t_import = time.perf_counter() - t0
    out = {"import_s": t_import}
    if what == "first_step":
        from .libs import load
        from .workloads import mlp
        step, _ = mlp(load(impl), 64)
        step()
        out["first_step_s"] = time.perf_counter() - t0
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
