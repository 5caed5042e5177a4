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

static inline V(vec) V(leaky_relu)(V(vec) x, V(vec) a, V(vec) w)
{
    (void)w;
    /* np.where(x > 0, x, x * a) bit for bit: NaN lanes take x * a too. */
    V(mask) notpos = V(mor)(V(le0)(x), V(isnan)(x));
    V(vec) prod = V(mul)(V(select)(notpos, x, V(set1)(0)), a);
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
    V(vec) prod = V(mul)(V(select)(neg, dy, V(set1)(0)), a);
    V(vec) pos = V(select)(V(isnan)(x), x, dy);
    return V(select)(neg, prod, pos);
}

/* P(r) ~ (expm1(r) - r) / r^2 on |r| <= ln2/2, so expm1(r) = r + r^2 P(r). */
FA_INLINE V(vec) V(expm1_reduced)(V(vec) r)
{
    const int n = sizeof(V(P)) / sizeof(V(P)[0]);
    V(vec) p = V(set1)(V(P)[n - 1]);
    for (int i = n - 2; i >= 0; i--)
        p = V(muladd)(p, r, V(set1)(V(P)[i]));
    return V(muladd)(V(mul)(r, r), p, r);
}

/* Range reduction t = k ln2 + r (Cody-Waite: ln2 split in two so k * LN2_HI
 * is exact). Returns r; *kmagic holds k + MAGIC, from which pow2 builds 2^k
 * and k itself is kmagic - MAGIC. */
FA_INLINE V(vec) V(reduce)(V(vec) t, V(vec) *kmagic)
{
    V(vec) km = V(muladd)(t, V(set1)(V(INV_LN2)), V(set1)(V(MAGIC)));
    V(vec) k = V(sub)(km, V(set1)(V(MAGIC)));
    V(vec) r = V(muladd)(k, V(set1)(-V(LN2_HI)), t);
    *kmagic = km;
    return V(muladd)(k, V(set1)(-V(LN2_LO)), r);
}

/* expm1(t) for t <= 0, never NaN. Below EXPM1_MIN the result rounds to -1,
 * so t is clamped there (no underflow, -inf gives -1). Then
 * expm1(t) = 2^k expm1(r) + (2^k - 1): 2^k expm1(r) is exact, so the sum is
 * the one rounding, and k = 0 (|t| small) returns expm1(r) itself: relative
 * accuracy near 0 is kept (expm1(-1e-8) = -1e-8). */
FA_INLINE V(vec) V(expm1_neg)(V(vec) t)
{
    V(vec) km;
    t = V(max)(t, V(set1)(V(EXPM1_MIN)));
    V(vec) p = V(expm1_reduced)(V(reduce)(t, &km));
    V(vec) s = V(pow2)(km, V(BIAS));
    return V(muladd)(s, p, V(sub)(s, V(set1)(1)));
}

/* a * exp(t) for t <= 0, never NaN, a > 0 finite, with a single rounding of
 * a * (2^k exp(r)) and no underflow flag from exp itself: where 2^k is too
 * small to be formed directly (k < KMIN), the product is formed at scale
 * 2^SCALE, rounded there onto the grid of the subnormal numbers by adding and
 * subtracting 2^(SCALE + EMIN), and scaled back exactly. Exact results, even
 * subnormal ones, raise no underflow. t is clamped at EXP_MIN, where the
 * scaled product is still normal: below it the result is that of EXP_MIN,
 * which rounds to 0 unless alpha is astronomically large (see kernels.c). */
FA_INLINE V(vec) V(alpha_exp)(V(vec) t, V(vec) a)
{
    V(vec) km;
    t = V(max)(t, V(set1)(V(EXP_MIN)));
    V(vec) e = V(add)(V(set1)(1), V(expm1_reduced)(V(reduce)(t, &km)));
    V(vec) k = V(sub)(km, V(set1)(V(MAGIC)));
    V(mask) tiny = V(lt_num)(k, V(set1)(V(KMIN)));
    if (!V(any)(tiny))
        return V(mul)(a, V(mul)(e, V(pow2)(km, V(BIAS))));
    V(vec) big = V(mul)(a, V(mul)(e, V(pow2)(V(select)(tiny, V(set1)(V(MAGIC)), km), V(BIAS))));
    V(vec) z = V(mul)(a, V(mul)(e, V(pow2)(V(select)(tiny, km, V(set1)(V(MAGIC) - V(SCALE))),
                                            V(BIAS) + V(SCALE))));
    V(vec) edge = V(set1)(V(SUBNORMAL_EDGE));        /* 2^(SCALE + EMIN) */
    V(vec) zr = V(sub)(V(add)(z, edge), edge);
    z = V(select)(V(lt_num)(z, edge), zr, z);
    V(vec) small = V(mul)(z, V(set1)(V(UNSCALE)));    /* exact: z is on the grid */
    return V(select)(tiny, small, big);
}

static inline V(vec) V(elu)(V(vec) x, V(vec) a, V(vec) w)
{
    (void)w;
    V(mask) neg = V(le0)(x);
    if (!V(any)(neg))
        return x;   /* all lanes positive or NaN: no transcendental work */
    V(vec) t = V(select)(neg, x, V(set1)(0));
    /* expm1(-0.0) is -0.0: put t's sign back (a no-op for t < 0). */
    V(vec) e = V(or)(V(expm1_neg)(t), V(signbit)(t));
    return V(select)(neg, V(mul)(a, e), x);
}

static inline V(vec) V(elu_grad)(V(vec) x, V(vec) a, V(vec) w)
{
    (void)w;
    V(mask) neg = V(le0)(x);
    V(vec) pos = V(select)(V(isnan)(x), x, V(set1)(1));
    if (!V(any)(neg))
        return pos;
    V(vec) g = V(alpha_exp)(V(select)(neg, x, V(set1)(0)), a);
    return V(select)(neg, g, pos);
}

static inline V(vec) V(elu_backward)(V(vec) dy, V(vec) x, V(vec) a)
{
    V(mask) neg = V(le0)(x);
    V(vec) pos = V(select)(V(isnan)(x), x, dy);
    if (!V(any)(neg))
        return pos;
    V(vec) g = V(alpha_exp)(V(select)(neg, x, V(set1)(0)), a);
    /* Select form, as relu_backward: where a * exp(x) is 0 the gradient is 0,
     * even for an infinite dy (no inf * 0). */
    V(mask) live = V(mandnot)(neg, V(eq)(g, V(set1)(0)));
    return V(select)(neg, V(mul)(V(select)(live, dy, V(set1)(0)), g), pos);
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

/* Fast path: output contiguous and every input contiguous or of stride 0 (a
 * scalar alpha or dy, kept in a register). A head block first brings the
 * output to a vector-aligned address (an unaligned 64-byte store splits a
 * cache line every time), the tail is one more block. Everything else goes
 * block by block. Exact in-place (out is x) is fine: a vector or a block is
 * read before it is written. */
FA_INLINE void V(run)(char **args, npy_intp const *dims, npy_intp const *steps,
                      int nin, V(formula) f)
{
    typedef V(t) T;
    enum { W = V(W) };
    const npy_intp n = dims[0], es = sizeof(T);
    npy_intp i = 0;

    /* ufunc.reduce and .accumulate hand the loop an output that a later
     * element reads as input: those go one element at a time. */
    const int sequential = fa_sequential(args, dims, steps, nin, es);
    int fast = steps[nin] == es && !sequential;
    for (int j = 0; j < nin; j++)
        fast &= steps[j] == es || steps[j] == 0;
    if (fast && n >= 2 * W) {
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
#pragma GCC unroll 4
        for (; i + W <= n; i += W) {
            for (int j = 0; j < nin; j++)
                if (p[j]) in[j] = V(load)(p[j] + i);
            V(store)(out + i, f(in[0], in[1], in[2]));
        }
    }
    const npy_intp bw = sequential ? 1 : W;
    for (; i < n; i += bw)
        V(block)(args, steps, nin, f, i, n - i < bw ? n - i : bw);
}

#define FA_FLOAT_LOOP(name, nin)                                              \
    static void V(name##_loop)(char **args, npy_intp const *dims,             \
                               npy_intp const *steps, void *data)             \
    {                                                                         \
        (void)data;                                                           \
        V(run)(args, dims, steps, nin, V(name));                              \
    }
FA_FLOAT_UFUNCS(FA_FLOAT_LOOP)
#undef FA_FLOAT_LOOP
#undef V
