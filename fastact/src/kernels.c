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

#include "vmath_constants.h"

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
 * The ufuncs with integer loops (FA_INT_UFUNCS), on every integer type and
 * bool: their family's formula (FA_INT_<name>, a C expression) in plain C
 * that the compiler vectorizes with this target's flags (there is no
 * rounding, so nothing to hand-tune). The result keeps the input's dtype. */
#define FA_INT_LOOP1(name, T, c)                                              \
    static void name##_##c(char **args, npy_intp const *dims,                 \
                           npy_intp const *steps, void *data)                 \
    {                                                                         \
        (void)data;                                                           \
        npy_intp n = dims[0], is = steps[0], os = steps[1];                   \
        if (is == sizeof(T) && os == sizeof(T)) {                             \
            const T *x = (const T *)args[0];                                  \
            T *y = (T *)args[1];                                              \
            for (npy_intp i = 0; i < n; i++) y[i] = FA_INT_##name(T, x[i]);   \
        } else {                                                              \
            for (npy_intp i = 0; i < n; i++) {                                \
                T v = *(const T *)(args[0] + i * is);                         \
                *(T *)(args[1] + i * os) = FA_INT_##name(T, v);               \
            }                                                                 \
        }                                                                     \
    }
#define FA_INT_LOOP2(name, T, c)                                              \
    static void name##_##c(char **args, npy_intp const *dims,                 \
                           npy_intp const *steps, void *data)                 \
    {                                                                         \
        (void)data;                                                           \
        for (npy_intp i = 0; i < dims[0]; i++) {                              \
            T dy = *(const T *)(args[0] + i * steps[0]);                      \
            T x = *(const T *)(args[1] + i * steps[1]);                       \
            *(T *)(args[2] + i * steps[2]) = FA_INT_##name(T, dy, x);         \
        }                                                                     \
    }
#define FA_INT_LOOPS(name, nin)                                               \
    FA_CAT(FA_INT_LOOP, nin)(name, npy_bool, bool)                            \
    FA_CAT(FA_INT_LOOP, nin)(name, npy_byte, b)                               \
    FA_CAT(FA_INT_LOOP, nin)(name, npy_ubyte, B)                              \
    FA_CAT(FA_INT_LOOP, nin)(name, npy_short, h)                              \
    FA_CAT(FA_INT_LOOP, nin)(name, npy_ushort, H)                             \
    FA_CAT(FA_INT_LOOP, nin)(name, npy_int, i)                                \
    FA_CAT(FA_INT_LOOP, nin)(name, npy_uint, I)                               \
    FA_CAT(FA_INT_LOOP, nin)(name, npy_long, l)                               \
    FA_CAT(FA_INT_LOOP, nin)(name, npy_ulong, L)                              \
    FA_CAT(FA_INT_LOOP, nin)(name, npy_longlong, q)                           \
    FA_CAT(FA_INT_LOOP, nin)(name, npy_ulonglong, Q)
#undef FT
#include "families.h"   /* (FT undefined: the FA_INT_ formulas) */
FA_INT_UFUNCS(FA_INT_LOOPS)

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
    FA_INT_UFUNCS(FA_INT_ROWS)
    FA_FLOAT_UFUNCS(FA_FLOAT_ROWS)
    {NULL, 0, 0, NULL}
};
