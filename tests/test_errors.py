"""Bad input, type resolution, and floating-point status.

* complex, string, bytes, object, datetime and timedelta operands raise a
  TypeError that names the ufunc; a wrong-shape or read-only out= raises
  ValueError.
* Type resolution: the relu family keeps every integer dtype; integer or bool
  input to the other ufuncs computes in float64 (like np.exp); Python scalars
  are weak (NEP 50), NumPy scalars and arrays are not.
* Under np.errstate(all="raise") no ufunc raises on the contract's special
  values: lanes of the branch that is not selected set no flag.

test_dispatch.py runs this file once per SIMD target (the flags are the
kernels' business).
"""
import numpy as np
import pytest

import fastact as fa
import reference as ref

NAMES = list(ref.UFUNCS)
BAD = {"complex128": np.array([1 + 1j, -1j]), "complex64": np.array([1j, 2], np.complex64),
       "str": np.array(["a", "b"]), "bytes": np.array([b"a", b"b"]),
       "object": np.array([1.0, -2.0], dtype=object),
       "datetime64": np.array(["2020-01-01", "2021-01-01"], dtype="datetime64[D]"),
       "timedelta64": np.array([1, -2], dtype="timedelta64[s]")}


def ufunc(name):
    return getattr(fa, name)


@pytest.mark.parametrize("bad", BAD)
@pytest.mark.parametrize("name", NAMES)
def test_unsupported_dtypes_raise_type_error_naming_the_ufunc(name, bad):
    f = ufunc(name)
    for pos in range(f.nin):       # the bad operand in every position
        args = [np.array([1.0, -2.0])] * f.nin
        args[pos] = BAD[bad]
        with pytest.raises(TypeError, match=f"'{name}'"):
            f(*args)


@pytest.mark.parametrize("name", NAMES)
def test_bad_out_and_arity(name):
    f = ufunc(name)
    args = [np.array([1.0, -2.0, 3.0])] * f.nin
    with pytest.raises(ValueError):
        f(*args, out=np.empty(4))
    with pytest.raises(ValueError):
        f(*args, out=np.empty((3, 2)))
    ro = np.empty(3)
    ro.flags.writeable = False
    with pytest.raises(ValueError, match="read-only"):
        f(*args, out=ro)
    with pytest.raises(TypeError):
        f(*args, out=[0.0, 0.0, 0.0])
    with pytest.raises(TypeError):
        f(*args[:-1])
    with pytest.raises(TypeError):
        f(*args, args[0], args[0])


# (ufunc, operands, expected result dtype)
RESOLUTION = [
    *[(n, [np.zeros(3, t)] * len(ref.inputs_of(n)), t)
      for n in ref.INT_UFUNCS for t in ref.INTS + ref.FLOATS],
    ("relu_backward", [np.zeros(3, np.int8), np.zeros(3, np.int16)], np.int16),
    ("relu_backward", [np.zeros(3, np.float32), np.zeros(3, np.int32)], np.float64),
    ("relu", [-3], np.int64), ("relu", [-3.0], np.float64),
    # bool keeps its dtype in the relu family (like the unsigned integers)
    *[(n, [np.zeros(3, np.bool_)] * len(ref.inputs_of(n)), np.bool_) for n in ref.INT_UFUNCS],
    ("relu", [True], np.bool_),
    ("relu_backward", [np.zeros(3, np.float32), np.zeros(3, np.bool_)], np.float32),
    # integer or bool x: float64, whatever alpha is
    *[(n, [np.zeros(3, t), 0.5], np.float64) for n in ("leaky_relu", "leaky_relu_grad", "elu",
                                                       "elu_grad") for t in ref.INTS + (np.bool_,)],
    *[(n, [np.zeros(3, np.int8), np.zeros(3, np.int8), 1], np.float64)
      for n in ("leaky_relu_backward", "elu_backward")],
    ("leaky_relu", [np.zeros(3, np.int8), np.float32(0.5)], np.float64),
    ("elu", [-3, 1.0], np.float64), ("elu", [True, 1], np.float64),
    # Python scalars are weak (NEP 50)
    *[(n, [np.zeros(3, t), a], t) for n in ("leaky_relu", "elu", "elu_grad")
      for t in ref.FLOATS for a in (0.01, 1)],
    *[(n, [np.zeros(3, t), np.zeros(3, t), 0.01], t)
      for n in ("leaky_relu_backward", "elu_backward") for t in ref.FLOATS],
    # NumPy scalars and arrays are not
    ("leaky_relu", [np.zeros(3, np.float32), np.float64(0.5)], np.float64),
    ("leaky_relu", [np.zeros(3, np.float32), np.float32(0.5)], np.float32),
    ("leaky_relu", [np.zeros(3, np.float16), np.zeros(3, np.float64)], np.float64),
    ("elu_backward", [np.zeros(3, np.float16), np.zeros(3, np.float32), 1.0], np.float32),
]


@pytest.mark.parametrize("name,args,expected", RESOLUTION,
                         ids=[f"{n}-{'-'.join(np.asarray(a).dtype.str for a in args)}"
                              for n, args, _ in RESOLUTION])
def test_type_resolution(name, args, expected):
    r = ufunc(name)(*args)
    assert r.dtype == np.dtype(expected)
    if all(np.ndim(a) == 0 for a in args):
        assert isinstance(r, np.generic)


def test_integer_input_values_match_float64():
    x = np.arange(-5, 6, dtype=np.int8)
    ref.assert_bits_equal(fa.leaky_relu(x, 0.5), fa.leaky_relu(x.astype(np.float64), 0.5), "")
    ref.assert_bits_equal(fa.elu(x, 1.0), fa.elu(x.astype(np.float64), 1.0), "")


# ------------------------------------------------------ floating-point status
def status_values(dtype):
    """{±0, ±1, ±1e3, ±88.8, ±710, ±max, ±inf, NaN} in dtype (710 and max may
    be inf in float16: they are converted before the errstate)."""
    with np.errstate(all="ignore"):
        v = np.array([0.0, 1.0, 1e3, 88.8, 710.0, np.finfo(dtype).max, np.inf], np.float64)
        return np.concatenate([v, -v, [np.nan]]).astype(dtype)


@pytest.mark.parametrize("alpha", [1.0, 0.5, 0.3])
@pytest.mark.parametrize("dtype", ref.FLOATS)
@pytest.mark.parametrize("name", NAMES)
def test_no_floating_point_flags(name, dtype, alpha):
    """All pairs (dy, x), as small blocks and as long contiguous rows (vector
    loop), with alpha a Python scalar and an array."""
    f, v = ufunc(name), status_values(dtype)
    arrays = [v[:, None], v[None, :]] if "dy" in ref.inputs_of(name) else [v]
    spec = ref.UFUNCS[name]
    if spec.kind == "backward_from_output":   # y is an output of the family's f
        with np.errstate(all="ignore"):
            forward = getattr(fa, spec.family)
            arrays[1] = forward(arrays[1], *([dtype(alpha)] if spec.has_alpha else []))
    shape = np.broadcast_shapes(*(a.shape for a in arrays))
    if name in ref.ULP_REFS and name not in ref.ELU:
        # The spec's exception: a flag is allowed where the exact result is
        # itself tiny (nonzero, below the normal range) or overflows; those
        # pairs are left out (test_fpstatus.py checks which flag they raise).
        # The elu family promises more (its tiny results raise no underflow)
        # and is held to it.
        wide = [np.broadcast_to(a, shape).ravel() for a in arrays]
        extra_w = [alpha] if "alpha" in ref.inputs_of(name) else []
        exact = np.abs(ref.ULP_REFS[name](*wide, *extra_w, dtype=dtype))
        info = np.finfo(dtype)
        legit = ((exact > 0) & (exact < info.smallest_normal)) | (
            np.isfinite(exact) & (exact > info.max))
        arrays = [w[~legit] for w in wide]
        shape = arrays[0].shape
    rows = [np.tile(np.broadcast_to(a, shape), 8) for a in arrays]
    with np.errstate(all="raise"):
        for ops in (arrays, rows, [r.ravel() for r in rows]):
            full = np.full(np.broadcast_shapes(*(o.shape for o in ops)), alpha, dtype)
            for extra in ([alpha], [full]) if "alpha" in ref.inputs_of(name) else ([],):
                f(*ops, *extra)


def test_bool_relu_family_values():
    b = np.array([False, True, True, False])
    ref.assert_bits_equal(fa.relu(b), b, "relu is the identity on bool")
    ref.assert_bits_equal(fa.relu_grad(b), b, "relu_grad")
    dy = np.array([True, True, False, False])
    ref.assert_bits_equal(fa.relu_backward(dy, b), dy & b, "relu_backward")
    ref.assert_bits_equal(fa.relu_backward(np.float32([2, 3, 4, 5]), b),
                          np.float32([0, 3, 4, 0]), "float dy, bool x")


@pytest.mark.parametrize("nan_at", [None, 0, 5, 63])
def test_float16_flags_do_not_depend_on_where_the_nans_are(nan_at):
    """A float16 result is narrowed from float32 by the hardware where the
    target has it, and the portable way in a vector holding a NaN: overflow
    (a finite result rounded to inf) is raised both ways, underflow neither
    way (as the float32 kernels raise none for their tiny results)."""
    x = np.full(64, -6e4, np.float16)
    dy = np.full(64, 1e-3, np.float16)
    if nan_at is not None:
        x[nan_at] = np.nan
    with np.errstate(all="raise"):
        with pytest.raises(FloatingPointError, match="overflow"):
            fa.leaky_relu(x, 100.0)
        fa.elu_backward(dy, np.full(64, np.float16(-9.0)), 0.3)     # ~3.7e-8: tiny
        fa.leaky_relu(np.full(64, np.float16(-1e-7)), 0.25)         # subnormal result
    with np.errstate(over="ignore"):
        y = fa.leaky_relu(x, 100.0)
    keep = np.arange(64) != nan_at
    assert np.all(np.isneginf(y[keep]))
