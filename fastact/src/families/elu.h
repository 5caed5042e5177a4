/* The elu family: x if x > 0 else alpha expm1(x), and alpha exp(x) for the derivative.
 * Vector formulas, included by kernels_float.h once per float type. */

FA_INLINE V(vec) V(elu_any)(V(vec) x, V(vec) a, int unit_a)
{
    V(mask) neg = V(le0q)(x);
    if (!V(any)(neg))
        return x;   /* all lanes positive or NaN: no transcendental work */
    V(vec) y = V(alpha_expm1)(x, neg, a, unit_a);
    return unit_a ? y : V(select)(neg, y, x);   /* (unit_a: x already elsewhere) */
}

FA_INLINE V(vec) V(elu)(V(vec) x, V(vec) a, V(vec) w)
{
    (void)w;
    return V(elu_any)(x, a, 0);
}

/* elu with a scalar alpha of 1, the usual call: the loop takes it instead */
FA_INLINE V(vec) V(elu_unit)(V(vec) x, V(vec) a, V(vec) w)
{
    (void)w;
    return V(elu_any)(x, a, 1);
}

FA_INLINE V(vec) V(elu_grad_any)(V(vec) x, V(vec) a, int akind)
{
    V(mask) neg = V(le0q)(x);
    if (!V(any)(neg))
        return V(select)(V(isnan)(x), x, V(set1)(1));
    if (akind && FA_LIKELY(!V(any)(V(exp_fast_fails)(x, V(set1)(1), 1, akind))))
        return V(select)(neg, V(exp_fast)(x, a, V(set1)(1), 1, akind), V(set1)(1));
    V(vec) pos = V(select)(V(isnan)(x), x, V(set1)(1));
    V(vec) t = V(select)(neg, x, V(set1)(0));
    return V(select)(neg, V(scaled_exp)(t, a, V(set1)(1), 1, akind), pos);
}

FA_INLINE V(vec) V(elu_grad)(V(vec) x, V(vec) a, V(vec) w)
{
    (void)w;
    return V(elu_grad_any)(x, a, 0);
}

FA_INLINE V(vec) V(elu_grad_unit)(V(vec) x, V(vec) a, V(vec) w)
{
    (void)w;
    return V(elu_grad_any)(x, a, 1);
}

FA_INLINE V(vec) V(elu_grad_mid)(V(vec) x, V(vec) a, V(vec) w)
{
    (void)w;
    return V(elu_grad_any)(x, a, 2);
}

FA_INLINE V(vec) V(elu_backward_any)(V(vec) dy, V(vec) x, V(vec) a, int akind)
{
    V(mask) neg = V(le0q)(x);
    if (!V(any)(neg))
        return V(select)(V(isnan)(x), x, dy);
    if (akind && FA_LIKELY(!V(any)(V(exp_fast_fails)(x, dy, 0, akind))))
        return V(select)(neg, V(exp_fast)(x, a, dy, 0, akind), dy);
    V(vec) pos = V(select)(V(isnan)(x), x, dy);
    V(vec) t = V(select)(neg, x, V(set1)(0));
    /* dy * (a exp(x)) rounded once */
    V(vec) g = V(scaled_exp)(t, a, V(select)(neg, dy, V(set1)(0)), 0, akind);
    return V(select)(neg, g, pos);
}

FA_INLINE V(vec) V(elu_backward)(V(vec) dy, V(vec) x, V(vec) a)
{
    return V(elu_backward_any)(dy, x, a, 0);
}

FA_INLINE V(vec) V(elu_backward_unit)(V(vec) dy, V(vec) x, V(vec) a)
{
    return V(elu_backward_any)(dy, x, a, 1);
}

FA_INLINE V(vec) V(elu_backward_mid)(V(vec) dy, V(vec) x, V(vec) a)
{
    return V(elu_backward_any)(dy, x, a, 2);
}

/* dy where y > 0, else dy (y + alpha), from the output y = elu(x, alpha):
 * no exponential. Two roundings (the sum, the product), and y + alpha cancels
 * as y approaches -alpha: the accuracy is documented, not 1 ULP. Where
 * y + alpha is 0 or infinite (y = -alpha, the output of x = -inf, or y =
 * -inf) the select form gives a zero with dy (y + alpha)'s sign whatever dy is (no
 * inf * 0), except that a NaN dy stays NaN. */
FA_INLINE V(vec) V(elu_backward_from_output)(V(vec) dy, V(vec) y, V(vec) a)
{
    V(mask) neg = V(le0q)(y);
    V(vec) pos = V(select)(V(isnan)(y), y, dy);
    V(vec) s = V(add)(V(select)(neg, y, V(set1)(0)), a);
    V(vec) dyn = V(select)(neg, dy, V(set1)(0));
    /* Finite dy and y + alpha in every lane (the other lanes see 0 and
     * alpha): the product is the result, s = +0 giving a zero with dy's sign
     * as the select form wants. Otherwise (a NaN or infinite dy, y = -inf)
     * the select form, lane by lane. */
    if (FA_LIKELY(!V(any)(V(mor)(V(nonfinite)(dyn), V(nonfinite)(s)))))
        return V(select)(neg, V(mul)(dyn, s), pos);
    V(mask) edge = V(mor)(V(eq)(s, V(set1)(0)), V(nonfinite)(s));
    V(mask) mul = V(mandnot)(neg, edge);
    V(vec) prod = V(mul_nan_first)(V(select)(mul, dy, V(set1)(0)), V(select)(edge, V(set1)(0), s), 0);
    /* the zero has the sign dy s would have: (±0)(±0) is exact, raises nothing */
    V(vec) quiet = V(or)(dy, V(set1)(V(QUIET)));
    V(vec) zero = V(select)(V(isnan)(dy), quiet, V(mul)(V(signbit)(dy), V(signbit)(s)));
    return V(select)(neg, V(select)(edge, zero, prod), pos);
}

/* The same for finite dy, y and alpha whose sum and product are finite (as
 * float16 operands' are in float32): the fast path, without its test. */
FA_INLINE V(vec) V(elu_backward_from_output_finite)(V(vec) dy, V(vec) y, V(vec) a)
{
    V(mask) neg = V(le0q)(y);
    V(vec) s = V(add)(V(select)(neg, y, V(set1)(0)), a);
    return V(select)(neg, V(mul)(V(select)(neg, dy, V(set1)(0)), s), dy);
}
