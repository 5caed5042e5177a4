"""bfloat16 (ml_dtypes): every forward ufunc of the table beside its NumPy idiom.

NumPy computes on bfloat16 through ml_dtypes' own loops (np.maximum, np.where,
np.expm1); fastact's bfloat16 loops convert a block to float32, run the chosen
SIMD target's float32 loop and round back once. The idiom's number literals and
the scalar alpha are bfloat16 scalars (NumPy before 2.1 promotes bfloat16 with a
Python number to float32). Suites ``Bfloat16<CamelName>`` (``Bfloat16Relu``, ...),
generated from ``fastact/_table.py`` (its ``kind="f"`` rows), contiguous, in place
and strided. Skipped when ml_dtypes is not installed (the bench extra installs it).
"""

from .common import LAYOUTS, SIZES, TABLE, ActivationBench, Unavailable, make_suite

try:
    import ml_dtypes
except ImportError:
    ml_dtypes = None


class _Bfloat16Bench(ActivationBench):
    def setup(self, dtype, n, layout):
        if ml_dtypes is None:
            raise Unavailable("ml_dtypes is not installed")
        super().setup(dtype, n, layout)


#: ufunc name -> its bfloat16 suite (also this module's attributes, for asv)
SUITES = {}
for _u in TABLE.ufuncs(kind="f"):
    _cls = make_suite(_u, __name__, prefix="Bfloat16", base=_Bfloat16Bench,
                      params=[["bfloat16"], SIZES, LAYOUTS])
    SUITES[_u.name] = globals()[_cls.__name__] = _cls
del _u, _cls
