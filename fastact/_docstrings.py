"""Each ufunc's docstring, a module attribute of the ufunc's name.

The ufuncs themselves are declared in the table (``_table.py``); ``_core.pyx``
gives each the docstring of its name here. NumPy's signature line names the
inputs x1, x2, ... (they are positional); each summary line gives the call with
the real names. NumPy prepends the signature line (``relu(x, /, out=None, *,
where=True, ...)``) to each docstring.
"""
import textwrap

_COMMON = """
    out : ndarray, None, or tuple of ndarray and None, optional
        A location into which the result is stored (``out=x`` works in place).
    where : array_like, optional
        Where False, the output keeps its previous value.
    **kwargs
        Other keyword arguments of ufuncs: ``casting``, ``order``, ``dtype``,
        ``subok``, ``signature``.
"""

_ALPHA = """
    alpha : array_like
        Slope or scale of the negative side, broadcast against `x`: a scalar
        (the common case, kept in a register), or an array such as a
        per-channel ``alpha[:, None, None]`` (PReLU) or a random one (RReLU).
        There is no default: ufuncs cannot have one."""


def _doc(summary, params, returns, notes, examples):
    def block(text):
        return textwrap.dedent(text).strip("\n")
    return (f"{summary}\n\nParameters\n----------\n{block(params)}\n{block(_COMMON)}\n\n"
            f"Returns\n-------\n{block(returns)}\n\n"
            f"Notes\n-----\n{notes.strip()}\n\nExamples\n--------\n{examples.strip()}\n")


_X = """    x : array_like
        Input (the pre-activation). float16, float32 and float64; integer input
        computes in float64."""
_X_INT = """    x : array_like
        Input (the pre-activation). float16, float32, float64 and every
        integer dtype, and bool (the result keeps the input's dtype)."""
_DY = """    dy : array_like
        Gradient of the loss with respect to the activation's output."""

relu = _doc(
    "Rectified linear unit, elementwise: ``x`` if ``x > 0`` else ``0``.",
    _X_INT,
    """    y : ndarray or scalar
        ``max(x, 0)``, bit for bit ``np.maximum(x, 0)``.""",
    r"""
.. math:: \mathrm{relu}(x) = \max(x, 0)

``-0.0`` gives ``+0.0``; NaN gives the same NaN (payload and sign kept);
subnormals pass through. For unsigned integers and bool relu is the
identity (``np.maximum(b, 0)`` would give int64).""",
    """
>>> import numpy as np, fastact as fa
>>> fa.relu(np.array([-2.0, -0.0, 0.5, np.nan]))
array([0. , 0. , 0.5, nan])
>>> x = np.array([-1, 3], dtype=np.int8)
>>> fa.relu(x, out=x)
array([0, 3], dtype=int8)""")

relu_grad = _doc(
    "Derivative of relu, elementwise: ``1`` if ``x > 0`` else ``0``.",
    _X_INT,
    """    d : ndarray or scalar
        1 where ``x > 0``, 0 elsewhere, NaN where `x` is NaN.""",
    r"""
.. math:: \mathrm{relu}'(x) = [x > 0]

At ``x = 0`` (either sign) the value is the left derivative, 0, as in PyTorch
(``threshold_backward``) and JAX (``jax.nn.relu``'s JVP selects on ``x > 0``).
A NaN input gives NaN: a NaN activation is never turned into a zero gradient.""",
    """
>>> import numpy as np, fastact as fa
>>> fa.relu_grad(np.array([-1.0, 0.0, 2.0, np.nan]))
array([ 0.,  0.,  1., nan])""")

relu_backward = _doc(
    "Fused backward pass of relu, ``relu_backward(dy, x)``: ``dy`` if ``x > 0`` else ``0``.",
    _DY + "\n" + _X_INT,
    """    dx : ndarray or scalar
        ``np.where(x > 0, dy, 0)`` in one pass, without temporaries.""",
    r"""
.. math:: dx = dy \cdot [x > 0]

A select, not a product: ``relu_backward(inf, -1)`` is 0, not NaN. Where `x`
is NaN the result is NaN.""",
    """
>>> import numpy as np, fastact as fa
>>> fa.relu_backward(np.array([0.5, 0.5, np.inf]), np.array([-1.0, 2.0, -3.0]))
array([0. , 0.5, 0. ])""")

leaky_relu = _doc(
    "Leaky rectified linear unit, ``leaky_relu(x, alpha)``: ``x`` if ``x > 0`` else ``alpha * x``.",
    _X + _ALPHA,
    """    y : ndarray or scalar
        Bit for bit ``np.where(x > 0, x, x * alpha)`` in the result dtype.""",
    r"""
.. math:: \mathrm{leaky\_relu}(x, \alpha) = \begin{cases} x & x > 0 \\ \alpha x & x \le 0 \end{cases}

``-0.0`` gives ``-0.0 * alpha``; NaN gives NaN. ``alpha = 0.01`` is the
conventional choice. A Python float alpha is weak (NEP 50): float32 ``x``
gives float32.""",
    """
>>> import numpy as np, fastact as fa
>>> x = np.array([-2.0, 3.0], dtype=np.float32)
>>> fa.leaky_relu(x, 0.01)
array([-0.02,  3.  ], dtype=float32)
>>> chan = np.array([0.1, 0.2])[:, None]         # PReLU: one alpha per row
>>> fa.leaky_relu(np.array([[-1.0, 1.0], [-1.0, 1.0]]), chan)
array([[-0.1,  1. ],
       [-0.2,  1. ]])""")

leaky_relu_grad = _doc(
    "Derivative of leaky_relu, ``leaky_relu_grad(x, alpha)``: ``1`` if ``x > 0`` else ``alpha``.",
    _X + _ALPHA,
    """    d : ndarray or scalar
        1 where ``x > 0``, `alpha` elsewhere, NaN where `x` is NaN.""",
    r"""
.. math:: \mathrm{leaky\_relu}'(x, \alpha) = \begin{cases} 1 & x > 0 \\ \alpha & x \le 0 \end{cases}

At ``x = 0`` (either sign) the value is the left derivative, `alpha`, as in
PyTorch (``leaky_relu_backward`` selects on ``x > 0``). JAX differs there:
``jax.nn.leaky_relu`` selects on ``x >= 0``, so its derivative at 0 is 1.""",
    """
>>> import numpy as np, fastact as fa
>>> fa.leaky_relu_grad(np.array([-1.0, 0.0, 2.0]), 0.01)
array([0.01, 0.01, 1.  ])""")

leaky_relu_backward = _doc(
    "Fused backward pass of leaky_relu, ``leaky_relu_backward(dy, x, alpha)``: ``dy`` if\n``x > 0`` else ``dy * alpha``.",
    _DY + "\n" + _X + _ALPHA,
    """    dx : ndarray or scalar
        Bit for bit ``np.where(x > 0, dy, dy * alpha)``, NaN where `x` is NaN.""",
    r"""
.. math:: dx = \begin{cases} dy & x > 0 \\ \alpha\, dy & x \le 0 \end{cases}
""",
    """
>>> import numpy as np, fastact as fa
>>> fa.leaky_relu_backward(np.array([1.0, 1.0]), np.array([-3.0, 3.0]), 0.01)
array([0.01, 1.  ])""")

elu = _doc(
    "Exponential linear unit, ``elu(x, alpha)``: ``x`` if ``x > 0`` else ``alpha * expm1(x)``.",
    _X + _ALPHA,
    """    y : ndarray or scalar
        Within 1 ULP (float32) or 2 ULP (float64) of the exact value for
        ``alpha = 1``; an arbitrary alpha adds the one rounding of the product.""",
    r"""
.. math:: \mathrm{elu}(x, \alpha) = \begin{cases} x & x > 0 \\ \alpha\,(e^x - 1) & x \le 0 \end{cases}

Computed with a vectorized ``expm1``, so the relative error stays bounded near
0 (``elu(-1e-8, 1)`` is ``-1e-8``, where ``exp(x) - 1`` gives 0 in float32).
``elu(-inf, alpha)`` is ``-alpha``; NaN gives NaN; ``-0.0`` gives ``-0.0``.
``alpha = 1.0`` is the conventional choice. No floating-point flag is raised
by lanes of the branch that is not selected.""",
    """
>>> import numpy as np, fastact as fa
>>> fa.elu(np.array([-np.inf, -1.0, 0.0, 2.0]), 1.0)
array([-1.        , -0.63212056,  0.        ,  2.        ])
>>> fa.elu(np.float32(-1e-8), 1.0)
np.float32(-1e-08)""")

elu_grad = _doc(
    "Derivative of elu, ``elu_grad(x, alpha)``: ``1`` if ``x > 0`` else ``alpha * exp(x)``.",
    _X + _ALPHA,
    """    d : ndarray or scalar
        Within 1 ULP (float32) or 2 ULP (float64) for ``alpha = 1``, including
        subnormal results.""",
    r"""
.. math:: \mathrm{elu}'(x, \alpha) = \begin{cases} 1 & x > 0 \\ \alpha\, e^x & x \le 0 \end{cases}

At ``x = 0`` (either sign) the value is the left derivative, `alpha`, as in
PyTorch (``elu_backward``'s negative branch is ``x <= 0``) and JAX
(``jax.nn.elu`` selects on ``x > 0``). ``elu_grad(-inf, a)`` is 0; very negative `x` gives a subnormal or zero result without raising an
underflow.""",
    """
>>> import numpy as np, fastact as fa
>>> fa.elu_grad(np.array([-1.0, 0.0, 2.0]), 1.0)
array([0.36787944, 1.        , 1.        ])""")

elu_backward = _doc(
    "Fused backward pass of elu, ``elu_backward(dy, x, alpha)``: ``dy`` if ``x > 0`` else\n``dy * alpha * exp(x)``.",
    _DY + "\n" + _X + _ALPHA,
    """    dx : ndarray or scalar
        ``dy * elu_grad(x, alpha)`` in one pass, NaN where `x` is NaN.""",
    r"""
.. math:: dx = \begin{cases} dy & x > 0 \\ dy\,(\alpha\, e^x) & x \le 0 \end{cases}

At ``x = -inf`` the result is a zero with `dy`'s sign whatever `dy` is (the
select form of ``relu_backward``: no ``inf * 0``). Elsewhere it is the
formula's value: a NaN `dy` gives NaN and an infinite `dy` gives ``±inf`` on
every negative ``x``, however small ``alpha * exp(x)`` is.""",
    """
>>> import numpy as np, fastact as fa
>>> fa.elu_backward(np.array([2.0, 2.0]), np.array([-1.0, 1.0]), 1.0)
array([0.73575888, 2.        ])""")

elu_backward_from_output = _doc(
    "Fused backward pass of elu from its output, ``elu_backward_from_output(dy, y, alpha)``:\n"
    "``dy`` if ``y > 0`` else ``dy * (y + alpha)``, where ``y = elu(x, alpha)``.",
    _DY + """
    y : array_like
        The output of ``elu(x, alpha)`` (x itself is not needed: it can be
        freed, or overwritten in place by the forward pass).""" + _ALPHA,
    """    dx : ndarray or scalar
        ``dy * elu_grad(x, alpha)``, from y, NaN where `y` is NaN.""",
    r"""
.. math:: dx = \begin{cases} dy & y > 0 \\ dy\,(y + \alpha) & y \le 0 \end{cases}

since :math:`\alpha e^x = \alpha (e^x - 1) + \alpha = y + \alpha` on the negative
side. No exponential: it runs at the speed of ``relu_backward``. The price is
accuracy: ``y + alpha`` cancels as ``y`` approaches ``-alpha`` (very negative
x), so its relative error grows there (see the Accuracy page); use
``elu_backward(dy, x, alpha)`` where that matters. Bit for bit ``dy * (y +
alpha)`` computed in the result dtype (float16 in float32, rounded once).
Where ``y + alpha`` is 0 (``y = -alpha``, the output of ``x = -inf``) the
result is a zero with the sign of ``dy * (y + alpha)`` whatever `dy` is (an
infinite `dy` too: no ``inf * 0``), a NaN `dy` excepted
(PyTorch's ``elu_backward(..., is_result=True, ...)`` computes the same
formula).""",
    """
>>> import numpy as np, fastact as fa
>>> x = np.array([-1.0, 1.0])
>>> y = fa.elu(x, 1.0)
>>> fa.elu_backward_from_output(np.array([2.0, 2.0]), y, 1.0)
array([0.73575888, 2.        ])""")

relu6 = _doc(
    "Rectified linear unit capped at 6, elementwise: ``min(max(x, 0), 6)``.",
    _X_INT,
    """    y : ndarray or scalar
        Bit for bit ``np.minimum(np.maximum(x, 0), 6)``.""",
    r"""
.. math:: \mathrm{relu6}(x) = \min(\max(x, 0), 6)

``-0.0`` gives ``+0.0``; NaN gives NaN; ``relu6(inf)`` is 6. PyTorch's
``F.relu6`` and ``F.hardtanh(x, 0, 6)``, JAX's ``jax.nn.relu6``. Integer
dtypes keep their dtype (bool: the identity).""",
    """
>>> import numpy as np, fastact as fa
>>> fa.relu6(np.array([-2.0, 0.5, 7.0, np.inf]))
array([0. , 0.5, 6. , 6. ])
>>> fa.relu6(np.array([-3, 4, 100], dtype=np.int16))
array([0, 4, 6], dtype=int16)""")

relu6_grad = _doc(
    "Derivative of relu6, elementwise: ``1`` if ``0 < x < 6`` else ``0``.",
    _X_INT,
    """    d : ndarray or scalar
        1 where ``0 < x < 6``, 0 elsewhere, NaN where `x` is NaN.""",
    r"""
.. math:: \mathrm{relu6}'(x) = [0 < x < 6]

At both kinks (``x = 0`` and ``x = 6``) the value is 0, as PyTorch's
``hardtanh_backward`` gives. A NaN input gives NaN.""",
    """
>>> import numpy as np, fastact as fa
>>> fa.relu6_grad(np.array([-1.0, 0.0, 3.0, 6.0, np.nan]))
array([ 0.,  0.,  1.,  0., nan])""")

relu6_backward = _doc(
    "Fused backward pass of relu6, ``relu6_backward(dy, x)``: ``dy`` if ``0 < x < 6`` else ``0``.",
    _DY + "\n" + _X_INT,
    """    dx : ndarray or scalar
        ``np.where((x > 0) & (x < 6), dy, 0)`` in one pass, NaN where `x` is NaN.""",
    r"""
.. math:: dx = dy \cdot [0 < x < 6]

A select, not a product: ``relu6_backward(inf, 7)`` is 0, not NaN.""",
    """
>>> import numpy as np, fastact as fa
>>> fa.relu6_backward(np.array([0.5, 0.5, 0.5]), np.array([-1.0, 2.0, 8.0]))
array([0. , 0.5, 0. ])""")

softsign = _doc(
    "Softsign, elementwise: ``x / (1 + |x|)``.",
    _X,
    """    y : ndarray or scalar
        Within 1 ULP of the exact value (float32 and float64).""",
    r"""
.. math:: \mathrm{softsign}(x) = \frac{x}{1 + |x|}

The quotient is corrected by its remainder, with ``1 + |x|`` kept exactly,
so the result is within 1 ULP everywhere. ``softsign(±inf)`` is ±1 (the
limit: the formula itself gives NaN, as PyTorch, JAX and onnxruntime do);
NaN gives NaN; ``-0.0`` gives ``-0.0``.""",
    """
>>> import numpy as np, fastact as fa
>>> fa.softsign(np.array([-np.inf, -1.0, 0.0, 3.0]))
array([-1.  , -0.5 ,  0.  ,  0.75])""")

softsign_grad = _doc(
    "Derivative of softsign, elementwise: ``1 / (1 + |x|)**2``.",
    _X,
    """    d : ndarray or scalar
        Within 1 ULP of the exact value, NaN where `x` is NaN.""",
    r"""
.. math:: \mathrm{softsign}'(x) = \frac{1}{(1 + |x|)^2}

``softsign_grad(±inf)`` is 0; for ``|x|`` beyond about ``1.8e19`` (float32)
the value is subnormal, and it rounds to 0 beyond ``4e22``.""",
    """
>>> import numpy as np, fastact as fa
>>> fa.softsign_grad(np.array([-1.0, 0.0, 3.0]))
array([0.25  , 1.    , 0.0625])""")

softsign_backward = _doc(
    "Fused backward pass of softsign, ``softsign_backward(dy, x)``: ``dy / (1 + |x|)**2``.",
    _DY + "\n" + _X,
    """    dx : ndarray or scalar
        ``dy * softsign_grad(x)``, within 1.5 ULP (float32), NaN where `x` is NaN.""",
    r"""
.. math:: dx = \frac{dy}{(1 + |x|)^2}

At ``x = ±inf`` the result is a zero with `dy`'s sign whatever `dy` is (the
select form: no ``inf * 0``); an infinite `dy` at a finite `x` gives ±inf.""",
    """
>>> import numpy as np, fastact as fa
>>> fa.softsign_backward(np.array([2.0, 2.0]), np.array([-1.0, 3.0]))
array([0.5  , 0.125])""")

sigmoid = _doc(
    "Logistic sigmoid, elementwise: ``1 / (1 + exp(-x))``.",
    _X,
    """    y : ndarray or scalar
        Within 1 ULP (float32) or 2 ULP (float64) of the exact value,
        subnormal results included.""",
    r"""
.. math:: \sigma(x) = \frac{1}{1 + e^{-x}}

``scipy.special.expit``, PyTorch's ``torch.sigmoid``, JAX's
``jax.nn.sigmoid``. Computed from ``exp(-|x|)``, so nothing overflows and the
negative tail keeps its relative accuracy down to the subnormals
(``sigmoid(-100)`` is about ``3.7e-44`` in float32, where
``1 / (1 + np.exp(100))`` gives 0). ``sigmoid(±inf)`` is 1 and 0; NaN gives
NaN.""",
    """
>>> import numpy as np, fastact as fa
>>> fa.sigmoid(np.array([-np.inf, -1.0, 0.0, 2.0]))
array([0.        , 0.26894142, 0.5       , 0.88079708])
>>> fa.sigmoid(np.float32(-100)) > 0
np.True_""")

sigmoid_grad = _doc(
    "Derivative of sigmoid, elementwise: ``sigmoid(x) * (1 - sigmoid(x))``.",
    _X,
    """    d : ndarray or scalar
        Within 1 ULP (float32) or 2.5 ULP (float64), NaN where `x` is NaN.""",
    r"""
.. math:: \sigma'(x) = \sigma(x)\,(1 - \sigma(x)) = \frac{e^{-|x|}}{(1 + e^{-|x|})^2}

Computed from ``exp(-|x|)`` in one piece, so both tails keep their relative
accuracy (``1 - sigmoid(x)`` would cancel for large ``x``).""",
    """
>>> import numpy as np, fastact as fa
>>> fa.sigmoid_grad(np.array([-2.0, 0.0, 2.0]))
array([0.10499359, 0.25      , 0.10499359])""")

sigmoid_backward = _doc(
    "Fused backward pass of sigmoid, ``sigmoid_backward(dy, x)``: ``dy * sigmoid_grad(x)``.",
    _DY + "\n" + _X,
    """    dx : ndarray or scalar
        Within 1.5 ULP (float32) or 2.5 ULP (float64), NaN where `x` is NaN.""",
    r"""
.. math:: dx = dy\,\sigma(x)\,(1 - \sigma(x))

At ``x = ±inf`` the result is a zero with `dy`'s sign whatever `dy` is (the
select form); an infinite `dy` at a finite `x` gives ±inf.""",
    """
>>> import numpy as np, fastact as fa
>>> fa.sigmoid_backward(np.array([2.0, 2.0]), np.array([0.0, 2.0]))
array([0.5       , 0.20998717])""")

sigmoid_backward_from_output = _doc(
    "Fused backward pass of sigmoid from its output, ``sigmoid_backward_from_output(dy, y)``:\n"
    "``dy * y * (1 - y)``, where ``y = sigmoid(x)``.",
    _DY + """
    y : array_like
        The output of ``sigmoid(x)`` (x itself is not needed).""",
    """    dx : ndarray or scalar
        Bit for bit ``dy * (y * (1 - y))`` in the result dtype, NaN where `y` is NaN.""",
    r"""
.. math:: dx = dy\, y\, (1 - y)

PyTorch's ``sigmoid_backward(grad, output)``, and scikit-learn's
``Z * (1 - Z)``; the derivative ``y * (1 - y)`` is formed first (it is at
most 1/4: no overflow for a large `dy`). Where it is 0 (``y`` is 0 or 1) the
result is a zero with the sign of ``dy * y * (1 - y)`` whatever `dy` is (the
select form: no ``inf * 0``), a NaN `dy` excepted. No exponential: it runs
at the speed of a product. The price
is accuracy where ``y`` is near 1: ``1 - y`` has only the digits ``y`` kept
(the Accuracy page measures it); use ``sigmoid_backward(dy, x)`` where that
matters.""",
    """
>>> import numpy as np, fastact as fa
>>> y = fa.sigmoid(np.array([0.0, 2.0]))
>>> fa.sigmoid_backward_from_output(np.array([2.0, 2.0]), y)
array([0.5       , 0.20998717])""")

tanh = _doc(
    "Hyperbolic tangent, elementwise: ``tanh(x)``.",
    _X,
    """    y : ndarray or scalar
        Within 1 ULP (float32) or 2 ULP (float64) of the exact value.""",
    r"""
.. math:: \tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}} = \frac{-\mathrm{expm1}(-2|x|)}{2 + \mathrm{expm1}(-2|x|)}\ \mathrm{sign}(x)

The values of ``np.tanh``, rounded once: computed from ``expm1(-2|x|)`` kept
as a sum of two floats, so there is no cancellation near 0 (``tanh(1e-30)``
is ``1e-30``) and nothing overflows. ``tanh(±inf)`` is ±1; NaN gives NaN;
``-0.0`` gives ``-0.0``.""",
    """
>>> import numpy as np, fastact as fa
>>> fa.tanh(np.array([-np.inf, -1.0, 0.0, 0.5]))
array([-1.        , -0.76159416,  0.        ,  0.46211716])""")

tanh_grad = _doc(
    "Derivative of tanh, elementwise: ``1 - tanh(x)**2``.",
    _X,
    """    d : ndarray or scalar
        Within 1 ULP (float32) or 2.5 ULP (float64), NaN where `x` is NaN.""",
    r"""
.. math:: \tanh'(x) = 1 - \tanh^2(x) = \mathrm{sech}^2(x) = 4\,\sigma'(2x)

Computed as ``4 sigmoid_grad(2 x)``, from ``exp(-2|x|)``: no cancellation
for large ``|x|``, where ``1 - tanh(x)**2`` is 0 long before the exact
value is (``tanh_grad(20)`` is about ``1.7e-17``).""",
    """
>>> import numpy as np, fastact as fa
>>> fa.tanh_grad(np.array([-1.0, 0.0, 2.0]))
array([0.41997434, 1.        , 0.07065082])""")

tanh_backward = _doc(
    "Fused backward pass of tanh, ``tanh_backward(dy, x)``: ``dy * tanh_grad(x)``.",
    _DY + "\n" + _X,
    """    dx : ndarray or scalar
        Within 1.5 ULP (float32) or 2.5 ULP (float64), NaN where `x` is NaN.""",
    r"""
.. math:: dx = dy\,(1 - \tanh^2(x))

At ``x = ±inf`` the result is a zero with `dy`'s sign whatever `dy` is (the
select form); an infinite `dy` at a finite `x` gives ±inf.""",
    """
>>> import numpy as np, fastact as fa
>>> fa.tanh_backward(np.array([2.0, 2.0]), np.array([0.0, 1.0]))
array([2.        , 0.83994868])""")

tanh_backward_from_output = _doc(
    "Fused backward pass of tanh from its output, ``tanh_backward_from_output(dy, y)``:\n"
    "``dy * (1 - y) * (1 + y)``, where ``y = tanh(x)``.",
    _DY + """
    y : array_like
        The output of ``tanh(x)`` (x itself is not needed).""",
    """    dx : ndarray or scalar
        Bit for bit ``dy * ((1 - y) * (1 + y))`` in the result dtype, NaN
        where `y` is NaN.""",
    r"""
.. math:: dx = dy\,(1 - y)(1 + y)

PyTorch's ``tanh_backward(grad, output)``, and scikit-learn's
``1 - Z**2``, with ``(1 - y)(1 + y)`` in place of ``1 - y**2`` (exact where
``y`` is near ±1 but for the rounding of ``y`` itself). Where it is 0
(``y = ±1``) the result is a zero with the sign of the product whatever `dy`
is (the select form: no ``inf * 0``), a NaN `dy` excepted. No exponential;
the price is accuracy where ``|y|`` is near 1 (see the Accuracy page).""",
    """
>>> import numpy as np, fastact as fa
>>> y = fa.tanh(np.array([0.0, 1.0]))
>>> fa.tanh_backward_from_output(np.array([2.0, 2.0]), y)
array([2.        , 0.83994868])""")
