"""What the installed build says about itself, and what it needs.

* One version: meson.build's project() version is the package metadata's
  (pyproject.toml: dynamic), ``fastact.__version__`` and ``show_config``'s,
  and CHANGELOG.md has an entry for it.
* One oldest NumPy: the C API the build targets (meson.build ``numpy_min``,
  NPY_TARGET_VERSION) is the runtime requirement in the metadata, and an older
  NumPy makes ``import fastact`` fail with a message naming the version needed.
* ``show_config`` names the Python, NumPy and compiler that built the extension.

The source-tree checks (meson.build, CHANGELOG.md) run when the tests sit in a
checkout beside them, as they do in CI and in tools/wheel_check.sh.
"""
import importlib.metadata
import os
import platform
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import fastact as fa
from fastact import _build_info

ROOT = Path(__file__).resolve().parents[1]
MESON = ROOT / "meson.build"


def _meson_text():
    if not MESON.exists():
        pytest.skip("no source tree beside the tests")
    return MESON.read_text()


def test_one_version_everywhere():
    v = fa.__version__
    assert re.fullmatch(r"\d+\.\d+\.\d+([.-]?\w+)*", v), v
    assert importlib.metadata.version("fastact") == v
    assert fa.show_config(mode="dicts")["version"] == v
    project = re.search(r"project\(\s*'fastact'.*?version:\s*'([^']+)'", _meson_text(), re.S)
    assert project and project.group(1) == v
    changelog = (ROOT / "CHANGELOG.md").read_text()
    assert re.search(rf"^## \[?{re.escape(v)}\]?", changelog, re.M), "no CHANGELOG entry"
    # pyproject.toml must not carry a second copy of the version
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert 'dynamic = ["version"]' in pyproject
    assert not re.search(r"^version\s*=", pyproject, re.M)


def test_numpy_requirement_is_the_targeted_c_api():
    need = _build_info.NUMPY_MIN
    requires = [r for r in importlib.metadata.requires("fastact")
                if re.match(r"numpy\b(?!doc)", r) and "extra ==" not in r]
    assert requires == [f"numpy>={need}"], requires
    assert re.search(rf"numpy_min = '{re.escape(need)}'", _meson_text())
    assert _build_info._release(np.__version__) >= _build_info._release(need)


@pytest.mark.parametrize("version,release", [("2.0.2", (2, 0)), ("1.26.4", (1, 26)),
                                             ("2.1.0rc1", (2, 1)), ("10.0.0.dev0+g", (10, 0))])
def test_release_parsing(version, release):
    assert _build_info._release(version) == release


def test_build_info_in_show_config(capsys):
    cfg = fa.show_config(mode="dicts")
    # the extension's ABI ties it to the minor version of CPython it was built for
    impl, ver = cfg["build_python"].split()[:2]
    assert impl == platform.python_implementation()
    assert ver.split(".")[:2] == platform.python_version().split(".")[:2]
    assert ("free-threaded" in cfg["build_python"]) == bool(
        __import__("sysconfig").get_config_var("Py_GIL_DISABLED"))
    assert _build_info._release(cfg["build_numpy"]) >= _build_info._release(_build_info.NUMPY_MIN)
    assert re.fullmatch(r"[\w-]+ \d+(\.\d+)+\S*", cfg["build_compiler"]), cfg["build_compiler"]
    fa.show_config()
    line = [s for s in capsys.readouterr().out.splitlines() if "built with" in s]
    assert line and all(cfg[k] in line[0] for k in ("build_python", "build_numpy",
                                                      "build_compiler"))


def test_older_numpy_fails_with_a_clear_message(tmp_path):
    """A stand-in NumPy 1.26.4 first on sys.path: the import stops before the
    extension is loaded, naming the NumPy it needs. (tools/wheel_check.sh does
    the same with a real NumPy 1.26 in its own virtual environment.)"""
    fake = tmp_path / "fake" / "numpy"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text('__version__ = "1.26.4"\n')
    parent = str(Path(fa.__file__).resolve().parents[1])
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = os.pathsep.join([str(fake.parent), parent])
    code = ("import sys\n"
            "try:\n"
            "    import fastact\n"
            "finally:\n"
            "    print('core loaded:', 'fastact._core' in sys.modules)\n")
    r = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode != 0
    assert "core loaded: False" in r.stdout
    message = r.stderr.strip().splitlines()[-1]
    assert message.startswith("ImportError: fastact "), message
    assert f"requires NumPy >= {_build_info.NUMPY_MIN}" in message
    assert "1.26.4 is installed" in message and "pip install" in message


@pytest.mark.parametrize("mnemonic,operands,cls", [
    ("vfmadd231ps", "%ymm2,%ymm1,%ymm0", "avx2"),
    ("vaddps", "%xmm2,%xmm1,%xmm0", "avx"),
    ("vzeroupper", "", "avx"),
    ("vmovups", "(%rdi),%zmm0", "avx512"),
    ("vmaxps", "%xmm1,%xmm0,%xmm0{%k1}", "avx512"),
    ("kmovw", "%eax,%k1", "avx512"),
    ("kortestw", "%k1,%k1", "avx512"),
    ("shlx", "%rax,%rdx,%rcx", "bmi/lzcnt/movbe"),
    ("pmaxsd", "%xmm1,%xmm0", "sse3-sse4.2"),
    ("pshufb", "%xmm1,%xmm0", "sse3-sse4.2"),
    ("popcnt", "%eax,%eax", "sse3-sse4.2"),
    ("pmaxsw", "%xmm1,%xmm0", None),          # SSE2
    ("pminub", "%xmm1,%xmm0", None),          # SSE2
    ("movaps", "%xmm0,%xmm1", None),
    ("tzcnt", "%eax,%eax", None),             # objdump's name for `rep bsf`
    ("xgetbv", "", None),
])
def test_isa_classifier_of_check_build_objects(mnemonic, operands, cls):
    """tools/check_build_objects.py (run on every wheel by tools/wheel_check.sh)
    tells baseline x86-64 code from AVX/AVX-512 and the rest."""
    import importlib.util
    path = ROOT / "tools" / "check_build_objects.py"
    if not path.exists():
        pytest.skip("no source tree beside the tests")
    spec = importlib.util.spec_from_file_location("check_build_objects", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert mod.classify(mnemonic, operands) == cls
