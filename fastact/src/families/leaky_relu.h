/* The leaky_relu family: x if x > 0 else alpha x.
 * Vector formulas, included by kernels_float.h once per float type. */

/* The leaky family, written once for any alpha; the _mid versions serve a
 * scalar alpha in [2^-8, 2^8] (see FA_FLOAT_LOOP), which is a number: the
 * loop-invariant NaN test of alpha goes (compilers do not hoist it). */
FA_INLINE V(vec) V(leaky_relu_any)(V(vec) x, V(vec) a, int num_a)
{
    /* np.where(x > 0, x, x * a) bit for bit: NaN lanes take x * a too. */
    V(mask) notpos = V(mor)(V(le0)(x), V(isnan)(x));
    V(vec) prod = V(mul_nan_first)(V(select)(notpos, x, V(set1)(0)), a, num_a);
    return V(select)(notpos, prod, x);
}

static inline V(vec) V(leaky_relu)(V(vec) x, V(vec) a, V(vec) w)
{
    (void)w;
    return V(leaky_relu_any)(x, a, 0);
}

static inline V(vec) V(leaky_relu_mid)(V(vec) x, V(vec) a, V(vec) w)
{
    (void)w;
    return V(leaky_relu_any)(x, a, 1);
}

static inline V(vec) V(leaky_relu_grad)(V(vec) x, V(vec) a, V(vec) w)
{
    (void)w;
    V(vec) pos = V(select)(V(isnan)(x), x, V(set1)(1));
    return V(select)(V(le0)(x), a, pos);
}

FA_INLINE V(vec) V(leaky_relu_backward_any)(V(vec) dy, V(vec) x, V(vec) a, int num_a)
{
    V(mask) neg = V(le0)(x);
    V(vec) prod = V(mul_nan_first)(V(select)(neg, dy, V(set1)(0)), a, num_a);
    V(vec) pos = V(select)(V(isnan)(x), x, dy);
    return V(select)(neg, prod, pos);
}

static inline V(vec) V(leaky_relu_backward)(V(vec) dy, V(vec) x, V(vec) a)
{
    return V(leaky_relu_backward_any)(dy, x, a, 0);
}

static inline V(vec) V(leaky_relu_backward_mid)(V(vec) dy, V(vec) x, V(vec) a)
{
    return V(leaky_relu_backward_any)(dy, x, a, 1);
}
