"""Run every benchmark and write bench/RESULTS.md: ``python -m bench.run [--quick] [--only SUBSTR]``.

Each implementation (this engine, PyTorch CPU, hand-written NumPy) lives in its own worker process;
rounds are interleaved (the order rotates every round) and each figure is the median of the
per-round means, with min and max. Start-up and peak memory use fresh processes.
"""
import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
IMPLS = ("ours", "torch", "numpy")
# idle time before each timed round: BLAS/OpenMP worker threads of the previous round's process
# busy-wait for a while after their last task and would steal a core from the next process
SETTLE_S = 0.15
from .worker import WARMUP_S  # noqa: E402

# workload -> (target ratio ours/torch on time, or None); elementwise/matmul are judged separately
TIME_TARGETS = {"mlp64": 0.90, "mlp256": 0.90, "cnn64": 1.00, "chain11": 0.60, "mnist_epoch": 0.20}


class Worker:
    def __init__(self, impl):
        self.impl = impl
        self.p = subprocess.Popen([sys.executable, "-m", "bench.worker", impl], cwd=ROOT, text=True,
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=sys.stderr)

    def ask(self, **cmd):
        self.p.stdin.write(json.dumps(cmd) + "\n")
        self.p.stdin.flush()
        line = self.p.stdout.readline()
        if not line:
            return {"ok": False, "error": "worker died"}
        return json.loads(line)

    def close(self):
        try:
            self.ask(op="quit")
        except (BrokenPipeError, ValueError):
            pass
        self.p.wait(timeout=30)


def bench_workloads(names, impls, rounds, round_s, log):
    from .workloads import WORKLOADS  # noqa: F401
    workers = {impl: Worker(impl) for impl in impls}
    results = {}
    try:
        for name in names:
            entry = results[name] = {}
            live = []
            for impl in impls:
                r = workers[impl].ask(op="setup", name=name, round_s=round_s)
                if r.get("ok"):
                    live.append(impl)
                    entry[impl] = {"times": [], "n": r["n"], "info": r["info"], "first_s": r["first_s"]}
                else:
                    entry[impl] = {"skip": r.get("skip") or r.get("error")}
                    if "trace" in r:
                        log(f"  {impl} {name}: {r['error']}\n{r['trace']}")
            nr = max(2, rounds // 2) if name == "mnist_epoch" else rounds
            for k in range(nr):
                order = live[k % len(live):] + live[:k % len(live)] if live else []
                for impl in order:
                    time.sleep(SETTLE_S)
                    r = workers[impl].ask(op="run", name=name)
                    if r.get("ok"):
                        entry[impl]["times"].append(r["t"])
                    else:
                        entry[impl]["error"] = r.get("error")
            for impl in live:
                workers[impl].ask(op="drop", name=name)
            log(_line(name, entry))
    finally:
        for w in workers.values():
            w.close()
    return results


def _stats(e):
    t = e.get("times")
    if not t:
        return None
    return statistics.median(t), min(t), max(t)


def _fmt_t(s):
    if s >= 1:
        return f"{s:.3f} s"
    if s >= 1e-3:
        return f"{s * 1e3:.2f} ms"
    return f"{s * 1e6:.1f} us"


def _line(name, entry):
    parts = [f"{name:14s}"]
    for impl, e in entry.items():
        s = _stats(e)
        parts.append(f"{impl}={_fmt_t(s[0])}" if s else f"{impl}=skip")
    return "  ".join(parts)


def _run_json(args, env=None):
    out = subprocess.run([sys.executable, "-m"] + args, cwd=ROOT, capture_output=True, text=True,
                         env=env, timeout=3600)
    if out.returncode != 0:
        return {"error": out.stderr.strip().splitlines()[-1] if out.stderr.strip() else "failed"}
    return json.loads(out.stdout.strip().splitlines()[-1])


def bench_startup(impls, repeats):
    # an installed package has its bytecode compiled (pip does it for wheels); this checkout may not
    subprocess.run([sys.executable, "-m", "compileall", "-q", "autograd", "nn", "optim"], cwd=ROOT,
                   capture_output=True)
    res = {}
    for impl in impls:
        if impl == "numpy":
            continue
        r = {"import_s": [], "first_warm_s": [], "first_cold_s": []}
        for _ in range(repeats):
            r["import_s"].append(_run_json(["bench.startup", "import", impl]).get("import_s"))
        _run_json(["bench.startup", "first_step", impl])  # warm the kernel cache
        for _ in range(repeats):
            r["first_warm_s"].append(_run_json(["bench.startup", "first_step", impl]).get("first_step_s"))
        if impl == "ours":
            for _ in range(max(1, repeats // 2)):
                with tempfile.TemporaryDirectory() as d:
                    env = dict(os.environ, NUMBA_CACHE_DIR=d)
                    r["first_cold_s"].append(_run_json(["bench.startup", "first_step", impl], env)
                                             .get("first_step_s"))
        res[impl] = {k: [x for x in v if x is not None] for k, v in r.items()}
    return res


def bench_memory(impls, steps):
    return {impl: _run_json(["bench.memory", impl, str(steps)]) for impl in impls}


def machine():
    info = {"python": platform.python_version(), "platform": platform.platform()}
    try:
        lscpu = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
        for line in lscpu.splitlines():
            k, _, v = line.partition(":")
            if k.strip() in ("Model name", "CPU(s)", "Thread(s) per core", "L2 cache", "L3 cache", "Flags"):
                v = v.strip()
                if k.strip() == "Flags":
                    v = " ".join(f for f in v.split() if f.startswith(("avx", "fma")))
                info[k.strip()] = v
    except OSError:
        pass
    for mod in ("numpy", "numba", "torch"):
        try:
            info[mod] = __import__(mod).__version__
        except ImportError:
            info[mod] = "missing"
    try:
        with open("/proc/meminfo") as f:
            info["memory"] = f.readline().split(":")[1].strip()
    except OSError:
        pass
    return info


def _ratio(a, b):
    return a / b if a and b else None


def report(results, startup, memory, bw, meta, rounds):
    L = []
    w = L.append
    w("# Benchmark results\n")
    w(f"Generated by `python -m bench.run` on {meta['date']}. Each implementation runs in its own process; "
      f"rounds are interleaved (order rotates), {rounds} rounds per workload (MNIST epoch: fewer), after "
      f"an untimed warm-up of up to {WARMUP_S} s per workload and with {SETTLE_S} s idle before each round. "
      "Figures are the median of per-round means [min, max]. Ratio = ours / PyTorch time (lower is "
      "better) unless stated.\n")
    w("## Machine\n")
    for k, v in meta["machine"].items():
        w(f"- {k}: {v}")
    if bw:
        w(f"- measured 2-core memory bandwidth (parallel x*y+z triad, 64 MiB arrays, best of a measurement "
          f"before and one after the workloads): {bw:.1f} GB/s")
    w("")
    w("## Training and tape workloads\n")
    w("| workload | ours | PyTorch | NumPy | ours/PyTorch | target | met |")
    w("|---|---|---|---|---|---|---|")
    desc = {"chain11": "11-op elementwise chain on (4,), fwd+bwd",
            "mlp64": "MLP 784-128-10, Adam step, batch 64", "mlp256": "MLP 784-128-10, Adam step, batch 256",
            "cnn64": "seed CNN, Adam step, batch 64", "mnist_epoch": "MNIST epoch, MLP, DataLoader(64, shuffle)"}
    for name in [n for n in results if not n.startswith(("ew:", "matmul"))]:
        e = results[name]
        cells, med = [], {}
        for impl in IMPLS:
            s = _stats(e.get(impl, {}))
            if s:
                med[impl] = s[0]
                cells.append(f"{_fmt_t(s[0])} [{_fmt_t(s[1])}, {_fmt_t(s[2])}]")
            else:
                cells.append("skipped: " + str(e.get(impl, {}).get("skip", "not run")).replace("|", "/")[:80])
        r = _ratio(med.get("ours"), med.get("torch"))
        tgt = TIME_TARGETS.get(name)
        met = "" if r is None or tgt is None else ("yes" if r <= tgt else "NO")
        w(f"| {desc.get(name, name)} | " + " | ".join(cells) +
          f" | {'' if r is None else f'{r:.2f}'} | {'' if tgt is None else f'<= {tgt:.2f}'} | {met} |")
    w("")
    mm = [n for n in results if n.startswith("matmul")]
    if mm:
        w("## float32 matmul (GFLOP/s, higher is better)\n")
        w("| n | ours | PyTorch | NumPy BLAS | ours/NumPy | target | met |")
        w("|---|---|---|---|---|---|---|")
        for name in mm:
            e = results[name]
            g = {}
            for impl in IMPLS:
                s = _stats(e.get(impl, {}))
                if s:
                    g[impl] = e[impl]["info"]["flops"] / s[0] / 1e9
            r = _ratio(g.get("ours"), g.get("numpy"))
            w(f"| {name[6:]} | " + " | ".join(f"{g[i]:.0f}" if i in g else "-" for i in IMPLS) +
              f" | {'' if r is None else f'{r:.2f}'} | >= 0.90 | {'' if r is None else ('yes' if r >= 0.9 else 'NO')} |")
        w("")
    ew = [n for n in results if n.startswith("ew:")]
    if ew:
        w("## Elementwise on 4M float32 (time per call; GB/s counts each input read and output write once)\n")
        w("| op | ours | PyTorch | NumPy | ours GB/s | % of 2-core bandwidth | NumPy/ours speed | "
          ">= NumPy |")
        w("|---|---|---|---|---|---|---|---|")
        for name in ew:
            e = results[name]
            med = {i: _stats(e.get(i, {}))[0] for i in IMPLS if _stats(e.get(i, {}))}
            o = med.get("ours")
            gbs = e["ours"]["info"]["bytes"] / o / 1e9 if o else None
            pct = f"{100 * gbs / bw:.0f}%" if gbs and bw else "-"
            sp = _ratio(med.get("numpy"), o)
            w(f"| {name[3:]} | " + " | ".join(_fmt_t(med[i]) if i in med else "-" for i in IMPLS) +
              f" | {'' if gbs is None else f'{gbs:.1f}'} | {pct} | {'' if sp is None else f'{sp:.2f}x'} | "
              f"{'' if sp is None else ('yes' if sp >= 1 else 'NO')} |")
        w("")
    if startup:
        w("## Start-up (fresh processes; seconds, median [min, max])\n")
        w("| impl | import | first MLP step, kernel cache warm | first MLP step, cold cache |")
        w("|---|---|---|---|")
        for impl, r in startup.items():
            cells = []
            for k in ("import_s", "first_warm_s", "first_cold_s"):
                v = r.get(k) or []
                cells.append(f"{statistics.median(v):.2f} [{min(v):.2f}, {max(v):.2f}]" if v else "-")
            w(f"| {impl} | " + " | ".join(cells) + " |")
        w("\nTargets (ours): import <= 0.6 s; first step <= 1 s warm, <= 6 s cold. 'First step' counts from "
          "before the import to the end of the first training step.\n")
    if memory:
        w("## Peak memory training the seed CNN (batch 64; MiB of resident memory)\n")
        w("| impl | after set-up | peak (VmHWM) | peak - set-up | RSS at steps |")
        w("|---|---|---|---|---|")
        for impl, r in memory.items():
            if "error" in r:
                w(f"| {impl} | error: {r['error'][:80]} | | | |")
                continue
            marks = ", ".join(f"{k}: {v}" for k, v in r["marks"].items())
            w(f"| {impl} | {r['base_mib']} | {r['peak_mib']} | {r['peak_mib'] - r['base_mib']:.1f} | {marks} |")
        w("")
    return "\n".join(L) + "\n"


def _bandwidth(names, log):
    if not any(n.startswith("ew:") for n in names):
        return None
    try:
        from .bandwidth import measure
        return measure()
    except Exception as e:  # numba missing: report without the bandwidth column
        log(f"bandwidth: {e}")
        return None


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--round-s", type=float, default=0.4, help="seconds of work per round and workload")
    ap.add_argument("--only", default="", help="comma-separated substrings of workload names")
    ap.add_argument("--impls", default=",".join(IMPLS))
    ap.add_argument("--quick", action="store_true", help="3 rounds, short rounds, 200 memory steps")
    ap.add_argument("--no-startup", action="store_true")
    ap.add_argument("--no-memory", action="store_true")
    ap.add_argument("--memory-steps", type=int, default=1000)
    ap.add_argument("--out", default=None, help="default: bench/RESULTS.md for a full run, bench/RESULTS.partial.md "
                    "for --quick/--only/--no-* runs (so a partial run never overwrites the record)")
    args = ap.parse_args(argv)
    if args.out is None:
        partial = args.quick or args.only or args.no_startup or args.no_memory or args.impls != ",".join(IMPLS)
        args.out = os.path.join(HERE, "RESULTS.partial.md" if partial else "RESULTS.md")
    if args.quick:
        args.rounds, args.round_s, args.memory_steps = 3, 0.2, 200
    from .workloads import WORKLOADS
    names = [n for n in WORKLOADS if not args.only or any(s in n for s in args.only.split(","))]
    impls = tuple(args.impls.split(","))
    log = lambda s: print(s, flush=True)  # noqa: E731
    bw = _bandwidth(names, log)
    results = bench_workloads(names, impls, args.rounds, args.round_s, log)
    if bw:  # the machine's capability: the better of a measurement before and one after
        bw = max(bw, _bandwidth(names, log))
    startup = None if args.no_startup else bench_startup(impls, 5 if not args.quick else 3)
    memory = None if args.no_memory else bench_memory(impls, args.memory_steps)
    meta = {"date": datetime.datetime.now().strftime("%Y-%m-%d %H:%M"), "machine": machine()}
    text = report(results, startup, memory, bw, meta, args.rounds)
    with open(args.out, "w") as f:
        f.write(text)
    with open(os.path.splitext(args.out)[0] + ".json", "w") as f:
        json.dump({"results": results, "startup": startup, "memory": memory, "bandwidth_gbs": bw,
                   "meta": meta}, f, indent=1)
    print(text)


if __name__ == "__main__":
    main()
