/* Declarations shared by the kernels (compiled once per target) and the
 * dispatcher. */
#ifndef FASTACT_H
#define FASTACT_H

#include <stddef.h>
#include <numpy/npy_common.h>

/* A NumPy legacy inner loop. */
typedef void (*fa_loop)(char **args, npy_intp const *dims,
                        npy_intp const *steps, void *data);

/* One row of a target's loop table: the ufunc it belongs to, the NumPy type
 * character shared by all its operands ('e', 'f', 'd', 'b', ...), the loop. */
typedef struct {
    const char *ufunc;
    char type;
    int nin;
    fa_loop loop;
} fa_loop_entry;

/* The type character of the bfloat16 rows (the one ml_dtypes gives its
 * dtype). bfloat16 is a user dtype whose number NumPy assigns at run time:
 * _core.pyx registers these rows for it only when ml_dtypes is importable. */
#define FA_BFLOAT16 'E'

/* The float ufuncs, their number of inputs, the formula that takes over
 * when alpha (the last input) is a scalar 1, the one for a scalar alpha in
 * [2^-8, 2^8], and the one for float16 operands that are all finite (the
 * float16 register loop of kernels.c tests each group of inputs); the ufunc's
 * own formula where that is no special case: the one list that kernels.c
 * turns into loops for float16/32/64 and into the rows of its loop table. The
 * relu family additionally has integer loops (see kernels.c). */
#define FA_FLOAT_UFUNCS(X)                                                   \
    X(relu, 1, relu, relu, relu)                                             \
    X(relu_grad, 1, relu_grad, relu_grad, relu_grad)                         \
    X(relu_backward, 2, relu_backward, relu_backward, relu_backward)         \
    X(leaky_relu, 2, leaky_relu, leaky_relu_mid, leaky_relu)                 \
    X(leaky_relu_grad, 2, leaky_relu_grad, leaky_relu_grad, leaky_relu_grad) \
    X(leaky_relu_backward, 3, leaky_relu_backward, leaky_relu_backward_mid,  \
      leaky_relu_backward)                                                   \
    X(elu, 2, elu_unit, elu, elu)                                            \
    X(elu_grad, 2, elu_grad_unit, elu_grad_mid, elu_grad)                    \
    X(elu_backward, 3, elu_backward_unit, elu_backward_mid, elu_backward)    \
    X(elu_backward_from_output, 3, elu_backward_from_output,                 \
      elu_backward_from_output, elu_backward_from_output_finite)

/* Each kernel build exports one table, terminated by a row with ufunc NULL. */
#define FA_CAT_(a, b) a##b
#define FA_CAT(a, b) FA_CAT_(a, b)
extern const fa_loop_entry fa_loops_scalar[];
extern const fa_loop_entry fa_loops_sse2[];
extern const fa_loop_entry fa_loops_avx2[];
extern const fa_loop_entry fa_loops_avx512[];
extern const fa_loop_entry fa_loops_neon[];

/* dispatch.c */
typedef struct {
    const char *name;
    const fa_loop_entry *loops;  /* NULL when not compiled into this build */
    int supported;               /* the running CPU and OS can execute it */
} fa_target;

/* All targets this architecture knows, lowest first; *n receives the count. */
const fa_target *fa_targets(int *n);
/* Index of the best target that is compiled and supported, capped at the one
 * named `cap` (NULL or "" for no cap). -1 if `cap` is not a valid name. */
int fa_choose(const char *cap);
/* CPU feature names detected at run time, as a space-separated string. */
const char *fa_cpu_features(void);

#endif
