"""The timing engine of benchmarks/: interleaved samples of several callables.

Shared by ``report.py`` (the side-by-side table), ``goals.py`` (pairs of calls
against a goal) and ``layouts.py`` (fastact beside the NumPy idiom per layout).

A sample is a loop of k calls of one callable, k calibrated per callable so
that a sample lasts about ``sample_s``; one round takes one sample of every
callable, in an order rotated from round to round, so drift and bursts of load
from other processes hit all of them alike. The garbage collector is off while
sampling. Nothing here knows about ufuncs: the callables take no argument.
"""

import gc
import time

import numpy as np


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


def side_by_side(f, g, samples, sample_s=2e-3):
    """Median seconds per call of f and of g, their samples interleaved."""
    med = interleaved_medians({"f": f, "g": g}, samples, sample_s)
    return med["f"], med["g"]


def summarize(samples):
    """median, quartiles and relative IQR of each implementation's samples."""
    out = {}
    for key, v in samples.items():
        q25, q50, q75 = np.percentile(v, [25, 50, 75])
        out[key] = {"median": float(q50), "q25": float(q25), "q75": float(q75),
                    "spread": spread(v), "samples": len(v)}
    return out
