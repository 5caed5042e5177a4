"""Typing cases for fastact's stubs, checked by mypy --strict and pyright.

Run by tests/test_typing.py (and .ci/run). Lines ending in ``# type: ignore[...]``
must be rejected: mypy (warn_unused_ignores, part of --strict) and pyright
(reportUnnecessaryTypeIgnoreComment) both fail when such a line is accepted.
The module also runs: every assert_type case is a real call.
"""
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray
from typing_extensions import assert_type

import fastact as fa
import fastact.cython_api

f16 = np.zeros(4, np.float16)
f32 = np.zeros(4, np.float32)
f64 = np.zeros(4, np.float64)
i8 = np.zeros(4, np.int8)
u64 = np.zeros(4, np.uint64)
out32: NDArray[np.float32] = np.empty(4, np.float32)

# ---- the dtype survives: arrays
assert_type(fa.relu(f32), NDArray[np.float32])
assert_type(fa.relu(f16), NDArray[np.float16])
assert_type(fa.relu_grad(f64), NDArray[np.float64])
assert_type(fa.relu(i8), NDArray[np.int8])                   # integers keep their type
assert_type(fa.relu_grad(u64), NDArray[np.uint64])
assert_type(fa.relu_backward(i8, i8), NDArray[np.int8])
assert_type(fa.relu_backward(f32, f32), NDArray[np.float32])
assert_type(fa.leaky_relu(f32, 0.01), NDArray[np.float32])   # a Python alpha is weak
assert_type(fa.leaky_relu(f16, 1), NDArray[np.float16])
assert_type(fa.leaky_relu_grad(f32, np.float32(0.1)), NDArray[np.float32])
assert_type(fa.elu(f64, 1.0), NDArray[np.float64])
assert_type(fa.elu_grad(f32, f32), NDArray[np.float32])
assert_type(fa.leaky_relu_backward(f32, f32, 0.01), NDArray[np.float32])
assert_type(fa.elu_backward(f16, f16, 1.0), NDArray[np.float16])
assert_type(fa.elu_backward_from_output(f32, f32, 1.0), NDArray[np.float32])
assert_type(fa.leaky_relu(i8, 0.01), NDArray[np.float64])    # integer x: float64
assert_type(fa.elu_backward(f32, i8, 1.0), NDArray[np.float64])
assert_type(fa.elu(f32, np.float64(1.0)), NDArray[np.float64])   # np.float64 is strong
assert_type(fa.elu_backward(f32, f32, f64), NDArray[np.float64])

# ---- scalars
assert_type(fa.relu(2.5), np.float64)
assert_type(fa.relu(3), np.int64)
assert_type(fa.relu(np.int16(3)), np.int16)
assert_type(fa.leaky_relu(-2.0, 0.01), np.float64)
assert_type(fa.leaky_relu(np.float32(-2.0), 0.01), np.float32)
assert_type(fa.leaky_relu(np.float32(-2.0), np.float64(0.01)), np.float64)
assert_type(fa.elu(3, 1.0), np.float64)
assert_type(fa.elu_backward(np.float32(1), np.float32(-1), 1.0), np.float32)

# ---- out= returns the out type
assert_type(fa.relu(f64, out=out32, casting="unsafe"), NDArray[np.float32])
assert_type(fa.elu(f32, 1.0, out32), NDArray[np.float32])
assert_type(fa.leaky_relu_backward(f32, f32, 0.01, out=(out32,)), NDArray[np.float32])
assert_type(fa.relu(f32, out=out32, where=f32 > 0), NDArray[np.float32])
assert_type(fa.relu(f32, order="C", casting="same_kind"), NDArray[np.float32])

# ---- what the stubs cannot know is Any, never a wrong type
assert_type(fa.relu([1.0, -1.0]), Any)
assert_type(fa.elu(f32, 1.0, dtype=np.float64), Any)

# ---- ufunc attributes
assert_type(fa.leaky_relu_backward.nin, Literal[3])
assert_type(fa.relu.nargs, Literal[2])
assert_type(fa.elu.__name__, Literal["elu"])
ufunc: np.ufunc = fa.elu_backward            # still a numpy.ufunc

# ---- show_config
cfg = fa.show_config(mode="dicts")
assert_type(cfg, fa.ShowConfig)
assert_type(cfg["chosen"], str)
assert_type(cfg["requested"], str | None)
assert_type(fa.show_config(), None)
assert_type(fa.get_include(), str)
assert_type(fastact.cython_api.target, str)


# ---- rejected
def rejected() -> None:
    fa.relu()  # type: ignore[call-overload]
    fa.relu(f32, out32, f32)  # type: ignore[call-overload]
    fa.relu_backward(f32)  # type: ignore[call-overload]
    fa.elu_backward(f32, f32)  # type: ignore[call-overload]
    fa.leaky_relu(f32)  # type: ignore[call-overload]
    fa.elu(f32)  # type: ignore[call-overload]
    y64: NDArray[np.float64] = fa.relu(f32)  # type: ignore[assignment]
    z64: NDArray[np.float64] = fa.leaky_relu(f32, 0.01)  # type: ignore[assignment]
    s32: np.float32 = fa.leaky_relu(np.float32(1), np.float64(1))  # type: ignore[assignment]
    fa.show_config(mode="json")  # type: ignore[call-overload]
    cfg["no_such_key"]  # type: ignore[typeddict-item]
    del y64, z64, s32


if __name__ == "__main__":
    print("ok")
