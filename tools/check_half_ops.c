/* Checks a target's vector float16 conversions in simd.h (FA_HALF_VEC:
 * f32_load_half, f32_store_half, half_anynan, half_anyabove4) against
 * definitions written
 * here on the bits, independently of kernels.c's portable conversions:
 *
 *   load    every one of the 2^16 float16 patterns that is not a NaN gives
 *           exactly its value (sign of zero included);
 *   store   float32 -> float16 is the nearest float16, ties to the even one,
 *           overflow to +-inf at 65520 = 65504 + half an ULP; checked on
 *           every midpoint between neighbouring float16 values and the
 *           float32 values one ULP either side of it, and on every 61st
 *           float32 bit pattern (NaNs excluded);
 *   anynan  true exactly when one of the W lanes holds a NaN, for every
 *           pattern in every lane;
 *   anyabove4 (top 0x7c00 and 0x7bff) true exactly when one of the 4 W
 *           halves is above top in magnitude, for every pattern in every
 *           one of the 4 W places.
 *
 * Build with one target's flags, e.g. on aarch64:
 *   cc -O2 -std=c11 -DFA_TARGET_NEON -Ifastact/src tools/check_half_ops.c -lm
 * A target without FA_HALF_VEC reports that and exits 0.
 * (tools/aarch64_emulation.sh test runs it for neon.) */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "simd.h"

#ifndef FA_HALF_VEC
int main(void)
{
    puts("check_half_ops: this target has no FA_HALF_VEC operations");
    return 0;
}
#else
enum { W = F32_W };

static double half_value(uint16_t h)
{
    int e = (h >> 10) & 0x1f, m = h & 0x3ff;
    double v = e == 0x1f ? INFINITY : e ? ldexp(1024 + m, e - 25) : ldexp(m, -24);
    return (h & 0x8000) ? -v : v;
}

static int half_isnan(uint16_t h) { return (h & 0x7fff) > 0x7c00; }

static uint32_t f32_to_bits(float f) { uint32_t b; memcpy(&b, &f, 4); return b; }
static float bits_to_f32(uint32_t b) { float f; memcpy(&f, &b, 4); return f; }

static long failures;

static void fail(const char *what, uint32_t in, uint32_t got, uint32_t want)
{
    if (failures++ < 20)
        printf("FAIL %s: input 0x%08x gives 0x%08x, expected 0x%08x\n", what, in, got, want);
}

/* Is h the float16 that x rounds to (nearest, ties to even; beyond 65520
 * infinity)? Differences of float32 and float16 values are exact in double. */
static int rounds_to(float x, uint16_t h)
{
    double ax = fabs((double)x), hv = fabs(half_value(h));
    if ((h & 0x8000) != ((f32_to_bits(x) >> 16) & 0x8000)) return 0;
    if (ax >= 65520.0) return (h & 0x7fff) == 0x7c00;
    if ((h & 0x7fff) >= 0x7c00) return 0;
    uint16_t up = (uint16_t)((h & 0x7fff) + 1);
    double d = fabs(ax - hv);
    double dup = (up & 0x7fff) == 0x7c00 ? fabs(ax - 65536.0) : fabs(ax - half_value(up));
    double ddown = (h & 0x7fff) ? fabs(ax - half_value((uint16_t)((h & 0x7fff) - 1))) : INFINITY;
    if (d > dup || d > ddown) return 0;
    if ((d == dup || d == ddown) && (h & 1)) return 0;   /* a tie: the even one */
    return 1;
}

static void check_store(const float *x, int n)
{
    uint16_t out[W];
    float in[W];
    for (int i = 0; i < n; i += W) {
        int m = n - i < W ? n - i : W;
        for (int l = 0; l < W; l++) in[l] = x[i + (l < m ? l : 0)];
        f32_store_half(out, f32_load(in));
        for (int l = 0; l < m; l++)
            if (!rounds_to(in[l], out[l])) fail("store", f32_to_bits(in[l]), out[l], 0);
    }
}

int main(void)
{
    long checked = 0;
    /* load: every non-NaN pattern, in each lane */
    for (uint32_t h = 0; h < 0x10000; h++) {
        if (half_isnan((uint16_t)h)) continue;
        for (int lane = 0; lane < W; lane++) {
            uint16_t in[W] = {0};
            float out[W];
            in[lane] = (uint16_t)h;
            f32_store(out, f32_load_half(in));
            float want = (float)half_value((uint16_t)h);
            if (f32_to_bits(out[lane]) != f32_to_bits(want))
                fail("load", h, f32_to_bits(out[lane]), f32_to_bits(want));
            checked++;
        }
    }
    /* anynan: each pattern in each lane, the other lanes 0 */
    for (uint32_t h = 0; h < 0x10000; h++)
        for (int lane = 0; lane < W; lane++) {
            uint16_t in[W] = {0};
            in[lane] = (uint16_t)h;
            if (!!half_anynan(in) != half_isnan((uint16_t)h))
                fail("anynan", h, (uint32_t)half_anynan(in), (uint32_t)half_isnan((uint16_t)h));
            checked++;
        }
    /* anyabove4: each pattern in each of the 4 W places, the others 0 */
    static const uint16_t tops[2] = {0x7c00, 0x7bff};
    for (int t = 0; t < 2; t++)
        for (uint32_t h = 0; h < 0x10000; h++)
            for (int lane = 0; lane < 4 * W; lane++) {
                uint16_t in[4 * W] = {0};
                in[lane] = (uint16_t)h;
                int want = (h & 0x7fff) > tops[t];
                if (!!half_anyabove4(in, tops[t]) != want)
                    fail("anyabove4", h, (uint32_t)half_anyabove4(in, tops[t]), (uint32_t)want);
                checked++;
            }
    /* store: midpoints between neighbours (both signs) and one ULP around them */
    static float mids[6 * 0x7c00];
    int n = 0;
    for (uint32_t h = 0; h < 0x7c00; h++) {
        double next = h + 1 == 0x7c00 ? 65536.0 : half_value((uint16_t)(h + 1));
        float mid = (float)((half_value((uint16_t)h) + next) / 2);   /* exact in float32 */
        uint32_t b = f32_to_bits(mid);
        for (uint32_t d = 0; d < 3; d++) {
            mids[n++] = bits_to_f32(b + d - 1);
            mids[n++] = -bits_to_f32(b + d - 1);
        }
    }
    check_store(mids, n);
    checked += n;
    /* store: every 61st float32 pattern, NaNs left out */
    enum { B = 4096 };
    static float buf[B];
    int k = 0;
    for (uint64_t b = 0; b <= 0xffffffffu; b += 61) {
        if ((b & 0x7fffffffu) > 0x7f800000u) continue;
        buf[k++] = bits_to_f32((uint32_t)b);
        if (k == B) { check_store(buf, k); checked += k; k = 0; }
    }
    check_store(buf, k);
    checked += k;
    printf("check_half_ops: %ld checks, %ld failures\n", checked, failures);
    return failures != 0;
}
#endif
