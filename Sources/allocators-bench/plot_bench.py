#!/usr/bin/env python3
"""Draws the benchmark chart from allocators-bench's results.json with matplotlib.

One panel per trace: a bar per backend for the median ns/op (log scale) and a
dot for its p99.99 per-op latency. Usage: plot_bench.py RESULTS.json OUT.png
"""
import json
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

FAMILY_COLORS = {"peer": "#8c8c8c", "ours": "#1f77b4"}


def main(argv):
    if len(argv) != 3:
        sys.exit("usage: plot_bench.py RESULTS.json OUT.png|OUT.svg")
    with open(argv[1]) as f:
        data = json.load(f)
    meta, results = data["meta"], data["results"]
    traces = []
    for r in results:
        if r["trace"] not in traces:
            traces.append(r["trace"])
    if not traces:
        sys.exit("no results to plot")
    cols = 2 if len(traces) > 1 else 1
    rows = (len(traces) + cols - 1) // cols
    fig, axes = plt.subplots(rows, cols, figsize=(6.5 * cols, 0.5 + 2.6 * rows), squeeze=False)
    for ax in axes.flat[len(traces):]:
        ax.axis("off")
    for ax, trace in zip(axes.flat, traces):
        rows_ = [r for r in results if r["trace"] == trace and r["ns_per_op"] is not None]
        names = [r["backend"] for r in rows_]
        ns = [r["ns_per_op"] for r in rows_]
        tails = [r["p99_99_ns"] for r in rows_]
        colors = [FAMILY_COLORS.get(r["family"], "#2ca02c") for r in rows_]
        y = list(range(len(rows_)))
        ax.barh(y, ns, color=colors, label="median ns/op")
        ax.scatter([max(t or 0, 0.5) for t in tails], y, color="#d62728", marker="|", s=120, zorder=3, label="p99.99 ns")
        for yi, (v, r) in enumerate(zip(ns, rows_)):
            note = f"{v:,.1f}" if v < 100 else f"{v:,.0f}"
            if r.get("misaligned"):
                note += f"  ({r['misaligned']} misaligned)"
            if r.get("check_failures"):
                note += f"  ({r['check_failures']} failed)"
            ax.text(v, yi, " " + note, va="center", fontsize=7)
        ax.set_yticks(y, names, fontsize=8)
        ax.invert_yaxis()
        ax.set_xscale("log")
        ax.set_title(trace, fontsize=10)
        ax.tick_params(axis="x", labelsize=7)
        ax.grid(axis="x", which="major", alpha=0.3)
    axes.flat[0].legend(fontsize=7, loc="lower right")
    fig.suptitle(f"allocators-bench ({meta.get('mode', '')}): ns per op, log scale; {meta.get('machine', '')}", fontsize=10)
    fig.tight_layout()
    fig.savefig(argv[2], dpi=110)
    print(f"wrote {argv[2]}")


if __name__ == "__main__":
    main(sys.argv)
