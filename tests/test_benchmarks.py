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
    if ufunc_name.startswith("elu"):
        # bfloat16: NumPy's idiom rounds expm1 and the product separately
        return {"float32": 2e-6, "float64": 1e-14, "bfloat16": 1e-2}[dtype]
    return 0.0


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
            ref = results[fa_meths[0]]
            for meth in np_meths:
                np.testing.assert_allclose(results[meth], ref, rtol=_tolerance(cls.ufunc_name, dt),
                                           atol=0, err_msg=f"{cls.__name__}.{meth} {params}")


@pytest.mark.parametrize("cls", TIME_SUITES, ids=lambda c: c.__name__)
def test_layouts_are_what_they_claim(cls):
    dtypes, _sizes, layouts = cls.params
    for layout in layouts:
        bench = cls()
        try:
            bench.setup("float32", 100_000, layout)
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
    assert sorted(by_ufunc) == sorted(UFUNC_NAMES)
    mem_by_ufunc = {cls.bench_cls.ufunc_name: cls for cls in MEMORY_SUITES}
    assert sorted(mem_by_ufunc) == sorted(UFUNC_NAMES)
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
