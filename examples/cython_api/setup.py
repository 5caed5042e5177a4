"""Build fa_user, a Cython module that calls fastact's Cython API.

    pip install fastact cython setuptools
    python setup.py build_ext --inplace

No SIMD flags: fa_user calls the loops that `import fastact` chose for this
CPU. tests/test_cython_api.py builds it this way and checks it bit for bit.
"""
from Cython.Build import cythonize
from setuptools import Extension, setup

import fastact

setup(
    name="fa_user",
    ext_modules=cythonize([Extension("fa_user", ["fa_user.pyx"])],
                          include_path=[fastact.get_include()]),
)
