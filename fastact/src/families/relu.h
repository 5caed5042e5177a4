/* The relu family: max(x, 0), its derivative and backward pass.
 * With FT defined (kernels_float.h, once per float type): the vector
 * formulas; without (kernels.c): the integer loops' formulas. */

#ifdef FT
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

#else
/* On bool, as on unsigned integers, relu is the identity. */
#define FA_INT_relu(T, x) ((x) > 0 ? (x) : (T)0)
#define FA_INT_relu_grad(T, x) ((T)((x) > 0))
#define FA_INT_relu_backward(T, dy, x) ((x) > 0 ? (dy) : (T)0)
#endif
