# cython: language_level=3, boundscheck=False, wraparound=False, freethreading_compatible=True
"""Registers fastact's ufuncs with NumPy.

The kernels (C, one build per instruction set) export loop tables; this module
chooses the best table for the running CPU once, at import, and builds one
``numpy.ufunc`` per row of the table of ufuncs (``_table.py``) from it, with
the promoters its inputs' roles call for. The loop pointers go
straight into the ufuncs: there is no per-call dispatch.
"""
# Free-threaded CPython: freethreading_compatible (line 1) makes the module
# declare Py_mod_gil = Py_MOD_GIL_NOT_USED. Reviewed for that: everything below
# runs once, at import (CPU detection in dispatch.c, the choice of table, the
# ufuncs and their never-freed name/type arrays); afterwards `config` and
# `ufuncs` are only read. The loops touch only their arguments and const
# tables (no static mutable state in fastact/src), so concurrent calls share
# nothing that NumPy does not hand them.
import os

import numpy as np
cimport numpy as cnp
from cpython.mem cimport PyMem_RawMalloc
from libc.string cimport strlen, memcpy

cnp.import_array()
cnp.import_ufunc()

cdef extern from "fastact.h":
    ctypedef struct fa_loop_entry:
        const char *ufunc
        char type
        int nin
        cnp.PyUFuncGenericFunction loop
    ctypedef struct fa_target:
        const char *name
        const fa_loop_entry *loops
        int supported
    char FA_BFLOAT16
    const fa_target *fa_targets(int *n)
    int fa_choose(const char *cap)
    const char *fa_cpu_features()

cdef extern from *:
    """
    /* Integer and bool inputs of the float-only ufuncs compute in float64
     * (NumPy's default would pick the smallest float that holds them, float16
     * for int8). A promoter is NumPy 2's public hook for that choice. */
    static int fa_promote_float64(PyObject *ufunc,
            PyArray_DTypeMeta *const op_dtypes[],
            PyArray_DTypeMeta *const signature[],
            PyArray_DTypeMeta *new_op_dtypes[])
    {
        (void)op_dtypes;
        PyArray_Descr *d = PyArray_DescrFromType(NPY_DOUBLE);
        if (d == NULL) return -1;
        int nargs = ((PyUFuncObject *)ufunc)->nargs;
        for (int i = 0; i < nargs; i++) {
            PyArray_DTypeMeta *t = signature[i] ? signature[i] : NPY_DTYPE(d);
            Py_INCREF(t);
            new_op_dtypes[i] = t;
        }
        Py_DECREF(d);
        return 0;
    }
    /* A Python scalar alpha (weak, NEP 50) takes the dtype of x. Without
     * this, every call with a Python float goes through NumPy's legacy type
     * resolution, which costs about 0.4 us a call. */
    static int fa_promote_like_x(PyObject *ufunc,
            PyArray_DTypeMeta *const op_dtypes[],
            PyArray_DTypeMeta *const signature[],
            PyArray_DTypeMeta *new_op_dtypes[])
    {
        int nargs = ((PyUFuncObject *)ufunc)->nargs;
        PyArray_DTypeMeta *x = op_dtypes[0];
        for (int i = 0; i < nargs; i++) {
            PyArray_DTypeMeta *t = signature[i] ? signature[i] : x;
            Py_INCREF(t);
            new_op_dtypes[i] = t;
        }
        return 0;
    }
    static PyObject *fa_promoter_capsule(int like_x)
    {
        return PyCapsule_New(like_x ? (void *)&fa_promote_like_x : (void *)&fa_promote_float64,
                             "numpy._ufunc_promoter", NULL);
    }
    static PyObject *fa_python_scalar_dtypes(void)
    {
        return Py_BuildValue("(OO)", (PyObject *)&PyArray_PyFloatDType,
                             (PyObject *)&PyArray_PyLongDType);
    }
    static PyObject *fa_int_abstract_dtype(void)
    {
        Py_INCREF((PyObject *)&PyArray_IntAbstractDType);
        return (PyObject *)&PyArray_IntAbstractDType;
    }
    """
    object fa_promoter_capsule(int like_x)
    object fa_int_abstract_dtype()
    object fa_python_scalar_dtypes()
    int PyUFunc_AddPromoter(object ufunc, object DType_tuple, object promoter) except -1


cdef char *_static_copy(str s) except NULL:
    # NumPy keeps these pointers for the life of the ufunc, which may outlive
    # this module: the copy is deliberately never freed.
    cdef bytes b = s.encode()
    cdef char *p = <char *>PyMem_RawMalloc(len(b) + 1)
    if p == NULL:
        raise MemoryError()
    memcpy(p, <const char *>b, len(b) + 1)
    return p


cdef object _make_ufunc(str name, str doc, const fa_loop_entry *table):
    cdef int n = 0, nin = 0, k = 0, j
    cdef const fa_loop_entry *e = table
    cdef bytes bname = name.encode()
    while e.ufunc != NULL:
        if e.ufunc == bname and e.type != FA_BFLOAT16:
            n += 1
            nin = e.nin
        e += 1
    if n == 0:
        raise RuntimeError(f"fastact: no loops compiled for {name}")
    cdef cnp.PyUFuncGenericFunction *funcs = <cnp.PyUFuncGenericFunction *>PyMem_RawMalloc(n * sizeof(cnp.PyUFuncGenericFunction))
    cdef void **data = <void **>PyMem_RawMalloc(n * sizeof(void *))
    cdef char *types = <char *>PyMem_RawMalloc(n * (nin + 1))
    if funcs == NULL or data == NULL or types == NULL:
        raise MemoryError()
    e = table
    while e.ufunc != NULL:
        if e.ufunc == bname and e.type != FA_BFLOAT16:
            funcs[k] = e.loop
            data[k] = NULL
            for j in range(nin + 1):
                types[k * (nin + 1) + j] = <char>np.dtype(chr(e.type)).num
            k += 1
        e += 1
    return cnp.PyUFunc_FromFuncAndData(funcs, data, types, n, nin, 1, cnp.PyUFunc_None,
                                      _static_copy(name), _static_copy(doc), 0)


def _choose_target():
    cdef int ntargets
    cdef const fa_target *t = fa_targets(&ntargets)
    cdef int chosen
    names = [t[i].name.decode() for i in range(ntargets)]
    requested = os.environ.get("FASTACT_SIMD") or None
    cdef bytes cap
    if requested is not None and not requested.isascii():
        chosen = -1   # no target name has a non-ASCII character
    else:
        cap = (requested or "").encode()
        chosen = fa_choose(cap)
    if chosen < 0:
        raise ImportError(
            f"FASTACT_SIMD={requested!r} is not a SIMD target of this machine's "
            f"architecture; valid names: {', '.join(names)}")
    info = {
        "chosen": names[chosen],
        "requested": requested,
        "compiled": [names[i] for i in range(ntargets) if t[i].loops != NULL],
        "supported": [names[i] for i in range(ntargets) if t[i].supported],
        "cpu_features": fa_cpu_features().decode().split(),
    }
    return chosen, info


from fastact import _docstrings
from fastact._table import UFUNCS

_chosen, config = _choose_target()
cdef int _n
cdef const fa_loop_entry *_table = fa_targets(&_n)[_chosen].loops

# The chosen table, for fastact.cython_api (the Cython API runs the same loops).
from cpython.pycapsule cimport PyCapsule_New
_loops = PyCapsule_New(<void *>_table, "fastact._core._loops", NULL)


def _add_scalar_alpha_promoters(uf, spec, float_dtypes):
    """A Python scalar alpha (weak, NEP 50) takes the dtype of the other
    operands, each of a float dtype: (x, [x,] scalar) -> x's dtype."""
    if not spec.has_alpha:
        return
    for dt in float_dtypes:
        for scalar in fa_python_scalar_dtypes():
            key = tuple(scalar if r == "alpha" else dt for r in spec.inputs) + (None,)
            PyUFunc_AddPromoter(uf, key, fa_promoter_capsule(1))


ufuncs = {}
for _spec in UFUNCS.values():
    _uf = _make_ufunc(_spec.name, getattr(_docstrings, _spec.name), _table)
    ufuncs[_spec.name] = _uf
    if not _spec.int_loops:
        # integer or bool x (or y) computes in float64, as np.exp does
        for _dt in (fa_int_abstract_dtype(), type(np.dtype(bool))):
            _key = tuple(_dt if i == _spec.x_position else None for i in range(_uf.nargs))
            PyUFunc_AddPromoter(_uf, _key, fa_promoter_capsule(0))
    _add_scalar_alpha_promoters(
        _uf, _spec, [type(np.dtype(t)) for t in (np.float16, np.float32, np.float64)])


# ------------------------------------------------------------------ bfloat16
# ml_dtypes' bfloat16 is a user dtype whose number is known only at run time.
# Its loops (float32 inside, rounded once) are in every target's table; they
# are registered only when ml_dtypes is importable, and nothing is imported
# otherwise.
cdef int _register_bfloat16(object bf16) except -1:
    cdef int num = bf16.num
    cdef int types[4]
    cdef const fa_loop_entry *e
    cdef bytes bname
    for name, uf in ufuncs.items():
        bname = name.encode()
        e = _table
        while e.ufunc != NULL:
            if e.ufunc == bname and e.type == FA_BFLOAT16:
                for j in range(e.nin + 1):
                    types[j] = num
                cnp.PyUFunc_RegisterLoopForType(uf, num, e.loop, types, NULL)
            e += 1
        # bfloat16 x with a Python scalar alpha stays bfloat16 (NEP 50)
        _add_scalar_alpha_promoters(uf, UFUNCS[name], [type(bf16)])
    return 0


import importlib
try:
    # importlib: Cython's own import would return a None left in sys.modules
    # (the standard way to block a module) instead of raising ImportError.
    ml_dtypes = importlib.import_module("ml_dtypes")
except ImportError:
    bfloat16 = None
else:
    bfloat16 = np.dtype(ml_dtypes.bfloat16)
    _register_bfloat16(bfloat16)
