"""The speed goals of the elu family and of half precision, measured side by
side in one process: each line times two calls, interleaved, and prints
their ratio against the goal.

    python benchmarks/goals.py            # n = 100 000, one thread
    python benchmarks/goals.py --n 1e6 --samples 41

Times are the median of `--samples` interleaved samples, each the mean of
enough calls to last about 2 ms (benchmarks/timing.py, shared with report.py);
every call allocates its result, as a user's call does. The float16 lines cover
every ufunc of fastact/_table.py, called with its inputs by role (alpha 0.3; a
from-output pass gets y = the family's forward ufunc of x). torch (CPU, one
thread) is optional: without it the lines that compare with `aten.elu_backward`
(the table's torch expression) are skipped. A benchmark, not a test: the
machine's load moves the ratios; run it on a quiet machine.
"""
import argparse
import importlib.util
import sys
from pathlib import Path

import numpy as np

import fastact as fa


def _sibling(name):
    """benchmarks/<name>.py, imported by path (see report.py)."""
    key = f"_fastact_bench_{name}"
    if key not in sys.modules:
        spec = importlib.util.spec_from_file_location(key, Path(__file__).with_name(f"{name}.py"))
        mod = importlib.util.module_from_spec(spec)
        sys.modules[key] = mod
        spec.loader.exec_module(mod)
    return sys.modules[key]


peers = _sibling("peers")
timing = _sibling("timing")
side_by_side = timing.side_by_side
HAS_TORCH = "torch" in peers.detect_peers(["torch"])[0]   # one thread
# The alpha of the float16 lines: not 1 (elu's unit-alpha formula) nor a family's
# conventional alpha, so every ufunc with an alpha takes its general formula.
ALPHA = 0.3


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--n", type=float, default=1e5)
    p.add_argument("--samples", type=int, default=21)
    args = p.parse_args()
    n = int(args.n)
    rng = np.random.default_rng(0)
    x64 = rng.standard_normal(n)
    dy64 = rng.standard_normal(n)
    print(f"fastact {fa.__version__}, target {fa.show_config(mode='dicts')['chosen']}, "
          f"n = {n}, median of {args.samples} interleaved samples")
    print(f"{'case':44s} {'time':>9s} {'against':>9s} {'ratio':>6s}  goal")
    rows = []

    def line(case, f, g, goal, ok):
        a, b = side_by_side(f, g, args.samples)
        r = a / b
        rows.append(ok(r))
        print(f"{case:44s} {a * 1e6:7.1f}us {b * 1e6:7.1f}us {r:6.2f}  {goal}: "
              f"{'met' if ok(r) else 'MISSED'}")

    for dt, limit in ((np.float32, 1.5), (np.float64, 2.0)):
        x, dy = x64.astype(dt), dy64.astype(dt)
        name = np.dtype(dt).name
        for alpha in (1.0, 0.3):
            line(f"elu({name}, {alpha}) / relu", lambda: fa.elu(x, alpha), lambda: fa.relu(x),
                 f"<= {limit}", lambda r: r <= limit)
            line(f"elu_grad({name}, {alpha}) / relu", lambda: fa.elu_grad(x, alpha),
                 lambda: fa.relu(x), f"<= {limit}", lambda r: r <= limit)
        line(f"elu_backward({name}) / relu_backward", lambda: fa.elu_backward(dy, x, 1.0),
             lambda: fa.relu_backward(dy, x), "<= 2", lambda r: r <= 2)
        if HAS_TORCH:
            _label, torch_call = peers.torch_impl("elu_backward", [dy, x], 1.0)
            line(f"elu_backward({name}) / torch aten.elu_backward",
                 lambda: fa.elu_backward(dy, x, 1.0), torch_call,
                 "<= 0.5", lambda r: r <= 0.5)
    for u in peers.UFUNCS.values():  # every ufunc of the table, its inputs by role
        f = getattr(fa, u.name, None)
        if not isinstance(f, np.ufunc):
            continue
        calls = {}
        for dt in (np.float16, np.float32):
            arrays = {"dy": dy64.astype(dt), "x": x64.astype(dt)}
            if "y" in u.arrays:  # a from-output pass: y = the forward ufunc of x
                arrays["y"] = peers.forward(u.name, arrays["x"], ALPHA)
            calls[dt] = peers.call_args(u.name, [arrays[r] for r in u.arrays], ALPHA)
        with np.errstate(all="ignore"):
            line(f"{u.name}(float16) / {u.name}(float32)", lambda: f(*calls[np.float16]),
                 lambda: f(*calls[np.float32]), "<= 1.5", lambda r: r <= 1.5)
    print(f"{sum(rows)} of {len(rows)} goals met")


if __name__ == "__main__":
    main()
