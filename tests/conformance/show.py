"""Debug helper: ``python tests/conformance/show.py [name-substring] [mode]`` prints each program's verdict."""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).parent))
sys.path.insert(1, str(pathlib.Path(__file__).parents[2]))  # this checkout's packages, not an installed copy
from harness import compare, parse_programs, run_both  # noqa: E402

HERE = pathlib.Path(__file__).parent
verbose = "-v" in sys.argv
args = [a for a in sys.argv[1:] if a != "-v"]
pat = args[0] if args else ""
mode = args[1] if len(args) > 1 else "rename"
for f in sorted((HERE / "programs").glob("*.py")):
    for p in parse_programs(f.read_text(), f.stem):
        if pat not in p.name and pat not in f.stem:
            continue
        theirs, ours = run_both(p, mode)
        problem = compare(p, theirs, ours)
        if theirs.error and not p.name.startswith("err_"):
            problem = f"TORCH FAILED {theirs.error}: {theirs.message}\n" + (problem or "")
        print(f"{'FAIL' if problem else 'ok  '} {f.stem}.{p.name}")
        if problem:
            lines = problem.splitlines()
            print("    " + "\n    ".join(lines if verbose else lines[:3] + [l for l in lines[-2:] if l not in lines[:3]]))
        if verbose:
            print("--- torch:\n" + theirs.stdout + "--- ours:\n" + ours.stdout)
