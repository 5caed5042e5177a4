"""The slow twin: every fastact ufunc written again with plain NumPy.

This module is the single place where the tests say what the right answer is.
It is written from the contract (shared/spec.md), not from the kernels, and
uses NumPy only:

* the relu and leaky_relu families are exact selects and products, computed in
  the result dtype, so fastact must match them bit for bit;
* the elu family is computed in a wider dtype (float64 for float16/float32
  results, ``np.longdouble`` for float64 results) and fastact is measured
  against it in ULPs of the result dtype (``ulp_error``).

Where ``x`` is NaN, the derivative and backward ufuncs return ``x`` itself (the
same bits), so a NaN activation is never turned into a zero gradient.
"""
import numpy as np

from fastact import _table as TABLE

FLOATS = (np.float16, np.float32, np.float64)
# Every integer type character: 'l' and 'q' (and 'L', 'Q') are distinct type
# codes even where they have the same width, and both must find a loop.
INTS = tuple(np.dtype(c).type for c in "bBhHiIlLqQ")

# Which ufuncs there are, their inputs by role, which have integer loops and
# which are exact: the table (fastact/_table.py), never restated here. Each
# ufunc's twin below is the function of the same name.
UFUNCS = TABLE.UFUNCS
INT_UFUNCS = [u.name for u in TABLE.ufuncs(int_loops=True)]


def inputs_of(name):
    """The ufunc's inputs by role; a from-output pass's y is drawn like x (any
    value: the tests of it only need it to be exact), so it is named x here."""
    return tuple("x" if r == "y" else r for r in UFUNCS[name].inputs)


def alpha_domain(name):
    """"positive" (finite, > 0: the elu family) or "any" (the leaky family)."""
    fam = TABLE.FAMILY[UFUNCS[name].family]
    return fam.alpha["domain"] if fam.alpha else None


# ------------------------------------------------------------------ values
def _as(x, dtype):
    return np.asarray(x, dtype=dtype)


def _nan_is_x(x, value):
    """Wherever x is NaN, the result is x itself (same bits)."""
    if x.dtype.kind != "f":
        return value
    return np.where(np.isnan(x), x, value)


def relu(x):
    """np.maximum(x, 0) with +0.0 for -0.0 and x itself for NaN.

    That is np.maximum(x, 0) bit for bit for float32, float64 and integers;
    NumPy's own float16 (and longdouble) maximum returns -0.0 for -0.0 (it
    keeps its first argument on ties), where the contract says +0.0.
    """
    x = np.asarray(x)
    return _nan_is_x(x, np.where(x > 0, x, x.dtype.type(0)))


def relu_grad(x):
    x = np.asarray(x)
    one, zero = x.dtype.type(1), x.dtype.type(0)
    return _nan_is_x(x, np.where(x > 0, one, zero))


def relu_backward(dy, x):
    dt = np.result_type(dy, x)
    dy, x = _as(dy, dt), _as(x, dt)
    return _nan_is_x(x, np.where(x > 0, dy, dt.type(0)))


def quiet(a):
    """a with the quiet bit of every NaN set (what arithmetic makes of it)."""
    a = np.asarray(a)
    if a.dtype.itemsize > 8:   # longdouble, a wide reference: payloads not compared
        return a
    u = uint_of(a.dtype)
    b = a.copy().view(u)
    bit = u.type(1 << (np.finfo(a.dtype).nmant - 1))
    return np.where(np.isnan(a), b | bit, b).view(a.dtype)


def _product_nan_first(q, alpha):
    """q * alpha, where q's NaN wins over alpha's (quieted): NumPy's own
    multiply returns either operand's NaN depending on its loop."""
    with np.errstate(all="ignore"):
        return np.where(np.isnan(q), quiet(q), q * alpha)


def leaky_relu(x, alpha):
    dt = np.result_type(x, alpha)
    x, alpha = _as(x, dt), _as(alpha, dt)
    return np.where(x > 0, x, _product_nan_first(x, alpha))


def leaky_relu_grad(x, alpha):
    dt = np.result_type(x, alpha)
    x, alpha = _as(x, dt), _as(alpha, dt)
    return _nan_is_x(x, np.where(x > 0, dt.type(1), alpha))


def leaky_relu_backward(dy, x, alpha):
    dt = np.result_type(dy, x, alpha)
    dy, x, alpha = _as(dy, dt), _as(x, dt), _as(alpha, dt)
    value = np.where(x > 0, dy, _product_nan_first(dy, alpha))
    return _nan_is_x(x, value)


def wide_dtype(dtype):
    """The dtype in which the elu family's exact value is computed."""
    return np.dtype(np.longdouble if np.dtype(dtype) == np.float64 else np.float64)


def _wide(dtype, wide, *args):
    w = wide_dtype(dtype) if wide is None else np.dtype(wide)
    with np.errstate(invalid="ignore"):   # casting NaN is not an error here
        return [np.asarray(a, dtype=dtype).astype(w) for a in args]


# The elu twins take `wide`, the dtype to compute in (default wide_dtype):
# np.longdouble keeps exp(x) nonzero far below float64's underflow, where a
# caller needs to know whether a tiny result is exactly zero.
def elu(x, alpha, dtype, wide=None):
    """alpha * expm1(x) for x <= 0, in the wide dtype of `dtype`."""
    x, alpha = _wide(dtype, wide, x, alpha)
    with np.errstate(all="ignore"):
        return np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0)))


def elu_grad(x, alpha, dtype, wide=None):
    x, alpha = _wide(dtype, wide, x, alpha)
    with np.errstate(all="ignore"):
        value = np.where(x > 0, 1, alpha * np.exp(np.minimum(x, 0)))
    return np.where(np.isnan(x), x, value)


def elu_backward(dy, x, alpha, dtype, wide=None):
    """dy * (alpha * exp(x)) for x <= 0, the formula's value everywhere but
    at x = -inf, where the select form gives a zero whatever dy is (inf and
    NaN included: no inf * 0). An infinite dy at finite x gives ±inf (alpha
    exp(x) > 0, even where the wide dtype underflows it to 0); a NaN dy gives
    NaN; the sign of a zero follows dy."""
    dy, x, alpha = _wide(dtype, wide, dy, x, alpha)
    with np.errstate(all="ignore"):
        g = alpha * np.exp(np.minimum(x, 0))
        neg = np.where(np.isinf(dy), dy, dy * g)
        neg = np.where(x == -np.inf, np.copysign(0, dy), neg)
    return np.where(np.isnan(x), x, np.where(x > 0, dy, neg))


# Below these x, fastact returns 0 for alpha * exp(x) (and dy * alpha * exp(x)):
# the correctly rounded value whenever |dy| * alpha is below LARGE_SCALE.
EXP_CLAMP = {np.float32: -128.0, np.float64: -777.0}
LARGE_SCALE = {np.float32: 2.0**35, np.float64: 2.0**47}


def elu_backward_bound_applies(dy, x, alpha, dtype):
    """Where elu_backward's ULP bound is claimed: everywhere but below the
    clamp of exp, and there for |dy| * alpha < LARGE_SCALE (the documented
    limit)."""
    t = np.float64 if np.dtype(dtype) == np.float64 else np.float32  # float16 runs in float32
    with np.errstate(all="ignore"):
        c = np.abs(np.asarray(dy, dtype=dtype) * np.asarray(alpha, dtype=dtype))
        x = np.asarray(x, dtype=dtype)
        return (np.isnan(x) | np.isnan(c) | np.isinf(np.asarray(dy, dtype=dtype))
                | (x >= EXP_CLAMP[t]) | (c < LARGE_SCALE[t]))


def elu_backward_from_output(dy, y, alpha):
    """dy where y > 0, else dy * (y + alpha), the sum and the product in the
    result dtype (float16: in float32, rounded once); where y + alpha is 0 or
    infinite, a zero with the sign of dy * (y + alpha) (a NaN dy stays NaN):
    the select form, no inf * 0. dy and y pass through in their own dtype
    (a float32 round trip would quiet a signaling NaN on some platforms)."""
    dt = np.result_type(dy, y, alpha)
    work = np.dtype(np.float32 if dt == np.float16 else dt)
    dy, y, alpha = _as(dy, dt), _as(y, dt), _as(alpha, dt)
    with np.errstate(all="ignore"):
        s = y.astype(work) + alpha.astype(work)
        edge = (s == 0) | np.isinf(s)
        prod = _product_nan_first(dy.astype(work), np.where(edge, work.type(0), s)).astype(dt)
        signed = np.copysign(dt.type(0), dy) * np.copysign(dt.type(1), s).astype(dt)
        zero = np.where(np.isnan(dy), quiet(dy), signed)
        value = np.where(y > 0, dy, np.where(edge, zero, prod))
    return _nan_is_x(y, value)


def relu6(x):
    """np.minimum(np.maximum(x, 0), 6) with +0.0 for -0.0 and x itself for
    NaN (integers: the same clamp in their dtype; bool: the identity)."""
    x = np.asarray(x)
    six, zero = x.dtype.type(6), x.dtype.type(0)
    return _nan_is_x(x, np.where(x > 0, np.where(x < six, x, six), zero))


def relu6_grad(x):
    x = np.asarray(x)
    one, zero = x.dtype.type(1), x.dtype.type(0)
    return _nan_is_x(x, np.where((x > 0) & (x < x.dtype.type(6)), one, zero))


def relu6_backward(dy, x):
    dt = np.result_type(dy, x)
    dy, x = _as(dy, dt), _as(x, dt)
    return _nan_is_x(x, np.where((x > 0) & (x < dt.type(6)), dy, dt.type(0)))


def softsign(x, dtype, wide=None):
    """x / (1 + |x|) in the wide dtype; ±inf gives ±1 (the limit)."""
    (x,) = _wide(dtype, wide, x)
    with np.errstate(all="ignore"):
        return np.where(np.isinf(x), np.sign(x), x / (1 + np.abs(x)))


def softsign_grad(x, dtype, wide=None):
    (x,) = _wide(dtype, wide, x)
    with np.errstate(all="ignore"):
        value = np.where(np.isinf(x), 0, 1 / (1 + np.abs(x)) ** 2)
    return np.where(np.isnan(x), x, value)


def softsign_backward(dy, x, dtype, wide=None):
    """dy / (1 + |x|)^2; at x = ±inf a zero with dy's sign whatever dy is
    (the select form); an infinite dy at finite x gives ±inf."""
    dy, x = _wide(dtype, wide, dy, x)
    with np.errstate(all="ignore"):
        g = 1 / (1 + np.abs(x)) ** 2
        value = np.where(np.isinf(dy), dy, dy * g)
        value = np.where(np.isinf(x), np.copysign(0, dy), value)
    return np.where(np.isnan(x), x, value)


def _sigma_wide(x):
    """σ(x) and σ'(x) in x's (wide) dtype, from e = exp(-|x|): no overflow,
    full relative accuracy in both tails (σ(-100) is e^-100, not 0)."""
    with np.errstate(all="ignore"):
        e = np.exp(-np.abs(x))
        s = np.where(x >= 0, 1 / (1 + e), e / (1 + e))
        return s, e / (1 + e) ** 2


def sigmoid(x, dtype, wide=None):
    (x,) = _wide(dtype, wide, x)
    return _sigma_wide(x)[0]


def sigmoid_grad(x, dtype, wide=None):
    (x,) = _wide(dtype, wide, x)
    return np.where(np.isnan(x), x, _sigma_wide(x)[1])


def sigmoid_backward(dy, x, dtype, wide=None):
    """dy σ'(x); at x = ±inf a zero with dy's sign whatever dy is (the select
    form); an infinite dy at finite x gives ±inf (σ' > 0 there)."""
    dy, x = _wide(dtype, wide, dy, x)
    with np.errstate(all="ignore"):
        g = _sigma_wide(x)[1]
        value = np.where(np.isinf(dy), dy, dy * g)
        value = np.where(np.isinf(x), np.copysign(0, dy), value)
    return np.where(np.isnan(x), x, value)


def sigmoid_backward_bound_applies(dy, x, dtype):
    """Where sigmoid_backward's ULP bound is claimed: |x| up to the clamp of
    exp (EXP_CLAMP), and beyond it for |dy| < LARGE_SCALE (fastact returns 0
    there, the correctly rounded value for such dy)."""
    return elu_backward_bound_applies(dy, -np.abs(np.asarray(x, dtype=dtype)), 1, dtype)


def sigmoid_backward_from_output(dy, y):
    """dy * (y * (1 - y)) (see _times_from_output)."""
    return _times_from_output(dy, y, lambda y, one: y * (one - y))


def tanh(x, dtype, wide=None):
    (x,) = _wide(dtype, wide, x)
    return np.tanh(x)


def tanh_grad(x, dtype, wide=None):
    """sech(x)^2 = 4 σ'(2x), from exp(-2|x|): no cancellation in the tails."""
    (x,) = _wide(dtype, wide, x)
    return np.where(np.isnan(x), x, 4 * _sigma_wide(2 * x)[1])


def tanh_backward(dy, x, dtype, wide=None):
    dy, x = _wide(dtype, wide, dy, x)
    with np.errstate(all="ignore"):
        g = 4 * _sigma_wide(2 * x)[1]
        value = np.where(np.isinf(dy), dy, dy * g)
        value = np.where(np.isinf(x), np.copysign(0, dy), value)
    return np.where(np.isnan(x), x, value)


def tanh_backward_bound_applies(dy, x, dtype):
    """As sigmoid_backward's, at 2x (the argument of σ')."""
    with np.errstate(over="ignore"):
        return sigmoid_backward_bound_applies(dy, 2 * np.asarray(x, dtype=dtype), dtype)


def _times_from_output(dy, y, g_of):
    """dy * g(y), g the derivative from the output, in the result dtype
    (float16: in float32, rounded once); where g is 0 or infinite, a zero with
    the sign of dy g (a NaN dy stays NaN): the select form, no inf * 0; y's
    NaN where y is NaN."""
    dt = np.result_type(dy, y)
    work = np.dtype(np.float32 if dt == np.float16 else dt)
    dy, y = _as(dy, dt), _as(y, dt)
    with np.errstate(all="ignore"):
        s = g_of(y.astype(work), work.type(1))
        edge = (s == 0) | np.isinf(s)
        prod = _product_nan_first(dy.astype(work), np.where(edge, work.type(0), s)).astype(dt)
        signed = np.copysign(dt.type(0), dy) * np.copysign(dt.type(1), s).astype(dt)
        zero = np.where(np.isnan(dy), quiet(dy), signed)
        value = np.where(edge, zero, prod)
    return _nan_is_x(y, value)


def tanh_backward_from_output(dy, y):
    """dy * ((1 - y) * (1 + y)) (see _times_from_output)."""
    return _times_from_output(dy, y, lambda y, one: (one - y) * (one + y))


# The twins by accuracy class: bit for bit (exact selects and products, and
# the from-output passes' two roundings), or in ULPs against a wide value
# (called with dtype= and wide=).
EXACT_REFS = {u.name: globals()[u.name] for u in UFUNCS.values()
              if u.accuracy in (TABLE.EXACT, TABLE.ROUNDED)}
ULP_REFS = {u.name: globals()[u.name] for u in UFUNCS.values() if u.name not in EXACT_REFS}
# the elu family's ULP-bounded ufuncs (test_elu_accuracy.py)
ELU = [n for n in ULP_REFS if UFUNCS[n].family == "elu"]


# ------------------------------------------------------------- comparing
def uint_of(dtype):
    return np.dtype(f"u{np.dtype(dtype).itemsize}")


def bits(a):
    a = np.ascontiguousarray(a)
    return a.view(uint_of(a.dtype)) if a.dtype.kind == "f" else a


def assert_bits_equal(got, expected, context=""):
    """Same dtype, same shape, the same bits everywhere (NaN payloads included)."""
    got, expected = np.asarray(got), np.asarray(expected)
    assert got.dtype == expected.dtype, f"{context}: dtype {got.dtype} != {expected.dtype}"
    assert got.shape == expected.shape, f"{context}: shape {got.shape} != {expected.shape}"
    bad = np.flatnonzero(bits(got).ravel() != bits(expected).ravel())
    if bad.size:
        i = bad[0]
        raise AssertionError(
            f"{context}: {bad.size} of {got.size} elements differ; first at flat index {i}: "
            f"got {got.ravel()[i]!r} ({bits(got).ravel()[i]:#x}), "
            f"expected {expected.ravel()[i]!r} ({bits(expected).ravel()[i]:#x})")


def ulp_error(got, exact, dtype):
    """|got - exact| in ULPs of `dtype` at `exact` (given in a wider dtype).

    The ULP of a value in [2**(e-1), 2**e) is 2**(e - 1 - nmant), and the
    subnormal spacing below the smallest normal number. ±0 are equal; equal
    infinities and NaN against NaN are 0 ULP; any other mismatch of
    infinities or NaNs is infinite; an exact value that rounds to ±inf in
    `dtype` counts as ±inf.
    """
    info = np.finfo(dtype)
    exact = np.asarray(exact)
    # Beyond max + half an ULP the exact value rounds to ±inf.
    edge = np.ldexp(exact.dtype.type(2) - exact.dtype.type(2.0 ** -(info.nmant + 1)),
                    info.maxexp - 1)
    exact = np.where(np.abs(exact) >= edge, np.copysign(np.inf, exact), exact)
    with np.errstate(invalid="ignore"):   # casting NaN is not an error here
        got = np.asarray(got).astype(exact.dtype)
    _, e = np.frexp(np.abs(exact))
    # frexp(0) gives exponent 0: the spacing at an exact 0 is the subnormal one
    e = np.maximum(np.where(exact == 0, info.minexp, e), info.minexp + 1)
    ulp = np.ldexp(np.ones_like(exact), e - 1 - info.nmant)
    with np.errstate(all="ignore"):
        err = (np.abs(got - exact) / ulp).astype(np.float64)
    same = (got == exact) | (np.isnan(got) & np.isnan(exact))
    return np.where(same, 0.0, np.where(np.isfinite(err), err, np.inf))


# ------------------------------------------------------------------ inputs
_QNAN = {np.float16: [0x7E00, 0xFE00, 0x7E01, 0xFF55],
         np.float32: [0x7FC00000, 0xFFC00000, 0x7FC00001, 0xFFD23456, 0x7FFFFFFF],
         np.float64: [0x7FF8000000000000, 0xFFF8000000000000, 0x7FF8000000000001,
                      0xFFFDEAD00000BEEF, 0x7FFFFFFFFFFFFFFF]}
_SNAN = {np.float16: [0x7C01, 0xFD55],
         np.float32: [0x7F800001, 0xFF912345],
         np.float64: [0x7FF0000000000001, 0xFFF4000000000ABC]}


def nans(dtype, signaling=False):
    """Quiet NaNs of both signs and several payloads (and signaling ones)."""
    t = np.dtype(dtype).type
    pats = _QNAN[t] + (_SNAN[t] if signaling else [])
    return np.array(pats, dtype=uint_of(t)).view(t)


def special_values(dtype, signaling_nans=False):
    """±0, ±inf, NaNs, subnormals, ±min normal, ±max, and a few ordinary values."""
    t = np.dtype(dtype).type
    if np.dtype(t).kind in "iu":
        info = np.iinfo(t)
        v = [info.min, info.max, 0, 1, info.max - 1, info.min + 1, 2, 100]
        if info.min < 0:
            v += [-1, -2, -100]
        return np.array(v, dtype=t)
    info = np.finfo(t)
    pos = [0.0, np.inf, info.smallest_subnormal, info.smallest_subnormal * 3,
           info.smallest_normal - info.smallest_subnormal, info.smallest_normal,
           info.max, np.nextafter(info.max, 0, dtype=t), 1.0, 0.5, 2.0, 0.01,
           np.log(2) / 2, 88.8 if t is not np.float16 else 11.1, 1e3]
    pos = np.array(pos, dtype=t)
    return np.concatenate([pos, -pos, nans(t, signaling_nans)])


def random_values(dtype, n, rng, signaling_nans=True):
    """n values of every magnitude and sign, with special values mixed in.

    Floats are random bit patterns (all exponents, NaNs with random payloads)
    mixed with special values and ordinary numbers; integers are uniform over
    the dtype's range.
    """
    t = np.dtype(dtype).type
    if np.dtype(t).kind in "iu":
        info = np.iinfo(t)
        return rng.integers(info.min, info.max, size=n, dtype=t, endpoint=True)
    u = uint_of(t)
    x = rng.integers(0, np.iinfo(u).max, size=n, dtype=u, endpoint=True).view(t).copy()
    if not signaling_nans:  # set the quiet bit of every NaN
        quiet = u.type(1 << (np.finfo(t).nmant - 1))
        xb = x.view(u)
        xb[np.isnan(x)] |= quiet
    normal = rng.standard_normal(n).astype(t)
    pick = rng.integers(0, 3, size=n)
    x = np.where(pick == 0, normal, x)
    specials = special_values(t, signaling_nans)
    k = rng.integers(0, n, size=max(n // 8, 1)) if n else np.array([], dtype=int)
    x[k] = rng.choice(specials, size=k.size)
    return x


def elu_samples(dtype, rng, n_random=150_000):
    """Inputs for the elu family's accuracy checks (float32 or float64).

    Log-uniform negative magnitudes over the whole range, plus edges: near 0,
    around multiples of ln2/2 (where the range reduction switches k), near the
    point where expm1 rounds to -1, across the range where exp's result is
    subnormal, and ±0, ±inf, a few positives.
    """
    t = np.dtype(dtype).type
    f64 = t is np.float64
    tiny = 1e-320 if f64 else 1e-45
    parts = [-np.exp(rng.uniform(np.log(tiny), np.log(1e3), n_random))]
    info = np.finfo(t)
    k = np.arange(1, (1100 if f64 else 200) * 2)
    centers = -k * np.log(2) / 2
    nudge = 1 + rng.integers(-64, 65, (k.size, 32)) * float(info.eps)
    parts.append((centers[:, None] * nudge).ravel())
    parts.append(-rng.uniform(0, 1e-3, 20_000))
    for lo, hi in ([(-45, -35), (-760, -700), (-800, -640)] if f64 else
                   [(-20, -16), (-104, -87), (-135, -60)]):
        parts.append(rng.uniform(lo, hi, 30_000))
    parts.append(rng.uniform(-1000 if f64 else -130, 0, 30_000))
    x = np.concatenate(parts).astype(t)
    # One-ULP neighbours of some of them, both ways.
    x = np.concatenate([x, np.nextafter(x[::7], 0), np.nextafter(x[::11], -np.inf)])
    edges = np.array([0.0, -0.0, -np.inf, np.inf, -info.max, info.max, -info.smallest_subnormal,
                      -info.smallest_normal, 1.0, 3.5, info.smallest_subnormal], dtype=t)
    return np.concatenate([edges, x])
