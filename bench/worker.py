"""One implementation per process: ``python -m bench.worker IMPL`` serves JSON-line commands on stdin.

Commands: ``{"op": "setup", "name": W}`` builds and warms a workload and picks how many calls make
one round; ``{"op": "run", "name": W}`` times one round and answers the mean seconds per call;
``{"op": "drop", "name": W}``; ``{"op": "quit"}``.
"""
import gc
import json
import os
import sys
import time
import traceback


WARMUP_S = 0.5  # seconds of untimed calls before calibrating a short step


def main(impl):
    proto = os.fdopen(os.dup(1), "w", buffering=1)
    sys.stdout = sys.stderr  # library chatter must not corrupt the protocol
    from .workloads import Skip, build
    live = {}
    for line in sys.stdin:
        cmd = json.loads(line)
        op, name = cmd["op"], cmd.get("name")
        try:
            if op == "quit":
                break
            if op == "setup":
                step, info = build(name, impl)
                budget = cmd.get("round_s", 0.4)
                t0 = time.perf_counter()
                step()
                first = time.perf_counter() - t0  # may include a JIT load: calibrate on later calls
                t0 = time.perf_counter()
                step()
                warm = time.perf_counter() - t0
                n = 1
                if warm < budget:  # warm up like a training loop would (lazy kernels, tiered updates)
                    t0 = time.perf_counter()
                    while time.perf_counter() - t0 < min(WARMUP_S, 100 * warm):
                        step()
                if warm < budget:  # long steps (an epoch) are one call per round; short ones calibrate
                    calls, t0 = 0, time.perf_counter()
                    while calls < 2 or (time.perf_counter() - t0 < min(budget, 3 * warm) and calls < 200):
                        step()
                        calls += 1
                    per = (time.perf_counter() - t0) / calls
                    n = max(1, int(round(budget / per))) if per < budget else 1
                live[name] = (step, n)
                reply = {"ok": True, "n": n, "info": info, "first_s": first}
            elif op == "run":
                step, n = live[name]
                gc.collect()
                t0 = time.perf_counter()
                for _ in range(n):
                    step()
                reply = {"ok": True, "t": (time.perf_counter() - t0) / n, "n": n}
            elif op == "drop":
                live.pop(name, None)
                gc.collect()
                reply = {"ok": True}
            else:
                reply = {"ok": False, "error": f"unknown op {op}"}
        except Skip as e:
            reply = {"ok": False, "skip": str(e)}
        except Exception as e:  # report, keep serving the other workloads
            reply = {"ok": False, "error": f"{type(e).__name__}: {e}",
                     "trace": traceback.format_exc(limit=6)}
        proto.write(json.dumps(reply) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
