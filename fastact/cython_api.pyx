# cython: language_level=3, freethreading_compatible=True
"""The Cython API's implementation (declarations: cython_api.pxd).

At import it takes the loop table of the SIMD target that fastact._core chose
(a capsule) and keeps the float32/float64 loop of each ufunc; each function
hands its buffers to that loop as a one-dimensional contiguous call, a scalar
alpha as an operand of stride 0 (the loops' register fast path). Cython
exports the functions to cimporting modules through ``__pyx_capi__``.
"""
from cpython.pycapsule cimport PyCapsule_GetPointer

from fastact import _core

cdef extern from "fastact.h":
    ctypedef Py_ssize_t npy_intp
    ctypedef void (*fa_loop)(char **args, const npy_intp *dims, const npy_intp *steps,
                             void *data) noexcept nogil
    ctypedef struct fa_loop_entry:
        const char *ufunc
        char type
        int nin
        fa_loop loop

#: the SIMD target whose loops these functions run
target = _core.config["chosen"]

cdef const fa_loop_entry *_table = <const fa_loop_entry *>PyCapsule_GetPointer(
    _core._loops, "fastact._core._loops")


cdef fa_loop _find(str name, str type_char, int nin) except NULL:
    cdef bytes bname = name.encode()
    cdef char t = ord(type_char)
    cdef const fa_loop_entry *e = _table
    while e.ufunc != NULL:
        if e.ufunc == bname and e.type == t:
            if e.nin != nin:
                raise RuntimeError(f"fastact.cython_api: {name} has {e.nin} inputs, not {nin}")
            return e.loop
        e += 1
    raise RuntimeError(f"fastact.cython_api: no {type_char!r} loop for {name}")


cdef inline void _call(fa_loop f, int nin, const void *a, const void *b, const void *c,
                       npy_intp sa, npy_intp sb, npy_intp sc, void *out, npy_intp es,
                       Py_ssize_t n) noexcept nogil:
    # args/steps as NumPy would pass them for a one-dimensional call
    cdef char *args[4]
    cdef npy_intp steps[4]
    cdef npy_intp dims = n
    if n <= 0:
        return
    args[0] = <char *>a
    args[1] = <char *>b
    args[2] = <char *>c
    steps[0] = sa
    steps[1] = sb
    steps[2] = sc
    args[nin] = <char *>out
    steps[nin] = es
    f(args, &dims, steps, NULL)


cdef fa_loop _relu32 = _find("relu", "f", 1)
cdef fa_loop _relu64 = _find("relu", "d", 1)
cdef fa_loop _relu_grad32 = _find("relu_grad", "f", 1)
cdef fa_loop _relu_grad64 = _find("relu_grad", "d", 1)
cdef fa_loop _relu_backward32 = _find("relu_backward", "f", 2)
cdef fa_loop _relu_backward64 = _find("relu_backward", "d", 2)
cdef fa_loop _leaky32 = _find("leaky_relu", "f", 2)
cdef fa_loop _leaky64 = _find("leaky_relu", "d", 2)
cdef fa_loop _leaky_grad32 = _find("leaky_relu_grad", "f", 2)
cdef fa_loop _leaky_grad64 = _find("leaky_relu_grad", "d", 2)
cdef fa_loop _leaky_backward32 = _find("leaky_relu_backward", "f", 3)
cdef fa_loop _leaky_backward64 = _find("leaky_relu_backward", "d", 3)
cdef fa_loop _elu32 = _find("elu", "f", 2)
cdef fa_loop _elu64 = _find("elu", "d", 2)
cdef fa_loop _elu_grad32 = _find("elu_grad", "f", 2)
cdef fa_loop _elu_grad64 = _find("elu_grad", "d", 2)
cdef fa_loop _elu_backward32 = _find("elu_backward", "f", 3)
cdef fa_loop _elu_backward64 = _find("elu_backward", "d", 3)
cdef fa_loop _elu_from_output32 = _find("elu_backward_from_output", "f", 3)
cdef fa_loop _elu_from_output64 = _find("elu_backward_from_output", "d", 3)

cdef npy_intp F = sizeof(float), D = sizeof(double)


cdef void relu_f32(const float *x, float *out, Py_ssize_t n) noexcept nogil:
    _call(_relu32, 1, x, NULL, NULL, F, 0, 0, out, F, n)

cdef void relu_f64(const double *x, double *out, Py_ssize_t n) noexcept nogil:
    _call(_relu64, 1, x, NULL, NULL, D, 0, 0, out, D, n)

cdef void relu_grad_f32(const float *x, float *out, Py_ssize_t n) noexcept nogil:
    _call(_relu_grad32, 1, x, NULL, NULL, F, 0, 0, out, F, n)

cdef void relu_grad_f64(const double *x, double *out, Py_ssize_t n) noexcept nogil:
    _call(_relu_grad64, 1, x, NULL, NULL, D, 0, 0, out, D, n)

cdef void relu_backward_f32(const float *dy, const float *x, float *out, Py_ssize_t n) noexcept nogil:
    _call(_relu_backward32, 2, dy, x, NULL, F, F, 0, out, F, n)

cdef void relu_backward_f64(const double *dy, const double *x, double *out, Py_ssize_t n) noexcept nogil:
    _call(_relu_backward64, 2, dy, x, NULL, D, D, 0, out, D, n)


cdef void leaky_relu_f32(const float *x, float alpha, float *out, Py_ssize_t n) noexcept nogil:
    _call(_leaky32, 2, x, &alpha, NULL, F, 0, 0, out, F, n)

cdef void leaky_relu_f64(const double *x, double alpha, double *out, Py_ssize_t n) noexcept nogil:
    _call(_leaky64, 2, x, &alpha, NULL, D, 0, 0, out, D, n)

cdef void leaky_relu_grad_f32(const float *x, float alpha, float *out, Py_ssize_t n) noexcept nogil:
    _call(_leaky_grad32, 2, x, &alpha, NULL, F, 0, 0, out, F, n)

cdef void leaky_relu_grad_f64(const double *x, double alpha, double *out, Py_ssize_t n) noexcept nogil:
    _call(_leaky_grad64, 2, x, &alpha, NULL, D, 0, 0, out, D, n)

cdef void leaky_relu_backward_f32(const float *dy, const float *x, float alpha, float *out,
                                  Py_ssize_t n) noexcept nogil:
    _call(_leaky_backward32, 3, dy, x, &alpha, F, F, 0, out, F, n)

cdef void leaky_relu_backward_f64(const double *dy, const double *x, double alpha, double *out,
                                  Py_ssize_t n) noexcept nogil:
    _call(_leaky_backward64, 3, dy, x, &alpha, D, D, 0, out, D, n)


cdef void elu_f32(const float *x, float alpha, float *out, Py_ssize_t n) noexcept nogil:
    _call(_elu32, 2, x, &alpha, NULL, F, 0, 0, out, F, n)

cdef void elu_f64(const double *x, double alpha, double *out, Py_ssize_t n) noexcept nogil:
    _call(_elu64, 2, x, &alpha, NULL, D, 0, 0, out, D, n)

cdef void elu_grad_f32(const float *x, float alpha, float *out, Py_ssize_t n) noexcept nogil:
    _call(_elu_grad32, 2, x, &alpha, NULL, F, 0, 0, out, F, n)

cdef void elu_grad_f64(const double *x, double alpha, double *out, Py_ssize_t n) noexcept nogil:
    _call(_elu_grad64, 2, x, &alpha, NULL, D, 0, 0, out, D, n)

cdef void elu_backward_f32(const float *dy, const float *x, float alpha, float *out,
                           Py_ssize_t n) noexcept nogil:
    _call(_elu_backward32, 3, dy, x, &alpha, F, F, 0, out, F, n)

cdef void elu_backward_f64(const double *dy, const double *x, double alpha, double *out,
                           Py_ssize_t n) noexcept nogil:
    _call(_elu_backward64, 3, dy, x, &alpha, D, D, 0, out, D, n)

cdef void elu_backward_from_output_f32(const float *dy, const float *y, float alpha, float *out,
                                       Py_ssize_t n) noexcept nogil:
    _call(_elu_from_output32, 3, dy, y, &alpha, F, F, 0, out, F, n)

cdef void elu_backward_from_output_f64(const double *dy, const double *y, double alpha,
                                       double *out, Py_ssize_t n) noexcept nogil:
    _call(_elu_from_output64, 3, dy, y, &alpha, D, D, 0, out, D, n)
