/* How far the elu family's speed goals are from what the contract allows:
 * fastact's avx512 loops timed beside two minimal loops that drop the
 * contract, and the accuracy and flags those minimal loops give up. Not
 * fastact's code: a measurement behind docs/performance.rst ("The floor").
 *
 *   elu, minimal:          elu(x, 1) with the operation count of XNNPACK's
 *                          f32 ELU "rr1-p6" kernel (one ln2 constant, expm1
 *                          = t + t^2 P(t) with P of degree 4, no clamp of
 *                          tiny x, no early exit): 16 vector operations per
 *                          16 lanes, against fastact's 18
 *   elu_backward, minimal: dy * exp(x) as two roundings (exp(r), of degree
 *                          6 with the same P, then dy 2^n times it), ln2 in
 *                          two parts, no range or NaN tests: 15 operations,
 *                          against fastact's 29
 *
 * Both are timed in alternation with fastact's loops (n = 100 000, the
 * output preallocated, best of 40 runs of 50 calls), and their accuracy
 * measured on every 16th negative float32 in [-18, 0) against the formula
 * in double precision. AVX-512 only (the machine's best target); after a
 * build into build/cp311:
 *
 *   I="-I fastact/src -I $(python -c 'import numpy; print(numpy.get_include())') \
 *      -I $(python -c 'import sysconfig; print(sysconfig.get_paths()["include"])')"
 *   gcc -O3 -march=x86-64-v4 -ffp-contract=off $I benchmarks/elu_floor.c \
 *       build/cp311/libfastact_avx512.a -lm -o /tmp/elu_floor && /tmp/elu_floor
 *
 * The polynomial of both is P's least-squares fit of degree 4
 * (tools/fit_expm1.py's method; max relative error 3.4e-8 of expm1, against
 * 2.2e-9 for fastact's degree 5). */
#include <fenv.h>
#include <immintrin.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "fastact.h"

enum { N = 100000, RUNS = 40, CALLS = 50 };

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static fa_loop find(const char *name)
{
    for (const fa_loop_entry *e = fa_loops_avx512; e->ufunc; e++)
        if (!strcmp(e->ufunc, name) && e->type == 'f')
            return e->loop;
    return NULL;
}

static void elu_minimal(const float *dy, const float *x, float *o, long n)
{
    (void)dy;
    const __m512 sat = _mm512_set1_ps(-17.33f), l2e = _mm512_set1_ps(1.44269504f),
                 magic = _mm512_set1_ps(12582912.0f + 127.0f), mln2 = _mm512_set1_ps(-0.693147182f),
                 c6 = _mm512_set1_ps(0.0013938245829194784f), c5 = _mm512_set1_ps(0.008366245776414871f),
                 c4 = _mm512_set1_ps(0.0416664220392704f), c3 = _mm512_set1_ps(0.16666556894779205f),
                 c2 = _mm512_set1_ps(0.5f), one = _mm512_set1_ps(1.0f);
    long i = 0;
#pragma GCC unroll 4
    for (; i + 16 <= n; i += 16) {
        __m512 xv = _mm512_loadu_ps(x + i);
        __m512 z = _mm512_max_ps(xv, sat);
        __m512 k = _mm512_fmadd_ps(z, l2e, magic);
        __m512 s = _mm512_castsi512_ps(_mm512_slli_epi32(_mm512_castps_si512(k), 23));
        k = _mm512_sub_ps(k, magic);
        __m512 t = _mm512_fmadd_ps(k, mln2, z);
        __m512 p = _mm512_fmadd_ps(c6, t, c5);
        p = _mm512_fmadd_ps(p, t, c4);
        p = _mm512_fmadd_ps(p, t, c3);
        p = _mm512_fmadd_ps(p, t, c2);
        p = _mm512_mul_ps(p, t);
        t = _mm512_mul_ps(t, s);
        s = _mm512_sub_ps(s, one);
        p = _mm512_fmadd_ps(p, t, t);
        __mmask16 neg = _mm512_cmp_ps_mask(xv, _mm512_setzero_ps(), _CMP_LE_OQ);
        _mm512_storeu_ps(o + i, _mm512_mask_mov_ps(xv, neg, _mm512_add_ps(p, s)));
    }
}

static void elu_backward_minimal(const float *dy, const float *x, float *o, long n)
{
    const __m512 sat = _mm512_set1_ps(-87.0f), l2e = _mm512_set1_ps(1.44269504f),
                 magic = _mm512_set1_ps(12582912.0f + 127.0f), hi = _mm512_set1_ps(-0.693145752f),
                 lo = _mm512_set1_ps(-1.42860677e-06f), c6 = _mm512_set1_ps(0.0013938245829194784f),
                 c5 = _mm512_set1_ps(0.008366245776414871f), c4 = _mm512_set1_ps(0.0416664220392704f),
                 c3 = _mm512_set1_ps(0.16666556894779205f), c2 = _mm512_set1_ps(0.5f),
                 one = _mm512_set1_ps(1.0f);
    long i = 0;
#pragma GCC unroll 4
    for (; i + 16 <= n; i += 16) {
        __m512 xv = _mm512_loadu_ps(x + i), d = _mm512_loadu_ps(dy + i);
        __m512 z = _mm512_max_ps(xv, sat);
        __m512 k = _mm512_fmadd_ps(z, l2e, magic);
        __m512 s = _mm512_castsi512_ps(_mm512_slli_epi32(_mm512_castps_si512(k), 23));
        k = _mm512_sub_ps(k, magic);
        __m512 t = _mm512_fmadd_ps(k, hi, z);
        t = _mm512_fmadd_ps(k, lo, t);
        __m512 p = _mm512_fmadd_ps(c6, t, c5);
        p = _mm512_fmadd_ps(p, t, c4);
        p = _mm512_fmadd_ps(p, t, c3);
        p = _mm512_fmadd_ps(p, t, c2);
        p = _mm512_fmadd_ps(p, t, one);
        p = _mm512_fmadd_ps(p, t, one);
        __m512 g = _mm512_mul_ps(_mm512_mul_ps(d, s), p);
        __mmask16 neg = _mm512_cmp_ps_mask(xv, _mm512_setzero_ps(), _CMP_LE_OQ);
        _mm512_storeu_ps(o + i, _mm512_mask_mov_ps(d, neg, g));
    }
}

/* |y - ref| in ULPs of the float32 grid at ref (ref in double, normal) */
static double ulps(float y, double ref)
{
    int e;
    frexp(ref, &e);
    return fabs(y - ref) / ldexp(1.0, (e - 1 < -126 ? -126 : e - 1) - 23);
}

int main(void)
{
    float *x = aligned_alloc(64, N * 4), *dy = aligned_alloc(64, N * 4), *o = aligned_alloc(64, N * 4);
    srand(1);
    for (long i = 0; i < N; i++) {   /* x standard normal, dy = -0.7 x (as kernel_loops.c) */
        double u1 = (rand() + 1.0) / RAND_MAX, u2 = rand() / (double)RAND_MAX;
        double g = sqrt(-2 * log(u1)) * cos(6.283185307179586 * u2);
        x[i] = (float)g;
        dy[i] = (float)(-0.7 * g);
    }
    float one = 1;
    npy_intp dims[1] = {N}, s1[2] = {4, 4}, s2[3] = {4, 0, 4}, s3[3] = {4, 4, 4}, s4[4] = {4, 4, 0, 4};
    char *a_relu[2] = {(char *)x, (char *)o}, *a_elu[3] = {(char *)x, (char *)&one, (char *)o};
    char *a_rb[3] = {(char *)dy, (char *)x, (char *)o};
    char *a_eb[4] = {(char *)dy, (char *)x, (char *)&one, (char *)o};
    fa_loop relu = find("relu"), elu = find("elu"), rb = find("relu_backward"), eb = find("elu_backward");
    enum { K = 6 };
    static const char *const name[K] = {"relu", "elu (fastact)", "elu (minimal)",
                                        "relu_backward", "elu_backward (fastact)",
                                        "elu_backward (minimal)"};
    double best[K];
    for (int k = 0; k < K; k++)
        best[k] = 1e9;
    for (int r = 0; r < RUNS; r++)
        for (int k = 0; k < K; k++) {
            double t0 = now();
            for (int c = 0; c < CALLS; c++)
                switch (k) {
                case 0: relu(a_relu, dims, s1, NULL); break;
                case 1: elu(a_elu, dims, s2, NULL); break;
                case 2: elu_minimal(dy, x, o, N); break;
                case 3: rb(a_rb, dims, s3, NULL); break;
                case 4: eb(a_eb, dims, s4, NULL); break;
                case 5: elu_backward_minimal(dy, x, o, N); break;
                }
            double t = (now() - t0) / CALLS;
            best[k] = t < best[k] ? t : best[k];
        }
    printf("n = %d, float32, avx512, out= preallocated, best of %d runs of %d calls\n", N, RUNS, CALLS);
    for (int k = 0; k < K; k++)
        printf("%-24s %7.2f us  %.2fx %s\n", name[k], best[k] * 1e6,
               best[k] / best[k < 3 ? 0 : 3], k < 3 ? "relu" : "relu_backward");

    /* accuracy: every 16th float32 in [-18, 0), alpha = 1 and dy = 1.5 */
    enum { M = 1 << 16 };
    float *xs = aligned_alloc(64, M * 4), *ds = aligned_alloc(64, M * 4), *y = aligned_alloc(64, M * 4);
    double worst[4] = {0, 0, 0, 0};
    float at[4] = {0, 0, 0, 0};
    const uint32_t lo_bits = 0x80000000u + 16, hi_bits = 0xc1900000u;   /* -18 */
    for (uint32_t b = lo_bits; b < hi_bits;) {
        long m = 0;
        for (; m < M && b < hi_bits; m++, b += 16) {
            memcpy(&xs[m], &b, 4);
            ds[m] = 1.5f;
        }
        for (int f = 0; f < 4; f++) {
            npy_intp dm[1] = {m};
            char *ae[3] = {(char *)xs, (char *)&one, (char *)y}, *ab[4] = {(char *)ds, (char *)xs, (char *)&one, (char *)y};
            if (f == 0) elu(ae, dm, s2, NULL);
            if (f == 1) elu_minimal(NULL, xs, y, m & ~15L);
            if (f == 2) eb(ab, dm, s4, NULL);
            if (f == 3) elu_backward_minimal(ds, xs, y, m & ~15L);
            for (long i = 0; i < (f & 1 ? (m & ~15L) : m); i++) {
                double ref = f < 2 ? expm1((double)xs[i]) : 1.5 * exp((double)xs[i]);
                double u = ulps(y[i], ref);
                if (u > worst[f]) {
                    worst[f] = u;
                    at[f] = xs[i];
                }
            }
        }
    }
    static const char *const acc[4] = {"elu (fastact)", "elu (minimal)", "elu_backward (fastact)",
                                       "elu_backward (minimal)"};
    printf("\nmax error, every 16th float32 in [-18, 0), alpha = 1 (contract: 1 ULP)\n");
    for (int f = 0; f < 4; f++)
        printf("%-24s %.3f ULP at x = %.9g\n", acc[f], worst[f], at[f]);

    /* flags: the smallest subnormal x, whose elu is x exactly (the minimal
     * elu halves it on the way, which underflows) */
    xs[0] = -0x1p-149f;
    for (int i = 1; i < 16; i++)
        xs[i] = -1.0f;
    feclearexcept(FE_ALL_EXCEPT);
    elu_minimal(NULL, xs, y, 16);
    int minimal_under = fetestexcept(FE_UNDERFLOW) != 0;
    feclearexcept(FE_ALL_EXCEPT);
    npy_intp d16[1] = {16};
    char *ae[3] = {(char *)xs, (char *)&one, (char *)y};
    elu(ae, d16, s2, NULL);
    printf("\nelu(-0x1p-149) raises underflow: fastact %s, minimal %s (the contract: no)\n",
           fetestexcept(FE_UNDERFLOW) ? "yes" : "no", minimal_under ? "yes" : "no");
    return 0;
}
