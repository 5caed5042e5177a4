"""The ufunc machinery around fastact's loops: out=, in place, where=,
overlapping views, dtype=/casting=/order=/signature=, ufunc.at and reduce,
unaligned and byte-swapped operands, inputs left untouched, threads,
__array_ufunc__ overrides (a custom class, Dask, xarray, pandas), pickling,
and the ufunc objects themselves (names, docstrings, doctests).

Values are checked against the plain call on contiguous copies (test_values.py
proves those), so these tests are about NumPy's handling staying intact.
test_dispatch.py runs this file once per SIMD target.
"""
import doctest
import pickle
import threading

import numpy as np
import pytest

import fastact as fa
import reference as ref

NAMES = list(ref.UFUNCS)


def ufunc(name):
    return getattr(fa, name)


def args_for(name, dtype, shape, rng):
    """Random operands: specials mixed in for x and dy, a sensible alpha."""
    out = []
    for role in ref.inputs_of(name):
        if role == "alpha":
            out.append(rng.uniform(0.05, 2.0, shape).astype(dtype))
        else:
            out.append(ref.random_values(dtype, int(np.prod(shape)), rng).reshape(shape))
    return out


def plain(name, *args, **kwargs):
    """The call on contiguous copies: what every layout must reproduce."""
    with np.errstate(all="ignore"):
        return ufunc(name)(*[np.array(a, copy=True) for a in args], **kwargs)


def call(name, *args, **kwargs):
    with np.errstate(all="ignore"):
        return ufunc(name)(*args, **kwargs)


DTYPES = [np.float32, np.float64, np.float16]
CASES = [pytest.param(n, d, id=f"{n}-{np.dtype(d).char}") for n in NAMES for d in DTYPES]
CASES += [pytest.param(n, np.int16, id=f"{n}-h") for n in ref.INT_UFUNCS]


# ---------------------------------------------------------------- out= etc.
@pytest.mark.parametrize("name,dtype", CASES)
def test_out_and_in_place(name, dtype, rng):
    args = args_for(name, dtype, (103,), rng)
    expected = plain(name, *args)
    out = np.empty_like(expected)
    assert call(name, *args, out=out) is out
    ref.assert_bits_equal(out, expected, "out=")
    out2 = np.empty_like(expected)
    assert call(name, *args, out=(out2,)) is out2
    ref.assert_bits_equal(out2, expected, "out=(tuple,)")
    for i in range(len(args)):      # in place on each operand in turn
        inplace = [a.copy() for a in args]
        assert call(name, *inplace, out=inplace[i]) is inplace[i]
        ref.assert_bits_equal(inplace[i], expected, f"in place on operand {i}")


@pytest.mark.parametrize("name,dtype", CASES)
def test_where(name, dtype, rng):
    args = args_for(name, dtype, (77,), rng)
    mask = rng.random(77) < 0.5
    sentinel = np.full(77, 7, dtype)
    out = sentinel.copy()
    call(name, *args, out=out, where=mask)
    expected = np.where(mask, plain(name, *args), sentinel)
    ref.assert_bits_equal(out, expected, "where=")


SHIFTS = {"forward": (np.s_[:-1], np.s_[1:]), "backward": (np.s_[1:], np.s_[:-1]),
          "reversed": (np.s_[:], np.s_[::-1]), "forward-by-5": (np.s_[:-5], np.s_[5:])}


@pytest.mark.parametrize("shift", SHIFTS)
@pytest.mark.parametrize("name,dtype", CASES)
def test_overlapping_input_and_output(name, dtype, shift, rng):
    """e.g. relu(a[:-1], out=a[1:]) equals computing on a copy: NumPy's overlap
    detection must not be defeated."""
    src, dst = SHIFTS[shift]
    for n in (9, 70, 1001):
        args = args_for(name, dtype, (n,), rng)
        expected = plain(name, *[a[src] for a in args])
        a0 = args[0]                # the output overlaps the first operand
        call(name, *[a[src] for a in args], out=a0[dst])
        ref.assert_bits_equal(a0[dst], expected, f"{shift} n={n}")


@pytest.mark.parametrize("name", NAMES)
def test_dtype_casting_order_signature(name, rng):
    args = args_for(name, np.float32, (6, 9), rng)
    wide = plain(name, *[a.astype(np.float64) for a in args])
    r = call(name, *args, dtype=np.float64)
    assert r.dtype == np.float64
    ref.assert_bits_equal(r, wide, "dtype=float64")
    r = call(name, *args, signature=(np.float64,) * (len(args) + 1))
    ref.assert_bits_equal(r, wide, "signature=")
    out32 = np.empty((6, 9), np.float32)     # float64 loop, same_kind cast out
    call(name, *[a.astype(np.float64) for a in args], out=out32)
    with np.errstate(over="ignore"):         # the reference's own cast may overflow too
        narrowed = wide.astype(np.float32)
    ref.assert_bits_equal(out32, narrowed, "out float32 from float64")
    with pytest.raises(TypeError, match=name):
        ufunc(name)(*[a.astype(np.float64) for a in args], out=out32, casting="no")
    with pytest.raises(TypeError, match=name):
        ufunc(name)(*args, out=np.empty((6, 9), np.int32))
    outi = np.empty((6, 9), np.int64)
    with np.errstate(all="ignore"):
        call(name, *args, out=outi, casting="unsafe")
        expected = plain(name, *args).astype(np.int64)
    assert np.array_equal(outi, expected)
    fortran = [np.asfortranarray(a) for a in args]
    assert call(name, *fortran).flags.f_contiguous                 # order='K'
    assert call(name, *fortran, order="C").flags.c_contiguous
    assert call(name, *args, order="F").flags.f_contiguous
    ref.assert_bits_equal(call(name, *fortran, order="C"), plain(name, *args), "order=")


@pytest.mark.parametrize("name", NAMES)
def test_ufunc_at(name, rng):
    """ufunc.at applies the ufunc in place at the indices, repeats included
    (NumPy's ufunc.at takes unary and binary ufuncs only)."""
    args = args_for(name, np.float64, (12,), rng)
    idx = np.array([0, 3, 3, 7, 11, 0])
    a = args[0].copy()
    rest = [b[: idx.size] for b in args[1:]]
    if len(rest) > 1:
        with pytest.raises(ValueError, match="unary and binary"):
            ufunc(name).at(a, idx, *rest)
        return
    ufunc(name).at(a, idx, *rest)
    expected = args[0].copy()
    for k, i in enumerate(idx):
        expected[i] = plain(name, expected[i], *[b[k] for b in rest])
    ref.assert_bits_equal(a, expected, "ufunc.at")


@pytest.mark.parametrize("name", NAMES)
def test_reduce_is_not_applicable(name):
    f = ufunc(name)
    assert f.identity is None
    with pytest.raises(ValueError):
        f.reduce(np.array([], np.float64))


def test_outer_is_broadcasting():
    x, a = np.array([-1.0, 2.0, -0.5]), np.array([0.1, 0.2])
    ref.assert_bits_equal(fa.leaky_relu.outer(x, a), fa.leaky_relu(x[:, None], a), "outer")


# ------------------------------------------------------- unusual operands
@pytest.mark.parametrize("name", NAMES)
def test_unaligned_byteswapped_and_buffered(name, rng):
    n = 20_001                     # more than NumPy's 8192-element buffer
    args = args_for(name, np.float64, (n,), rng)
    expected = plain(name, *args)
    unaligned = []
    for a in args:
        raw = np.zeros(a.nbytes + 1, np.uint8)[1:].view(np.float64)
        raw[...] = a
        assert not raw.flags.aligned
        unaligned.append(raw)
    ref.assert_bits_equal(call(name, *unaligned), expected, "unaligned")
    swapped = [a.astype(a.dtype.newbyteorder()) for a in args]
    ref.assert_bits_equal(call(name, *swapped), expected, "byte-swapped")
    with np.errstate(all="ignore"):
        strided32 = [np.repeat(a.astype(np.float32), 2)[::2] for a in args]
    r = call(name, *strided32, dtype=np.float64)
    ref.assert_bits_equal(r, plain(name, *[a.astype(np.float64) for a in strided32]),
                          "buffered cast of a strided float32 input")
    zero = [np.broadcast_to(a[:1], (n,)) for a in args]
    ref.assert_bits_equal(call(name, *zero), plain(name, *zero), "stride-0 inputs")


class Sub(np.ndarray):
    pass


@pytest.mark.parametrize("name", NAMES)
def test_subclass_kept(name, rng):
    args = args_for(name, np.float64, (5,), rng)
    r = call(name, args[0].view(Sub), *args[1:])
    assert type(r) is Sub
    assert type(call(name, args[0].view(Sub), *args[1:], subok=False)) is np.ndarray


@pytest.mark.parametrize("name,dtype", CASES)
def test_inputs_are_not_modified(name, dtype, rng):
    args = args_for(name, dtype, (300,), rng)
    copies = [a.copy() for a in args]
    call(name, *args)
    call(name, *[a[::-2] for a in args])
    for a, c in zip(args, copies):
        ref.assert_bits_equal(a, c, "input modified")


# ------------------------------------------------------------------ threads
@pytest.mark.parametrize("name", NAMES)
def test_threads(name, rng):
    """8 threads at once, on a shared input and on inputs of their own, with
    outputs of their own and slices of one shared output."""
    n = 200_003
    shared = args_for(name, np.float32, (n,), rng)
    own = [args_for(name, np.float32, (n,), rng) for _ in range(8)]
    expected_shared = plain(name, *shared)
    expected_own = [plain(name, *a) for a in own]
    common_out = np.empty(n, np.float32)
    bounds = np.linspace(0, n, 9).astype(int)
    errors = []
    barrier = threading.Barrier(8)

    def work(k):
        try:
            barrier.wait()
            for _ in range(5):
                ref.assert_bits_equal(call(name, *shared), expected_shared, f"thread {k}")
                ref.assert_bits_equal(call(name, *own[k]), expected_own[k], f"thread {k}")
                lo, hi = bounds[k], bounds[k + 1]
                call(name, *[a[lo:hi] for a in shared], out=common_out[lo:hi])
        except Exception as exc:     # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors[0]
    ref.assert_bits_equal(common_out, expected_shared, "slices of a shared output")


# ----------------------------------------------------- the ufunc objects
@pytest.mark.parametrize("name", NAMES)
def test_ufunc_object(name):
    f = ufunc(name)
    assert isinstance(f, np.ufunc)
    assert f.__name__ == name
    assert (f.nin, f.nout) == (len(ref.inputs_of(name)), 1)
    assert name in fa.__all__
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        assert pickle.loads(pickle.dumps(f, protocol)) is f


def test_all():
    assert sorted(fa.__all__) == sorted(NAMES + ["show_config"])
    for name in fa.__all__:
        assert hasattr(fa, name)


@pytest.mark.parametrize("name", NAMES)
def test_docstring(name):
    doc = ufunc(name).__doc__
    first = doc.splitlines()[0]
    assert first.startswith(f"{name}(") and ", /, out=None, *, where=True" in first, first
    for section in ("Parameters", "Returns", "Examples"):
        assert f"\n{section}\n" in doc, section
    assert ">>> " in doc


NUMPY_DEFAULT_PRINT = dict(precision=8, threshold=1000, edgeitems=3, linewidth=75,
                           suppress=False, nanstr="nan", infstr="inf", sign="-",
                           floatmode="maxprec", legacy=False)


@pytest.mark.parametrize("name", NAMES + ["show_config", "fastact"])
def test_doctests(name):
    obj = fa if name == "fastact" else getattr(fa, name)
    parser, runner = doctest.DocTestParser(), doctest.DocTestRunner(verbose=False)
    test = parser.get_doctest(obj.__doc__ or "", {}, name, None, 0)
    if name != "fastact":
        assert test.examples, "no examples"
    report = []
    with np.printoptions(**NUMPY_DEFAULT_PRINT):
        result = runner.run(test, out=report.append)
    assert result.failed == 0, "".join(report)


# ------------------------------------------------------ __array_ufunc__
class Intercept:
    def __array_ufunc__(self, uf, method, *inputs, **kwargs):
        return (uf, method, len(inputs))


@pytest.mark.parametrize("name", NAMES)
def test_array_ufunc_override(name):
    f = ufunc(name)
    n = f.nin
    for pos in range(n):
        args = [np.ones(3)] * n
        args[pos] = Intercept()
        assert f(*args) == (f, "__call__", n)


def test_dask_stays_lazy():
    da = pytest.importorskip("dask.array")
    rng = np.random.default_rng(0)
    x, dy = rng.standard_normal((2, 1000))
    lx, ldy = da.from_array(x, chunks=300), da.from_array(dy, chunks=300)
    for f, args, np_args in [(fa.relu, (lx,), (x,)), (fa.leaky_relu, (lx, 0.1), (x, 0.1)),
                             (fa.elu_backward, (ldy, lx, 1.0), (dy, x, 1.0))]:
        lazy = f(*args)
        assert isinstance(lazy, da.Array), type(lazy)
        ref.assert_bits_equal(lazy.compute(), f(*np_args), f.__name__)


def test_xarray_keeps_coords():
    xr = pytest.importorskip("xarray")
    arr = xr.DataArray(np.array([[-1.0, 2.0], [3.0, -4.0]]), dims=("c", "t"),
                       coords={"c": ["a", "b"], "t": [10, 20]})
    for r in (fa.relu(arr), fa.elu(arr, 1.0), fa.leaky_relu(arr, 0.5)):
        assert isinstance(r, xr.DataArray)
        assert r.dims == arr.dims and r["c"].values.tolist() == ["a", "b"]
        assert r["t"].values.tolist() == [10, 20]
    assert fa.relu(arr).values.tolist() == [[0.0, 2.0], [3.0, 0.0]]


def test_pandas_keeps_index():
    pd = pytest.importorskip("pandas")
    s = pd.Series([-1.0, 2.0, -3.0], index=["x", "y", "z"])
    r = fa.leaky_relu(s, 0.5)
    assert isinstance(r, pd.Series)
    assert r.index.tolist() == ["x", "y", "z"]
    assert r.tolist() == [-0.5, 2.0, -1.5]
    assert fa.relu(s).tolist() == [0.0, 2.0, 0.0]
