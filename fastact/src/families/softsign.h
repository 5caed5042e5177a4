/* The softsign family: x / (1 + |x|), its derivative 1 / (1 + |x|)^2 and
 * backward pass, each to within an ULP (the quotient is corrected by its
 * remainder: vmath.h's div_pair, recip_pair; 1 + |x| is kept exactly as
 * d + dl). ±inf gives ±1 (the limit; x / (1 + |x|) would be NaN). */

/* Beyond BIG (2^50 float32, 2^108 float64), 1/(1 + |x|) is below a quarter
 * ULP of 1 (softsign is ±1 to the last bit) and 1/(1 + BIG)^2 is still
 * normal; |x| is clamped there, and the derivative takes another path.
 * Below TINY (2^-30, 2^-60), x / (1 + |x|) rounds to x and 1/(1 + |x|)^2 to
 * 1: |x| is clamped there too, so that no product underflows for nothing. */
FA_INLINE V(vec) V(softsign_big)(void)
{
    const V(t) h = (V(t))(1ull << (sizeof(V(t)) == 4 ? 25 : 54));
    return V(set1)(h * h);
}

FA_INLINE V(vec) V(softsign_clamp)(V(vec) xs)
{
    const V(t) tiny = 1 / (V(t))(1ull << (sizeof(V(t)) == 4 ? 30 : 60));
    return V(min)(V(max)(V(abs)(xs), V(set1)(tiny)), V(softsign_big)());
}

static inline V(vec) V(softsign)(V(vec) x, V(vec) u, V(vec) w)
{
    (void)u; (void)w;
    V(mask) nf = V(nonfinite)(x);
    V(vec) xs = V(select)(nf, V(set1)(0), x);   /* (the other lanes raise nothing) */
    V(vec) a = V(softsign_clamp)(xs);
    V(vec) dl, d = V(one_plus)(a, &dl);
    V(vec) q = V(div_pair)(V(or)(a, V(signbit)(xs)), d, dl);
    q = V(select)(V(lt_num)(V(abs)(xs), a), xs, q);   /* below TINY: x itself */
    V(vec) lim = V(select)(V(isnan)(x), x, V(or)(V(set1)(1), V(signbit)(x)));
    return V(select)(nf, lim, q);
}

/* 1/(1 + |x|)^2 for finite |x| <= BIG, rounded once: with 1/(1 + |x|) =
 * r (1 + ru), r^2 (1 + 2 ru) (ru^2 dropped), formed as hi + lo. For float32
 * r is scaled by 2^32 first (exactly), and the sum scaled back by 2^-64 (the
 * result is at least 2^-100: exact), so that lo, on the grid of r's ULP
 * squared, is zero or normal: no underflow for nothing. */
FA_INLINE V(vec) V(softsign_g)(V(vec) xs)
{
    const V(t) up = (V(t))(sizeof(V(t)) == 4 ? 0x1p32 : 1.0), down = 1 / (up * up);
    V(vec) a = V(softsign_clamp)(xs);
    V(vec) dl, ru, d = V(one_plus)(a, &dl);
    V(vec) r = V(mul)(V(recip_pair)(d, dl, &ru), V(set1)(up));
    V(vec) hi = V(mul)(r, r);
    V(vec) lo = V(muladd)(V(add)(hi, hi), ru, V(prod_err)(r, r, hi));
    return V(mul)(V(add)(hi, lo), V(set1)(down));
}

/* Lanes beyond BIG (finite), where 1/(1 + |x|)^2 is 1/|x|^2 to far below an
 * ULP. The derivative: |x| scaled by 2^-S (S = 64 float32, 566 float64) into
 * recip's range, its reciprocal pair squared, rounded once, and 2^-2S
 * applied in two exact steps (a result below the normal range rounds there
 * once more: within 1 ULP). The backward pass: dy / |x| / |x|, two roundings
 * (its bound is 1.5 ULP), no intermediate overflow. */
FA_INLINE V(vec) V(softsign_grad_far)(V(vec) a)
{
    const V(vec) s = V(set1)((V(t))ldexp(1.0, sizeof(V(t)) == 4 ? -64 : -566));
    V(vec) ru, r = V(recip_pair)(V(mul)(a, s), V(set1)(0), &ru);
    V(vec) hi = V(mul)(r, r);
    V(vec) g = V(add)(hi, V(muladd)(V(add)(hi, hi), ru, V(prod_err)(r, r, hi)));
    return V(mul)(V(mul)(g, s), s);
}

static inline V(vec) V(softsign_grad)(V(vec) x, V(vec) u, V(vec) w)
{
    (void)u; (void)w;
    V(mask) nf = V(nonfinite)(x);
    V(vec) xs = V(select)(nf, V(set1)(0), x);
    V(vec) g = V(softsign_g)(xs);
    V(vec) big = V(softsign_big)();
    V(mask) far = V(lt_num)(big, V(abs)(xs));
    if (!FA_LIKELY(!V(any)(far)))   /* (the other lanes compute with BIG) */
        g = V(select)(far, V(softsign_grad_far)(V(select)(far, V(abs)(xs), big)), g);
    /* ±inf: 0; NaN: x */
    return V(select)(nf, V(select)(V(isnan)(x), x, V(set1)(0)), g);
}

/* dy g, g = softsign_grad rounded once: two roundings (the bound of a
 * backward pass is 1.5 ULP). At x = ±inf a zero with dy's sign whatever dy
 * is (the select form); a NaN or infinite dy at finite x gives the formula's
 * value (g > 0). */
static inline V(vec) V(softsign_backward)(V(vec) dy, V(vec) x, V(vec) w)
{
    (void)w;
    V(mask) nf = V(nonfinite)(x);
    V(vec) xs = V(select)(nf, V(set1)(0), x);
    V(vec) dyf = V(select)(nf, V(set1)(0), dy);   /* (no flag from dropped lanes) */
    V(vec) res = V(mul)(dyf, V(softsign_g)(xs));
    V(mask) far = V(lt_num)(V(softsign_big)(), V(abs)(xs));
    if (!FA_LIKELY(!V(any)(far))) {
        V(vec) xf = V(select)(far, xs, V(set1)(1)), df = V(select)(far, dyf, V(set1)(0));
        V(vec) af = V(abs)(xf);
        res = V(select)(far, V(div)(V(div)(df, af), af), res);
    }
    return V(select)(nf, V(select)(V(isnan)(x), x, V(signbit)(dy)), res);
}
