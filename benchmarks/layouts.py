"""Layouts beside the NumPy idiom they replace: strided, negative stride,
per-channel alpha (PReLU), and elu on all-positive input beside relu.

    python benchmarks/layouts.py        # n = 1e5 elements per call

Medians of interleaved samples in one process (benchmarks/timing.py, shared
with report.py); ratio = NumPy time / fastact time (> 1: fastact faster). The
baselines are the NumPy idioms of fastact/_table.py, the scalar alphas their
family's conventional one. The full side-by-side table is benchmarks/report.py.
"""
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

# (label, ufunc, layout): a hand-picked few, the ufuncs checked against the table.
CASES = [
    ("relu x[::2]", "relu", "strided"),
    ("relu x[::-1]", "relu", "reversed"),
    ("leaky_relu x[::2]", "leaky_relu", "strided"),
    ("leaky_relu PReLU (C,1,1)", "leaky_relu", "per_channel"),
    ("relu_backward x[::2]", "relu_backward", "strided"),
    ("elu x[::2]", "elu", "strided"),
    ("elu PReLU-style alpha", "elu", "per_channel"),
]
_unknown = {u for _label, u, _layout in CASES} - set(peers.UFUNCS)
if _unknown:
    raise ImportError(f"layouts.CASES names ufuncs that fastact/_table.py lacks: {_unknown}")


def median_us(fns, samples=11, sample_s=2e-3):
    """Median microseconds per call of each callable, interleaved."""
    return {k: 1e6 * t for k, t in timing.interleaved_medians(fns, samples, sample_s).items()}


def cases(dt, rng):
    big = rng.standard_normal(200_000).astype(dt)
    dyb = rng.standard_normal(200_000).astype(dt)
    c3 = rng.standard_normal((16, 80, 80)).astype(dt)   # ~1e5, 16 channels
    c3_dy = rng.standard_normal((16, 80, 80)).astype(dt)
    al = np.linspace(0.01, 0.3, 16).astype(dt)[:, None, None]
    layouts = {  # role -> array: 1e5 elements, every operand laid out alike
        "strided": ({"x": big[::2], "dy": dyb[::2]}, None),
        "reversed": ({"x": big[::-2], "dy": dyb[::-2]}, None),
        "per_channel": ({"x": c3, "dy": c3_dy}, al),
    }
    out = []
    for label, name, layout in CASES:
        u = peers.UFUNCS[name]
        by_role, alpha = layouts[layout]
        arrays = [by_role[r] for r in u.arrays]
        _, f = peers.fastact_impl(name, arrays, alpha)
        _, g = peers.numpy_idiom(name, arrays, alpha)
        out.append((label, f, g))
    pos = np.abs(big[:100_000])
    out.append(("elu all-positive vs relu", lambda: fa.elu(pos, peers.alpha_default("elu")),
                lambda: fa.relu(pos)))
    return out


def main():
    print(f"fastact dispatch target: {fa.show_config(mode='dicts')['chosen']}")
    rng = np.random.default_rng(0)
    for dt in (np.float32, np.float64):
        for name, f, g in cases(dt, rng):
            t = median_us({"fastact": f, "baseline": g})
            a, b = t["fastact"], t["baseline"]
            print(f"{np.dtype(dt).name:8s} {name:26s} fastact {a:8.1f} us   "
                  f"baseline {b:8.1f} us   ratio {b / a:5.2f}x")


if __name__ == "__main__":
    main()
