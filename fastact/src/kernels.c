/* fastact's kernels: every ufunc's inner loops, for one instruction set.
 * meson compiles this file once per target (FA_TARGET = scalar, sse2, avx2,
 * avx512 on x86-64; scalar, neon on aarch64) with that target's flags; each
 * build exports one loop table, fa_loops_<target>, that the dispatcher
 * chooses from at import. */
#include <fenv.h>
#include <string.h>
#include "fastact.h"
#include "simd.h"

typedef float f32_t;
typedef double f64_t;
#define f32_W F32_W
#define f64_W F64_W

/* Constants of the exp/expm1 kernels (see kernels_float.h). The splits of
 * ln2/16 below are Cody & Waite's (Software Manual for the Elementary
 * Functions, 1980): LN2_16_HI has trailing zero bits so that k * LN2_16_HI is
 * exact. P, for expm1 on |r| <= ln2/2, is fitted by tools/fit_expm1.py (max relative error 2.2e-9 in float32, 1.4e-18 in
 * float64). MAGIC = 1.5 * 2^mant rounds to an integer when added. */
static const float f32_P[] = {0.5f, 0.1666666716337204f, 0.0416664220392704f,
                              0.008333290927112103f, 0.0013938245829194784f,
                              0.00019905240333173424f};
static const float f32_INV_LN2 = 1.44269504088896341f;
static const float f32_LN2 = 0.693147182f;                /* ln 2 rounded */
static const float f32_MAGIC = 12582912.0f;                 /* 1.5 * 2^23 */
static const float f32_EXPM1_MIN = -18.0f;   /* expm1(t) rounds to -1 below */
static const float f32_TINY = 0x1p-30f;      /* expm1(t) rounds to t above -TINY */
static const float f32_ASCALE = 0x1p64f;     /* alpha's scale in alpha_expm1 */
/* exp at scale 2^SCALE: k >= -185 keeps a * 2^(k+SCALE) normal for alpha
 * down to 2^-40, and below EXP_MIN a * exp(t) rounds to 0 for alpha < 2^35. */
static const float f32_EXP_MIN = -128.0f;
static const int f32_BIAS = 127, f32_SCALE = 100;   /* EMIN (comments): -126 */
/* scaled_exp's fast path: t >= EXP_FAST gives k >= -39, so that with
 * 2^CLO <= |c| <= 2^CHI, c 2^k is at least 2^QMIN and the result finite */
static const float f32_EXP_FAST = -27.0f, f32_CLO = 0x1p-30f, f32_CHI = 0x1p126f;
/* elu_backward scales a dy beyond HUGE by 1/HUGE_SCALE: dy alpha stays
 * finite for alpha below 2^64, and normal for alpha above 2^-64 */
static const float f32_HUGE = 0x1p64f, f32_HUGE_SCALE = 0x1p64f;
static const float f32_TRUE_MIN = 0x1p-149f;   /* the smallest subnormal */
static const float f32_KMIN = -100.0f;       /* 2^k formed directly for k >= KMIN */
static const int f32_QMIN = -70;   /* c 2^k at scale below 2^QMIN: c 2^k lo stays normal */
static const float f32_SUBNORMAL_EDGE = 0x1p-26f;   /* 2^(SCALE - 126) */
static const float f32_UNSCALE = 0x1p-100f;
/* The table-driven exp of scaled_exp (kernels_float.h): ln2/16 split with
 * 12 bits in HI (k HI exact for |k| < 2^12, i.e. t >= EXP_MIN), P16 fitted on
 * |r| <= ln2/32 (max relative error 5.6e-10), and the table of 2^(j/16): T16
 * as the bits of the rounded value minus j << 19 (see pow2_16), T16LO the
 * rest relative to it. All from `python tools/fit_expm1.py --table 16`. */
static const float f32_INV_LN2_16 = 23.083120654223414f;
static const float f32_LN2_16_HI = 0.0433197021484375f;       /* 0x3d317000 */
static const float f32_LN2_16_LO = 1.9966365e-06f;
static const float f32_P16[] = {0.5f, 0.16666990518569946f, 0.0416673868894577f};
static const union { uint32_t u[16]; float v[16]; } f32_T16u = {{
    0x3f800000, 0x3f7daac3, 0x3f7b95c2, 0x3f79c3d3, 0x3f7837f0, 0x3f76f532,
    0x3f75fed7, 0x3f75583f, 0x3f7504f3, 0x3f7508a4, 0x3f75672a, 0x3f76248c,
    0x3f7744fd, 0x3f78ccdf, 0x3f7ac0c7, 0x3f7d257d}};
#define f32_T16 (f32_T16u.v)
static const float f32_T16LO[16] = {
    0.0f, 4.6285471455576044e-08f, -1.199215748926008e-08f, 4.7297824323777604e-08f,
    3.1934181521364735e-08f, 3.621057231839586e-08f, -3.0990719324108795e-08f,
    -7.475213337215791e-09f, 1.7114270889351246e-08f, -3.047683350132502e-08f,
    5.233334210430485e-09f, 6.10759176566944e-09f, -1.4719605090363075e-08f,
    -5.258795177098818e-09f, -6.128259677495862e-09f, 5.140609271592211e-09f};
static const float f32_INF = FA_INFF;
static const float f32_QUIET = 0x1p-127f;    /* the bits of the quiet-NaN bit */

static const double f64_P[] = {0.5, 0.16666666666666674, 0.041666666666666685,
                               0.008333333333322698, 0.0013888888888874387,
                               0.00019841269886233944, 2.480158734829822e-05,
                               2.7557241640148804e-06, 2.755725121869356e-07,
                               2.511066469869368e-08, 2.092238200616947e-09};
static const double f64_INV_LN2 = 1.4426950408889634;
static const double f64_LN2 = 0.6931471805599453;             /* ln 2 rounded */
static const double f64_MAGIC = 6755399441055744.0;            /* 1.5 * 2^52 */
static const double f64_EXPM1_MIN = -40.0;
static const double f64_TINY = 0x1p-60;
static const double f64_ASCALE = 0x1p64;
static const double f64_EXP_MIN = -777.0;   /* alpha in [2^-100, 2^47] */
static const int f64_BIAS = 1023, f64_SCALE = 1000;   /* EMIN: -1022 */
static const double f64_EXP_FAST = -400.0, f64_CLO = 0x1p-300, f64_CHI = 0x1p1022;  /* k >= -578 */
static const double f64_HUGE = 0x1p512, f64_HUGE_SCALE = 0x1p512;
static const double f64_TRUE_MIN = 0x1p-1074;
static const double f64_KMIN = -1000.0;
static const int f64_QMIN = -900;
static const double f64_SUBNORMAL_EDGE = 0x1p-22;  /* 2^(SCALE - 1022) */
static const double f64_UNSCALE = 0x1p-1000;
/* ln2/16 with 32 significant bits in HI (0x3fa62e42fee00000): k LN2_16_HI
 * is exact for |k| < 2^21 */
static const double f64_INV_LN2_16 = 23.083120654223414;
static const double f64_LN2_16_HI = 0.04332169877307024;
static const double f64_LN2_16_LO = 1.1926343307941173e-11;
static const double f64_P16[] = {0.5000000000000001, 0.1666666666666667, 0.04166666666293361,
                                 0.008333333332688113, 0.001388908133237316,
                                 0.00019841519304881263};   /* max relative error 2.4e-18 */
static const union { uint64_t u[16]; double v[16]; } f64_T16u = {{
    0x3ff0000000000000, 0x3fefb5586cf9890f, 0x3fef72b83c7d517b, 0x3fef387a6e756238,
    0x3fef06fe0a31b715, 0x3feedea64c123422, 0x3feebfdad5362a27, 0x3feeab07dd485429,
    0x3feea09e667f3bcd, 0x3feea11473eb0187, 0x3feeace5422aa0db, 0x3feec49182a3f090,
    0x3feee89f995ad3ad, 0x3fef199bdd85529c, 0x3fef5818dcfba487, 0x3fefa4afa2a490da}};
#define f64_T16 (f64_T16u.v)
static const double f64_T16LO[16] = {
    0.0, 8.189317638195515e-17, -2.7939114859515733e-17, 7.826573258636076e-17,
    3.3484623336251524e-17, 3.750854201303127e-17, 1.9572585293112036e-17,
    5.68648095791174e-17, -6.835808657661922e-17, -2.3591094770850053e-17,
    5.1548301170786783e-17, 1.5341410053603723e-17, 4.875160526227062e-17,
    1.685487290628973e-17, 1.790126907604513e-17, -5.545065618639427e-17};
static const double f64_INF = FA_INF;
static const double f64_QUIET = 0x1p-1023;

/* True when some input overlaps the output other than element for element
 * (out is x): NumPy's elementwise calls never do that (it copies first), but
 * reduce (output stride 0) and accumulate (input = output shifted by one)
 * rely on the loop running strictly in order. */
static inline int fa_sequential(char **args, npy_intp const *dims,
                                npy_intp const *steps, int nin, npy_intp es)
{
    const npy_intp n = dims[0], os = steps[nin];
    if (n <= 1) return 0;
    if (os == 0) return 1;
    const char *olo = os > 0 ? args[nin] : args[nin] + (n - 1) * os;
    const char *ohi = (os > 0 ? args[nin] + (n - 1) * os : args[nin]) + es;
    for (int j = 0; j < nin; j++) {
        if (args[j] == args[nin] && steps[j] == os) continue;   /* in place */
        const npy_intp s = steps[j];
        const char *lo = s > 0 ? args[j] : args[j] + (n - 1) * s;
        const char *hi = (s > 0 ? args[j] + (n - 1) * s : args[j]) + es;
        if (lo < ohi && olo < hi) return 1;
    }
    return 0;
}

#define FT f32
#include "kernels_float.h"
#undef FT
#define FT f64
#include "kernels_float.h"
#undef FT

/* ----------------------------------------------- float16 and bfloat16
 * The 16-bit floats are computed in float32 and rounded once. A block of
 * inputs is converted into contiguous float32 buffers, the float32 loop runs
 * on them, and the results are converted back. The conversions are exact (to
 * float32) and round-to-nearest-even (back), and keep NaN payloads. */
static float half_to_float(uint16_t h)
{
    uint32_t sign = (uint32_t)(h & 0x8000u) << 16, e = (h >> 10) & 0x1fu, m = h & 0x3ffu, b;
    if (e == 0x1f) b = sign | 0x7f800000u | (m << 13);
    else if (e) b = sign | ((e + 112) << 23) | (m << 13);
    else {
        float f = (float)m * 0x1p-24f;   /* subnormal half: exact */
        memcpy(&b, &f, 4);
        b |= sign;
    }
    float f;
    memcpy(&f, &b, 4);
    return f;
}

/* The overflow flag of a finite value rounded to inf (the product is inf). */
static void raise_overflow(void)
{
    volatile float big = 0x1p127f;
    big = big * 2.0f;
    (void)big;
}

static uint16_t float_to_half(float f)
{
    uint32_t x, ax;
    memcpy(&x, &f, 4);
    uint16_t sign = (uint16_t)((x >> 16) & 0x8000u);
    ax = x & 0x7fffffffu;
    if (ax > 0x7f800000u) {            /* NaN: keep the top payload bits */
        uint16_t m = (uint16_t)((ax >> 13) & 0x3ffu);
        return sign | 0x7c00u | (m ? m : 0x200u);
    }
    if (ax >= 0x477ff000u) {                               /* rounds to inf */
        if (ax < 0x7f800000u)
            raise_overflow();   /* as the hardware conversions do */
        return sign | 0x7c00u;
    }
    if (ax >= 0x38800000u)                                 /* normal half */
        return sign | (uint16_t)((ax - 0x38000000u + 0xfffu + ((ax >> 13) & 1u)) >> 13);
    /* Subnormal half: adding 0.5 puts the grid 2^-24 in the last mantissa
     * bits; the FPU rounds to nearest even. */
    float g, a;
    memcpy(&a, &ax, 4);
    g = a + 0.5f;
    uint32_t gb;
    memcpy(&gb, &g, 4);
    return sign | (uint16_t)(gb - 0x3f000000u);
}

/* bfloat16 is the top half of a float32: widening is a shift; narrowing
 * rounds to nearest even by adding 0x7fff plus the lowest kept bit (a carry
 * into the exponent is the correct rounding, up to inf). A NaN keeps its top
 * bits, as np.maximum(x, 0) does under ml_dtypes; one whose payload was all in
 * the dropped bits gets the quiet bit so that it does not become inf. */
static float bf16_to_float(uint16_t h)
{
    uint32_t b = (uint32_t)h << 16;
    float f;
    memcpy(&f, &b, 4);
    return f;
}

static uint16_t float_to_bf16(float f)
{
    uint32_t x;
    memcpy(&x, &f, 4);
    if ((x & 0x7fffffffu) > 0x7f800000u) {
        uint16_t h = (uint16_t)(x >> 16);
        return (h & 0x7fu) ? h : (uint16_t)(h | 0x40u);
    }
    return (uint16_t)((x + 0x7fffu + ((x >> 16) & 1u)) >> 16);
}

/* float16 -> float32 of m contiguous halves with the hardware conversions,
 * as long as none is a NaN (those the hardware would quiet): returns 0 at
 * the first vector holding a NaN, and the caller converts the block the
 * portable way. Without hardware conversions, always 0. */
static inline int half_block_to_float(const uint16_t *p, float *dst, npy_intp m)
{
#ifdef FA_HALF_VEC
    npy_intp l = 0;
    for (; l + F32_W <= m; l += F32_W) {
        if (half_anynan(p + l))
            return 0;
        f32_store(dst + l, f32_load_half(p + l));
    }
    for (; l < m; l++) {
        if ((p[l] & 0x7fffu) > 0x7c00u)
            return 0;
        dst[l] = half_to_float(p[l]);
    }
    return 1;
#else
    (void)p; (void)dst; (void)m;
    return 0;
#endif
}

static inline void half_block_from_float(const float *src, uint16_t *p, npy_intp m)
{
    npy_intp l = 0;
#ifdef FA_HALF_VEC
    for (; l + F32_W <= m; l += F32_W)
        f32_store_half(p + l, f32_load(src + l));
#endif
    for (; l < m; l++)
        p[l] = float_to_half(src[l]);
}

#ifdef FA_HALF_VEC
/* One vector of W halves at i: the hardware conversions, or the portable
 * ones, lane by lane, where an input holds a NaN (they keep every payload). */
FA_INLINE void half_vector(const uint16_t *const *p, int na, const f32_vec *in,
                           uint16_t *out, npy_intp i, f32_formula f)
{
    enum { W = F32_W };
    f32_vec v[3] = {in[0], in[1], in[2]};
    int nan = 0;
    for (int j = 0; j < na; j++)
        nan |= half_anynan(p[j] + i);
    if (!nan) {
        for (int j = 0; j < na; j++)
            v[j] = f32_load_half(p[j] + i);
        f32_store_half(out + i, f(v[0], v[1], v[2]));
        return;
    }
    FA_ALIGNAS(64) float buf[3][W], res[W];
    for (int j = 0; j < na; j++) {
        for (int l = 0; l < W; l++)
            buf[j][l] = half_to_float(p[j][i + l]);
        v[j] = f32_load(buf[j]);
    }
    /* (a scalar operand is in v already, from in) */
    f32_store(res, f(v[0], v[1], v[2]));
    for (int l = 0; l < W; l++)
        out[i + l] = float_to_half(res[l]);
}

/* float16 with contiguous halves in and out, the last operand (alpha; x for
 * relu_backward) possibly a scalar (`last_scalar`, a constant at every
 * call site, as are nin and f: each combination is a loop of its own): each
 * vector of W halves is widened in registers, the float32 formula runs, and
 * the result is narrowed and stored, with no buffer in between. A vector
 * holding a NaN input goes through the portable conversions (which keep
 * every payload: the hardware would quiet a signaling NaN), so every vector
 * gets the bits of the buffered loop. Where the ufunc has a formula for
 * finite operands (f_fin, not f), a group whose operands are all finite
 * takes it, and a group holding an inf goes vector by vector with f. Returns
 * the number of elements done (all of them, or 0 for a NaN scalar: the
 * caller then does them). */
FA_INLINE npy_intp half_fused(char **args, npy_intp n, int nin, int last_scalar,
                              f32_formula f, f32_formula f_fin)
{
    /* G = 4 vectors at a time: one test (half_anyabove4) and branch per
     * group, and a straight run of G formulas that the compiler can interleave */
    enum { W = F32_W, G = 4 };
    const int na = last_scalar ? nin - 1 : nin;   /* the array operands */
    f32_vec in[3] = {f32_set1(0), f32_set1(0), f32_set1(0)};
    if (last_scalar) {
        uint16_t h = *(const uint16_t *)args[nin - 1];
        if ((h & 0x7fffu) > 0x7c00u)
            return 0;
        if ((h & 0x7fffu) == 0x7c00u)
            f_fin = f;
        in[nin - 1] = f32_set1(half_to_float(h));
    }
    /* the largest magnitude (bits) a group may hold: below inf, or below NaN */
    const uint16_t top = f_fin != f ? 0x7bffu : 0x7c00u;
    const uint16_t *p[3] = {NULL, NULL, NULL};
    for (int j = 0; j < na; j++)   /* args holds nin + 1 pointers, no more */
        p[j] = (const uint16_t *)args[j];
    uint16_t *out = (uint16_t *)args[nin];
    npy_intp i = 0;
    while (i + W <= n) {
        for (; i + G * W <= n; i += G * W) {
            int special = 0;
            for (int j = 0; j < na; j++)
                special |= half_anyabove4(p[j] + i, top);
            if (special)
                break;
            for (int g = 0; g < G; g++) {
                for (int j = 0; j < na; j++)
                    in[j] = f32_load_half(p[j] + i + g * W);
                f32_store_half(out + i + g * W, f_fin(in[0], in[1], in[2]));
            }
        }
        /* a group holding a NaN (or an inf, where f_fin is not f), or the
         * last vectors: one at a time */
        const npy_intp stop = i + G * W <= n ? i + G * W : n;
        for (; i + W <= stop; i += W)
            half_vector(p, na, in, out, i, f);
    }
    if (i < n) {   /* the last m < W elements, through zero-padded copies */
        const npy_intp m = n - i;
        uint16_t tmp[3][W], res[W];
        const uint16_t *tp[3] = {tmp[0], tmp[1], tmp[2]};
        memset(tmp, 0, sizeof tmp);
        for (int j = 0; j < na; j++)
            memcpy(tmp[j], p[j] + i, (size_t)m * sizeof(uint16_t));
        half_vector(tp, na, in, res, 0, f);
        memcpy(out + i, res, (size_t)m * sizeof(uint16_t));
        i = n;
    }
    return i;
}
#endif

/* One routine for both 16-bit types, parameterised by the type's two
 * conversions (inlined: they are constants at every call site). For float16
 * (`half`), the contiguous operands of a block without NaN inputs are
 * converted with the hardware conversions where the target has them (a
 * result is never a signaling NaN then, so both ways agree with the portable
 * conversions bit for bit); anything else element by element. */
FA_INLINE void narrow_run(char **args, npy_intp const *dims, npy_intp const *steps,
                          int nin, fa_loop f32_loop, f32_formula f, f32_formula f_unit,
                          f32_formula f_mid, f32_formula f_fin, int half,
                          float (*to_float)(uint16_t), uint16_t (*from_float)(float))
{
    enum { B = 1024 };
    float buf[4][B];
    npy_intp const n = dims[0];
    int const sequential = fa_sequential(args, dims, steps, nin, 2);
    npy_intp const bw = sequential ? 1 : B;
    npy_intp i = 0;
#ifdef FA_HALF_VEC
    /* The hardware narrowing raises underflow for a tiny result; the portable
     * one, which a vector holding a NaN takes, does not, and the float32
     * kernels raise none for their tiny results: the loop leaves the
     * underflow flag as it found it, so that the flags do not depend on
     * where the NaNs are. (Overflow is raised both ways.) */
    const int had_underflow = half && fetestexcept(FE_UNDERFLOW);
    int fused = half && !sequential && steps[nin] == 2;
    for (int j = 0; j < nin - 1; j++)
        fused &= steps[j] == 2;
    if (fused && steps[nin - 1] == 2)
        i = half_fused(args, n, nin, 0, f, f_fin);
    else if (fused && steps[nin - 1] == 0) {
        /* the float32 loop's choice: the unit formula for a scalar 1, the mid
         * one for a scalar in [2^-8, 2^8]; a formula for finite operands
         * (which takes alpha as it comes) before either */
        const float a = to_float(*(const uint16_t *)args[nin - 1]);
        if (f_fin != f)
            i = half_fused(args, n, nin, 1, f, f_fin);
        else if (f_unit != f && a == 1)
            i = half_fused(args, n, nin, 1, f_unit, f_unit);
        else if (f_mid != f && a >= 0x1p-8f && a <= 0x1p8f)
            i = half_fused(args, n, nin, 1, f_mid, f_mid);
        else
            i = half_fused(args, n, nin, 1, f, f);
    }
#else
    (void)f; (void)f_unit; (void)f_mid; (void)f_fin;
#endif
    for (; i < n; i += bw) {
        npy_intp m = n - i < bw ? n - i : bw;
        char *a[4];
        npy_intp s[4];
        int vec = half;   /* no NaN among the inputs of this block */
        for (int j = 0; j < nin; j++) {
            const char *p = args[j] + i * steps[j];
            s[j] = steps[j] ? (npy_intp)sizeof(float) : 0;   /* keep stride 0 */
            npy_intp cnt = steps[j] ? m : 1;
            a[j] = (char *)buf[j];
            if (half && steps[j] == 2 && half_block_to_float((const uint16_t *)p, buf[j], cnt))
                continue;
            vec &= steps[j] == 0 && (*(const uint16_t *)p & 0x7fffu) <= 0x7c00u;
            for (npy_intp l = 0; l < cnt; l++)
                buf[j][l] = to_float(*(const uint16_t *)(p + l * steps[j]));
        }
        a[nin] = (char *)buf[3];
        s[nin] = sizeof(float);
        f32_loop(a, &m, s, NULL);
        if (vec && steps[nin] == 2) {
            half_block_from_float(buf[3], (uint16_t *)(args[nin] + i * steps[nin]), m);
            continue;
        }
        for (npy_intp l = 0; l < m; l++)
            *(uint16_t *)(args[nin] + (i + l) * steps[nin]) = from_float(buf[3][l]);
    }
#ifdef FA_HALF_VEC
    if (half && !had_underflow && fetestexcept(FE_UNDERFLOW))
        feclearexcept(FE_UNDERFLOW);   /* (testing is cheap, setting is not) */
#endif
}

#define FA_NARROW_LOOPS(name, nin, unit, mid, fin)                               \
    static void f16_##name##_loop(char **args, npy_intp const *dims,          \
                                  npy_intp const *steps, void *data)          \
    {                                                                         \
        (void)data;                                                           \
        narrow_run(args, dims, steps, nin, f32_##name##_loop, f32_##name,     \
                   f32_##unit, f32_##mid, f32_##fin, 1, half_to_float, float_to_half); \
    }                                                                         \
    static void bf16_##name##_loop(char **args, npy_intp const *dims,         \
                                   npy_intp const *steps, void *data)         \
    {                                                                         \
        (void)data;                                                           \
        narrow_run(args, dims, steps, nin, f32_##name##_loop, f32_##name,     \
                   f32_##unit, f32_##mid, f32_##fin, 0, bf16_to_float, float_to_bf16); \
    }
FA_FLOAT_UFUNCS(FA_NARROW_LOOPS)

/* ------------------------------------------------------------- integers
 * The relu family on integers and bool: plain C that the compiler vectorizes
 * with this target's flags (there is no rounding, so nothing to hand-tune).
 * On bool, as on unsigned integers, relu is the identity and the result keeps
 * the input's dtype. */
#define FA_INT_LOOPS(T, c)                                                    \
    static void relu_##c(char **args, npy_intp const *dims,                   \
                         npy_intp const *steps, void *data)                   \
    {                                                                         \
        (void)data;                                                           \
        npy_intp n = dims[0], is = steps[0], os = steps[1];                   \
        if (is == sizeof(T) && os == sizeof(T)) {                             \
            const T *x = (const T *)args[0];                                  \
            T *y = (T *)args[1];                                              \
            for (npy_intp i = 0; i < n; i++) y[i] = x[i] > 0 ? x[i] : 0;      \
        } else {                                                              \
            for (npy_intp i = 0; i < n; i++) {                                \
                T v = *(const T *)(args[0] + i * is);                         \
                *(T *)(args[1] + i * os) = v > 0 ? v : 0;                     \
            }                                                                 \
        }                                                                     \
    }                                                                         \
    static void relu_grad_##c(char **args, npy_intp const *dims,              \
                              npy_intp const *steps, void *data)              \
    {                                                                         \
        (void)data;                                                           \
        for (npy_intp i = 0; i < dims[0]; i++)                                \
            *(T *)(args[1] + i * steps[1]) = *(const T *)(args[0] + i * steps[0]) > 0; \
    }                                                                         \
    static void relu_backward_##c(char **args, npy_intp const *dims,          \
                                  npy_intp const *steps, void *data)          \
    {                                                                         \
        (void)data;                                                           \
        for (npy_intp i = 0; i < dims[0]; i++) {                              \
            T dy = *(const T *)(args[0] + i * steps[0]);                      \
            T x = *(const T *)(args[1] + i * steps[1]);                       \
            *(T *)(args[2] + i * steps[2]) = x > 0 ? dy : 0;                  \
        }                                                                     \
    }
FA_INT_LOOPS(npy_bool, bool)
FA_INT_LOOPS(npy_byte, b)
FA_INT_LOOPS(npy_ubyte, B)
FA_INT_LOOPS(npy_short, h)
FA_INT_LOOPS(npy_ushort, H)
FA_INT_LOOPS(npy_int, i)
FA_INT_LOOPS(npy_uint, I)
FA_INT_LOOPS(npy_long, l)
FA_INT_LOOPS(npy_ulong, L)
FA_INT_LOOPS(npy_longlong, q)
FA_INT_LOOPS(npy_ulonglong, Q)

/* ------------------------------------------------------------ the table
 * Order matters: NumPy takes the first loop the inputs cast to safely, so
 * bool and the integer loops come first and the floats go from narrow to wide. */
#define FA_INT_ROWS(name, nin)                                                \
    {#name, '?', nin, name##_bool},                                           \
    {#name, 'b', nin, name##_b}, {#name, 'B', nin, name##_B},                 \
    {#name, 'h', nin, name##_h}, {#name, 'H', nin, name##_H},                 \
    {#name, 'i', nin, name##_i}, {#name, 'I', nin, name##_I},                 \
    {#name, 'l', nin, name##_l}, {#name, 'L', nin, name##_L},                 \
    {#name, 'q', nin, name##_q}, {#name, 'Q', nin, name##_Q},
#define FA_FLOAT_ROWS(name, nin, unit, mid, fin)                                 \
    {#name, 'e', nin, f16_##name##_loop}, {#name, 'f', nin, f32_##name##_loop}, \
    {#name, 'd', nin, f64_##name##_loop}, {#name, FA_BFLOAT16, nin, bf16_##name##_loop},

const fa_loop_entry FA_CAT(fa_loops_, FA_TARGET)[] = {
    FA_INT_ROWS(relu, 1)
    FA_INT_ROWS(relu_grad, 1)
    FA_INT_ROWS(relu_backward, 2)
    FA_FLOAT_UFUNCS(FA_FLOAT_ROWS)
    {NULL, 0, 0, NULL}
};
