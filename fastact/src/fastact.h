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

/* The ufuncs: FA_FLOAT_UFUNCS(X) calls X(name, nin, unit, mid, fin) for
 * every ufunc (its formula variants: kernels_float.h's FA_FLOAT_LOOP), and
 * FA_INT_UFUNCS(X) calls X(name, nin) for those with integer loops too;
 * generated from the table, fastact/_table.py. */
#include "ufuncs.h"

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
