/* The constants of the shared vector math (vmath.h), for float32 (f32_)
 * and float64 (f64_), included once by kernels.c. */
/* Constants of the exp/expm1 kernels (see vmath.h). The splits of
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
