#!/usr/bin/env python3
"""Run the installed fastact (built with every target, AVX-512 included) on
emulated CPUs that lack AVX-512 or AVX, and check that the dispatcher falls back.

    python tools/cpu_fallback_check.py        # with the Python that has fastact

Under ``qemu-x86_64 -cpu <model>`` (user mode: CPUID reports the model's
features, and an instruction it lacks raises SIGILL) fastact must choose
* ``avx2`` on Haswell (AVX2+FMA, no AVX-512),
* ``sse2`` on Nehalem (SSE4.2, no AVX),
and every ufunc, on every float dtype (and int16 for the relu family), must give
the same bits as the same calls made natively with ``FASTACT_SIMD`` set to that
target (where this qemu cannot emulate AVX2 gathers, see GATHER_PROBE, the
calls that compile to gathers are left out under Haswell: strided layouts, and
float64 elu_grad / elu_backward, whose exp table lookup is a vgatherqpd).
Controls: a probe instruction of the missing set does raise SIGILL under the
same emulated CPU, so a wrong choice could not go unnoticed.

Exits 0 with a note when no qemu-x86_64 or C compiler is installed (nothing
checked); 1 on any failure.
"""
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

# (model, target expected, probe of the instruction set it lacks, its name)
MODELS = [("Haswell", "avx2", "vpxord %%zmm0, %%zmm0, %%zmm0", "AVX-512"),
          ("Nehalem", "sse2", "vxorps %%ymm0, %%ymm0, %%ymm0", "AVX")]

# qemu-user 7.2 (Debian 12) emulates vgatherdps with a base register r8-r15
# wrongly (it reads another base: wrong values or a segfault), and the avx2
# strided loops (gathers) are compiled that way. This probe finds out; where it
# fails, the calls that gather are left out under the AVX2 model. Native AVX2
# hardware computes them right (the test suite checks them there).
GATHER_PROBE = r"""
#include <stdio.h>
int main(void) {
    float a[32], out[8]; int idx[8] = {0, 3, 6, 9, 12, 15, 18, 21};
    for (int i = 0; i < 32; i++) a[i] = (float)i;
    register const float *base __asm__("r8") = a;
    __asm__ volatile("vmovdqu (%1), %%ymm4\n\tvpcmpeqd %%ymm7, %%ymm7, %%ymm7\n\t"
                     "vxorps %%ymm3, %%ymm3, %%ymm3\n\t"
                     "vgatherdps %%ymm7, (%%r8, %%ymm4, 4), %%ymm3\n\t"
                     "vmovups %%ymm3, (%0)\n\tvzeroupper"
                     :: "r"(out), "r"(idx), "r"(base) : "xmm3", "xmm4", "xmm7", "memory");
    for (int i = 0; i < 8; i++) if (out[i] != (float)(3 * i)) return 1;
    return 0;
}
"""

COMPUTE = r"""
import sys
import numpy as np
import fastact as fa
from fastact._table import UFUNCS
cfg = fa.show_config(mode="dicts")
rng = np.random.default_rng(5)
special = [0.0, -0.0, 1.0, -1.0, 1e-30, -1e-30, 88.8, -88.8, 710.0, -710.0,
           np.inf, -np.inf, np.nan]
out = {"chosen": np.array(cfg["chosen"])}
gathers = sys.argv[2] == "gathers"   # "no-gathers": the calls that gather are left out
with np.errstate(all="ignore"):
    for name, spec in UFUNCS.items():
        f = getattr(fa, name)
        has_alpha = spec.has_alpha
        for t in (np.float16, np.float32, np.float64, np.int16):
            c = np.dtype(t).char
            if f"{c * f.nin}->{c}" not in f.types:
                continue
            ops = []
            for i in range(f.nin):
                if spec.inputs[i] == "alpha":
                    ops.append(rng.uniform(0.05, 2.0, 1031).astype(t))
                elif np.dtype(t).kind == "i":
                    ops.append(rng.integers(-30000, 30000, 1031).astype(t))
                else:
                    x = (rng.standard_normal(1031) * 4).astype(t)
                    x[: len(special)] = special
                    ops.append(x)
            # (float64 elu_grad / elu_backward look their exp table up with a
            # gather on avx2: left out where the emulator gets gathers wrong)
            if not gathers and t is np.float64 and name in ("elu_grad", "elu_backward"):
                continue
            key = f"{name}-{np.dtype(t).char}"
            out[key] = f(*ops)
            if gathers:   # strided layouts compile to gathers
                out[key + "-strided"] = f(*[o[::3] for o in ops])
            if has_alpha:
                out[key + "-scalar"] = f(*ops[:-1], 0.7)
np.savez(sys.argv[1], **out)
print(cfg["chosen"], "of", cfg["supported"], "-", len(out) - 1, "results")
"""


def main():
    qemu = shutil.which("qemu-x86_64-static") or shutil.which("qemu-x86_64")
    cc = shutil.which(os.environ.get("CC", "cc")) or shutil.which("gcc")
    if not qemu or not cc:
        print("cpu_fallback_check: SKIPPED, needs qemu-x86_64 (qemu-user) and a C compiler")
        return 0
    import numpy as np
    failures = []
    env = {k: v for k, v in os.environ.items() if k != "FASTACT_SIMD"}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        script = tmp / "compute.py"
        script.write_text(COMPUTE)
        gsrc, gprobe = tmp / "gather.c", tmp / "gather"
        gsrc.write_text(GATHER_PROBE)
        subprocess.run([cc, "-O1", "-o", str(gprobe), str(gsrc)], check=True)
        if subprocess.run([str(gprobe)]).returncode != 0:
            failures.append("the gather probe fails natively")
        for model, expect, probe_insn, lacks in MODELS:
            probe = tmp / f"probe-{model}"
            src = tmp / f"probe-{model}.c"
            src.write_text('int main(void) { __asm__ volatile("%s" ::: "xmm0"); return 0; }\n'
                           % probe_insn)
            subprocess.run([cc, "-O1", "-o", str(probe), str(src)], check=True)
            r = subprocess.run([qemu, "-cpu", model, str(probe)], capture_output=True)
            if r.returncode == 0:
                failures.append(f"control: qemu -cpu {model} ran an {lacks} instruction")
                continue
            emu, nat = tmp / f"{model}.npz", tmp / f"{model}-native.npz"
            gathers = "gathers"
            if expect == "avx2" and subprocess.run([qemu, "-cpu", model, str(gprobe)],
                                                   capture_output=True).returncode != 0:
                gathers = "no-gathers"
                print(f"  qemu -cpu {model}: this qemu mis-emulates vgatherdps with base r8-r15;"
                      f" strided layouts and float64 elu_grad/elu_backward left out for {expect}")
            # the venv's own path as argv[0], so the emulated Python finds its site-packages
            r = subprocess.run([qemu, "-cpu", model, sys.executable, str(script), str(emu), gathers],
                               cwd=tmp, env=env, capture_output=True, text=True, timeout=900)
            if r.returncode != 0:
                failures.append(f"-cpu {model} (no {lacks}): rc {r.returncode}\n{r.stderr[-3000:]}")
                continue
            print(f"  qemu -cpu {model:<8} (no {lacks:<7}): {r.stdout.strip()}")
            r = subprocess.run([sys.executable, str(script), str(nat), gathers], cwd=tmp,
                               env={**env, "FASTACT_SIMD": expect},
                               capture_output=True, text=True, timeout=900)
            if r.returncode != 0:
                failures.append(f"native FASTACT_SIMD={expect}: {r.stderr[-3000:]}")
                continue
            with np.load(emu) as a, np.load(nat) as b:
                if str(a["chosen"]) != expect:
                    failures.append(f"-cpu {model}: chose {a['chosen']}, expected {expect}")
                if len(a.files) < 3 * 9:    # 9+ ufuncs x 3 float dtypes at least
                    failures.append(f"-cpu {model}: only {len(a.files) - 1} results computed")
                if sorted(a.files) != sorted(b.files):
                    failures.append(f"-cpu {model}: different result sets")
                    continue
                differ = [k for k in a.files if k != "chosen" and
                          (a[k].dtype != b[k].dtype or a[k].tobytes() != b[k].tobytes())]
                if differ:
                    failures.append(f"-cpu {model}: results differ from native "
                                    f"FASTACT_SIMD={expect} in {differ[:8]}")
                else:
                    print(f"  {'':<30}  {len(a.files) - 1} results bit-identical to native "
                          f"FASTACT_SIMD={expect}")
    if failures:
        print("cpu_fallback_check FAILED:\n  " + "\n  ".join(failures))
        return 1
    print("cpu_fallback_check: ok, the AVX-512 build falls back on CPUs without AVX-512 / AVX")
    return 0


if __name__ == "__main__":
    sys.exit(main())
