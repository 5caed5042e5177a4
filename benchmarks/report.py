#!/usr/bin/env python
"""Side-by-side speed report: fastact against the other ways to compute the same thing.

For every fastact ufunc, dtype and array size this times, in one process:

* ``fastact``  the ufunc itself (allocating its output, as the others do);
* ``numpy``    the NumPy idiom a user would write (``np.maximum(x, 0)``,
               ``np.where(x > 0, x, x * a)``, ``np.where(x > 0, x, np.expm1(x))``, ...);
* ``numba``    a Numba ``@vectorize`` ufunc of the same formula (if numba is installed);
* ``torch``    PyTorch on the CPU with one thread (``torch.set_num_threads(1)``), on
               zero-copy tensors (if installed): ``aten.elu_backward(dy, a, 1, 1, False,
               x)`` for ``elu_backward``, ``is_result=True`` on ``y`` for
               ``elu_backward_from_output``;

plus two references per dtype and size: ``np.negative(x)`` (the cheapest allocating
unary ufunc) and ``np.copyto(out, x)`` into a preallocated array (the copy
bandwidth: the physical ceiling for a streaming elementwise kernel).

Samples are interleaved: each round times every implementation once, in a rotated
order, so drift and noise from the machine hit all of them alike. A sample is a
loop of k calls, k chosen so it lasts ``--sample-ms``; the table gives the median
time per call and ``ratio = peer time / fastact time`` (above 1: fastact is faster).
While some implementation's samples still spread (interquartile range above
``--max-spread`` of the median) more rounds are added, up to ``--max-repeats``; a
cell whose spread stays above 10 % is flagged ``~``. Before timing, each peer's
output is checked against fastact's (a mismatch is flagged ``!``). Throughput counts
the bytes read and written (inputs + output, alpha excluded). A ufunc that the
installed fastact lacks (``elu_backward_from_output`` before issue 10) is skipped
and named in the header.

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
"""

import argparse
import gc
import json
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
    "elu", "elu_grad", "elu_backward", "elu_backward_from_output",
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
    """Number of array inputs: dy and x (or y) for the backward passes, else x."""
    return 2 if "_backward" in name else 1


def _from_output(name):
    """True for the backward passes that take the activation's output y, not x."""
    return name.endswith("_from_output")


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
    if name == "elu_backward_from_output":
        dy, y = arrays
        return ("np.where(y > 0, dy, dy * (y + a))",
                lambda: np.where(y > 0, dy, dy * (y + a)))
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


def _nb_elu_backward_from_output(dy, y, a):
    return dy if y > 0 else dy * (y + a)


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
    if arrays[0].dtype not in (np.float32, np.float64):   # numba has no float16 arithmetic
        raise TypeError(f"the numba ufunc has float32 and float64 loops, not {arrays[0].dtype}")
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
    if name == "elu_backward_from_output":
        # elu_backward(grad_output, alpha, scale, input_scale, is_result, self_or_result):
        # is_result=True takes y = elu(x) and computes dy * (y + alpha) where y <= 0.
        dy, y = ts
        return ("aten.elu_backward(dy, a, 1, 1, True, y)",
                lambda: aten.elu_backward(dy, a, 1, 1, True, y))
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
    """Standard-normal inputs; for a ``*_from_output`` backward pass the second array
    is y = elu(x, alpha) of a standard-normal x (so y > -alpha), as training keeps it."""
    rng = np.random.default_rng(seed)
    dt = np.dtype(dtype)
    # (standard_normal draws float32 and float64 only: float16 is rounded from float32)
    draw = dt if dt in (np.float32, np.float64) else np.float32
    arrays = [rng.standard_normal(n, dtype=draw).astype(dt, copy=False)
              for _ in range(_arity(name))]
    if _from_output(name):
        x = arrays[-1]
        a = dt.type(_alpha_of(name))
        neg = np.minimum(x, 0)
        np.expm1(neg, out=neg)
        neg *= a
        arrays[-1] = np.where(x > 0, x, neg)
    return arrays


def as_numpy(result):
    return result.numpy() if hasattr(result, "numpy") and not isinstance(result, np.ndarray) \
        else np.asarray(result)


def calibrate(fn, sample_s, t_first=None):
    """Calls per sample so that one sample lasts about sample_s (at least 1 call).
    ``t_first``: the seconds one call already took (then no warm-up call is made
    when that alone fills a sample, which saves the slow peers at large n)."""
    if t_first is not None and t_first >= sample_s:
        return 1
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


def spread(samples):
    """Relative interquartile range of a list of samples: (q75 - q25) / median."""
    q25, q50, q75 = np.percentile(samples, [25, 50, 75])
    return float((q75 - q25) / q50) if q50 > 0 else 0.0


def interleaved_samples(fns, repeats, sample_s, max_repeats=None, max_spread=None,
                        time_budget_s=None, first_times=None):
    """Seconds per call of each callable, sampled round-robin in a rotated order
    (drift and bursts of load from other processes hit every implementation alike).

    After ``repeats`` rounds, while some implementation's relative IQR is above
    ``max_spread``, more rounds are added, up to ``max_repeats`` rounds in all and as
    long as the rounds so far took less than ``time_budget_s``. Returns
    ``{key: [seconds per call, ...]}``."""
    keys = list(fns)
    if not keys:
        return {}
    first_times = first_times or {}
    ks = {key: calibrate(fns[key], sample_s, first_times.get(key)) for key in keys}
    samples = {key: [] for key in keys}
    max_repeats = max(repeats, max_repeats or repeats)
    gc.collect()
    gc_was_enabled = gc.isenabled()
    gc.disable()
    t_start = time.perf_counter()
    try:
        for r in range(max_repeats):
            if r >= repeats:
                if max_spread is None or all(spread(v) <= max_spread for v in samples.values()):
                    break
                if time_budget_s is not None and time.perf_counter() - t_start > time_budget_s:
                    break
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
    return samples


def interleaved_medians(fns, repeats, sample_s, **kw):
    """Median seconds per call for each callable, sampled round-robin."""
    return {key: float(np.median(v))
            for key, v in interleaved_samples(fns, repeats, sample_s, **kw).items()}


def summarize(samples):
    """median, quartiles and relative IQR of each implementation's samples."""
    out = {}
    for key, v in samples.items():
        q25, q50, q75 = np.percentile(v, [25, 50, 75])
        out[key] = {"median": float(q50), "q25": float(q25), "q75": float(q75),
                    "spread": spread(v), "samples": len(v)}
    return out


def check_same(name, dtype, result, ref):
    """True when a peer's output matches fastact's (exactly, or to the elu accuracy)."""
    got = as_numpy(result)
    if got.shape != ref.shape or got.dtype != ref.dtype:
        return False
    rtol = (2e-6 if dtype == "float32" else 1e-13) if name.startswith("elu") else 0.0
    atol = 0.0
    if dtype == "float16" and not name.startswith("relu"):
        # a peer may round in float16 more than once (numpy's y + a, then the
        # product), or take alpha as a double (torch): one float16 ULP apart,
        # subnormals included
        rtol, atol = 2.0 ** -10, 2.0 ** -24
    return bool(np.allclose(got.astype(np.float64), ref.astype(np.float64), rtol=rtol, atol=atol))


# How many output-sized temporaries each peer allocates at most, besides its result
# (np.where(x > 0, dy, dy * np.exp(x)): the exp, the product and a bool mask).
TEMPORARIES = {"fastact": 0, "numpy": 3, "numba": 0, "torch": 2}


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
    nbytes = (_arity(name) + 1) * n * itemsize
    return {"name": name, "n": n, "dtype": dtype, "time": med, "ok": ok, "desc": desc,
            "bytes": nbytes, "stats": stats, "skipped": dict(skipped)}


def run_floors(n, dtype, repeats, sample_s, max_repeats=None, max_spread=None):
    x = make_inputs("relu", n, dtype)[0]
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
    if e == int(e):
        return f"1e{int(e)}"
    m, x = f"{n:.3g}".split("e+") if "e+" in f"{n:.3g}" else (f"{n:.3g}", None)
    return f"{m}e{int(x)}" if x is not None else m


# A cell is flagged noisy when the interquartile range of its samples is wider than
# this fraction of the median.
NOISY = 0.10


def rows_for(results, peers):
    """Table rows: [ufunc, dtype, n, fastact, GB/s, peer cells...]."""
    rows = []
    for r in results:
        t_fa = r["time"].get("fastact")
        stats = r.get("stats", {})

        def noisy(peer):
            return " ~" if stats.get(peer, {}).get("spread", 0.0) > NOISY else ""

        row = [r["name"], r["dtype"], fmt_n(r["n"]), fmt_time(t_fa) + noisy("fastact"),
               f"{r['bytes'] / t_fa / 1e9:.2f}" if t_fa else "-"]
        for peer in peers[1:]:
            t = r["time"].get(peer)
            if t is None:
                row.append("skipped" if peer in r.get("skipped", {}) else "-")
                continue
            flag = noisy(peer) + ("" if r["ok"].get(peer, True) else " !")
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
        lines.append(f"{r['name']:<25} " + "; ".join(parts))
    return lines


def cache_levels():
    """[(label, bytes)] of the data caches of CPU 0 (Linux sysfs), e.g. L1d, L2, L3."""
    out = []
    base = Path("/sys/devices/system/cpu/cpu0/cache")
    try:
        for d in sorted(base.glob("index*")):
            kind = (d / "type").read_text().strip()
            if kind not in ("Data", "Unified"):
                continue
            level = (d / "level").read_text().strip()
            size = (d / "size").read_text().strip().upper()
            mult = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}.get(size[-1:], 1)
            nbytes = int(size.rstrip("KMG")) * mult
            out.append((f"L{level}{'d' if kind == 'Data' else ''} {size}", nbytes))
    except (OSError, ValueError):
        return []
    return out


def write_plot(path, results, floors, peers, dtypes, plot_ufuncs=PLOTTED, title=None,
               caches=None):
    """GB/s against n: one panel per plotted ufunc and dtype, every peer, the
    interquartile band of each line, np.copyto (the ceiling) and np.negative, and
    dash-dotted verticals where the working set (inputs + output) fills each cache level."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    caches = cache_levels() if caches is None else caches
    names = [n for n in plot_ufuncs if any(r["name"] == n for r in results)]
    fig, axes = plt.subplots(len(dtypes), max(1, len(names)), squeeze=False,
                             figsize=(4.8 * max(1, len(names)), 3.8 * len(dtypes)),
                             sharex=True)
    styles = {"fastact": dict(color="tab:red", marker="o", lw=2.2),
              "numpy": dict(color="tab:blue", marker="s"),
              "numba": dict(color="tab:green", marker="^"),
              "torch": dict(color="tab:orange", marker="D")}

    def band(ax, ns, nbytes, stats, color):
        lo = [b / s["q75"] / 1e9 for b, s in zip(nbytes, stats)]
        hi = [b / s["q25"] / 1e9 for b, s in zip(nbytes, stats)]
        ax.fill_between(ns, lo, hi, color=color, alpha=0.15, lw=0)

    for i, dtype in enumerate(dtypes):
        fl = sorted((f for f in floors if f["dtype"] == dtype), key=lambda f: f["n"])
        for j, name in enumerate(names):
            ax = axes[i][j]
            rs = sorted((r for r in results if r["name"] == name and r["dtype"] == dtype),
                        key=lambda r: r["n"])
            many = len(rs) > 8
            for peer in peers:
                sel = [r for r in rs if peer in r["time"]]
                if not sel:
                    continue
                ns = [r["n"] for r in sel]
                style = dict(styles.get(peer, {}))
                if many:
                    style["ms"] = 3
                label = peer if peer == "fastact" else f"{peer}: {sel[0]['desc'][peer]}"
                if sel[-1]["n"] < rs[-1]["n"]:
                    label += f" (skipped above n={fmt_n(sel[-1]['n'])})"
                ax.plot(ns, [r["bytes"] / r["time"][peer] / 1e9 for r in sel],
                        label=label, **style)
                if all("stats" in r and peer in r["stats"] for r in sel):
                    band(ax, ns, [r["bytes"] for r in sel], [r["stats"][peer] for r in sel],
                         style.get("color", "0.5"))
            if fl:
                ns = [f["n"] for f in fl]
                ax.plot(ns, [f["bytes"] / f["time"]["np.copyto"] / 1e9 for f in fl],
                        color="k", ls="--", lw=1.6,
                        label="np.copyto(out, x): copy-bandwidth ceiling")
                ax.plot(ns, [f["bytes"] / f["time"]["np.negative"] / 1e9 for f in fl],
                        color="0.5", ls=":", label="np.negative(x): allocating floor")
                if all("stats" in f for f in fl):
                    band(ax, ns, [f["bytes"] for f in fl],
                         [f["stats"]["np.copyto"] for f in fl], "k")
            if rs:
                per_elem = rs[0]["bytes"] / rs[0]["n"]
                lo_n, hi_n = rs[0]["n"], rs[-1]["n"]
                for label, nbytes in caches:
                    at = nbytes / per_elem
                    if lo_n <= at <= hi_n:
                        ax.axvline(at, color="0.6", ls="-.", lw=0.8)
                        ax.annotate(label, (at, 1.0), xycoords=("data", "axes fraction"),
                                    xytext=(2, -2), textcoords="offset points",
                                    fontsize=6.5, color="0.35", va="top", rotation=90)
            ax.set_xscale("log")
            ax.set_title(f"{name}, {dtype}")
            ax.grid(True, which="both", alpha=0.3)
            if j == 0:
                ax.set_ylabel("GB/s (bytes read + written)")
            if i == len(dtypes) - 1:
                ax.set_xlabel("array size n (elements); verticals: working set = cache size")
            ax.legend(fontsize=6, loc="best")
            ax.set_ylim(bottom=0)
    fig.suptitle(title or f"fastact throughput vs array size ({cpu_model()})", fontsize=10)
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
    p.add_argument("--sizes", default=None,
                   help="comma-separated array sizes of the table (default 1e3,1e5,1e7)")
    p.add_argument("--dtypes", default="float32,float64,float16",
                   help="comma-separated dtypes (default float32,float64,float16)")
    p.add_argument("--ufuncs", default=",".join(UFUNCS), help="comma-separated subset")
    p.add_argument("--peers", default=",".join(PEERS[1:]),
                   help="comma-separated peers besides fastact (default numpy,numba,torch)")
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


def sweep_rows(results, floors, plot_ufuncs, dtype):
    """GB/s of fastact (and np.copyto) at every swept size of one dtype."""
    names = [u for u in plot_ufuncs if any(r["name"] == u for r in results)]
    by = {(r["name"], r["n"]): r for r in results if r["dtype"] == dtype}
    fl = {f["n"]: f for f in floors if f["dtype"] == dtype}
    rows = []
    for n in sorted(fl):
        row = [fmt_n(n), f"{fl[n]['bytes'] / fl[n]['time']['np.copyto'] / 1e9:.2f}"]
        for u in names:
            r = by.get((u, n))
            t = r["time"].get("fastact") if r else None
            row.append(f"{r['bytes'] / t / 1e9:.2f}" if t else "-")
        rows.append(row)
    return ["n", "np.copyto"] + [f"{u} (fastact)" for u in names], rows


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
    order = {u: i for i, u in enumerate(UFUNCS)}
    results.sort(key=lambda r: (order[r["name"]], r["dtype"], r["n"]))
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
    fl_rows = floor_rows(t_floors)
    legend = idiom_legend(results, peers)
    noisy = any(s["spread"] > NOISY for r in t_results for s in r.get("stats", {}).values())
    skipped = any(r.get("skipped") for r in t_results)
    notes_end = []
    if any(not ok for r in t_results for ok in r["ok"].values()):
        notes_end.append("! = that peer's output differed from fastact's for this case")
    if noisy:
        notes_end.append(f"~ = noisy: the samples' interquartile range is wider than "
                         f"{NOISY:.0%} of the median (other work was competing)")
    if skipped:
        notes_end.append("skipped = over the per-case time budget (--budget-s) or short of "
                         "memory at this size")

    print("fastact side-by-side report")
    print("\n".join(head))
    print()
    print(text_table(headers, rows, group_col=0))
    print()
    print("References (np.negative allocates its output like the rows above; "
          "np.copyto writes into a preallocated array: the copy-bandwidth ceiling)")
    print(text_table(fl_headers, fl_rows))
    if swept:
        for dtype in args.dtypes:
            sh, sr = sweep_rows(results, floors, args.plot_ufuncs, dtype)
            print()
            print(f"Throughput sweep, {dtype}, GB/s (bytes read + written)")
            print(text_table(sh, sr))
    print()
    print("What each peer runs (a = 0.01 for leaky_relu, 1.0 for elu):")
    print("\n".join(legend))
    for line in notes_end:
        print(line)

    if args.markdown:
        # No top-level heading: the docs include this file inside their own section.
        md = [f"Measured with `{command}`:", ""]
        md += [f"- **{line.split(':', 1)[0].strip()}**: {line.split(':', 1)[1].strip()}"
               for line in head]
        md += ["", md_table(headers, rows), ""]
        md += [f"{line}  " for line in notes_end] + ([""] if notes_end else [])
        md += ["References: `np.negative(x)` allocates its output like the rows above; "
               "`np.copyto(out, x)` writes into a preallocated array (copy-bandwidth "
               "ceiling).", "", md_table(fl_headers, fl_rows), ""]
        if swept:
            for dtype in args.dtypes:
                sh, sr = sweep_rows(results, floors, args.plot_ufuncs, dtype)
                md += [f"Throughput sweep, {dtype}, GB/s (bytes read + written; the "
                       f"plot below shows every peer):", "", md_table(sh, sr), ""]
        md += ["What each peer runs (a = 0.01 for leaky_relu, 1.0 for elu):", ""]
        md += [f"- `{line.split(' ', 1)[0]}`: {line.split(' ', 1)[1].strip()}" for line in legend]
        md.append("")
        _write(args.markdown, lambda path: Path(path).write_text("\n".join(md)))
    if args.plot:
        machine = head[0].split(":", 1)[1].split(",")[0].strip() if head else cpu_model()
        title = f"fastact throughput vs array size ({machine})"
        caches = saved.get("caches") if args.from_json else None
        _write(args.plot, lambda path: write_plot(path, results, floors, peers, args.dtypes,
                                                  args.plot_ufuncs, title, caches))
    return 0


if __name__ == "__main__":
    sys.exit(main())
