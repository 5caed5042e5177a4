/* The relu6 family: min(max(x, 0), 6), bit for bit np.minimum(np.maximum(x,
 * 0), 6) (-0.0 gives +0.0, NaN is kept), its derivative (1 on 0 < x < 6) and
 * backward pass (the select form: dy there, else 0).
 * With FT defined (kernels_float.h, once per float type): the vector
 * formulas; without (kernels.c): the integer loops' formulas. */

#ifdef FT
static inline V(vec) V(relu6)(V(vec) x, V(vec) u, V(vec) w)
{
    (void)u; (void)w;
    V(vec) r = V(select)(V(le0)(x), V(set1)(0), x);              /* relu */
    /* (lt_num may signal on a NaN, SSE2's does: it sees 0 there) */
    V(vec) rn = V(select)(V(isnan)(x), V(set1)(0), r);
    return V(select)(V(lt_num)(V(set1)(6), rn), V(set1)(6), r);
}

/* g where 0 < x < 6, else 0; x itself where it is NaN */
FA_INLINE V(vec) V(relu6_window)(V(vec) x, V(vec) g)
{
    V(mask) nan = V(isnan)(x);
    V(vec) xn = V(select)(nan, V(set1)(0), x);   /* (lt_num may signal on a NaN) */
    V(vec) in = V(select)(V(lt_num)(V(set1)(0), xn), g, V(set1)(0));
    in = V(select)(V(lt_num)(xn, V(set1)(6)), in, V(set1)(0));
    return V(select)(nan, x, in);
}

static inline V(vec) V(relu6_grad)(V(vec) x, V(vec) u, V(vec) w)
{
    (void)u; (void)w;
    return V(relu6_window)(x, V(set1)(1));
}

static inline V(vec) V(relu6_backward)(V(vec) dy, V(vec) x, V(vec) w)
{
    (void)w;
    return V(relu6_window)(x, dy);
}

#else
/* On bool relu6 is the identity, as relu is. */
#define FA_INT_relu6(T, x) ((x) > 0 ? ((x) < 6 ? (x) : (T)6) : (T)0)
#define FA_INT_relu6_grad(T, x) ((T)((x) > 0 && (x) < 6))
#define FA_INT_relu6_backward(T, dy, x) ((x) > 0 && (x) < 6 ? (dy) : (T)0)
#endif
