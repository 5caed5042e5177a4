/* The tanh family: tanh(x), its derivative 1 - tanh(x)^2 = sech(x)^2, its
 * backward pass, and the backward pass from the output, dy (1 - y)(1 + y).
 *
 * tanh(|x|) = -E / (2 + E) with E = expm1(-2|x|) as Eh + El (vmath.h's
 * expm1_reduce, with s - 1 kept exactly too): no cancellation near 0; 2 + E
 * kept exactly (Fast2Sum), and the quotient corrected by its remainder, so
 * the result is rounded once: within an ULP. The derivative is 4 σ'(2x)
 * (vmath.h's logistic helpers at scale), so its tail keeps its relative
 * accuracy down to the subnormals. */

/* Below TINY (2^-13 float32, 2^-27 float64) tanh(x) rounds to x; beyond BIG
 * (9.5, 19.5) to ±1, and |x| is clamped there (t = -2|x| stays where 2^k is
 * normal); the derivative's argument 2x is clamped at ±800, where σ' is 0 */
FA_INLINE V(vec) V(tanh_tiny)(void)
{
    return V(set1)((V(t))ldexp(1.0, sizeof(V(t)) == 4 ? -13 : -27));
}

static inline V(vec) V(tanh)(V(vec) x, V(vec) u, V(vec) w)
{
    (void)u; (void)w;
    V(mask) nf = V(nonfinite)(x);
    V(vec) xs = V(select)(nf, V(set1)(0), x);
    V(vec) big = V(set1)((V(t))(sizeof(V(t)) == 4 ? 9.5 : 19.5));
    V(vec) a = V(min)(V(max)(V(abs)(xs), V(tanh_tiny)()), big);
    V(vec) s, c, pl, ph = V(expm1_reduce)(V(mul)(a, V(set1)(-2)), &s, &c, &pl);
    /* E = s ph + (s - 1): c = s - 1 rounded and its error cl (Fast2Sum with
     * |-1| >= s; c + 1 is exact), Eh and its error (|c| >= |s ph|) */
    V(vec) cl = V(sub)(s, V(add)(c, V(set1)(1)));
    V(vec) Eh = V(muladd)(s, ph, c);
    V(vec) El = V(add)(V(muladd)(s, pl, V(muladd)(s, ph, V(sub)(c, Eh))), cl);
    /* 2 + E = d + dl (Fast2Sum: 2 >= |Eh|), and -E / (d + dl) */
    V(vec) two = V(set1)(2), d = V(add)(two, Eh);
    V(vec) dl = V(add)(V(add)(V(sub)(two, d), Eh), El);
    V(vec) r = V(recip)(d), n = V(sub)(V(set1)(0), Eh);
    V(vec) q0 = V(mul)(n, r), p = V(mul)(q0, d);   /* (n - p is exact: Sterbenz) */
    V(vec) rem = V(sub)(V(sub)(V(sub)(V(sub)(n, p), V(prod_err)(q0, d, p)), V(mul)(q0, dl)), El);
    V(vec) q = V(or)(V(muladd)(rem, r, q0), V(signbit)(xs));
    q = V(select)(V(lt_num)(V(abs)(xs), V(tanh_tiny)()), xs, q);   /* tiny: x itself */
    V(vec) lim = V(select)(V(isnan)(x), x, V(or)(V(set1)(1), V(signbit)(x)));
    return V(select)(nf, lim, q);
}

/* 2x for the derivative: finite (NaN and ±inf lanes hold 0), clamped */
FA_INLINE V(vec) V(tanh_twice)(V(vec) xs)
{
    V(vec) c = V(set1)(400);
    return V(mul)(V(min)(V(max)(xs, V(sub)(V(set1)(0), c)), c), V(set1)(2));
}

static inline V(vec) V(tanh_grad)(V(vec) x, V(vec) u, V(vec) w)
{
    (void)u; (void)w;
    V(mask) nan = V(isnan)(x);
    /* (±inf: 2x clamped, σ' rounds to 0 there, as sech^2(±inf) is) */
    V(vec) g = V(mul)(V(sig_grad_scaled)(V(tanh_twice)(V(select)(nan, V(set1)(0), x))),
                      V(set1)(4));
    return V(select)(nan, x, V(sig_unscaled)(g));
}

/* dy 4 σ'(2x) (vmath.h's sig_backward). At x = ±inf a zero with dy's sign
 * whatever dy is (the select form); NaN where x is. */
static inline V(vec) V(tanh_backward)(V(vec) dy, V(vec) x, V(vec) w)
{
    (void)w;
    V(mask) nf = V(nonfinite)(x);
    V(vec) res = V(sig_backward)(V(select)(nf, V(set1)(0), dy), dy,
                                 V(tanh_twice)(V(select)(nf, V(set1)(0), x)), 4);
    return V(select)(nf, V(select)(V(isnan)(x), x, V(signbit)(dy)), res);
}

/* dy ((1 - y)(1 + y)) from the output y = tanh(x): the derivative from the
 * output (at most 1, so no overflow), then times dy with vmath.h's select
 * form where it is 0 or infinite (y = ±1, the outputs of x = ±inf). */
FA_INLINE V(vec) V(tanh_backward_from_output)(V(vec) dy, V(vec) y, V(vec) w)
{
    (void)w;
    V(vec) ys = V(select)(V(isnan)(y), V(set1)(0), y), one = V(set1)(1);
    return V(times_from_output)(dy, y, V(mul)(V(sub)(one, ys), V(add)(one, ys)));
}
