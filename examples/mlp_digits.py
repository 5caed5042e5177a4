#!/usr/bin/env python
"""Train a small multilayer perceptron on handwritten digits with fastact.

The network is plain NumPy: two hidden layers, softmax cross-entropy, minibatch
SGD with momentum. Its activations use fastact's forward ufuncs (``relu``,
``leaky_relu`` or ``elu``) and, in the backward pass, the fused ``*_backward``
ufuncs, which turn "upstream gradient times derivative" into one pass over
memory. The same network is trained side by side with the textbook NumPy
spelling (``np.maximum`` / ``np.where``) from the same initial weights and the
same minibatch order, and the time per epoch of both is printed.

The data is scikit-learn's bundled copy of the UCI handwritten digits
(1797 images of 8x8 pixels, 10 classes): it ships inside the scikit-learn
package, so nothing is downloaded.

Run::

    python examples/mlp_digits.py                 # 30 epochs, relu
    python examples/mlp_digits.py --activation elu --epochs 40 --seed 1
    python examples/mlp_digits.py --quick         # 8 epochs, a smoke test

Requires: numpy, fastact, scikit-learn (``pip install fastact[examples]``).
"""
import argparse
import os
import sys
import time

import numpy as np

import fastact

DTYPE = np.float32
LEAKY_ALPHA = 0.01   # the conventional leaky_relu slope
ELU_ALPHA = 1.0      # the conventional elu alpha


# --------------------------------------------------------------------------
# The activations: (forward(z), backward(dy, z)) pairs. backward returns
# dL/dz given dL/da = dy, where a = forward(z).
# --------------------------------------------------------------------------
def fastact_activation(name):
    if name == "relu":
        return fastact.relu, fastact.relu_backward
    if name == "leaky_relu":
        return (lambda z: fastact.leaky_relu(z, LEAKY_ALPHA),
                lambda dy, z: fastact.leaky_relu_backward(dy, z, LEAKY_ALPHA))
    if name == "elu":
        return (lambda z: fastact.elu(z, ELU_ALPHA),
                lambda dy, z: fastact.elu_backward(dy, z, ELU_ALPHA))
    raise ValueError(name)


def numpy_activation(name):
    """The same activations as most NumPy code writes them."""
    if name == "relu":
        return (lambda z: np.maximum(z, 0),
                lambda dy, z: np.where(z > 0, dy, 0))
    if name == "leaky_relu":
        a = LEAKY_ALPHA
        return (lambda z: np.where(z > 0, z, z * a),
                lambda dy, z: np.where(z > 0, dy, dy * a))
    if name == "elu":
        a = ELU_ALPHA
        # min(z, 0) keeps expm1/exp of the unused branch from overflowing.
        return (lambda z: np.where(z > 0, z, a * np.expm1(np.minimum(z, 0))),
                lambda dy, z: np.where(z > 0, dy, dy * (a * np.exp(np.minimum(z, 0)))))
    raise ValueError(name)


# --------------------------------------------------------------------------
# The network
# --------------------------------------------------------------------------
class MLP:
    """A fully connected network: sizes[0] -> ... -> sizes[-1] (softmax)."""

    def __init__(self, sizes, forward, backward, rng):
        self.forward_act, self.backward_act = forward, backward
        self.W, self.b = [], []
        for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
            # He initialisation, suited to rectifiers.
            self.W.append((rng.standard_normal((fan_in, fan_out))
                           * np.sqrt(2.0 / fan_in)).astype(DTYPE))
            self.b.append(np.zeros(fan_out, dtype=DTYPE))
        self.vW = [np.zeros_like(w) for w in self.W]
        self.vb = [np.zeros_like(b) for b in self.b]
        self.act_seconds = 0.0   # time spent inside the activation calls

    def copy_weights_from(self, other):
        self.W = [w.copy() for w in other.W]
        self.b = [b.copy() for b in other.b]

    def _act(self, z):
        t = time.perf_counter()
        a = self.forward_act(z)
        self.act_seconds += time.perf_counter() - t
        return a

    def _act_backward(self, dy, z):
        t = time.perf_counter()
        dz = self.backward_act(dy, z)
        self.act_seconds += time.perf_counter() - t
        return dz

    def forward(self, X):
        """Logits, plus what the backward pass needs: each layer's input and
        each hidden layer's pre-activation."""
        inputs, pre = [], []
        a = X
        for i, (W, b) in enumerate(zip(self.W, self.b)):
            inputs.append(a)
            z = a @ W + b
            if i == len(self.W) - 1:
                return z, inputs, pre
            pre.append(z)
            a = self._act(z)

    def predict(self, X):
        return np.argmax(self.forward(X)[0], axis=1)

    def train_step(self, X, y, lr, momentum, weight_decay):
        z, inputs, pre = self.forward(X)
        # softmax cross-entropy, numerically stable
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        n = X.shape[0]
        rows = np.arange(n)
        loss = -np.log(p[rows, y] + 1e-12).mean()
        dz = p
        dz[rows, y] -= 1
        dz /= n
        # backward, last layer first
        for i in range(len(self.W) - 1, -1, -1):
            gW = inputs[i].T @ dz
            gW += weight_decay * self.W[i]
            gb = dz.sum(axis=0)
            if i > 0:
                da = dz @ self.W[i].T
                dz = self._act_backward(da, pre[i - 1])   # fused: da * f'(z)
            # SGD with momentum
            self.vW[i] *= momentum
            self.vW[i] -= lr * gW
            self.vb[i] *= momentum
            self.vb[i] -= lr * gb
            self.W[i] += self.vW[i]
            self.b[i] += self.vb[i]
        return float(loss)


# --------------------------------------------------------------------------
# Data, training loop, report
# --------------------------------------------------------------------------
def load_data(seed):
    from sklearn.datasets import load_digits   # bundled with scikit-learn
    from sklearn.model_selection import train_test_split

    X, y = load_digits(return_X_y=True)
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=0.25, stratify=y, random_state=seed)
    mean, std = X_train.mean(axis=0), X_train.std(axis=0) + 1.0
    X_train = ((X_train - mean) / std).astype(DTYPE)
    X_test = ((X_test - mean) / std).astype(DTYPE)
    return X_train, X_test, y_train, y_test


def run_epoch(net, X, y, order, batch_size, lr, momentum, weight_decay):
    t0 = time.perf_counter()
    act0 = net.act_seconds
    losses = []
    for start in range(0, len(order), batch_size):
        idx = order[start:start + batch_size]
        losses.append(net.train_step(X[idx], y[idx], lr, momentum, weight_decay))
    return float(np.mean(losses)), time.perf_counter() - t0, net.act_seconds - act0


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--activation", choices=["relu", "leaky_relu", "elu"], default="relu")
    p.add_argument("--epochs", type=int, default=30)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--hidden", type=int, default=256, help="width of both hidden layers")
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--lr", type=float, default=0.05)
    p.add_argument("--momentum", type=float, default=0.9)
    p.add_argument("--weight-decay", type=float, default=1e-4)
    p.add_argument("--quick", action="store_true",
                   help="a short run (8 epochs unless --epochs is given) for smoke tests")
    p.add_argument("--blas-threads", type=int, default=1,
                   help="threads for the matrix products (default 1: steadier timings; "
                        "these matrices are too small to gain from more); 0 leaves BLAS alone")
    p.add_argument("--no-baseline", action="store_true",
                   help="train only the fastact network")
    p.add_argument("--min-accuracy", type=float, default=None,
                   help="exit with status 1 below this test accuracy "
                        "(default 0.95, or 0.90 with --quick)")
    args = p.parse_args(argv)
    if args.quick and "--epochs" not in (argv if argv is not None else sys.argv[1:]):
        args.epochs = 8
    if args.min_accuracy is None:
        args.min_accuracy = 0.90 if args.quick else 0.95
    return args


def main(argv=None):
    args = parse_args(argv)
    if args.blas_threads > 0:
        try:   # threadpoolctl comes with scikit-learn
            from threadpoolctl import threadpool_limits
            with threadpool_limits(limits=args.blas_threads, user_api="blas"):
                return _main(args)
        except ImportError:
            pass
    return _main(args)


def cpu_name():
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    import platform
    return platform.processor() or platform.machine()


def _main(args):
    X_train, X_test, y_train, y_test = load_data(args.seed)
    sizes = [X_train.shape[1], args.hidden, args.hidden, 10]

    nets = {"fastact": MLP(sizes, *fastact_activation(args.activation),
                           np.random.default_rng(args.seed))}
    if not args.no_baseline:
        nets["numpy"] = MLP(sizes, *numpy_activation(args.activation),
                            np.random.default_rng(args.seed))
        nets["numpy"].copy_weights_from(nets["fastact"])   # same starting point

    cfg = fastact.show_config(mode="dicts")
    print(f"fastact {getattr(fastact, '__version__', '?')} (SIMD path: {cfg['chosen']}), "
          f"numpy {np.__version__}")
    print(f"machine: {cpu_name()}, {os.cpu_count()} logical CPUs; "
          f"BLAS threads: {args.blas_threads or 'default'}")
    print(f"digits: {len(X_train)} train / {len(X_test)} test images, 8x8 px, 10 classes")
    print(f"network: {' -> '.join(map(str, sizes))}, activation {args.activation}, "
          f"{np.dtype(DTYPE).name}, batch {args.batch_size}, lr {args.lr}, "
          f"momentum {args.momentum}, {args.epochs} epochs, seed {args.seed}")
    print()
    hdr = f"{'epoch':>5} {'loss':>8} {'test acc':>9} {'fastact s/epoch':>16}"
    if "numpy" in nets:
        hdr += f" {'numpy s/epoch':>14}"
    print(hdr)

    shuffle = np.random.default_rng(args.seed + 1)
    times = {k: [] for k in nets}
    act_times = {k: [] for k in nets}
    for epoch in range(1, args.epochs + 1):
        order = shuffle.permutation(len(X_train))   # same order for both networks
        loss = None
        # alternate which network goes first, so neither always gets the warm caches
        names = list(nets) if epoch % 2 else list(nets)[::-1]
        for name in names:
            net = nets[name]
            ep_loss, seconds, act_seconds = run_epoch(
                net, X_train, y_train, order, args.batch_size, args.lr,
                args.momentum, args.weight_decay)
            times[name].append(seconds)
            act_times[name].append(act_seconds)
            if name == "fastact":
                loss = ep_loss
        acc = float(np.mean(nets["fastact"].predict(X_test) == y_test))
        line = f"{epoch:5d} {loss:8.4f} {acc:9.2%} {times['fastact'][-1]:16.4f}"
        if "numpy" in nets:
            line += f" {times['numpy'][-1]:14.4f}"
        print(line, flush=True)

    result = {
        "activation": args.activation,
        "epochs": args.epochs,
        "test_accuracy": acc,
        "train_accuracy": float(np.mean(nets["fastact"].predict(X_train) == y_train)),
        "epoch_seconds": {k: float(np.median(v)) for k, v in times.items()},
        "activation_seconds": {k: float(np.median(v)) for k, v in act_times.items()},
    }
    print()
    print(f"final test accuracy (fastact network): {acc:.2%} "
          f"(train {result['train_accuracy']:.2%})")
    if "numpy" in nets:
        acc_np = float(np.mean(nets["numpy"].predict(X_test) == y_test))
        result["numpy_test_accuracy"] = acc_np
        diff = max(float(np.max(np.abs(a - b)))
                   for a, b in zip(nets["fastact"].W, nets["numpy"].W))
        result["max_weight_difference"] = diff
        print(f"final test accuracy (numpy network):   {acc_np:.2%}; "
              f"largest weight difference between the two: {diff:.3g}")
        e, a = result["epoch_seconds"], result["activation_seconds"]
        print(f"median time per epoch:            fastact {e['fastact'] * 1e3:8.2f} ms"
              f"   numpy {e['numpy'] * 1e3:8.2f} ms   ({e['numpy'] / e['fastact']:.2f}x)")
        print(f"  of which activations (fwd+bwd): fastact {a['fastact'] * 1e3:8.2f} ms"
              f"   numpy {a['numpy'] * 1e3:8.2f} ms   ({a['numpy'] / a['fastact']:.2f}x)")
    ok = acc >= args.min_accuracy
    print(f"target test accuracy >= {args.min_accuracy:.0%}: {'reached' if ok else 'NOT reached'}")
    result["ok"] = ok
    return result


if __name__ == "__main__":
    sys.exit(0 if main()["ok"] else 1)
