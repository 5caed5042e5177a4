"""Shared set-up of fastact's tests.

* The header says which fastact is under test (its file) and which SIMD target
  it chose, so a run on the wrong build or path is visible at once.
* ``tests/`` goes on ``sys.path`` so the test modules can ``import reference``
  (the NumPy twin) under ``--import-mode=importlib``; the repository root does
  not (the source folder ``fastact/`` must not shadow the installed build).
* The value suite is run again in a subprocess per SIMD target by
  test_dispatch.py, with ``FASTACT_SIMD=<target>`` and
  ``FASTACT_TEST_TARGET=<target>``: such a run stops at once if the target
  chosen is not the one expected, or if fastact was imported from another
  place than in the parent run (``FASTACT_TEST_FILE``).
* Maximum ULP errors measured by the elu tests are collected (``ulp_record``)
  and printed in the terminal summary, together with those that the
  per-target subprocesses report back (through ``FASTACT_ULP_REPORT``).
* Hypothesis profiles (the property tests against the reference): ``dev``
  (the local default, 200 examples a test, random), ``ci`` (chosen when
  ``CI`` is set, or by ``HYPOTHESIS_PROFILE=ci``: 1000 examples, derandomized,
  so a CI failure replays). ``FASTACT_FUZZ_MINUTES=M`` turns a run into a
  fuzzing session: the property tests share M minutes, each repeating fresh
  random runs until its share is spent.
* ``FASTACT_TEST_SAMPLE=k`` runs about one in k of each test function's
  parametrized cases (the same ones every run, at least one per function):
  CI's extra builds (clang, sanitizers) sample the cross-product of ufuncs,
  dtypes and layouts that the main run covers in full.
"""
import json
import os
import sys
import time
import zlib
from collections import defaultdict
from pathlib import Path

import numpy as np
import pytest
from hypothesis import settings

settings.register_profile("dev", max_examples=200, deadline=None)
settings.register_profile("ci", max_examples=1000, deadline=None, derandomize=True,
                          print_blob=True)
settings.register_profile("fuzz", max_examples=2000, deadline=None)
FUZZ_SECONDS = 60 * float(os.environ.get("FASTACT_FUZZ_MINUTES") or 0)
HYPOTHESIS_PROFILE = os.environ.get("HYPOTHESIS_PROFILE") or (
    "fuzz" if FUZZ_SECONDS else "ci" if os.environ.get("CI") else "dev")
settings.load_profile(HYPOTHESIS_PROFILE)

TESTS = Path(__file__).resolve().parent
if str(TESTS) not in sys.path:
    sys.path.insert(0, str(TESTS))

import fastact  # noqa: E402

CONFIG = fastact.show_config(mode="dicts")

# (ufunc, dtype, alpha) -> max ULP error, for this process's target
_ULP = {}
# target -> {(ufunc, dtype, alpha): max ULP}, filled by the per-target runs
_ULP_BY_TARGET = defaultdict(dict)


def pytest_report_header(config):
    return [f"fastact {CONFIG['version']} from {os.path.dirname(fastact.__file__)}",
            f"fastact SIMD target: {CONFIG['chosen']} (FASTACT_SIMD={CONFIG['requested']}, "
            f"compiled {CONFIG['compiled']}, supported {CONFIG['supported']})",
            f"hypothesis profile: {HYPOTHESIS_PROFILE}"
            + (f" ({FUZZ_SECONDS / 60:g} minutes of fuzzing)" if FUZZ_SECONDS else "")]


def _is_property_test(item):
    return getattr(getattr(item, "obj", None), "is_hypothesis_test", False)


SAMPLE = int(os.environ.get("FASTACT_TEST_SAMPLE") or 1)


def _sampled(items, k):
    """About 1 in k of each test function's parametrized cases (chosen by a
    hash of the test id: the same ones every run), at least one per function."""
    by_function = defaultdict(list)
    for item in items:
        by_function[getattr(item, "originalname", item.name)
                    + str(getattr(item, "fspath", ""))].append(item)
    keep = set()
    for group in by_function.values():
        chosen = [i for i in group if zlib.crc32(i.nodeid.encode()) % k == 0] or group[:1]
        keep.update(map(id, chosen))
    return [i for i in items if id(i) in keep]


def pytest_collection_modifyitems(config, items):
    if SAMPLE > 1:   # (CI's extra builds: clang, sanitizers; see docs/testing.rst)
        kept = _sampled(items, SAMPLE)
        config.hook.pytest_deselected(items=[i for i in items if i not in kept])
        items[:] = kept
    config._fastact_properties = sum(map(_is_property_test, items))


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem):
    """Under FASTACT_FUZZ_MINUTES, run a property test again and again (each
    run a fresh random one) until its share of the time is spent."""
    if not (FUZZ_SECONDS and _is_property_test(pyfuncitem)):
        return None
    share = FUZZ_SECONDS / max(pyfuncitem.config._fastact_properties, 1)
    args = {a: pyfuncitem.funcargs[a] for a in pyfuncitem._fixtureinfo.argnames}
    end = time.monotonic() + share
    runs = 0
    while runs == 0 or time.monotonic() < end:
        pyfuncitem.obj(**args)
        runs += 1
    return True


def pytest_configure(config):
    """In a per-target run (test_dispatch.py), make sure it tests what it says."""
    expected = os.environ.get("FASTACT_TEST_TARGET")
    if expected and CONFIG["chosen"] != expected:
        pytest.exit(f"FASTACT_SIMD={CONFIG['requested']} chose {CONFIG['chosen']!r}, "
                    f"but this run is meant to test {expected!r}", returncode=3)
    expected_file = os.environ.get("FASTACT_TEST_FILE")
    if expected_file and os.path.realpath(expected_file) != os.path.realpath(fastact.__file__):
        pytest.exit(f"this run imported fastact from {fastact.__file__}, "
                    f"not from {expected_file}", returncode=3)


@pytest.fixture
def rng():
    return np.random.default_rng(20240611)


@pytest.fixture(scope="session")
def ulp_record():
    """record(ufunc, dtype, alpha_label, max_ulp): keep the largest seen."""
    def record(ufunc, dtype, alpha, value):
        key = (ufunc, np.dtype(dtype).name, str(alpha))
        _ULP[key] = max(_ULP.get(key, 0.0), float(value))
    return record


@pytest.fixture(scope="session")
def ulp_by_target():
    return _ULP_BY_TARGET


def pytest_sessionfinish(session):
    path = os.environ.get("FASTACT_ULP_REPORT")
    if path and _ULP:
        Path(path).write_text(json.dumps([[*k, v] for k, v in sorted(_ULP.items())]))


def pytest_terminal_summary(terminalreporter):
    tables = dict(_ULP_BY_TARGET)
    if _ULP:
        tables.setdefault(CONFIG["chosen"], {}).update(_ULP)
    if not tables:
        return
    terminalreporter.section("elu family: max ULP error measured")
    keys = sorted({k for t in tables.values() for k in t})
    targets = [t for t in CONFIG["compiled"] if t in tables]
    head = f"{'ufunc':<14}{'dtype':<9}{'alpha':<15}" + "".join(f"{t:>9}" for t in targets)
    terminalreporter.write_line(head)
    for k in keys:
        cells = "".join(f"{tables[t][k]:>9.3f}" if k in tables[t] else f"{'-':>9}"
                        for t in targets)
        terminalreporter.write_line(f"{k[0]:<14}{k[1]:<9}{k[2]:<15}" + cells)
