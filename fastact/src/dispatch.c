/* Run-time choice of the kernel target: CPUID for what the CPU has, XGETBV for
 * what the OS saves on context switch (a CPU with AVX under an OS that does
 * not enable YMM/ZMM state must not use it). */
#include <string.h>
#include "compat.h"
#include "fastact.h"

#if defined(__x86_64__) || defined(_M_X64)
#define FA_X86 1

/* CPUID feature bits (Intel SDM vol. 2A, CPUID): leaf 1 ECX/EDX, leaf 7
 * subleaf 0 EBX, leaf 0x80000001 ECX. Spelled here rather than taken from
 * <cpuid.h>, which only gcc and clang have. */
enum {
    C1_SSE3 = 1u << 0, C1_SSSE3 = 1u << 9, C1_FMA = 1u << 12, C1_SSE4_1 = 1u << 19,
    C1_SSE4_2 = 1u << 20, C1_MOVBE = 1u << 22, C1_POPCNT = 1u << 23,
    C1_OSXSAVE = 1u << 27, C1_AVX = 1u << 28, C1_F16C = 1u << 29,
    D1_SSE2 = 1u << 26,
    B7_BMI1 = 1u << 3, B7_AVX2 = 1u << 5, B7_BMI2 = 1u << 8, B7_AVX512F = 1u << 16,
    B7_AVX512DQ = 1u << 17, B7_AVX512CD = 1u << 28, B7_AVX512BW = 1u << 30,
    CX_LAHF_LM = 1u << 0, CX_LZCNT = 1u << 5,
};
#define B7_AVX512VL (1u << 31)   /* not an int: outside the enum */

static struct {
    int sse2, avx2, avx512;   /* target levels */
    char names[256];          /* detected features, for show_config */
} cpu;

static void add_name(int present, const char *name)
{
    if (present) {
        if (cpu.names[0]) strcat(cpu.names, " ");
        strcat(cpu.names, name);
    }
}

/* Levels follow the x86-64 psABI micro-architecture levels the targets are
 * compiled for: avx2 = x86-64-v3, avx512 = x86-64-v4. */
static void detect(void)
{
    unsigned r[4];
    fa_cpuid(1, 0, r);
    unsigned c1 = r[2], d1 = r[3];
    fa_cpuid(7, 0, r);
    unsigned b7 = r[1];
    fa_cpuid(0x80000001u, 0, r);
    unsigned cx = r[2];
    unsigned long long xcr0 = (c1 & C1_OSXSAVE) ? fa_xgetbv0() : 0;
    int os_ymm = (xcr0 & 0x6) == 0x6;      /* XMM and YMM state */
    int os_zmm = (xcr0 & 0xe6) == 0xe6;    /* plus opmask and ZMM state */

    int sse2 = !!(d1 & D1_SSE2);
    int v2 = sse2 && (c1 & C1_SSE3) && (c1 & C1_SSSE3) && (c1 & C1_SSE4_1) &&
             (c1 & C1_SSE4_2) && (c1 & C1_POPCNT) && (cx & CX_LAHF_LM);
    int avx = !!(c1 & C1_AVX), avx2 = !!(b7 & B7_AVX2), fma = !!(c1 & C1_FMA);
    int f16c = !!(c1 & C1_F16C);
    int v3 = v2 && avx && avx2 && fma && f16c && (b7 & B7_BMI1) && (b7 & B7_BMI2) &&
             (c1 & C1_MOVBE) && (cx & CX_LZCNT) && os_ymm;
    int f = !!(b7 & B7_AVX512F), dq = !!(b7 & B7_AVX512DQ), cd = !!(b7 & B7_AVX512CD);
    int bw = !!(b7 & B7_AVX512BW), vl = !!(b7 & B7_AVX512VL);
    int v4 = v3 && f && dq && cd && bw && vl && os_zmm;

    cpu.sse2 = sse2;
    cpu.avx2 = v3;
    cpu.avx512 = v4;
    add_name(sse2, "SSE2"); add_name(v2, "SSE4.2"); add_name(avx && os_ymm, "AVX");
    add_name(avx2 && os_ymm, "AVX2"); add_name(fma && os_ymm, "FMA");
    add_name(f16c && os_ymm, "F16C"); add_name(f && os_zmm, "AVX512F");
    add_name(dq && os_zmm, "AVX512DQ"); add_name(bw && os_zmm, "AVX512BW");
    add_name(vl && os_zmm, "AVX512VL");
}
#endif

#ifdef FA_HAVE_SSE2
#define LOOPS_SSE2 fa_loops_sse2
#else
#define LOOPS_SSE2 NULL
#endif
#ifdef FA_HAVE_AVX2
#define LOOPS_AVX2 fa_loops_avx2
#else
#define LOOPS_AVX2 NULL
#endif
#ifdef FA_HAVE_AVX512
#define LOOPS_AVX512 fa_loops_avx512
#else
#define LOOPS_AVX512 NULL
#endif
#ifdef FA_HAVE_NEON
#define LOOPS_NEON fa_loops_neon
#else
#define LOOPS_NEON NULL
#endif

#ifdef FA_X86
static fa_target targets[] = {
    {"scalar", fa_loops_scalar, 1},
    {"sse2", LOOPS_SSE2, 0},
    {"avx2", LOOPS_AVX2, 0},
    {"avx512", LOOPS_AVX512, 0},
};
#elif defined(__aarch64__) || defined(_M_ARM64)
static fa_target targets[] = {
    {"scalar", fa_loops_scalar, 1},
    {"neon", LOOPS_NEON, 1},   /* Advanced SIMD is mandatory on AArch64 */
};
#else
static fa_target targets[] = {
    {"scalar", fa_loops_scalar, 1},
};
#endif
#define NTARGETS ((int)(sizeof(targets) / sizeof(targets[0])))

static int detected = 0;

static void ensure_detected(void)
{
    if (detected) return;
#ifdef FA_X86
    detect();
    targets[1].supported = cpu.sse2;
    targets[2].supported = cpu.avx2;
    targets[3].supported = cpu.avx512;
#endif
    detected = 1;
}

const fa_target *fa_targets(int *n)
{
    ensure_detected();
    *n = NTARGETS;
    return targets;
}

int fa_choose(const char *cap)
{
    ensure_detected();
    int top = NTARGETS - 1;
    if (cap && cap[0]) {
        for (top = NTARGETS - 1; top >= 0; top--)
            if (strcmp(targets[top].name, cap) == 0) break;
        if (top < 0) return -1;
    }
    /* A level the CPU lacks (or this build lacks) falls back to the best one
     * below it; scalar is always there. */
    for (int i = top; i > 0; i--)
        if (targets[i].loops && targets[i].supported) return i;
    return 0;
}

const char *fa_cpu_features(void)
{
    ensure_detected();
#ifdef FA_X86
    return cpu.names;
#elif defined(__aarch64__) || defined(_M_ARM64)
    return "ASIMD";
#else
    return "";
#endif
}
