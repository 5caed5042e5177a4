#!/usr/bin/env bash
# Build fastact with AddressSanitizer + UndefinedBehaviorSanitizer and run the
# value, machinery, error, flag and dispatch tests under them. test_dispatch.py
# reruns the suite in a subprocess per SIMD target this CPU has, and those
# inherit the sanitizer environment, so every target is covered.
#
#   bash tools/sanitize.sh                  # gcc (CC=clang-14 for clang)
#   bash tools/sanitize.sh -k relu          # extra arguments go to pytest
#
# Any report fails the run: ASan halts on the first error, UBSan is compiled
# with -fno-sanitize-recover=all (every check is fatal). The kernels keep the
# release optimisation level, so the instrumented loops are the shipped ones.
# The build goes to build/sanitize and a virtual environment of its own
# (FASTACT_SAN_VENV, default $TMPDIR/fastact-san-venv), reused when present.
set -euo pipefail
cd "$(dirname "$0")/.."
CC=${CC:-cc}
venv=${FASTACT_SAN_VENV:-${TMPDIR:-/tmp}/fastact-san-venv}
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
# shellcheck disable=SC1091
. "$venv/bin/activate"
python -m pip install --quiet --upgrade pip
python -m pip install --quiet meson-python "meson>=1.4" ninja "cython>=3.0.10" "numpy>=2.0" \
    "pytest>=8" "hypothesis>=6.100"

# Python itself is not instrumented: the ASan runtime must be loaded first.
case "$("$CC" --version | head -n 1)" in
    *clang*) runtime=$("$CC" -print-file-name="libclang_rt.asan-$(uname -m).so") ;;
    *) runtime=$("$CC" -print-file-name=libasan.so) ;;
esac
[ -e "$runtime" ] || { echo "sanitize: no ASan runtime for $CC ($runtime)" >&2; exit 1; }

CC="$CC" python -m pip install --quiet --no-build-isolation --force-reinstall --no-deps \
    -Cbuild-dir=build/sanitize \
    -Csetup-args=-Db_sanitize=address,undefined \
    -Csetup-args=-Db_lundef=false \
    "-Csetup-args=-Dc_args=-fno-sanitize-recover=all -fno-omit-frame-pointer" \
    .

export LD_PRELOAD="$runtime"
export ASAN_OPTIONS="halt_on_error=1:abort_on_error=1:detect_leaks=0:detect_odr_violation=0"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
export PYTHONMALLOC=malloc   # let ASan see every allocation
# A report goes to the file descriptor 2 of the process that dies: keep
# pytest (and the per-target pytest runs, which inherit this) from capturing it.
export PYTEST_ADDOPTS="--capture=sys ${PYTEST_ADDOPTS:-}"
python -P - <<'EOF'
import fastact
cfg = fastact.show_config(mode="dicts")
print("sanitize: fastact", cfg["version"], "targets", cfg["compiled"])
EOF
cd tests
python -m pytest -p no:cacheprovider -q test_values.py test_machinery.py test_errors.py \
    test_fpstatus.py test_dispatch.py "$@"
