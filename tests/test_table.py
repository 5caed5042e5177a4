"""The table of ufuncs (fastact/_table.py) and what derives from it.

* The generated files are what tools/generate.py writes from the table today
  (no drift: a table change must come with its generated files).
* The built extension is the table: every row is a ufunc with its arity, its
  docstring, its integer loops where the row says so, its promoters by role
  (integer x computes in float64 where there are no integer loops; a Python
  scalar alpha takes x's dtype), and a reference twin in tests/reference.py.
* A throwaway family added through the table alone (its formula file, one
  row, its reference twin, its docstrings, then tools/generate.py) builds in
  a scratch copy of the repository and passes the value tests there
  (test_a_new_family_is_one_row: slow, a whole build).
"""
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import fastact as fa
from fastact import _docstrings, _table
import reference as ref

ROOT = Path(__file__).resolve().parent.parent
GENERATE = ROOT / "tools" / "generate.py"
needs_checkout = pytest.mark.skipif(not GENERATE.is_file(),
                                    reason="tools/ is not here (tests run outside a checkout)")
NAMES = list(_table.UFUNCS)


@needs_checkout
def test_generated_files_are_up_to_date():
    r = subprocess.run([sys.executable, str(GENERATE), "--check"], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_all_is_the_table():
    assert fa.__all__ == NAMES + ["show_config"]
    assert len(set(NAMES)) == len(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_each_row_is_a_ufunc_with_its_arity_docstring_and_twin(name):
    spec = _table.UFUNCS[name]
    f = getattr(fa, name)
    assert isinstance(f, np.ufunc) and f.__name__ == name
    assert (f.nin, f.nout) == (spec.nin, 1)
    assert f.__doc__.split("\n\n", 1)[1].startswith(getattr(_docstrings, name).split("\n")[0])
    assert callable(getattr(ref, name)), f"tests/reference.py has no {name}"
    assert set(spec.inputs) <= set(_table.ROLES) and spec.kind in _table.KINDS
    assert ("y" in spec.inputs) == (spec.kind == "backward_from_output")


@pytest.mark.parametrize("name", NAMES)
def test_loops_and_promoters_follow_the_roles(name):
    spec = _table.UFUNCS[name]
    f = getattr(fa, name)
    ints = {"?", "b", "h", "i", "l", "q", "B", "H", "I", "L", "Q"}
    assert {t[0] for t in f.types} >= {"e", "f", "d"}
    assert bool({t[0] for t in f.types} & ints) == spec.int_loops
    # integer input: its own dtype with integer loops, else float64 (like np.exp)
    dts = [np.dtype(np.float32)] * spec.nin
    dts[spec.x_position] = np.dtype(np.int16)
    want = np.int16 if spec.int_loops else np.float64
    assert f.resolve_dtypes(tuple(np.dtype(np.int16) if spec.int_loops else d for d in dts)
                            + (None,))[-1] == want
    if spec.has_alpha:   # a Python scalar alpha is weak (NEP 50)
        for t in (np.float16, np.float32, np.float64):
            ops = tuple(float if r == "alpha" else np.dtype(t) for r in spec.inputs)
            assert f.resolve_dtypes(ops + (None,)) == (np.dtype(t),) * f.nargs


def test_families_have_every_member_in_order():
    for fam in _table.FAMILIES:
        names = [u.name for u in fam.members()]
        assert names[:3] == [fam.name, fam.name + "_grad", fam.name + "_backward"]
        assert all(_table.UFUNCS[n].family == fam.name for n in names)


# ---------------------------------------------------- a family in one row
THROWAWAY_H = """/* The twice family (a throwaway of tests/test_table.py): 2 x. */
static inline V(vec) V(twice)(V(vec) x, V(vec) u, V(vec) w)
{
    (void)u; (void)w;
    return V(mul)(x, V(set1)(2));
}

static inline V(vec) V(twice_grad)(V(vec) x, V(vec) u, V(vec) w)
{
    (void)u; (void)w;
    return V(select)(V(isnan)(x), x, V(set1)(2));
}

static inline V(vec) V(twice_backward)(V(vec) dy, V(vec) x, V(vec) w)
{
    (void)w;
    return V(select)(V(isnan)(x), x, V(mul)(dy, V(set1)(2)));
}
"""
THROWAWAY_ROW = '''    Family(
        "twice", "Twice its input",
        f=Member("2 x", "x * 2"),
        grad=Member("2", "np.where(np.isnan(x), x, 2)"),
        backward=Member("2 dy", "np.where(np.isnan(x), x, dy * 2)"),
    ),
'''
THROWAWAY_REF = '''

def twice(x):
    return np.asarray(x) * np.asarray(x).dtype.type(2)


def twice_grad(x):
    x = np.asarray(x)
    return _nan_is_x(x, np.full_like(x, 2))


def twice_backward(dy, x):
    dt = np.result_type(dy, x)
    dy, x = _as(dy, dt), _as(x, dt)
    return _nan_is_x(x, dy * dt.type(2))
'''
THROWAWAY_DOCS = '''

twice = "Twice its input (a throwaway family of tests/test_table.py)."
twice_grad = "Derivative of twice: 2."
twice_backward = "Fused backward pass of twice: 2 dy."
'''


@needs_checkout
@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_a_new_family_is_one_row(tmp_path):
    """Add `twice` through the table alone in a scratch copy: its formula
    file, one row, its reference twin, its docstrings, generate.py; build;
    the value tests (parametrized from the table) cover it there."""
    src = tmp_path / "src"
    # the working tree as it is (tracked and untracked files, not ignored ones)
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT,
                           capture_output=True, text=True, check=True).stdout.split("\0")
    for f in filter(None, files):
        if (ROOT / f).is_file():
            (src / f).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / f, src / f)
    subprocess.run(["git", "init", "-q"], cwd=src, check=True)
    subprocess.run(["git", "add", "-A"], cwd=src, check=True)
    (src / "fastact/src/families/twice.h").write_text(THROWAWAY_H)
    table = (src / "fastact/_table.py").read_text()
    anchor = "\n)\n\n#: every ufunc, by name"
    assert anchor in table
    (src / "fastact/_table.py").write_text(table.replace(anchor, "\n" + THROWAWAY_ROW.rstrip("\n")
                                                         + anchor, 1))
    # the twins go with the others, before the registries that look them up
    ref_text = (src / "tests/reference.py").read_text()
    mark = "# The twins by accuracy class"
    assert mark in ref_text
    (src / "tests/reference.py").write_text(
        ref_text.replace(mark, THROWAWAY_REF.lstrip("\n") + "\n\n" + mark, 1))
    with open(src / "fastact/_docstrings.py", "a") as fh:
        fh.write(THROWAWAY_DOCS)
    subprocess.run([sys.executable, "tools/generate.py"], cwd=src, check=True,
                   capture_output=True)
    def git_names(*args):
        return set(filter(None, subprocess.run(["git", *args], cwd=src, capture_output=True,
                                               text=True, check=True).stdout.split("\n")))
    # (against the index: what the family changed, and the files it added)
    touched = git_names("diff", "--name-only") | git_names("ls-files", "-o", "--exclude-standard")
    hand = {"fastact/src/families/twice.h", "fastact/_table.py", "tests/reference.py",
            "fastact/_docstrings.py"}
    generated = {"fastact/src/ufuncs.h", "fastact/src/families.h", "fastact/__init__.pyi",
                 "fastact/cython_api.pxd", "fastact/cython_api.pyx", "README.md",
                 "docs/_generated/ufuncs_table.rst", "docs/_generated/ufuncs_api.rst",
                 "docs/_generated/ufuncs_peers.rst", "examples/cython_api/fa_user.pyx"}
    assert hand <= touched <= hand | generated, sorted(touched)
    site = tmp_path / "site"
    env = dict(os.environ, PIP_DISABLE_PIP_VERSION_CHECK="1")
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-build-isolation",
                    "--no-deps", "--target", str(site), str(src)], check=True, env=env,
                   capture_output=True)
    env["PYTHONPATH"] = str(site)
    env["FASTACT_TEST_FILE"] = str(site / "fastact" / "__init__.py")   # (conftest checks)
    # (from tmp_path: `python -m pytest` puts the current directory on sys.path)
    r = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                        str(src / "tests/test_values.py"), str(src / "tests/test_table.py"),
                        "-k", "twice and not one_row"],
                       cwd=tmp_path, env=env, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout[-4000:] + r.stderr[-2000:]
    m = re.search(r"(\d+) passed", r.stdout)
    assert m and int(m.group(1)) >= 20, r.stdout[-2000:]
