"""The asv suite measures what its names say, and the report command runs.

* Every benchmark method is named ``<kind>_<impl>_<callee>`` (see
  asv_bench/benchmarks/common.py). Its inputs are swapped for an ndarray subclass
  that records every ufunc and array function applied to them, and the record must
  match the name: a fastact benchmark calls exactly its named fastact ufunc, once,
  and nothing else; a NumPy benchmark calls every NumPy function its name lists and
  no fastact ufunc.
* Each NumPy baseline computes the same values as the fastact ufunc beside it,
  the layouts are what they claim (in place, strided, per-channel alpha), and
  every public ufunc has its suite with the required parameter grid.
* ``benchmarks/report.py`` runs end to end on tiny sizes.
"""

import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

fastact = pytest.importorskip("fastact")

ROOT = Path(__file__).resolve().parents[1]
SUITE_DIR = ROOT / "asv_bench" / "benchmarks"
NAME_RE = re.compile(r"^(time|peakmem|track_alloc)_(fastact|numpy)_(\w+)$")
# Every prefix asv treats as a benchmark: none may escape the naming contract.
ASV_PREFIXES = ("time_", "timeraw_", "peakmem_", "mem_", "track_")
UFUNC_NAMES = [n for n in fastact.__all__ if isinstance(getattr(fastact, n), np.ufunc)]
FASTACT_UFUNCS = {getattr(fastact, n): n for n in UFUNC_NAMES}


def _load_suite():
    """Import asv_bench/benchmarks as a package under a private name (the repository
    also has a top-level benchmarks/ folder, so the plain name is ambiguous)."""
    name = "_fastact_asv_suite"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(
        name, SUITE_DIR / "__init__.py", submodule_search_locations=[str(SUITE_DIR)])
    pkg = importlib.util.module_from_spec(spec)
    sys.modules[name] = pkg
    spec.loader.exec_module(pkg)
    mods = {}
    for path in sorted(SUITE_DIR.glob("*.py")):
        if path.stem != "__init__":
            mods[path.stem] = importlib.import_module(f"{name}.{path.stem}")
    pkg.modules = mods
    return pkg


SUITE = _load_suite()
COMMON = SUITE.modules["common"]
MEMORY = SUITE.modules["bench_memory"]


def _suites():
    """(module name, class) of every class that asv would treat as a suite."""
    out = []
    for mname, mod in SUITE.modules.items():
        for cname, cls in vars(mod).items():
            if cname.startswith("_") or not isinstance(cls, type):
                continue
            if getattr(cls, "__module__", None) != mod.__name__:
                continue
            if any(a.startswith(ASV_PREFIXES) for a in dir(cls)):
                out.append((mname, cls))
    return out


SUITES = _suites()
TIME_SUITES = [cls for m, cls in SUITES if m != "bench_memory"]
MEMORY_SUITES = [cls for m, cls in SUITES if m == "bench_memory"]


def _methods(cls):
    return sorted(a for a in dir(cls) if a.startswith(ASV_PREFIXES))


def _cases():
    """(suite, method, params) with n reduced to 1000 and every dtype and layout."""
    cases = []
    for cls in TIME_SUITES:
        dtypes, _sizes, layouts = cls.params
        for meth in _methods(cls):
            for dt in dtypes:
                for layout in layouts:
                    cases.append(pytest.param(cls, meth, (dt, 1000, layout),
                                              id=f"{cls.__name__}.{meth}-{dt}-{layout}"))
    for cls in MEMORY_SUITES:
        for meth in _methods(cls):
            for dt in cls.params[0]:
                cases.append(pytest.param(cls, meth, (dt,), id=f"{cls.__name__}.{meth}-{dt}"))
    return cases


class Spy(np.ndarray):
    """ndarray that logs each ufunc / array function applied to it, then defers.
    Results come back as Spy too, so temporaries (``x > 0``) stay observed."""

    log = []

    @staticmethod
    def _wrap(obj):
        if isinstance(obj, np.ndarray) and not isinstance(obj, Spy):
            return obj.view(Spy)
        if isinstance(obj, tuple):
            return tuple(Spy._wrap(o) for o in obj)
        return obj

    @staticmethod
    def _plain(obj):
        if isinstance(obj, Spy):
            return obj.view(np.ndarray)
        if isinstance(obj, (tuple, list)):
            return type(obj)(Spy._plain(o) for o in obj)
        return obj

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        Spy.log.append(ufunc if method == "__call__" else (ufunc, method))
        inputs = self._plain(inputs)
        if "out" in kwargs:
            kwargs["out"] = self._plain(kwargs["out"])
        return self._wrap(getattr(ufunc, method)(*inputs, **kwargs))

    def __array_function__(self, func, types, args, kwargs):
        Spy.log.append(func)
        kwargs = {k: self._plain(v) for k, v in kwargs.items()}
        return self._wrap(func(*self._plain(args), **kwargs))


def _setup(cls, params, monkeypatch):
    if cls in MEMORY_SUITES:
        monkeypatch.setattr(MEMORY, "N", 1000)  # the memory suites run at 1e7
    bench = cls()
    try:
        bench.setup(*params)
    except COMMON.Unavailable as exc:
        pytest.skip(str(exc))
    return bench


def _spy_inputs(bench):
    """Swap every array attribute (of the suite, and of the wrapped time suite for the
    memory suites) for a Spy view of the same memory."""
    for obj in (bench, getattr(bench, "bench", None)):
        if obj is None:
            continue
        for k, v in list(vars(obj).items()):
            if isinstance(v, np.ndarray):
                setattr(obj, k, v.view(Spy))


def _run_logged(bench, meth, params):
    _spy_inputs(bench)
    Spy.log = []
    result = getattr(bench, meth)(*params)
    return result, list(Spy.log)


def _names(log):
    return [getattr(f, "__name__", repr(f)) for f in log]


@pytest.mark.parametrize("cls, meth, params", _cases())
def test_benchmark_calls_what_its_name_says(cls, meth, params, monkeypatch):
    m = NAME_RE.match(meth)
    assert m, f"{cls.__name__}.{meth}: not named <kind>_<fastact|numpy>_<callee>"
    _kind, impl, callee = m.groups()
    bench = _setup(cls, params, monkeypatch)
    _result, log = _run_logged(bench, meth, params)

    called_fastact = [FASTACT_UFUNCS[f] for f in log if f in FASTACT_UFUNCS]
    if impl == "fastact":
        assert callee in UFUNC_NAMES, f"{meth}: fastact has no ufunc {callee!r}"
        assert log == [getattr(fastact, callee)], (
            f"{cls.__name__}.{meth} must call fastact.{callee} once and nothing "
            f"else; it called {_names(log)}")
    else:
        assert not called_fastact, f"NumPy baseline {meth} called fastact.{called_fastact}"
        for word in callee.split("_"):
            np_func = getattr(np, word, None)
            assert np_func is not None, f"{meth}: numpy has no {word!r}"
            assert np_func in log, (
                f"{cls.__name__}.{meth} names np.{word} but called {_names(log)}")
    # The suite's own ufunc: the fastact benchmarks of a suite all name the same one.
    suite_ufunc = (cls.bench_cls if cls in MEMORY_SUITES else cls).ufunc_name
    if impl == "fastact":
        assert callee == suite_ufunc, f"{cls.__name__}.{meth} is in the {suite_ufunc} suite"


def _tolerance(ufunc_name, dtype):
    """(rtol, atol) between a NumPy idiom and fastact: 0 for the exact ufuncs."""
    from fastact import _table
    if _table.UFUNCS[ufunc_name].accuracy != _table.EXACT:
        # float16, bfloat16: NumPy's idiom rounds each operation (expm1, exp,
        # a sum, a quotient, the products) in the 16-bit type, fastact once;
        # float16 results may be subnormal (spacing 2^-24)
        return ({"float32": 2e-6, "float64": 1e-14, "float16": 2.0 ** -9, "bfloat16": 1e-2}[dtype],
                2.0 ** -23 if dtype == "float16" else 0.0)
    return 0.0, 0.0


@pytest.mark.parametrize("cls", TIME_SUITES, ids=lambda c: c.__name__)
def test_baseline_computes_the_same_values(cls):
    fa_meths = [m for m in _methods(cls) if m.startswith("time_fastact_")]
    np_meths = [m for m in _methods(cls) if m.startswith("time_numpy_")]
    assert len(fa_meths) == 1 and np_meths, f"{cls.__name__}: one fastact benchmark and a baseline"
    dtypes, _sizes, layouts = cls.params
    for dt in dtypes:
        for layout in layouts:
            params = (dt, 1000, layout)
            results = {}
            for meth in fa_meths + np_meths:
                bench = cls()
                try:
                    bench.setup(*params)
                except COMMON.NoFixedPoint:
                    break   # (this layout only: asv skips it too)
                except COMMON.Unavailable as exc:
                    pytest.skip(str(exc))
                buf = bench.out
                res = getattr(bench, meth)(*params)
                assert isinstance(res, np.ndarray) and res.dtype == np.dtype(dt), (meth, params)
                assert res.shape == bench.x.shape, (meth, params)
                if layout == "inplace":
                    assert buf is (bench.dy if cls.has_dy else bench.x)
                    assert np.shares_memory(res, buf), f"{meth} {params} did not write out=x"
                results[meth] = res
            if not results:   # (no fixed point: the inplace layout is skipped)
                assert layout == "inplace"
                continue
            ref = results[fa_meths[0]]
            for meth in np_meths:
                rtol, atol = _tolerance(cls.ufunc_name, dt)
                np.testing.assert_allclose(results[meth], ref, rtol=rtol, atol=atol,
                                           err_msg=f"{cls.__name__}.{meth} {params}")


@pytest.mark.parametrize("cls", TIME_SUITES, ids=lambda c: c.__name__)
def test_layouts_are_what_they_claim(cls):
    dtypes, _sizes, layouts = cls.params
    for layout in layouts:
        bench = cls()
        try:
            bench.setup("float32", 100_000, layout)
        except COMMON.NoFixedPoint:
            assert layout == "inplace"
            continue   # (this layout only: asv skips it too)
        except COMMON.Unavailable as exc:
            pytest.skip(str(exc))
        x = bench.x
        assert x.size == 100_000
        if layout == "contiguous":
            assert x.flags.c_contiguous and x.ndim == 1 and bench.out is None
        elif layout == "inplace":
            assert bench.out is (bench.dy if cls.has_dy else bench.x)
            # setup primed the buffer to a fixed point: a second call changes nothing
            before = bench.out.copy()
            getattr(bench, f"time_fastact_{cls.ufunc_name}")("float32", 100_000, layout)
            np.testing.assert_array_equal(bench.out, before)
        elif layout == "strided":
            assert x.strides == (2 * x.itemsize,) and bench.out is None
            if cls.has_dy:
                assert bench.dy.strides == (2 * x.itemsize,)
        elif layout == "per_channel":
            assert x.ndim == 3 and bench.a.shape == (x.shape[0], 1, 1)
            assert bench.a.dtype == x.dtype and len(np.unique(bench.a)) == x.shape[0]
        else:
            pytest.fail(f"unknown layout {layout}")


def test_every_public_ufunc_has_its_suites():
    # the bfloat16 suites (bench_bfloat16.py) are extra: not the ones checked here
    by_ufunc = {cls.ufunc_name: cls for cls in TIME_SUITES if "float32" in cls.params[0]}
    assert set(UFUNC_NAMES) <= set(by_ufunc)
    mem_by_ufunc = {cls.bench_cls.ufunc_name: cls for cls in MEMORY_SUITES}
    assert sorted(mem_by_ufunc) == sorted(by_ufunc)
    # A suite may come before its ufunc (the suite is merged first, or fastact is an
    # older build): then its setup must skip it, with a message naming the ufunc.
    for name in set(by_ufunc) - set(UFUNC_NAMES):
        for cls in (by_ufunc[name], mem_by_ufunc[name]):
            params = (("float32", 1000, "contiguous") if cls is by_ufunc[name]
                      else ("float32",))
            with pytest.raises(COMMON.Unavailable, match=name):
                cls().setup(*params)
    for name, cls in by_ufunc.items():
        dtypes, sizes, layouts = cls.params
        assert cls.param_names == ["dtype", "n", "layout"]
        assert {"float32", "float64"} <= set(dtypes)
        assert {1_000, 100_000, 10_000_000} <= set(sizes)
        want = {"contiguous", "inplace", "strided"}
        if cls.alpha is not None:
            want.add("per_channel")
        assert set(layouts) == want, name
        meths = _methods(cls)
        assert f"time_fastact_{name}" in meths
        assert any(m.startswith("time_numpy_") for m in meths), f"{name} has no baseline"
        mem = _methods(mem_by_ufunc[name])
        for m in meths:
            callee = m[len("time_"):]
            assert f"peakmem_{callee}" in mem and f"track_alloc_{callee}" in mem, (name, m)


def test_fastact_allocates_only_its_output(monkeypatch):
    monkeypatch.setattr(MEMORY, "N", 100_000)
    for cls in MEMORY_SUITES:
        bench = cls()
        try:
            bench.setup("float32")
        except COMMON.Unavailable:
            continue
        fa = [m for m in _methods(cls) if m.startswith("track_alloc_fastact_")]
        assert len(fa) == 1
        ratio = getattr(bench, fa[0])("float32")
        assert 0.99 < ratio < 1.01, (cls.__name__, ratio)


def test_report_smoke(tmp_path):
    """benchmarks/report.py end to end on tiny arrays: table, markdown and plot."""
    md, png = tmp_path / "report.md", tmp_path / "report.png"
    cmd = [sys.executable, str(ROOT / "benchmarks" / "report.py"), "--quick",
           "--sizes", "1e3,1e4", "--markdown", str(md)]
    has_mpl = importlib.util.find_spec("matplotlib") is not None
    if has_mpl:
        cmd += ["--plot", str(png)]
    env = dict(os.environ, MPLBACKEND="Agg")
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600, env=env,
                          cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out = proc.stdout
    assert "dispatch" in out and "numpy" in out.lower()
    for name in UFUNC_NAMES:
        assert re.search(rf"^{name}\b", out, re.M), f"no {name} section:\n{out}"
    assert "np.copyto" in out and "np.negative" in out
    text = md.read_text()
    assert text.count("|") > 50 and "relu" in text
    if has_mpl:
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_report_float16(tmp_path):
    """benchmarks/report.py --dtypes float16: every ufunc measured, every peer's
    output within a float16 ULP of fastact's (no "!" mark, no warning)."""
    proc = _run_report(["--quick", "--sizes", "1e3", "--dtypes", "float16"], tmp_path)
    out = proc.stdout
    for name in UFUNC_NAMES:
        assert re.search(rf"^{name}\s+float16\b", out, re.M), f"no {name} row:\n{out}"
    assert "WARNING" not in out + proc.stderr and "differed" not in out, out


def test_goals_smoke(tmp_path):
    """benchmarks/goals.py end to end on a tiny array: a line per goal, every
    ufunc's float16 line, and the count (nothing here is a timing claim)."""
    cmd = [sys.executable, str(ROOT / "benchmarks" / "goals.py"), "--n", "1e3",
           "--samples", "1"]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out = proc.stdout
    for name in UFUNC_NAMES:
        assert f"{name}(float16) / {name}(float32)" in out, out
    assert "elu_grad(float64, 0.3) / relu" in out
    assert re.search(r"^\d+ of \d+ goals met$", out, re.M), out


# --------------------------------------------------------------------------------------
# benchmarks/report.py: the size sweep and its time budget, cheaply (tiny sizes and
# budgets; nothing here is a timing claim)
# --------------------------------------------------------------------------------------

def _load_report():
    name = "_fastact_bench_report"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / "report.py")
        mod = importlib.util.module_from_spec(spec)
        sys.modules[name] = mod
        spec.loader.exec_module(mod)
    return sys.modules[name]


REPORT = _load_report()


def _run_report(args, tmp_path):
    cmd = [sys.executable, str(ROOT / "benchmarks" / "report.py"), *args]
    env = dict(os.environ, MPLBACKEND="Agg")
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600, env=env,
                          cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


@pytest.mark.parametrize("per_decade", [3, 4, 5])
def test_sweep_sizes_are_log_spaced_from_1e2_to_1e8(per_decade):
    sizes = REPORT.sweep_sizes(1e2, 1e8, per_decade)
    assert sizes[0] == 100 and sizes[-1] == 10**8
    assert sizes == sorted(set(sizes))
    assert {10**k for k in range(2, 9)} <= set(sizes)  # the table sizes are sweep points
    for k in range(2, 8):
        assert sum(10**k <= n < 10 ** (k + 1) for n in sizes) == per_decade
    ratios = np.diff(np.log10(sizes))
    np.testing.assert_allclose(ratios, 1 / per_decade, atol=0.01)
    assert len(REPORT.sweep_sizes()) >= 3 * 6 + 1  # the default: >= 3 per decade
    with pytest.raises(ValueError):
        REPORT.sweep_sizes(1e3, 1e2, 3)


def test_plan_sweeps_only_the_plotted_ufuncs():
    got = REPORT.plan(["relu", "elu"], ["float32", "float64"], [1000], [100, 1000, 10_000],
                      ["relu"])
    assert got == [("float32", 100, ["relu"]), ("float32", 1000, ["relu", "elu"]),
                   ("float32", 10_000, ["relu"]), ("float64", 100, ["relu"]),
                   ("float64", 1000, ["relu", "elu"]), ("float64", 10_000, ["relu"])]
    assert REPORT.plan(["relu"], ["float32"], [1000, 10], [], ["relu"]) == [
        ("float32", 10, ["relu"]), ("float32", 1000, ["relu"])]


def test_budget_drops_a_slow_peer_for_good_and_never_fastact():
    b = REPORT.Budget(budget_s=1.0, repeats=8)  # a case costs repeats + 2 = 10 calls
    assert b.allows("numpy", "elu", "float32", 1000) == (True, "")  # nothing known yet
    b.record("numpy", "elu", "float32", 1000, 1e-3)
    assert b.allows("numpy", "elu", "float32", 50_000)[0]        # 10 x 50 ms = 0.5 s
    assert b.allows("numpy", "elu", "float64", 10**6)[0]         # other dtype: unknown
    go, why = b.allows("numpy", "elu", "float32", 200_000)       # 10 x 0.2 s = 2 s
    assert not go and "predicted" in why
    go, why = b.allows("numpy", "elu", "float32", 100_000)       # dropped for good
    assert not go and "since n=2e5" in why
    assert b.allows("fastact", "elu", "float32", 10**9) == (True, "")
    # the checking call alone can show a case is over budget
    go, why = b.after_first_call("torch", "relu", "float32", 10**7, 0.5)
    assert not go and "first call" in why
    assert not b.allows("torch", "relu", "float32", 10**8)[0]
    assert b.after_first_call("fastact", "relu", "float32", 10**8, 100.0)[0]
    off = REPORT.Budget(budget_s=None, repeats=8)
    off.record("numpy", "elu", "float32", 10, 10.0)
    assert off.allows("numpy", "elu", "float32", 10**8)[0]


def test_run_case_skips_over_budget_and_short_of_memory():
    # a budget no call can meet: every peer but fastact is skipped, fastact is timed
    r = REPORT.run_case("relu", 1000, "float32", ["fastact", "numpy"], repeats=2,
                        sample_s=1e-4, budget=REPORT.Budget(1e-12, 2))
    assert set(r["time"]) == {"fastact"} and "numpy" in r["skipped"]
    assert r["stats"]["fastact"]["samples"] == 2
    # no memory to spare: the NumPy idiom (temporaries) is skipped, fastact is not
    r = REPORT.run_case("elu", 1000, "float32", ["fastact", "numpy"], repeats=2,
                        sample_s=1e-4, available=1)
    assert set(r["time"]) == {"fastact"} and "GiB" in r["skipped"]["numpy"]
    row = REPORT.rows_for([r], ["fastact", "numpy"])[0]
    assert row[-1] == "skipped"


def test_noisy_samples_get_more_rounds_up_to_the_cap():
    fns = {"a": lambda: None, "b": lambda: None}
    never_settled = REPORT.interleaved_samples(fns, 3, 1e-5, max_repeats=7, max_spread=-1.0)
    assert {k: len(v) for k, v in never_settled.items()} == {"a": 7, "b": 7}
    settled = REPORT.interleaved_samples(fns, 3, 1e-5, max_repeats=7, max_spread=np.inf)
    assert {k: len(v) for k, v in settled.items()} == {"a": 3, "b": 3}
    capped = REPORT.interleaved_samples(fns, 3, 1e-5, max_repeats=7, max_spread=-1.0,
                                        time_budget_s=0.0)
    assert {k: len(v) for k, v in capped.items()} == {"a": 3, "b": 3}


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_from_output_peers_compute_the_formula(dtype):
    """The report's NumPy idiom (and torch's is_result=True, when installed) for
    elu_backward_from_output: dy where y > 0, else dy * (y + alpha), on y = elu(x)."""
    name = "elu_backward_from_output"
    dy, y = REPORT.make_inputs(name, 2000, dtype)
    a = REPORT.alpha_default(name)
    assert y.dtype == np.dtype(dtype) and y.min() > -a and (y > 0).any()
    want = np.where(y > 0, dy, dy * (y + np.asarray(a, dtype)))
    _desc, fn = REPORT.numpy_idiom(name, [dy, y])
    np.testing.assert_array_equal(fn(), want)
    if importlib.util.find_spec("torch") is not None:
        _desc, fn = REPORT.torch_impl(name, [dy, y])
        np.testing.assert_allclose(REPORT.as_numpy(fn()), want, rtol=1e-6 if dtype ==
                                   "float32" else 1e-15, atol=0)
    f = getattr(fastact, name, None)
    if isinstance(f, np.ufunc):
        assert REPORT.check_same(name, dtype, f(dy, y, a), want)


def test_report_sweep_smoke(tmp_path):
    """--sweep end to end on 1e2..1e3 with a budget nothing meets: fastact and the
    floors at every swept size, the NumPy idiom skipped and said so; the saved JSON
    renders again with --from-json; a fastact without elu_backward_from_output says
    it skipped it."""
    js, md, png = tmp_path / "r.json", tmp_path / "r.md", tmp_path / "r.png"
    has_mpl = importlib.util.find_spec("matplotlib") is not None
    args = ["--quick", "--sweep", "--sweep-range", "1e2,1e3", "--per-decade", "3",
            "--sizes", "1e3", "--dtypes", "float32", "--peers", "numpy",
            "--ufuncs", "relu,elu,elu_backward_from_output", "--budget-s", "1e-9",
            "--json", str(js), "--markdown", str(md)] + (["--plot", str(png)] if has_mpl else [])
    out = _run_report(args, tmp_path).stdout
    data = json.loads(js.read_text())
    swept = [100, 215, 464, 1000]
    assert sorted(f["n"] for f in data["floors"]) == swept
    for name in ("relu", "elu"):
        rs = sorted((r for r in data["results"] if r["name"] == name), key=lambda r: r["n"])
        assert [r["n"] for r in rs] == swept
        assert all("fastact" in r["time"] and "numpy" not in r["time"] for r in rs)
        assert all("numpy" in r["skipped"] for r in rs)
    assert "Throughput sweep, float32" in out and "skipped" in out
    if "elu_backward_from_output" in UFUNC_NAMES:
        assert re.search(r"^elu_backward_from_output\b", out, re.M)
    else:
        assert "fastact.elu_backward_from_output: not in this build (skipped)" in out
    if has_mpl:
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    md2, png2 = tmp_path / "again.md", tmp_path / "again.png"
    again = _run_report(["--from-json", str(js), "--markdown", str(md2)]
                        + (["--plot", str(png2)] if has_mpl else []), tmp_path)
    assert again.stdout == out
    assert md2.read_text() == md.read_text()
    if has_mpl:
        assert png2.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
