"""bfloat16 (ml_dtypes): every ufunc, every one of the 65 536 bit patterns.

The contract: computed in float32 and rounded once to nearest even, the result
is bfloat16, NaN stays NaN. So each result must be, bit for bit, the float32
ufunc (of the same SIMD target) on the widened inputs, rounded by ml_dtypes'
own float32 -> bfloat16 cast; where that is NaN, the result is NaN. relu keeps
the NaN itself, as np.maximum(x, 0) does.

test_dispatch.py runs this file again once per SIMD target (FASTACT_SIMD).
Skipped when ml_dtypes is not installed (the test extra installs it).
"""
import subprocess
import sys

import numpy as np
import pytest

import fastact as fa
import reference as ref

ml_dtypes = pytest.importorskip("ml_dtypes")
BF16 = np.dtype(ml_dtypes.bfloat16)
UFUNCS = list(ref.UFUNCS)
ALL = np.arange(1 << 16, dtype=np.uint16).view(BF16)   # every bit pattern


def u16(a):
    return np.ascontiguousarray(a).view(np.uint16)


def assert_rounded_once(got, f32_result, context):
    """got == f32_result rounded to bfloat16 (bit for bit), NaN where it is NaN."""
    assert got.dtype == BF16, f"{context}: dtype {got.dtype}"
    nan = np.isnan(f32_result)
    assert np.array_equal(np.isnan(got.astype(np.float32)), nan), f"{context}: NaN positions"
    with np.errstate(invalid="ignore"):     # ml_dtypes' cast flags the NaNs
        expected = f32_result.astype(BF16)
    bad = np.flatnonzero((u16(got) != u16(expected)) & ~nan)
    if bad.size:
        i = bad[0]
        raise AssertionError(
            f"{context}: {bad.size} values differ, first at {i}: got {u16(got)[i]:#06x}, "
            f"float32 {f32_result[i]!r} rounds to {u16(expected)[i]:#06x}")


def alphas(name, rng):
    """Scalar alphas (the SIMD fast path) and one random bfloat16 array."""
    if ref.alpha_domain(name) == "positive":   # (the elu family's: finite, > 0)
        arr = rng.uniform(0.01, 3.0, ALL.size)
        return [1.0, 0.3, arr.astype(BF16)]
    arr = rng.choice([0.01, 0.3, 1.0, 2.5, -0.5, 0.0], ALL.size)
    return [0.01, 1.0, -0.5, arr.astype(BF16)]


def operand_sets(name, rng):
    """x runs through every bit pattern; dy through all of them in another order."""
    dy = rng.permutation(ALL)
    r = ref.inputs_of(name)
    base = {"x": ALL, "dy": dy}
    if "alpha" not in r:
        return [[base[k] for k in r]]
    return [[base[k] if k != "alpha" else a for k in r] for a in alphas(name, rng)]


@pytest.mark.parametrize("name", UFUNCS)
def test_every_bit_pattern_rounds_once(name, rng):
    f = getattr(fa, name)
    for ops in operand_sets(name, rng):
        label = f"{name}(alpha={ops[-1] if np.isscalar(ops[-1]) else 'array'})"
        with np.errstate(all="ignore"):
            got = f(*ops)
            # a Python alpha takes x's dtype first (NEP 50), so it is a bfloat16 too
            wide = [np.asarray(o, BF16).astype(np.float32) for o in ops]
            f32_result = f(*wide)
        assert f32_result.dtype == np.float32
        assert_rounded_once(got, f32_result, label)


def test_relu_is_np_maximum_bit_for_bit():
    """NaN payloads (signaling ones too) and the sign of zero: np.maximum(x, 0)."""
    got = fa.relu(ALL)
    with np.errstate(invalid="ignore"):
        expected = np.maximum(ALL, BF16.type(0))
    assert np.array_equal(u16(got), u16(expected))
    assert u16(fa.relu(np.array([-0.0], BF16)))[0] == 0


@pytest.mark.parametrize("name", UFUNCS)
def test_dtype_is_kept(name):
    f = getattr(fa, name)
    x = np.array([-1.5, 0.0, 2.0], dtype=BF16)
    r = ref.inputs_of(name)
    for alpha in (0.01, 1, np.array([0.5, 1.0, 2.0], BF16)):   # Python floats, ints: weak
        ops = [alpha if k == "alpha" else x for k in r]
        assert f(*ops).dtype == BF16, (name, alpha)
    scalar = f(*[0.5 if k == "alpha" else BF16.type(-1.0) for k in r])
    assert type(scalar) is BF16.type


@pytest.mark.parametrize("name", UFUNCS)
def test_loops_are_registered_for_the_runtime_dtype(name):
    """NumPy resolves bfloat16 operands (and a Python float alpha) to the
    bfloat16 loop; ufunc.types lists NumPy's built-in types only."""
    f = getattr(fa, name)
    r = ref.inputs_of(name)
    assert f.resolve_dtypes((BF16,) * f.nin + (None,)) == (BF16,) * f.nargs
    if "alpha" in r:
        assert f.resolve_dtypes((BF16,) * (f.nin - 1) + (float, None)) == (BF16,) * f.nargs
    assert all(BF16.char not in t for t in f.types)


def test_leaky_relu_keeps_bfloat16_with_a_python_alpha():
    y = fa.leaky_relu(np.array([-2.0, 3.0], dtype=BF16), 0.01)
    assert y.dtype == BF16
    assert np.array_equal(u16(y), u16(np.array([-0.02, 3.0], np.float32).astype(BF16)))
    # a float32 alpha array promotes (ml_dtypes' own rule): float32 out
    assert fa.leaky_relu(np.ones(2, BF16), np.float32(0.5)).dtype == np.float32


@pytest.mark.filterwarnings("ignore:invalid value encountered in elu")   # signaling NaNs in x
def test_layouts_and_in_place(rng):
    """Strided, reversed, broadcast and out=x: the same bits as contiguous."""
    x = rng.permutation(ALL)[:4099]
    contiguous = fa.elu(x, 1.0)
    assert np.array_equal(u16(fa.elu(x[::-1], 1.0)[::-1]), u16(contiguous))
    big = np.repeat(x, 3)
    assert np.array_equal(u16(fa.elu(big[::3], 1.0)), u16(contiguous))
    out = np.zeros(2 * x.size, BF16)[::2]
    fa.elu(x, 1.0, out=out)
    assert np.array_equal(u16(out), u16(contiguous))
    y = x.copy()
    fa.elu(y, 1.0, out=y)
    assert np.array_equal(u16(y), u16(contiguous))
    col = np.array([[0.1], [1.0]], BF16)
    got = fa.leaky_relu(x[None, :8], col)
    assert got.shape == (2, 8) and got.dtype == BF16
    assert np.array_equal(u16(got[1]), u16(fa.leaky_relu(x[:8], 1.0)))


def test_without_ml_dtypes_nothing_changes(tmp_path):
    """ml_dtypes blocked: fastact imports, registers no bfloat16 loop, works."""
    code = ("import sys; sys.modules['ml_dtypes'] = None\n"
            "import numpy as np, fastact\n"
            "assert fastact._core.bfloat16 is None\n"
            "assert fastact.leaky_relu(np.float32(-2), 0.5) == np.float32(-1)\n"
            "print('ok')")
    r = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                       text=True, timeout=120)
    assert r.returncode == 0 and r.stdout.strip() == "ok", r.stderr
    assert fa._core.bfloat16 == BF16
