"""Fit the polynomial P(r) ~ (expm1(r) - r) / r**2 on the reduced interval
|r| <= ln(2)/2 (with a margin) used by fastact's expm1/exp kernels.

The method is the classical one (Cody & Waite, "Software Manual for the
Elementary Functions", 1980; Tang, "Table-driven implementation of the expm1
function in IEEE floating-point arithmetic", ACM TOMS 18(2), 1992): reduce
x = k ln2 + r, approximate expm1(r) = r + r^2 P(r), rebuild 2^k expm1(r) +
(2^k - 1). The coefficients are a least-squares fit on Chebyshev nodes
computed with mpmath at 50 digits (near-minimax), rounded to the target
precision. Run: python tools/fit_expm1.py

With --table N it fits the shorter polynomial of the table-driven exp
(Tang, "Table-driven implementation of the exponential function in IEEE
floating-point arithmetic", ACM TOMS 15(2), 1989): x = (16 n + j) ln2/16 + r,
|r| <= ln2/32, exp(x) = 2^n 2^(j/16) exp(r), and prints the table of 2^(j/N)
as hi (the value rounded to the dtype, as bits, with j << (mant - log2 N)
subtracted so that adding k << (mant - log2 N) to it makes 2^n 2^(j/N) in one
integer add) and lo (the rest, relative to hi, rounded).
"""
import argparse
import mpmath as mp
import numpy as np

mp.mp.dps = 50
R = mp.mpf("0.3466") * mp.mpf("1.05")  # ln2/2 plus margin for the rounding of k


def target(r):
    return (mp.expm1(r) - r) / r**2 if r != 0 else mp.mpf(1) / 2


def fit(degree, nodes=400):
    """P of the given degree on |r| <= R."""
    xs = [R * mp.cos(mp.pi * (i + mp.mpf(1) / 2) / nodes) for i in range(nodes)]
    A = mp.matrix([[x**j for j in range(degree + 1)] for x in xs])
    b = mp.matrix([target(x) for x in xs])
    return mp.lu_solve(A.T * A, A.T * b)  # normal equations at 50 digits


def max_rel_error(coefs, dtype):
    c = [dtype(float(x)) for x in coefs]
    worst = 0.0
    for i in range(2001):
        r = R * (mp.mpf(i) / 1000 - 1)
        if r == 0:
            continue
        p = mp.mpf(0)
        for cj in reversed(c):
            p = p * r + mp.mpf(float(cj))
        worst = max(worst, abs((r + r * r * p) / mp.expm1(r) - 1))
    return float(worst)


def table(n, dtype):
    mant = 23 if dtype == np.float32 else 52
    ut = np.uint32 if dtype == np.float32 else np.uint64
    shift = mant - (n.bit_length() - 1)
    for j in range(n):
        v = mp.mpf(2) ** (mp.mpf(j) / n)
        hi = dtype(float(v))
        lo = dtype(float((v - mp.mpf(float(hi))) / mp.mpf(float(hi))))
        bits = int(hi.view(ut)) - (j << shift)
        print("   ", hex(bits), repr(lo.item()))


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--table", type=int, default=0)
    a = ap.parse_args()
    if a.table:
        R = mp.log(2) / (2 * a.table) * mp.mpf("1.05")
        for dtype, degs in ((np.float32, (1, 2)), (np.float64, (3, 4, 5))):
            for d in degs:
                c = fit(d)
                print(dtype.__name__, d, "max rel err %.3g" % max_rel_error(c, dtype))
                print("   ", ", ".join(repr(dtype(float(x)).item()) for x in c))
            print(dtype.__name__, "table hi (adjusted bits), lo / hi")
            table(a.table, dtype)
        raise SystemExit
    for dtype, degs in ((np.float32, (3, 4, 5)), (np.float64, (8, 9, 10, 11))):
        for d in degs:
            c = fit(d)
            print(dtype.__name__, d, "max rel err %.3g" % max_rel_error(c, dtype),
                  "eps %.3g" % np.finfo(dtype).eps)
            print("   ", ", ".join(repr(dtype(float(x)).item()) for x in c))
