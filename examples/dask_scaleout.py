#!/usr/bin/env python
"""fastact beyond one NumPy array: Dask, dask.distributed, xarray and pandas.

fastact's functions are real NumPy ufuncs, so any library that implements
NumPy's ``__array_ufunc__`` protocol applies them for you: Dask builds a lazy,
chunked task graph and runs the ufunc on every chunk in parallel; xarray and
pandas keep their labels (dims, coordinates, index, columns) around the
result.

Run::

    python examples/dask_scaleout.py            # everything
    python examples/dask_scaleout.py --workers 2 --processes   # cluster of processes

Requires: numpy, fastact, and ``pip install "dask[array,distributed]" xarray pandas``
(or ``pip install "fastact[examples]"``). Each section returns a dict of checks,
so the test suite runs them one by one.
"""
import argparse

import numpy as np

import fastact as fa


def section(title):
    print()
    print(title)
    print("-" * len(title))


# --------------------------------------------------------------------------
def dask_arrays(n=4000, chunk=1000):
    """fastact on Dask arrays: lazy, chunked, parallel on threads."""
    import dask
    import dask.array as da

    section("1. Dask arrays: lazy, chunk by chunk, in parallel")
    x = da.random.default_rng(0).standard_normal((n, n), chunks=(chunk, chunk),
                                                  dtype=np.float32)
    y = fa.relu(x)                        # dispatched through Dask's __array_ufunc__
    print(f"fa.relu(x) -> {type(y).__module__}.{type(y).__name__}: nothing computed yet")
    print(f"  {y.dtype}, shape {y.shape}, {y.npartitions} chunks of {y.chunksize}, "
          f"{len(dict(y.__dask_graph__()))} tasks in the graph")

    # Everything stays lazy until .compute(); Dask fuses the chain per chunk.
    dy = da.ones_like(x)
    loss_like = (fa.leaky_relu(x, 0.01) + fa.elu_backward(dy, x, 1.0)).mean()
    value = loss_like.compute()           # runs on the threaded scheduler
    x_np = x.compute()
    expect = (fa.leaky_relu(x_np, 0.01) + fa.elu_backward(np.ones_like(x_np), x_np, 1.0)).mean()
    print(f"(leaky_relu(x, 0.01) + elu_backward(1, x, 1.0)).mean().compute() = {value:.6f}")
    print(f"  same on the NumPy array:                                 {expect:.6f}")

    relu_ok = bool(np.array_equal(fa.relu(x).compute(), fa.relu(x_np)))
    print(f"fa.relu chunk by chunk equals fa.relu on the whole array: {relu_ok}")

    # alpha broadcasts like any ufunc input: one slope per column (PReLU).
    alpha = np.linspace(0.01, 0.3, n, dtype=np.float32)
    prelu = fa.leaky_relu(x, alpha)
    prelu_ok = bool(np.array_equal(prelu.compute(), fa.leaky_relu(x_np, alpha)))
    print(f"PReLU with a NumPy alpha of shape {alpha.shape} broadcasts: {prelu_ok}")

    # out= with another Dask array is accepted: it rebinds that array's graph
    # (nothing is written in place, Dask arrays are immutable).
    z = da.zeros_like(x)
    fa.relu(x, out=z)
    out_dask_ok = bool(np.array_equal(z.compute(), fa.relu(x_np)))
    print(f"fa.relu(x, out=<dask array>) works (it rebinds the graph): {out_dask_ok}")

    section("What does not work through Dask")
    failures = {}
    buf = np.empty(x.shape, dtype=x.dtype)
    try:
        fa.relu(x, out=buf)
    except Exception as e:                # Dask raises NotImplementedError
        failures["out_numpy"] = type(e).__name__
        print(f"fa.relu(x, out=<numpy array>)  -> {type(e).__name__}: {e}")
    try:
        fa.relu.at(x, [0, 1])
    except Exception as e:                # __array_ufunc__ returns NotImplemented
        failures["at"] = type(e).__name__
        print(f"fa.relu.at(x, [0, 1])          -> {type(e).__name__}: {e}")
    print("Compute first (x.compute()), or use map_blocks with a function that")
    print("works on a private copy of each NumPy block:")

    def relu_first_rows_of_block(b):
        b = b.copy()                 # never modify a Dask chunk in place
        fa.relu.at(b, [0, 1])        # ufunc.at on the NumPy block
        return b

    # meta= tells Dask the result type, so it does not probe the function
    # with an empty block (where .at([0, 1]) would index out of bounds)
    y2 = x.map_blocks(relu_first_rows_of_block, dtype=x.dtype,
                      meta=np.empty((0, 0), x.dtype))
    expect2 = x_np.copy()
    for r in range(0, n, chunk):
        fa.relu.at(expect2, [r, r + 1])
    mb_ok = bool(np.array_equal(y2.compute(), expect2))
    print(f"x.map_blocks(<copy, then fa.relu.at>) matches NumPy: {mb_ok}")
    with dask.config.set(scheduler="synchronous"):
        sync_ok = bool(np.array_equal(fa.relu_grad(x[:10, :10]).compute(),
                                      fa.relu_grad(x_np[:10, :10])))
    return {"lazy": type(y).__name__ == "Array", "value": float(value),
            "expect": float(expect), "relu_ok": relu_ok, "prelu_ok": prelu_ok,
            "out_dask_ok": out_dask_ok, "map_blocks_ok": mb_ok, "sync_ok": sync_ok,
            "failures": failures}


# --------------------------------------------------------------------------
def distributed_cluster(workers=2, processes=False, n=4000, chunk=1000):
    """The same graph on a dask.distributed LocalCluster, closed at the end."""
    import dask.array as da
    from dask.distributed import Client, LocalCluster

    section(f"2. dask.distributed: a LocalCluster of {workers} "
            f"{'processes' if processes else 'threads (processes=False)'}")
    # Worker processes talk over TCP on the loopback address only; threads
    # (processes=False) use Dask's in-process transport.
    net = {"host": "127.0.0.1"} if processes else {}
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=processes,
                      dashboard_address=None, **net) as cluster, \
            Client(cluster) as client:
        print(f"workers: {len(client.scheduler_info()['workers'])}")
        x = da.random.default_rng(1).standard_normal((n, n), chunks=(chunk, chunk),
                                                     dtype=np.float32)
        dy = da.random.default_rng(2).standard_normal((n, n), chunks=(chunk, chunk),
                                                      dtype=np.float32)
        # a forward and a backward pass over 16 chunks, spread over the workers
        a = fa.elu(x, 1.0)
        dx = fa.elu_backward(dy, x, 1.0)
        total = client.compute((a.sum(), (dx * dx).sum()))
        a_sum, dx_sq = (float(v) for v in client.gather(total))
        print(f"elu(x, 1.0).sum() = {a_sum:.2f},  (elu_backward(dy, x, 1.0)**2).sum() = {dx_sq:.2f}")

        # The ufunc itself travels to the workers (fastact ufuncs pickle by name).
        block = np.linspace(-3, 3, 7)
        fut = client.submit(fa.leaky_relu, block, 0.1)
        remote = fut.result()
        print(f"client.submit(fa.leaky_relu, {np.array2string(block)}, 0.1).result() ->")
        print(f"  {np.array2string(remote)}")
        x_np, dy_np = x.compute(), dy.compute()
        ok = (np.isclose(a_sum, fa.elu(x_np, 1.0).sum(dtype=np.float64), rtol=1e-4)
              and np.isclose(dx_sq, (fa.elu_backward(dy_np, x_np, 1.0) ** 2).sum(dtype=np.float64),
                             rtol=1e-4)
              and np.array_equal(remote, fa.leaky_relu(block, 0.1)))
    print(f"cluster results match NumPy: {bool(ok)}; cluster closed")
    return {"ok": bool(ok)}


# --------------------------------------------------------------------------
def xarray_objects():
    """fastact on labelled xarray DataArrays, eager and Dask-backed."""
    import xarray as xr

    section("3. xarray: labels are kept")
    rng = np.random.default_rng(3)
    t = xr.DataArray(rng.standard_normal((3, 4)).astype(np.float32),
                     dims=("layer", "unit"),
                     coords={"layer": ["conv1", "conv2", "fc"], "unit": np.arange(4)},
                     name="preact")
    y = fa.leaky_relu(t, 0.1)
    print(f"fa.leaky_relu(DataArray, 0.1) -> {type(y).__name__} dims={y.dims}, "
          f"layer={y.layer.values.tolist()}")
    print(y.round(3).to_pandas())

    # alpha as a DataArray broadcasts by dimension name: one slope per layer.
    alpha = xr.DataArray([0.0, 0.1, 0.2], dims="layer",
                         coords={"layer": ["conv1", "conv2", "fc"]})
    py = fa.leaky_relu(t, alpha)
    by_name_ok = bool(np.array_equal(
        py.values, fa.leaky_relu(t.values, alpha.values[:, None])))
    print(f"alpha as a DataArray over 'layer' broadcasts by name: {by_name_ok}")

    lazy_ok = None
    try:
        import dask  # noqa: F401
        tc = t.chunk({"layer": 1})
        ly = fa.elu(tc, 1.0)
        lazy = type(ly.data).__module__.startswith("dask")
        lazy_ok = lazy and bool(np.array_equal(ly.compute().values, fa.elu(t.values, 1.0)))
        print(f"on a Dask-backed DataArray the result stays lazy: {lazy}; "
              f"computed values match: {lazy_ok}")
    except ImportError:
        print("(dask not installed: skipped the Dask-backed DataArray)")
    return {"type": type(y).__name__, "dims": y.dims,
            "values_ok": bool(np.array_equal(y.values, fa.leaky_relu(t.values, 0.1))),
            "by_name_ok": by_name_ok, "lazy_ok": lazy_ok}


# --------------------------------------------------------------------------
def pandas_objects():
    """fastact on pandas Series and DataFrames: index and columns are kept."""
    import pandas as pd

    section("4. pandas: index and columns are kept")
    s = pd.Series([-2.0, -0.5, 0.0, 1.5, np.nan], index=list("abcde"), name="z")
    r = fa.relu(s)
    print(f"fa.relu(Series) -> {type(r).__name__}")
    print(pd.DataFrame({"z": s, "relu": r, "relu_grad": fa.relu_grad(s),
                        "elu": fa.elu(s, 1.0)}))

    df = pd.DataFrame({"w1": [-1.0, 2.0, -3.0], "w2": [0.5, -0.25, 4.0]},
                      index=["x", "y", "z"])
    out = fa.leaky_relu(df, 0.01)
    print(f"fa.leaky_relu(DataFrame, 0.01) -> {type(out).__name__}")
    print(out)

    # Two Series are aligned on their index before the ufunc runs.
    dy = pd.Series([1.0, 1.0, 1.0], index=["c", "d", "b"])
    g = fa.relu_backward(dy, s)
    print("fa.relu_backward(dy, z) with dy on index c, d, b aligns on the index")
    print("(a: dy is missing, but z <= 0 selects 0; e: z is NaN, so NaN):")
    print(g)
    return {"series": type(r).__name__, "frame": type(out).__name__,
            "index_ok": list(r.index) == list("abcde"),
            "frame_ok": bool(np.array_equal(out.values, fa.leaky_relu(df.values, 0.01))),
            "aligned_index": sorted(g.index), "nan_ok": bool(np.isnan(r["e"]))}


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--processes", action="store_true",
                   help="LocalCluster of worker processes instead of threads")
    p.add_argument("--size", type=int, default=4000, help="the arrays are size x size")
    args = p.parse_args(argv)
    print(f"fastact SIMD path: {fa.show_config(mode='dicts')['chosen']}")
    results = {
        "dask": dask_arrays(n=args.size, chunk=args.size // 4),
        "distributed": distributed_cluster(args.workers, args.processes,
                                           n=args.size, chunk=args.size // 4),
        "xarray": xarray_objects(),
        "pandas": pandas_objects(),
    }
    return results


if __name__ == "__main__":
    main()
