/* The sigmoid family: σ(x) = 1 / (1 + exp(-x)), its derivative σ(1 - σ),
 * its backward pass, and the backward pass from the output, dy y (1 - y),
 * on vmath.h's logistic helpers (sig_core, sig_grad_scaled, sig_unscaled).
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

static inline V(vec) V(sigmoid_grad)(V(vec) x, V(vec) u, V(vec) w)
{
    (void)u; (void)w;
    V(mask) nan = V(isnan)(x);
    V(vec) g = V(sig_unscaled)(V(sig_grad_scaled)(V(select)(nan, V(set1)(0), x)));
    return V(select)(nan, x, g);
}

/* dy σ'(x) (vmath.h's sig_backward, which has the analysis). At x = ±inf a
 * zero with dy's sign whatever dy is (the select form); NaN where x is. */
static inline V(vec) V(sigmoid_backward)(V(vec) dy, V(vec) x, V(vec) w)
{
    (void)w;
    V(mask) nf = V(nonfinite)(x);
    V(vec) res = V(sig_backward)(V(select)(nf, V(set1)(0), dy), dy,
                                 V(select)(nf, V(set1)(0), x), 1);
    return V(select)(nf, V(select)(V(isnan)(x), x, V(signbit)(dy)), res);
}

/* dy (y (1 - y)) from the output y = σ(x): the derivative from the output
 * (1 - y and the product rounded; at most 1/4, so no overflow), then times
 * dy with vmath.h's select form where it is 0 or infinite (y = 0 or 1, the
 * outputs of x = ∓inf). As elu_backward_from_output. */
FA_INLINE V(vec) V(sigmoid_backward_from_output)(V(vec) dy, V(vec) y, V(vec) w)
{
    (void)w;
    V(vec) ys = V(select)(V(isnan)(y), V(set1)(0), y);
    return V(times_from_output)(dy, y, V(mul)(ys, V(sub)(V(set1)(1), ys)));
}
