"""fastact's Cython API, used from a Cython extension built during the test run.

examples/cython_api/fa_user.pyx cimports fastact.cython_api and calls it
inside ``with nogil:``; its setup.py (setuptools + Cython, the platform's
default flags, no SIMD flags) builds it here in a temporary folder. Its results must equal the ufuncs' bit for bit,
in this process and in one process per SIMD target (FASTACT_SIMD): the API
runs the loops that the dispatcher chose, whichever they are.
"""
import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

import fastact as fa
import reference as ref

pytest.importorskip("Cython")
pytest.importorskip("setuptools")

TESTS = Path(__file__).resolve().parent
CONFIG = fa.show_config(mode="dicts")


def alphas(name):
    """The alphas each API function is checked with: a scalar 1 (the unit
    fast path), an ordinary one, and for the leaky family a negative one;
    [None] where the ufunc has no alpha."""
    domain = ref.alpha_domain(name)
    return [None] if domain is None else [1.0, 0.3] + ([-0.5] if domain == "any" else [])


# every API function by the shape of its call (the entry points of fa_user.pyx)
UNARY = [n for n in ref.UFUNCS if ref.UFUNCS[n].inputs == ("x",)]
ALPHAS = {n: alphas(n) for n in ref.UFUNCS if ref.UFUNCS[n].inputs == ("x", "alpha")}
BACKWARD = {n: alphas(n) for n in ref.UFUNCS if len(ref.UFUNCS[n].arrays) == 2}
LENGTHS = [0, 1, 7, 16, 33, 255, 1000, 4099]
# arrays compare_all checks: both dtypes, every length, every function and alpha
N_CHECKS = 2 * len(LENGTHS) * (len(UNARY) + sum(map(len, ALPHAS.values()))
                               + sum(map(len, BACKWARD.values())))

PROJECT = TESTS.parent / "examples" / "cython_api"   # fa_user.pyx + setup.py


@pytest.fixture(scope="session")
def user_dir(tmp_path_factory):
    """The folder where fa_user is built (once per session)."""
    work = tmp_path_factory.mktemp("cython_user")
    for name in ("fa_user.pyx", "setup.py"):
        shutil.copy(PROJECT / name, work)
    r = subprocess.run([sys.executable, "setup.py", "build_ext", "--inplace"], cwd=work,
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    return work


@pytest.fixture(scope="session")
def fa_user(user_dir):
    sys.path.insert(0, str(user_dir))
    try:
        import fa_user
    finally:
        sys.path.remove(str(user_dir))
    return fa_user


def compare_all(mod, seed=0):
    """Every API function on every length, against its ufunc, bit for bit.
    Returns the number of arrays compared."""
    rng = np.random.default_rng(seed)
    count = 0
    with np.errstate(all="ignore"):
        for dt in (np.float32, np.float64):
            for n in LENGTHS:
                # offset by one element: contiguous but not vector-aligned
                x = np.empty(n + 1, dt)[1:]
                x[...] = ref.random_values(dt, n, rng)
                dy = ref.random_values(dt, n, rng)
                out = np.empty_like(x)
                for name in UNARY:
                    mod.unary(name, x, out)
                    ref.assert_bits_equal(out, getattr(fa, name)(x), f"{name} {dt} n={n}")
                    count += 1
                for name, alphas in ALPHAS.items():
                    for a in alphas:
                        mod.with_alpha(name, x, a, out)
                        ref.assert_bits_equal(out, getattr(fa, name)(x, dt(a)),
                                              f"{name}(alpha={a}) {dt} n={n}")
                        count += 1
                for name, alphas in BACKWARD.items():
                    f = getattr(fa, name)
                    for a in alphas:
                        mod.backward(name, dy, x, 0.0 if a is None else a, out)
                        want = f(dy, x) if a is None else f(dy, x, dt(a))
                        ref.assert_bits_equal(out, want, f"{name}(alpha={a}) {dt} n={n}")
                        count += 1
                y = x.copy()                    # in place: out is x
                mod.with_alpha("elu", y, 1.0, y)
                ref.assert_bits_equal(y, fa.elu(x, dt(1.0)), f"elu in place {dt} n={n}")
    return count


def test_get_include_holds_the_pxd():
    assert (Path(fa.get_include()) / "fastact" / "cython_api.pxd").is_file()


def test_matches_the_ufuncs_bit_for_bit(fa_user):
    import fastact.cython_api as api
    assert api.target == CONFIG["chosen"]
    assert compare_all(fa_user) == N_CHECKS


def test_rows_without_the_gil_from_many_threads(fa_user, rng):
    """dense_elu_forward: a row loop inside nogil, from 4 threads at once."""
    for dt in (np.float32, np.float64):
        zs = [rng.standard_normal((64, 1000)).astype(dt) * 4 for _ in range(8)]
        outs = [np.empty_like(z) for z in zs]
        with ThreadPoolExecutor(4) as pool:
            list(pool.map(lambda i: fa_user.dense_elu_forward(zs[i], dt(1.0), outs[i]),
                          range(len(zs))))
        for z, out in zip(zs, outs):
            ref.assert_bits_equal(out, fa.elu(z, dt(1.0)), f"dense_elu_forward {dt}")


CHECK = """
import sys
sys.path[:0] = sys.argv[1:3]
import fastact, fastact.cython_api, fa_user, test_cython_api
print(fastact.show_config("dicts")["chosen"], fastact.cython_api.target,
      test_cython_api.compare_all(fa_user, seed=1))
"""


@pytest.mark.skipif(bool(os.environ.get("FASTACT_TEST_TARGET")), reason="per-target run")
def test_every_target_through_the_api(user_dir, tmp_path):
    """FASTACT_SIMD=<t>: the API follows the dispatcher's choice, bit for bit."""
    targets = [t for t in CONFIG["compiled"] if t in CONFIG["supported"]]
    env = {k: v for k, v in os.environ.items() if k != "FASTACT_SIMD"}
    procs = {t: subprocess.Popen([sys.executable, "-c", CHECK, str(user_dir), str(TESTS)],
                                 cwd=tmp_path, env={**env, "FASTACT_SIMD": t}, text=True,
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
             for t in targets}
    for t, proc in procs.items():
        out, _ = proc.communicate(timeout=300)
        assert proc.returncode == 0, f"FASTACT_SIMD={t}:\n{out[-4000:]}"
        assert out.split()[-3:] == [t, t, str(N_CHECKS)], out
