#!/usr/bin/env python3
"""What each hardening check costs, in instructions per operation.

Reads the instruction runs of `make bench-check-costs`: DIR/DEFAULT (every
check on) and one DIR/<CHECK> per measurement build with that check left out
(`-DALLOCATORS_COST_WITHOUT_<CHECK>`, see Sources/Allocators/Core/
HardeningChecks.swift), each DIR/X/instructions/results.json as
`allocators-bench --instructions` writes it. Prints a Markdown table per
backend: the default count per op, then per check the default count less the
count without it, and the count with every check left out (ALL).
"""
import json
import sys
from pathlib import Path

CHECKS = [
    ("REGION_LOOKUP", "region lookup"),
    ("FREED_HEADER", "freed header"),
    ("FREE_ARGUMENTS", "size, alignment"),
    ("LINKS", "links"),
    ("NEIGHBOUR_HEADERS", "neighbour headers"),
]


def load(path):
    rows = json.loads(path.read_text())["results"]
    return {(r["trace"], r["backend"]): r for r in rows if r.get("skipped") is None and r["backend"] != "empty"}


def main():
    root = Path(sys.argv[1])
    default = load(root / "DEFAULT" / "instructions" / "results.json")
    variants = {name: load(root / name / "instructions" / "results.json") for name, _ in CHECKS + [("ALL", "")]}
    backends = sorted({b for _, b in default}, key=lambda b: (b != "TLSF", b))
    traces = []
    for t, _ in default:
        if t not in traces:
            traces.append(t)
    for backend in backends:
        print(f"**{backend}**: instructions per op with every check on, what each check costs "
              "(that count less the count of the build without it), and the count with none\n")
        print("| trace | every check | " + " | ".join(label for _, label in CHECKS) + " | sum | no check |")
        print("|---|---:|" + "---:|" * (len(CHECKS) + 2))
        for trace in traces:
            base = default.get((trace, backend))
            if base is None:
                continue
            full = base["instructions_per_op"]
            costs = [full - variants[name][(trace, backend)]["instructions_per_op"] for name, _ in CHECKS]
            none = variants["ALL"][(trace, backend)]["instructions_per_op"]
            cells = " | ".join(f"{c:.1f}" for c in costs)
            print(f"| {trace} | {full:.1f} | {cells} | {sum(costs):.1f} | {none:.1f} |")
        print()


if __name__ == "__main__":
    main()
