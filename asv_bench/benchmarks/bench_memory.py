"""Memory: fastact allocates only its output; the NumPy idioms allocate temporaries.

For every suite of the time benchmarks there is a ``<Suite>Memory`` suite at
n = 1e7, contiguous layout, reusing the same setup and the same call bodies:

* ``peakmem_<impl>_<callee>``: asv's peak resident memory of the benchmark process
  after one call. It includes the interpreter and the inputs made in setup, so
  compare fastact with its NumPy neighbour: the difference is the temporaries.
* ``track_alloc_<impl>_<callee>``: the peak bytes allocated *during* the call, as
  seen by tracemalloc (NumPy reports its array buffers to it), divided by the size
  of the output. fastact should read exactly 1.0; ``np.where(x > 0, x, x * a)``
  reads about 2 + 1/itemsize (the mask, ``x * a`` and the result).
"""

import tracemalloc

# Import the module, not the classes: a class bound at module level here would
# be discovered (and run) a second time as bench_memory.<Class>.
from . import bench_ufuncs
from .common import DTYPES

N = 10_000_000
LAYOUT = "contiguous"


def _peakmem(time_name):
    def peakmem(self, dtype):
        return getattr(self.bench, time_name)(dtype, N, LAYOUT)

    return peakmem


def _track_alloc(time_name):
    def track_alloc(self, dtype):
        call = getattr(self.bench, time_name)
        tracemalloc.start()
        try:
            tracemalloc.reset_peak()
            base = tracemalloc.get_traced_memory()[0]
            result = call(dtype, N, LAYOUT)
            peak = tracemalloc.get_traced_memory()[1] - base
        finally:
            tracemalloc.stop()
        self.last_result = result
        return peak / result.nbytes

    track_alloc.unit = "output sizes"
    return track_alloc


def _memory_suite(bench_cls):
    """A suite measuring the memory of each of ``bench_cls``'s time_ benchmarks."""

    def setup(self, dtype):
        self.bench = bench_cls()
        self.bench.setup(dtype, N, LAYOUT)

    ns = {
        "__doc__": f"Memory of {bench_cls.__name__}'s benchmarks at n={N:.0e}.",
        "__module__": __name__,
        "params": [DTYPES],
        "param_names": ["dtype"],
        "processes": 1,
        "timeout": 120,
        "setup": setup,
        "bench_cls": bench_cls,
    }
    for name in sorted(vars(bench_cls)):
        if name.startswith("time_"):
            callee = name[len("time_"):]
            ns["peakmem_" + callee] = _peakmem(name)
            ns["track_alloc_" + callee] = _track_alloc(name)
    return type(bench_cls.__name__ + "Memory", (), ns)


for _cls in bench_ufuncs.SUITES.values():  # every ufunc of the table: <Suite>Memory
    _cls = _memory_suite(_cls)
    globals()[_cls.__name__] = _cls
del _cls
