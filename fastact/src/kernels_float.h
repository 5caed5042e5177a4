/* The float formulas and their inner loops, written once and included by
 * kernels.c twice: with FT defined as f32 and as f64. V(name) names the
 * dtype's version of everything (f32_relu, f64_load, ...). */
#define V(name) FA_CAT(FT, FA_CAT(_, name))

typedef V(vec) (*V(formula))(V(vec), V(vec), V(vec));

/* -------------------------------------------------------------- formulas
 * Each takes its inputs in ufunc order (unused ones last) and returns the
 * result vector. `le0` is x <= 0 and false for NaN, so a lane is exactly one
 * of: negative branch (le0), NaN, positive branch. Products are formed only
 * on lanes that select them (the others see 0), so lanes of the branch that is
 * not taken raise no overflow or invalid flag. */

static inline V(vec) V(relu)(V(vec) x, V(vec) u, V(vec) w)
{
    (void)u; (void)w;
    return V(select)(V(le0)(x), V(set1)(0), x);   /* -0.0 -> +0.0, NaN kept */
}

static inline V(vec) V(relu_grad)(V(vec) x, V(vec) u, V(vec) w)
{
    (void)u; (void)w;
    V(vec) pos = V(select)(V(isnan)(x), x, V(set1)(1));
    return V(select)(V(le0)(x), V(set1)(0), pos);
}

static inline V(vec) V(relu_backward)(V(vec) dy, V(vec) x, V(vec) w)
{
    (void)w;
    V(vec) pos = V(select)(V(isnan)(x), x, dy);
    return V(select)(V(le0)(x), V(set1)(0), pos);
}

/* q * a where q is not NaN, else q quieted: when q and a are both NaN, the
 * hardware returns the NaN of whichever operand comes first, and compilers
 * may swap the operands of a multiply (and NumPy's own loops do), so q's NaN
 * is selected explicitly: the same bits on every path. */
FA_INLINE V(vec) V(mul_nan_first)(V(vec) q, V(vec) a)
{
    /* With no NaN in a (the usual scalar alpha: a loop-invariant test), the
     * product of a NaN q is q's NaN quieted whichever operand comes first. */
    if (!V(any)(V(isnan)(a)))
        return V(mul)(q, a);
    V(vec) quiet = V(or)(q, V(set1)(V(QUIET)));
    return V(select)(V(isnan)(q), quiet, V(mul)(q, a));
}

static inline V(vec) V(leaky_relu)(V(vec) x, V(vec) a, V(vec) w)
{
    (void)w;
    /* np.where(x > 0, x, x * a) bit for bit: NaN lanes take x * a too. */
    V(mask) notpos = V(mor)(V(le0)(x), V(isnan)(x));
    V(vec) prod = V(mul_nan_first)(V(select)(notpos, x, V(set1)(0)), a);
    return V(select)(notpos, prod, x);
}

static inline V(vec) V(leaky_relu_grad)(V(vec) x, V(vec) a, V(vec) w)
{
    (void)w;
    V(vec) pos = V(select)(V(isnan)(x), x, V(set1)(1));
    return V(select)(V(le0)(x), a, pos);
}

static inline V(vec) V(leaky_relu_backward)(V(vec) dy, V(vec) x, V(vec) a)
{
    V(mask) neg = V(le0)(x);
    V(vec) prod = V(mul_nan_first)(V(select)(neg, dy, V(set1)(0)), a);
    V(vec) pos = V(select)(V(isnan)(x), x, dy);
    return V(select)(neg, prod, pos);
}

/* P(r) ~ (expm1(r) - r) / r^2 on |r| <= ln2/2, so expm1(r) = r + r^2 P(r). */
FA_INLINE V(vec) V(poly)(V(vec) r)
{
    const int n = sizeof(V(P)) / sizeof(V(P)[0]);
    V(vec) p = V(set1)(V(P)[n - 1]);
    for (int i = n - 2; i >= 0; i--)
        p = V(muladd)(p, r, V(set1)(V(P)[i]));
    return p;
}

FA_INLINE V(vec) V(expm1_reduced)(V(vec) r)
{
    return V(muladd)(V(mul)(r, r), V(poly)(r), r);
}

/* exp(r + e) as an unevaluated sum hi + lo, |lo| < ulp(hi): hi + lo carries
 * what the roundings of r (e, from reduce), of expm1(r) and of 1 + expm1(r)
 * lost, so that one multiply-add can round q exp(r + e) once. 1 + ph = hi + t
 * exactly by Fast2Sum (Dekker, "A floating-point technique for extending the
 * available precision", Numer. Math. 18, 1971). */
FA_INLINE V(vec) V(exp_reduced)(V(vec) r, V(vec) e, V(vec) *lo)
{
    V(vec) r2 = V(mul)(r, r), P = V(poly)(r), one = V(set1)(1);
    V(vec) ph = V(muladd)(r2, P, r);
    /* rounding of ph ((r - ph) is exact) and expm1(r + e) = ph + e (1 + ph) */
    V(vec) pl = V(add)(V(muladd)(r2, P, V(sub)(r, ph)), V(muladd)(e, ph, e));
    V(vec) hi = V(add)(one, ph);
    *lo = V(add)(V(add)(V(sub)(one, hi), ph), pl);
    return hi;
}

/* Range reduction t = k ln2 + r (Cody-Waite: ln2 split in two so k * LN2_HI
 * is exact). Returns r; *kmagic holds k + MAGIC, from which pow2 builds 2^k
 * and k itself is kmagic - MAGIC; *rerr is what the rounding of r lost
 * ((r1 - r) is exact and k LN2_LO nearly so), worth up to half an ULP of an
 * exp result where it is not put back. */
FA_INLINE V(vec) V(reduce)(V(vec) t, V(vec) *kmagic, V(vec) *rerr)
{
    V(vec) km = V(muladd)(t, V(set1)(V(INV_LN2)), V(set1)(V(MAGIC)));
    V(vec) k = V(sub)(km, V(set1)(V(MAGIC)));
    V(vec) r1 = V(muladd)(k, V(set1)(-V(LN2_HI)), t);
    V(vec) r = V(muladd)(k, V(set1)(-V(LN2_LO)), r1);
    *kmagic = km;
    *rerr = V(muladd)(k, V(set1)(-V(LN2_LO)), V(sub)(r1, r));
    return r;
}

/* a * expm1(t) for t <= 0, never NaN, a > 0 finite. With t = k ln2 + r
 * and s = 2^k: expm1(t) = s expm1(r) + (s - 1), where s - 1 and s expm1(r)'s
 * scaling are exact. expm1(r) is the polynomial's ph plus the rounding error
 * pl of its last step; hi = s ph + (s - 1) rounded, and its error is exact
 * (Fast2Sum: |s - 1| >= |s ph| for k <= -1, and s - 1 = 0 for k = 0), so
 * expm1(t) = hi + lo to far below an ULP and a (hi + lo) is rounded once:
 * about half an ULP more than expm1 itself whatever alpha is. For k = 0
 * (small |t|) relative accuracy near 0 is kept (elu(-1e-8) is -1e-8, where
 * exp(t) - 1 gives 0).
 * The polynomial sees t clamped to [EXPM1_MIN, -TINY]: below EXPM1_MIN
 * expm1 rounds to -1 (and 2^k stays normal), above -TINY it rounds to t
 * (t^2/2 is below half an ULP of t) and r * r would underflow. max(., a t)
 * then gives a t there (expm1(t) >= t everywhere; t clamped at EXPM1_MIN,
 * where a expm1(t) > -a > a t), and -0.0 for -0.0. No flag is raised but a
 * real underflow of a t. */
FA_INLINE V(vec) V(alpha_expm1)(V(vec) t, V(vec) a, int unit_a)
{
    V(vec) tm = V(max)(t, V(set1)(V(EXPM1_MIN))), tc = V(min)(tm, V(set1)(-V(TINY)));
    /* One ln2 constant is enough here (XNNPACK's "rr1" ELU kernels): the
     * reduction error k (LN2 - ln2) is scaled by 2^k in the result, below
     * 0.03 ULP (float32) and 0.1 ULP (float64) at k = -1, less further out. */
    V(vec) km = V(muladd)(tc, V(set1)(V(INV_LN2)), V(set1)(V(MAGIC)));
    V(vec) k = V(sub)(km, V(set1)(V(MAGIC)));
    V(vec) r = V(muladd)(k, V(set1)(-V(LN2)), tc);
    V(vec) r2 = V(mul)(r, r), P = V(poly)(r);
    V(vec) ph = V(muladd)(r2, P, r);
    V(vec) s = V(pow2)(km, V(BIAS)), c = V(sub)(s, V(set1)(1));
    if (unit_a)   /* alpha = 1 (elu_unit): hi is the result */
        return V(max)(V(muladd1)(s, ph, c), tm);
    V(vec) pl = V(muladd)(r2, P, V(sub)(r, ph));          /* r - ph is exact */
    V(vec) hi = V(muladd)(s, ph, c);
    V(vec) lo = V(muladd)(s, pl, V(muladd)(s, ph, V(sub)(c, hi)));
    /* alpha at scale 2^64 (exact; hoisted out of the loop), so that a tiny
     * alpha times lo, or times the clamped value, raises no underflow; the
     * scaling back is exact unless the result itself is subnormal */
    V(vec) as = V(mul)(a, V(set1)(V(ASCALE)));
    V(vec) e = V(max)(V(muladd1)(as, hi, V(mul)(as, lo)), V(mul)(as, tm));
    return V(mul)(e, V(set1)(1 / V(ASCALE)));
}

/* q (hi + lo), rounded once. q may be infinite (dy is): then the result is
 * q itself (hi + lo > 0), where q lo would compute inf * 0. */
FA_INLINE V(vec) V(scale_exp)(V(vec) q, V(vec) hi, V(vec) lo, int finite_q)
{
    if (finite_q)   /* a zero q keeps its sign (hi + lo > 0) */
        return V(or)(V(muladd1)(q, hi, V(mul)(q, lo)), V(signbit)(q));
    V(mask) inf = V(eq)(V(abs)(q), V(set1)(V(INF)));
    V(vec) qf = V(select)(inf, V(set1)(0), q);
    /* hi + lo > 0: the result has q's sign, a zero too (-0 hi + -0 lo is +0
     * where lo < 0) */
    V(vec) r = V(or)(V(muladd1)(qf, hi, V(mul)(qf, lo)), V(signbit)(q));
    return V(select)(inf, q, r);
}

/* m a exp(t) below EXP_MIN: a zero with m's sign, or m itself where m is
 * NaN or infinite (NaN propagates, inf times a positive number is inf); the
 * caller selects the zero of x = -inf. For elu_grad (unit_m) m is alpha,
 * and only a NaN alpha is kept. */
FA_INLINE V(vec) V(below_exp_min)(V(vec) m, int unit_m)
{
    if (unit_m)
        return V(select)(V(isnan)(m), m, V(signbit)(m));
    V(mask) keep = V(mor)(V(isnan)(m), V(eq)(V(abs)(V(select)(V(isnan)(m), V(set1)(0), m)),
                                             V(set1)(V(INF))));
    return V(select)(keep, m, V(signbit)(m));
}

/* m * a * exp(t) for t <= 0, never NaN, a > 0 finite; m is 1 (elu_grad,
 * unit_m) or dy. With t = k ln2 + r and c = m a (exact when a = 1 or m = 1):
 * q = c 2^k, and the result q exp(r) is one rounding. No underflow flag
 * from exp itself: where q would be below the normal range (k < KMIN, or a
 * small dy), it is formed at scale 2^SCALE, the result is rounded there onto
 * the grid of the subnormal numbers by adding and subtracting
 * 2^(SCALE + EMIN), and scaled back exactly (an exact result, even a
 * subnormal one, raises no underflow). Below EXP_MIN the result is 0, the
 * correctly rounded value unless |m| a is astronomically large (kernels.c). */
FA_INLINE V(vec) V(scaled_exp)(V(vec) t, V(vec) a, V(vec) m, int unit_m, int unit_a)
{
    /* The common case first: every lane has t >= EXP_FAST and c = m a zero,
     * NaN, or 2^CLO <= |c| <= 2^CHI. Then q = c 2^k is exact, normal and
     * finite, and none of the tests and selects below is needed: the same
     * bits for less work. (exp(r) itself keeps its hi + lo form: without
     * it, the roundings of r and of expm1(r) cost up to 0.5 ULP more, and
     * elu_backward measured 1.05 ULP at alpha = 1.) */
    V(mask) slow = V(lt_num)(t, V(set1)(V(EXP_FAST)));
    if (!unit_m && !unit_a)   /* dy beyond 2^HUGE: dy alpha could overflow */
        slow = V(mor)(slow, V(lt_num)(V(set1)(V(HUGE)), V(abs)(V(select)(V(isnan)(m), V(set1)(0), m))));
    /* (m is 0 on those lanes: a tiny dy times alpha underflows for nothing
     * where x is -inf, a huge one overflows) */
    V(vec) c = unit_a ? m : unit_m ? a : V(mul)(V(select)(slow, V(set1)(0), m), a);
    if (!(unit_m && unit_a)) {
        V(vec) cn = V(abs)(V(select)(V(isnan)(c), V(set1)(1), c));
        V(mask) tiny_c = V(mandnot)(V(lt_num)(cn, V(set1)(V(CLO))), V(eq)(cn, V(set1)(0)));
        slow = V(mor)(slow, V(mor)(V(lt_num)(V(set1)(V(CHI)), cn), tiny_c));
    }
    if (!V(any)(slow)) {
        V(vec) km, e, lo;
        V(vec) r = V(reduce)(V(min)(t, V(set1)(-V(TINY))), &km, &e);
        V(vec) hi = V(exp_reduced)(r, e, &lo);
        V(vec) q = V(pow2)(km, V(BIAS));
        if (unit_m && unit_a)
            return V(muladd1)(q, hi, V(mul)(q, lo));
        q = V(mul)(c, q);
        /* a zero q keeps its sign (hi + lo > 0) */
        return V(or)(V(muladd1)(q, hi, V(mul)(q, lo)), V(signbit)(q));
    }
    V(vec) km, e, lo;
    V(mask) under = V(lt_num)(t, V(set1)(V(EXP_MIN)));
    /* Lanes below EXP_MIN take their result from below_exp_min(): they
     * compute exp(0), which raises nothing. Above -TINY, a exp(t) rounds to
     * a (a t is below a quarter ULP of a), as a exp(-TINY) does, and r * r
     * would underflow: t is clamped there (the same bits, no flag). */
    t = V(select)(under, V(set1)(0), V(min)(t, V(set1)(-V(TINY))));
    V(vec) r = V(reduce)(t, &km, &e);
    V(vec) hi = V(exp_reduced)(r, e, &lo);
    V(vec) k = V(sub)(km, V(set1)(V(MAGIC)));
    /* A dy beyond 2^HUGE is scaled by 2^-HUGE_SHIFT (exactly: it stays
     * above 1), so that dy alpha cannot overflow where dy alpha exp(x) does
     * not; the result is scaled back at the end (exactly, unless it
     * overflows: then the flag is real), and its subnormal grid below is
     * the final one. */
    V(mask) huge = V(lt_num)(V(set1)(0), V(set1)(0));   /* none */
    V(vec) ms = m;
    if (!unit_m) {
        huge = V(lt_num)(V(set1)(V(HUGE)), V(abs)(V(select)(V(isnan)(m), V(set1)(0), m)));
        /* (a factor of 1 elsewhere: the product of a select raises flags
         * from the lanes it drops) */
        ms = V(mul)(m, V(select)(huge, V(set1)(1 / V(HUGE_SCALE)), V(set1)(1)));
    }
    /* c = m a, 0 on the lanes below EXP_MIN (a tiny dy times alpha would
     * underflow there for nothing) */
    c = unit_m ? a : V(mul)(V(select)(under, V(set1)(0), ms), a);
    /* the slow path: k below KMIN (2^k not formed directly); for elu_grad
     * with alpha >= 2^-20, k below QMIN + 20 covers every lane where
     * a 2^k < 2^QMIN, so the k test alone decides (the alpha test is
     * loop-invariant for a scalar alpha) */
    V(vec) ca = V(abs)(c);
    int unit_k = unit_m && !V(any)(V(lt_num)(V(select)(V(isnan)(ca), V(set1)(1), ca),
                                             V(set1)((V(t))0x1p-20)));
    V(mask) tiny = V(mor)(V(lt_num)(k, V(set1)(unit_k ? V(QMIN) + 20 : V(KMIN))), under);
    if (!unit_k) {
        /* 0 < |c| 2^k < 2^QMIN, tested as |c| < 2^(QMIN-k): below 2^QMIN the
         * product of q = c 2^k with lo could underflow though the result
         * does not. NaN c is not tiny, nor c = 0 (the lanes of the other
         * branch pass dy = 0) */
        V(vec) kneg = V(sub)(V(set1)(2 * V(MAGIC)), km);         /* -k + MAGIC */
        V(vec) lim = V(pow2)(kneg, V(BIAS) + V(QMIN));
        V(mask) small = V(lt_num)(V(select)(V(isnan)(ca), lim, ca), lim);
        tiny = V(mor)(tiny, V(mandnot)(small, V(eq)(ca, V(set1)(0))));
    }
    if (!V(any)(tiny)) {
        V(vec) res = V(scale_exp)(V(mul)(c, V(pow2)(km, V(BIAS))), hi, lo, unit_m);
        return unit_m ? res : V(mul)(res, V(select)(huge, V(set1)(V(HUGE_SCALE)), V(set1)(1)));
    }
    /* Each path sees 0 (and 2^0) on the lanes of the other: no overflow from
     * a large dy there, no 2^k out of range. */
    V(vec) zero = V(set1)(0);
    V(vec) q = V(mul)(V(select)(tiny, zero, c),
                      V(pow2)(V(select)(tiny, V(set1)(V(MAGIC)), km), V(BIAS)));
    V(vec) big = V(scale_exp)(q, hi, lo, unit_m);
    V(vec) qs = V(mul)(V(select)(tiny, c, zero),
                       V(pow2)(V(select)(tiny, km, V(set1)(V(MAGIC) - V(SCALE))), V(BIAS) + V(SCALE)));
    V(vec) z = V(scale_exp)(qs, hi, lo, unit_m);
    V(vec) za = V(abs)(z), edge = V(set1)(V(SUBNORMAL_EDGE));   /* 2^(SCALE+EMIN) */
    if (!unit_m)
        edge = V(select)(huge, V(set1)(V(SUBNORMAL_EDGE) / V(HUGE_SCALE)), edge);
    V(vec) zr = V(sub)(V(add)(za, edge), edge);
    /* NaN lanes (dy NaN) compare as `edge`: lt_num never sees a NaN */
    V(mask) sub = V(lt_num)(V(select)(V(isnan)(za), edge, za), edge);
    z = V(or)(V(select)(sub, zr, za), V(signbit)(z));
    V(vec) unscale = V(set1)(V(UNSCALE));
    if (!unit_m) {
        unscale = V(select)(huge, V(set1)(V(UNSCALE) * V(HUGE_SCALE)), unscale);
        big = V(mul)(big, V(select)(huge, V(set1)(V(HUGE_SCALE)), V(set1)(1)));
    }
    V(vec) small = V(mul)(z, unscale);   /* exact: z is on the grid */
    V(vec) res = V(select)(tiny, small, big);
    return V(select)(under, V(below_exp_min)(unit_m ? a : m, unit_m), res);
}

FA_INLINE V(vec) V(elu_any)(V(vec) x, V(vec) a, int unit_a)
{
    V(mask) neg = V(le0q)(x);
    if (!V(any)(neg))
        return x;   /* all lanes positive or NaN: no transcendental work */
    V(vec) t = V(select)(neg, x, V(set1)(0));
    return V(select)(neg, V(alpha_expm1)(t, a, unit_a), x);
}

static inline V(vec) V(elu)(V(vec) x, V(vec) a, V(vec) w)
{
    (void)w;
    return V(elu_any)(x, a, 0);
}

/* elu with a scalar alpha of 1, the usual call: the loop takes it instead */
static inline V(vec) V(elu_unit)(V(vec) x, V(vec) a, V(vec) w)
{
    (void)w;
    return V(elu_any)(x, a, 1);
}

FA_INLINE V(vec) V(elu_grad_any)(V(vec) x, V(vec) a, int unit_a)
{
    V(mask) neg = V(le0q)(x);
    V(vec) pos = V(select)(V(isnan)(x), x, V(set1)(1));
    if (!V(any)(neg))
        return pos;
    V(vec) t = V(select)(neg, x, V(set1)(0));
    return V(select)(neg, V(scaled_exp)(t, a, V(set1)(1), 1, unit_a), pos);
}

static inline V(vec) V(elu_grad)(V(vec) x, V(vec) a, V(vec) w)
{
    (void)w;
    return V(elu_grad_any)(x, a, 0);
}

static inline V(vec) V(elu_grad_unit)(V(vec) x, V(vec) a, V(vec) w)
{
    (void)w;
    return V(elu_grad_any)(x, a, 1);
}

FA_INLINE V(vec) V(elu_backward_any)(V(vec) dy, V(vec) x, V(vec) a, int unit_a)
{
    V(mask) neg = V(le0q)(x);
    V(vec) pos = V(select)(V(isnan)(x), x, dy);
    if (!V(any)(neg))
        return pos;
    V(vec) t = V(select)(neg, x, V(set1)(0));
    /* dy * (a exp(x)) rounded once; at x = -inf a zero whatever dy (the
     * select form of relu_backward: no inf * 0), with dy's sign. */
    V(vec) g = V(scaled_exp)(t, a, V(select)(neg, dy, V(set1)(0)), 0, unit_a);
    V(mask) ninf = V(eq)(t, V(set1)(-V(INF)));
    g = V(select)(ninf, V(signbit)(dy), g);
    return V(select)(neg, g, pos);
}

static inline V(vec) V(elu_backward)(V(vec) dy, V(vec) x, V(vec) a)
{
    return V(elu_backward_any)(dy, x, a, 0);
}

static inline V(vec) V(elu_backward_unit)(V(vec) dy, V(vec) x, V(vec) a)
{
    return V(elu_backward_any)(dy, x, a, 1);
}

/* dy where y > 0, else dy (y + alpha), from the output y = elu(x, alpha):
 * no exponential. Two roundings (the sum, the product), and y + alpha cancels
 * as y approaches -alpha: the accuracy is documented, not 1 ULP. Where
 * y + alpha is 0 or infinite (y = -alpha, the output of x = -inf, or y =
 * -inf) the select form gives a zero with dy (y + alpha)'s sign whatever dy is (no
 * inf * 0), except that a NaN dy stays NaN. */
static inline V(vec) V(elu_backward_from_output)(V(vec) dy, V(vec) y, V(vec) a)
{
    V(mask) neg = V(le0q)(y);
    V(vec) pos = V(select)(V(isnan)(y), y, dy);
    V(vec) s = V(add)(V(select)(neg, y, V(set1)(0)), a);
    V(vec) dyn = V(select)(neg, dy, V(set1)(0));
    /* Finite dy and y + alpha in every lane (the other lanes see 0 and
     * alpha): the product is the result, s = +0 giving a zero with dy's sign
     * as the select form wants. Otherwise (a NaN or infinite dy, y = -inf)
     * the select form, lane by lane. */
    if (!V(any)(V(mor)(V(nonfinite)(dyn), V(nonfinite)(s))))
        return V(select)(neg, V(mul)(dyn, s), pos);
    V(mask) edge = V(mor)(V(eq)(s, V(set1)(0)), V(nonfinite)(s));
    V(mask) mul = V(mandnot)(neg, edge);
    V(vec) prod = V(mul_nan_first)(V(select)(mul, dy, V(set1)(0)), V(select)(edge, V(set1)(0), s));
    /* the zero has the sign dy s would have: (±0)(±0) is exact, raises nothing */
    V(vec) quiet = V(or)(dy, V(set1)(V(QUIET)));
    V(vec) zero = V(select)(V(isnan)(dy), quiet, V(mul)(V(signbit)(dy), V(signbit)(s)));
    return V(select)(neg, V(select)(edge, zero, prod), pos);
}

/* ------------------------------------------------------------ inner loop
 * args/dims/steps as NumPy passes them; nin inputs then the output.
 *
 * block: m <= W elements from index i, at any strides, gathered into a local
 * buffer of W lanes (unused lanes are 0, which raises no flag), computed, and
 * scattered: nothing is read or written outside the arrays. */
FA_INLINE void V(block)(char **args, npy_intp const *steps, int nin, V(formula) f,
                        npy_intp i, npy_intp m)
{
    typedef V(t) T;
    T buf[3][V(W)] = {{0}}, res[V(W)];
    for (int j = 0; j < nin; j++)
        for (npy_intp l = 0; l < m; l++)
            buf[j][l] = *(const T *)(args[j] + (i + l) * steps[j]);
    V(store)(res, f(V(load)(buf[0]), V(load)(buf[1]), V(load)(buf[2])));
    for (npy_intp l = 0; l < m; l++)
        *(T *)(args[nin] + (i + l) * steps[nin]) = res[l];
}

/* Any strides: chunk by chunk, strided inputs are read with loadn (a gather,
 * where the stride in elements makes an index), contiguous ones in place, a
 * strided output is scattered from a buffer; the formula runs a vector at a
 * time and the last partial vector goes through block(). */
FA_INLINE void V(chunked)(char **args, npy_intp const *steps, int nin, V(formula) f,
                          npy_intp n)
{
    typedef V(t) T;
    enum { W = V(W), CH = 512 };
    const npy_intp es = sizeof(T);
    npy_intp i = 0, s[3] = {0, 0, 0};   /* s: input strides in elements */
    for (int j = 0; j < nin; j++) {
        if (steps[j] % es || steps[j] / es > INT32_MAX / W || steps[j] / es < -(INT32_MAX / W)) {
            for (; i < n; i += W)   /* not a gather index: element by element */
                V(block)(args, steps, nin, f, i, n - i < W ? n - i : W);
            return;
        }
        s[j] = steps[j] / es;
    }
    FA_ALIGNAS(64) T out_buf[CH];
    for (; i < n; i += CH) {
        const npy_intp m = n - i < CH ? n - i : CH, mv = m / W * W;
        const T *src[3] = {NULL, NULL, NULL};
        for (int j = 0; j < nin; j++)
            src[j] = (const T *)(args[j] + i * steps[j]);
        char *o = args[nin] + i * steps[nin];
        T *dst = steps[nin] == es ? (T *)o : out_buf;
        for (npy_intp l = 0; l < mv; l += W) {
            V(vec) in[3] = {V(set1)(0), V(set1)(0), V(set1)(0)};
            for (int j = 0; j < nin; j++)
                in[j] = s[j] == 1 ? V(load)(src[j] + l) : V(loadn)(src[j] + l * s[j], s[j]);
            V(store)(dst + l, f(in[0], in[1], in[2]));
        }
        if (dst == out_buf)
            for (npy_intp l = 0; l < mv; l++)
                *(T *)(o + l * steps[nin]) = out_buf[l];
        if (mv < m)
            V(block)(args, steps, nin, f, i + mv, m - mv);
    }
}

/* Fast path: output contiguous and every input contiguous or of stride 0 (a
 * scalar alpha or dy, kept in a register). A head block first brings the
 * output to a vector-aligned address (an unaligned 64-byte store splits a
 * cache line every time), the tail is one more block. Other strides go
 * through chunked(). Exact in-place (out is x) is fine: a vector, block or
 * chunk is read before it is written. */
FA_INLINE void V(run)(char **args, npy_intp const *dims, npy_intp const *steps,
                      int nin, V(formula) f)
{
    typedef V(t) T;
    enum { W = V(W) };
    const npy_intp n = dims[0], es = sizeof(T);
    npy_intp i = 0;

    /* ufunc.reduce and .accumulate hand the loop an output that a later
     * element reads as input: those go one element at a time. */
    if (fa_sequential(args, dims, steps, nin, es)) {
        for (; i < n; i++)
            V(block)(args, steps, nin, f, i, 1);
        return;
    }
    int fast = steps[nin] == es;
    for (int j = 0; j < nin; j++)
        fast &= steps[j] == es || steps[j] == 0;
    if (!fast) {
        V(chunked)(args, steps, nin, f, n);
        return;
    }
    if (n >= 2 * W) {
        T *out = (T *)args[nin];
        npy_intp head = (npy_intp)((-(uintptr_t)out / es) % W);
        if (head) {
            V(block)(args, steps, nin, f, 0, head);
            i = head;
        }
        V(vec) in[3] = {V(set1)(0), V(set1)(0), V(set1)(0)};
        const T *p[3] = {NULL, NULL, NULL};
        for (int j = 0; j < nin; j++) {
            if (steps[j] == 0) in[j] = V(set1)(*(const T *)args[j]);
            else p[j] = (const T *)args[j];
        }
        FA_UNROLL4
        for (; i + W <= n; i += W) {
            for (int j = 0; j < nin; j++)
                if (p[j]) in[j] = V(load)(p[j] + i);
            V(store)(out + i, f(in[0], in[1], in[2]));
        }
    }
    for (; i < n; i += W)   /* the tail, or all of a short array */
        V(block)(args, steps, nin, f, i, n - i < W ? n - i : W);
}

#define FA_FLOAT_LOOP(name, nin, unit)                                        \
    static void V(name##_loop)(char **args, npy_intp const *dims,             \
                               npy_intp const *steps, void *data)             \
    {                                                                         \
        (void)data;                                                           \
        if (V(unit) != V(name) && steps[nin - 1] == 0                         \
                && *(const V(t) *)args[nin - 1] == 1)                         \
            V(run)(args, dims, steps, nin, V(unit));                          \
        else                                                                  \
            V(run)(args, dims, steps, nin, V(name));                          \
    }
FA_FLOAT_UFUNCS(FA_FLOAT_LOOP)
#undef FA_FLOAT_LOOP
#undef V
