"""Floating-point status: a dense sweep under ``np.errstate(all="raise")``.

Every ufunc, dtype and alpha across the documented range, x swept over the
whole range of the dtype (evenly over the bit patterns, plus dense linear
sweeps where the kernels switch paths, plus the contract's value set), dy
through 0, subnormals, ±1, ±max and ±inf. A flag is allowed only where the
exact result of the selected branch (computed in a wider dtype) really is
tiny and nonzero (underflow) or beyond the dtype's range (overflow); anywhere
else, where the result is exact, zero or normal, a flag is a failure.

Each case calls the ufunc on the elements that must be clean, in sweep order
and shuffled (lanes of a vector share paths in the kernels), with alpha as a
scalar (stride 0) and as an array. test_dispatch.py runs this file once per
SIMD target.
"""
import numpy as np
import pytest

import fastact as fa
import reference as ref
from fastact import _table

ALPHAS = [1e-30, 1e-5, 0.01, 1.0, 1.7, 100.0]
NAMES = list(ref.UFUNCS)


def sweep_x(dtype):
    """x over the whole range of `dtype`: evenly spread bit patterns (every
    float16), linear sweeps across the ranges where exp's result goes
    subnormal and to zero, a log sweep towards 0, and the contract's value
    set. Quiet NaNs only (a signaling NaN raises invalid in any product, as
    in NumPy)."""
    t = np.dtype(dtype).type
    u = ref.uint_of(t)
    if t is np.float16:
        x = np.arange(2 ** 16, dtype=np.uint16).view(t)
    else:
        step = 2 ** (8 * np.dtype(t).itemsize - 17)
        x = (np.arange(2 ** 17, dtype=u) * u.type(step)).view(t)
    x = x[~np.isnan(x)]
    lo = {np.float16: -20.0, np.float32: -200.0, np.float64: -1000.0}[t]
    with np.errstate(all="ignore"):
        extra = [np.linspace(lo, 0, 2 ** 16), -np.logspace(-320, 1, 2 ** 12),
                 [0.0, 1.0, 1e3, 88.8, 710.0, np.finfo(t).max, np.inf]]
        extra = np.concatenate(extra)
        extra = np.concatenate([extra, -extra, [np.nan]]).astype(t)
    return np.concatenate([x, extra, ref.nans(t)])


def dy_values(dtype):
    info = np.finfo(dtype)
    v = np.array([0.0, info.smallest_subnormal, 3 * info.smallest_subnormal,
                  info.smallest_normal, 1e-3, 1.0, 7.5, info.max, np.inf], dtype)
    return np.concatenate([v, -v, ref.nans(dtype)[:1]])


def operands(name, dtype):
    """(dy,) x: for the backward ufuncs each x of the sweep with the dy values
    in turn, and every 16th x with every dy value."""
    x = sweep_x(dtype)
    if "dy" not in ref.inputs_of(name):
        return [x]
    dys = dy_values(dtype)
    few = x[::16]
    return [np.concatenate([np.resize(dys, x.size), np.repeat(dys, few.size)]),
            np.concatenate([x, np.tile(few, dys.size)])]


def exact_value(name, args, alpha, dtype):
    """The formula's value in the wide dtype (reference.py's twins, fed
    wide operands), and where it is allowed to raise."""
    # float64 holds float32 products exactly; a float64 result needs
    # np.longdouble (exp(x) stays nonzero down to x ~ -11000 with x86's)
    wide = np.dtype(np.longdouble if dtype is np.float64 else np.float64)
    if name in ref.ULP_REFS:
        exact = ref.ULP_REFS[name](*args, *([] if alpha is None else [alpha]),
                                  dtype=dtype, wide=wide)
    else:
        # float16 is computed in float32 and rounded once: the value before
        # that rounding is the float32 one (elu_backward_from_output's sum and
        # product are float32 roundings by definition)
        wide = np.dtype(np.float32) if dtype is np.float16 else wide
        with np.errstate(all="ignore"):
            wargs = [np.asarray(a, dtype).astype(wide) for a in args]
            if alpha is not None:
                wargs.append(np.asarray(alpha, dtype).astype(wide))
            exact = ref.EXACT_REFS[name](*wargs)
    info = np.finfo(dtype)
    # Beyond max + half an ULP the exact value rounds to inf (an overflow).
    edge = np.ldexp(wide.type(2) - wide.type(2.0 ** -(info.nmant + 1)), info.maxexp - 1)
    mag = np.abs(exact)
    tiny = (mag > 0) & (mag < info.smallest_normal)
    if name in ref.ULP_REFS:
        # A zero of the wide value is exact only at x = 0, x = ±inf (the
        # limits) or dy = 0: elsewhere it is the wide dtype's underflow (alpha
        # exp(x) > 0 for finite x, and longdouble's exp underflows for float16
        # x down to -65504), and the result may be a real tiny value.
        x = args[roles_x(name)]
        exact_zero = (mag == 0) & ((x == 0) | np.isinf(x))
        if "dy" in ref.inputs_of(name):
            exact_zero |= args[0] == 0
        tiny = (mag < info.smallest_normal) & ~exact_zero
    elif ref.UFUNCS[name].accuracy == _table.ROUNDED:
        # bit for bit a formula of several roundings in the result dtype: its
        # last product may be tiny there though the wide value is not (dy =
        # the smallest normal times a derivative rounded just below 1)
        with np.errstate(all="ignore"):
            own = np.abs(ref.EXACT_REFS[name](*[np.asarray(a, dtype) for a in args],
                                              *([] if alpha is None else [dtype(alpha)])))
        tiny |= (own > 0) & (own <= info.smallest_normal)
    overflow = (mag >= edge) & np.isfinite(mag)
    return exact, tiny | overflow


def roles_x(name):
    return ref.inputs_of(name).index("x")


def first_raising(f, ops):
    """The smallest chunk of `ops` (bisecting) whose call still raises."""
    lo, hi = 0, ops[0].size
    while hi - lo > 1:
        mid = (lo + hi) // 2
        for a, b in ((lo, mid), (mid, hi)):
            try:
                with np.errstate(all="raise"):
                    f(*[o[a:b] if np.ndim(o) else o for o in ops])
            except FloatingPointError:
                lo, hi = a, b
                break
        else:
            break
    return lo, hi


@pytest.mark.parametrize("alpha", ALPHAS)
@pytest.mark.parametrize("dtype", ref.FLOATS, ids=lambda t: np.dtype(t).name)
@pytest.mark.parametrize("name", NAMES)
def test_flag_sweep(name, dtype, alpha, request):
    roles = ref.inputs_of(name)
    if "alpha" not in roles and alpha != 1.0:
        pytest.skip("no alpha: one sweep is enough")
    has_alpha = "alpha" in roles
    a = dtype(alpha) if has_alpha else None
    if has_alpha and not (0 < a < np.inf):
        pytest.skip(f"alpha={alpha} is not a positive finite {np.dtype(dtype).name}")
    args = operands(name, dtype)
    spec = ref.UFUNCS[name]
    if spec.kind == "backward_from_output":   # y is an output of the family's f
        with np.errstate(all="ignore"):
            args[1] = getattr(fa, spec.family)(args[1], *([a] if has_alpha else []))
    exact, may_raise = exact_value(name, args, a, dtype)
    clean = [op[~may_raise] for op in args]
    perm = np.random.default_rng(1).permutation(clean[0].size)
    f = getattr(fa, name)
    for order, ops in (("sweep order", clean), ("shuffled", [o[perm] for o in clean])):
        alphas = [a, np.full(ops[0].shape, a)] if has_alpha else [None]
        for al in alphas:
            call = ops + ([] if al is None else [al])
            try:
                with np.errstate(all="raise"):
                    f(*call)
            except FloatingPointError as e:
                lo, hi = first_raising(f, call)
                where = ", ".join(f"{r}={call[j][lo:hi][:4]!r}" for j, r in enumerate(roles)
                                  if np.ndim(call[j]))
                pytest.fail(f"{name} {np.dtype(dtype).name} alpha={alpha} "
                            f"({'scalar' if np.ndim(al) == 0 else 'array'}, {order}): {e} "
                            f"where the result is exact, zero or normal; first raising "
                            f"chunk [{lo}:{hi}]: {where}")
