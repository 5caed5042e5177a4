"""fastact on bfloat16 arrays (ml_dtypes).

With ml_dtypes installed (pip install "fastact[bfloat16]"), every fastact
ufunc takes bfloat16 and returns bfloat16: the chosen SIMD target's float32
loop runs on a block converted to float32, and each result is rounded once, to
nearest even. Run:  python examples/bfloat16.py
"""
import ml_dtypes
import numpy as np

import fastact as fa

bf16 = np.dtype(ml_dtypes.bfloat16)


def main():
    x = np.array([-3.0, -1.0, -0.0, 0.5, 2.0], dtype=bf16)
    y = fa.leaky_relu(x, 0.01)          # a Python alpha takes x's dtype (NEP 50)
    print("x                    ", x)
    print("leaky_relu(x, 0.01)  ", y, y.dtype)
    e = fa.elu(x, 1.0)
    print("elu(x, 1.0)          ", e, e.dtype)
    # the float32 result rounded once, bit for bit
    same = np.array_equal(e.view(np.uint16),
                          fa.elu(x.astype(np.float32), 1.0).astype(bf16).view(np.uint16))
    print("elu == float32 elu rounded to bfloat16:", same)
    dy = np.ones_like(x)
    print("elu_backward(1, x, 1)", fa.elu_backward(dy, x, 1.0))
    # a bfloat16 activation in a float32 network: mixed dtypes promote as NumPy does
    print("relu(x) + float32    ", (fa.relu(x) + np.float32(1)).dtype)
    return {"dtype": y.dtype, "rounded_once": same}


if __name__ == "__main__":
    main()
