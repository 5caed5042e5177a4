"""Layouts beside the NumPy idiom they replace: strided, negative stride,
per-channel alpha (PReLU), and elu on all-positive input beside relu.

    python benchmarks/layouts.py        # n = 1e5 elements per call

Medians of interleaved repeats in one process; ratio = NumPy time / fastact
time (> 1: fastact faster). The full side-by-side table is benchmarks/report.py.
"""
import timeit

import numpy as np

import fastact as fa


def median_us(fn, number=100, repeat=11):
    runs = sorted(timeit.repeat(fn, number=number, repeat=repeat))
    return 1e6 * runs[len(runs) // 2] / number


def cases(dt, rng):
    big = rng.standard_normal(200_000).astype(dt)
    dyb = rng.standard_normal(200_000).astype(dt)
    x, dy = big[::2], dyb[::2]                          # 1e5 strided elements
    c3 = rng.standard_normal((16, 80, 80)).astype(dt)   # ~1e5, 16 channels
    al = np.linspace(0.01, 0.3, 16).astype(dt)[:, None, None]
    pos = np.abs(big[:100_000])
    return [
        ("relu x[::2]", lambda: fa.relu(x), lambda: np.maximum(x, 0)),
        ("relu x[::-1]", lambda: fa.relu(big[::-2]), lambda: np.maximum(big[::-2], 0)),
        ("leaky_relu x[::2]", lambda: fa.leaky_relu(x, 0.01),
         lambda: np.where(x > 0, x, x * 0.01)),
        ("leaky_relu PReLU (C,1,1)", lambda: fa.leaky_relu(c3, al),
         lambda: np.where(c3 > 0, c3, c3 * al)),
        ("relu_backward x[::2]", lambda: fa.relu_backward(dy, x),
         lambda: np.where(x > 0, dy, 0)),
        ("elu x[::2]", lambda: fa.elu(x, 1.0), lambda: np.where(x > 0, x, np.expm1(x))),
        ("elu PReLU-style alpha", lambda: fa.elu(c3, al),
         lambda: np.where(c3 > 0, c3, al * np.expm1(c3))),
        ("elu all-positive vs relu", lambda: fa.elu(pos, 1.0), lambda: fa.relu(pos)),
    ]


def main():
    print(f"fastact dispatch target: {fa.show_config(mode='dicts')['chosen']}")
    rng = np.random.default_rng(0)
    for dt in (np.float32, np.float64):
        for name, f, g in cases(dt, rng):
            a, b = median_us(f), median_us(g)
            print(f"{np.dtype(dt).name:8s} {name:26s} fastact {a:8.1f} us   "
                  f"baseline {b:8.1f} us   ratio {b / a:5.2f}x")


if __name__ == "__main__":
    main()
