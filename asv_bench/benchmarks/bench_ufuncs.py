"""Every fastact ufunc beside its NumPy idiom: one suite per row of the table.

The suites are generated at import from ``fastact/_table.py`` (see
``common.make_suite``): ``<CamelName>`` (``Relu``, ``LeakyReluBackward``, ...)
with ``time_fastact_<ufunc>`` and ``time_numpy_<callees>`` (``time_numpy_where_expm1``),
over dtype x n x layout (``per_channel`` for the ufuncs that take alpha). A suite
whose ufunc the installed fastact lacks is skipped in setup with the message
``fastact.<name> is not available in this build``.
"""

from .common import TABLE, make_suite

#: ufunc name -> its suite (the classes are also this module's attributes, for asv)
SUITES = {}
for _u in TABLE.UFUNCS.values():
    _cls = make_suite(_u, __name__)
    SUITES[_u.name] = globals()[_cls.__name__] = _cls
del _u, _cls
