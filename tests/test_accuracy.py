"""Accuracy of the ULP-bounded ufuncs without alpha, against the table's bounds.

Every ufunc whose accuracy class in the table (fastact/_table.py) is a ULP
bound, and whose family has no alpha (the elu family, whose bound depends on
alpha, has test_elu_accuracy.py), is compared with its reference twin
(tests/reference.py: the formula in float64 for float32 results, in
np.longdouble for float64 results) on random bit patterns of every exponent
and sign, dense runs around 0, ±1 and the powers of two, the special values,
and for the backward passes dy of every magnitude. The bound is the table's
for float32 and float64; float16 (computed in float32 and rounded once) must
be within half an ULP and a little. test_dispatch.py runs this file once per
SIMD target. The float32 claims are also checked exhaustively by
tools/ulp_exhaustive.py (outside the unit tests).
"""
import numpy as np
import pytest

import fastact as fa
import reference as ref
from fastact import _table

NAMES = [n for n, u in ref.UFUNCS.items()
         if isinstance(u.accuracy, dict) and not u.has_alpha]
DTYPES = (np.float16, np.float32, np.float64)


def bound(name, dtype):
    if dtype is np.float16:
        return 0.5 + 2.0 ** -10
    return _table.UFUNCS[name].accuracy[np.dtype(dtype).name]


def samples(dtype, rng, n=200_000):
    t = np.dtype(dtype).type
    u = ref.uint_of(t)
    if t is np.float16:   # every float16
        return np.arange(1 << 16, dtype=u).view(t)
    x = rng.integers(0, np.iinfo(u).max, n, dtype=u, endpoint=True).view(t)
    near = [rng.standard_normal(n // 4) * s for s in (1e-3, 1.0, 10.0, 100.0)]
    pows = np.ldexp(1.0, rng.integers(np.finfo(t).minexp - 10, np.finfo(t).maxexp, n // 4))
    pows = pows * (1 + rng.integers(-64, 65, pows.size) * float(np.finfo(t).eps))
    pows *= rng.choice([-1.0, 1.0], pows.size)
    with np.errstate(over="ignore"):
        extra = np.concatenate(near + [pows]).astype(t)
    return np.concatenate([x, extra, ref.special_values(t)])


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda t: np.dtype(t).name)
@pytest.mark.parametrize("name", NAMES)
def test_ulp_bound(name, dtype, ulp_record):
    rng = np.random.default_rng(11)
    x = samples(dtype, rng)
    args = [x]
    if "dy" in ref.inputs_of(name):
        dy = rng.choice([-1, 1], x.size) * np.exp(rng.uniform(-30, 30, x.size))
        dy[::7] = 1.0
        args = [dy.astype(dtype), x]
    with np.errstate(all="ignore"):
        got = getattr(fa, name)(*args)
    exact = ref.ULP_REFS[name](*args, dtype=dtype)
    err = ref.ulp_error(got, exact, dtype)
    applies = getattr(ref, f"{name}_bound_applies", None)   # a documented limit
    if applies is not None:
        err = np.where(applies(*args, dtype), err, 0)
    assert np.isnan(got).tolist() == np.isnan(exact).tolist(), f"{name}: NaN positions"
    worst = int(np.argmax(err))
    ulp_record(name, dtype, "-", err.max())
    assert err.max() <= bound(name, dtype), (
        f"{name} {np.dtype(dtype).name}: {err.max():.3f} ULP at "
        + ", ".join(f"{a[worst]!r}" for a in args))
