"""Rendering of benchmarks/report.py's measurements: text and markdown tables, the
legend of what each peer runs, and the throughput plot (matplotlib).

Everything here works on the saved records (the ``results`` and ``floors`` lists
that ``--json`` writes), so ``--from-json`` redraws a run without measuring.
"""

import math
import platform
from pathlib import Path


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith(("model name", "Hardware", "Model")):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def fmt_time(s):
    if s is None or not math.isfinite(s):
        return "-"
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("us", 1e-6), ("ns", 1e-9)):
        if s >= scale:
            return f"{s / scale:.3g} {unit}"
    return f"{s / 1e-9:.3g} ns"


def fmt_n(n):
    e = math.log10(n)
    if e == int(e):
        return f"1e{int(e)}"
    m, x = f"{n:.3g}".split("e+") if "e+" in f"{n:.3g}" else (f"{n:.3g}", None)
    return f"{m}e{int(x)}" if x is not None else m


# A cell is flagged noisy when the interquartile range of its samples is wider than
# this fraction of the median.
NOISY = 0.10


def rows_for(results, peers):
    """Table rows: [ufunc, dtype, n, fastact, GB/s, peer cells...]."""
    rows = []
    for r in results:
        t_fa = r["time"].get("fastact")
        stats = r.get("stats", {})

        def noisy(peer):
            return " ~" if stats.get(peer, {}).get("spread", 0.0) > NOISY else ""

        row = [r["name"], r["dtype"], fmt_n(r["n"]), fmt_time(t_fa) + noisy("fastact"),
               f"{r['bytes'] / t_fa / 1e9:.2f}" if t_fa else "-"]
        for peer in peers[1:]:
            t = r["time"].get(peer)
            if t is None:
                row.append("skipped" if peer in r.get("skipped", {}) else "-")
                continue
            flag = noisy(peer) + ("" if r["ok"].get(peer, True) else " !")
            ratio = f"{t / t_fa:.2f}x" if t_fa else "?"
            row.append(f"{fmt_time(t)} ({ratio}){flag}")
        rows.append(row)
    return rows


def floor_rows(floors):
    rows = []
    for f in floors:
        row = [f["dtype"], fmt_n(f["n"])]
        for key in ("np.negative", "np.copyto"):
            t = f["time"][key]
            row.append(f"{fmt_time(t)} ({f['bytes'] / t / 1e9:.2f} GB/s)")
        rows.append(row)
    return rows


def text_table(headers, rows, group_col=None):
    widths = [max(len(str(c)) for c in col) for col in zip(headers, *rows)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths))
    out = [line, "-" * len(line)]
    prev = None
    for row in rows:
        if group_col is not None and prev is not None and row[group_col] != prev:
            out.append("")
        prev = row[group_col] if group_col is not None else None
        out.append("  ".join(str(c).ljust(w) for c, w in zip(row, widths)))
    return "\n".join(out)


def md_table(headers, rows):
    out = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(out)


def idiom_legend(results, peers):
    """One line per ufunc: what each peer other than fastact runs (the table's
    expressions, in the role names)."""
    desc = {}  # name -> {peer: label}, from every case (a peer may skip some)
    for r in results:
        for p, d in r["desc"].items():
            desc.setdefault(r["name"], {}).setdefault(p, d)
    lines = []
    for name, d in desc.items():
        parts = [f"{p}: {d[p]}" for p in peers[1:] if p in d]
        lines.append(f"{name:<25} " + "; ".join(parts))
    return lines


def cache_levels():
    """[(label, bytes)] of the data caches of CPU 0 (Linux sysfs), e.g. L1d, L2, L3."""
    out = []
    base = Path("/sys/devices/system/cpu/cpu0/cache")
    try:
        for d in sorted(base.glob("index*")):
            kind = (d / "type").read_text().strip()
            if kind not in ("Data", "Unified"):
                continue
            level = (d / "level").read_text().strip()
            size = (d / "size").read_text().strip().upper()
            mult = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}.get(size[-1:], 1)
            nbytes = int(size.rstrip("KMG")) * mult
            out.append((f"L{level}{'d' if kind == 'Data' else ''} {size}", nbytes))
    except (OSError, ValueError):
        return []
    return out


def write_plot(path, results, floors, peers, dtypes, plot_ufuncs, title=None,
               caches=None):
    """GB/s against n: one panel per plotted ufunc and dtype, every peer, the
    interquartile band of each line, np.copyto (the ceiling) and np.negative, and
    dash-dotted verticals where the working set (inputs + output) fills each cache level."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    caches = cache_levels() if caches is None else caches
    names = [n for n in plot_ufuncs if any(r["name"] == n for r in results)]
    fig, axes = plt.subplots(len(dtypes), max(1, len(names)), squeeze=False,
                             figsize=(4.8 * max(1, len(names)), 3.8 * len(dtypes)),
                             sharex=True)
    styles = {"fastact": dict(color="tab:red", marker="o", lw=2.2),
              "numpy": dict(color="tab:blue", marker="s"),
              "numba": dict(color="tab:green", marker="^"),
              "torch": dict(color="tab:orange", marker="D"),
              "jax": dict(color="tab:purple", marker="v")}

    def band(ax, ns, nbytes, stats, color):
        lo = [b / s["q75"] / 1e9 for b, s in zip(nbytes, stats)]
        hi = [b / s["q25"] / 1e9 for b, s in zip(nbytes, stats)]
        ax.fill_between(ns, lo, hi, color=color, alpha=0.15, lw=0)

    for i, dtype in enumerate(dtypes):
        fl = sorted((f for f in floors if f["dtype"] == dtype), key=lambda f: f["n"])
        for j, name in enumerate(names):
            ax = axes[i][j]
            rs = sorted((r for r in results if r["name"] == name and r["dtype"] == dtype),
                        key=lambda r: r["n"])
            many = len(rs) > 8
            for peer in peers:
                sel = [r for r in rs if peer in r["time"]]
                if not sel:
                    continue
                ns = [r["n"] for r in sel]
                style = dict(styles.get(peer, {}))
                if many:
                    style["ms"] = 3
                label = peer if peer == "fastact" else f"{peer}: {sel[0]['desc'][peer]}"
                if sel[-1]["n"] < rs[-1]["n"]:
                    label += f" (skipped above n={fmt_n(sel[-1]['n'])})"
                ax.plot(ns, [r["bytes"] / r["time"][peer] / 1e9 for r in sel],
                        label=label, **style)
                if all("stats" in r and peer in r["stats"] for r in sel):
                    band(ax, ns, [r["bytes"] for r in sel], [r["stats"][peer] for r in sel],
                         style.get("color", "0.5"))
            if fl:
                ns = [f["n"] for f in fl]
                ax.plot(ns, [f["bytes"] / f["time"]["np.copyto"] / 1e9 for f in fl],
                        color="k", ls="--", lw=1.6,
                        label="np.copyto(out, x): copy-bandwidth ceiling")
                ax.plot(ns, [f["bytes"] / f["time"]["np.negative"] / 1e9 for f in fl],
                        color="0.5", ls=":", label="np.negative(x): allocating floor")
                if all("stats" in f for f in fl):
                    band(ax, ns, [f["bytes"] for f in fl],
                         [f["stats"]["np.copyto"] for f in fl], "k")
            if rs:
                per_elem = rs[0]["bytes"] / rs[0]["n"]
                lo_n, hi_n = rs[0]["n"], rs[-1]["n"]
                for label, nbytes in caches:
                    at = nbytes / per_elem
                    if lo_n <= at <= hi_n:
                        ax.axvline(at, color="0.6", ls="-.", lw=0.8)
                        ax.annotate(label, (at, 1.0), xycoords=("data", "axes fraction"),
                                    xytext=(2, -2), textcoords="offset points",
                                    fontsize=6.5, color="0.35", va="top", rotation=90)
            ax.set_xscale("log")
            ax.set_title(f"{name}, {dtype}")
            ax.grid(True, which="both", alpha=0.3)
            if j == 0:
                ax.set_ylabel("GB/s (bytes read + written)")
            if i == len(dtypes) - 1:
                ax.set_xlabel("array size n (elements); verticals: working set = cache size")
            ax.legend(fontsize=6, loc="best")
            ax.set_ylim(bottom=0)
    fig.suptitle(title or f"fastact throughput vs array size ({cpu_model()})", fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def sweep_rows(results, floors, plot_ufuncs, dtype):
    """GB/s of fastact (and np.copyto) at every swept size of one dtype."""
    names = [u for u in plot_ufuncs if any(r["name"] == u for r in results)]
    by = {(r["name"], r["n"]): r for r in results if r["dtype"] == dtype}
    fl = {f["n"]: f for f in floors if f["dtype"] == dtype}
    rows = []
    for n in sorted(fl):
        row = [fmt_n(n), f"{fl[n]['bytes'] / fl[n]['time']['np.copyto'] / 1e9:.2f}"]
        for u in names:
            r = by.get((u, n))
            t = r["time"].get("fastact") if r else None
            row.append(f"{r['bytes'] / t / 1e9:.2f}" if t else "-")
        rows.append(row)
    return ["n", "np.copyto"] + [f"{u} (fastact)" for u in names], rows
