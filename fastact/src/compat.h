/* Every compiler-specific spelling the C sources use, in one place: a port to
 * another compiler (MSVC, clang-cl) changes this header, not the kernels.
 * gcc and clang (Linux, macOS, aarch64) take the GNU branch; the MSVC branch
 * follows Microsoft's documentation but no CI compiles it yet.
 *
 *   FA_INLINE            static inline, always inlined (the formulas and the
 *                        vector operations must vanish into the loop)
 *   FA_COLD              static, never inlined nor cloned per argument: one
 *                        out-of-line copy (code that runs once per call)
 *   FA_UNROLL4           before a loop: unroll it 4 times
 *   FA_ALIGNAS(n)        before a declaration: n-byte aligned (C11 _Alignas)
 *   FA_INFF, FA_INF      +inf as a float / double constant expression
 *   FA_ISLESS(a, b)      a < b, raising no flag for NaN operands (C99 isless)
 *   fa_cpuid(leaf, sub, r[4]), fa_xgetbv0()   x86-64 only: CPUID (EAX..EDX
 *                        into r; all zero for a leaf above the CPU's maximum)
 *                        and XCR0
 */
#ifndef FASTACT_COMPAT_H
#define FASTACT_COMPAT_H

#include <math.h>

#if defined(_MSC_VER) && !defined(__clang__)
/* MSVC (cl). clang-cl defines _MSC_VER too but takes the GNU spellings. */
#define FA_INLINE static __forceinline
#define FA_COLD static __declspec(noinline)
#define FA_UNROLL4
#define FA_ALIGNAS(n) __declspec(align(n))
#define FA_INFF ((float)INFINITY)
#define FA_INF ((double)INFINITY)
#define FA_ISLESS(a, b) isless(a, b)
#define FA_LIKELY(c) (c)
#else
#define FA_INLINE static inline __attribute__((always_inline))
#if defined(__clang__)
#define FA_COLD static __attribute__((noinline))
#else
#define FA_COLD static __attribute__((noinline, noclone))
#endif
#define FA_PRAGMA_(x) _Pragma(#x)
#if defined(__clang__)
#define FA_UNROLL4 FA_PRAGMA_(clang loop unroll_count(4))
#else
#define FA_UNROLL4 FA_PRAGMA_(GCC unroll 4)
#endif
#define FA_ALIGNAS(n) _Alignas(n)
#define FA_INFF __builtin_inff()
#define FA_INF __builtin_inf()
#define FA_ISLESS(a, b) __builtin_isless(a, b)
/* the fast path of a formula: laid out inline, the slow one out of line */
#define FA_LIKELY(c) __builtin_expect(!!(c), 1)
#endif

#if defined(__x86_64__) || defined(_M_X64)
#if defined(_MSC_VER)
#include <intrin.h>
#include <immintrin.h>
static inline void fa_cpuid(unsigned leaf, unsigned sub, unsigned r[4])
{
    int max[4], v[4] = {0, 0, 0, 0};
    __cpuid(max, (int)(leaf & 0x80000000u));
    if (leaf <= (unsigned)max[0]) __cpuidex(v, (int)leaf, (int)sub);
    for (int i = 0; i < 4; i++) r[i] = (unsigned)v[i];
}
static inline unsigned long long fa_xgetbv0(void) { return _xgetbv(0); }
#else
#include <cpuid.h>
static inline void fa_cpuid(unsigned leaf, unsigned sub, unsigned r[4])
{
    r[0] = r[1] = r[2] = r[3] = 0;
    __get_cpuid_count(leaf, sub, &r[0], &r[1], &r[2], &r[3]);   /* checks the max leaf */
}
static inline unsigned long long fa_xgetbv0(void)
{
    unsigned lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    return ((unsigned long long)hi << 32) | lo;
}
#endif
#endif

#endif
