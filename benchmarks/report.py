#!/usr/bin/env python
"""Side-by-side speed report: fastact against the other ways to compute the same thing.

For every fastact ufunc, dtype and array size this times, in one process:

* ``fastact``  the ufunc itself (allocating its output, as the others do);
* ``numpy``    the NumPy idiom a user would write, as ``fastact/_table.py`` gives it
               (``np.maximum(x, 0)``, ``np.where(x > 0, x, x * alpha)``, ...);
* ``numba``    a Numba ``@vectorize`` ufunc of the idiom's scalar form
               (``x if x > 0 else x * alpha``; if numba is installed);
* ``torch``    the table's PyTorch equivalent on the CPU with one thread
               (``torch.set_num_threads(1)``), on zero-copy tensors (if installed):
               ``aten.elu_backward(dy, alpha, 1, 1, False, x)`` for ``elu_backward``,
               ``is_result=True`` on ``y`` for ``elu_backward_from_output``;
* ``jax``      ``jax.jit`` of the table's JAX equivalent on the CPU (if installed);

plus two references per dtype and size: ``np.negative(x)`` (the cheapest allocating
unary ufunc) and ``np.copyto(out, x)`` into a preallocated array (the copy
bandwidth: the physical ceiling for a streaming elementwise kernel). The ufuncs,
their inputs, their family's conventional alpha and every peer's expression come
from the one table, ``fastact/_table.py`` (``benchmarks/peers.py`` builds the
callables; the expression is the label the legend shows).

Samples are interleaved: each round times every implementation once, in a rotated
order, so drift and noise from the machine hit all of them alike. A sample is a
loop of k calls, k chosen so it lasts ``--sample-ms``; the table gives the median
time per call and ``ratio = peer time / fastact time`` (above 1: fastact is faster).
While some implementation's samples still spread (interquartile range above
``--max-spread`` of the median) more rounds are added, up to ``--max-repeats``; a
cell whose spread stays above 10 % is flagged ``~``. Before timing, each peer's
output is checked against fastact's (a mismatch is flagged ``!``). Throughput counts
the bytes read and written (inputs + output, alpha excluded). A ufunc that the
installed fastact lacks is skipped and named in the header. The inputs are
standard normal, except the output ``y`` that a from-output backward pass takes:
the family's forward ufunc of a standard-normal x (``y = elu(x, alpha)``).

The size sweep (``--sweep``, the default with ``--plot`` unless ``--sizes`` is given)
also times the plotted ufuncs (``--plot-ufuncs``, default relu, leaky_relu, elu) and
the two references at n log-spaced from 1e2 to 1e8 (``--per-decade``, default 4), so
the plot shows L1, L2, L3 and DRAM as steps under the ``np.copyto`` ceiling, with the
cache sizes of this CPU drawn where the working set fills them. Sizes run in
increasing order; a peer other than fastact whose next case would take longer than
``--budget-s`` (its time per call extrapolated from the smaller sizes, or measured
by the first call, times repeats + 2) is skipped at that size and above, and so is
a peer whose temporaries would not fit in the available memory. The table keeps
the ``--sizes`` rows (default 1e3, 1e5, 1e7, all ufuncs); the sweep is printed as
GB/s, and ``--json`` saves every sample's summary for ``--from-json`` to redraw.

    python benchmarks/report.py                       # table, n = 1e3, 1e5, 1e7
    python benchmarks/report.py --quick --sizes 1e3,1e5
    python benchmarks/report.py --markdown docs/performance_data/table.md \\
        --plot docs/performance_data/throughput.png --json docs/performance_data/report.json
    python benchmarks/report.py --from-json docs/performance_data/report.json \\
        --plot docs/performance_data/throughput.png  # redraw, measuring nothing

``FASTACT_SIMD=avx2 python benchmarks/report.py`` measures a capped dispatch target.
The modules beside this one: ``peers.py`` (each peer's callable, from the table),
``timing.py`` (the interleaved sampling, shared with ``goals.py`` and
``layouts.py``) and ``render.py`` (tables, legend, plot).
"""

import argparse
import importlib.util
import json
import math
import os
import platform
import re
import sys
import time
from pathlib import Path

import numpy as np


def _sibling(name):
    """benchmarks/<name>.py, imported by path (so that ``python -P``, and loading this
    file by path, work; the private name cannot clash with an installed module)."""
    key = f"_fastact_bench_{name}"
    if key not in sys.modules:
        spec = importlib.util.spec_from_file_location(key, Path(__file__).with_name(f"{name}.py"))
        mod = importlib.util.module_from_spec(spec)
        sys.modules[key] = mod
        spec.loader.exec_module(mod)
    return sys.modules[key]


peers_ = _sibling("peers")   # (main's `peers` is the list of peers that run)
timing = _sibling("timing")
render = _sibling("render")

# What the tests and other scripts use from here.
UFUNCS = list(peers_.UFUNCS)          # every ufunc of the table, in its order
PEERS = peers_.PEERS
alpha_default = peers_.alpha_default
make_inputs, as_numpy, check_same = peers_.make_inputs, peers_.as_numpy, peers_.check_same
numpy_idiom, numba_impl, torch_impl, jax_impl, fastact_impl = (
    peers_.numpy_idiom, peers_.numba_impl, peers_.torch_impl, peers_.jax_impl,
    peers_.fastact_impl)
BUILDERS, TEMPORARIES, detect_peers = peers_.BUILDERS, peers_.TEMPORARIES, peers_.detect_peers
interleaved_samples, summarize = timing.interleaved_samples, timing.summarize
fmt_n, fmt_time, rows_for = render.fmt_n, render.fmt_time, render.rows_for
cpu_model, cache_levels = render.cpu_model, render.cache_levels

# The ufuncs the sweep times and the plot draws unless --plot-ufuncs says otherwise:
# a hand-picked few (one per family would be too many panels), checked against the table.
PLOTTED = ["relu", "leaky_relu", "elu"]
if set(PLOTTED) - set(UFUNCS):
    raise ImportError(f"report.PLOTTED names ufuncs that fastact/_table.py lacks: "
                      f"{sorted(set(PLOTTED) - set(UFUNCS))}")


def log(*args):
    print(*args, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------
# Measurement
# --------------------------------------------------------------------------------------


def mem_available():
    """Bytes of memory available to a new allocation (Linux), or None if unknown."""
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


class Budget:
    """Which peers are still timed as n grows.

    A case (one ufunc, dtype, n) gives each peer at most ``budget_s`` seconds: a peer
    whose time per call, extrapolated linearly in n from the largest size measured so
    far (or measured by the first, checking call), times ``repeats + 2`` (calibration,
    warm-up and the samples) would exceed it is skipped at this size and every larger
    one. ``exempt`` peers (fastact) are always timed, so the sweep reaches DRAM.
    ``budget_s=None`` disables the budget.
    """

    def __init__(self, budget_s, repeats, exempt=("fastact",)):
        self.budget_s = budget_s
        self.repeats = repeats
        self.exempt = set(exempt)
        self.last = {}       # (peer, name, dtype) -> (n, seconds per call)
        self.dropped = {}    # (peer, name, dtype) -> (n, reason)

    def cost(self, t_call):
        return (self.repeats + 2) * t_call

    def predict(self, peer, name, dtype, n):
        """Extrapolated seconds per call at n, or None when nothing is known yet."""
        last = self.last.get((peer, name, dtype))
        if last is None:
            return None
        n0, t0 = last
        return t0 * max(1.0, n / n0)

    def allows(self, peer, name, dtype, n):
        """(True, "") if peer is to be timed at n, else (False, why)."""
        key = (peer, name, dtype)
        if peer in self.exempt or self.budget_s is None:
            return True, ""
        if key in self.dropped:
            n0, why = self.dropped[key]
            return False, f"over the time budget since n={fmt_n(n0)} ({why})"
        t = self.predict(peer, name, dtype, n)
        if t is not None and self.cost(t) > self.budget_s:
            why = (f"~{fmt_time(t)} per call predicted: {self.repeats + 2} calls > "
                   f"--budget-s {self.budget_s:g}")
            self.dropped[key] = (n, why)
            return False, why
        return True, ""

    def after_first_call(self, peer, name, dtype, n, t_call):
        """Record the first call's time; (False, why) if it alone shows the case is
        over budget (the peer is then dropped from here on)."""
        key = (peer, name, dtype)
        if peer in self.exempt or self.budget_s is None:
            return True, ""
        if self.cost(t_call) > self.budget_s:
            why = (f"first call took {fmt_time(t_call)}: {self.repeats + 2} calls > "
                   f"--budget-s {self.budget_s:g}")
            self.dropped[key] = (n, why)
            return False, why
        return True, ""

    def record(self, peer, name, dtype, n, t_call):
        self.last[(peer, name, dtype)] = (n, t_call)


def run_case(name, n, dtype, peers, repeats, sample_s, budget=None, skipped=None,
             max_repeats=None, max_spread=None, available=None):
    """Time every peer on one case. Peers left out (over the budget, short of memory,
    unable to run it) are listed in ``skipped`` as {peer: reason} when given."""
    skipped = {} if skipped is None else skipped
    arrays = make_inputs(name, n, dtype)
    itemsize = np.dtype(dtype).itemsize
    fns, desc, ok, first = {}, {}, {}, {}
    ref = None
    for peer in peers:
        if budget is not None:
            go, why = budget.allows(peer, name, dtype, n)
            if not go:
                skipped[peer] = why
                continue
        avail = mem_available() if available is None else available
        if avail is not None and peer != "fastact":  # fastact needs only its output
            need = (TEMPORARIES.get(peer, 3) + 1) * n * itemsize
            if need > 0.8 * avail:
                skipped[peer] = (f"needs ~{need / 2**30:.1f} GiB of temporaries, "
                                 f"{avail / 2**30:.1f} GiB available")
                continue
        try:
            d, fn = BUILDERS[peer](name, arrays)
            t0 = time.perf_counter()
            res = fn()
            first[peer] = time.perf_counter() - t0
        except Exception as exc:  # a peer that cannot do this case is left out
            skipped[peer] = f"{type(exc).__name__}: {exc}"
            continue
        if peer == "fastact":
            ref = as_numpy(res)
        ok[peer] = True if ref is None else check_same(name, dtype, res, ref)
        del res
        if not ok[peer]:
            log(f"  WARNING: {peer} {name} {dtype} n={n}: output differs from fastact")
        if budget is not None:
            go, why = budget.after_first_call(peer, name, dtype, n, first[peer])
            if not go:
                skipped[peer] = why
                del ok[peer]
                continue
        fns[peer], desc[peer] = fn, d
    for peer, why in skipped.items():
        if not why.startswith("over the time budget since"):  # said once is enough
            log(f"  {peer} {name} {dtype} n={fmt_n(n)}: skipped ({why})")
    budget_s = None
    if budget is not None and budget.budget_s is not None:
        budget_s = budget.budget_s * len(fns)
    samples = interleaved_samples(fns, repeats, sample_s, max_repeats=max_repeats,
                                  max_spread=max_spread, time_budget_s=budget_s,
                                  first_times=first)
    stats = summarize(samples)
    med = {k: v["median"] for k, v in stats.items()}
    if budget is not None:
        for peer, t in med.items():
            budget.record(peer, name, dtype, n, t)
    nbytes = (len(peers_.UFUNCS[name].arrays) + 1) * n * itemsize  # inputs + output
    return {"name": name, "n": n, "dtype": dtype, "time": med, "ok": ok, "desc": desc,
            "bytes": nbytes, "stats": stats, "skipped": dict(skipped)}


def run_floors(n, dtype, repeats, sample_s, max_repeats=None, max_spread=None):
    x = peers_.standard_normal(np.random.default_rng(0), n, dtype)
    out = np.empty_like(x)
    fns = {"np.negative": lambda: np.negative(x), "np.copyto": lambda: np.copyto(out, x)}
    stats = summarize(interleaved_samples(fns, repeats, sample_s, max_repeats=max_repeats,
                                          max_spread=max_spread))
    return {"n": n, "dtype": dtype, "time": {k: v["median"] for k, v in stats.items()},
            "bytes": 2 * n * x.itemsize, "stats": stats}


def sweep_sizes(lo=1e2, hi=1e8, per_decade=4):
    """Log-spaced integer sizes from lo to hi, ``per_decade`` points per decade, every
    power of ten of the range included (so the table sizes are points of the sweep)."""
    if per_decade < 1 or lo <= 0 or hi < lo:
        raise ValueError("need per_decade >= 1 and 0 < lo <= hi")
    e0, e1 = math.log10(lo), math.log10(hi)
    k0, k1 = math.ceil(e0 * per_decade - 1e-9), math.floor(e1 * per_decade + 1e-9)
    sizes = {int(round(10 ** (k / per_decade))) for k in range(k0, k1 + 1)}
    sizes |= {int(lo), int(hi)}
    return sorted(s for s in sizes if s >= 1)


def plan(ufuncs, dtypes, table_sizes, sweep, plot_ufuncs):
    """[(dtype, n, [ufuncs to time at n])], n ascending within each dtype: every ufunc
    at the table sizes, the plotted ones also at every sweep size."""
    out = []
    table = set(table_sizes)
    for dtype in dtypes:
        for n in sorted(table | set(sweep or ())):
            names = [u for u in ufuncs if n in table or u in plot_ufuncs]
            out.append((dtype, n, names))
    return out




# --------------------------------------------------------------------------------------
# Environment
# --------------------------------------------------------------------------------------

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
    versions = peers_.peer_versions(peers)
    for peer, note in notes.items():
        versions.append(f"{peer}: {note}")
    lines.append("peers   : " + ("; ".join(versions) if versions else "numpy only"))
    if hasattr(os, "getloadavg"):
        lines.append("load    : 1-min load average %.2f at the start, %.2f at the end "
                     "(on %d CPUs; above ~0.5 per CPU, other work was competing)"
                     % (args.load_start, os.getloadavg()[0], os.cpu_count()))
    more = (f" (up to {args.max_repeats} while a relative IQR is above "
            f"{args.max_spread:.0%})" if args.max_repeats > args.repeats else "")
    lines.append(f"method  : median of {args.repeats} interleaved samples{more} of "
                 f"~{args.sample_ms:g} ms each; ratio = peer time / fastact time "
                 f"(>1: fastact faster); GB/s counts bytes read + written")
    if args.sweep:
        lines.append(f"sweep   : {', '.join(args.plot_ufuncs)} at {len(args.sweep)} sizes "
                     f"from {fmt_n(args.sweep[0])} to {fmt_n(args.sweep[-1])} "
                     f"({args.per_decade} per decade); "
                     + (f"peers other than fastact skipped where {args.repeats + 2} "
                        f"calls would exceed {args.budget_s:g} s" if args.budget_s
                        else "no time budget"))
    return lines


def alpha_note(names, symbol="alpha"):
    """'alpha = 0.01 for leaky_relu, 1.0 for elu': the alphas of the ufuncs shown."""
    seen = {}
    for name in names:
        u = peers_.UFUNCS.get(name)
        if u is not None and u.has_alpha:
            seen.setdefault(u.family, alpha_default(name))
    return (f"{symbol} = " + ", ".join(f"{a!r} for {fam}" for fam, a in seen.items())
            if seen else "")


# --------------------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------------------

def _write(path, writer):
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    writer(path)
    log(f"wrote {path}")


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", default=None,
                   help="comma-separated array sizes of the table (default 1e3,1e5,1e7)")
    p.add_argument("--dtypes", default="float32,float64,float16",
                   help="comma-separated dtypes (default float32,float64,float16)")
    p.add_argument("--ufuncs", default=",".join(UFUNCS), help="comma-separated subset")
    p.add_argument("--peers", default=",".join(PEERS[1:]),
                   help=f"comma-separated peers besides fastact (default {','.join(PEERS[1:])}; "
                        f"the ones not installed are named in the header)")
    p.add_argument("--repeats", type=int, default=None, help="samples per implementation "
                   "(default 9, 3 with --quick)")
    p.add_argument("--max-repeats", type=int, default=None,
                   help="add rounds, up to this many, while an implementation's samples "
                        "spread more than --max-spread (default 2 x repeats; repeats "
                        "with --quick)")
    p.add_argument("--max-spread", type=float, default=0.05,
                   help="relative interquartile range that counts as settled (default 0.05)")
    p.add_argument("--sample-ms", type=float, default=None,
                   help="target length of one sample (default 20, 2 with --quick)")
    p.add_argument("--quick", action="store_true", help="few, short samples (a smoke run)")
    g = p.add_argument_group("size sweep (the throughput plot)")
    g.add_argument("--sweep", action=argparse.BooleanOptionalAction, default=None,
                   help="also time the plotted ufuncs at log-spaced sizes (the default "
                        "with --plot unless --sizes is given)")
    g.add_argument("--sweep-range", default="1e2,1e8", metavar="LO,HI",
                   help="smallest and largest n of the sweep (default 1e2,1e8)")
    g.add_argument("--per-decade", type=int, default=4,
                   help="sweep points per decade (default 4; at least 3 shows the "
                        "cache steps)")
    g.add_argument("--plot-ufuncs", default=",".join(PLOTTED),
                   help=f"ufuncs swept and plotted (default {','.join(PLOTTED)})")
    g.add_argument("--budget-s", type=float, default=3.0,
                   help="per-case time budget of each peer other than fastact: a peer "
                        "whose repeats + 2 calls would take longer is skipped at that "
                        "size and above (default 3; 0 disables the budget)")
    p.add_argument("--markdown", metavar="FILE", help="also write the tables as markdown")
    p.add_argument("--plot", metavar="FILE.png", help="write a throughput plot (matplotlib)")
    p.add_argument("--json", metavar="FILE", help="also save every measurement as JSON")
    p.add_argument("--from-json", metavar="FILE",
                   help="measure nothing: print (and --markdown/--plot) a saved --json run")
    args = p.parse_args(argv)
    if args.repeats is None:
        args.repeats = 3 if args.quick else 9
    if args.max_repeats is None:
        args.max_repeats = args.repeats if args.quick else 2 * args.repeats
    if args.sample_ms is None:
        args.sample_ms = 2.0 if args.quick else 20.0
    if args.sweep is None:
        args.sweep = bool(args.plot) and args.sizes is None
    args.sizes = [int(float(s)) for s in (args.sizes or "1e3,1e5,1e7").split(",") if s]
    args.dtypes = [d.strip() for d in args.dtypes.split(",") if d.strip()]
    args.ufuncs = [u.strip() for u in args.ufuncs.split(",") if u.strip()]
    args.plot_ufuncs = [u.strip() for u in args.plot_ufuncs.split(",") if u.strip()]
    args.peers = ["fastact"] + [q.strip() for q in args.peers.split(",")
                                if q.strip() and q.strip() != "fastact"]
    unknown = (set(args.ufuncs) | set(args.plot_ufuncs)) - set(UFUNCS) \
        | set(args.peers) - set(PEERS)
    if unknown:
        p.error(f"unknown ufunc or peer: {', '.join(sorted(unknown))}")
    # --ufuncs limits everything: the sweep and the plot take the plotted ones among them
    args.plot_ufuncs = [u for u in args.plot_ufuncs if u in args.ufuncs]
    if args.per_decade < 1:
        p.error("--per-decade must be at least 1")
    if args.sweep:
        try:
            lo, hi = (float(v) for v in args.sweep_range.split(","))
            args.sweep = sweep_sizes(lo, hi, args.per_decade)
        except ValueError:
            p.error("--sweep-range takes LO,HI with 0 < LO <= HI, e.g. 1e2,1e8")
    else:
        args.sweep = []
    if args.budget_s is not None and args.budget_s <= 0:
        args.budget_s = None
    return args




def measure(args, peers, ufuncs):
    """Every case of the plan, in order of n within each dtype (the budget learns
    each peer's time per call from the smaller sizes)."""
    results, floors = [], []
    sample_s = args.sample_ms / 1e3
    budget = Budget(args.budget_s, args.repeats)
    kw = dict(max_repeats=args.max_repeats, max_spread=args.max_spread)
    for dtype, n, names in plan(ufuncs, args.dtypes, args.sizes, args.sweep,
                                args.plot_ufuncs):
        log(f"{dtype} n={fmt_n(n)}: floors")
        floors.append(run_floors(n, dtype, args.repeats, sample_s, **kw))
        for name in names:
            log(f"{dtype} n={fmt_n(n)}: {name}")
            results.append(run_case(name, n, dtype, peers, args.repeats, sample_s,
                                    budget=budget, **kw))
    return results, floors


def main(argv=None):
    args = parse_args(argv)
    if args.plot:
        try:
            import matplotlib  # noqa: F401
        except ImportError:
            log("--plot needs matplotlib (pip install matplotlib)")
            return 2
    if args.from_json:
        saved = json.loads(Path(args.from_json).read_text())
        peers, head, results, floors = (saved["peers"], saved["head"], saved["results"],
                                        saved["floors"])
        args.dtypes = saved["dtypes"]
        args.plot_ufuncs = saved["plot_ufuncs"]
        args.sizes = saved["table_sizes"]
        command = saved["command"]
    else:
        args.load_start = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        peers, notes = detect_peers(args.peers)
        if "fastact" not in peers:
            log(f"fastact cannot be imported: {notes.get('fastact')}")
            return 2
        import fastact

        wanted = args.ufuncs
        missing = [u for u in wanted if not isinstance(getattr(fastact, u, None), np.ufunc)]
        for u in missing:
            notes[f"fastact.{u}"] = "not in this build (skipped)"
            log(f"fastact.{u} is not in this fastact build "
                f"({getattr(fastact, '__file__', '?')}): skipped; install a fastact that "
                f"has it to measure it")
        ufuncs = [u for u in wanted if u not in missing]
        results, floors = measure(args, peers, ufuncs)
        head = header_lines(peers, notes, args)
        root = str(Path(__file__).resolve().parents[1]) + os.sep
        command = ("python benchmarks/report.py " + " ".join(
            a.replace(root, "") for a in (argv if argv is not None else sys.argv[1:]))).strip()
    order = {u: i for i, u in enumerate(UFUNCS)}  # the table's order
    results.sort(key=lambda r: (order.get(r["name"], len(order)), r["dtype"], r["n"]))
    floors.sort(key=lambda f: (f["dtype"], f["n"]))
    if args.json and not args.from_json:
        data = {"command": command, "head": head, "peers": peers, "dtypes": args.dtypes,
                "plot_ufuncs": args.plot_ufuncs, "table_sizes": args.sizes,
                "sweep": args.sweep, "caches": cache_levels(), "results": results,
                "floors": floors}
        _write(args.json, lambda path: Path(path).write_text(json.dumps(data, indent=1)))

    table = set(args.sizes)
    t_results = [r for r in results if r["n"] in table]
    t_floors = [f for f in floors if f["n"] in table]
    swept = len({f["n"] for f in floors}) > len(table)
    headers = ["ufunc", "dtype", "n", "fastact", "GB/s"] + [f"{p} (ratio)" for p in peers[1:]]
    rows = rows_for(t_results, peers)
    fl_headers = ["dtype", "n", "np.negative(x)", "np.copyto(out, x)"]
    fl_rows = render.floor_rows(t_floors)
    legend = render.idiom_legend(results, peers)
    # (a run saved before the labels came from the table calls alpha "a")
    labels = [line.split(" ", 1)[1] for line in legend]
    symbol = "alpha" if any(re.search(r"\balpha\b", s) for s in labels) else "a"
    what_alpha = [alpha_note((r["name"] for r in results), symbol)]
    if any(re.search(r"\bone\b", s) for s in labels):
        what_alpha.append("one = 1 in the operands' dtype")
    what_alpha = "; ".join(w for w in what_alpha if w)
    what_alpha = f" ({what_alpha})" if what_alpha else ""
    noisy = any(s["spread"] > render.NOISY for r in t_results for s in r.get("stats", {}).values())
    skipped = any(r.get("skipped") for r in t_results)
    notes_end = []
    if any(not ok for r in t_results for ok in r["ok"].values()):
        notes_end.append("! = that peer's output differed from fastact's for this case")
    if noisy:
        notes_end.append(f"~ = noisy: the samples' interquartile range is wider than "
                         f"{render.NOISY:.0%} of the median (other work was competing)")
    if skipped:
        notes_end.append("skipped = over the per-case time budget (--budget-s) or short of "
                         "memory at this size")

    print("fastact side-by-side report")
    print("\n".join(head))
    print()
    print(render.text_table(headers, rows, group_col=0))
    print()
    print("References (np.negative allocates its output like the rows above; "
          "np.copyto writes into a preallocated array: the copy-bandwidth ceiling)")
    print(render.text_table(fl_headers, fl_rows))
    if swept:
        for dtype in args.dtypes:
            sh, sr = render.sweep_rows(results, floors, args.plot_ufuncs, dtype)
            print()
            print(f"Throughput sweep, {dtype}, GB/s (bytes read + written)")
            print(render.text_table(sh, sr))
    print()
    print(f"What each peer runs{what_alpha}:")
    print("\n".join(legend))
    for line in notes_end:
        print(line)

    if args.markdown:
        # No top-level heading: the docs include this file inside their own section.
        md = [f"Measured with `{command}`:", ""]
        md += [f"- **{line.split(':', 1)[0].strip()}**: {line.split(':', 1)[1].strip()}"
               for line in head]
        md += ["", render.md_table(headers, rows), ""]
        md += [f"{line}  " for line in notes_end] + ([""] if notes_end else [])
        md += ["References: `np.negative(x)` allocates its output like the rows above; "
               "`np.copyto(out, x)` writes into a preallocated array (copy-bandwidth "
               "ceiling).", "", render.md_table(fl_headers, fl_rows), ""]
        if swept:
            for dtype in args.dtypes:
                sh, sr = render.sweep_rows(results, floors, args.plot_ufuncs, dtype)
                md += [f"Throughput sweep, {dtype}, GB/s (bytes read + written; the "
                       f"plot below shows every peer):", "", render.md_table(sh, sr), ""]
        md += [f"What each peer runs{what_alpha}:", ""]
        md += [f"- `{line.split(' ', 1)[0]}`: {line.split(' ', 1)[1].strip()}" for line in legend]
        md.append("")
        _write(args.markdown, lambda path: Path(path).write_text("\n".join(md)))
    if args.plot:
        machine = head[0].split(":", 1)[1].split(",")[0].strip() if head else cpu_model()
        title = f"fastact throughput vs array size ({machine})"
        caches = saved.get("caches") if args.from_json else None
        _write(args.plot, lambda path: render.write_plot(path, results, floors, peers, args.dtypes,
                                                  args.plot_ufuncs, title, caches))
    return 0


if __name__ == "__main__":
    sys.exit(main())
