"""The type stubs (fastact/__init__.pyi) agree with the package they describe.

* The stub's ``__all__`` is the runtime ``fastact.__all__``, and each ufunc's
  stub class has the runtime ufunc's number of inputs.
* ``ShowConfig`` (stub and runtime) has the keys ``show_config("dicts")`` returns.
* Every ``assert_type`` case in tests/typing/fastact_types.py holds at run time
  too: the declared dtype is the dtype NumPy actually returns.
* mypy --strict and pyright accept the typing cases (and reject the marked
  ones: an unused ``# type: ignore`` fails both) and the stub itself.
"""
import ast
import os
import shutil
import subprocess
import sys
import types
import typing
from pathlib import Path

import numpy as np
import pytest

import fastact as fa

TESTS = Path(__file__).resolve().parent
CASES = TESTS / "typing" / "fastact_types.py"
STUB = Path(fa.__file__).with_name("__init__.pyi")   # the installed stub
STUB_TREE = ast.parse(STUB.read_text())


def stub_all():
    for node in STUB_TREE.body:
        if isinstance(node, ast.Assign) and [t.id for t in node.targets] == ["__all__"]:
            return [elt.value for elt in node.value.elts]
    raise AssertionError("the stub has no __all__")


def stub_annotations():
    """Module-level `name: annotation` of the stub, as source text."""
    return {n.target.id: ast.unparse(n.annotation) for n in STUB_TREE.body
            if isinstance(n, ast.AnnAssign)}


def stub_classes():
    return {n.name: n for n in STUB_TREE.body if isinstance(n, ast.ClassDef)}


def test_installed_with_py_typed():
    assert STUB.is_file() and STUB.with_name("py.typed").is_file()


def test_stub_all_is_the_runtime_all():
    assert sorted(stub_all()) == sorted(fa.__all__)


def test_every_public_name_is_in_the_stub():
    declared = (set(stub_annotations()) | set(stub_classes())
                | {n.name for n in STUB_TREE.body if isinstance(n, ast.FunctionDef)})
    assert set(stub_all()) <= declared
    public = {n for n, v in vars(fa).items()
              if not n.startswith("_") and not isinstance(v, types.ModuleType)}
    assert public <= declared, public - declared


def _nin_of_class(cls):
    """nin from `def nin(self) -> Literal[k]` in the class or its stub bases."""
    classes = stub_classes()
    node = classes[cls]
    for item in node.body:
        if isinstance(item, ast.FunctionDef) and item.name == "nin":
            return int(ast.unparse(item.returns).removeprefix("Literal[").rstrip("]"))
    raise AssertionError(f"{cls} declares no nin")


def test_each_ufunc_class_has_the_runtime_arity():
    ann = stub_annotations()
    ufuncs = [n for n in stub_all() if n != "show_config"]
    for name in ufuncs:
        cls, _, literal = ann[name].partition("[")
        assert literal == f"Literal['{name}']]", ann[name]
        if hasattr(fa, name):
            assert _nin_of_class(cls) == getattr(fa, name).nin, name


def test_show_config_typeddict_has_the_runtime_keys():
    node = stub_classes()["ShowConfig"]
    stub_keys = [n.target.id for n in node.body if isinstance(n, ast.AnnAssign)]
    assert stub_keys == list(fa.ShowConfig.__annotations__)
    assert set(stub_keys) == set(fa.show_config(mode="dicts"))


# ------------------------------------------------ the cases, at run time
def _holds(value, expected):
    """Whether value is what the annotation `expected` says (dtype included)."""
    if expected is typing.Any:
        return True
    if expected is None:
        return value is None
    origin = typing.get_origin(expected)
    if origin is typing.Literal:
        return value in typing.get_args(expected)
    if origin is np.ndarray:
        (scalar,) = typing.get_args(typing.get_args(expected)[1])
        return isinstance(value, np.ndarray) and value.dtype.type is scalar
    if typing.get_origin(getattr(origin, "__value__", None)) is np.ndarray:
        # NumPy >= 2.5 spells NDArray as a PEP 695 alias: NDArray[float32] has
        # origin NDArray (a TypeAliasType) and args (float32,).
        (scalar,) = typing.get_args(expected)
        return isinstance(value, np.ndarray) and value.dtype.type is scalar
    if origin is not None and origin is not type(None):   # str | None, list[str]
        try:
            return isinstance(value, expected)
        except TypeError:
            return isinstance(value, origin)
    if typing.is_typeddict(expected):
        return isinstance(value, dict) and set(value) == set(expected.__annotations__)
    return type(value) is expected


def test_assert_type_cases_hold_at_run_time(monkeypatch):
    import typing_extensions
    failures, checked = [], []

    def check(value, expected):
        checked.append(expected)
        if not _holds(value, expected):
            failures.append(f"{expected}: got {type(value).__name__} "
                            f"{getattr(value, 'dtype', '')}")
        return value

    monkeypatch.setattr(typing_extensions, "assert_type", check)
    ns = {"__name__": "fastact_types"}
    tree = ast.parse(CASES.read_text())
    with np.errstate(all="ignore"):
        for stmt in tree.body:
            if isinstance(stmt, ast.If):     # if __name__ == "__main__"
                continue
            code = compile(ast.Module(body=[stmt], type_ignores=[]), str(CASES), "exec")
            exec(code, ns)
    assert not failures, "\n".join(failures)
    n_cases = sum(isinstance(s, ast.Expr) and isinstance(s.value, ast.Call)
                  and getattr(s.value.func, "id", None) == "assert_type" for s in tree.body)
    assert len(checked) == n_cases > 40


# ------------------------------------------------------ the type checkers
def _run(cmd, cwd):
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=600)


@pytest.fixture
def stub_copy(tmp_path):
    """The installed stub alone in a folder (a checker run on a file inside
    site-packages takes site-packages for a source tree)."""
    pkg = tmp_path / "fastact"
    pkg.mkdir()
    shutil.copy(STUB, pkg / "__init__.pyi")
    return pkg / "__init__.pyi"


def test_mypy_strict(stub_copy):
    pytest.importorskip("mypy")
    for target, cwd in ((CASES, CASES.parent), (stub_copy, stub_copy.parent.parent)):
        r = _run([sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(target)], cwd)
        assert r.returncode == 0 and "Success" in r.stdout, r.stdout + r.stderr


def test_pyright(stub_copy):
    pytest.importorskip("pyright")
    if shutil.which("node") is None:
        pytest.skip("pyright needs node")
    # the cases under tests/typing/pyrightconfig.json (strict, an unused ignore
    # is an error); the stub under pyright's defaults
    for target, cwd in ((CASES, CASES.parent), (stub_copy, stub_copy.parent.parent)):
        r = _run([sys.executable, "-m", "pyright", "--pythonpath", sys.executable, str(target)],
                 cwd)
        assert r.returncode == 0 and "0 errors" in r.stdout, r.stdout + r.stderr
