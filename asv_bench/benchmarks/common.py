"""Shared inputs and conventions for the fastact asv suite.

Naming contract (checked by tests/test_benchmarks.py): every benchmark method is
called ``<kind>_<impl>_<callee>`` where

* ``kind`` is ``time``, ``peakmem`` or ``track_alloc``;
* ``impl`` is ``fastact`` or ``numpy``;
* for ``fastact`` the ``callee`` is the one fastact ufunc the benchmark calls, and it
  calls nothing else;
* for ``numpy`` the ``callee`` lists, joined by ``_``, the NumPy functions that make
  up the idiom (``where_expm1`` calls ``np.where`` and ``np.expm1``), and it never
  calls fastact.

Every benchmark returns the array it computed, so the test can also check that each
NumPy baseline computes the same values as the fastact ufunc it stands beside.

Layouts:

* ``contiguous``: a fresh C-contiguous 1-d input, the result is newly allocated.
* ``inplace``: ``out=x`` (``out=dy`` for the backward passes). ``setup`` first brings
  the buffer to a fixed point of the map (entries where ``x <= 0`` zeroed, then two
  applications of the NumPy reference), so every timed call sees the same data
  instead of values that decay by ``alpha`` on each call and pass through
  subnormals, which would make the timing depend on how many calls came before.
* ``strided``: ``x[::2]`` of a buffer twice as long (every operand strided).
* ``per_channel``: ``x`` of shape ``(C, H, W)`` with ``alpha`` of shape ``(C, 1, 1)``
  (PReLU); only for the ufuncs that take ``alpha``.

Inputs are standard-normal (``normal``), built in ``setup`` (never timed) with a
fixed seed.
"""

import numpy as np

try:
    import fastact
except ImportError:  # asv check/discovery still works; setup skips everything
    fastact = None

DTYPES = ["float32", "float64", "float16"]
SIZES = [1_000, 100_000, 10_000_000]
LAYOUTS = ["contiguous", "inplace", "strided"]
ALPHA_LAYOUTS = LAYOUTS + ["per_channel"]
CHANNELS = 10
SEED = 20240611
BLOCK = 1 << 20


class Unavailable(NotImplementedError):
    """Raised in setup when this fastact build lacks the ufunc (asv skips it)."""


def get_ufunc(name):
    f = getattr(fastact, name, None) if fastact is not None else None
    if not isinstance(f, np.ufunc):
        raise Unavailable(f"fastact.{name} is not available in this build")
    return f


def normal(rng, count, dtype):
    """Standard-normal data; long arrays repeat a 2**20-element block (a period no
    branch predictor or cache can exploit) so setup stays cheap at n = 1e7."""
    if np.dtype(dtype) not in (np.float32, np.float64):   # bfloat16: rounded from float32
        return normal(rng, count, np.float32).astype(dtype)
    block = rng.standard_normal(min(count, BLOCK), dtype=dtype)
    return block if count <= BLOCK else np.resize(block, count)


def per_channel_shape(n):
    hw = n // CHANNELS
    h = int(round(hw**0.5))
    while hw % h:
        h -= 1
    return (CHANNELS, h, hw // h)


def store(result, out):
    """Write an allocating idiom's result into ``out`` (the in-place layout)."""
    if out is None:
        return result
    out[...] = result
    return out


class ActivationBench:
    """Base of the per-ufunc suites; subclasses set the class attributes below."""

    ufunc_name = None  # fastact ufunc this suite measures
    has_dy = False  # backward pass: (dy, x[, alpha])
    alpha = None  # scalar alpha (Python float), None if the ufunc has none
    per_channel_alpha = None  # (lo, hi) range of the per-channel alphas
    baseline = None  # name of the NumPy-idiom method (setup uses it to prime)

    param_names = ["dtype", "n", "layout"]
    params = [DTYPES, SIZES, LAYOUTS]

    # One process and a bounded number of samples: the grid is ~840 cases per
    # commit. For a comparison, `asv continuous -a processes=2 --interleave-rounds`
    # alternates the two commits (see README.md).
    processes = 1
    repeat = (3, 10, 2.0)
    warmup_time = 0.05
    timeout = 120

    def prepare_inputs(self):
        """Hook: adjust ``self.x`` / ``self.dy`` in place once alpha is known (the
        from-output backward passes turn x into y = f(x)); before the in-place
        priming."""

    def setup(self, dtype, n, layout):
        get_ufunc(self.ufunc_name)  # skip cleanly when this build lacks it
        if layout == "per_channel" and self.alpha is None:
            raise NotImplementedError("per-channel alpha needs an alpha argument")
        dt = np.dtype(dtype)
        rng = np.random.default_rng(SEED)

        def data():
            if layout == "strided":
                return normal(rng, 2 * n, dt)[::2]
            if layout == "per_channel":
                return normal(rng, n, dt).reshape(per_channel_shape(n))
            return normal(rng, n, dt)

        self.x = data()
        self.dy = data() if self.has_dy else None
        if layout == "per_channel":
            lo, hi = self.per_channel_alpha
            self.a = np.linspace(lo, hi, CHANNELS, dtype=dt).reshape(CHANNELS, 1, 1)
        else:
            self.a = self.alpha
        self.prepare_inputs()
        self.out = None
        if layout == "inplace":
            buf = self.dy if self.has_dy else self.x
            buf[self.x <= 0] = 0
            self.out = buf
            baseline = getattr(self, self.baseline)
            for _ in range(2):
                baseline(dtype, n, layout)

