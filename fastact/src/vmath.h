/* The shared vector math, written once for every target and included by
 * kernels_float.h once per float type (V(name) is that type's version):
 * Horner's scheme, the table-driven exp and its scaled forms, alpha * expm1,
 * and the NaN-ordered product. The constants are in vmath_constants.h. A
 * family's formulas (families/<name>.h) build on these. */

/* q * a where q is not NaN, else q quieted: when q and a are both NaN, the
 * hardware returns the NaN of whichever operand comes first, and compilers
 * may swap the operands of a multiply (and NumPy's own loops do), so q's NaN
 * is selected explicitly: the same bits on every path. With no NaN in a
 * (num_a: a scalar alpha known to be a number), the product of a NaN q is q's
 * NaN quieted whichever operand comes first. */
FA_INLINE V(vec) V(mul_nan_first)(V(vec) q, V(vec) a, int num_a)
{
    if (FA_LIKELY(num_a || !V(any)(V(isnan)(a))))
        return V(mul)(q, a);
    V(vec) quiet = V(or)(q, V(set1)(V(QUIET)));
    return V(select)(V(isnan)(q), quiet, V(mul)(q, a));
}

/* Horner's scheme for c[0] + c[1] r + ... + c[n-1] r^(n-1) */
FA_INLINE V(vec) V(horner)(V(vec) r, const V(t) *c, int n)
{
    V(vec) p = V(set1)(c[n - 1]);
    for (int i = n - 2; i >= 0; i--)
        p = V(muladd)(p, r, V(set1)(c[i]));
    return p;
}

/* P(r) ~ (expm1(r) - r) / r^2 on |r| <= ln2/2, so expm1(r) = r + r^2 P(r). */
FA_INLINE V(vec) V(poly)(V(vec) r)
{
    return V(horner)(r, V(P), sizeof(V(P)) / sizeof(V(P)[0]));
}

/* The table-driven exp (Tang, "Table-driven implementation of the
 * exponential function in IEEE floating-point arithmetic", ACM TOMS 15(2),
 * 1989): t = k ln2/16 + r with k = 16 n + j and |r| <= ln2/32, so exp(t) =
 * 2^n 2^(j/16) exp(r), with 2^(j/16) = T (1 + L) from two tables (T rounded,
 * L the rest relative to T: T alone would cost up to half an ULP, as
 * XNNPACK's lut16 variant of its ELU kernel found). The short interval needs
 * a polynomial of degree 4 (float32) / 7 (float64) against 7 / 12 on
 * |r| <= ln2/2. Returns p = expm1(r) + L (r + r^2 P16(r) + L), so that
 * exp(t) = 2^n T (1 + p) to far below an ULP: the dropped L expm1(r), the
 * roundings of r and of p are each below 2^-29 relative (float32). *km holds
 * k + MAGIC, from which lut16 takes j and pow2_16 takes n; ln2/16 is split in
 * two (Cody-Waite) so that the reduction error, k times that of the split,
 * stays below 2^-31 relative for every t >= EXP_MIN. */
FA_INLINE V(vec) V(exp16)(V(vec) t, V(vec) *km)
{
    V(vec) kmv = V(muladd)(t, V(set1)(V(INV_LN2_16)), V(set1)(V(MAGIC)));
    V(vec) k = V(sub)(kmv, V(set1)(V(MAGIC)));
    V(vec) r1 = V(muladd)(k, V(set1)(-V(LN2_16_HI)), t);   /* exact */
    V(vec) r = V(muladd)(k, V(set1)(-V(LN2_16_LO)), r1);
    V(vec) p = V(horner)(r, V(P16), sizeof(V(P16)) / sizeof(V(P16)[0]));
    *km = kmv;
    return V(muladd)(V(mul)(r, r), p, V(add)(r, V(lut16)(V(T16LO), kmv)));
}

/* s = 2^n T 2^bias, the scale of exp16's p, for km from exp16 (or k + MAGIC
 * chosen by the caller): exact, while n + bias is in the normal range. */
FA_INLINE V(vec) V(scale16)(V(vec) km, int bias)
{
    return V(pow2_16)(V(lut16)(V(T16), km), km, bias);
}

/* c s (1 + p) for s = 2^n T (scale16) and p from exp16, rounded once up to
 * far below an ULP: A = c s rounded, its error e = c s - A (exact, one
 * fused multiply-subtract), then A + (A p + e), where A p + e is below 2.3%
 * of A (its rounding, and the dropped e p, cost under 2^-29 relative). With
 * c = 1 (unit_c) s (1 + p) is one multiply-add. c is finite; a zero c keeps
 * its sign (s (1 + p) > 0). Without a fused multiply-add (float64 on the
 * scalar and SSE2 targets) e is 0 and the result has two roundings, within
 * the float64 bound. */
FA_INLINE V(vec) V(mul_exp)(V(vec) c, V(vec) s, V(vec) p, int unit_c, int nonzero_c)
{
    if (unit_c)
        return V(muladd1)(s, p, s);
    V(vec) A = V(mul)(c, s), e = V(mulsub1)(c, s, A);
    V(vec) r = V(add)(A, V(muladd)(A, p, e));
    return nonzero_c ? r : V(or)(r, V(signbit)(c));
}

/* mul_exp for any c: an infinite c gives c (times s (1 + p) > 0), a NaN c its
 * NaN quieted (c s: no other operand is NaN, whichever comes first). */
FA_INLINE V(vec) V(mul_exp_any)(V(vec) c, V(vec) s, V(vec) p, int unit_c)
{
    if (unit_c)
        return V(mul_exp)(c, s, p, 1, 1);
    V(mask) nf = V(nonfinite)(c);
    V(vec) r = V(mul_exp)(V(select)(nf, V(set1)(0), c), s, p, 0, 0);
    return V(select)(nf, V(mul)(c, s), r);
}

/* The range reduction and polynomial of expm1 (alpha_expm1's comment has
 * the analysis): for t in [EXPM1_MIN, -TINY], t = k ln2 + r, *s = 2^k,
 * *c = s - 1, and the polynomial's ph ~ expm1(r), with the rounding error of
 * its last step in *pl (when pl is not NULL). One ln2 constant is enough
 * here (XNNPACK's "rr1" ELU kernels): the reduction error k (LN2 - ln2) is
 * scaled by 2^k in the result, below 0.03 ULP (float32) and 0.1 ULP
 * (float64) at k = -1, less further out. */
FA_INLINE V(vec) V(expm1_reduce)(V(vec) tc, V(vec) *s, V(vec) *c, V(vec) *pl)
{
    /* (the exponent bias rides in the magic constant: pow2 is one shift) */
    V(vec) km = V(muladd)(tc, V(set1)(V(INV_LN2)), V(set1)(V(MAGIC) + V(BIAS)));
    V(vec) k = V(sub)(km, V(set1)(V(MAGIC) + V(BIAS)));
    V(vec) r = V(muladd)(k, V(set1)(-V(LN2)), tc);
    V(vec) r2 = V(mul)(r, r), P = V(poly)(r);
    V(vec) ph = V(muladd)(r2, P, r);
    *s = V(pow2)(km, 0);
    *c = V(sub)(*s, V(set1)(1));
    if (pl)
        *pl = V(muladd)(r2, P, V(sub)(r, ph));          /* r - ph is exact */
    return ph;
}

/* expm1(t) as hi + *lo to far below an ULP, for t in [EXPM1_MIN, -TINY]:
 * hi = s ph + (s - 1) rounded and its error (Fast2Sum: |s - 1| >= |s ph|),
 * plus s pl (see alpha_expm1) */
FA_INLINE V(vec) V(expm1_pair)(V(vec) tc, V(vec) *lo)
{
    V(vec) s, c, pl, ph = V(expm1_reduce)(tc, &s, &c, &pl);
    V(vec) hi = V(muladd)(s, ph, c);
    *lo = V(muladd)(s, pl, V(muladd)(s, ph, V(sub)(c, hi)));
    return hi;
}

/* a * expm1(t) for t = x on neg's lanes (x <= 0 there, never NaN; the
 * other lanes compute with t = 0, raise nothing, and are the caller's to
 * drop), a > 0 finite. With t = k ln2 + r
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
FA_INLINE V(vec) V(alpha_expm1)(V(vec) x, V(mask) neg, V(vec) a, int unit_a)
{
    /* t = x on neg's lanes, 0 elsewhere (which raise nothing), clamped */
    V(vec) tm = V(set1)(0), tc;
    if (unit_a)   /* (the final max takes x itself: one masked min here) */
        tc = V(max)(V(min_where)(neg, x, V(set1)(-V(TINY))), V(set1)(V(EXPM1_MIN)));
    else {
        tm = V(max)(V(select)(neg, x, V(set1)(0)), V(set1)(V(EXPM1_MIN)));
        tc = V(min)(tm, V(set1)(-V(TINY)));
    }
    if (unit_a) {   /* alpha = 1 (elu_unit): hi is the result; max(hi, x) is
                     * max(hi, tm) on neg's lanes, as hi is -1 below EXPM1_MIN;
                     * the other lanes get x (the result, as the caller wants) */
        V(vec) s, c, ph = V(expm1_reduce)(tc, &s, &c, NULL);
        return V(max_where)(neg, V(muladd1)(s, ph, c), x);
    }
    V(vec) lo, hi = V(expm1_pair)(tc, &lo);
    /* alpha at scale 2^64 (exact; hoisted out of the loop), so that a tiny
     * alpha times lo, or times the clamped value, raises no underflow; the
     * scaling back is exact unless the result itself is subnormal */
    V(vec) as = V(mul)(a, V(set1)(V(ASCALE)));
    V(vec) e = V(max)(V(muladd1)(as, hi, V(mul)(as, lo)), V(mul)(as, tm));
    return V(mul)(e, V(set1)(1 / V(ASCALE)));
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

/* scaled_exp's common case: every lane's t >= EXP_FAST and c = m a zero or
 * 2^CLO <= |c| <= 2^CHI (see below). Then c 2^n is normal and finite, and
 * none of the slow path's tests and selects is needed: the same bits for
 * less work. A lane with t > 0 computes exp(-TINY): it raises nothing and is
 * the caller's to drop. */
FA_INLINE V(vec) V(exp_fast)(V(vec) t, V(vec) a, V(vec) m, int unit_m, int akind)
{
    const int unit_a = akind == 1, mid_a = akind == 2;
    V(vec) c = unit_a ? m : unit_m ? a : V(mul)(m, a), km;
    V(vec) p = V(exp16)(V(min)(t, V(set1)(-V(TINY))), &km);
    /* (elu_grad's c = alpha: its result cannot be 0 here) */
    return V(mul_exp)(c, V(scale16)(km, 0), p, unit_m && unit_a, unit_m && mid_a);
}

/* m (dy) outside exp_fast's range for a scalar alpha of 1 (akind 1: c = m,
 * zero or 2^CLO <= |m| <= 2^CHI) or in [2^-8, 2^8] (akind 2: a range 2^8
 * narrower, so that c = m alpha is in range) */
FA_INLINE V(mask) V(m_outside_fast)(V(vec) m, int akind)
{
    return akind == 1 ? V(outside)(m, V(CLO), V(CHI))
                      : V(outside)(m, V(CLO) * (V(t))0x1p8, V(CHI) * (V(t))0x1p-8);
}

/* The same test made once on x and m themselves, before any select, for a
 * scalar alpha of 1 or in [2^-8, 2^8] (akind 1, 2): every lane's |x| <=
 * -EXP_FAST (no NaN, no inf) and m within the fast range (elu_grad's m = 1
 * needs no test). Positive lanes pass through exp_fast harmlessly, so x and
 * m need no zeroing; a NaN x never gets here. */
FA_INLINE V(mask) V(exp_fast_fails)(V(vec) x, V(vec) m, int unit_m, int akind)
{
    V(mask) out = V(outside)(x, V(TRUE_MIN), -V(EXP_FAST));
    return unit_m ? out : V(mor)(out, V(m_outside_fast)(m, akind));
}

/* m * a * exp(t) for t <= 0, never NaN, a > 0 finite; m is 1 (elu_grad,
 * unit_m) or dy. With t = k ln2/16 + r (exp16) and c = m a (exact when a = 1
 * or m = 1): the result c 2^n T (1 + p) is one rounding (mul_exp). No
 * underflow flag from exp itself: where c 2^n would be below the normal range
 * (n < KMIN, or a small dy), it is formed at scale 2^SCALE, the result is
 * rounded there onto the grid of the subnormal numbers by adding and
 * subtracting 2^(SCALE + EMIN), and scaled back exactly (an exact result, even
 * a subnormal one, raises no underflow). Below EXP_MIN the result is 0, the
 * correctly rounded value unless |m| a is astronomically large (kernels.c). */
FA_INLINE V(vec) V(scaled_exp)(V(vec) t, V(vec) a, V(vec) m, int unit_m, int akind)
{
    /* akind: 0 any alpha, 1 a scalar 1 (unit), 2 a scalar in [2^-8, 2^8]
     * (mid: c = m a is in range wherever m is in a range 2^8 narrower) */
    const int unit_c = unit_m && akind == 1;
    /* The common case first (exp_fast) */
    const V(vec) t0 = t;
    V(mask) slow = V(lt_num)(t, V(set1)(V(EXP_FAST)));
    V(vec) c;
    if (akind) {
        if (!unit_m)
            slow = V(mor)(slow, V(m_outside_fast)(m, akind));
    } else {
        if (!unit_m)   /* dy beyond 2^HUGE, NaN or inf: dy alpha could overflow */
            slow = V(mor)(slow, V(outside)(m, V(TRUE_MIN), V(HUGE)));
        /* (m is 0 on those lanes: a tiny dy times alpha underflows for
         * nothing where x is -inf, a huge one overflows) */
        c = unit_m ? a : V(mul)(V(select)(slow, V(set1)(0), m), a);
        slow = V(mor)(slow, V(outside)(c, V(CLO), V(CHI)));
    }
    V(vec) km;
    if (FA_LIKELY(!V(any)(slow)))
        return V(exp_fast)(t, a, m, unit_m, akind);
    V(mask) under = V(lt_num)(t, V(set1)(V(EXP_MIN)));
    /* Lanes below EXP_MIN take their result from below_exp_min(): they
     * compute exp(0), which raises nothing. Above -TINY, a exp(t) rounds to
     * a (a t is below a quarter ULP of a), as a exp(-TINY) does, and r * r
     * would underflow: t is clamped there (the same bits, no flag). */
    t = V(select)(under, V(set1)(0), V(min)(t, V(set1)(-V(TINY))));
    V(vec) p = V(exp16)(t, &km);
    /* n = floor(k / 16) as a float: k/16 - 15/32 is exact, and its nearest
     * integer is n */
    V(vec) k = V(sub)(km, V(set1)(V(MAGIC)));
    V(vec) n = V(sub)(V(add)(V(muladd)(k, V(set1)(1 / (V(t))16), V(set1)(-15 / (V(t))32)),
                             V(set1)(V(MAGIC))), V(set1)(V(MAGIC)));
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
    /* the slow path: n below KMIN (2^n not formed directly); for elu_grad
     * with alpha >= 2^-20, n below QMIN + 20 covers every lane where
     * a 2^n < 2^QMIN, so the n test alone decides (the alpha test is
     * loop-invariant for a scalar alpha) */
    V(vec) ca = V(abs)(c);
    int unit_k = unit_m && !V(any)(V(lt_num)(V(select)(V(isnan)(ca), V(set1)(1), ca),
                                             V(set1)((V(t))0x1p-20)));
    V(mask) tiny = V(mor)(V(lt_num)(n, V(set1)(unit_k ? V(QMIN) + 20 : V(KMIN))), under);
    if (!unit_k) {
        /* 0 < |c| 2^n < 2^QMIN, tested as |c| < 2^(QMIN-n): below 2^QMIN the
         * error term of c 2^n T could underflow though the result does not.
         * NaN c is not tiny, nor c = 0 (the lanes of the other branch pass
         * dy = 0) */
        V(vec) lim = V(pow2)(V(sub)(V(set1)(V(MAGIC)), n), V(BIAS) + V(QMIN));
        V(mask) small = V(lt_num)(V(select)(V(isnan)(ca), lim, ca), lim);
        tiny = V(mor)(tiny, V(mandnot)(small, V(eq)(ca, V(set1)(0))));
    }
    if (FA_LIKELY(!V(any)(tiny))) {
        V(vec) res = V(mul_exp_any)(c, V(scale16)(km, 0), p, unit_c);
        return unit_m ? res : V(mul)(res, V(select)(huge, V(set1)(V(HUGE_SCALE)), V(set1)(1)));
    }
    /* Each path sees c = 0 and s = 1 (k = 0, or -16 SCALE at scale 2^SCALE)
     * on the lanes of the other: no overflow from a large dy there, no 2^n
     * out of range. */
    V(vec) zero = V(set1)(0);
    V(vec) kb = V(select)(tiny, V(set1)(V(MAGIC)), km);
    V(vec) big = V(mul_exp_any)(V(select)(tiny, zero, c), V(scale16)(kb, 0), p, unit_c);
    V(vec) ksm = V(select)(tiny, km, V(set1)(V(MAGIC) - 16 * V(SCALE)));
    V(vec) z = V(mul_exp_any)(V(select)(tiny, c, zero), V(scale16)(ksm, V(SCALE)), p, unit_c);
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
    res = V(select)(under, V(below_exp_min)(unit_m ? a : m, unit_m), res);
    /* elu_backward at x = -inf: a zero whatever dy (the select form of
     * relu_backward: no inf * 0), with dy's sign */
    return unit_m ? res : V(select)(V(eq)(t0, V(set1)(-V(INF))), V(signbit)(m), res);
}

/* --------------------------------------------- error-free sums, products
 * and an accurate division, for the families whose result is a quotient
 * (softsign). Everything below keeps an unrounded value as hi + lo. */

/* a b - p exactly, for p = a b rounded (a, b normal, |a b| far from
 * overflow): one fused multiply-subtract, or where this type has no fused
 * multiply-add on the target (float64 on scalar and SSE2) Dekker's product
 * with Veltkamp's splitting (Dekker, "A floating-point technique for
 * extending the available precision", Numer. Math. 18, 1971; |a|, |b| below
 * 2^995 for the split not to overflow). */
FA_INLINE V(vec) V(prod_err)(V(vec) a, V(vec) b, V(vec) p)
{
    if (V(FUSED))
        return V(mulsub1)(a, b, p);
    const V(vec) c = V(set1)((V(t))(sizeof(V(t)) == 4 ? 4097.0 : 134217729.0)); /* 2^ceil(m/2)+1 */
    V(vec) ta = V(mul)(c, a), ah = V(sub)(ta, V(sub)(ta, a)), al = V(sub)(a, ah);
    V(vec) tb = V(mul)(c, b), bh = V(sub)(tb, V(sub)(tb, b)), bl = V(sub)(b, bh);
    V(vec) e = V(add)(V(sub)(V(mul)(ah, bh), p), V(mul)(ah, bl));
    return V(add)(V(add)(e, V(mul)(al, bh)), V(mul)(al, bl));
}

/* 1 + a as d + *dl exactly, a >= 0 finite (Fast2Sum of max(1, a) and
 * min(1, a): Dekker 1971) */
FA_INLINE V(vec) V(one_plus)(V(vec) a, V(vec) *dl)
{
    const V(vec) one = V(set1)(1);
    V(vec) d = V(add)(one, a);
    *dl = V(add)(V(sub)(V(max)(one, a), d), V(min)(one, a));
    return d;
}

/* 1/(d + dl) as r (1 + *ru): r = recip(d), and *ru = 1 - r (d + dl), the
 * remainder (1 - r d is exact by Sterbenz's lemma, r d being close to 1), to
 * far below an ULP of 1/(d + dl) once ru^2 is dropped (|ru| < 2^-22). d and
 * 1/d normal, |dl| <= ulp(d), |d| below 2^995 (prod_err). */
FA_INLINE V(vec) V(recip_pair)(V(vec) d, V(vec) dl, V(vec) *ru)
{
    V(vec) r = V(recip)(d), p = V(mul)(r, d);
    *ru = V(sub)(V(sub)(V(sub)(V(set1)(1), p), V(prod_err)(r, d, p)), V(mul)(r, dl));
    return r;
}

/* x / (d + dl) to half an ULP and a little more: q0 = x recip(d), corrected
 * by the remainder x - q0 (d + dl) (x - q0 d exact as above), scaled by
 * recip(d): the correction's own error is |ru| times it, far below an ULP.
 * d as for recip_pair; x q0 normal or zero, or the result subnormal. */
FA_INLINE V(vec) V(div_pair)(V(vec) x, V(vec) d, V(vec) dl)
{
    V(vec) r = V(recip)(d), q0 = V(mul)(x, r), p = V(mul)(q0, d);
    V(vec) rem = V(sub)(V(sub)(V(sub)(x, p), V(prod_err)(q0, d, p)), V(mul)(q0, dl));
    return V(muladd)(rem, r, q0);
}

/* dy g for a backward pass from the output, g its derivative computed from
 * y (NaN-free: y's NaN lanes hold 0): where g is 0 or infinite (the outputs
 * of x = ±inf) the select form gives a zero with dy g's sign whatever dy is
 * (no inf * 0), a NaN dy excepted; y's NaN where y is NaN. The products are
 * formed only where they are selected. */
FA_INLINE V(vec) V(times_from_output)(V(vec) dy, V(vec) y, V(vec) g)
{
    V(mask) nan = V(isnan)(y);
    if (FA_LIKELY(!V(any)(V(mor)(V(nonfinite)(dy), V(mor)(V(nonfinite)(g),
                                                       V(eq)(g, V(set1)(0)))))))
        return V(select)(nan, y, V(mul)(dy, g));
    V(mask) edge = V(mor)(V(eq)(g, V(set1)(0)), V(nonfinite)(g));
    V(vec) zs = V(set1)(0);
    V(vec) prod = V(mul_nan_first)(V(select)(edge, zs, dy), V(select)(edge, zs, g), 0);
    /* the zero has the sign dy g would have: (±0)(±0) is exact, raises nothing */
    V(vec) quiet = V(or)(dy, V(set1)(V(QUIET)));
    V(vec) zero = V(select)(V(isnan)(dy), quiet, V(mul)(V(signbit)(dy), V(signbit)(g)));
    return V(select)(nan, y, V(select)(edge, zero, prod));
}

/* --------------------------------------------- the logistic function at scale
 * For the sigmoid and tanh families (tanh'(x) = 4 σ'(2x)). */

/* The constants, by type: LOW, the clamp of t = -|x| (exp16's
 * EXP_MIN): σ(x) and σ'(x) round to 0 below it, and dy σ'(x) too while |dy|
 * is below 2^35 (float32) / 2^47 (float64), the documented limit shared with
 * the elu family (tests/reference.py, LARGE_SCALE); TAIL, below which
 * e is under the normal range (1 + e rounds to 1); POS, below which σ(|x|)
 * rounds to 1 (a clamp for the positive lanes); S and its powers. */
FA_INLINE V(vec) V(sig_low)(void) { return V(set1)(V(EXP_MIN)); }
FA_INLINE V(vec) V(sig_tail)(void) { return V(set1)((sizeof(V(t)) == 4) ? -86 : -706); }
FA_INLINE V(vec) V(sig_pos)(void) { return V(set1)((sizeof(V(t)) == 4) ? -20 : -40); }
FA_INLINE int V(sig_s)(void) { return (sizeof(V(t)) == 4) ? 110 : 600; }
FA_INLINE V(vec) V(sig_unscale)(void) { return V(set1)((V(t))ldexp(1.0, -V(sig_s)())); }
/* 2^(S + EMIN): below it, a value at scale rounds onto the subnormal grid */
FA_INLINE V(vec) V(sig_edge)(void)
{
    return V(set1)((V(t))ldexp(1.0, V(sig_s)() + ((sizeof(V(t)) == 4) ? -126 : -1022)));
}

/* v, or 0 where |v| is below 2^-k: for the correction terms el (k = 100 /
 * 800: below 2^-60 / 2^-325 of e at scale wherever a result is nonzero) and
 * ru (k = 40 / 80), so that no product of them underflows for nothing */
FA_INLINE V(vec) V(sig_flush)(V(vec) v, int k)
{
    return V(select)(V(lt_num)(V(abs)(v), V(set1)((V(t))ldexp(1.0, -k))), V(set1)(0), v);
}

/* v (>= 0, at scale 2^S) rounded to the result's grid and scaled back:
 * exact but for that one rounding where the result is subnormal */
FA_INLINE V(vec) V(sig_unscaled)(V(vec) v)
{
    V(vec) edge = V(sig_edge)();
    V(vec) z = V(sub)(V(add)(v, edge), edge);
    return V(mul)(V(select)(V(lt_num)(v, edge), z, v), V(sig_unscale)());
}

/* The shared part: for x not NaN (NaN lanes hold 0), t = -|x| clamped to
 * [LOW, -TINY] (POS for the positive lanes of the activation: `pos_clamp`),
 * e at scale as *eh + *el, and 1 / (1 + e) as r (1 + *ru) */
FA_INLINE V(vec) V(sig_core)(V(vec) xs, int pos_clamp, V(vec) *eh, V(vec) *el, V(vec) *ru)
{
    V(vec) lo = V(sig_low)();
    if (pos_clamp)
        lo = V(select)(V(le0q)(xs), lo, V(sig_pos)());
    V(vec) t = V(min)(V(max)(V(sub)(V(set1)(0), V(abs)(xs)), lo), V(set1)(-V(TINY)));
    V(vec) km, p = V(exp16)(t, &km);
    V(vec) s = V(scale16)(km, V(sig_s)());
    V(vec) h = V(muladd1)(s, p, s);
    *eh = h;
    *el = V(sig_flush)(V(muladd1)(s, p, V(sub)(s, h)), (sizeof(V(t)) == 4) ? 100 : 800);
    /* 1 + e, with e unscaled where it is normal (elsewhere 1 + e is 1), and
     * its lo part where it counts (e above 2^-30 / 2^-60; below, it is under
     * 2^-54 of 1 + e, and could underflow) */
    V(mask) tail = V(lt_num)(t, V(sig_tail)());
    V(mask) nolo = V(lt_num)(t, V(set1)((sizeof(V(t)) == 4) ? -21 : -42));
    V(vec) u = V(sig_unscale)();
    V(vec) ehu = V(mul)(V(select)(tail, V(set1)(0), h), u);
    V(vec) elu = V(mul)(V(select)(nolo, V(set1)(0), *el), u);
    V(vec) dl, d = V(one_plus)(ehu, &dl);
    V(vec) r = V(recip_pair)(d, V(add)(dl, elu), ru);
    *ru = V(sig_flush)(*ru, (sizeof(V(t)) == 4) ? 40 : 80);
    return r;
}

/* σ'(x) = e / (1 + e)^2 at scale 2^S, rounded once (>= 2^-100 there) */
FA_INLINE V(vec) V(sig_grad_scaled)(V(vec) xs)
{
    V(vec) eh, el, ru;
    V(vec) r = V(sig_core)(xs, 0, &eh, &el, &ru);
    V(vec) R = V(mul)(r, r);
    V(vec) Rl = V(muladd)(V(add)(R, R), ru, V(prod_err)(r, r, R));
    V(vec) A = V(mul)(eh, R);
    return V(add)(A, V(add)(V(prod_err)(eh, R, A), V(muladd)(eh, Rl, V(mul)(el, R))));
}


/* dy k σ'(u) for a backward pass (sigmoid: k = 1, u = x; tanh: k = 4,
 * u = 2x), u finite (the caller's nonfinite lanes hold 0 in u and in dys, dy
 * as given): where σ' is normal, dy times k σ' rounded (two roundings, within
 * a backward pass's 1.5 ULP); in the tail (-|u| below TAIL) dy times k σ' at
 * scale, then scaled back (no product of a huge dy overflows there, and a
 * tiny σ' keeps its digits); below LOW, 0 with dy's sign (a NaN or infinite
 * dy itself), as the elu family below EXP_MIN: the correctly rounded value
 * while |dy| is below the documented limit. An infinite dy at finite u gives
 * ±inf (σ' > 0). */
FA_INLINE V(vec) V(sig_backward)(V(vec) dys, V(vec) dy, V(vec) u, int k)
{
    V(vec) gs = V(mul)(V(sig_grad_scaled)(u), V(set1)((V(t))k));   /* (exact) */
    V(vec) nu = V(sub)(V(set1)(0), V(abs)(u)), zero = V(set1)(0);
    V(mask) tail = V(lt_num)(nu, V(sig_tail)());
    V(mask) under = V(lt_num)(nu, V(sig_low)());
    V(vec) g = V(mul)(V(select)(tail, V(set1)(1), gs), V(sig_unscale)());   /* (normal) */
    V(vec) body = V(mul)(V(select)(tail, zero, dys), g);
    V(vec) dyt = V(select)(V(mandnot)(tail, under), dys, zero);   /* (not below LOW) */
    V(vec) far = V(mul)(V(mul)(dyt, gs), V(sig_unscale)());
    V(vec) res = V(select)(tail, far, body);
    return V(select)(under, V(select)(V(nonfinite)(dy), dy, V(signbit)(dy)), res);
}
