"""relu, relu_grad, relu_backward, each beside its NumPy idiom."""

import numpy as np

from .common import ActivationBench, fastact, store


class Relu(ActivationBench):
    ufunc_name = "relu"
    baseline = "time_numpy_maximum"

    def time_fastact_relu(self, dtype, n, layout):
        return fastact.relu(self.x, out=self.out)

    def time_numpy_maximum(self, dtype, n, layout):
        return np.maximum(self.x, 0, out=self.out)


class ReluGrad(ActivationBench):
    ufunc_name = "relu_grad"
    baseline = "time_numpy_greater"

    def time_fastact_relu_grad(self, dtype, n, layout):
        return fastact.relu_grad(self.x, out=self.out)

    def time_numpy_greater(self, dtype, n, layout):
        # (x > 0) cast to x's dtype; one pass when it can write into out=x.
        if self.out is not None:
            return np.greater(self.x, 0, out=self.out)
        return np.greater(self.x, 0).astype(self.x.dtype)


class ReluBackward(ActivationBench):
    ufunc_name = "relu_backward"
    has_dy = True
    baseline = "time_numpy_where"

    def time_fastact_relu_backward(self, dtype, n, layout):
        return fastact.relu_backward(self.dy, self.x, out=self.out)

    def time_numpy_where(self, dtype, n, layout):
        return store(np.where(self.x > 0, self.dy, 0), self.out)
