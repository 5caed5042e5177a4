#!/usr/bin/env python3
"""Inspect a fastact build: target instructions only where they belong, and
the free-threading declaration compiled in.

    python tools/check_build_objects.py BUILD_DIR [WHEEL_OR_EXTENSION ...]

BUILD_DIR is a meson build directory of fastact on x86-64 (keep one with
``pip wheel -Cbuild-dir=DIR .``; tools/wheel_check.sh does). The checks:

1. No instruction beyond the x86-64 baseline (SSE2) -- nothing of AVX, AVX2,
   FMA, F16C, AVX-512, BMI1/2, LZCNT, MOVBE or SSE3..SSE4.2/POPCNT -- in the
   ``scalar`` and ``sse2`` kernel libraries or in ``_core`` itself (the
   Cython module and dispatch.c): a wheel built with the AVX-512 target must
   import and run on a CPU without it, where the dispatcher falls back.
2. Positive controls, so that check 1 can fail: the ``avx2`` kernels do use
   AVX2 (ymm registers) and no AVX-512; the ``avx512`` kernels use AVX-512
   (zmm or opmask registers).
3. The linked extension (in BUILD_DIR, and in each wheel or .so given) holds
   exactly the non-baseline instructions of the avx2 and avx512 objects,
   mnemonic by mnemonic: none came from anywhere else.
4. The Cython module was generated with ``freethreading_compatible``: its
   default for ``Py_mod_gil`` is ``Py_MOD_GIL_NOT_USED``.

Needs ``objdump`` (binutils). Exits 1 with the offending instructions listed.
"""
import re
import subprocess
import sys
import tempfile
import zipfile
from collections import Counter
from pathlib import Path

# AVX-512 opmask instructions (kmovw, kortestw, ...); AVX* and FMA/F16C are all
# VEX/EVEX-encoded and so start with "v" in objdump's AT&T output.
KMASK = re.compile(r"^k(mov|and|andn|or|xor|xnor|not|shift[lr]|unpck|test|ortest|add)[bwdq]")
V3_SCALAR = {"andn", "bextr", "blsi", "blsmsk", "blsr", "bzhi", "mulx", "pdep", "pext",
             "rorx", "sarx", "shlx", "shrx", "lzcnt", "movbe"}
# objdump spells `rep bsf` (which baseline code may use) as tzcnt: not counted.
SSE3_TO_42 = re.compile(
    r"^(addsubp[sd]|haddp[sd]|hsubp[sd]|movddup|movs[hl]dup|lddqu|"            # SSE3
    r"pshufb|palignr|pabs[bwd]|psign[bwd]|phadd|phsub|pmaddubsw|pmulhrsw|"     # SSSE3
    r"ptest|pblendvb|pblendw|blendv?p[sd]|round[ps][sd]|pm(in|ax)(sb|sd|uw|ud)\b|"
    r"pmulld|pmuldq|pcmpeqq|pcmpgtq|pmov[sz]x|insertps|extractps|pextr[bdq]|pinsr[bdq]|"
    r"dpp[sd]|mpsadbw|phminposuw|packusdw|movntdqa|pcmp[ei]str[im]|crc32|popcnt)")  # SSE4.x


def classify(mnemonic, operands):
    """The instruction-set class of one instruction, or None for the baseline."""
    if "%zmm" in operands or re.search(r"%k[0-7]\b", operands) or KMASK.match(mnemonic):
        return "avx512"
    if mnemonic.startswith("v") and mnemonic not in ("verr", "verw"):
        return "avx2" if "%ymm" in operands else "avx"
    if mnemonic in V3_SCALAR:
        return "bmi/lzcnt/movbe"
    if SSE3_TO_42.match(mnemonic):
        return "sse3-sse4.2"
    return None


LINE = re.compile(r"^\s*[0-9a-f]+:\s+(?:(?:lock|rep[nz]?|data16|notrack|bnd)\s+)*"
                  r"([a-z][a-z0-9.]*)\s*(.*)$")


def scan(path):
    """(Counter of non-baseline mnemonics, {class: first few 'mnemonic operands'})."""
    out = subprocess.run(["objdump", "-d", "--no-show-raw-insn", str(path)],
                         capture_output=True, text=True, check=True).stdout
    found, examples = Counter(), {}
    for line in out.splitlines():
        m = LINE.match(line)
        if not m:
            continue
        mnemonic, operands = m.group(1), m.group(2)
        cls = classify(mnemonic, operands)
        if cls:
            found[mnemonic] += 1
            examples.setdefault(cls, [])
            if len(examples[cls]) < 3:
                examples[cls].append(f"{mnemonic} {operands}".strip())
    return found, examples


def classes(examples):
    return set(examples)


def objects(build, pattern):
    hits = sorted(build.glob(pattern))
    if not hits:
        sys.exit(f"check_build_objects: nothing matches {pattern} in {build}")
    return hits


def main(argv):
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0 if argv else 2
    build = Path(argv[0])
    failures = []

    def report(label, found, examples):
        summary = ", ".join(f"{c}: {', '.join(e)}" for c, e in sorted(examples.items()))
        print(f"  {label:<34} {sum(found.values()):>6} non-baseline  {summary[:150]}")

    print(f"fastact build objects in {build}:")
    per_target = {}
    for target in ("scalar", "sse2", "avx2", "avx512"):
        found, examples = Counter(), {}
        for obj in objects(build, f"libfastact_{target}.a.p/*.o"):
            f, e = scan(obj)
            found += f
            for c, lst in e.items():
                examples.setdefault(c, []).extend(lst)
        per_target[target] = (found, examples)
        report(f"kernels [{target}]", found, examples)
    core_objs = objects(build, "_core*.p/*.o")
    for obj in core_objs:
        found, examples = scan(obj)
        report(f"_core: {obj.name}", found, examples)
        if found:
            failures.append(f"{obj.name} (part of _core itself) has {dict(found)}")

    for target in ("scalar", "sse2"):
        if per_target[target][0]:
            failures.append(f"the {target} kernels use {sorted(per_target[target][1])}: "
                            f"{per_target[target][1]}")
    avx2_cls, avx512_cls = classes(per_target["avx2"][1]), classes(per_target["avx512"][1])
    if "avx2" not in avx2_cls:
        failures.append("positive control: no ymm instruction found in the avx2 kernels "
                        "(the check cannot see what it looks for)")
    if "avx512" in avx2_cls:
        failures.append(f"the avx2 kernels use AVX-512: {per_target['avx2'][1]['avx512']}")
    if "avx512" not in avx512_cls:
        failures.append("positive control: no AVX-512 instruction found in the avx512 kernels")

    expected = per_target["avx2"][0] + per_target["avx512"][0]
    extensions = [p for p in build.glob("_core*") if p.is_file() and p.suffix in (".so", ".pyd")]
    with tempfile.TemporaryDirectory() as tmp:
        for arg in argv[1:]:
            p = Path(arg)
            if p.suffix == ".whl":
                with zipfile.ZipFile(p) as z:
                    names = [n for n in z.namelist() if re.match(r"fastact/_core[^/]*\.so$", n)]
                    if len(names) != 1:
                        failures.append(f"{p.name}: expected one fastact/_core*.so, got {names}")
                        continue
                    extensions.append(Path(z.extract(names[0], Path(tmp) / p.stem)))
            else:
                extensions.append(p)
        for ext in extensions:
            found, examples = scan(ext)
            label = ext.name if ext.parent.name != "fastact" else f"{ext.parent.parent.name}: {ext.name}"
            print(f"  linked {label}: {sum(found.values())} non-baseline instructions "
                  f"(avx2 + avx512 objects: {sum(expected.values())})")
            if found != expected:
                extra = found - expected
                missing = expected - found
                failures.append(f"{label}: non-baseline instructions differ from the avx2+avx512 "
                                f"objects' (extra {dict(extra)}, missing {dict(missing)})")

    generated = list(build.glob("_core*.p/_core.pyx.c"))
    if len(generated) != 1:
        failures.append(f"expected one generated _core.pyx.c, found {generated}")
    else:
        defs = re.findall(r"#define __Pyx_FREETHREADING_COMPATIBLE (\w+)", generated[0].read_text())
        print(f"  Py_mod_gil default in _core.pyx.c: {defs[-1] if defs else '(not found)'}")
        if not defs or defs[-1] != "Py_MOD_GIL_NOT_USED":
            failures.append("the Cython module does not declare Py_MOD_GIL_NOT_USED "
                            "(freethreading_compatible directive missing, or Cython changed "
                            f"how it spells it): {defs}")

    if failures:
        print("FAILED:\n  " + "\n  ".join(failures))
        return 1
    print("ok: non-baseline instructions only in the avx2/avx512 kernels; "
          "free-threading declared")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
