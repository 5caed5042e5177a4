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

#include "vmath.h"
#include "families.h"

/* ------------------------------------------------------------ inner loop
 * args/dims/steps as NumPy passes them; nin inputs then the output.
 *
 * block: m <= W elements from index i, at any strides, gathered into a local
 * buffer of W lanes (unused lanes are 0, which raises no flag), computed, and
 * scattered: nothing is read or written outside the arrays. */
FA_COLD void V(block)(char **args, npy_intp const *steps, int nin, V(formula) f,
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

/* A scalar alpha picks the unit or the mid formula once per call: the
 * tests they spare are loop-invariant, but compilers do not hoist them out
 * of the vector loop's branches. Each run() gets its formula as a constant,
 * so that the formula is inlined into the loop. */
#define FA_FLOAT_LOOP(name, nin, unit, mid, fin)                              \
    static void V(name##_loop)(char **args, npy_intp const *dims,             \
                               npy_intp const *steps, void *data)             \
    {                                                                         \
        (void)data;                                                           \
        const V(t) a = steps[nin - 1] == 0 ? *(const V(t) *)args[nin - 1] : 0; \
        if (V(unit) != V(name) && steps[nin - 1] == 0 && a == 1)              \
            V(run)(args, dims, steps, nin, V(unit));                          \
        else if (V(mid) != V(name) && steps[nin - 1] == 0                     \
                 && a >= (V(t))0x1p-8 && a <= (V(t))0x1p8)                    \
            V(run)(args, dims, steps, nin, V(mid));                           \
        else                                                                  \
            V(run)(args, dims, steps, nin, V(name));                          \
    }
FA_FLOAT_UFUNCS(FA_FLOAT_LOOP)
#undef FA_FLOAT_LOOP
#undef V

