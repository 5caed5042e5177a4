"""Values of every ufunc on every dtype and layout, against the NumPy twin.

The relu and leaky_relu families must equal reference.py bit for bit (NaN
payloads and the sign of zero included). The elu family must give, on any
layout, the very bits it gives on a contiguous copy, within its ULP bound of
the wide reference (its accuracy over the whole range is test_elu_accuracy.py's
job), and its special values exactly.

test_dispatch.py runs this file again once per SIMD target (FASTACT_SIMD).
"""
import numpy as np
import pytest
from hypothesis import given, strategies as st
from hypothesis.extra import numpy as hnp

import fastact as fa
import guard
import reference as ref

LENGTHS = [*range(71), 127, 128, 129, 255, 256, 257, 513, 1000, 4099]
LEAKY_ALPHAS = [0.01, 0.3, 1.0, 2.5, -0.5]
ELU_ALPHAS = [1.0, 0.3, 1.7]
# Loose sanity bound for elu values on moderate inputs (the tight bounds are
# test_elu_accuracy.py's).
ELU_SANITY_ULP = 4


def dtypes_of(name):
    return ref.FLOATS + (ref.INTS if name in ref.INT_UFUNCS else ())


CASES = [pytest.param(n, np.dtype(d), id=f"{n}-{np.dtype(d).char}")
         for n in ref.UFUNCS for d in dtypes_of(n)]
FLOAT_CASES = [c for c in CASES if c.values[1].kind == "f"]


def ufunc(name):
    return getattr(fa, name)


def call(name, *args, **kwargs):
    with np.errstate(all="ignore"):
        return ufunc(name)(*args, **kwargs)


def operand(name, role, dtype, shape, rng):
    """A random operand of the given role (x, dy or alpha)."""
    n = int(np.prod(shape))
    ulp = name in ref.ULP_REFS   # (compared in ULPs: moderate operands)
    if role == "alpha":
        positive = ref.alpha_domain(name) == "positive"
        a = rng.uniform(0.01, 3.0, n) if positive else rng.choice(LEAKY_ALPHAS + [0.7, 1.3], n)
        return a.astype(dtype).reshape(shape)
    if ulp and role == "x":   # moderate values: both branches, exp results normal
        x = rng.standard_normal(n) * rng.choice([0.1, 3.0, 20.0], n)
        return x.astype(dtype).reshape(shape)
    if ulp:                   # dy
        return rng.standard_normal(n).astype(dtype).reshape(shape)
    return ref.random_values(dtype, n, rng).reshape(shape)


def operands(name, dtype, shape, rng, scalar_alpha=None):
    return [scalar_alpha if role == "alpha" and scalar_alpha is not None
            else operand(name, role, dtype, shape, rng) for role in ref.inputs_of(name)]


def check(name, args, got, context=""):
    """got must be what `name` gives on `args` (see the module docstring)."""
    if name in ref.EXACT_REFS:
        ref.assert_bits_equal(got, ref.EXACT_REFS[name](*args), context)
        return
    dense = [np.array(a, copy=True) if isinstance(a, np.ndarray) else a for a in args]
    ref.assert_bits_equal(got, call(name, *dense), context + " (vs contiguous copy)")
    exact = ref.ULP_REFS[name](*args, dtype=got.dtype)
    err = ref.ulp_error(got, exact, got.dtype)
    assert err.max(initial=0) <= ELU_SANITY_ULP, f"{context}: {err.max()} ULP"


def placed(a, offset):
    """A copy of `a` that starts `offset` elements into a zeroed, oversized
    buffer (its .base)."""
    buf = np.zeros(a.size + 8, a.dtype)
    v = buf[offset:offset + a.size]
    v[...] = a
    return v


def assert_untouched(buf, written, context):
    """Nothing but the elements `written` (an index) of `buf` was written."""
    outside = np.ones(buf.size, bool)
    outside[written] = False
    assert not np.any(ref.bits(buf)[outside]), f"{context}: wrote outside the output"


# ------------------------------------------------------------------ layouts
def with_alpha_modes(cases, modes):
    """Each case once per alpha mode where the ufunc has an alpha, else once."""
    out = []
    for c in cases:
        name, dtype = c.values
        for m in (modes if "alpha" in ref.inputs_of(name) else [None]):
            out.append(pytest.param(name, dtype, m, id=c.id + ("" if m is None else f"-a{m}")))
    return out


@pytest.mark.parametrize("name,dtype,alpha", with_alpha_modes(CASES, [0.3, None]))
def test_lengths_and_misalignments(name, dtype, alpha, rng):
    """Lengths 0..70 and longer at offsets 0..3 elements (inputs and output
    misaligned differently); alpha a Python scalar (stride 0) or an array."""
    for n in LENGTHS:
        args = operands(name, dtype, (n,), rng, alpha)
        for off in range(4):
            moved = [placed(a, (off + j) % 4) if isinstance(a, np.ndarray) else a
                     for j, a in enumerate(args)]
            context = f"{name} {dtype} n={n} offset={off}"
            check(name, args, call(name, *moved), context)
            out_offset = (3 * off + 1) % 4
            out = placed(np.zeros(n, dtype), out_offset)
            got = call(name, *moved, out=out)
            assert got is out
            check(name, args, out, context + " out=")
            assert_untouched(out.base, np.s_[out_offset:out_offset + n], context)


STRIDES = {"step2": np.s_[::2], "step3": np.s_[::3], "reversed": np.s_[::-1],
           "reversed-step2": np.s_[-2::-2]}


@pytest.mark.parametrize("where", ["inputs", "output", "both"])
@pytest.mark.parametrize("stride", STRIDES)
@pytest.mark.parametrize("name,dtype", CASES)
def test_strided(name, dtype, stride, where, rng):
    sl = STRIDES[stride]
    for n in (5, 67, 300):
        big = operands(name, dtype, (3 * n,), rng)
        ins = [a[sl] if where != "output" else a[:len(a[sl])] for a in big]
        base = np.zeros(3 * n, dtype)
        out = base[sl] if where != "inputs" else base[:len(ins[0])]
        call(name, *ins, out=out)
        context = f"{name} {dtype} {stride} on {where}, n={n}"
        check(name, ins, out, context)
        written = np.arange(3 * n)[sl] if where != "inputs" else np.s_[:len(ins[0])]
        assert_untouched(base, written, context)


GUARD_LAYOUTS = {"contiguous": 1, "step2": 2, "step3": 3, "reversed": -1}


@pytest.fixture(scope="module")
def guarded():
    """One guarded buffer per operand (three inputs at most, one output)."""
    if not guard.AVAILABLE:
        pytest.skip("no mmap/mprotect on this platform")
    return [guard.GuardedBuffer(data_pages=1) for _ in range(4)]


def guarded_view(buf, a, step, at):
    """``a`` (1-d, n elements) as a view with `step` whose outermost element
    touches the guard page at `at`: a base of n*|step| elements is placed
    against the guard and sliced so that its first (at="start") or last
    (at="end") element is part of the view."""
    n, s = a.size, abs(step)
    base = buf.place(np.repeat(a, s), at)
    if step < 0:
        v = base[::-1]                 # walks from the end guard to the start guard
    else:
        v = base[::s] if at == "start" else base[s - 1::s]
    v[...] = a
    return v


@pytest.mark.parametrize("layout", GUARD_LAYOUTS)
@pytest.mark.parametrize("name,dtype,alpha", with_alpha_modes(CASES, [0.3, None]))
def test_guard_pages(name, dtype, alpha, layout, guarded, rng):
    """Every operand, inputs and output, flush against a PROT_NONE page (at
    its end, then at its start), lengths 0..70: a kernel that reads or writes
    one element outside an array crashes the test process. Values must be
    those of the call on contiguous copies."""
    step = GUARD_LAYOUTS[layout]
    for n in range(71):
        args = operands(name, dtype, (n,), rng, alpha)
        expected = call(name, *args)
        for at in ("end", "start"):
            ops = [guarded_view(g, a, step, at) if isinstance(a, np.ndarray) else a
                   for g, a in zip(guarded, args)]
            out = guarded_view(guarded[3], np.zeros(n, dtype), step, at)
            got = call(name, *ops, out=out)
            ref.assert_bits_equal(got, expected, f"{name} {dtype} {layout} n={n} at {at}")


@pytest.mark.parametrize("name,dtype", CASES)
def test_multidimensional_and_transposed(name, dtype, rng):
    args = operands(name, dtype, (6, 7, 5), rng)
    check(name, args, call(name, *args), "3-d")
    t = [a.transpose(2, 0, 1) for a in args]
    check(name, t, call(name, *t), "transposed")
    f = [np.asfortranarray(a) for a in args]
    check(name, f, call(name, *f), "Fortran order")
    e = operands(name, dtype, (0, 3), rng)
    assert call(name, *e).shape == (0, 3)


@pytest.mark.parametrize("name,dtype", CASES)
def test_scalars_and_0d(name, dtype, rng):
    values = operands(name, dtype, (16,), rng)
    for i in range(16):
        np_scalars = [a[i] for a in values]
        got = call(name, *np_scalars)
        assert isinstance(got, np.generic) and got.dtype == dtype, type(got)
        check(name, [np.asarray(s) for s in np_scalars], np.asarray(got), f"scalar {i}")
        zero_d = [np.asarray(s) for s in np_scalars]
        got0 = call(name, *zero_d)
        assert isinstance(got0, np.generic), type(got0)
        ref.assert_bits_equal(np.asarray(got0), np.asarray(got), "0-d vs scalar")


@pytest.mark.parametrize("name", ref.UFUNCS)
def test_python_scalars(name):
    """Python numbers in: float64 (or int64 for the relu family) NumPy scalar out."""
    ints = name in ref.INT_UFUNCS
    args = {"x": -3 if ints else -3.0, "dy": 2 if ints else 2.0, "alpha": 0.5}
    got = ufunc(name)(*[args[r] for r in ref.inputs_of(name)])
    assert isinstance(got, np.generic)
    assert got.dtype == (np.int64 if ints else np.float64)
    wide = [np.float64(args[r]) for r in ref.inputs_of(name)]
    assert got == ufunc(name)(*wide)


# ------------------------------------------------------------- broadcasting
ALPHA_SHAPES = {"per-channel (PReLU)": (4, 1, 1), "per-column": (6,), "full (RReLU)": (4, 5, 6),
                "0-d": ()}


@pytest.mark.parametrize("shape", ALPHA_SHAPES)
@pytest.mark.parametrize("name,dtype", [c for c in FLOAT_CASES
                                        if "alpha" in ref.inputs_of(c.values[0])])
def test_broadcast_alpha(name, dtype, shape, rng):
    args = operands(name, dtype, (4, 5, 6), rng)
    args[-1] = operand(name, "alpha", dtype, ALPHA_SHAPES[shape], rng)
    got = call(name, *args)
    assert got.shape == (4, 5, 6)
    check(name, args, got, shape)


@pytest.mark.parametrize("name,dtype", [c for c in CASES if "dy" in ref.inputs_of(c.values[0])])
def test_broadcast_dy(name, dtype, rng):
    """A scalar dy (stride 0), a row of dy, and x broadcast against dy."""
    dy, x, *alpha = operands(name, dtype, (3, 70), rng)
    for d, xx in [(dy[0, 5], x), (dy[:, :1], x), (dy[0], x), (dy, x[:1])]:
        args = [d, xx, *alpha]
        got = call(name, *args)
        check(name, [np.asarray(a) for a in np.broadcast_arrays(*args)], got,
              f"dy {np.shape(d)} x {np.shape(xx)}")


# ----------------------------------------------------------- special values
def special_operands(name, dtype, alpha):
    """Every pair (dy, x) of special values, as broadcast operands; alpha as
    a 0-d array of the dtype."""
    s = ref.special_values(dtype, signaling_nans=True)
    if "dy" in ref.inputs_of(name):
        args = [s[:, None], s[None, :]]
    else:
        args = [s]
    if "alpha" in ref.inputs_of(name):
        args.append(np.asarray(alpha, dtype))
    return args


@pytest.mark.parametrize("name,dtype,alpha", with_alpha_modes(
    [c for c in CASES if c.values[0] in ref.EXACT_REFS], LEAKY_ALPHAS))
def test_special_values_exact(name, dtype, alpha):
    """All pairs (dy, x) of special values, NaN payloads and signaling NaNs
    included; then the same values as long contiguous arrays (vector loop)."""
    args = special_operands(name, dtype, alpha)
    check(name, args, call(name, *args), f"alpha={alpha}")
    arrays = args[:len(ref.inputs_of(name)) - (alpha is not None)]
    shape = np.broadcast_shapes(*(a.shape for a in arrays))
    long = [np.tile(np.broadcast_to(a, shape).ravel(), 5) for a in arrays]
    scalar = [] if alpha is None else [alpha]
    expected_args = long + [np.asarray(a, dtype) for a in scalar]
    check(name, expected_args, call(name, *long, *scalar), f"alpha={alpha} (long)")


@pytest.mark.parametrize("name,dtype,alpha", with_alpha_modes(
    [c for c in CASES if c.values[0] in ref.EXACT_REFS and c.values[1] == np.float16],
    [0.01, 0.3, 1.0009765625, 3.0, -0.5]))
def test_every_float16(name, dtype, alpha, rng):
    """Every float16 bit pattern as x (and, shuffled, as dy): float16 goes
    through float32 and one rounding, which must be NumPy's. alpha = 1 + 2**-10
    and 3 take products across the overflow edge (65520 rounds to inf)."""
    x = np.arange(2 ** 16, dtype=np.uint16).view(np.float16)
    args = {"x": x, "dy": rng.permutation(x), "alpha": alpha and dtype.type(alpha)}
    args = [args[r] for r in ref.inputs_of(name)]
    check(name, args, call(name, *args), f"{name} alpha={alpha}")


@pytest.mark.parametrize("dtype", ref.FLOATS + ref.INTS)
def test_relu_is_np_maximum(dtype, rng):
    """relu is np.maximum(x, 0) bit for bit, except that -0.0 gives +0.0 in
    float16 too (NumPy's float16 maximum keeps -0.0), and that a signaling NaN
    comes back unchanged: NumPy's maximum keeps it on x86-64 but quiets it on
    aarch64 (FMAX), where relu gives the same bits as on every other target."""
    x = ref.random_values(dtype, 5000, rng)
    expected = np.maximum(x, 0)
    if dtype is np.float16:
        expected[x == 0] = 0
    if np.dtype(dtype).kind == "f":
        quiet_bit = 1 << (np.finfo(dtype).nmant - 1)
        signaling = np.isnan(x) & ((ref.bits(x) & quiet_bit) == 0)
        expected[signaling] = x[signaling]
    ref.assert_bits_equal(fa.relu(x), expected, "np.maximum(x, 0)")


@pytest.mark.parametrize("dtype", ref.FLOATS)
def test_relu_conventions(dtype):
    t = dtype
    nan = ref.nans(t)
    ref.assert_bits_equal(fa.relu(np.array([-0.0, 0.0], t)), np.array([0.0, 0.0], t), "±0")
    ref.assert_bits_equal(fa.relu(nan), nan, "NaN payload kept")
    sub = np.array([np.finfo(t).smallest_subnormal], t)
    ref.assert_bits_equal(fa.relu(sub), sub, "subnormal passes through")
    assert np.all(fa.relu_grad(np.array([-0.0, 0.0], t)) == 0)      # left derivative
    assert np.all(fa.leaky_relu_grad(np.array([-0.0, 0.0], t), 0.25) == t(0.25))
    assert fa.relu_backward(t(np.inf), t(-1)) == 0                  # a select, not inf * 0
    assert fa.relu_backward(t(np.nan), t(-1)) == 0
    ref.assert_bits_equal(fa.leaky_relu(np.array([-0.0], t), 0.5), np.array([-0.0], t), "-0*a")
    args = {"x": nan, "dy": np.ones_like(nan), "alpha": t(0.5)}
    for f in (fa.relu_grad, fa.relu_backward, fa.leaky_relu_grad, fa.leaky_relu_backward):
        ref.assert_bits_equal(f(*[args[r] for r in ref.inputs_of(f.__name__)]), nan,
                              f"{f.__name__}: NaN x gives x")


@pytest.mark.parametrize("dtype", ref.INTS)
def test_integer_relu(dtype):
    info = np.iinfo(dtype)
    x = np.array([info.min, -1 if info.min else 0, 0, 1, info.max], dtype)
    ref.assert_bits_equal(fa.relu(x), np.maximum(x, 0), "relu")
    if info.min == 0:
        ref.assert_bits_equal(fa.relu(x), x, "unsigned relu is the identity")
    assert fa.relu_grad(x).tolist() == [int(v > 0) for v in x.tolist()]
    assert fa.relu_backward(x[::-1], x).tolist() == [d if v > 0 else 0
                                                     for d, v in zip(x[::-1].tolist(), x.tolist())]


@pytest.mark.parametrize("alpha", ELU_ALPHAS + [0.01])
@pytest.mark.parametrize("dtype", ref.FLOATS)
def test_elu_special_values(dtype, alpha):
    t = dtype
    a = t(alpha)
    inf, info = t(np.inf), np.finfo(t)
    bits = ref.bits
    assert bits(fa.elu(t(-0.0), alpha)) == bits(np.array(-0.0, t))  # -0.0 stays -0.0
    assert bits(fa.elu(t(0.0), alpha)) == 0
    assert fa.elu(-inf, alpha) == -a
    assert fa.elu(-info.max, alpha) == -a
    assert fa.elu(inf, alpha) == inf and fa.elu(info.max, alpha) == info.max
    assert fa.elu_grad(-inf, alpha) == 0
    assert fa.elu_grad(t(-0.0), alpha) == a and fa.elu_grad(t(0.0), alpha) == a
    assert fa.elu_grad(inf, alpha) == 1 and fa.elu_grad(info.smallest_subnormal, alpha) == 1
    assert fa.elu_backward(inf, -inf, alpha) == 0           # select form: no inf * 0
    assert fa.elu_backward(-inf, -inf, alpha) == 0
    assert fa.elu_backward(t(3), inf, alpha) == 3
    assert fa.elu_backward(t(3), t(-0.0), alpha) == t(3) * a
    sub = -info.smallest_subnormal
    assert fa.elu(sub, 1.0) == sub                         # expm1(x) = x near 0
    for x in ref.nans(t):
        for f, args in [(fa.elu, (x, alpha)), (fa.elu_grad, (x, alpha)),
                        (fa.elu_backward, (t(1), x, alpha)), (fa.elu_backward, (t(0), x, alpha))]:
            assert np.isnan(f(*args)), f.__name__


@pytest.mark.parametrize("name,dtype", [c for c in FLOAT_CASES if c.values[0] in ref.ELU])
@pytest.mark.parametrize("alpha", ELU_ALPHAS)
def test_elu_family_on_special_values(name, dtype, alpha):
    """All pairs of special values: NaN where x is NaN, else near the reference.

    Excluded: elu_backward where |dy| > 1 and alpha*exp(x) is subnormal
    (reference.elu_backward_bound_applies: a known accuracy gap)."""
    args = special_operands(name, dtype, alpha)
    got = call(name, *args)
    exact = ref.ULP_REFS[name](*args, dtype=dtype)
    err = ref.ulp_error(got, exact, dtype)
    if name == "elu_backward":
        err = np.where(ref.elu_backward_bound_applies(*args, dtype), err, 0)
    assert np.isnan(got).tolist() == np.isnan(exact).tolist()
    assert err.max() <= ELU_SANITY_ULP


def test_elu_near_zero_keeps_relative_accuracy():
    x = np.float32(-1e-8)
    got = fa.elu(x, 1.0)
    assert abs(int(got.view(np.uint32)) - int(x.view(np.uint32))) <= 1, got
    x = np.float64(-1e-17)
    assert fa.elu(x, 1.0) == x


# ------------------------------------------------------------- properties
def float_arrays(dtype, shape):
    width = np.dtype(dtype).itemsize * 8
    return hnp.arrays(dtype, shape, elements=st.floats(width=width, allow_nan=True,
                                                       allow_infinity=True, allow_subnormal=True))


@st.composite
def exact_case(draw):
    name = draw(st.sampled_from(list(ref.EXACT_REFS)))
    dtype = draw(st.sampled_from(ref.FLOATS))
    shape = draw(hnp.array_shapes(min_dims=1, max_dims=2, min_side=0, max_side=80))
    args = []
    for role in ref.inputs_of(name):
        if role == "alpha":
            width = np.dtype(dtype).itemsize * 8
            args.append(draw(st.floats(width=width, allow_nan=False, allow_infinity=False)))
        else:
            args.append(draw(float_arrays(dtype, shape)))
    return name, args


@given(exact_case())
def test_property_exact_families_bit_for_bit(case):
    name, args = case
    check(name, args[:1] + [np.asarray(a, args[0].dtype) for a in args[1:]],
          call(name, *args), name)


@pytest.mark.parametrize("dtype", ref.FLOATS)
def test_leaky_nan_payload_is_the_first_operands(dtype):
    """With x (or dy) and alpha both NaN, the result is x's (dy's) NaN,
    quieted, in the vector loop and the tail alike (the hardware keeps the
    NaN of the multiply's first operand, and compilers may swap them)."""
    u = ref.uint_of(dtype)
    x = ref.nans(dtype)[1:2].repeat(64)             # negative quiet NaN
    x[::3] = ref.nans(dtype, signaling=True)[-1]    # and a signaling one
    alpha = ref.nans(dtype)[2]                      # another payload
    expected = ref.quiet(x)
    assert not np.array_equal(ref.bits(expected), ref.bits(ref.quiet(np.full(64, alpha))))
    for n in (64, 17, 1):
        for got in (call("leaky_relu", x[:n], alpha),
                    call("leaky_relu_backward", x[:n], dtype(-1), alpha)):
            ref.assert_bits_equal(got, expected[:n], f"n={n}")
    ref.assert_bits_equal(ref.leaky_relu(x, alpha), expected, "reference")


@pytest.mark.parametrize("dtype", ref.FLOATS)
def test_backward_from_the_output(dtype, rng):
    """relu_backward and leaky_relu_backward (alpha > 0) give the same bits
    from y = f(x) as from x; elu_backward_from_output from y = elu(x) is
    elu_backward(dy, x) up to its documented cancellation, and exact where
    y + alpha does not cancel."""
    x = operand("elu", "x", dtype, (4099,), rng)
    x[:5] = [0.0, -0.0, np.inf, -np.inf, np.nan]
    dy = operand("elu", "dy", dtype, (4099,), rng)
    ref.assert_bits_equal(call("relu_backward", dy, fa.relu(x)), call("relu_backward", dy, x),
                          "relu_backward from y")
    for a in (0.01, 0.3, 2.5):
        y = call("leaky_relu", x, a)
        ref.assert_bits_equal(call("leaky_relu_backward", dy, y, a),
                              call("leaky_relu_backward", dy, x, a), f"leaky from y, a={a}")
    for a in (1.0, 0.3):
        y = call("elu", x, a)
        got = call("elu_backward_from_output", dy, y, a)
        want = call("elu_backward", dy, x, a)
        assert np.array_equal(np.isnan(got), np.isnan(want))
        moderate = np.isfinite(x) & (x > -2)   # y + alpha keeps most of its bits
        np.testing.assert_allclose(got[moderate], want[moderate],
                                   rtol=40 * np.finfo(dtype).eps, atol=0)
        # absolute error below about an ULP of alpha (x = -inf: both a zero)
        err = np.abs(got.astype(np.float64) - want.astype(np.float64))[np.isfinite(x)]
        assert err.max() <= 2 * float(np.spacing(dtype(a))) * np.abs(dy).max()


@pytest.mark.parametrize("dtype", ref.FLOATS)
def test_elu_backward_dy_conventions(dtype):
    """NaN and infinite dy propagate on every negative x (the exp cut-off
    included); x = -inf gives a zero with dy's sign; a zero result's sign
    follows dy."""
    t = dtype
    far = t(-1e4) if t is not np.float16 else t(-6e4)
    for x in (t(-1.0), t(-127.9), t(-200.0), far):
        assert np.isnan(fa.elu_backward(t(np.nan), x, 1.0)), x
        assert fa.elu_backward(t(np.inf), x, 1.0) == np.inf, x
        assert fa.elu_backward(t(-np.inf), x, 1.0) == -np.inf, x
    assert np.signbit(fa.elu_backward(t(-3.0), far, 1.0))
    assert np.signbit(fa.elu_backward(t(-0.0), t(-1.0), 1.0))
    for dy in (t(np.inf), t(-np.inf), t(np.nan), t(2.0), t(-2.0)):
        got = fa.elu_backward(dy, t(-np.inf), 1.0)
        assert got == 0 and np.signbit(got) == np.signbit(dy), dy
    # from the output: y = -alpha (x = -inf) gives a zero whatever dy, NaN excepted
    assert fa.elu_backward_from_output(t(np.inf), t(-1.0), 1.0) == 0
    assert np.isnan(fa.elu_backward_from_output(t(np.nan), t(-1.0), 1.0))
    assert np.isnan(fa.elu_backward_from_output(t(np.nan), t(-0.5), 1.0))
    # the zero of y + alpha = 0 carries the sign of dy (y + alpha), in the
    # vector loop (product) and the select form alike
    for n in (1, 64):
        got = fa.elu_backward_from_output(np.full(n, 0.0, t), np.full(n, -0.0, t), t(-0.0))
        assert np.all(np.signbit(got)), got[:2]
        got = fa.elu_backward_from_output(np.full(n, np.inf, t), np.full(n, -0.0, t), t(-0.0))
        assert np.all(got == 0) and np.all(np.signbit(got)), got[:2]


@pytest.mark.parametrize("dtype", ref.FLOATS)
def test_elu_zero_results_keep_their_sign_on_every_path(dtype):
    """A zero from the exp branch has the sign of dy * alpha (alpha * 1 for
    elu_grad) whether the vector takes the fast path (every x moderate) or
    the slow one (one lane past the exp cut-off), at alpha = 1 and not."""
    t = dtype
    for n in (1, 7, 64, 70):
        for far in (None, t(-1e4) if t is not np.float16 else t(-6e4)):
            x = np.full(n, t(-1.5))
            if far is not None:
                x[n // 2] = far
            assert np.all(np.signbit(fa.elu_grad(x, t(-0.0)))), (n, far)
            for alpha in (t(1.0), t(0.3)):
                got = fa.elu_backward(np.full(n, t(-0.0)), x, alpha)
                assert np.all(got == 0) and np.all(np.signbit(got)), (n, far, alpha)


@pytest.mark.parametrize("name", list(ref.UFUNCS))
@pytest.mark.parametrize("special", [0x7d55, 0xfc00], ids=["snan", "-inf"])
def test_float16_one_special_at_every_position(name, special, rng):
    """One signaling NaN (or -inf), as x and as dy, at every position of a
    float16 array 140 long: the loop tests groups of 64 halves, then single
    vectors, then the tail, for NaNs (and infs, where a ufunc has a formula
    for finite operands); each place must send its vector through the
    portable conversions (the payload kept) or the general formula, and leave
    every other lane as the call without it computes it."""
    t = np.float16
    n = 140
    base = {"x": rng.standard_normal(n).astype(t), "dy": rng.standard_normal(n).astype(t),
            "alpha": t(0.3)}
    roles = ref.inputs_of(name)
    with np.errstate(all="ignore"):
        clean = call(name, *[base[r] for r in roles])
        for role in [r for r in roles if r != "alpha"]:
            for p in range(n):
                ops = dict(base)
                ops[role] = base[role].copy()
                ops[role].view(np.uint16)[p] = special
                args = [ops[r] for r in roles]
                got = call(name, *args)
                want = clean.copy()
                want[p] = call(name, *[a[p:p + 1] if a.ndim else a for a in args])[0]
                ref.assert_bits_equal(got, want, f"{name}: {special:#x} as {role} at {p}")


@pytest.mark.parametrize("name", list(ref.UFUNCS))
def test_float16_sparse_nans_same_bits_as_one_at_a_time(name, rng):
    """Long float16 arrays with a few quiet and signaling NaNs at random
    places: the vectors around them (the register-converted loop) and the
    ones holding them (the portable conversions) give the bits that one
    element at a time gives, payloads included."""
    t = np.float16
    n = 3001
    x = rng.standard_normal(n).astype(t)
    dy = rng.standard_normal(n).astype(t)
    for a in (x, dy):
        at = rng.choice(n, 9, replace=False)
        a.view(np.uint16)[at] = rng.choice([0x7e00, 0xfe01, 0x7c01, 0xfd55], 9)
    ops = {"x": x, "dy": dy, "alpha": t(0.3)}
    args = [ops[r] for r in ref.inputs_of(name)]
    with np.errstate(all="ignore"):
        whole = call(name, *args)
        single = np.concatenate([call(name, *[a[i:i + 1] if a.ndim else a for a in args])
                                 for i in range(n)])
    ref.assert_bits_equal(whole, single, name)
