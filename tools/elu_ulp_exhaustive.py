"""Exhaustive accuracy check of float32 elu and elu_grad.

Every one of the 2**31 float32 inputs with the sign bit set (-0.0, negative
subnormals and normals, -inf, negative NaNs) goes through fastact, once per
SIMD target this machine runs (each in its own process, FASTACT_SIMD set),
and is compared with the formula evaluated in float64 (np.expm1 / np.exp, whose
own error is ~1e-16 relative, far below a float32 ULP). The error is measured
in ULPs of the float32 result: |y - ref| / ulp(ref), ulp of a subnormal being
2**-149. NaN inputs must give NaN.

    python tools/elu_ulp_exhaustive.py                 # all targets, ~10 min
    python tools/elu_ulp_exhaustive.py --targets avx2 --out table.txt

--sample checks a dense deterministic sample instead, for machines where all
2**31 inputs would take hours (aarch64 under qemu: tools/aarch64_emulation.sh
ulp): every 128th negative bit pattern (2**24 inputs, evenly spread, -0.0,
-inf and NaNs included), plus every input within 2**12 ULPs of each worst case
that the exhaustive runs found (the "at x" column of SAMPLE_AROUND).
"""
import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np

ALPHAS = (1.0, 0.3, 1.7, 0.1)
CHUNK = 1 << 24
SAMPLE_STEP = 1 << 7                  # 2**31 / 2**7 = 2**24 sampled inputs
SAMPLE_RADIUS = 1 << 12               # ULPs either side of each known worst case
SAMPLE_AROUND = Path(__file__).resolve().parents[1] / "docs" / "accuracy_data" / "elu_ulp.txt"


def ulp_f32(ref):
    """ULP of the float32 grid at |ref| (ref in float64, finite): 2^(e - 23)
    for |ref| in [2^e, 2^(e+1)), 2^-149 below 2^-126; built from the exponent
    bits (frexp and ldexp are several times slower on 2**24 elements)."""
    e = ((ref.view(np.uint64) >> np.uint64(52)) & np.uint64(0x7ff)).astype(np.int64) - 1023
    return (np.maximum(e - 23, -149) + 1023).astype(np.uint64).__lshift__(np.uint64(52)).view(np.float64)


def exhaustive_bits():
    """All 2**31 bit patterns with the sign bit set, CHUNK at a time."""
    for start in range(0x80000000, 0x100000000, CHUNK):
        yield np.arange(start, start + CHUNK, dtype=np.uint64).astype(np.uint32)


def worst_cases(path=SAMPLE_AROUND):
    """The inputs ("at x") of every row of an exhaustive-run table."""
    xs = set()
    for line in Path(path).read_text().splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 6 and re.fullmatch(r"-\d[\d.e+-]*", cells[4]):
            xs.add(float(cells[4]))
    if not xs:
        raise SystemExit(f"no worst cases found in {path}")
    return sorted(xs)


def sample_bits():
    """The dense sample: every SAMPLE_STEP-th negative pattern, then the
    neighbourhoods of the known worst cases (which are negative, so the bit
    patterns grow with |x|)."""
    step_chunk = (CHUNK >> 2) * SAMPLE_STEP     # 2**22 inputs at a time
    for start in range(0x80000000, 0x100000000, step_chunk):
        yield np.arange(start, start + step_chunk, SAMPLE_STEP, dtype=np.uint64).astype(np.uint32)
    for x in worst_cases():
        b = int(np.float32(x).view(np.uint32))
        lo, hi = max(b - SAMPLE_RADIUS, 0x80000000), min(b + SAMPLE_RADIUS, 0xffffffff)
        yield np.arange(lo, hi + 1, dtype=np.uint64).astype(np.uint32)


def sample_size():
    return sum(len(b) for b in sample_bits())


def measure(sample=False, alphas=ALPHAS):
    """In this process (FASTACT_SIMD already set): max error per case."""
    import fastact as fa

    worst = {(f, a): (0.0, 0.0) for f in ("elu", "elu_grad") for a in alphas}
    nan_ok = True
    for bits in (sample_bits() if sample else exhaustive_bits()):
        x = bits.view(np.float32)
        xd = x.astype(np.float64)
        nan = np.isnan(x)
        refs = {"elu": np.expm1(xd), "elu_grad": np.exp(xd)}
        for (f, a), (err, at) in worst.items():
            y = getattr(fa, f)(x, np.float32(a))
            nan_ok &= bool(np.isnan(y[nan]).all())
            ref = refs[f] * np.float64(np.float32(a))   # the alpha fastact got
            e = np.abs(y.astype(np.float64) - ref) / ulp_f32(ref)
            e[nan] = 0
            i = int(np.argmax(e))
            if e[i] > err:
                worst[(f, a)] = (float(e[i]), float(x[i]))
    return {"target": fa.show_config(mode="dicts")["chosen"], "nan_ok": nan_ok,
            "worst": {f"{f}|{a}": v for (f, a), v in worst.items()}}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--targets", nargs="*", help="default: every target this CPU supports")
    ap.add_argument("--out", help="also write the table to this file")
    ap.add_argument("--sample", action="store_true",
                    help="a dense deterministic sample instead of all 2**31 inputs")
    ap.add_argument("--alphas", nargs="*", type=float, default=list(ALPHAS),
                    help="default: %(default)s (the spec's exhaustive claim is alpha = 1)")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(measure(args.sample, tuple(args.alphas))))
        return
    if args.targets is None:
        import fastact
        args.targets = fastact.show_config(mode="dicts")["supported"]
    if args.sample:
        title = (f"float32, dense sample of {sample_size():,} negative inputs (every "
                 f"{SAMPLE_STEP}th bit pattern, and all within {SAMPLE_RADIUS} ULPs of the "
                 f"{len(worst_cases())} exhaustive-run worst cases), max error in ULPs "
                 f"(input where it occurs)")
    else:
        title = "float32, all 2**31 negative inputs, max error in ULPs (input where it occurs)"
    lines = [title,
             "",
             "| target | function | alpha | max ULP | at x | NaN -> NaN |",
             "|---|---|---|---|---|---|"]
    for t in args.targets:
        env = dict(os.environ, FASTACT_SIMD=t)
        child = [sys.executable, "-P", __file__, "--child", "--alphas", *map(str, args.alphas)]
        child += ["--sample"] if args.sample else []
        res = json.loads(subprocess.run(child, env=env,
                                        check=True, capture_output=True, text=True).stdout)
        for key, (err, at) in res["worst"].items():
            f, a = key.split("|")
            lines.append(f"| {res['target']} | {f} | {a} | {err:.3f} | {at!r} | {res['nan_ok']} |")
        print(lines[-1] if len(lines) < 6 else "\n".join(lines[-len(res['worst']):]), flush=True)
    text = "\n".join(lines) + "\n"
    print(text)
    if args.out:
        os.makedirs(os.path.dirname(args.out) or ".", exist_ok=True)
        with open(args.out, "w") as fh:
            fh.write(text)


if __name__ == "__main__":
    main()
