#!/usr/bin/env python
"""Side-by-side speed report: fastact against the other ways to compute the same thing.

For every fastact ufunc, dtype and array size this times, in one process:

* ``fastact``  the ufunc itself (allocating its output, as the others do);
* ``numpy``    the NumPy idiom a user would write (``np.maximum(x, 0)``,
               ``np.where(x > 0, x, x * a)``, ``np.where(x > 0, x, np.expm1(x))``, ...);
* ``numba``    a Numba ``@vectorize`` ufunc of the same formula (if numba is installed);
* ``torch``    PyTorch on the CPU with one thread, on zero-copy tensors (if installed);

plus two references per dtype and size: ``np.negative(x)`` (the cheapest allocating
unary ufunc) and ``np.copyto(out, x)`` into a preallocated array (the copy
bandwidth: the physical ceiling for a streaming elementwise kernel).

Samples are interleaved: each round times every implementation once, in a rotated
order, so drift and noise from the machine hit all of them alike. A sample is a
loop of k calls, k chosen so it lasts ``--sample-ms``; the table gives the median
time per call and ``ratio = peer time / fastact time`` (above 1: fastact is faster).
Before timing, each peer's output is checked against fastact's (a mismatch is
flagged ``!`` in the table). Throughput counts the bytes read and written
(inputs + output, alpha excluded).

    python benchmarks/report.py                       # full table, n = 1e3, 1e5, 1e7
    python benchmarks/report.py --quick --sizes 1e3,1e5
    python benchmarks/report.py --sizes 1e3,1e4,1e5,1e6,1e7 \\
        --markdown docs/performance_data/table.md --plot docs/performance_data/throughput.png

``FASTACT_SIMD=avx2 python benchmarks/report.py`` measures a capped dispatch target.
"""

import argparse
import gc
import math
import os
import platform
import sys
import time
from pathlib import Path

import numpy as np

LEAKY_ALPHA = 0.01
ELU_ALPHA = 1.0
UFUNCS = [
    "relu", "relu_grad", "relu_backward",
    "leaky_relu", "leaky_relu_grad", "leaky_relu_backward",
    "elu", "elu_grad", "elu_backward",
]
PEERS = ["fastact", "numpy", "numba", "torch"]
PLOTTED = ["relu", "leaky_relu", "elu"]


def log(*args):
    print(*args, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------
# What each ufunc takes, and how each peer computes it.
# Every builder takes the input arrays (numpy) and returns a zero-argument callable.
# --------------------------------------------------------------------------------------

def _alpha_of(name):
    if name.startswith("leaky_relu"):
        return LEAKY_ALPHA
    if name.startswith("elu"):
        return ELU_ALPHA
    return None


def _arity(name):
    """Number of array inputs: dy and x for the backward passes, else x."""
    return 2 if name.endswith("_backward") else 1


def numpy_idiom(name, arrays):
    a = _alpha_of(name)
    if name == "relu":
        (x,) = arrays
        return "np.maximum(x, 0)", lambda: np.maximum(x, 0)
    if name == "relu_grad":
        (x,) = arrays
        return "(x > 0).astype(x.dtype)", lambda: (x > 0).astype(x.dtype)
    if name == "relu_backward":
        dy, x = arrays
        return "np.where(x > 0, dy, 0)", lambda: np.where(x > 0, dy, 0)
    if name == "leaky_relu":
        (x,) = arrays
        return "np.where(x > 0, x, x * a)", lambda: np.where(x > 0, x, x * a)
    if name == "leaky_relu_grad":
        (x,) = arrays
        one = x.dtype.type(1)
        return "np.where(x > 0, 1, a)", lambda: np.where(x > 0, one, a)
    if name == "leaky_relu_backward":
        dy, x = arrays
        return "np.where(x > 0, dy, dy * a)", lambda: np.where(x > 0, dy, dy * a)
    # elu family, alpha = 1.0: the multiply by alpha is what a user would drop
    assert a == 1.0
    if name == "elu":
        (x,) = arrays
        return "np.where(x > 0, x, np.expm1(x))", lambda: np.where(x > 0, x, np.expm1(x))
    if name == "elu_grad":
        (x,) = arrays
        one = x.dtype.type(1)
        return "np.where(x > 0, 1, np.exp(x))", lambda: np.where(x > 0, one, np.exp(x))
    if name == "elu_backward":
        dy, x = arrays
        return "np.where(x > 0, dy, dy * np.exp(x))", lambda: np.where(x > 0, dy, dy * np.exp(x))
    raise KeyError(name)


# The spec's formulas as scalar functions, compiled by numba.vectorize on demand.
def _nb_relu(x):
    return x if x > 0 else 0.0


def _nb_relu_grad(x):
    return 1.0 if x > 0 else 0.0


def _nb_relu_backward(dy, x):
    return dy if x > 0 else 0.0


def _nb_leaky_relu(x, a):
    return x if x > 0 else x * a


def _nb_leaky_relu_grad(x, a):
    return 1.0 if x > 0 else a


def _nb_leaky_relu_backward(dy, x, a):
    return dy if x > 0 else dy * a


def _nb_elu(x, a):
    return x if x > 0 else a * math.expm1(x)


def _nb_elu_grad(x, a):
    return 1.0 if x > 0 else a * math.exp(x)


def _nb_elu_backward(dy, x, a):
    return dy if x > 0 else dy * (a * math.exp(x))


_NUMBA_CACHE = {}


def numba_ufunc(name):
    """A real NumPy ufunc (float32 and float64 loops) compiled by numba.vectorize."""
    if name not in _NUMBA_CACHE:
        import numba

        nargs = _arity(name) + (_alpha_of(name) is not None)
        sigs = [f"{t}({', '.join([t] * nargs)})" for t in ("float32", "float64")]
        f = numba.vectorize(sigs, nopython=True)(globals()["_nb_" + name])
        _NUMBA_CACHE[name] = getattr(f, "ufunc", f)
    return _NUMBA_CACHE[name]


def numba_impl(name, arrays):
    f = numba_ufunc(name)
    a = _alpha_of(name)
    args = tuple(arrays) + ((a,) if a is not None else ())
    return "@vectorize of the formula", lambda: f(*args)


def torch_impl(name, arrays):
    import torch

    ts = [torch.from_numpy(arr) for arr in arrays]  # zero-copy views
    a = _alpha_of(name)
    F = torch.nn.functional
    aten = torch.ops.aten
    if name == "relu":
        (x,) = ts
        return "torch.relu(x)", lambda: torch.relu(x)
    if name == "relu_grad":
        (x,) = ts
        return "(x > 0).to(x.dtype)", lambda: (x > 0).to(x.dtype)
    if name == "relu_backward":
        dy, x = ts
        return "aten.threshold_backward(dy, x, 0)", lambda: aten.threshold_backward(dy, x, 0)
    if name == "leaky_relu":
        (x,) = ts
        return "F.leaky_relu(x, a)", lambda: F.leaky_relu(x, a)
    if name == "leaky_relu_grad":
        (x,) = ts
        one, at = torch.ones((), dtype=x.dtype), torch.full((), a, dtype=x.dtype)
        return "torch.where(x > 0, 1, a)", lambda: torch.where(x > 0, one, at)
    if name == "leaky_relu_backward":
        dy, x = ts
        return ("aten.leaky_relu_backward(dy, x, a)",
                lambda: aten.leaky_relu_backward(dy, x, a, False))
    if name == "elu":
        (x,) = ts
        return "F.elu(x, a)", lambda: F.elu(x, a)
    if name == "elu_grad":
        (x,) = ts
        one = torch.ones((), dtype=x.dtype)
        return ("torch.where(x > 0, 1, a * exp(x))",
                lambda: torch.where(x > 0, one, a * torch.exp(x)))
    if name == "elu_backward":
        dy, x = ts
        return ("aten.elu_backward(dy, a, 1, 1, False, x)",
                lambda: aten.elu_backward(dy, a, 1, 1, False, x))
    raise KeyError(name)


def fastact_impl(name, arrays):
    import fastact

    f = getattr(fastact, name)
    a = _alpha_of(name)
    args = tuple(arrays) + ((a,) if a is not None else ())
    return f"fastact.{name}", lambda: f(*args)


BUILDERS = {"fastact": fastact_impl, "numpy": numpy_idiom, "numba": numba_impl,
            "torch": torch_impl}


# --------------------------------------------------------------------------------------
# Measurement
# --------------------------------------------------------------------------------------

def make_inputs(name, n, dtype, seed=0):
    rng = np.random.default_rng(seed)
    return [rng.standard_normal(n, dtype=np.dtype(dtype)) for _ in range(_arity(name))]


def as_numpy(result):
    return result.numpy() if hasattr(result, "numpy") and not isinstance(result, np.ndarray) \
        else np.asarray(result)


def calibrate(fn, sample_s):
    """Calls per sample so that one sample lasts about sample_s (at least 1 call)."""
    fn()  # warm up: first touch, lazy initialisation
    k = 1
    while True:
        t0 = time.perf_counter()
        for _ in range(k):
            fn()
        dt = time.perf_counter() - t0
        if dt >= sample_s / 4 or k >= 1 << 20:
            return max(1, int(k * sample_s / max(dt, 1e-9)))
        k *= 4


def interleaved_medians(fns, repeats, sample_s):
    """Median seconds per call for each callable, sampled round-robin."""
    keys = list(fns)
    ks = {key: calibrate(fns[key], sample_s) for key in keys}
    samples = {key: [] for key in keys}
    gc.collect()
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        for r in range(repeats):
            order = keys[r % len(keys):] + keys[:r % len(keys)]
            for key in order:
                fn, k = fns[key], ks[key]
                t0 = time.perf_counter()
                for _ in range(k):
                    fn()
                samples[key].append((time.perf_counter() - t0) / k)
    finally:
        if gc_was_enabled:
            gc.enable()
    return {key: float(np.median(v)) for key, v in samples.items()}


def check_same(name, dtype, result, ref):
    """True when a peer's output matches fastact's (exactly, or to the elu accuracy)."""
    got = as_numpy(result)
    if got.shape != ref.shape or got.dtype != ref.dtype:
        return False
    rtol = (2e-6 if dtype == "float32" else 1e-13) if name.startswith("elu") else 0.0
    return bool(np.allclose(got, ref, rtol=rtol, atol=0.0))


def run_case(name, n, dtype, peers, repeats, sample_s):
    arrays = make_inputs(name, n, dtype)
    fns, desc, ok = {}, {}, {}
    ref = None
    for peer in peers:
        try:
            d, fn = BUILDERS[peer](name, arrays)
            res = fn()
        except Exception as exc:  # a peer that cannot do this case is left out
            log(f"  {peer} {name} {dtype}: skipped ({type(exc).__name__}: {exc})")
            continue
        if peer == "fastact":
            ref = as_numpy(res)
        fns[peer], desc[peer] = fn, d
        ok[peer] = True if ref is None else check_same(name, dtype, res, ref)
        if not ok[peer]:
            log(f"  WARNING: {peer} {name} {dtype} n={n}: output differs from fastact")
    med = interleaved_medians(fns, repeats, sample_s)
    nbytes = (_arity(name) + 1) * n * np.dtype(dtype).itemsize
    return {"name": name, "n": n, "dtype": dtype, "time": med, "ok": ok, "desc": desc,
            "bytes": nbytes}


def run_floors(n, dtype, repeats, sample_s):
    x = make_inputs("relu", n, dtype)[0]
    out = np.empty_like(x)
    fns = {"np.negative": lambda: np.negative(x), "np.copyto": lambda: np.copyto(out, x)}
    med = interleaved_medians(fns, repeats, sample_s)
    return {"n": n, "dtype": dtype, "time": med, "bytes": 2 * n * x.itemsize}


# --------------------------------------------------------------------------------------
# Environment
# --------------------------------------------------------------------------------------

def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith(("model name", "Hardware", "Model")):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def detect_peers(requested):
    """The peers that can run here, and a note for each one that cannot."""
    available, notes = [], {}
    for peer in requested:
        try:
            if peer == "fastact":
                import fastact  # noqa: F401
            elif peer == "numba":
                import numba  # noqa: F401
            elif peer == "torch":
                import torch

                torch.set_num_threads(1)
                try:
                    torch.set_num_interop_threads(1)
                except RuntimeError:
                    pass
        except ImportError as exc:
            notes[peer] = f"not installed ({exc})"
            continue
        available.append(peer)
    return available, notes


def header_lines(peers, notes, args):
    import fastact

    cfg = fastact.show_config(mode="dicts")
    lines = [
        f"machine : {cpu_model()}, {os.cpu_count()} logical CPUs, {platform.machine()}, "
        f"{platform.system()} {platform.release()}",
        f"python  : {platform.python_version()}, numpy {np.__version__}",
        f"fastact : {getattr(fastact, '__version__', '?')}, dispatch target "
        f"'{cfg.get('chosen')}' (compiled: {', '.join(cfg.get('compiled', []))}; "
        f"CPU supports: {', '.join(cfg.get('supported', []))}; "
        f"FASTACT_SIMD={os.environ.get('FASTACT_SIMD', 'unset')})",
    ]
    versions = []
    if "numba" in peers:
        import numba

        versions.append(f"numba {numba.__version__}")
    if "torch" in peers:
        import torch

        versions.append(f"torch {torch.__version__} (CPU, {torch.get_num_threads()} thread)")
    for peer, note in notes.items():
        versions.append(f"{peer}: {note}")
    lines.append("peers   : " + ("; ".join(versions) if versions else "numpy only"))
    if hasattr(os, "getloadavg"):
        lines.append("load    : 1-min load average %.2f at the start, %.2f at the end "
                     "(on %d CPUs; above ~0.5 per CPU, other work was competing)"
                     % (args.load_start, os.getloadavg()[0], os.cpu_count()))
    lines.append(f"method  : median of {args.repeats} interleaved samples of "
                 f"~{args.sample_ms:g} ms each; ratio = peer time / fastact time "
                 f"(>1: fastact faster); GB/s counts bytes read + written")
    return lines


# --------------------------------------------------------------------------------------
# Output: text table, markdown, plot
# --------------------------------------------------------------------------------------

def fmt_time(s):
    if s is None or not math.isfinite(s):
        return "-"
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("us", 1e-6), ("ns", 1e-9)):
        if s >= scale:
            return f"{s / scale:.3g} {unit}"
    return f"{s / 1e-9:.3g} ns"


def fmt_n(n):
    e = math.log10(n)
    return f"1e{int(e)}" if e == int(e) else f"{n:.3g}"


def rows_for(results, peers):
    """Table rows: [ufunc, dtype, n, fastact, GB/s, peer cells...]."""
    rows = []
    for r in results:
        t_fa = r["time"].get("fastact")
        row = [r["name"], r["dtype"], fmt_n(r["n"]), fmt_time(t_fa),
               f"{r['bytes'] / t_fa / 1e9:.2f}" if t_fa else "-"]
        for peer in peers[1:]:
            t = r["time"].get(peer)
            if t is None:
                row.append("-")
                continue
            flag = "" if r["ok"].get(peer, True) else " !"
            ratio = f"{t / t_fa:.2f}x" if t_fa else "?"
            row.append(f"{fmt_time(t)} ({ratio}){flag}")
        rows.append(row)
    return rows


def floor_rows(floors):
    rows = []
    for f in floors:
        row = [f["dtype"], fmt_n(f["n"])]
        for key in ("np.negative", "np.copyto"):
            t = f["time"][key]
            row.append(f"{fmt_time(t)} ({f['bytes'] / t / 1e9:.2f} GB/s)")
        rows.append(row)
    return rows


def text_table(headers, rows, group_col=None):
    widths = [max(len(str(c)) for c in col) for col in zip(headers, *rows)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths))
    out = [line, "-" * len(line)]
    prev = None
    for row in rows:
        if group_col is not None and prev is not None and row[group_col] != prev:
            out.append("")
        prev = row[group_col] if group_col is not None else None
        out.append("  ".join(str(c).ljust(w) for c, w in zip(row, widths)))
    return "\n".join(out)


def md_table(headers, rows):
    out = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(out)


def idiom_legend(results, peers):
    seen, lines = set(), []
    for r in results:
        if r["name"] in seen:
            continue
        seen.add(r["name"])
        parts = [f"{p}: {r['desc'][p]}" for p in peers[1:] if p in r["desc"]]
        lines.append(f"{r['name']:<20} " + "; ".join(parts))
    return lines


def write_plot(path, results, floors, peers, dtypes):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = [n for n in PLOTTED if any(r["name"] == n for r in results)]
    fig, axes = plt.subplots(len(dtypes), max(1, len(names)), squeeze=False,
                             figsize=(4.6 * max(1, len(names)), 3.6 * len(dtypes)),
                             sharex=True)
    styles = {"fastact": dict(color="tab:red", marker="o", lw=2.2),
              "numpy": dict(color="tab:blue", marker="s"),
              "numba": dict(color="tab:green", marker="^"),
              "torch": dict(color="tab:orange", marker="D")}
    for i, dtype in enumerate(dtypes):
        fl = sorted((f for f in floors if f["dtype"] == dtype), key=lambda f: f["n"])
        for j, name in enumerate(names):
            ax = axes[i][j]
            rs = sorted((r for r in results if r["name"] == name and r["dtype"] == dtype),
                        key=lambda r: r["n"])
            for peer in peers:
                pts = [(r["n"], r["bytes"] / r["time"][peer] / 1e9) for r in rs
                       if peer in r["time"]]
                if pts:
                    label = peer if peer == "fastact" else f"{peer}: {rs[0]['desc'][peer]}"
                    ax.plot(*zip(*pts), label=label, **styles.get(peer, {}))
            if fl:
                ns = [f["n"] for f in fl]
                ax.plot(ns, [f["bytes"] / f["time"]["np.copyto"] / 1e9 for f in fl],
                        "k--", label="np.copyto (copy bandwidth ceiling)")
                ax.plot(ns, [f["bytes"] / f["time"]["np.negative"] / 1e9 for f in fl],
                        color="0.5", ls=":", label="np.negative (allocating floor)")
            ax.set_xscale("log")
            ax.set_title(f"{name}, {dtype}")
            ax.grid(True, which="both", alpha=0.3)
            if j == 0:
                ax.set_ylabel("GB/s (bytes read + written)")
            if i == len(dtypes) - 1:
                ax.set_xlabel("array size n (elements)")
            ax.legend(fontsize=6.5, loc="best")
            ax.set_ylim(bottom=0)
    fig.suptitle(f"fastact throughput vs array size ({cpu_model()})", fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


# --------------------------------------------------------------------------------------

def _write(path, writer):
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    writer(path)
    log(f"wrote {path}")


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", default="1e3,1e5,1e7",
                   help="comma-separated array sizes (default 1e3,1e5,1e7)")
    p.add_argument("--dtypes", default="float32,float64")
    p.add_argument("--ufuncs", default=",".join(UFUNCS), help="comma-separated subset")
    p.add_argument("--peers", default=",".join(PEERS[1:]),
                   help="comma-separated peers besides fastact (default numpy,numba,torch)")
    p.add_argument("--repeats", type=int, default=None, help="samples per implementation "
                   "(default 9, 3 with --quick)")
    p.add_argument("--sample-ms", type=float, default=None,
                   help="target length of one sample (default 20, 2 with --quick)")
    p.add_argument("--quick", action="store_true", help="few, short samples (a smoke run)")
    p.add_argument("--markdown", metavar="FILE", help="also write the tables as markdown")
    p.add_argument("--plot", metavar="FILE.png", help="write a throughput plot (matplotlib)")
    args = p.parse_args(argv)
    if args.repeats is None:
        args.repeats = 3 if args.quick else 9
    if args.sample_ms is None:
        args.sample_ms = 2.0 if args.quick else 20.0
    args.sizes = [int(float(s)) for s in args.sizes.split(",") if s]
    args.dtypes = [d.strip() for d in args.dtypes.split(",") if d.strip()]
    args.ufuncs = [u.strip() for u in args.ufuncs.split(",") if u.strip()]
    args.peers = ["fastact"] + [q.strip() for q in args.peers.split(",")
                                if q.strip() and q.strip() != "fastact"]
    unknown = set(args.ufuncs) - set(UFUNCS) | set(args.peers) - set(PEERS)
    if unknown:
        p.error(f"unknown ufunc or peer: {', '.join(sorted(unknown))}")
    return args


def main(argv=None):
    args = parse_args(argv)
    args.load_start = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    peers, notes = detect_peers(args.peers)
    if "fastact" not in peers:
        log(f"fastact cannot be imported: {notes.get('fastact')}")
        return 2
    if args.plot:
        try:
            import matplotlib  # noqa: F401
        except ImportError:
            log("--plot needs matplotlib (pip install matplotlib)")
            return 2
    import fastact

    missing = [u for u in args.ufuncs if not isinstance(getattr(fastact, u, None), np.ufunc)]
    for u in missing:
        notes[f"fastact.{u}"] = "not in this build (skipped)"
    ufuncs = [u for u in args.ufuncs if u not in missing]

    results, floors = [], []
    sample_s = args.sample_ms / 1e3
    for dtype in args.dtypes:
        for n in args.sizes:
            log(f"{dtype} n={fmt_n(n)}: floors")
            floors.append(run_floors(n, dtype, args.repeats, sample_s))
            for name in ufuncs:
                log(f"{dtype} n={fmt_n(n)}: {name}")
                results.append(run_case(name, n, dtype, peers, args.repeats, sample_s))
    order = {u: i for i, u in enumerate(UFUNCS)}
    results.sort(key=lambda r: (order[r["name"]], r["dtype"], r["n"]))
    floors.sort(key=lambda f: (f["dtype"], f["n"]))

    head = header_lines(peers, notes, args)
    headers = ["ufunc", "dtype", "n", "fastact", "GB/s"] + [f"{p} (ratio)" for p in peers[1:]]
    rows = rows_for(results, peers)
    fl_headers = ["dtype", "n", "np.negative(x)", "np.copyto(out, x)"]
    fl_rows = floor_rows(floors)
    legend = idiom_legend(results, peers)

    print("fastact side-by-side report")
    print("\n".join(head))
    print()
    print(text_table(headers, rows, group_col=0))
    print()
    print("References (np.negative allocates its output like the rows above; "
          "np.copyto writes into a preallocated array: the copy-bandwidth ceiling)")
    print(text_table(fl_headers, fl_rows))
    print()
    print("What each peer runs (a = 0.01 for leaky_relu, 1.0 for elu):")
    print("\n".join(legend))
    if any(not ok for r in results for ok in r["ok"].values()):
        print("! = that peer's output differed from fastact's for this case")

    if args.markdown:
        root = str(Path(__file__).resolve().parents[1]) + os.sep
        cmd = "python benchmarks/report.py " + " ".join(
            a.replace(root, "") for a in (argv if argv is not None else sys.argv[1:]))
        # No top-level heading: the docs include this file inside their own section.
        md = [f"Measured with `{cmd.strip()}`:", ""]
        md += [f"- **{line.split(':', 1)[0].strip()}**: {line.split(':', 1)[1].strip()}"
               for line in head]
        md += ["", md_table(headers, rows), "",
               "References: `np.negative(x)` allocates its output like the rows above; "
               "`np.copyto(out, x)` writes into a preallocated array (copy-bandwidth "
               "ceiling).", "", md_table(fl_headers, fl_rows), "",
               "What each peer runs (a = 0.01 for leaky_relu, 1.0 for elu):", ""]
        md += [f"- `{line.split(' ', 1)[0]}`: {line.split(' ', 1)[1].strip()}" for line in legend]
        md.append("")
        _write(args.markdown, lambda path: Path(path).write_text("\n".join(md)))
    if args.plot:
        _write(args.plot, lambda path: write_plot(path, results, floors, peers, args.dtypes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
