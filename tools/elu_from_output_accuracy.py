#!/usr/bin/env python
"""Accuracy of elu_backward_from_output(dy, y, alpha) against the exact
dy * alpha * exp(x), beside elu_backward(dy, x, alpha), for y = elu(x, alpha).

    python tools/elu_from_output_accuracy.py [--out docs/accuracy_data/elu_from_output.txt]

For x in bands of the negative range, with dy = 1 and alpha = 1 and 0.3, the
table gives the largest absolute error and the largest relative error (of the
exact value) of both forms, in the result dtype's ULPs for the relative column
of elu_backward and as plain relative error for both. y + alpha cancels as y
approaches -alpha, so the from-output form loses relative accuracy as x goes
to -inf; its absolute error stays below about one ULP of alpha.
"""
import argparse
import sys

import numpy as np

import fastact as fa

BANDS = [(-1e-3, 0), (-1, -1e-3), (-4, -1), (-8, -4), (-16, -8), (-24, -16), (-40, -24),
         (-80, -40), (-700, -80)]


def rows(dtype, alpha, n=200_000, seed=0):
    rng = np.random.default_rng(seed)
    t = np.dtype(dtype).type
    out = []
    for lo, hi in BANDS:
        if t is np.float32 and lo < -104:
            lo = -104.0
        x = rng.uniform(lo, hi, n).astype(t)
        a = t(alpha)
        y = fa.elu(x, a)
        dy = np.ones_like(x)
        wide = np.longdouble
        exact = np.longdouble(a) * np.exp(x.astype(wide))
        with np.errstate(all="ignore"):
            f_out = fa.elu_backward_from_output(dy, y, a).astype(wide)
            f_in = fa.elu_backward(dy, x, a).astype(wide)
            rel = lambda got: np.max(np.abs(got - exact) / exact)  # noqa: E731
            out.append((f"[{lo:g}, {hi:g}]", float(np.max(np.abs(f_out - exact))),
                        float(rel(f_out)), float(np.max(np.abs(f_in - exact))), float(rel(f_in))))
    return out


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", help="also write the table to this file")
    args = p.parse_args()
    lines = [f"fastact {fa.__version__}, target {fa.show_config('dicts')['chosen']}, dy = 1; "
             "max over 200000 uniform x per band",
             f"{'dtype':<8}{'alpha':<6}{'x band':<16}{'from y: abs':>14}{'from y: rel':>14}"
             f"{'from x: abs':>14}{'from x: rel':>14}"]
    for dtype in (np.float32, np.float64):
        for alpha in (1.0, 0.3):
            for band, ao, ro, ai, ri in rows(dtype, alpha):
                lines.append(f"{np.dtype(dtype).name:<8}{alpha:<6g}{band:<16}{ao:>14.3e}{ro:>14.3e}"
                             f"{ai:>14.3e}{ri:>14.3e}")
    text = "\n".join(lines) + "\n"
    sys.stdout.write(text)
    if args.out:
        with open(args.out, "w") as fh:
            fh.write(text)


if __name__ == "__main__":
    main()
