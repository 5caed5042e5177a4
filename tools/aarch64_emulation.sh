#!/usr/bin/env bash
# fastact on aarch64, on an x86-64 Linux machine: an arm64 Debian root run
# under qemu-user, fastact built inside it from this working tree, and its
# test suite run there on the `neon` and `scalar` targets. Emulation proves
# correctness only: never read a timing from it.
#
#   tools/aarch64_emulation.sh            # = test full: the whole suite, neon and scalar
#                                         # (hours: the MLP examples train under qemu)
#   tools/aarch64_emulation.sh test ci    # the CI subset (see CI_IGNORE below), neon and scalar
#   tools/aarch64_emulation.sh setup      # only create (or check) the arm64 root
#   tools/aarch64_emulation.sh ulp        # float32 elu/elu_grad ULP sample, neon and scalar,
#                                         # -> docs/accuracy_data/elu_ulp_aarch64.txt
#   tools/aarch64_emulation.sh run CMD... # any command in the root's venv, in the source copy
#
# Needs root (mount, chroot) on a Debian/Ubuntu host; installs qemu-user-static,
# debootstrap and binfmt-support with apt if they are missing. Idempotent: the
# root (FASTACT_ARM64_ROOT, default /var/tmp/fastact-arm64) is created once
# (about 11 minutes: debootstrap, then numpy's aarch64 wheel and the test
# dependencies from PyPI) and reused; every run copies the working tree's
# files (tracked and untracked-not-ignored) into it and rebuilds incrementally.
# FASTACT_ARM64_CC=clang-14 builds with clang instead of gcc (installed in
# the root on first use, in its own build folder).
set -euo pipefail

ROOT="${FASTACT_ARM64_ROOT:-/var/tmp/fastact-arm64}"
SUITE="${FASTACT_ARM64_SUITE:-bookworm}"
MIRROR="${FASTACT_ARM64_MIRROR:-http://deb.debian.org/debian}"
CC_IN="${FASTACT_ARM64_CC:-gcc}"
REPO="$(cd "$(dirname "$0")/.." && pwd)"
READY="$ROOT/.fastact-root-ready"
SRC=/work/fastact              # inside the root
VENV=/work/venv                # inside the root
# What the test files import (pyproject's test extra without the examples'
# peers, mypy and pyright, which the CI subset leaves to the native run).
TEST_DEPS="pytest>=8 hypothesis>=6.100 ml_dtypes>=0.5 typing_extensions>=4.6 setuptools"
# The CI subset: one pytest run on the default target (neon; FASTACT_SIMD unset,
# so the default choice is tested too) of every test file but
# the examples (scikit-learn, Dask, xarray and pandas driving fastact: slow
# under emulation, and their machinery is covered natively) and the
# benchmark-script smoke tests. In it, test_dispatch.py runs the value suite
# (values, accuracy, machinery, errors) once more with FASTACT_SIMD=scalar in
# its own process, and checks the relu and leaky_relu families bit-identical
# between the two targets: both targets are tested.
CI_IGNORE=(--ignore=tests/test_examples.py --ignore=tests/test_benchmarks.py)

log() { printf '[aarch64] %s\n' "$*" >&2; }

need_root() {
    if [ "$(id -u)" != 0 ]; then
        echo "tools/aarch64_emulation.sh needs root (mount, chroot, debootstrap)" >&2
        exit 2
    fi
}

host_packages() {
    local missing=()
    command -v qemu-aarch64-static >/dev/null || missing+=(qemu-user-static)
    command -v debootstrap >/dev/null || missing+=(debootstrap)
    command -v update-binfmts >/dev/null || missing+=(binfmt-support)
    if [ ${#missing[@]} -gt 0 ]; then
        log "installing ${missing[*]}"
        apt-get update -q
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
    fi
}

# A qemu-aarch64 handler with the F (fix-binary) flag: the kernel opens the
# interpreter when it is registered, so it works inside the chroot without a
# copy of qemu there.
binfmt() {
    local bm=/proc/sys/fs/binfmt_misc
    if [ ! -e "$bm/register" ]; then
        mount -t binfmt_misc binfmt_misc "$bm"
    fi
    if [ -e "$bm/qemu-aarch64" ] && ! grep -q '^flags:.*F' "$bm/qemu-aarch64"; then
        echo -1 > "$bm/qemu-aarch64"    # registered without F: replace it
    fi
    if [ ! -e "$bm/qemu-aarch64" ]; then
        # Debian's qemu-user-static declares fix_binary yes (flags "PF").
        update-binfmts --enable qemu-aarch64 || true
    fi
    if [ ! -e "$bm/qemu-aarch64" ]; then
        # ELF64, little endian, e_machine EM_AARCH64 (183 = 0xb7): the magic and
        # mask of Debian's /usr/share/binfmts/qemu-aarch64.
        local magic='\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\xb7\x00'
        local mask='\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff'
        echo ":qemu-aarch64:M::$magic:$mask:$(command -v qemu-aarch64-static):F" > "$bm/register"
    fi
    grep -q '^enabled' "$bm/qemu-aarch64"
    grep -q '^flags:.*F' "$bm/qemu-aarch64" || { log "qemu-aarch64 handler lacks the F flag"; exit 1; }
}

MOUNTED=()
mount_root() {
    local d
    for d in proc dev sys dev/shm; do
        mkdir -p "$ROOT/$d"
        if ! mountpoint -q "$ROOT/$d"; then
            case $d in
                proc) mount -t proc proc "$ROOT/proc" ;;
                sys) mount -t sysfs sysfs "$ROOT/sys" ;;
                dev) mount --bind /dev "$ROOT/dev" ;;
                dev/shm) mount -t tmpfs -o mode=1777 tmpfs "$ROOT/dev/shm" ;;
            esac
            MOUNTED=("$ROOT/$d" "${MOUNTED[@]}")
        fi
    done
    cp -L /etc/resolv.conf "$ROOT/etc/resolv.conf"
    # The host's CA bundle, for pip: a TLS-intercepting proxy that the host
    # trusts is trusted inside too.
    if [ -f /etc/ssl/certs/ca-certificates.crt ]; then
        cp -L /etc/ssl/certs/ca-certificates.crt "$ROOT/etc/fastact-host-ca.crt"
    fi
}

umount_root() {
    local m
    for m in "${MOUNTED[@]}"; do
        if mountpoint -q "$m"; then umount "$m" || umount -l "$m" || true; fi
    done
    MOUNTED=()
}
trap umount_root EXIT

in_root() {   # in_root CMD...: a clean environment in the root, the venv on PATH
    local env=(HOME=/root LANG=C.UTF-8 TERM=dumb PIP_DISABLE_PIP_VERSION_CHECK=1
               PATH="$VENV/bin:/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin")
    [ -f "$ROOT/etc/fastact-host-ca.crt" ] && env+=(PIP_CERT=/etc/fastact-host-ca.crt)
    [ -n "${FASTACT_SIMD:-}" ] && env+=(FASTACT_SIMD="$FASTACT_SIMD")
    chroot "$ROOT" /usr/bin/env -i "${env[@]}" "$@"
}

make_root() {
    if [ -e "$READY" ]; then
        mount_root
        return
    fi
    if [ ! -x "$ROOT/debootstrap/debootstrap" ] && [ ! -x "$ROOT/usr/bin/python3" ]; then
        if [ -d "$ROOT" ] && [ -n "$(ls -A "$ROOT")" ]; then
            log "$ROOT exists and is not an arm64 root made by this script: remove it or"
            log "set FASTACT_ARM64_ROOT to another folder"
            exit 1
        fi
        log "debootstrap --foreign $SUITE arm64 into $ROOT"
        debootstrap --foreign --arch=arm64 --variant=minbase \
            --include=python3,python3-venv,python3-dev,gcc,libc6-dev,ca-certificates \
            "$SUITE" "$ROOT" "$MIRROR"
    fi
    mount_root
    if [ -x "$ROOT/debootstrap/debootstrap" ]; then
        log "debootstrap --second-stage (under qemu)"
        chroot "$ROOT" /debootstrap/debootstrap --second-stage
        # (the second stage mounts and unmounts the root's /proc itself, which
        # takes ours away: psutil, under Dask, then finds no /proc/meminfo)
        mount_root
    fi
    [ "$(in_root uname -m)" = aarch64 ] || { log "the root does not run as aarch64"; exit 1; }
    log "python venv and the test dependencies (numpy's aarch64 wheels, from PyPI)"
    in_root /usr/bin/python3 -m venv "$VENV"
    # The build dependencies (built with --no-build-isolation) and the test extras.
    in_root python -m pip install -q --only-binary=numpy,ml_dtypes \
        'meson-python>=0.16' 'meson>=1.4' ninja 'cython>=3.1' 'numpy>=2.0' $TEST_DEPS \
        scikit-learn 'dask[array,distributed]' xarray pandas
    touch "$READY"
}

sync_tree() {
    # The files git would commit (tracked, and untracked but not ignored), with
    # their mtimes, so the build folder (kept outside the copy) rebuilds only
    # what changed.
    rm -rf "$ROOT$SRC"
    mkdir -p "$ROOT$SRC"
    (cd "$REPO" && git ls-files -z --cached --others --exclude-standard |
        while IFS= read -r -d '' f; do     # not the deleted, not-yet-committed ones
            if [ -e "$f" ]; then printf '%s\0' "$f"; fi
        done | tar --null -T - -cf -) | tar -xf - -C "$ROOT$SRC"
}

build() {
    local bdir=/work/build-$CC_IN
    if ! in_root sh -c "command -v $CC_IN" >/dev/null; then
        log "installing $CC_IN in the root"
        in_root apt-get update -q
        in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$CC_IN"
    fi
    # the test dependencies as they are now (a root made by an older checkout
    # lacks newer ones; pip does nothing when they are there)
    in_root python -m pip install -q --only-binary=numpy,ml_dtypes $TEST_DEPS
    log "pip install fastact (CC=$CC_IN, build folder $bdir)"
    in_root sh -c "cd $SRC && CC=$CC_IN python -m pip install -q \
        --no-build-isolation --no-deps --config-settings=build-dir=$bdir ." 
    in_root sh -c "cd /tmp && python -c 'import fastact; fastact.show_config()'"
}

check_half() {   # simd.h's float16 conversions on neon, against bit-level definitions
    log "tools/check_half_ops.c on neon ($CC_IN)"
    in_root sh -c "cd $SRC && $CC_IN -O2 -std=c11 -Wall -Wextra -Werror -DFA_TARGET_NEON \
        -Ifastact/src tools/check_half_ops.c -o /tmp/check_half_ops -lm && /tmp/check_half_ops"
}

run_pytest() {   # run_pytest TARGET|"" [pytest args]: "" = FASTACT_SIMD unset (neon chosen)
    local t=$1
    shift
    log "pytest $* with FASTACT_SIMD=${t:-(unset)}"
    FASTACT_SIMD=$t in_root sh -c "cd $SRC && pytest -q -p no:cacheprovider $*" ||
        { log "FAILED on ${t:-the default target}"; return 1; }
}

run_tests() {   # run_tests full|ci
    case ${1:-full} in
        full) run_pytest neon && run_pytest scalar ;;
        ci) run_pytest "" "${CI_IGNORE[@]}" ;;
        *) echo "test: full or ci" >&2; return 2 ;;
    esac
}

main() {
    local cmd=${1:-test}
    [ $# -gt 0 ] && shift
    need_root
    # One run at a time per root: runs share its source copy and build folders
    # (CI in one checkout and a developer in another would clobber each other).
    exec 9>"${ROOT%/}.lock"
    if ! flock -n 9; then
        log "waiting for the other run that holds ${ROOT%/}.lock"
        flock 9
    fi
    host_packages
    binfmt
    make_root
    case $cmd in
        setup) in_root python -c 'import numpy, platform; print(platform.machine(), "numpy", numpy.__version__)' ;;
        test) sync_tree; build; check_half; run_tests "${1:-full}" ;;
        ulp) sync_tree; build
             in_root sh -c "cd $SRC && python -P tools/elu_ulp_exhaustive.py --sample \
                 --targets neon scalar --out /work/elu_ulp_aarch64.txt"
             cp "$ROOT/work/elu_ulp_aarch64.txt" "$REPO/docs/accuracy_data/elu_ulp_aarch64.txt"
             log "wrote docs/accuracy_data/elu_ulp_aarch64.txt" ;;
        run) sync_tree; build; in_root sh -c "cd $SRC && $*" ;;
        *) echo "usage: $0 [setup | test [full|ci] | ulp | run CMD...]" >&2; exit 2 ;;
    esac
}

# One line, read whole before it runs: editing this file during a run is safe.
main "$@"; exit $?
