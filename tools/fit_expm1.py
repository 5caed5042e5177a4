"""Fit the polynomial P(r) ~ (expm1(r) - r) / r**2 on the reduced interval
|r| <= ln(2)/2 (with a margin) used by fastact's expm1/exp kernels.

The method is the classical one (Cody & Waite, "Software Manual for the
Elementary Functions", 1980; Tang, "Table-driven implementation of the expm1
function in IEEE floating-point arithmetic", ACM TOMS 18(2), 1992): reduce
x = k ln2 + r, approximate expm1(r) = r + r^2 P(r), rebuild 2^k expm1(r) +
(2^k - 1). The coefficients are a least-squares fit on Chebyshev nodes
computed with mpmath at 50 digits (near-minimax), rounded to the target
precision. Run: python tools/fit_expm1.py
"""
import mpmath as mp
import numpy as np

mp.mp.dps = 50
R = mp.mpf("0.3466") * mp.mpf("1.05")  # ln2/2 plus margin for the rounding of k


def target(r):
    return (mp.expm1(r) - r) / r**2 if r != 0 else mp.mpf(1) / 2


def fit(degree, nodes=400):
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


if __name__ == "__main__":
    for dtype, degs in ((np.float32, (3, 4, 5)), (np.float64, (8, 9, 10, 11))):
        for d in degs:
            c = fit(d)
            print(dtype.__name__, d, "max rel err %.3g" % max_rel_error(c, dtype),
                  "eps %.3g" % np.finfo(dtype).eps)
            print("   ", ", ".join(repr(dtype(float(x)).item()) for x in c))
