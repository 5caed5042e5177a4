"""Free-threaded CPython (PEP 703): fastact declares that it does not need the GIL.

* On a free-threaded build (``python3.13t``), ``import fastact`` must leave the
  GIL disabled: an extension without ``Py_mod_gil = Py_MOD_GIL_NOT_USED`` would
  switch it back on (with a RuntimeWarning). Skipped on builds with a GIL.
* The hammer runs on every build: a fresh interpreter (NumPy's type-resolution
  caches cold) starts 16 threads at once on every ufunc, dtype and alpha form,
  with outputs of their own, then checks every result bit for bit against the
  same calls made again on one thread. With a GIL the loops still run in
  parallel (they release it); on a free-threaded build the type resolution and
  the promoters run in parallel too.

NOT YET RUN on a free-threaded interpreter: none could be installed where
these tests were written, so the GIL check has only ever been skipped. The
cp313t build of the cibuildwheel matrix (pyproject.toml) runs it.
"""
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

import fastact as fa

TESTS = Path(__file__).resolve().parent
FREE_THREADED = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))


def _env():
    # PYTHON_GIL=1 (or -X gil) would force the GIL on whatever fastact declares.
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHON_GIL", "FASTACT_SIMD")}
    parent = str(Path(fa.__file__).resolve().parents[1])
    if parent in {str(Path(p).resolve()) for p in sys.path if p}:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [parent, env.get("PYTHONPATH")]))
    return env


def _run(code, tmp_path, *argv):
    return subprocess.run([sys.executable, "-W", "error::RuntimeWarning", "-c", code, *argv],
                          cwd=tmp_path, env=_env(), capture_output=True, text=True,
                          timeout=600)


@pytest.mark.skipif(not FREE_THREADED, reason="needs a free-threaded CPython build (3.13t)")
def test_import_keeps_the_gil_disabled(tmp_path):
    code = ("import sys\n"
            "assert not sys._is_gil_enabled(), 'GIL on before the import'\n"
            "import fastact\n"
            "fastact.relu(1.0)\n"
            "print('gil', sys._is_gil_enabled())\n")
    r = _run(code, tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "gil False", r.stdout + r.stderr


HAMMER = r"""
import sys, threading
import numpy as np
sys.path.insert(0, sys.argv[1])
import fastact as fa
import reference as ref

THREADS, ROUNDS, N = 16, 4, 4099
rng = np.random.default_rng(7)
cases = []
for name in ref.UFUNCS:
    roles = ref.inputs_of(name)
    for t in ref.FLOATS + ((np.int16, np.uint8) if name in ref.INT_UFUNCS else ()):
        ops = [rng.uniform(0.05, 2, N).astype(t) if r == "alpha"
               else ref.random_values(t, N, rng) for r in roles]
        cases.append((name, ops))
        if "alpha" in roles:                 # a Python scalar alpha: the promoter path
            cases.append((name, ops[:-1] + [0.3]))
        if t is np.float32:                  # int input: promoted to float64
            cases.append((name, [np.arange(-50, 50, dtype=np.int8) if r != "alpha" else 0.5
                                 for r in roles]))

barrier = threading.Barrier(THREADS)
results = [[None] * len(cases) for _ in range(THREADS)]
errors = []

def work(k):
    try:
        with np.errstate(all="ignore"):      # errstate is per thread (a contextvar)
            barrier.wait()                   # all threads hit cold caches together
            order = list(range(len(cases)))
            np.random.default_rng(k).shuffle(order)
            for _ in range(ROUNDS):
                for i in order:
                    name, ops = cases[i]
                    f = getattr(fa, name)
                    out = f(*ops)
                    f(*ops, out=np.empty_like(out))   # outputs of their own
                    results[k][i] = out
                fa.show_config(mode="dicts")
    except BaseException as exc:
        errors.append(f"thread {k}: {exc!r}")

with np.errstate(all="ignore"):
    threads = [threading.Thread(target=work, args=(k,)) for k in range(THREADS)]
    for t in threads: t.start()
    for t in threads: t.join()
    assert not errors, errors[:3]
    for i, (name, ops) in enumerate(cases):
        expected = getattr(fa, name)(*ops)
        for k in range(THREADS):
            assert results[k][i].dtype == expected.dtype, (name, k)
            ref.assert_bits_equal(results[k][i], expected, f"{name} case {i} thread {k}")
gil = sys._is_gil_enabled() if hasattr(sys, "_is_gil_enabled") else True
print(f"ok {len(cases)} cases x {THREADS} threads; gil {gil}")
"""


def test_hammer_every_ufunc_from_many_threads(tmp_path):
    r = _run(HAMMER, tmp_path, str(TESTS))
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.startswith("ok "), r.stdout
    if FREE_THREADED:     # nothing along the way turned the GIL back on
        assert r.stdout.strip().endswith("gil False"), r.stdout
