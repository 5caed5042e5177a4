"""elu, elu_grad, elu_backward, each beside its NumPy idiom.

Scalar alpha is 1.0 (the conventional value), for which the NumPy idiom is
``np.where(x > 0, x, np.expm1(x))`` with no multiply; per-channel alphas span
0.5..1.5 and the idiom multiplies by them.
"""

import numpy as np

from .common import ALPHA_LAYOUTS, DTYPES, SIZES, ActivationBench, fastact, store


class _EluBench(ActivationBench):
    params = [DTYPES, SIZES, ALPHA_LAYOUTS]
    alpha = 1.0
    per_channel_alpha = (0.5, 1.5)


def _scaled(a, v):
    """alpha * v, skipping the multiply for the scalar alpha == 1 a user would drop."""
    return v if isinstance(a, float) and a == 1.0 else a * v


class Elu(_EluBench):
    ufunc_name = "elu"
    baseline = "time_numpy_where_expm1"

    def time_fastact_elu(self, dtype, n, layout):
        return fastact.elu(self.x, self.a, out=self.out)

    def time_numpy_where_expm1(self, dtype, n, layout):
        x = self.x
        return store(np.where(x > 0, x, _scaled(self.a, np.expm1(x))), self.out)


class EluGrad(_EluBench):
    ufunc_name = "elu_grad"
    baseline = "time_numpy_where_exp"

    def time_fastact_elu_grad(self, dtype, n, layout):
        return fastact.elu_grad(self.x, self.a, out=self.out)

    def time_numpy_where_exp(self, dtype, n, layout):
        x = self.x
        one = x.dtype.type(1)
        return store(np.where(x > 0, one, _scaled(self.a, np.exp(x))), self.out)


class EluBackward(_EluBench):
    ufunc_name = "elu_backward"
    has_dy = True
    baseline = "time_numpy_where_exp"

    def time_fastact_elu_backward(self, dtype, n, layout):
        return fastact.elu_backward(self.dy, self.x, self.a, out=self.out)

    def time_numpy_where_exp(self, dtype, n, layout):
        x, dy = self.x, self.dy
        return store(np.where(x > 0, dy, dy * _scaled(self.a, np.exp(x))), self.out)
