"""How each peer computes a fastact ufunc: every callable built from the one table.

``fastact/_table.py`` declares every ufunc: its inputs by role (``dy``, ``x``,
``y``, ``alpha``), its family's conventional alpha, and the expressions that
compute it in NumPy (``idiom``), PyTorch (``torch``) and JAX (``jax``), written
in the role names with ``np``, ``torch``, ``F``, ``aten``, ``jax``, ``jnp`` and
``one`` (1 in the operands' dtype) in scope. A peer's callable is that
expression compiled once into a function of the role names; the expression
string is the label the reports show. The peers:

* ``fastact``  the ufunc itself (allocating its output, as the others do);
* ``numpy``    the table's NumPy idiom;
* ``numba``    a ``@vectorize`` ufunc (float32 and float64 loops) of the scalar
               form of the idiom: ``np.where(c, a, b)`` becomes ``a if c else b``
               and ``e.astype(t)`` becomes ``e`` (the loop's signature casts); the
               NumPy ufuncs left in it (``np.expm1``) numba compiles for scalars;
* ``torch``    the table's PyTorch expression on the CPU, one thread, on
               zero-copy tensors (a ufunc whose ``torch`` is None has no peer);
* ``jax``      ``jax.jit`` of the table's JAX expression on the CPU (float64
               enabled, XLA's own threads), the inputs on the device beforehand,
               compiled before timing, each call waiting for its result.

numba, torch and jax are optional: ``detect_peers`` says which can run here.
The table is read from the repository (``fastact/_table.py`` by path: no
compiled extension needed), or from the installed fastact when the file is not
there.
"""

import ast
import importlib.util
import os
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
PEERS = ["fastact", "numpy", "numba", "torch", "jax"]
# How many output-sized temporaries each peer allocates at most, besides its result
# (np.where(x > 0, dy, dy * np.exp(x)): the exp, the product and a bool mask).
TEMPORARIES = {"fastact": 0, "numpy": 3, "numba": 0, "torch": 2, "jax": 2}


def load_table():
    """fastact/_table.py of this repository (by path), else the installed one."""
    name = "_fastact_table"
    if name in sys.modules:
        return sys.modules[name]
    path = ROOT / "fastact" / "_table.py"
    if not path.is_file():
        from fastact import _table
        return _table
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


TABLE = load_table()
UFUNCS = TABLE.UFUNCS
alpha_default = TABLE.alpha_default


def role_values(name, arrays, alpha=None):
    """{role: value} of a call of ``name`` on ``arrays`` (in the order of its array
    roles); alpha is the family's conventional one unless given."""
    u = UFUNCS[name]
    if len(arrays) != len(u.arrays):
        raise TypeError(f"{name} takes {len(u.arrays)} arrays ({', '.join(u.arrays)}), "
                        f"not {len(arrays)}")
    values = dict(zip(u.arrays, arrays))
    if u.has_alpha:
        values["alpha"] = alpha_default(name) if alpha is None else alpha
    return values


def call_args(name, arrays, alpha=None):
    """The positional arguments of the fastact call, in the table's input order."""
    values = role_values(name, arrays, alpha)
    return tuple(values[r] for r in UFUNCS[name].inputs)


_COMPILED = {}


def compile_expr(expr, params, namespace, tag):
    """``lambda <params>: <expr>`` compiled once (cached by tag and expression)."""
    key = (tag, expr, tuple(params))
    if key not in _COMPILED:
        code = compile(f"lambda {', '.join(params)}: ({expr})", f"<{tag}>", "eval")
        _COMPILED[key] = eval(code, dict(namespace))
    return _COMPILED[key]


# --------------------------------------------------------------------------------------
# The peers. Every builder takes (name, arrays[, alpha]) with numpy arrays and returns
# (label, zero-argument callable).
# --------------------------------------------------------------------------------------

def fastact_impl(name, arrays, alpha=None):
    import fastact

    f = getattr(fastact, name)
    args = call_args(name, arrays, alpha)
    return f"fastact.{name}", lambda: f(*args)


def numpy_idiom(name, arrays, alpha=None):
    u = UFUNCS[name]
    f = compile_expr(u.idiom, u.inputs + ("one",), {"np": np}, "numpy")
    values = role_values(name, arrays, alpha)
    args = tuple(values[r] for r in u.inputs) + (arrays[0].dtype.type(1),)
    return u.idiom, lambda: f(*args)


class _ScalarForm(ast.NodeTransformer):
    """The NumPy idiom as an expression of scalars: ``np.where(c, a, b)`` -> ``a if c
    else b``, ``e.astype(t)`` -> ``e``."""

    def visit_Call(self, node):
        self.generic_visit(node)
        f = node.func
        if (isinstance(f, ast.Attribute) and f.attr == "where" and len(node.args) == 3
                and isinstance(f.value, ast.Name) and f.value.id == "np"):
            return ast.IfExp(test=node.args[0], body=node.args[1], orelse=node.args[2])
        if isinstance(f, ast.Attribute) and f.attr == "astype" and len(node.args) == 1:
            return f.value
        return node


def scalar_form(name):
    """The scalar form of the ufunc's NumPy idiom (what numba compiles)."""
    tree = _ScalarForm().visit(ast.parse(UFUNCS[name].idiom, mode="eval"))
    return ast.unparse(ast.fix_missing_locations(tree))


_NUMBA_CACHE = {}


def numba_ufunc(name):
    """A real NumPy ufunc (float32 and float64 loops) compiled by numba.vectorize
    from the scalar form of the idiom."""
    if name not in _NUMBA_CACHE:
        import math

        import numba

        u = UFUNCS[name]
        f = compile_expr(scalar_form(name), u.inputs, {"np": np, "math": math, "one": 1.0},
                         "numba")
        sigs = [f"{t}({', '.join([t] * u.nin)})" for t in ("float32", "float64")]
        f = numba.vectorize(sigs, nopython=True)(f)
        _NUMBA_CACHE[name] = getattr(f, "ufunc", f)
    return _NUMBA_CACHE[name]


def numba_impl(name, arrays, alpha=None):
    if arrays[0].dtype not in (np.float32, np.float64):   # numba has no float16 arithmetic
        raise TypeError(f"the numba ufunc has float32 and float64 loops, not {arrays[0].dtype}")
    f = numba_ufunc(name)
    args = call_args(name, arrays, alpha)
    return f"@vectorize: {scalar_form(name)}", lambda: f(*args)


def torch_impl(name, arrays, alpha=None):
    import torch

    u = UFUNCS[name]
    if u.torch is None:
        raise NotImplementedError(f"the table gives no torch equivalent of {name}")
    ns = {"torch": torch, "F": torch.nn.functional, "aten": torch.ops.aten}
    f = compile_expr(u.torch, u.inputs + ("one",), ns, "torch")
    values = role_values(name, [torch.from_numpy(a) for a in arrays], alpha)  # zero-copy
    one = torch.ones((), dtype=values[u.arrays[0]].dtype)
    args = tuple(values[r] for r in u.inputs) + (one,)
    return u.torch, lambda: f(*args)


def jax_impl(name, arrays, alpha=None):
    import jax
    import jax.numpy as jnp

    u = UFUNCS[name]
    if u.jax is None:
        raise NotImplementedError(f"the table gives no jax equivalent of {name}")
    f = compile_expr(u.jax, u.inputs + ("one",), {"jax": jax, "jnp": jnp}, "jax")
    a = role_values(name, arrays, alpha).get("alpha")
    dtype = arrays[0].dtype

    def over_arrays(*arrs):
        values = dict(zip(u.arrays, arrs), alpha=a, one=jnp.ones((), dtype=dtype))
        return f(*(values[r] for r in u.inputs + ("one",)))

    jf = jax.jit(over_arrays)
    dev = [jax.device_put(arr) for arr in arrays]
    jf(*dev).block_until_ready()  # trace and compile now, not in the first timed call
    return u.jax, lambda: jf(*dev).block_until_ready()


BUILDERS = {"fastact": fastact_impl, "numpy": numpy_idiom, "numba": numba_impl,
            "torch": torch_impl, "jax": jax_impl}


def detect_peers(requested):
    """The peers that can run here, and a note for each one that cannot."""
    available, notes = [], {}
    for peer in requested:
        try:
            if peer == "fastact":
                import fastact  # noqa: F401
            elif peer == "numba":
                import numba  # noqa: F401
            elif peer == "torch":
                import torch

                torch.set_num_threads(1)
                try:
                    torch.set_num_interop_threads(1)
                except RuntimeError:
                    pass
            elif peer == "jax":
                # the CPU (set before jax is first imported; XLA keeps its own
                # threads: no flag of every jax version limits them), float64 on
                os.environ.setdefault("JAX_PLATFORMS", "cpu")
                import jax

                jax.config.update("jax_enable_x64", True)
        except ImportError as exc:
            notes[peer] = f"not installed ({exc})"
            continue
        available.append(peer)
    return available, notes


def peer_versions(peers):
    """'numba 0.60.0', 'torch 2.4.0 (CPU, 1 thread)', ... for the peers given."""
    out = []
    if "numba" in peers:
        import numba

        out.append(f"numba {numba.__version__}")
    if "torch" in peers:
        import torch

        out.append(f"torch {torch.__version__} (CPU, {torch.get_num_threads()} thread)")
    if "jax" in peers:
        import jax

        out.append(f"jax {jax.__version__} ({jax.default_backend()}, jit, XLA's threads)")
    return out


# --------------------------------------------------------------------------------------
# Inputs and checks
# --------------------------------------------------------------------------------------

def standard_normal(rng, n, dtype):
    """n standard-normal values of dtype (float16: rounded from float32)."""
    dt = np.dtype(dtype)
    draw = dt if dt in (np.float32, np.float64) else np.float32
    return rng.standard_normal(n, dtype=draw).astype(dt, copy=False)


def forward(name, x, alpha=None):
    """The output of the forward ufunc of ``name``'s family: what training saves as y."""
    import fastact

    fam = UFUNCS[name].family
    return getattr(fastact, fam)(*call_args(fam, [x], alpha))


def make_inputs(name, n, dtype, seed=0, alpha=None):
    """The arrays of a call of ``name``, in the order of its array roles: standard
    normal, except ``y`` (a from-output backward pass), which is the family's forward
    ufunc of a standard-normal x (``fastact.elu(x, alpha)``: y > -alpha), as training
    keeps it."""
    rng = np.random.default_rng(seed)
    arrays = []
    for role in UFUNCS[name].arrays:
        a = standard_normal(rng, n, dtype)
        arrays.append(forward(name, a, alpha) if role == "y" else a)
    return arrays


def as_numpy(result):
    if isinstance(result, np.ndarray):
        return result
    if hasattr(result, "detach"):  # a torch tensor
        return result.detach().numpy()
    return np.asarray(result)


def check_same(name, dtype, result, ref):
    """True when a peer's output matches fastact's: bit for bit for an exact ufunc,
    else to a few units in the last place."""
    u = UFUNCS[name]
    got = as_numpy(result)
    if got.shape != ref.shape or got.dtype != ref.dtype:
        return False
    exact = u.accuracy == TABLE.EXACT
    rtol = 0.0 if exact else (2e-6 if dtype == "float32" else 1e-13)
    atol = 0.0
    if dtype == "float16" and (u.has_alpha or not exact):
        # a peer may round in float16 at every step (numpy's y + alpha, then the
        # product; 1 + |x|, its square, then the quotient), or take alpha as a
        # double (torch): four float16 ULPs apart, subnormals included (the
        # asv baselines' tolerance, tests/test_benchmarks.py)
        rtol, atol = 2.0 ** -9, 2.0 ** -23
    return bool(np.allclose(got.astype(np.float64), ref.astype(np.float64), rtol=rtol, atol=atol))
