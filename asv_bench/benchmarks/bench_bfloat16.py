"""bfloat16 (ml_dtypes): relu, leaky_relu and elu beside their NumPy idioms.

NumPy computes on bfloat16 through ml_dtypes' own loops (np.maximum, np.where,
np.expm1); fastact's bfloat16 loops convert a block to float32, run the chosen
SIMD target's float32 loop and round back once. Skipped when ml_dtypes is not
installed (the bench extra installs it).
"""

import numpy as np

from . import bench_relu
from .common import LAYOUTS, SIZES, ActivationBench, Unavailable, fastact, store

try:
    import ml_dtypes
except ImportError:
    ml_dtypes = None


class _Bfloat16Bench(ActivationBench):
    params = [["bfloat16"], SIZES, LAYOUTS]

    def setup(self, dtype, n, layout):
        if ml_dtypes is None:
            raise Unavailable("ml_dtypes is not installed")
        super().setup(dtype, n, layout)


class Bfloat16Relu(_Bfloat16Bench, bench_relu.Relu):
    """relu's suite, with a bfloat16 zero in the baseline: NumPy before 2.1
    promotes bfloat16 with a Python int to float32."""

    def time_numpy_maximum(self, dtype, n, layout):
        return np.maximum(self.x, self.x.dtype.type(0), out=self.out)


class Bfloat16LeakyRelu(_Bfloat16Bench):
    ufunc_name = "leaky_relu"
    alpha = 0.01
    baseline = "time_numpy_where"

    def time_fastact_leaky_relu(self, dtype, n, layout):
        return fastact.leaky_relu(self.x, self.a, out=self.out)

    def time_numpy_where(self, dtype, n, layout):
        # a bfloat16 alpha: ml_dtypes promotes bfloat16 * Python float to float32
        x, a = self.x, self.x.dtype.type(self.a)
        return store(np.where(x > 0, x, x * a), self.out)


class Bfloat16Elu(_Bfloat16Bench):
    ufunc_name = "elu"
    alpha = 1.0
    baseline = "time_numpy_where_expm1"

    def time_fastact_elu(self, dtype, n, layout):
        return fastact.elu(self.x, self.a, out=self.out)

    def time_numpy_where_expm1(self, dtype, n, layout):
        x, a = self.x, self.x.dtype.type(self.a)
        return store(np.where(x > 0, x, a * np.expm1(x)), self.out)
