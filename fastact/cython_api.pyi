# The Cython API's Python side (its functions are cimported: cython_api.pxd).

# the SIMD target whose loops the API's functions run (show_config()'s "chosen")
target: str
