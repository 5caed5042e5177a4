"""The one table of fastact's ufuncs: every other list of them derives from it.

A family is one row, ``Family(...)``: its members (``f``, ``f_grad``,
``f_backward`` and, where the derivative is a function of the output,
``f_backward_from_output``), each with its inputs by role, its accuracy class,
the NumPy idiom that computes it, its PyTorch and JAX equivalents, and the
one-line summary the docs show. Pure Python with no imports beyond the
standard library, so that the build, the generators in ``tools/`` and the
benchmarks can read it without the compiled extension.

What derives from it:

* the kernels' X-macros (``fastact/src/ufuncs.h``, written by
  ``tools/generate.py``): the loops and the loop table of every SIMD target;
* registration (``_core.pyx``): one ``numpy.ufunc`` per member, with its
  promoters chosen by role; ``fastact.__all__`` and the module attributes;
* the committed generated files (``tools/generate.py``, checked for drift
  by ``tests/test_table.py``): the type stubs ``__init__.pyi``, the Cython
  API ``cython_api.pxd``/``.pyx``, the docs' ufunc tables and the README's;
* the tests' parametrization (``tests/reference.py`` holds one reference
  function per member, found by name), the asv suite and ``benchmarks/``.

Roles: ``x`` the pre-activation, ``y`` the activation's output (the
from-output backward passes), ``dy`` the incoming gradient, ``alpha`` the
family's parameter (a scalar or an array that broadcasts). Expressions
(``idiom``, ``torch``, ``jax``) are written in the role names, with ``np``,
``torch``, ``F`` (``torch.nn.functional``), ``aten`` (``torch.ops.aten``),
``jax``, ``jnp`` and ``one`` (1 in the operands' dtype) in scope.
"""
# Accuracy classes. EXACT: bit for bit the idiom's select form (the spec's
# "Exact results"); ROUNDED: two roundings of a from-output formula, bit for
# bit that formula, its error against the from-input result documented; a
# dict: the ULP bound per dtype against the exact value (float16 and bfloat16
# are the float32 result rounded once).
EXACT = "exact"
ROUNDED = "from-output"

ROLES = ("dy", "x", "y", "alpha")
KINDS = ("f", "grad", "backward", "backward_from_output")


class Ufunc:
    """One ufunc: a member of a family."""
    __slots__ = ("name", "family", "kind", "inputs", "summary", "idiom", "torch", "jax",
                 "accuracy", "int_loops", "kernel")

    def __init__(self, name, family, kind, inputs, summary, idiom, torch=None, jax=None,
                 accuracy=EXACT, int_loops=False, kernel=None):
        self.name = name
        self.family = family
        self.kind = kind              # one of KINDS
        self.inputs = inputs          # roles, in argument order
        self.summary = summary        # one line, for the docs' tables
        self.idiom = idiom            # the NumPy expression that computes it
        self.torch = torch            # its PyTorch equivalent (None: none worth timing)
        self.jax = jax                # its JAX equivalent
        self.accuracy = accuracy      # EXACT, ROUNDED, or {dtype name: ULP bound}
        self.int_loops = int_loops    # also every integer dtype and bool (like relu)
        # C formula variants taken by the loop (fastact/src/families/<family>.h):
        # for a scalar alpha of 1 ("unit"), a scalar alpha in [2^-8, 2^8]
        # ("mid"), float16 operands that are all finite ("fin"); the ufunc's
        # own formula where absent
        self.kernel = kernel or {}

    def __repr__(self):
        return f"Ufunc({self.name!r}, inputs={self.inputs!r})"

    @property
    def nin(self):
        return len(self.inputs)

    @property
    def has_alpha(self):
        return "alpha" in self.inputs

    @property
    def x_position(self):
        """Where the pre-activation (or the output y) is among the inputs."""
        return self.inputs.index("y" if "y" in self.inputs else "x")

    @property
    def arrays(self):
        """The roles that are arrays in the common call (all but alpha)."""
        return tuple(r for r in self.inputs if r != "alpha")

    def variant(self, which):
        return self.kernel.get(which, self.name)


class Member:
    """A member's row inside its Family: what differs from ufunc to ufunc
    (accuracy None: the family's)."""
    __slots__ = ("summary", "idiom", "torch", "jax", "accuracy", "kernel")

    def __init__(self, summary, idiom, torch=None, jax=None, accuracy=None, kernel=None):
        self.summary, self.idiom, self.torch, self.jax = summary, idiom, torch, jax
        self.accuracy, self.kernel = accuracy, kernel or {}


class Family:
    """One activation: its parameter, its loops, and its members. alpha:
    None, or {"domain": "any" | "positive", "default": the conventional value}."""
    __slots__ = ("name", "title", "f", "grad", "backward", "backward_from_output", "alpha",
                 "int_loops", "accuracy")

    def __init__(self, name, title, f, grad, backward, backward_from_output=None, alpha=None,
                 int_loops=False, accuracy=EXACT):
        self.name, self.title = name, title
        self.f, self.grad, self.backward = f, grad, backward
        self.backward_from_output = backward_from_output
        self.alpha, self.int_loops, self.accuracy = alpha, int_loops, accuracy

    def members(self):
        a = ("alpha",) if self.alpha else ()
        rows = [("f", self.name, ("x",) + a, self.f),
                ("grad", self.name + "_grad", ("x",) + a, self.grad),
                ("backward", self.name + "_backward", ("dy", "x") + a, self.backward)]
        if self.backward_from_output is not None:
            rows.append(("backward_from_output", self.name + "_backward_from_output",
                         ("dy", "y") + a, self.backward_from_output))
        for kind, name, inputs, m in rows:
            yield Ufunc(name=name, family=self.name, kind=kind, inputs=inputs,
                        summary=m.summary, idiom=m.idiom, torch=m.torch, jax=m.jax,
                        accuracy=self.accuracy if m.accuracy is None else m.accuracy,
                        int_loops=self.int_loops, kernel=dict(m.kernel))


# ULP bounds of the spec (float32 claims checked exhaustively by
# tools/ulp_exhaustive.py); an arbitrary alpha adds the final multiply's
# rounding (docs/accuracy.rst).
_ELU_ULP = {"float32": 1.0, "float64": 2.0}
_ELU_BACKWARD_ULP = {"float32": 2.0, "float64": 3.0}

FAMILIES = (
    Family(
        "relu", "Rectified linear unit", int_loops=True,
        f=Member("max(x, 0)", "np.maximum(x, 0)", torch="torch.relu(x)",
                 jax="jax.nn.relu(x)"),
        grad=Member("1 if x > 0 else 0", "(x > 0).astype(x.dtype)",
                    torch="(x > 0).to(x.dtype)", jax="(x > 0).astype(x.dtype)"),
        backward=Member("dy if x > 0 else 0", "np.where(x > 0, dy, 0)",
                        torch="aten.threshold_backward(dy, x, 0)",
                        jax="jnp.where(x > 0, dy, 0)"),
    ),
    Family(
        "leaky_relu", "Leaky rectified linear unit",
        alpha={"domain": "any", "default": 0.01},
        f=Member("x if x > 0 else alpha * x", "np.where(x > 0, x, x * alpha)",
                 torch="F.leaky_relu(x, alpha)", jax="jax.nn.leaky_relu(x, alpha)",
                 kernel={"mid": "leaky_relu_mid"}),
        grad=Member("1 if x > 0 else alpha", "np.where(x > 0, one, alpha)",
                    torch="torch.where(x > 0, one, alpha)",
                    jax="jnp.where(x > 0, one, alpha)"),
        backward=Member("dy if x > 0 else alpha * dy", "np.where(x > 0, dy, dy * alpha)",
                        torch="aten.leaky_relu_backward(dy, x, alpha, False)",
                        jax="jnp.where(x > 0, dy, dy * alpha)",
                        kernel={"mid": "leaky_relu_backward_mid"}),
    ),
    Family(
        "elu", "Exponential linear unit",
        alpha={"domain": "positive", "default": 1.0}, accuracy=_ELU_ULP,
        f=Member("x if x > 0 else alpha * expm1(x)",
                 "np.where(x > 0, x, alpha * np.expm1(x))",
                 torch="F.elu(x, alpha)", jax="jax.nn.elu(x, alpha)",
                 kernel={"unit": "elu_unit"}),
        grad=Member("1 if x > 0 else alpha * exp(x)",
                    "np.where(x > 0, one, alpha * np.exp(x))",
                    torch="torch.where(x > 0, one, alpha * torch.exp(x))",
                    jax="jnp.where(x > 0, one, alpha * jnp.exp(x))",
                    kernel={"unit": "elu_grad_unit", "mid": "elu_grad_mid"}),
        backward=Member("dy if x > 0 else dy * alpha * exp(x)",
                        "np.where(x > 0, dy, dy * (alpha * np.exp(x)))",
                        torch="aten.elu_backward(dy, alpha, 1, 1, False, x)",
                        jax="jnp.where(x > 0, dy, dy * (alpha * jnp.exp(x)))",
                        accuracy=_ELU_BACKWARD_ULP,
                        kernel={"unit": "elu_backward_unit", "mid": "elu_backward_mid"}),
        backward_from_output=Member(
            "dy if y > 0 else dy * (y + alpha), from y = elu(x, alpha)",
            "np.where(y > 0, dy, dy * (y + alpha))",
            torch="aten.elu_backward(dy, alpha, 1, 1, True, y)",
            jax="jnp.where(y > 0, dy, dy * (y + alpha))",
            accuracy=ROUNDED, kernel={"fin": "elu_backward_from_output_finite"}),
    ),
    Family(
        "relu6", "Rectified linear unit capped at 6", int_loops=True,
        f=Member("min(max(x, 0), 6)", "np.minimum(np.maximum(x, 0), 6)",
                 torch="F.relu6(x)", jax="jax.nn.relu6(x)"),
        grad=Member("1 if 0 < x < 6 else 0", "((x > 0) & (x < 6)).astype(x.dtype)",
                    torch="((x > 0) & (x < 6)).to(x.dtype)",
                    jax="((x > 0) & (x < 6)).astype(x.dtype)"),
        backward=Member("dy if 0 < x < 6 else 0", "np.where((x > 0) & (x < 6), dy, 0)",
                        torch="aten.hardtanh_backward(dy, x, 0.0, 6.0)",
                        jax="jnp.where((x > 0) & (x < 6), dy, 0)"),
    ),
    Family(
        "softsign", "Softsign", accuracy={"float32": 1.0, "float64": 1.0},
        f=Member("x / (1 + |x|)", "x / (1 + np.abs(x))", torch="F.softsign(x)",
                 jax="jax.nn.soft_sign(x)"),
        grad=Member("1 / (1 + |x|)^2", "1 / (1 + np.abs(x)) ** 2",
                    torch="1 / (1 + x.abs()) ** 2", jax="1 / (1 + jnp.abs(x)) ** 2"),
        backward=Member("dy / (1 + |x|)^2", "dy / (1 + np.abs(x)) ** 2",
                        torch="dy / (1 + x.abs()) ** 2", jax="dy / (1 + jnp.abs(x)) ** 2",
                        accuracy={"float32": 1.5, "float64": 2.5}),
    ),
    Family(
        "sigmoid", "Logistic sigmoid", accuracy={"float32": 1.0, "float64": 2.0},
        f=Member("1 / (1 + exp(-x))", "1 / (1 + np.exp(-x))", torch="torch.sigmoid(x)",
                 jax="jax.nn.sigmoid(x)"),
        grad=Member("sigmoid(x) (1 - sigmoid(x))",
                    "np.exp(-x) / (1 + np.exp(-x)) ** 2",
                    torch="torch.sigmoid(x) * (1 - torch.sigmoid(x))",
                    jax="jax.nn.sigmoid(x) * (1 - jax.nn.sigmoid(x))",
                    accuracy={"float32": 1.0, "float64": 2.5}),
        backward=Member("dy sigmoid(x) (1 - sigmoid(x))",
                        "dy * np.exp(-x) / (1 + np.exp(-x)) ** 2",
                        torch="aten.sigmoid_backward(dy, torch.sigmoid(x))",
                        jax="dy * jax.nn.sigmoid(x) * (1 - jax.nn.sigmoid(x))",
                        accuracy={"float32": 1.5, "float64": 2.5}),
        backward_from_output=Member(
            "dy y (1 - y), from y = sigmoid(x)", "dy * (y * (1 - y))",
            torch="aten.sigmoid_backward(dy, y)", jax="dy * (y * (1 - y))",
            accuracy=ROUNDED),
    ),
    Family(
        "tanh", "Hyperbolic tangent", accuracy={"float32": 1.0, "float64": 2.0},
        f=Member("tanh(x)", "np.tanh(x)", torch="torch.tanh(x)", jax="jnp.tanh(x)"),
        grad=Member("1 - tanh(x)^2", "1 / np.cosh(x) ** 2", torch="1 - torch.tanh(x) ** 2",
                    jax="1 - jnp.tanh(x) ** 2", accuracy={"float32": 1.0, "float64": 2.5}),
        backward=Member("dy (1 - tanh(x)^2)", "dy / np.cosh(x) ** 2",
                        torch="aten.tanh_backward(dy, torch.tanh(x))",
                        jax="dy * (1 - jnp.tanh(x) ** 2)",
                        accuracy={"float32": 1.5, "float64": 2.5}),
        backward_from_output=Member(
            "dy (1 - y)(1 + y), from y = tanh(x)", "dy * ((1 - y) * (1 + y))",
            torch="aten.tanh_backward(dy, y)", jax="dy * ((1 - y) * (1 + y))",
            accuracy=ROUNDED),
    ),
)

#: every ufunc, by name, in the order of the docs and of ``fastact.__all__``
UFUNCS = {u.name: u for fam in FAMILIES for u in fam.members()}
#: every family, by name
FAMILY = {fam.name: fam for fam in FAMILIES}


def ufuncs(**where):
    """The ufuncs whose attributes equal the given values, in table order:
    ``ufuncs(int_loops=True)``, ``ufuncs(family="elu")``, ``ufuncs(kind="f")``."""
    return [u for u in UFUNCS.values()
            if all(getattr(u, k) == v for k, v in where.items())]


def alpha_default(name):
    """The conventional alpha of a ufunc's family (None where it has none)."""
    fam = FAMILY[UFUNCS[name].family]
    return fam.alpha["default"] if fam.alpha else None
