#!/usr/bin/env python
"""Accuracy of every from-output backward pass of the table, beside its
from-input twin: f_backward_from_output(dy, y[, alpha]) with y = f(x[, alpha])
against the exact dy * f'(x), and f_backward(dy, x[, alpha]) against the same.

    python tools/from_output_accuracy.py [--out docs/accuracy_data/from_output.rst]

For x in bands (both signs where the family is not one-sided), dy = 1 and the
family's conventional alpha (the elu family also at 0.3), the table gives the
largest absolute error and the largest relative error of both forms. The exact
value is the family's reference twin (tests/reference.py) in np.longdouble.
The from-output form starts from y, already rounded: it loses relative
accuracy where the derivative is small and y close to where it is 0 (y near
-alpha for elu, near 0 or 1 for sigmoid); its absolute error stays about an
ULP of the derivative's scale.
"""
import argparse
import sys
from pathlib import Path

import numpy as np

import fastact as fa
from fastact import _table

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
import reference as ref  # noqa: E402

BANDS = [(0, 1e-3), (1e-3, 1), (1, 4), (4, 8), (8, 16), (16, 24), (24, 40), (40, 80),
         (80, 700)]


def rows(u, dtype, alpha, n=100_000, seed=0):
    rng = np.random.default_rng(seed)
    t = np.dtype(dtype).type
    fam = _table.FAMILY[u.family]
    f, back = getattr(fa, u.family), getattr(fa, u.family + "_backward")
    twin = ref.ULP_REFS[u.family + "_backward"]
    a = [t(alpha)] if alpha is not None else []
    # one-sided families (elu: the positive side is exact) are measured where x <= 0
    signs = (-1,) if fam.alpha else (-1, 1)
    out = []
    for sign in signs:
        for lo, hi in BANDS:
            hi = min(hi, 104.0) if t is np.float32 else hi
            if lo >= hi:
                continue
            x = (sign * rng.uniform(lo, hi, n)).astype(t)
            dy = np.ones_like(x)
            with np.errstate(all="ignore"):
                y = f(x, *a)
                exact = twin(dy, x, *a, dtype=dtype, wide=np.longdouble)
                got_y = getattr(fa, u.name)(dy, y, *a).astype(np.longdouble)
                got_x = back(dy, x, *a).astype(np.longdouble)
                nz = exact != 0
                def errs(g):
                    e = np.abs(g - exact)
                    return float(e.max()), float((e[nz] / np.abs(exact[nz])).max(initial=0))
                band = f"[{lo:g}, {hi:g}]" if sign > 0 else f"[-{hi:g}, -{lo:g}]"
                out.append((band, *errs(got_y), *errs(got_x)))
    return out


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", help="also write the table (reStructuredText) to this file")
    args = p.parse_args()
    head = ["ufunc", "dtype", "alpha", "x band", "from y: abs", "from y: rel",
            "from x: abs", "from x: rel"]
    table = []
    for u in _table.ufuncs(kind="backward_from_output"):
        d = _table.alpha_default(u.name)
        alphas = [None] if d is None else [d, 0.3]
        for dtype in (np.float32, np.float64):
            for alpha in alphas:
                for band, ao, ro, ai, ri in rows(u, dtype, alpha):
                    table.append([f"``{u.name}``", np.dtype(dtype).name,
                                  "-" if alpha is None else f"{alpha:g}", band,
                                  f"{ao:.2e}", f"{ro:.2e}", f"{ai:.2e}", f"{ri:.2e}"])
    cfg = fa.show_config(mode="dicts")
    title = (f"fastact {cfg['version']}, target {cfg['chosen']}, dy = 1: max over 100000 "
             "uniform x per band")
    for r in table:
        print("  ".join(c.strip("`") for c in r))
    if args.out:
        lines = [".. Written by tools/from_output_accuracy.py --out: do not edit.", "",
                 f".. list-table:: {title}", "   :header-rows: 1", ""]
        for r in [head] + table:
            lines.append("   * - " + r[0])
            lines.extend(f"     - {c}" for c in r[1:])
        Path(args.out).write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
