"""python -m fastact: the configuration, then fastact beside the NumPy idioms
it replaces, timed side by side in this process on this machine."""
import sys
import timeit

import numpy as np

import fastact as fa


def _median_us(fn, number):
    runs = timeit.repeat(fn, number=number, repeat=7)
    return 1e6 * sorted(runs)[len(runs) // 2] / number


def main(sizes=(1_000, 100_000)):
    fa.show_config()
    rng = np.random.default_rng(0)
    rows = []
    for n in sizes:
        number = max(10, 2_000_000 // n)
        for dt in (np.float32, np.float64):
            x = rng.standard_normal(n).astype(dt)
            dy = rng.standard_normal(n).astype(dt)
            cases = [
                ("relu(x)", lambda: fa.relu(x), "np.maximum(x, 0)", lambda: np.maximum(x, 0)),
                ("leaky_relu(x, 0.01)", lambda: fa.leaky_relu(x, 0.01),
                 "np.where(x > 0, x, x * 0.01)", lambda: np.where(x > 0, x, x * 0.01)),
                ("relu_backward(dy, x)", lambda: fa.relu_backward(dy, x),
                 "np.where(x > 0, dy, 0)", lambda: np.where(x > 0, dy, 0)),
                ("elu(x, 1.0)", lambda: fa.elu(x, 1.0),
                 "np.where(x > 0, x, np.expm1(x))", lambda: np.where(x > 0, x, np.expm1(x))),
            ]
            for name, f, base_name, base in cases:
                t_fa, t_np = _median_us(f, number), _median_us(base, number)
                rows.append((f"{n:>7}", np.dtype(dt).name, name, f"{t_fa:9.2f}",
                             base_name, f"{t_np:9.2f}", f"{t_np / t_fa:6.1f}x"))
    head = ("n", "dtype", "fastact", "us", "NumPy idiom", "us", "speedup")
    widths = [max(len(r[i]) for r in rows + [head]) for i in range(len(head))]
    print("\nMedian of 7 runs, microseconds per call, single thread:")
    for r in [head] + rows:
        print("  ".join(c.rjust(w) if i in (0, 3, 5, 6) else c.ljust(w)
                        for i, (c, w) in enumerate(zip(r, widths))))


if __name__ == "__main__":
    main(sizes=(1_000,) if "--quick" in sys.argv else (1_000, 100_000))
