# cython: language_level=3, boundscheck=False, wraparound=False
"""A module that uses fastact's Cython API the way a library would.

Built by setup.py here (tests/test_cython_api.py builds it and checks it
against the ufuncs) and shown in docs/cython_api.rst. Every call into
fastact happens inside ``with nogil:``.
"""

from fastact.cython_api cimport (
    relu_f32, relu_f64, relu_grad_f32, relu_grad_f64, relu_backward_f32, relu_backward_f64,
    leaky_relu_f32, leaky_relu_f64, leaky_relu_grad_f32, leaky_relu_grad_f64,
    leaky_relu_backward_f32, leaky_relu_backward_f64,
    elu_f32, elu_f64, elu_grad_f32, elu_grad_f64, elu_backward_f32, elu_backward_f64,
    elu_backward_from_output_f32, elu_backward_from_output_f64)

ctypedef fused real:
    float
    double


def dense_elu_forward(real[:, ::1] z, real alpha, real[:, ::1] out):
    """out = elu(z, alpha), one row at a time and no Python call per row."""
    cdef Py_ssize_t i, n = z.shape[1]
    with nogil:
        for i in range(z.shape[0]):
            if real is float:
                elu_f32(&z[i, 0], alpha, &out[i, 0], n)
            else:
                elu_f64(&z[i, 0], alpha, &out[i, 0], n)


# ---- one entry point per arity, for the tests: name selects the function
def unary(str name, real[::1] x, real[::1] out):
    cdef Py_ssize_t n = x.shape[0]
    cdef int which = ["relu", "relu_grad"].index(name)
    if n == 0:
        return
    with nogil:
        if real is float:
            if which == 0:
                relu_f32(&x[0], &out[0], n)
            else:
                relu_grad_f32(&x[0], &out[0], n)
        else:
            if which == 0:
                relu_f64(&x[0], &out[0], n)
            else:
                relu_grad_f64(&x[0], &out[0], n)


def with_alpha(str name, real[::1] x, real alpha, real[::1] out):
    cdef Py_ssize_t n = x.shape[0]
    cdef int which = ["leaky_relu", "leaky_relu_grad", "elu", "elu_grad"].index(name)
    if n == 0:
        return
    with nogil:
        if real is float:
            if which == 0:
                leaky_relu_f32(&x[0], alpha, &out[0], n)
            elif which == 1:
                leaky_relu_grad_f32(&x[0], alpha, &out[0], n)
            elif which == 2:
                elu_f32(&x[0], alpha, &out[0], n)
            else:
                elu_grad_f32(&x[0], alpha, &out[0], n)
        else:
            if which == 0:
                leaky_relu_f64(&x[0], alpha, &out[0], n)
            elif which == 1:
                leaky_relu_grad_f64(&x[0], alpha, &out[0], n)
            elif which == 2:
                elu_f64(&x[0], alpha, &out[0], n)
            else:
                elu_grad_f64(&x[0], alpha, &out[0], n)


def backward(str name, real[::1] dy, real[::1] x, real alpha, real[::1] out):
    """relu_backward ignores alpha."""
    cdef Py_ssize_t n = x.shape[0]
    cdef int which = ["relu_backward", "leaky_relu_backward", "elu_backward",
                      "elu_backward_from_output"].index(name)
    if n == 0:
        return
    with nogil:
        if real is float:
            if which == 0:
                relu_backward_f32(&dy[0], &x[0], &out[0], n)
            elif which == 1:
                leaky_relu_backward_f32(&dy[0], &x[0], alpha, &out[0], n)
            elif which == 2:
                elu_backward_f32(&dy[0], &x[0], alpha, &out[0], n)
            else:
                elu_backward_from_output_f32(&dy[0], &x[0], alpha, &out[0], n)
        else:
            if which == 0:
                relu_backward_f64(&dy[0], &x[0], &out[0], n)
            elif which == 1:
                leaky_relu_backward_f64(&dy[0], &x[0], alpha, &out[0], n)
            elif which == 2:
                elu_backward_f64(&dy[0], &x[0], alpha, &out[0], n)
            else:
                elu_backward_from_output_f64(&dy[0], &x[0], alpha, &out[0], n)
