/* The sigmoid family: σ(x) = 1 / (1 + exp(-x)), its derivative σ(1 - σ),
 * its backward pass, and the backward pass from the output, dy y (1 - y).
 *
 * With e = exp(-|x|) (vmath.h's table-driven exp16, kept as eh + el) and
 * 1 / (1 + e) = r (1 + ru) (recip_pair, 1 + e kept exactly as d + dl):
 *   σ(|x|) = r (1 + ru),   σ(-|x|) = e r (1 + ru),   σ' = e r^2 (1 + 2 ru),
 * each rounded once: within an ULP. Everything that may be tiny is formed at
 * scale 2^S (e's exponent bias: S = 110 float32, 600 float64: at scale e and
 * its correction terms stay normal down to exp16's EXP_MIN, once the lo
 * parts far below an ULP are flushed to 0: sig_flush) and rounded onto
 * the subnormal grid there (adding and subtracting 2^(S + EMIN), as vmath.h's
 * scaled_exp does), so that σ(-100) is the subnormal it should be, raising no
 * underflow: scaling back is then exact. */

/* The family's constants, by type: LOW, the clamp of t = -|x| (exp16's
 * EXP_MIN): σ(x) and σ'(x) round to 0 below it, and dy σ'(x) too while |dy|
 * is below 2^35 (float32) / 2^47 (float64), the documented limit shared with
 * the elu family (tests/reference.py, LARGE_SCALE); TAIL, below which
 * e is under the normal range (1 + e rounds to 1); POS, below which σ(|x|)
 * rounds to 1 (a clamp for the positive lanes); S and its powers. */
#define SIG_F32 (sizeof(V(t)) == 4)
FA_INLINE V(vec) V(sig_low)(void) { return V(set1)(V(EXP_MIN)); }
FA_INLINE V(vec) V(sig_tail)(void) { return V(set1)(SIG_F32 ? -86 : -706); }
FA_INLINE V(vec) V(sig_pos)(void) { return V(set1)(SIG_F32 ? -20 : -40); }
FA_INLINE int V(sig_s)(void) { return SIG_F32 ? 110 : 600; }
FA_INLINE V(vec) V(sig_unscale)(void) { return V(set1)((V(t))ldexp(1.0, -V(sig_s)())); }
/* 2^(S + EMIN): below it, a value at scale rounds onto the subnormal grid */
FA_INLINE V(vec) V(sig_edge)(void)
{
    return V(set1)((V(t))ldexp(1.0, V(sig_s)() + (SIG_F32 ? -126 : -1022)));
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
    *el = V(sig_flush)(V(muladd1)(s, p, V(sub)(s, h)), SIG_F32 ? 100 : 800);
    /* 1 + e, with e unscaled where it is normal (elsewhere 1 + e is 1), and
     * its lo part where it counts (e above 2^-30 / 2^-60; below, it is under
     * 2^-54 of 1 + e, and could underflow) */
    V(mask) tail = V(lt_num)(t, V(sig_tail)());
    V(mask) nolo = V(lt_num)(t, V(set1)(SIG_F32 ? -21 : -42));
    V(vec) u = V(sig_unscale)();
    V(vec) ehu = V(mul)(V(select)(tail, V(set1)(0), h), u);
    V(vec) elu = V(mul)(V(select)(nolo, V(set1)(0), *el), u);
    V(vec) dl, d = V(one_plus)(ehu, &dl);
    V(vec) r = V(recip_pair)(d, V(add)(dl, elu), ru);
    *ru = V(sig_flush)(*ru, SIG_F32 ? 40 : 80);
    return r;
}

static inline V(vec) V(sigmoid)(V(vec) x, V(vec) u, V(vec) w)
{
    (void)u; (void)w;
    V(mask) nan = V(isnan)(x);
    V(vec) xs = V(select)(nan, V(set1)(0), x), eh, el, ru;
    V(vec) r = V(sig_core)(xs, 1, &eh, &el, &ru);
    V(vec) pos = V(muladd)(r, ru, r);
    /* e r (1 + ru) at scale: A = eh r and its error, then the small terms */
    V(vec) A = V(mul)(eh, r);
    V(vec) small = V(add)(V(prod_err)(eh, r, A), V(muladd)(A, ru, V(mul)(el, r)));
    V(vec) neg = V(sig_unscaled)(V(add)(A, small));
    return V(select)(nan, x, V(select)(V(le0q)(xs), neg, pos));
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

static inline V(vec) V(sigmoid_grad)(V(vec) x, V(vec) u, V(vec) w)
{
    (void)u; (void)w;
    V(mask) nan = V(isnan)(x);
    V(vec) g = V(sig_unscaled)(V(sig_grad_scaled)(V(select)(nan, V(set1)(0), x)));
    return V(select)(nan, x, g);
}

/* dy σ'(x): where σ' is normal, dy times σ' rounded (two roundings, within
 * the backward pass's 1.5 ULP); in the tail (|x| beyond -TAIL) dy times σ'
 * at scale, then scaled back (no product of a huge dy overflows there, and a
 * tiny σ' keeps its digits). At x = ±inf a zero with dy's sign whatever dy
 * is (the select form); an infinite dy at finite x gives ±inf (σ' > 0). */
static inline V(vec) V(sigmoid_backward)(V(vec) dy, V(vec) x, V(vec) w)
{
    (void)w;
    V(mask) nf = V(nonfinite)(x);
    V(vec) xs = V(select)(nf, V(set1)(0), x);
    V(vec) dys = V(select)(nf, V(set1)(0), dy);   /* (no flag from dropped lanes) */
    V(vec) gs = V(sig_grad_scaled)(xs);
    V(mask) tail = V(lt_num)(V(sub)(V(set1)(0), V(abs)(xs)), V(sig_tail)());
    V(vec) zero = V(set1)(0);
    V(vec) g = V(mul)(V(select)(tail, V(set1)(1), gs), V(sig_unscale)());   /* (normal) */
    V(vec) body = V(mul)(V(select)(tail, zero, dys), g);
    V(mask) under0 = V(lt_num)(V(sub)(V(set1)(0), V(abs)(xs)), V(sig_low)());
    V(vec) dyt = V(select)(V(mandnot)(tail, under0), dys, zero);   /* (not below LOW) */
    V(vec) far = V(mul)(V(mul)(dyt, gs), V(sig_unscale)());
    V(vec) res = V(select)(tail, far, body);
    /* below LOW, 0 with dy's sign (a NaN or infinite dy itself), as the elu
     * family below EXP_MIN: the correctly rounded value while |dy| is below
     * the documented limit */
    res = V(select)(under0, V(select)(V(nonfinite)(dy), dy, V(signbit)(dy)), res);
    return V(select)(nf, V(select)(V(isnan)(x), x, V(signbit)(dy)), res);
}

/* dy (y (1 - y)) from the output y = σ(x): the derivative from the output
 * (1 - y and the product rounded), then times dy (no intermediate overflow:
 * y (1 - y) <= 1/4 for an output of sigmoid). Where y (1 - y) is 0 or
 * infinite (y = 0 or 1, the outputs of x = ∓inf) the select form gives a
 * zero with dy y (1 - y)'s sign whatever dy is (no inf * 0), a NaN dy
 * excepted; y's NaN where y is NaN. As elu_backward_from_output. */
FA_INLINE V(vec) V(sigmoid_backward_from_output)(V(vec) dy, V(vec) y, V(vec) w)
{
    (void)w;
    V(mask) nan = V(isnan)(y);
    V(vec) ys = V(select)(nan, V(set1)(0), y);
    V(vec) sg = V(mul)(ys, V(sub)(V(set1)(1), ys));
    if (FA_LIKELY(!V(any)(V(mor)(V(nonfinite)(dy), V(mor)(V(nonfinite)(sg),
                                                       V(eq)(sg, V(set1)(0)))))))
        return V(select)(nan, y, V(mul)(dy, sg));
    V(mask) edge = V(mor)(V(eq)(sg, V(set1)(0)), V(nonfinite)(sg));
    V(vec) zs = V(set1)(0);
    V(vec) prod = V(mul_nan_first)(V(select)(edge, zs, dy), V(select)(edge, zs, sg), 0);
    /* the zero has the sign dy sg would have: (±0)(±0) is exact, raises nothing */
    V(vec) quiet = V(or)(dy, V(set1)(V(QUIET)));
    V(vec) zero = V(select)(V(isnan)(dy), quiet, V(mul)(V(signbit)(dy), V(signbit)(sg)));
    return V(select)(nan, y, V(select)(edge, zero, prod));
}

#undef SIG_F32
