# Cython API: fastact's kernels on contiguous buffers, callable without the GIL.
#
#     from fastact.cython_api cimport relu_f32, leaky_relu_backward_f64
#
# Each function runs the loop of the SIMD target that `import fastact` chose
# (the same one as the ufuncs, so the same bits); the pointers come from
# fastact's extension through a capsule when the cimporting module is
# imported, so that module needs no SIMD flags of its own.
#
# Arguments: the ufunc's inputs in the ufunc's order (a scalar alpha), then
# `out` and the number of elements `n`. Every array is contiguous with n
# elements; `out` may be one of the inputs (in place) but must not overlap
# any of them otherwise. No floating-point error state is reported.

cdef void relu_f32(const float *x, float *out, Py_ssize_t n) noexcept nogil
cdef void relu_f64(const double *x, double *out, Py_ssize_t n) noexcept nogil
cdef void relu_grad_f32(const float *x, float *out, Py_ssize_t n) noexcept nogil
cdef void relu_grad_f64(const double *x, double *out, Py_ssize_t n) noexcept nogil
cdef void relu_backward_f32(const float *dy, const float *x, float *out, Py_ssize_t n) noexcept nogil
cdef void relu_backward_f64(const double *dy, const double *x, double *out, Py_ssize_t n) noexcept nogil

cdef void leaky_relu_f32(const float *x, float alpha, float *out, Py_ssize_t n) noexcept nogil
cdef void leaky_relu_f64(const double *x, double alpha, double *out, Py_ssize_t n) noexcept nogil
cdef void leaky_relu_grad_f32(const float *x, float alpha, float *out, Py_ssize_t n) noexcept nogil
cdef void leaky_relu_grad_f64(const double *x, double alpha, double *out, Py_ssize_t n) noexcept nogil
cdef void leaky_relu_backward_f32(const float *dy, const float *x, float alpha, float *out,
                                  Py_ssize_t n) noexcept nogil
cdef void leaky_relu_backward_f64(const double *dy, const double *x, double alpha, double *out,
                                  Py_ssize_t n) noexcept nogil

cdef void elu_f32(const float *x, float alpha, float *out, Py_ssize_t n) noexcept nogil
cdef void elu_f64(const double *x, double alpha, double *out, Py_ssize_t n) noexcept nogil
cdef void elu_grad_f32(const float *x, float alpha, float *out, Py_ssize_t n) noexcept nogil
cdef void elu_grad_f64(const double *x, double alpha, double *out, Py_ssize_t n) noexcept nogil
cdef void elu_backward_f32(const float *dy, const float *x, float alpha, float *out,
                           Py_ssize_t n) noexcept nogil
cdef void elu_backward_f64(const double *dy, const double *x, double alpha, double *out,
                           Py_ssize_t n) noexcept nogil
# from the forward output y = elu(x, alpha): dy * (y + alpha) where y <= 0
cdef void elu_backward_from_output_f32(const float *dy, const float *y, float alpha, float *out,
                                       Py_ssize_t n) noexcept nogil
cdef void elu_backward_from_output_f64(const double *dy, const double *y, double alpha,
                                       double *out, Py_ssize_t n) noexcept nogil
