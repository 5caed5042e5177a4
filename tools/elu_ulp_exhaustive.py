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
"""
import argparse
import json
import os
import subprocess
import sys

import numpy as np

ALPHAS = (1.0, 0.3, 1.7, 0.1)
CHUNK = 1 << 24


def ulp_f32(ref):
    """ULP of the float32 grid at |ref| (ref in float64)."""
    _, e = np.frexp(np.abs(ref))
    return np.ldexp(1.0, np.maximum(e - 24, -149))


def measure():
    """In this process (FASTACT_SIMD already set): max error per case."""
    import fastact as fa

    worst = {(f, a): (0.0, 0.0) for f in ("elu", "elu_grad") for a in ALPHAS}
    nan_ok = True
    for start in range(0x80000000, 0x100000000, CHUNK):
        x = np.arange(start, start + CHUNK, dtype=np.uint64).astype(np.uint32).view(np.float32)
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
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(measure()))
        return
    if args.targets is None:
        import fastact
        args.targets = fastact.show_config(mode="dicts")["supported"]
    lines = ["float32, all 2**31 negative inputs, max error in ULPs (input where it occurs)",
             "",
             "| target | function | alpha | max ULP | at x | NaN -> NaN |",
             "|---|---|---|---|---|---|"]
    for t in args.targets:
        env = dict(os.environ, FASTACT_SIMD=t)
        res = json.loads(subprocess.run([sys.executable, "-P", __file__, "--child"], env=env,
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
