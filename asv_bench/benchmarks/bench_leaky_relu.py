"""leaky_relu, leaky_relu_grad, leaky_relu_backward, each beside its NumPy idiom.

Scalar alpha is 0.01 (the conventional value); per-channel alphas span 0.01..0.3.
"""

import numpy as np

from .common import ALPHA_LAYOUTS, DTYPES, SIZES, ActivationBench, fastact, store


class _LeakyBench(ActivationBench):
    params = [DTYPES, SIZES, ALPHA_LAYOUTS]
    alpha = 0.01
    per_channel_alpha = (0.01, 0.3)


class LeakyRelu(_LeakyBench):
    ufunc_name = "leaky_relu"
    baseline = "time_numpy_where"

    def time_fastact_leaky_relu(self, dtype, n, layout):
        return fastact.leaky_relu(self.x, self.a, out=self.out)

    def time_numpy_where(self, dtype, n, layout):
        x = self.x
        return store(np.where(x > 0, x, x * self.a), self.out)


class LeakyReluGrad(_LeakyBench):
    ufunc_name = "leaky_relu_grad"
    baseline = "time_numpy_where"

    def time_fastact_leaky_relu_grad(self, dtype, n, layout):
        return fastact.leaky_relu_grad(self.x, self.a, out=self.out)

    def time_numpy_where(self, dtype, n, layout):
        one = self.x.dtype.type(1)
        return store(np.where(self.x > 0, one, self.a), self.out)


class LeakyReluBackward(_LeakyBench):
    ufunc_name = "leaky_relu_backward"
    has_dy = True
    baseline = "time_numpy_where"

    def time_fastact_leaky_relu_backward(self, dtype, n, layout):
        return fastact.leaky_relu_backward(self.dy, self.x, self.a, out=self.out)

    def time_numpy_where(self, dtype, n, layout):
        dy = self.dy
        return store(np.where(self.x > 0, dy, dy * self.a), self.out)
