/* The vector layer: one small set of operations per instruction set, for
 * float32 (f32_*) and float64 (f64_*). kernels.c writes every formula once on
 * top of it. The target is chosen by the build: FA_TARGET_{SCALAR,SSE2,AVX2,
 * AVX512} on x86-64, FA_TARGET_NEON on aarch64.
 *
 * The tests of x itself, `le0` and `isnan`, work on the bits with integer
 * instructions: they raise no floating-point flag, not even for a signaling
 * NaN (a "quiet" float compare still signals on those), so relu and the other
 * select-only ufuncs never warn, like np.maximum. `eq` and `lt_num` are float
 * compares used only on values that are never NaN.
 *
 *   vec load(p), store(p, v), set1(s)          unaligned memory access
 *   vec loadn(p, s)                            W elements p[0], p[s], p[2s], ...
 *                                              (|s| * W < 2^31: a gather index)
 *   add, sub, mul, div, max, min (no NaN operands), muladd(a, b, c) = a*b + c
 *     (fused where the instruction set has FMA), muladd1(a, b, c) = a*b + c
 *     rounded once where it matters most: fused, or for float32 without FMA
 *     computed in float64 (where a*b is exact)
 *   mask le0(x) = x <= 0 (false for NaN), isnan(x), eq(a, b), lt_num(a, b)
 *   mask nonfinite(x) = x is ±inf or NaN (integer test on the bits)
 *   mask le0q(x) = le0(x) as one quiet float compare where the instruction
 *     set has one (AVX, AVX-512): it raises invalid for a signaling NaN only,
 *     as np.exp does; the elu family uses it, the exact families keep le0
 *   select(m, a, b) = m ? a : b, mor, mandnot(a, b) = a & ~b, any(m)
 *   or(a, b), signbit(x), abs(x)               bitwise on the float bits
 *   f32_load_half(p), f32_store_half(p, v), half_anynan(p): W float16 (bits)
 *     to and from float32 where the target has hardware conversions
 *     (FA_HALF_VEC defined): exact widening, narrowing rounded to nearest
 *     even. The hardware quiets a signaling NaN (and raises invalid), so the
 *     caller sends any vector that holds a NaN (half_anynan, an integer test)
 *     through the portable conversions, which keep every payload.
 *     half_anyabove4(p, top): is any of the 4 W halves at p above top in
 *     magnitude (bits & 0x7fff > top: 0x7c00 finds NaNs, 0x7bff infs too)?
 *     One maximum, one compare.
 *   pow2(t, bias): t holds k + 1.5*2^mant (so k sits in the low mantissa
 *     bits); returns the float with exponent field k + bias, i.e. 2^k when
 *     bias is the IEEE bias. Integer arithmetic only: exact, raises nothing.
 *   mulsub1(a, b, c) = a*b - c, rounded once as muladd1 is
 *   FUSED (f32_FUSED, f64_FUSED): 1 where muladd1 / mulsub1 are rounded once
 *     (float64 on the scalar and SSE2 targets: 0)
 *   recip(d) = 1/d to a relative 2^-22 or better (a reciprocal estimate and a
 *     Newton step where the target has one, else a division): for d normal,
 *     its reciprocal normal; callers correct it with the remainder 1 - d recip(d)
 *   mask outside(x, lo, hi): x is nonzero and |x| is not in [lo, hi]
 *     (0 < lo <= hi finite; NaN and ±inf are outside): integer compares on
 *     the bits, raises nothing
 *   min_where(m, a, b) = min(m ? a : 0, b) (b never NaN), and
 *   max_where(m, a, b) = m ? max(a, b) : b (b not NaN on m's lanes): the
 *     lanes outside m raise nothing. AVX-512 computes them in m's lanes
 *     only, as one masked vminps / vmaxps (min_where's other lanes take
 *     min(0, b), hoisted out of a loop where b is invariant); elsewhere they
 *     are selects around the min / max (generic, after the targets)
 *   lut16(tab, t): tab[j], j the low 4 bits of t's bits (t as in pow2: k
 *     sits in the low mantissa bits, j = k mod 16); tab holds 16 elements
 *   pow2_16(v, t, bias): the bits of v plus (k << (mant - 4)) plus
 *     (bias << mant): with v = lut16 of a table stored as its bits minus
 *     j << (mant - 4), that is tab[j] 2^(floor(k/16) + bias). Exact.
 */
#ifndef FASTACT_SIMD_H
#define FASTACT_SIMD_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "compat.h"

#if defined(FA_TARGET_SCALAR)
/* ---------------------------------------------------------------- scalar */
#define F32_W 1
#define F64_W 1
typedef float f32_vec;
typedef double f64_vec;
typedef int f32_mask;
typedef int f64_mask;
#define FA_SCALAR_OPS(T, t, u)                                                 \
FA_INLINE T##_vec T##_load(const t *p) { return *p; }                          \
FA_INLINE void T##_store(t *p, T##_vec v) { *p = v; }                          \
FA_INLINE T##_vec T##_set1(t s) { return s; }                                  \
FA_INLINE T##_vec T##_add(T##_vec a, T##_vec b) { return a + b; }              \
FA_INLINE T##_vec T##_sub(T##_vec a, T##_vec b) { return a - b; }              \
FA_INLINE T##_vec T##_mul(T##_vec a, T##_vec b) { return a * b; }              \
FA_INLINE T##_vec T##_div(T##_vec a, T##_vec b) { return a / b; }              \
FA_INLINE T##_vec T##_muladd(T##_vec a, T##_vec b, T##_vec c) { return a * b + c; } \
FA_INLINE T##_vec T##_max(T##_vec a, T##_vec b) { return a > b ? a : b; }      \
FA_INLINE T##_vec T##_min(T##_vec a, T##_vec b) { return a < b ? a : b; }      \
FA_INLINE T##_mask T##_eq(T##_vec a, T##_vec b) { return a == b; }            \
FA_INLINE T##_mask T##_lt_num(T##_vec a, T##_vec b) { return FA_ISLESS(a, b); } \
FA_INLINE T##_vec T##_select(T##_mask m, T##_vec a, T##_vec b) { return m ? a : b; } \
FA_INLINE T##_mask T##_mor(T##_mask a, T##_mask b) { return a | b; }          \
FA_INLINE T##_mask T##_mandnot(T##_mask a, T##_mask b) { return a & !b; }     \
FA_INLINE int T##_any(T##_mask m) { return m; }                                \
FA_INLINE u T##_bits(T##_vec v) { u b; memcpy(&b, &v, sizeof b); return b; }   \
FA_INLINE T##_vec T##_frombits(u b) { T##_vec v; memcpy(&v, &b, sizeof v); return v; } \
FA_INLINE T##_vec T##_or(T##_vec a, T##_vec b) { return T##_frombits(T##_bits(a) | T##_bits(b)); } \
FA_INLINE T##_vec T##_signbit(T##_vec x) { return T##_frombits(T##_bits(x) & ((u)1 << (8 * sizeof(u) - 1))); } \
FA_INLINE T##_vec T##_abs(T##_vec x) { return T##_frombits(T##_bits(x) & ~((u)1 << (8 * sizeof(u) - 1))); }
FA_SCALAR_OPS(f32, float, uint32_t)
FA_SCALAR_OPS(f64, double, uint64_t)
FA_INLINE f32_vec f32_loadn(const float *p, ptrdiff_t s) { (void)s; return *p; }
FA_INLINE f64_vec f64_loadn(const double *p, ptrdiff_t s) { (void)s; return *p; }
FA_INLINE f32_vec f32_muladd1(f32_vec a, f32_vec b, f32_vec c) { return (float)((double)a * b + c); }
FA_INLINE f64_vec f64_muladd1(f64_vec a, f64_vec b, f64_vec c) { return a * b + c; }
#define f32_FUSED 1   /* (in float64, where the product is exact) */
#define f64_FUSED 0
FA_INLINE f32_vec f32_recip(f32_vec d) { return 1 / d; }
FA_INLINE f64_vec f64_recip(f64_vec d) { return 1 / d; }
FA_INLINE f32_mask f32_isnan(f32_vec x) { return (f32_bits(x) & 0x7fffffffu) > 0x7f800000u; }
FA_INLINE f64_mask f64_isnan(f64_vec x) { return (f64_bits(x) & 0x7fffffffffffffffu) > 0x7ff0000000000000u; }
/* x <= 0: the bits as a signed integer are <= 0 (+0, -0, negatives), not NaN */
FA_INLINE f32_mask f32_le0(f32_vec x) { return (int32_t)f32_bits(x) <= 0 && !f32_isnan(x); }
FA_INLINE f64_mask f64_le0(f64_vec x) { return (int64_t)f64_bits(x) <= 0 && !f64_isnan(x); }
#define f32_le0q f32_le0
#define f64_le0q f64_le0
FA_INLINE f32_mask f32_nonfinite(f32_vec x) { return (f32_bits(x) & 0x7fffffffu) >= 0x7f800000u; }
FA_INLINE f64_mask f64_nonfinite(f64_vec x) { return (f64_bits(x) & 0x7fffffffffffffffu) >= 0x7ff0000000000000u; }
FA_INLINE f32_vec f32_pow2(f32_vec t, int bias) { return f32_frombits((f32_bits(t) << 23) + ((uint32_t)bias << 23)); }
FA_INLINE f64_vec f64_pow2(f64_vec t, int bias) { return f64_frombits((f64_bits(t) << 52) + ((uint64_t)bias << 52)); }
FA_INLINE f32_vec f32_mulsub1(f32_vec a, f32_vec b, f32_vec c) { return (float)((double)a * b - c); }
FA_INLINE f64_vec f64_mulsub1(f64_vec a, f64_vec b, f64_vec c) { return a * b - c; }
FA_INLINE f32_mask f32_outside(f32_vec x, float lo, float hi)
{
    uint32_t u = f32_bits(x) & 0x7fffffffu, l = f32_bits(lo);
    return u != 0 && u - l > f32_bits(hi) - l;
}
FA_INLINE f64_mask f64_outside(f64_vec x, double lo, double hi)
{
    uint64_t u = f64_bits(x) & 0x7fffffffffffffffu, l = f64_bits(lo);
    return u != 0 && u - l > f64_bits(hi) - l;
}
FA_INLINE f32_vec f32_lut16(const float *tab, f32_vec t) { return tab[f32_bits(t) & 15]; }
FA_INLINE f64_vec f64_lut16(const double *tab, f64_vec t) { return tab[f64_bits(t) & 15]; }
FA_INLINE f32_vec f32_pow2_16(f32_vec v, f32_vec t, int bias)
{
    return f32_frombits(f32_bits(v) + (f32_bits(t) << 19) + ((uint32_t)bias << 23));
}
FA_INLINE f64_vec f64_pow2_16(f64_vec v, f64_vec t, int bias)
{
    return f64_frombits(f64_bits(v) + (f64_bits(t) << 48) + ((uint64_t)bias << 52));
}

#elif defined(FA_TARGET_SSE2)
/* ------------------------------------------------------------------ SSE2 */
#include <emmintrin.h>
#define F32_W 4
#define F64_W 2
typedef __m128 f32_vec;
typedef __m128d f64_vec;
typedef __m128 f32_mask;
typedef __m128d f64_mask;
#define FA_SSE_OPS(T, t, s, si)                                                \
FA_INLINE T##_vec T##_load(const t *p) { return _mm_loadu_##s(p); }            \
FA_INLINE void T##_store(t *p, T##_vec v) { _mm_storeu_##s(p, v); }            \
FA_INLINE T##_vec T##_set1(t x) { return _mm_set1_##s(x); }                    \
FA_INLINE T##_vec T##_add(T##_vec a, T##_vec b) { return _mm_add_##s(a, b); }  \
FA_INLINE T##_vec T##_sub(T##_vec a, T##_vec b) { return _mm_sub_##s(a, b); }  \
FA_INLINE T##_vec T##_mul(T##_vec a, T##_vec b) { return _mm_mul_##s(a, b); }  \
FA_INLINE T##_vec T##_div(T##_vec a, T##_vec b) { return _mm_div_##s(a, b); }  \
FA_INLINE T##_vec T##_muladd(T##_vec a, T##_vec b, T##_vec c) { return _mm_add_##s(_mm_mul_##s(a, b), c); } \
FA_INLINE T##_vec T##_max(T##_vec a, T##_vec b) { return _mm_max_##s(a, b); }  \
FA_INLINE T##_vec T##_min(T##_vec a, T##_vec b) { return _mm_min_##s(a, b); }  \
FA_INLINE T##_mask T##_eq(T##_vec a, T##_vec b) { return _mm_cmpeq_##s(a, b); } \
FA_INLINE T##_mask T##_lt_num(T##_vec a, T##_vec b) { return _mm_cmplt_##s(a, b); } \
FA_INLINE T##_vec T##_select(T##_mask m, T##_vec a, T##_vec b) { return _mm_or_##s(_mm_and_##s(m, a), _mm_andnot_##s(m, b)); } \
FA_INLINE T##_mask T##_mor(T##_mask a, T##_mask b) { return _mm_or_##s(a, b); } \
FA_INLINE T##_mask T##_mandnot(T##_mask a, T##_mask b) { return _mm_andnot_##s(b, a); } \
FA_INLINE int T##_any(T##_mask m) { return _mm_movemask_##s(m) != 0; }         \
FA_INLINE T##_vec T##_or(T##_vec a, T##_vec b) { return _mm_or_##s(a, b); }    \
FA_INLINE T##_vec T##_signbit(T##_vec x) { return _mm_and_##s(x, _mm_set1_##s((t)-0.0)); } \
FA_INLINE T##_vec T##_abs(T##_vec x) { return _mm_andnot_##s(_mm_set1_##s((t)-0.0), x); }
FA_SSE_OPS(f32, float, ps, epi32)
FA_SSE_OPS(f64, double, pd, epi64)
FA_INLINE f32_mask f32_isnan(f32_vec x)
{
    __m128i abs = _mm_and_si128(_mm_castps_si128(x), _mm_set1_epi32(0x7fffffff));
    return _mm_castsi128_ps(_mm_cmpgt_epi32(abs, _mm_set1_epi32(0x7f800000)));
}
FA_INLINE f32_mask f32_le0(f32_vec x)
{
    __m128i le = _mm_cmplt_epi32(_mm_castps_si128(x), _mm_set1_epi32(1));
    return _mm_andnot_ps(f32_isnan(x), _mm_castsi128_ps(le));
}
/* SSE2 has no 64-bit integer compare: build it from the two 32-bit halves. */
FA_INLINE f64_mask f64_isnan(f64_vec x)
{
    __m128i abs = _mm_and_si128(_mm_castpd_si128(x), _mm_set1_epi64x(0x7fffffffffffffffLL));
    __m128i inf = _mm_set1_epi64x(0x7ff0000000000000LL);
    __m128i gt = _mm_cmpgt_epi32(abs, inf), eq = _mm_cmpeq_epi32(abs, inf);
    /* high half greater, or high half equal and low half nonzero */
    __m128i gt_hi = _mm_shuffle_epi32(gt, _MM_SHUFFLE(3, 3, 1, 1));
    __m128i eq_hi = _mm_shuffle_epi32(eq, _MM_SHUFFLE(3, 3, 1, 1));
    __m128i lo_zero = _mm_shuffle_epi32(_mm_cmpeq_epi32(abs, _mm_setzero_si128()), _MM_SHUFFLE(2, 2, 0, 0));
    return _mm_castsi128_pd(_mm_or_si128(gt_hi, _mm_andnot_si128(lo_zero, eq_hi)));
}
FA_INLINE f64_mask f64_le0(f64_vec x)
{
    __m128i b = _mm_castpd_si128(x);
    __m128i sign = _mm_shuffle_epi32(_mm_srai_epi32(b, 31), _MM_SHUFFLE(3, 3, 1, 1));
    __m128i z = _mm_cmpeq_epi32(b, _mm_setzero_si128());
    __m128i zero = _mm_and_si128(z, _mm_shuffle_epi32(z, _MM_SHUFFLE(2, 3, 0, 1)));
    return _mm_andnot_pd(f64_isnan(x), _mm_castsi128_pd(_mm_or_si128(sign, zero)));
}
#define f32_le0q f32_le0   /* SSE2's ordered compares all signal on a quiet NaN */
#define f64_le0q f64_le0
FA_INLINE f32_mask f32_nonfinite(f32_vec x)
{
    __m128i abs = _mm_and_si128(_mm_castps_si128(x), _mm_set1_epi32(0x7fffffff));
    return _mm_castsi128_ps(_mm_cmpgt_epi32(abs, _mm_set1_epi32(0x7f7fffff)));
}
FA_INLINE f64_mask f64_nonfinite(f64_vec x)   /* the high halves decide */
{
    __m128i abs = _mm_and_si128(_mm_castpd_si128(x), _mm_set1_epi64x(0x7fffffffffffffffLL));
    __m128i gt = _mm_cmpgt_epi32(abs, _mm_set1_epi32(0x7fefffff));
    return _mm_castsi128_pd(_mm_shuffle_epi32(gt, _MM_SHUFFLE(3, 3, 1, 1)));
}
FA_INLINE f32_vec f32_loadn(const float *p, ptrdiff_t s)
{
    return _mm_setr_ps(p[0], p[s], p[2 * s], p[3 * s]);
}
FA_INLINE f64_vec f64_loadn(const double *p, ptrdiff_t s) { return _mm_setr_pd(p[0], p[s]); }
FA_INLINE f32_vec f32_muladd1(f32_vec a, f32_vec b, f32_vec c)
{
    __m128d lo = _mm_add_pd(_mm_mul_pd(_mm_cvtps_pd(a), _mm_cvtps_pd(b)), _mm_cvtps_pd(c));
    __m128 ah = _mm_movehl_ps(a, a), bh = _mm_movehl_ps(b, b), ch = _mm_movehl_ps(c, c);
    __m128d hi = _mm_add_pd(_mm_mul_pd(_mm_cvtps_pd(ah), _mm_cvtps_pd(bh)), _mm_cvtps_pd(ch));
    return _mm_movelh_ps(_mm_cvtpd_ps(lo), _mm_cvtpd_ps(hi));
}
FA_INLINE f64_vec f64_muladd1(f64_vec a, f64_vec b, f64_vec c) { return f64_muladd(a, b, c); }
#define f32_FUSED 1   /* (in float64, where the product is exact) */
#define f64_FUSED 0
FA_INLINE f32_vec f32_recip(f32_vec d) { return _mm_div_ps(_mm_set1_ps(1), d); }
FA_INLINE f64_vec f64_recip(f64_vec d) { return _mm_div_pd(_mm_set1_pd(1), d); }
FA_INLINE f32_vec f32_pow2(f32_vec t, int bias)
{
    __m128i k = _mm_slli_epi32(_mm_castps_si128(t), 23);
    return _mm_castsi128_ps(_mm_add_epi32(k, _mm_set1_epi32(bias << 23)));
}
FA_INLINE f64_vec f64_pow2(f64_vec t, int bias)
{
    __m128i k = _mm_slli_epi64(_mm_castpd_si128(t), 52);
    return _mm_castsi128_pd(_mm_add_epi64(k, _mm_set1_epi64x((long long)bias << 52)));
}
FA_INLINE f32_vec f32_mulsub1(f32_vec a, f32_vec b, f32_vec c)
{
    __m128d lo = _mm_sub_pd(_mm_mul_pd(_mm_cvtps_pd(a), _mm_cvtps_pd(b)), _mm_cvtps_pd(c));
    __m128 ah = _mm_movehl_ps(a, a), bh = _mm_movehl_ps(b, b), ch = _mm_movehl_ps(c, c);
    __m128d hi = _mm_sub_pd(_mm_mul_pd(_mm_cvtps_pd(ah), _mm_cvtps_pd(bh)), _mm_cvtps_pd(ch));
    return _mm_movelh_ps(_mm_cvtpd_ps(lo), _mm_cvtpd_ps(hi));
}
FA_INLINE f64_vec f64_mulsub1(f64_vec a, f64_vec b, f64_vec c) { return _mm_sub_pd(_mm_mul_pd(a, b), c); }
/* The unsigned compare as a signed one of both sides with the top bit
 * flipped. SSE2 has no 64-bit compare: float64 takes float compares, on
 * |x| with NaN replaced by inf (no compare sees a NaN). */
FA_INLINE f32_mask f32_outside(f32_vec x, float lo, float hi)
{
    __m128i u = _mm_castps_si128(f32_abs(x)), l = _mm_castps_si128(_mm_set1_ps(lo));
    __m128i top = _mm_set1_epi32((int)0x80000000u);
    __m128i d = _mm_xor_si128(_mm_sub_epi32(u, l), top);
    __m128i r = _mm_xor_si128(_mm_sub_epi32(_mm_castps_si128(_mm_set1_ps(hi)), l), top);
    __m128i out = _mm_cmpgt_epi32(d, r);
    return _mm_castsi128_ps(_mm_andnot_si128(_mm_cmpeq_epi32(u, _mm_setzero_si128()), out));
}
FA_INLINE f64_mask f64_outside(f64_vec x, double lo, double hi)
{
    __m128d a = f64_select(f64_isnan(x), _mm_set1_pd(FA_INF), f64_abs(x));
    __m128d out = _mm_or_pd(_mm_cmpgt_pd(a, _mm_set1_pd(hi)), _mm_cmplt_pd(a, _mm_set1_pd(lo)));
    return _mm_andnot_pd(_mm_cmpeq_pd(a, _mm_setzero_pd()), out);
}
/* No permute: the indices through memory, one load per lane. */
FA_INLINE f32_vec f32_lut16(const float *tab, f32_vec t)
{
    FA_ALIGNAS(16) int32_t j[4];
    _mm_store_si128((__m128i *)j, _mm_and_si128(_mm_castps_si128(t), _mm_set1_epi32(15)));
    return _mm_setr_ps(tab[j[0]], tab[j[1]], tab[j[2]], tab[j[3]]);
}
FA_INLINE f64_vec f64_lut16(const double *tab, f64_vec t)
{
    FA_ALIGNAS(16) int64_t j[2];
    _mm_store_si128((__m128i *)j, _mm_and_si128(_mm_castpd_si128(t), _mm_set1_epi64x(15)));
    return _mm_setr_pd(tab[j[0]], tab[j[1]]);
}
FA_INLINE f32_vec f32_pow2_16(f32_vec v, f32_vec t, int bias)
{
    __m128i k = _mm_add_epi32(_mm_castps_si128(v), _mm_slli_epi32(_mm_castps_si128(t), 19));
    return _mm_castsi128_ps(_mm_add_epi32(k, _mm_set1_epi32(bias << 23)));
}
FA_INLINE f64_vec f64_pow2_16(f64_vec v, f64_vec t, int bias)
{
    __m128i k = _mm_add_epi64(_mm_castpd_si128(v), _mm_slli_epi64(_mm_castpd_si128(t), 48));
    return _mm_castsi128_pd(_mm_add_epi64(k, _mm_set1_epi64x((long long)bias << 52)));
}

#elif defined(FA_TARGET_AVX2)
/* ------------------------------------------------------- AVX2 + FMA + F16C */
#include <immintrin.h>
#define F32_W 8
#define F64_W 4
typedef __m256 f32_vec;
typedef __m256d f64_vec;
typedef __m256 f32_mask;
typedef __m256d f64_mask;
#define FA_AVX_OPS(T, t, s)                                                    \
FA_INLINE T##_vec T##_load(const t *p) { return _mm256_loadu_##s(p); }         \
FA_INLINE void T##_store(t *p, T##_vec v) { _mm256_storeu_##s(p, v); }         \
FA_INLINE T##_vec T##_set1(t x) { return _mm256_set1_##s(x); }                 \
FA_INLINE T##_vec T##_add(T##_vec a, T##_vec b) { return _mm256_add_##s(a, b); } \
FA_INLINE T##_vec T##_sub(T##_vec a, T##_vec b) { return _mm256_sub_##s(a, b); } \
FA_INLINE T##_vec T##_mul(T##_vec a, T##_vec b) { return _mm256_mul_##s(a, b); } \
FA_INLINE T##_vec T##_div(T##_vec a, T##_vec b) { return _mm256_div_##s(a, b); } \
FA_INLINE T##_vec T##_muladd(T##_vec a, T##_vec b, T##_vec c) { return _mm256_fmadd_##s(a, b, c); } \
FA_INLINE T##_vec T##_max(T##_vec a, T##_vec b) { return _mm256_max_##s(a, b); } \
FA_INLINE T##_vec T##_min(T##_vec a, T##_vec b) { return _mm256_min_##s(a, b); } \
FA_INLINE T##_mask T##_eq(T##_vec a, T##_vec b) { return _mm256_cmp_##s(a, b, _CMP_EQ_OQ); } \
FA_INLINE T##_mask T##_lt_num(T##_vec a, T##_vec b) { return _mm256_cmp_##s(a, b, _CMP_LT_OQ); } \
FA_INLINE T##_mask T##_le0q(T##_vec x) { return _mm256_cmp_##s(x, _mm256_setzero_##s(), _CMP_LE_OQ); } \
FA_INLINE T##_vec T##_select(T##_mask m, T##_vec a, T##_vec b) { return _mm256_blendv_##s(b, a, m); } \
FA_INLINE T##_mask T##_mor(T##_mask a, T##_mask b) { return _mm256_or_##s(a, b); } \
FA_INLINE T##_mask T##_mandnot(T##_mask a, T##_mask b) { return _mm256_andnot_##s(b, a); } \
FA_INLINE int T##_any(T##_mask m) { return _mm256_movemask_##s(m) != 0; }      \
FA_INLINE T##_vec T##_or(T##_vec a, T##_vec b) { return _mm256_or_##s(a, b); } \
FA_INLINE T##_vec T##_signbit(T##_vec x) { return _mm256_and_##s(x, _mm256_set1_##s((t)-0.0)); } \
FA_INLINE T##_vec T##_abs(T##_vec x) { return _mm256_andnot_##s(_mm256_set1_##s((t)-0.0), x); }
FA_AVX_OPS(f32, float, ps)
FA_AVX_OPS(f64, double, pd)
FA_INLINE f32_vec f32_loadn(const float *p, ptrdiff_t s)
{
    __m256i idx = _mm256_mullo_epi32(_mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7), _mm256_set1_epi32((int)s));
    return _mm256_i32gather_ps(p, idx, 4);
}
FA_INLINE f64_vec f64_loadn(const double *p, ptrdiff_t s)
{
    __m128i idx = _mm_mullo_epi32(_mm_setr_epi32(0, 1, 2, 3), _mm_set1_epi32((int)s));
    return _mm256_i32gather_pd(p, idx, 8);
}
#define f32_muladd1 f32_muladd
#define f64_muladd1 f64_muladd
#define f32_FUSED 1
#define f64_FUSED 1
/* 1/d to 2^-22 (rcpps's 2^-11 and one Newton step) */
FA_INLINE f32_vec f32_recip(f32_vec d)
{
    __m256 r = _mm256_rcp_ps(d);
    return _mm256_fmadd_ps(r, _mm256_fnmadd_ps(d, r, _mm256_set1_ps(1)), r);
}
FA_INLINE f64_vec f64_recip(f64_vec d) { return _mm256_div_pd(_mm256_set1_pd(1), d); }
#define FA_HALF_VEC 1   /* F16C is part of x86-64-v3 */
FA_INLINE f32_vec f32_load_half(const uint16_t *p)
{
    return _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)p));
}
FA_INLINE void f32_store_half(uint16_t *p, f32_vec v)
{
    _mm_storeu_si128((__m128i *)p, _mm256_cvtps_ph(v, _MM_FROUND_TO_NEAREST_INT));
}
FA_INLINE int half_anynan(const uint16_t *p)
{
    __m128i h = _mm_and_si128(_mm_loadu_si128((const __m128i *)p), _mm_set1_epi16(0x7fff));
    return _mm_movemask_epi8(_mm_cmpgt_epi16(h, _mm_set1_epi16(0x7c00))) != 0;
}
FA_INLINE int half_anyabove4(const uint16_t *p, uint16_t top)
{
    const __m256i abs = _mm256_set1_epi16(0x7fff);
    __m256i h = _mm256_max_epu16(_mm256_and_si256(_mm256_loadu_si256((const __m256i *)p), abs),
                                 _mm256_and_si256(_mm256_loadu_si256((const __m256i *)(p + 16)), abs));
    return !_mm256_testz_si256(_mm256_cmpgt_epi16(h, _mm256_set1_epi16((short)top)), _mm256_set1_epi16(-1));
}
#define FA_AVX_TESTS(T, s, w, wset, absmask, inf)                                \
FA_INLINE T##_mask T##_isnan(T##_vec x)                                        \
{                                                                              \
    __m256i abs = _mm256_and_si256(_mm256_cast##s##_si256(x), _mm256_set1_epi##wset(absmask)); \
    return _mm256_castsi256_##s(_mm256_cmpgt_epi##w(abs, _mm256_set1_epi##wset(inf))); \
}                                                                              \
FA_INLINE T##_mask T##_nonfinite(T##_vec x)                                    \
{                                                                              \
    __m256i abs = _mm256_and_si256(_mm256_cast##s##_si256(x), _mm256_set1_epi##wset(absmask)); \
    return _mm256_castsi256_##s(_mm256_cmpgt_epi##w(abs, _mm256_set1_epi##wset(inf - 1))); \
}                                                                              \
FA_INLINE T##_mask T##_le0(T##_vec x)                                          \
{                                                                              \
    __m256i le = _mm256_cmpgt_epi##w(_mm256_set1_epi##wset(1), _mm256_cast##s##_si256(x)); \
    return _mm256_andnot_##s(T##_isnan(x), _mm256_castsi256_##s(le));         \
}
FA_AVX_TESTS(f32, ps, 32, 32, 0x7fffffff, 0x7f800000)
FA_AVX_TESTS(f64, pd, 64, 64x, 0x7fffffffffffffffLL, 0x7ff0000000000000LL)
FA_INLINE f32_vec f32_pow2(f32_vec t, int bias)
{
    __m256i k = _mm256_slli_epi32(_mm256_castps_si256(t), 23);
    return _mm256_castsi256_ps(_mm256_add_epi32(k, _mm256_set1_epi32(bias << 23)));
}
FA_INLINE f64_vec f64_pow2(f64_vec t, int bias)
{
    __m256i k = _mm256_slli_epi64(_mm256_castpd_si256(t), 52);
    return _mm256_castsi256_pd(_mm256_add_epi64(k, _mm256_set1_epi64x((long long)bias << 52)));
}
FA_INLINE f32_vec f32_mulsub1(f32_vec a, f32_vec b, f32_vec c) { return _mm256_fmsub_ps(a, b, c); }
FA_INLINE f64_vec f64_mulsub1(f64_vec a, f64_vec b, f64_vec c) { return _mm256_fmsub_pd(a, b, c); }
/* The unsigned compare as a signed one of both sides with the top bit
 * flipped; with lo the smallest subnormal (tmin, a constant: the test folds)
 * one signed compare of |x| > hi, both below the top bit */
#define FA_AVX2_OUTSIDE(T, t, s, w, wset, top, tmin)                             \
FA_INLINE T##_mask T##_outside(T##_vec x, t lo, t hi)                           \
{                                                                              \
    __m256i u = _mm256_cast##s##_si256(T##_abs(x));                            \
    if (lo == tmin)                                                            \
        return _mm256_castsi256_##s(_mm256_cmpgt_epi##w(u,                      \
                   _mm256_cast##s##_si256(_mm256_set1_##s(hi))));              \
    __m256i l = _mm256_cast##s##_si256(_mm256_set1_##s(lo));                   \
    __m256i d = _mm256_xor_si256(_mm256_sub_epi##w(u, l), _mm256_set1_epi##wset(top)); \
    __m256i r = _mm256_xor_si256(_mm256_sub_epi##w(_mm256_cast##s##_si256(_mm256_set1_##s(hi)), l), \
                                 _mm256_set1_epi##wset(top));                  \
    __m256i nz = _mm256_cmpeq_epi##w(u, _mm256_setzero_si256());              \
    return _mm256_castsi256_##s(_mm256_andnot_si256(nz, _mm256_cmpgt_epi##w(d, r))); \
}
FA_AVX2_OUTSIDE(f32, float, ps, 32, 32, (int)0x80000000u, 0x1p-149f)
FA_AVX2_OUTSIDE(f64, double, pd, 64, 64x, (long long)0x8000000000000000u, 0x1p-1074)
/* 16 floats: two 8-lane permutes (index bits 0-2), bit 3 picks one */
FA_INLINE f32_vec f32_lut16(const float *tab, f32_vec t)
{
    __m256i j = _mm256_castps_si256(t);
    __m256 lo = _mm256_permutevar8x32_ps(_mm256_loadu_ps(tab), j);
    __m256 hi = _mm256_permutevar8x32_ps(_mm256_loadu_ps(tab + 8), j);
    return _mm256_blendv_ps(lo, hi, _mm256_castsi256_ps(_mm256_slli_epi32(j, 28)));
}
FA_INLINE f64_vec f64_lut16(const double *tab, f64_vec t)
{
    return _mm256_i64gather_pd(tab, _mm256_and_si256(_mm256_castpd_si256(t), _mm256_set1_epi64x(15)), 8);
}
FA_INLINE f32_vec f32_pow2_16(f32_vec v, f32_vec t, int bias)
{
    __m256i k = _mm256_add_epi32(_mm256_castps_si256(v), _mm256_slli_epi32(_mm256_castps_si256(t), 19));
    return _mm256_castsi256_ps(_mm256_add_epi32(k, _mm256_set1_epi32(bias << 23)));
}
FA_INLINE f64_vec f64_pow2_16(f64_vec v, f64_vec t, int bias)
{
    __m256i k = _mm256_add_epi64(_mm256_castpd_si256(v), _mm256_slli_epi64(_mm256_castpd_si256(t), 48));
    return _mm256_castsi256_pd(_mm256_add_epi64(k, _mm256_set1_epi64x((long long)bias << 52)));
}

#elif defined(FA_TARGET_AVX512)
/* ------------------------------------------- AVX-512 F/CD/BW/DQ/VL (x86-64-v4) */
#include <immintrin.h>
#define F32_W 16
#define F64_W 8
typedef __m512 f32_vec;
typedef __m512d f64_vec;
typedef __mmask16 f32_mask;
typedef __mmask8 f64_mask;
#define FA_AVX512_OPS(T, t, s)                                                 \
FA_INLINE T##_vec T##_load(const t *p) { return _mm512_loadu_##s(p); }         \
FA_INLINE void T##_store(t *p, T##_vec v) { _mm512_storeu_##s(p, v); }         \
FA_INLINE T##_vec T##_set1(t x) { return _mm512_set1_##s(x); }                 \
FA_INLINE T##_vec T##_add(T##_vec a, T##_vec b) { return _mm512_add_##s(a, b); } \
FA_INLINE T##_vec T##_sub(T##_vec a, T##_vec b) { return _mm512_sub_##s(a, b); } \
FA_INLINE T##_vec T##_mul(T##_vec a, T##_vec b) { return _mm512_mul_##s(a, b); } \
FA_INLINE T##_vec T##_div(T##_vec a, T##_vec b) { return _mm512_div_##s(a, b); } \
FA_INLINE T##_vec T##_muladd(T##_vec a, T##_vec b, T##_vec c) { return _mm512_fmadd_##s(a, b, c); } \
FA_INLINE T##_vec T##_max(T##_vec a, T##_vec b) { return _mm512_max_##s(a, b); } \
FA_INLINE T##_vec T##_min(T##_vec a, T##_vec b) { return _mm512_min_##s(a, b); } \
FA_INLINE T##_mask T##_eq(T##_vec a, T##_vec b) { return _mm512_cmp_##s##_mask(a, b, _CMP_EQ_OQ); } \
FA_INLINE T##_mask T##_lt_num(T##_vec a, T##_vec b) { return _mm512_cmp_##s##_mask(a, b, _CMP_LT_OQ); } \
FA_INLINE T##_mask T##_le0q(T##_vec x) { return _mm512_cmp_##s##_mask(x, _mm512_setzero_##s(), _CMP_LE_OQ); } \
FA_INLINE T##_vec T##_select(T##_mask m, T##_vec a, T##_vec b) { return _mm512_mask_blend_##s(m, b, a); } \
FA_INLINE T##_mask T##_mor(T##_mask a, T##_mask b) { return a | b; }          \
FA_INLINE T##_mask T##_mandnot(T##_mask a, T##_mask b) { return a & ~b; }     \
FA_INLINE int T##_any(T##_mask m) { return m != 0; }                           \
FA_INLINE T##_vec T##_or(T##_vec a, T##_vec b) { return _mm512_or_##s(a, b); } \
FA_INLINE T##_vec T##_signbit(T##_vec x) { return _mm512_and_##s(x, _mm512_set1_##s((t)-0.0)); } \
FA_INLINE T##_vec T##_abs(T##_vec x) { return _mm512_andnot_##s(_mm512_set1_##s((t)-0.0), x); }
FA_AVX512_OPS(f32, float, ps)
FA_AVX512_OPS(f64, double, pd)
FA_INLINE f32_vec f32_loadn(const float *p, ptrdiff_t s)
{
    __m512i idx = _mm512_mullo_epi32(_mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
                                                       12, 13, 14, 15), _mm512_set1_epi32((int)s));
    return _mm512_i32gather_ps(idx, p, 4);
}
FA_INLINE f64_vec f64_loadn(const double *p, ptrdiff_t s)
{
    __m256i idx = _mm256_mullo_epi32(_mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7), _mm256_set1_epi32((int)s));
    return _mm512_i32gather_pd(idx, p, 8);
}
#define f32_muladd1 f32_muladd
#define f64_muladd1 f64_muladd
#define f32_FUSED 1
#define f64_FUSED 1
/* 1/d to 2^-27 (rcp14's 2^-14 and one Newton step) */
FA_INLINE f32_vec f32_recip(f32_vec d)
{
    __m512 r = _mm512_rcp14_ps(d);
    return _mm512_fmadd_ps(r, _mm512_fnmadd_ps(d, r, _mm512_set1_ps(1)), r);
}
FA_INLINE f64_vec f64_recip(f64_vec d)
{
    __m512d r = _mm512_rcp14_pd(d);
    return _mm512_fmadd_pd(r, _mm512_fnmadd_pd(d, r, _mm512_set1_pd(1)), r);
}
#define FA_HALF_VEC 1
FA_INLINE f32_vec f32_load_half(const uint16_t *p)
{
    return _mm512_cvtph_ps(_mm256_loadu_si256((const __m256i *)p));
}
FA_INLINE void f32_store_half(uint16_t *p, f32_vec v)
{
    _mm256_storeu_si256((__m256i *)p, _mm512_cvtps_ph(v, _MM_FROUND_TO_NEAREST_INT));
}
FA_INLINE int half_anynan(const uint16_t *p)
{
    __m256i h = _mm256_and_si256(_mm256_loadu_si256((const __m256i *)p), _mm256_set1_epi16(0x7fff));
    return _mm256_cmpgt_epi16_mask(h, _mm256_set1_epi16(0x7c00)) != 0;
}
FA_INLINE int half_anyabove4(const uint16_t *p, uint16_t top)
{
    const __m512i abs = _mm512_set1_epi16(0x7fff);
    __m512i h = _mm512_max_epu16(_mm512_and_si512(_mm512_loadu_si512(p), abs),
                                 _mm512_and_si512(_mm512_loadu_si512(p + 32), abs));
    return _mm512_cmpgt_epu16_mask(h, _mm512_set1_epi16((short)top)) != 0;
}
/* vfpclass (AVX512DQ) classifies without raising any flag, signaling NaNs
 * included, in one instruction: QNaN 0x01, +inf 0x08, -inf 0x10, SNaN 0x80.
 * le0 stays on the bits (vfpclass reads denormals as zeros under MXCSR.DAZ):
 * +0 and the negatives are the bits below 1 as a signed integer, less the
 * NaNs (one mask instruction). */
#define FA_AVX512_TESTS(T, s, w, wset, k)                                        \
FA_INLINE T##_mask T##_isnan(T##_vec x) { return _mm512_fpclass_##s##_mask(x, 0x81); } \
FA_INLINE T##_mask T##_nonfinite(T##_vec x) { return _mm512_fpclass_##s##_mask(x, 0x99); } \
FA_INLINE T##_mask T##_le0(T##_vec x)                                          \
{                                                                              \
    __m512i b = _mm512_cast##s##_si512(x);                                     \
    return _kandn_mask##k(T##_isnan(x), _mm512_cmplt_epi##w##_mask(b, _mm512_set1_epi##wset(1))); \
}
FA_AVX512_TESTS(f32, ps, 32, 32, 16)
FA_AVX512_TESTS(f64, pd, 64, 64, 8)
FA_INLINE f32_vec f32_pow2(f32_vec t, int bias)
{
    __m512i k = _mm512_slli_epi32(_mm512_castps_si512(t), 23);
    return _mm512_castsi512_ps(_mm512_add_epi32(k, _mm512_set1_epi32(bias << 23)));
}
FA_INLINE f64_vec f64_pow2(f64_vec t, int bias)
{
    __m512i k = _mm512_slli_epi64(_mm512_castpd_si512(t), 52);
    return _mm512_castsi512_pd(_mm512_add_epi64(k, _mm512_set1_epi64((long long)bias << 52)));
}
FA_INLINE f32_vec f32_mulsub1(f32_vec a, f32_vec b, f32_vec c) { return _mm512_fmsub_ps(a, b, c); }
FA_INLINE f64_vec f64_mulsub1(f64_vec a, f64_vec b, f64_vec c) { return _mm512_fmsub_pd(a, b, c); }
/* one unsigned compare, masked by the nonzero lanes; with lo the smallest
 * subnormal (a constant: the test folds) every nonzero |x| is >= lo, and
 * |x| > hi alone is the answer */
FA_INLINE f32_mask f32_outside(f32_vec x, float lo, float hi)
{
    __m512i u = _mm512_castps_si512(f32_abs(x)), l = _mm512_castps_si512(_mm512_set1_ps(lo));
    __m512i h = _mm512_castps_si512(_mm512_set1_ps(hi));
    if (lo == 0x1p-149f)
        return _mm512_cmpgt_epu32_mask(u, h);
    return _mm512_mask_cmpgt_epu32_mask(_mm512_test_epi32_mask(u, u), _mm512_sub_epi32(u, l),
                                        _mm512_sub_epi32(h, l));
}
FA_INLINE f64_mask f64_outside(f64_vec x, double lo, double hi)
{
    __m512i u = _mm512_castpd_si512(f64_abs(x)), l = _mm512_castpd_si512(_mm512_set1_pd(lo));
    __m512i h = _mm512_castpd_si512(_mm512_set1_pd(hi));
    if (lo == 0x1p-1074)
        return _mm512_cmpgt_epu64_mask(u, h);
    return _mm512_mask_cmpgt_epu64_mask(_mm512_test_epi64_mask(u, u), _mm512_sub_epi64(u, l),
                                        _mm512_sub_epi64(h, l));
}
#define FA_HAVE_MIN_WHERE 1
FA_INLINE f32_vec f32_min_where(f32_mask m, f32_vec a, f32_vec b)
{
    return _mm512_mask_min_ps(_mm512_min_ps(_mm512_setzero_ps(), b), m, a, b);
}
FA_INLINE f64_vec f64_min_where(f64_mask m, f64_vec a, f64_vec b)
{
    return _mm512_mask_min_pd(_mm512_min_pd(_mm512_setzero_pd(), b), m, a, b);
}
FA_INLINE f32_vec f32_max_where(f32_mask m, f32_vec a, f32_vec b)
{
    return _mm512_mask_max_ps(b, m, a, b);
}
FA_INLINE f64_vec f64_max_where(f64_mask m, f64_vec a, f64_vec b)
{
    return _mm512_mask_max_pd(b, m, a, b);
}
/* the table in one register (float32) or two (float64): one permute */
FA_INLINE f32_vec f32_lut16(const float *tab, f32_vec t)
{
    return _mm512_permutexvar_ps(_mm512_castps_si512(t), _mm512_loadu_ps(tab));
}
FA_INLINE f64_vec f64_lut16(const double *tab, f64_vec t)
{
    return _mm512_permutex2var_pd(_mm512_loadu_pd(tab), _mm512_castpd_si512(t), _mm512_loadu_pd(tab + 8));
}
FA_INLINE f32_vec f32_pow2_16(f32_vec v, f32_vec t, int bias)
{
    __m512i k = _mm512_add_epi32(_mm512_castps_si512(v), _mm512_slli_epi32(_mm512_castps_si512(t), 19));
    return _mm512_castsi512_ps(_mm512_add_epi32(k, _mm512_set1_epi32(bias << 23)));
}
FA_INLINE f64_vec f64_pow2_16(f64_vec v, f64_vec t, int bias)
{
    __m512i k = _mm512_add_epi64(_mm512_castpd_si512(v), _mm512_slli_epi64(_mm512_castpd_si512(t), 48));
    return _mm512_castsi512_pd(_mm512_add_epi64(k, _mm512_set1_epi64((long long)bias << 52)));
}

#elif defined(FA_TARGET_NEON)
/* ----------------------------------------- NEON (AArch64 Advanced SIMD, FMA)
 * Part of every AArch64 core, so no compiler flag is needed. Masks are
 * integer vectors (all ones / all zeros per lane), as the compares return
 * them. The float compares used (eq, lt_num) only ever see non-NaN values;
 * le0 and isnan are integer compares on the bits, as on x86. */
#include <arm_neon.h>
#define F32_W 4
#define F64_W 2
typedef float32x4_t f32_vec;
typedef float64x2_t f64_vec;
typedef uint32x4_t f32_mask;
typedef uint64x2_t f64_mask;
/* T: f32/f64, t: element, q: float suffix, u/s: same-width unsigned/signed
 * suffix, ut: the unsigned element type, sign/inf: the bits of -0.0 and +inf,
 * mant: the number of mantissa bits */
#define FA_NEON_OPS(T, t, q, u, s, ut, sign, inf, mant)                              \
FA_INLINE T##_vec T##_load(const t *p) { return vld1q_##q(p); }                \
FA_INLINE void T##_store(t *p, T##_vec v) { vst1q_##q(p, v); }                 \
FA_INLINE T##_vec T##_set1(t x) { return vdupq_n_##q(x); }                     \
FA_INLINE T##_vec T##_add(T##_vec a, T##_vec b) { return vaddq_##q(a, b); }    \
FA_INLINE T##_vec T##_sub(T##_vec a, T##_vec b) { return vsubq_##q(a, b); }    \
FA_INLINE T##_vec T##_mul(T##_vec a, T##_vec b) { return vmulq_##q(a, b); }    \
FA_INLINE T##_vec T##_div(T##_vec a, T##_vec b) { return vdivq_##q(a, b); }    \
FA_INLINE T##_vec T##_muladd(T##_vec a, T##_vec b, T##_vec c) { return vfmaq_##q(c, a, b); } \
FA_INLINE T##_vec T##_muladd1(T##_vec a, T##_vec b, T##_vec c) { return vfmaq_##q(c, a, b); } \
FA_INLINE T##_vec T##_max(T##_vec a, T##_vec b) { return vmaxq_##q(a, b); }    \
FA_INLINE T##_vec T##_min(T##_vec a, T##_vec b) { return vminq_##q(a, b); }    \
FA_INLINE T##_mask T##_eq(T##_vec a, T##_vec b) { return vceqq_##q(a, b); }    \
FA_INLINE T##_mask T##_lt_num(T##_vec a, T##_vec b) { return vcltq_##q(a, b); } \
FA_INLINE T##_vec T##_select(T##_mask m, T##_vec a, T##_vec b) { return vbslq_##q(m, a, b); } \
FA_INLINE T##_mask T##_mor(T##_mask a, T##_mask b) { return vorrq_##u(a, b); } \
FA_INLINE T##_mask T##_mandnot(T##_mask a, T##_mask b) { return vbicq_##u(a, b); } \
FA_INLINE T##_mask T##_bits(T##_vec v) { return vreinterpretq_##u##_##q(v); }   \
FA_INLINE T##_vec T##_frombits(T##_mask b) { return vreinterpretq_##q##_##u(b); } \
FA_INLINE T##_vec T##_or(T##_vec a, T##_vec b) { return T##_frombits(vorrq_##u(T##_bits(a), T##_bits(b))); } \
FA_INLINE T##_vec T##_signbit(T##_vec x) { return T##_frombits(vandq_##u(T##_bits(x), vdupq_n_##u(sign))); } \
FA_INLINE T##_vec T##_abs(T##_vec x) { return T##_frombits(vbicq_##u(T##_bits(x), vdupq_n_##u(sign))); } \
FA_INLINE T##_mask T##_isnan(T##_vec x)                                        \
{                                                                              \
    return vcgtq_##u(vbicq_##u(T##_bits(x), vdupq_n_##u(sign)), vdupq_n_##u(inf)); \
}                                                                              \
FA_INLINE T##_mask T##_nonfinite(T##_vec x)                                    \
{                                                                              \
    return vcgeq_##u(vbicq_##u(T##_bits(x), vdupq_n_##u(sign)), vdupq_n_##u(inf)); \
}                                                                              \
/* x <= 0: the bits as a signed integer are < 1 (+0, -0, negatives), not NaN */ \
FA_INLINE T##_mask T##_le0(T##_vec x)                                          \
{                                                                              \
    return vbicq_##u(vcltq_##s(vreinterpretq_##s##_##q(x), vdupq_n_##s(1)), T##_isnan(x)); \
}                                                                              \
FA_INLINE T##_vec T##_pow2(T##_vec k, int bias)                                \
{                                                                              \
    return T##_frombits(vaddq_##u(vshlq_n_##u(T##_bits(k), mant),              \
                                  vdupq_n_##u((ut)bias << mant)));             \
}                                                                              \
FA_INLINE T##_vec T##_pow2_16(T##_vec v, T##_vec k, int bias)                  \
{                                                                              \
    return T##_frombits(vaddq_##u(vaddq_##u(T##_bits(v), vshlq_n_##u(T##_bits(k), mant - 4)), \
                                  vdupq_n_##u((ut)bias << mant)));             \
}                                                                              \
FA_INLINE T##_vec T##_mulsub1(T##_vec a, T##_vec b, T##_vec c) { return vfmaq_##q(vnegq_##q(c), a, b); } \
FA_INLINE T##_mask T##_outside(T##_vec x, t lo, t hi)                           \
{                                                                              \
    T##_mask u = T##_bits(T##_abs(x)), l = T##_bits(vdupq_n_##q(lo));           \
    T##_mask r = vsubq_##u(T##_bits(vdupq_n_##q(hi)), l);                      \
    return vandq_##u(vtstq_##u(u, u), vcgtq_##u(vsubq_##u(u, l), r));          \
}
FA_NEON_OPS(f32, float, f32, u32, s32, uint32_t, 0x80000000u, 0x7f800000u, 23)
FA_NEON_OPS(f64, double, f64, u64, s64, uint64_t, 0x8000000000000000u, 0x7ff0000000000000u, 52)
#define f32_FUSED 1
#define f64_FUSED 1
FA_INLINE f32_vec f32_recip(f32_vec d) { return vdivq_f32(vdupq_n_f32(1), d); }
FA_INLINE f64_vec f64_recip(f64_vec d) { return vdivq_f64(vdupq_n_f64(1), d); }
/* 16 floats are 64 bytes: one TBL of four registers, with the byte indices
 * 4j, 4j+1, 4j+2, 4j+3 in each lane */
FA_INLINE f32_vec f32_lut16(const float *tab, f32_vec t)
{
    uint32x4_t j4 = vshlq_n_u32(vandq_u32(f32_bits(t), vdupq_n_u32(15)), 2);
    uint32x4_t idx = vmlaq_u32(vdupq_n_u32(0x03020100u), j4, vdupq_n_u32(0x01010101u));
    return vreinterpretq_f32_u8(vqtbl4q_u8(vld1q_u8_x4((const uint8_t *)tab), vreinterpretq_u8_u32(idx)));
}
FA_INLINE f64_vec f64_lut16(const double *tab, f64_vec t)
{
    uint64x2_t j = vandq_u64(f64_bits(t), vdupq_n_u64(15));
    return vld1q_lane_f64(tab + vgetq_lane_u64(j, 1), vld1q_dup_f64(tab + vgetq_lane_u64(j, 0)), 1);
}
/* AArch64's ordered float compares (FCMLE) signal on a quiet NaN too */
#define f32_le0q f32_le0
#define f64_le0q f64_le0
/* across-lane max of the mask: nonzero iff some lane is set */
FA_INLINE int f32_any(f32_mask m) { return vmaxvq_u32(m) != 0; }
FA_INLINE int f64_any(f64_mask m) { return vmaxvq_u32(vreinterpretq_u32_u64(m)) != 0; }
/* No gather instruction: one lane load per element. */
FA_INLINE f32_vec f32_loadn(const float *p, ptrdiff_t s)
{
    f32_vec v = vld1q_dup_f32(p);
    v = vld1q_lane_f32(p + s, v, 1);
    v = vld1q_lane_f32(p + 2 * s, v, 2);
    return vld1q_lane_f32(p + 3 * s, v, 3);
}
FA_INLINE f64_vec f64_loadn(const double *p, ptrdiff_t s)
{
    return vld1q_lane_f64(p + s, vld1q_dup_f64(p), 1);
}
/* float16 <-> float32 with the ARMv8 conversions (FCVTL / FCVTN: exact
 * widening, narrowing rounded by FPCR's mode, nearest-even by default). */
#define FA_HALF_VEC 1
/* W float16 (bits) at p -> float32, exact for non-NaN; NaNs may be quieted by
 * the hardware, so callers send vectors holding a NaN through the portable path. */
FA_INLINE f32_vec f32_load_half(const uint16_t *p)
{
    return vcvt_f32_f16(vreinterpret_f16_u16(vld1_u16(p)));
}
/* float32 -> W float16 at p, rounded to nearest even. */
FA_INLINE void f32_store_half(uint16_t *p, f32_vec v)
{
    vst1_u16(p, vreinterpret_u16_f16(vcvt_f16_f32(v)));
}
/* Is any of the W float16 at p a NaN? Integer test on the bits, raises no flag. */
FA_INLINE int half_anynan(const uint16_t *p)
{
    uint16x4_t a = vand_u16(vld1_u16(p), vdup_n_u16(0x7fff));
    return vmaxv_u16(vcgt_u16(a, vdup_n_u16(0x7c00))) != 0;
}
FA_INLINE int half_anyabove4(const uint16_t *p, uint16_t top)
{
    const uint16x8_t abs = vdupq_n_u16(0x7fff);
    return vmaxvq_u16(vmaxq_u16(vandq_u16(vld1q_u16(p), abs), vandq_u16(vld1q_u16(p + 8), abs))) > top;
}

#else
#error "define one FA_TARGET_* (see meson.build)"
#endif

#ifndef FA_HAVE_MIN_WHERE
FA_INLINE f32_vec f32_min_where(f32_mask m, f32_vec a, f32_vec b)
{
    return f32_min(f32_select(m, a, f32_set1(0)), b);
}
FA_INLINE f64_vec f64_min_where(f64_mask m, f64_vec a, f64_vec b)
{
    return f64_min(f64_select(m, a, f64_set1(0)), b);
}
FA_INLINE f32_vec f32_max_where(f32_mask m, f32_vec a, f32_vec b)
{
    return f32_select(m, f32_max(a, f32_select(m, b, f32_set1(0))), b);
}
FA_INLINE f64_vec f64_max_where(f64_mask m, f64_vec a, f64_vec b)
{
    return f64_select(m, f64_max(a, f64_select(m, b, f64_set1(0))), b);
}
#endif

#endif
