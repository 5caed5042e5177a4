"""Shared inputs and conventions for the fastact asv suite, and the suites' maker.

Every suite is generated from the one table of ufuncs, ``fastact/_table.py``
(read by path from this repository, so that the suite is the same for every
commit ``asv run`` measures; from the installed fastact where the file is not
there): ``make_suite`` turns a table row into a class that times the fastact
ufunc beside the row's NumPy idiom, with its inputs by role.

Naming contract (checked by tests/test_benchmarks.py): every benchmark method is
called ``<kind>_<impl>_<callee>`` where

* ``kind`` is ``time``, ``peakmem`` or ``track_alloc``;
* ``impl`` is ``fastact`` or ``numpy``;
* for ``fastact`` the ``callee`` is the one fastact ufunc the benchmark calls, and it
  calls nothing else;
* for ``numpy`` the ``callee`` lists, joined by ``_``, the NumPy functions that make
  up the idiom (``where_expm1`` calls ``np.where`` and ``np.expm1``), and it never
  calls fastact. It is derived from the idiom (``numpy_callees``): its ``np.<f>``
  calls, or for an idiom of operators alone the ufuncs of its operators
  (``(x > 0).astype(x.dtype)``: ``greater``).

Every benchmark returns the array it computed, so the test can also check that each
NumPy baseline computes the same values as the fastact ufunc it stands beside.

Layouts:

* ``contiguous``: a fresh C-contiguous 1-d input, the result is newly allocated.
* ``inplace``: ``out=x`` (``out=dy`` for the backward passes). The idiom writes into
  ``out`` the way a user would: ``out=`` of its outermost ufunc (``np.maximum(x, 0,
  out=x)``; ``(x > 0).astype(x.dtype)`` becomes ``np.greater(x, 0, out=x)``), else
  its result is copied in (``np.where`` has no ``out``). ``setup`` first brings the
  buffer to a fixed point of the map (entries where ``x <= 0`` zeroed, then the
  fastact ufunc applied until nothing changes, at most 64 times; a ufunc whose
  data never settles skips this layout), so every
  timed call sees the same data instead of values that decay by ``alpha`` on each
  call and pass through subnormals, which would make the timing depend on how many
  calls came before.
* ``strided``: ``x[::2]`` of a buffer twice as long (every operand strided).
* ``per_channel``: ``x`` of shape ``(C, H, W)`` with ``alpha`` of shape ``(C, 1, 1)``
  (PReLU); only for the ufuncs that take ``alpha``. The alphas span 0.5 to 1.5
  times the family's conventional alpha; the scalar alpha is that alpha.

Inputs are standard-normal (``normal``), built in ``setup`` (never timed) with a
fixed seed; the ``y`` of a from-output backward pass is the family's forward
ufunc of that input (``fastact.elu(x, alpha)``: ``y > -alpha``, as in training),
computed in place so that every layout keeps its strides and shape.
"""

import ast
import importlib.util
import sys
from pathlib import Path

import numpy as np

try:
    import fastact
except ImportError:  # asv check/discovery still works; setup skips everything
    fastact = None

DTYPES = ["float32", "float64", "float16"]
SIZES = [1_000, 100_000, 10_000_000]
LAYOUTS = ["contiguous", "inplace", "strided"]
ALPHA_LAYOUTS = LAYOUTS + ["per_channel"]
CHANNELS = 10
SEED = 20240611
BLOCK = 1 << 20
PRIME_ROUNDS = 64  # the most in-place calls that prime in-place data
PROBE = 4096  # elements on which setup first tries whether in-place calls settle


def load_table():
    """fastact/_table.py of this repository (by path: the table of the suite,
    whichever commit asv built), else the installed one."""
    name = "_fastact_table"
    if name in sys.modules:
        return sys.modules[name]
    path = Path(__file__).resolve().parents[2] / "fastact" / "_table.py"
    if not path.is_file():
        from fastact import _table
        return _table
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


TABLE = load_table()


class Unavailable(NotImplementedError):
    """Raised in setup when this fastact build lacks the ufunc (asv skips it)."""


class NoFixedPoint(Unavailable):
    """Raised in setup for the inplace layout of a ufunc whose data never settles
    under repeated in-place calls (asv skips that case only)."""


def get_ufunc(name):
    f = getattr(fastact, name, None) if fastact is not None else None
    if not isinstance(f, np.ufunc):
        raise Unavailable(f"fastact.{name} is not available in this build")
    return f


def normal(rng, count, dtype):
    """Standard-normal data; long arrays repeat a 2**20-element block (a period no
    branch predictor or cache can exploit) so setup stays cheap at n = 1e7."""
    if np.dtype(dtype) not in (np.float32, np.float64):   # bfloat16: rounded from float32
        return normal(rng, count, np.float32).astype(dtype)
    block = rng.standard_normal(min(count, BLOCK), dtype=dtype)
    return block if count <= BLOCK else np.resize(block, count)


def per_channel_shape(n):
    hw = n // CHANNELS
    h = int(round(hw**0.5))
    while hw % h:
        h -= 1
    return (CHANNELS, h, hw // h)


def is_extension_dtype(dtype):
    """True for a dtype that is not NumPy's own (ml_dtypes' bfloat16), or unknown here."""
    try:
        return np.dtype(dtype).isbuiltin != 1
    except TypeError:
        return True


def store(result, out):
    """Write an allocating idiom's result into ``out`` (the in-place layout)."""
    if out is None:
        return result
    out[...] = result
    return out


# --------------------------------------------------------------------------------------
# The NumPy idiom of a table row, as the benchmark calls it
# --------------------------------------------------------------------------------------

# The NumPy ufunc of each Python operator an idiom may use.
OPERATOR_UFUNCS = {
    ast.Gt: "greater", ast.GtE: "greater_equal", ast.Lt: "less", ast.LtE: "less_equal",
    ast.Eq: "equal", ast.NotEq: "not_equal", ast.Add: "add", ast.Sub: "subtract",
    ast.Mult: "multiply", ast.Div: "divide", ast.Pow: "power", ast.BitAnd: "bitwise_and",
    ast.BitOr: "bitwise_or", ast.BitXor: "bitwise_xor", ast.USub: "negative",
    ast.Invert: "invert",
}
# What each role is on a suite instance (``self.x`` holds y for a from-output pass).
ROLE_ATTRS = {"dy": "self.dy", "x": "self.x", "y": "self.x", "alpha": "self.a"}


def _preorder(node):
    yield node
    for child in ast.iter_child_nodes(node):
        yield from _preorder(child)


def _np_attr(node):
    """``f`` when node is ``np.f``, else None."""
    if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
            and node.value.id == "np"):
        return node.attr
    return None


def numpy_callees(idiom):
    """The NumPy functions an idiom calls, in source order: its ``np.<f>(...)`` calls,
    or, for an idiom of operators alone, the ufuncs of its operators. Names with an
    underscore (``np.bitwise_and``) are left out: the benchmark name joins them by _."""
    nodes = list(_preorder(ast.parse(idiom, mode="eval")))
    names = [_np_attr(n.func) for n in nodes if isinstance(n, ast.Call) and _np_attr(n.func)]
    if not names:
        names = [OPERATOR_UFUNCS[type(n)] for n in nodes if type(n) in OPERATOR_UFUNCS]
    names = [f for f in dict.fromkeys(names) if "_" not in f and hasattr(np, f)]
    if not names:
        raise ValueError(f"no NumPy function to name the benchmark of {idiom!r} after")
    return names


def _ufunc_call(func, args):
    return ast.Call(func=ast.Attribute(value=ast.Name("np", ast.Load()), attr=func,
                                       ctx=ast.Load()), args=args, keywords=[])


def _into_out(node):
    """The expression writing into ``out`` through a ufunc's ``out=``, or None: the
    outermost ``np.<ufunc>(...)`` call, or operator (``a * b``), gets ``out=out``;
    ``e.astype(t)`` of such an ``e`` is ``e`` into out (the ufunc casts)."""
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr == "astype" and len(node.args) == 1 and not node.keywords):
        return _into_out(node.func.value)
    call = None
    if isinstance(node, ast.Call) and isinstance(getattr(np, _np_attr(node.func) or "", None),
                                                 np.ufunc):
        if any(k.arg == "out" for k in node.keywords):
            return None
        call = ast.Call(func=node.func, args=list(node.args), keywords=list(node.keywords))
    elif isinstance(node, ast.BinOp) and type(node.op) in OPERATOR_UFUNCS:
        call = _ufunc_call(OPERATOR_UFUNCS[type(node.op)], [node.left, node.right])
    elif isinstance(node, ast.UnaryOp) and type(node.op) in OPERATOR_UFUNCS:
        call = _ufunc_call(OPERATOR_UFUNCS[type(node.op)], [node.operand])
    elif (isinstance(node, ast.Compare) and len(node.ops) == 1
          and type(node.ops[0]) in OPERATOR_UFUNCS):
        call = _ufunc_call(OPERATOR_UFUNCS[type(node.ops[0])],
                           [node.left, node.comparators[0]])
    if call is None:
        return None
    call.keywords.append(ast.keyword(arg="out", value=ast.Name("out", ast.Load())))
    return call


class _TypedLiterals(ast.NodeTransformer):
    """Number literals become names (``c0``, ``c1``, ...) bound in setup to scalars
    of the operands' dtype: NumPy before 2.1 promotes ml_dtypes' bfloat16 with a
    Python number to float32."""

    def __init__(self):
        self.values = {}

    def visit_Constant(self, node):
        if isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
            name = self.values.setdefault(node.value, f"c{len(self.values)}")
            return ast.Name(name, ast.Load())
        return node


def idiom_forms(u, typed_literals=False):
    """(expression, expression into ``out``, literal values) of a row's idiom, as
    source text in the role names (and ``one``, ``out``, ``c0``...)."""
    tree = ast.parse(u.idiom, mode="eval")
    literals = ()
    if typed_literals:
        t = _TypedLiterals()
        tree = ast.fix_missing_locations(t.visit(tree))
        literals = tuple(t.values)
    expr = ast.unparse(tree)
    into = _into_out(tree.body)
    into = ast.unparse(ast.fix_missing_locations(into)) if into is not None else \
        f"store({expr}, out)"
    return expr, into, literals


def suite_name(ufunc_name):
    """``leaky_relu_backward`` -> ``LeakyReluBackward``."""
    return "".join(w.capitalize() for w in ufunc_name.split("_"))


class ActivationBench:
    """Base of the generated suites; ``make_suite`` sets the class attributes below."""

    ufunc_name = None  # fastact ufunc this suite measures
    spec = None  # its row of the table (fastact/_table.py's Ufunc)
    has_dy = False  # backward pass: (dy, x[, alpha])
    alpha = None  # scalar alpha (Python float), None if the ufunc has none
    per_channel_alpha = None  # (lo, hi) range of the per-channel alphas
    baseline = None  # name of the NumPy-idiom method (setup uses it to prime)
    literals = ()  # the idiom's number literals, as scalars of the dtype (bfloat16)

    param_names = ["dtype", "n", "layout"]
    params = [DTYPES, SIZES, LAYOUTS]

    # One process and a bounded number of samples: the grid is 70 to 85 cases per ufunc.
    # For a comparison, `asv continuous -a processes=2 --interleave-rounds`
    # alternates the two commits (see README.md).
    processes = 1
    repeat = (3, 10, 2.0)
    warmup_time = 0.05
    timeout = 120

    def prepare_inputs(self):
        """A from-output backward pass takes y = the family's forward ufunc of the
        standard-normal input: ``self.x`` becomes y in place (fastact's forward, in
        setup, never timed), keeping the layout's strides and shape."""
        if "y" in self.spec.inputs:
            fam = TABLE.UFUNCS[self.spec.family]
            f = get_ufunc(fam.name)
            values = {"x": self.x, "alpha": self.a}
            f(*(values[r] for r in fam.inputs), out=self.x)

    def settles(self, k):
        """Whether repeated in-place calls reach a fixed point, tried on a copy of
        the first k elements (cheap, where priming all n would cost PRIME_ROUNDS
        full calls before giving up)."""
        f = get_ufunc(self.ufunc_name)
        values = {"dy": self.dy, "x": self.x, "y": self.x, "alpha": self.a}
        probe = {r: (v[:k].copy() if isinstance(v, np.ndarray) and v.ndim else v)
                 for r, v in values.items()}
        probe["y"] = probe["x"]
        buf = probe["dy"] if self.has_dy else probe["x"]
        for _ in range(PRIME_ROUNDS):
            before = buf.copy()
            f(*(probe[r] for r in self.spec.inputs), out=buf)
            if np.array_equal(buf, before, equal_nan=True):
                return True
        return False

    def setup(self, dtype, n, layout):
        get_ufunc(self.ufunc_name)  # skip cleanly when this build lacks it
        if layout == "per_channel" and self.alpha is None:
            raise NotImplementedError("per-channel alpha needs an alpha argument")
        dt = np.dtype(dtype)
        rng = np.random.default_rng(SEED)

        def data():
            if layout == "strided":
                return normal(rng, 2 * n, dt)[::2]
            if layout == "per_channel":
                return normal(rng, n, dt).reshape(per_channel_shape(n))
            return normal(rng, n, dt)

        self.x = data()
        self.dy = data() if self.has_dy else None
        if layout == "per_channel":
            lo, hi = self.per_channel_alpha
            self.a = np.linspace(lo, hi, CHANNELS, dtype=dt).reshape(CHANNELS, 1, 1)
        elif self.alpha is not None and is_extension_dtype(dt):
            self.a = dt.type(self.alpha)  # ml_dtypes: a Python float would promote
        else:
            self.a = self.alpha
        self.one = dt.type(1)
        self.c = tuple(dt.type(v) for v in self.literals)
        self.prepare_inputs()
        self.out = None
        if layout == "inplace":
            buf = self.dy if self.has_dy else self.x
            buf[self.x <= 0] = 0
            self.out = buf
            if not self.settles(PROBE):   # (softsign: x / (1 + |x|) decays towards 0)
                raise NoFixedPoint(f"{self.ufunc_name} has no fixed point that in-place calls "
                                   "reach: their timing would drift from call to call")
            # (fastact's own call: for an inexact ufunc the idiom's fixed point
            # may be an ULP away from it)
            primer = getattr(self, f"time_fastact_{self.ufunc_name}")
            for _ in range(PRIME_ROUNDS):
                before = buf.copy()
                primer(dtype, n, layout)
                if np.array_equal(buf, before, equal_nan=True):
                    break
            else:   # (softsign: x / (1 + |x|) decays towards 0 call after call)
                raise NoFixedPoint(f"{self.ufunc_name} has no fixed point that in-place calls "
                                  "reach: their timing would drift from call to call")


_METHODS = '''\
def {fa_name}(self, dtype, n, layout):
    return fastact.{ufunc}({fa_args}, out=self.out)


def {np_name}(self, dtype, n, layout):
    {roles} = {attrs}
    if out is None:
        return {expr}
    return {into}
'''


def make_suite(u, module, prefix="", base=ActivationBench, params=None):
    """The asv suite of table row ``u``: a class ``<prefix><CamelName>`` of module
    ``module`` timing ``fastact.<name>`` beside the NumPy idiom, over ``params``
    (default: every dtype and size, the layouts its inputs allow).

    The two methods are generated as source, so that each calls its function
    directly (no extra Python call in the timed loop) and asv shows, and
    versions the results by, the code that runs (``pretty_source``)."""
    d = TABLE.alpha_default(u.name)
    typed = params is not None and any(is_extension_dtype(t) for t in params[0])
    expr, into, literals = idiom_forms(u, typed_literals=typed)
    fa_name = f"time_fastact_{u.name}"
    np_name = "time_numpy_" + "_".join(numpy_callees(u.idiom))
    # the locals the idiom uses, taken from the instance
    used = {n.id for n in ast.walk(ast.parse(f"({expr}, {into})", mode="eval"))
            if isinstance(n, ast.Name)}
    local = [(r, ROLE_ATTRS[r]) for r in u.inputs] + [("one", "self.one")]
    local += [(f"c{i}", f"self.c[{i}]") for i in range(len(literals))]
    local = [(name, attr) for name, attr in local if name in used] + [("out", "self.out")]
    names, attrs = [name for name, _ in local], [attr for _, attr in local]
    source = _METHODS.format(
        fa_name=fa_name, ufunc=u.name, fa_args=", ".join(ROLE_ATTRS[r] for r in u.inputs),
        np_name=np_name, roles=", ".join(names), attrs=", ".join(attrs), expr=expr,
        into=into)
    ns = {"__name__": module, "np": np, "fastact": fastact, "store": store}
    exec(compile(source, f"<asv suite {u.name}>", "exec"), ns)
    body = {"__module__": module, "__doc__": f"{u.name}({', '.join(u.inputs)}): "
            f"{u.summary}; beside ``{u.idiom}``.",
            "ufunc_name": u.name, "spec": u, "has_dy": "dy" in u.inputs,
            "alpha": d, "per_channel_alpha": (0.5 * d, 1.5 * d) if d else (0.5, 1.5),
            "baseline": np_name, "literals": literals,
            "params": params or [DTYPES, SIZES, ALPHA_LAYOUTS if u.has_alpha else LAYOUTS]}
    for name, part in ((fa_name, source.split("\n\n\n")[0]),
                       (np_name, source.split("\n\n\n")[1])):
        fn = ns[name]
        fn.pretty_source = part
        body[name] = fn
    return type(prefix + suite_name(u.name), (base,), body)
