"""Exhaustive float32 accuracy check of every ULP-bounded ufunc of the table.

For each ufunc whose accuracy class in fastact/_table.py is a ULP bound and
whose kind is the activation or its derivative (``f``, ``f_grad``), every one
of the 2**32 float32 inputs goes through fastact, once per SIMD target this
machine runs (each target in its own process, FASTACT_SIMD set), and is
compared with the ufunc's reference twin in tests/reference.py (the formula
evaluated in float64, far below a float32 ULP). A family with an alpha is
checked at its conventional alpha (the table's default; the elu family's
other alphas: tools/elu_ulp_exhaustive.py). The error is in ULPs of the
float32 result (reference.ulp_error: the subnormal spacing below the normal
range); NaN must match NaN. The table's bound is printed beside each row.

    python tools/ulp_exhaustive.py                       # every target, all inputs
    python tools/ulp_exhaustive.py --ufuncs softsign --targets avx2
    python tools/ulp_exhaustive.py --sample              # every 256th pattern

--sample checks every 256th bit pattern (2**24 inputs) plus every input
within 2**12 patterns of 0, ±1 and the largest and smallest normals: for
aarch64 under qemu (tools/aarch64_emulation.sh), where all 2**32 would take
hours. --out writes the table as reStructuredText (the Accuracy page
includes docs/accuracy_data/ulp_exhaustive.rst).
"""
import argparse
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
CHUNK = 1 << 24
SAMPLE_STEP = 1 << 8
SAMPLE_RADIUS = 1 << 12


def load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


def checked_ufuncs(table):
    return [u for u in table.UFUNCS.values()
            if isinstance(u.accuracy, dict) and u.kind in ("f", "grad")]


def chunks(sample):
    if not sample:
        for start in range(0, 1 << 32, CHUNK):
            yield np.arange(start, start + CHUNK, dtype=np.uint64).astype(np.uint32)
        return
    for start in range(0, 1 << 32, CHUNK * 16):
        yield np.arange(start, start + CHUNK * 16, SAMPLE_STEP, dtype=np.uint64).astype(np.uint32)
    for v in (0.0, 1.0, float(np.finfo(np.float32).smallest_normal),
              float(np.finfo(np.float32).max)):
        for sign in (0, 0x80000000):
            b = int(np.float32(v).view(np.uint32)) | sign
            lo, hi = max(b - SAMPLE_RADIUS, sign), min(b + SAMPLE_RADIUS, sign | 0x7fffffff)
            yield np.arange(lo, hi + 1, dtype=np.uint64).astype(np.uint32)


def measure(names, sample):
    """In this process (FASTACT_SIMD already set): the worst error of each ufunc."""
    import fastact as fa
    sys.path.insert(0, str(ROOT / "tests"))
    import reference as ref
    from fastact import _table

    worst = {n: [0.0, 0.0, True] for n in names}
    for bits in chunks(sample):
        x = bits.view(np.float32)
        for n in names:
            alpha = _table.alpha_default(n)
            args = [x] + ([np.float32(alpha)] if alpha is not None else [])
            with np.errstate(all="ignore"):
                y = getattr(fa, n)(*args)
                exact = ref.ULP_REFS[n](*args, dtype=np.float32)
            worst[n][2] &= bool(np.array_equal(np.isnan(y), np.isnan(exact)))
            err = ref.ulp_error(y, exact, np.float32)
            i = int(np.argmax(err))
            if err[i] > worst[n][0]:
                worst[n][:2] = [float(err[i]), float(x[i])]
    return {"target": fa.show_config(mode="dicts")["chosen"], "worst": worst}


def rst_table(title, rows):
    head = ["ufunc", "target", "max ULP", "at x", "bound", "NaN -> NaN"]
    lines = [".. Written by tools/ulp_exhaustive.py --out: do not edit.", "",
             f".. list-table:: {title}", "   :header-rows: 1", ""]
    for r in [head] + rows:
        lines.append("   * - " + r[0])
        lines.extend(f"     - {c}" for c in r[1:])
    return "\n".join(lines) + "\n"


def main():
    table = load("_fastact_table", ROOT / "fastact" / "_table.py")
    names = [u.name for u in checked_ufuncs(table)]
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ufuncs", default=",".join(names), help="comma-separated subset")
    ap.add_argument("--targets", nargs="*", help="default: every target this CPU supports")
    ap.add_argument("--sample", action="store_true", help="a dense sample instead of 2**32")
    ap.add_argument("--out", help="write the table (reStructuredText) to this file")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    chosen = args.ufuncs.split(",")
    unknown = set(chosen) - set(names)
    if unknown:
        raise SystemExit(f"not ULP-bounded activations or derivatives: {sorted(unknown)}")
    if args.child:
        print(json.dumps(measure(chosen, args.sample)))
        return
    if args.targets is None:
        import fastact
        args.targets = fastact.show_config(mode="dicts")["supported"]
    rows, ok = [], True
    for t in args.targets:
        child = [sys.executable, "-P", __file__, "--child", "--ufuncs", ",".join(chosen)]
        child += ["--sample"] if args.sample else []
        res = json.loads(subprocess.run(child, env=dict(os.environ, FASTACT_SIMD=t),
                                        check=True, capture_output=True, text=True).stdout)
        for n in chosen:
            err, at, nan_ok = res["worst"][n]
            b = table.UFUNCS[n].accuracy["float32"]
            ok &= err <= b and nan_ok
            rows.append([f"``{n}``", res["target"], f"{err:.3f}", f"{at!r}", f"{b:g}",
                         "yes" if nan_ok else "**no**"])
            print(f"{n:<20} {res['target']:<8} {err:8.3f} ULP at x = {at!r:<16} "
                  f"(bound {b:g}) NaN ok: {nan_ok}", flush=True)
    what = ("every 256th float32 bit pattern and the neighbourhoods of 0, ±1, ±min "
            "normal, ±max" if args.sample else "all 2**32 float32 inputs")
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(rst_table(f"float32, {what}: max error in ULPs", rows))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
