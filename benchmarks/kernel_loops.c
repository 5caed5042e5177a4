/* The kernels' inner loops timed directly from C, without NumPy's call
 * overhead or the output allocation: the float loops of one target's loop
 * table (float32, float64 and float16) for every ufunc of the table
 * (FA_UFUNC_INPUTS, ufuncs.h), n = 100 000, contiguous, a scalar
 * alpha (1 and 0.3), the best of 30 runs of 50 calls. For profiling and for before/after comparisons of kernel
 * changes in one process (benchmarks/goals.py measures the user's calls).
 *
 * After a pip/meson build (build folder build/cp311 here):
 *
 *   I="-I fastact/src -I $(python -c 'import numpy; print(numpy.get_include())') \
 *      -I $(python -c 'import sysconfig; print(sysconfig.get_paths()["include"])')"
 *   gcc -O2 $I -DFA_TABLE=fa_loops_avx512 benchmarks/kernel_loops.c \
 *       build/cp311/libfastact_avx512.a -lm -o /tmp/kernel_loops && /tmp/kernel_loops
 *
 * Side by side with an older version of the kernels: compile that version's
 * kernels.c with its table named through FA_TARGET, and name that table
 * FA_TABLE_BEFORE; the two are then timed in alternation, run by run:
 *
 *   git worktree add /tmp/old <commit>
 *   gcc -O3 -ffp-contract=off -fno-math-errno -march=x86-64-v4 -DFA_TARGET_AVX512 \
 *       -DFA_TARGET=before $I -I /tmp/old/fastact/src \
 *       -c /tmp/old/fastact/src/kernels.c -o /tmp/before.o
 *   gcc -O2 $I -DFA_TABLE=fa_loops_avx512 -DFA_TABLE_BEFORE=fa_loops_before \
 *       benchmarks/kernel_loops.c /tmp/before.o build/cp311/libfastact_avx512.a -lm
 *
 * Arguments, both optional, narrow the run (for perf): a ufunc name and a
 * dtype (f32, f64 or f16), e.g. `kernel_loops elu f32`.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "fastact.h"

extern const fa_loop_entry FA_TABLE[];
#ifdef FA_TABLE_BEFORE
extern const fa_loop_entry FA_TABLE_BEFORE[];
#endif

enum { N = 100000, RUNS = 30, CALLS = 50 };

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static fa_loop find(const fa_loop_entry *table, const char *name, char type)
{
    for (const fa_loop_entry *e = table; e->ufunc; e++)
        if (!strcmp(e->ufunc, name) && e->type == type)
            return e->loop;
    return NULL;
}

static double run(fa_loop loop, char **args, npy_intp *dims, npy_intp *steps)
{
    double t0 = now();
    for (int i = 0; i < CALLS; i++)
        loop(args, dims, steps, NULL);
    return (now() - t0) / CALLS;
}

int main(int argc, char **argv)
{
    /* the operands, float32, float64 and float16 (_Float16: gcc >= 12, clang
     * >= 15 on x86-64): x standard normal, dy = -0.7 x */
    char *x[3], *dy[3], *out[3];
    for (int d = 0; d < 3; d++) {
        x[d] = aligned_alloc(64, N * 8);
        dy[d] = aligned_alloc(64, N * 8);
        out[d] = aligned_alloc(64, N * 8);
    }
    srand(1);
    for (long i = 0; i < N; i++) {
        double u1 = (rand() + 1.0) / RAND_MAX, u2 = rand() / (double)RAND_MAX;
        double g = sqrt(-2 * log(u1)) * cos(6.283185307179586 * u2);
        ((float *)x[0])[i] = (float)g;
        ((double *)x[1])[i] = g;
        ((float *)dy[0])[i] = (float)(-0.7 * g);
        ((double *)dy[1])[i] = -0.7 * g;
        ((_Float16 *)x[2])[i] = (_Float16)g;
        ((_Float16 *)dy[2])[i] = (_Float16)(-0.7 * g);
    }
    /* each case: a ufunc of the table, and whether its inputs are (x), (x,
     * alpha), (dy, x) or (dy, x, alpha) (a from-output y is drawn like x) */
    struct ufunc_case { const char *name; int dy, alpha; };
#define FA_CASE(name, inputs) \
    {#name, !strncmp(inputs, "dy ", 3), strstr(inputs, "alpha") != NULL},
    const struct ufunc_case cases[] = {FA_UFUNC_INPUTS(FA_CASE)};
#undef FA_CASE
    static const char *const dname[3] = {"f32", "f64", "f16"};
    for (int d = 0; d < 3; d++) {
        const char type = "fde"[d];
        const npy_intp es = d == 2 ? 2 : d ? 8 : 4;
        if (argc > 2 && strcmp(argv[2], dname[d]))
            continue;
        for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
            if (argc > 1 && strcmp(argv[1], cases[c].name))
                continue;
            for (int ai = 0; ai < (cases[c].alpha ? 2 : 1); ai++) {
                float a32 = ai ? 0.3f : 1.0f;
                double a64 = ai ? 0.3 : 1.0;
                _Float16 a16 = (_Float16)a32;
                char *args[4];
                npy_intp dims[1] = {N}, steps[4];
                int nin = 0;
                if (cases[c].dy)
                    args[nin++] = dy[d];
                args[nin++] = x[d];
                for (int j = 0; j < nin; j++)
                    steps[j] = es;
                if (cases[c].alpha) {
                    args[nin] = d == 2 ? (char *)&a16 : d ? (char *)&a64 : (char *)&a32;
                    steps[nin++] = 0;
                }
                args[nin] = out[d];
                steps[nin] = es;
                fa_loop loop = find(FA_TABLE, cases[c].name, type);
                if (!loop)
                    continue;
                double best = 1e9, best_before = 1e9;
#ifdef FA_TABLE_BEFORE
                fa_loop before = find(FA_TABLE_BEFORE, cases[c].name, type);
#endif
                for (int r = 0; r < RUNS; r++) {
                    best = fmin(best, run(loop, args, dims, steps));
#ifdef FA_TABLE_BEFORE
                    if (before)
                        best_before = fmin(best_before, run(before, args, dims, steps));
#endif
                }
                printf("%-26s %s alpha=%.1f  %7.2f us", cases[c].name, dname[d],
                       cases[c].alpha ? a64 : 0.0, best * 1e6);
                if (best_before < 1e9)
                    printf("   before %7.2f us   ratio %.2f", best_before * 1e6, best / best_before);
                printf("\n");
            }
        }
    }
    return 0;
}
