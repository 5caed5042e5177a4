"""CPU dispatch: FASTACT_SIMD, show_config, and every SIMD path proven.

``FASTACT_SIMD`` is read once, at import, so each target is tested in a fresh
Python process:

* the value suite (VALUE_SUITE) runs once per target that this CPU supports,
  in a subprocess with ``FASTACT_SIMD=<target>`` (all targets at once); the
  target this process chose is covered in process when the suite is part of
  this session;
* the relu and leaky_relu families give the same bits on every target;
* ``FASTACT_SIMD=<t>`` chooses t, or the best target below it that the CPU
  supports; an unknown name makes the import fail, listing the valid names.
"""
import json
import os
import platform
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import fastact as fa
import reference as ref

TESTS = Path(__file__).resolve().parent
VALUE_SUITE = ["test_values.py", "test_elu_accuracy.py", "test_machinery.py", "test_errors.py",
               "test_fpstatus.py", "test_bfloat16.py"]
CONFIG = fa.show_config(mode="dicts")
_LEVELS = {"x86_64": ["scalar", "sse2", "avx2", "avx512"],
           "amd64": ["scalar", "sse2", "avx2", "avx512"],
           "aarch64": ["scalar", "neon"], "arm64": ["scalar", "neon"]}
LEVELS = _LEVELS.get(platform.machine().lower(), ["scalar"])
FOREIGN = "neon" if "avx2" in LEVELS else "avx2"     # a valid name elsewhere
INSIDE_A_TARGET_RUN = bool(os.environ.get("FASTACT_TEST_TARGET"))


def expected_choice(cap):
    """The best compiled target the CPU supports, at or below `cap`."""
    below = LEVELS[: LEVELS.index(cap) + 1]
    return [t for t in below if t in CONFIG["compiled"] and t in CONFIG["supported"]][-1]


def env_for(target=None, **extra):
    """The environment of a child that imports the same fastact as this process."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("FASTACT_SIMD", "FASTACT_TEST_TARGET", "FASTACT_ULP_REPORT")}
    parent = Path(fa.__file__).resolve().parents[1]
    if parent in {Path(p).resolve() for p in sys.path}:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(parent), env.get("PYTHONPATH")]))
    if target is not None:
        env["FASTACT_SIMD"] = target
    env["FASTACT_TEST_FILE"] = fa.__file__
    env.update(extra)
    return env


def run_python(code, tmp_path, target=None, *argv):
    return subprocess.run([sys.executable, "-c", code, *argv], cwd=tmp_path, env=env_for(target),
                          capture_output=True, text=True, timeout=300)


def require(target):
    if target not in CONFIG["compiled"]:
        pytest.skip(f"{target} is not compiled into this build")
    if target not in CONFIG["supported"]:
        pytest.skip(f"this CPU cannot run {target}")


# ------------------------------------------------ the value suite per target
@pytest.fixture(scope="session")
def suite_runs(request, tmp_path_factory):
    """Start the value suite for every runnable target at once, one process
    each: target -> (Popen, log path, ULP report path). The target of this
    process is left out when this session runs the suite itself."""
    in_session = {Path(str(item.fspath)).name for item in request.session.items}
    covered = CONFIG["chosen"] if set(VALUE_SUITE) <= in_session else None
    runs = {}
    for target in LEVELS:
        if (target not in CONFIG["compiled"] or target not in CONFIG["supported"]
                or target == covered):
            continue
        work = tmp_path_factory.mktemp(f"suite-{target}")
        log, report = work / "log.txt", work / "ulp.json"
        cmd = [sys.executable, "-m", "pytest", *[str(TESTS / f) for f in VALUE_SUITE],
               "-p", "no:cacheprovider", "-o", "console_output_style=classic"]
        env = env_for(target, FASTACT_TEST_TARGET=target, FASTACT_ULP_REPORT=str(report))
        with open(log, "w") as fh:
            proc = subprocess.Popen(cmd, cwd=work, env=env, stdout=fh, stderr=subprocess.STDOUT)
        runs[target] = (proc, log, report)
    yield runs
    for proc, _, _ in runs.values():
        if proc.poll() is None:
            proc.kill()


@pytest.mark.skipif(INSIDE_A_TARGET_RUN, reason="already inside a per-target run")
@pytest.mark.parametrize("target", LEVELS)
def test_value_suite_on_target(target, suite_runs, ulp_by_target):
    require(target)
    if target not in suite_runs:
        pytest.skip(f"{target} is this process's target: the suite runs in process")
    proc, log, report = suite_runs[target]
    rc = proc.wait(timeout=600)
    text = log.read_text()
    if report.exists():
        ulp_by_target[target] = {tuple(r[:3]): r[3] for r in json.loads(report.read_text())}
    summary = text.strip().splitlines()[-1] if text.strip() else ""
    assert rc == 0 and " passed" in summary and not re.search(r"\b\d+ (failed|error)", summary), (
        f"FASTACT_SIMD={target}: pytest exited {rc}\n{text[-6000:]}")
    assert f"fastact SIMD target: {target}" in text


# ------------------------------------- the exact families agree bit for bit
CROSS_TARGET = r"""
import sys
import numpy as np
sys.path.insert(0, sys.argv[2])
import fastact as fa, reference as ref
assert fa.show_config("dicts")["chosen"] == sys.argv[3]
rng = np.random.default_rng(11)
results = {}
with np.errstate(all="ignore"):
    for name in ref.UFUNCS:
        f = getattr(fa, name)
        for t in ref.FLOATS + (ref.INTS if name in ref.INT_UFUNCS else ()):
            ops = [rng.uniform(0.01, 2, 1037).astype(t) if role == "alpha"
                   else ref.random_values(t, 1037, rng) for role in ref.inputs_of(name)]
            key = f"{name}-{np.dtype(t).char}"
            results[key] = f(*ops)
            results[key + "-strided"] = f(*[o[::3] for o in ops])
            if "alpha" in ref.inputs_of(name):
                results[key + "-scalar-alpha"] = f(*ops[:-1], 0.3)
np.savez(sys.argv[1], **results)
"""


@pytest.fixture(scope="session")
def cross_target_results(tmp_path_factory):
    work = tmp_path_factory.mktemp("cross")
    procs = {}
    for target in LEVELS:
        if target in CONFIG["compiled"] and target in CONFIG["supported"]:
            path = work / f"{target}.npz"
            procs[target] = (subprocess.Popen(
                [sys.executable, "-c", CROSS_TARGET, str(path), str(TESTS), target],
                cwd=work, env=env_for(target), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                text=True), path)
    results = {}
    for target, (proc, path) in procs.items():
        out, _ = proc.communicate(timeout=300)
        assert proc.returncode == 0, f"{target}: {out}"
        with np.load(path) as data:
            results[target] = dict(data)
    return results


@pytest.mark.skipif(INSIDE_A_TARGET_RUN, reason="already inside a per-target run")
def test_exact_families_bit_identical_on_every_target(cross_target_results):
    targets = list(cross_target_results)
    if len(targets) < 2:
        pytest.skip("this machine runs a single target")
    first = cross_target_results[targets[0]]
    for target in targets[1:]:
        other = cross_target_results[target]
        assert other.keys() == first.keys()
        for key in first:
            if key.split("-")[0] in ref.EXACT_REFS:
                ref.assert_bits_equal(other[key], first[key], f"{key}: {target} vs {targets[0]}")
            else:   # elu family: NaN exactly where x is NaN, on every target
                assert np.array_equal(np.isnan(other[key]), np.isnan(first[key])), key


# ---------------------------------------------------------- FASTACT_SIMD
SHOW = "import json, fastact; print(json.dumps(fastact.show_config(mode='dicts')))"


@pytest.mark.parametrize("target", LEVELS)
def test_fastact_simd_chooses_the_target_or_falls_back(target, tmp_path):
    """FASTACT_SIMD=t chooses t where the CPU has it, else the best below."""
    r = run_python(SHOW, tmp_path, target)
    assert r.returncode == 0, r.stderr
    cfg = json.loads(r.stdout)
    assert cfg["requested"] == target
    assert cfg["chosen"] == expected_choice(target)
    if target in CONFIG["supported"] and target in CONFIG["compiled"]:
        assert cfg["chosen"] == target


@pytest.mark.parametrize("bad", ["avx9000", FOREIGN, "sse"])
def test_unknown_target_fails_the_import(bad, tmp_path):
    r = run_python("import fastact", tmp_path, bad)
    assert r.returncode != 0
    assert "ImportError" in r.stderr
    message = r.stderr.strip().splitlines()[-1]
    assert bad in message and all(name in message for name in LEVELS), message


@pytest.mark.parametrize("bad", ["avx512\u00e9", b"avx\xff"], ids=["non-ascii", "undecodable"])
def test_non_ascii_target_fails_the_import_cleanly(bad, tmp_path):
    """A non-ASCII (or undecodable) FASTACT_SIMD gives the ImportError that
    lists the valid names, not a UnicodeEncodeError."""
    env = env_for()
    if isinstance(bad, bytes):
        if os.name == "nt":
            pytest.skip("the environment is text on Windows")
        env = {os.fsencode(k): os.fsencode(v) for k, v in env.items()}
        env[b"FASTACT_SIMD"] = bad
    else:
        env["FASTACT_SIMD"] = bad
    r = subprocess.run([sys.executable, "-c", "import fastact"], cwd=tmp_path, env=env,
                       capture_output=True, text=True, timeout=300)
    assert r.returncode != 0
    message = r.stderr.strip().splitlines()[-1]
    assert message.startswith("ImportError") and "valid names" in message, r.stderr
    assert all(name in message for name in LEVELS), message


def test_environment_is_read_once(tmp_path):
    """Setting FASTACT_SIMD after the import changes nothing, reload included."""
    code = ("import importlib, os, fastact\n"
            "os.environ['FASTACT_SIMD'] = 'scalar'\n"
            "importlib.reload(fastact)\n" + SHOW)
    r = run_python(code, tmp_path)
    assert r.returncode == 0, r.stderr
    cfg = json.loads(r.stdout)
    assert cfg["requested"] is None and cfg["chosen"] == expected_choice(LEVELS[-1])


def test_default_is_the_best_supported_target():
    if CONFIG["requested"] is not None:
        pytest.skip("FASTACT_SIMD is set for this run")
    assert CONFIG["chosen"] == expected_choice(LEVELS[-1])


# ------------------------------------------------------------ show_config
def test_show_config_dicts():
    cfg = fa.show_config(mode="dicts")
    assert set(cfg) == {"version", "chosen", "requested", "compiled", "supported",
                        "cpu_features", "build_python", "build_numpy", "build_compiler"}
    assert cfg["version"] == fa.__version__
    assert cfg["chosen"] in cfg["compiled"] and cfg["chosen"] in cfg["supported"]
    assert "scalar" in cfg["compiled"] and cfg["compiled"] == [t for t in LEVELS
                                                               if t in cfg["compiled"]]
    if "avx2" in LEVELS:       # x86-64: a baseline and AVX2+FMA at least
        assert {"sse2", "avx2"} <= set(cfg["compiled"])
    assert all(isinstance(f, str) for f in cfg["cpu_features"])
    cfg["compiled"].append("tampered")     # a copy, not the module's state
    assert "tampered" not in fa.show_config(mode="dicts")["compiled"]


def test_show_config_stdout(capsys):
    assert fa.show_config() is None
    out = capsys.readouterr().out
    assert fa.__version__ in out
    chosen_line = [line for line in out.splitlines() if "chosen" in line]
    assert chosen_line and CONFIG["chosen"] in chosen_line[0]
    assert all(t in out for t in CONFIG["compiled"])
    with pytest.raises(ValueError, match="mode"):
        fa.show_config(mode="json")
