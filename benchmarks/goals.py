"""The speed goals of the elu family and of half precision, measured side by
side in one process: each line times two calls, interleaved, and prints
their ratio against the goal.

    python benchmarks/goals.py            # n = 100 000, one thread
    python benchmarks/goals.py --n 1e6 --samples 41

Times are the median of `--samples` interleaved samples, each the mean of
enough calls to last about 2 ms; every call allocates its result, as a user's
call does. torch (CPU, one thread) is optional: without it the lines that
compare with `aten.elu_backward` are skipped. A benchmark, not a test: the
machine's load moves the ratios; run it on a quiet machine.
"""
import argparse
import statistics
import time

import numpy as np

import fastact as fa

try:
    import torch
    torch.set_num_threads(1)
except ImportError:
    torch = None


def _time(f, number):
    t0 = time.perf_counter()
    for _ in range(number):
        f()
    return (time.perf_counter() - t0) / number


def side_by_side(f, g, samples):
    """Median times of f and g (seconds), their samples interleaved."""
    number = max(1, int(2e-3 / max(_time(f, 3), _time(g, 3))))
    tf, tg = [], []
    for _ in range(samples):
        tf.append(_time(f, number))
        tg.append(_time(g, number))
    return statistics.median(tf), statistics.median(tg)


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
        if torch is not None:
            tx, tdy = torch.from_numpy(x), torch.from_numpy(dy)
            line(f"elu_backward({name}) / torch aten.elu_backward",
                 lambda: fa.elu_backward(dy, x, 1.0),
                 lambda: torch.ops.aten.elu_backward(tdy, 1.0, 1, 1, False, tx),
                 "<= 0.5", lambda r: r <= 0.5)
    x16, x32 = x64.astype(np.float16), x64.astype(np.float32)
    dy16, dy32 = dy64.astype(np.float16), dy64.astype(np.float32)
    for u in fa.__all__:
        f = getattr(fa, u)
        if not isinstance(f, np.ufunc):
            continue
        extra = (0.3,) if f.nin > 1 and u not in ("relu_backward",) else ()
        a16 = ((dy16, x16) if f.nin - len(extra) == 2 else (x16,)) + extra
        a32 = ((dy32, x32) if f.nin - len(extra) == 2 else (x32,)) + extra
        with np.errstate(all="ignore"):
            line(f"{u}(float16) / {u}(float32)", lambda: f(*a16), lambda: f(*a32),
                 "<= 1.5", lambda r: r <= 1.5)
    print(f"{sum(rows)} of {len(rows)} goals met")


if __name__ == "__main__":
    main()
