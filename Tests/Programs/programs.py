#!/usr/bin/env python3
"""Real programs on libAllocatorsMalloc.so: the program tests and the
whole-program benchmark.

  programs.py test --lib LIB [--planted NAME=LIB ...] [--api-test BIN] [--workload BIN]
      Runs each program at its test size on glibc and with LD_PRELOAD=LIB and
      requires the same standard output and exit status; runs the C API test
      (BIN) with LD_PRELOAD=LIB and requires it to pass. Then every planted
      variant must fail at least one of those checks. Prints "N passed, N failed".
  programs.py bench --lib NAME=LIB ... [--runs N] [--out DIR]
      Runs each program at its benchmark size (plus the Swift compiler
      building a small package, -j 1 and -j 2) under each allocator (NAME=
      with no path is glibc), RUNS times each, interleaved; reports the median
      wall time and the median peak RSS (wait4's ru_maxrss: the largest
      process of the run's tree), and each as a ratio to glibc's, in
      DIR/results.md, results.json and chart.png. With --instructions, also
      the instructions (callgrind) of the single-process programs at their
      test size: repeatable, unlike times on a shared machine.
"""
import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

# A test run (seconds on glibc) that takes this long has hung: it fails.
TEST_TIMEOUT = 60
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


class Program:
    """A command run in a fresh temporary directory; `stdin` is text or None."""

    def __init__(self, name, argv, env=None, stdin=None, compare=True):
        self.name, self.argv, self.env, self.stdin, self.compare = name, argv, env or {}, stdin, compare


def sqlite_script(rows):
    with open(os.path.join(HERE, "workload.sql.in")) as f:
        return f.read().replace("@N@", str(rows))


def programs(bench, workload):
    """The programs, at the test size or the benchmark size; `workload` is
    the Swift workload's executable."""
    python_scale, swift_scale, git_scale, rows = (5, 12, 4, 300_000) if bench else (1, 1, 1, 20_000)
    result = [
        Program("python3", ["/usr/bin/python3", os.path.join(HERE, "workload.py"), str(python_scale)],
                env={"PYTHONMALLOC": "malloc", "PYTHONHASHSEED": "0"}),
        Program("sqlite3", ["/usr/bin/sqlite3", ":memory:"], stdin=sqlite_script(rows)),
        Program("git", ["/bin/sh", os.path.join(HERE, "workload-git.sh"), str(git_scale)]),
        Program("swift-workload", [workload, str(swift_scale)], env={"SWIFT_DETERMINISTIC_HASHING": "1"}),
    ]
    if bench:
        for jobs in (1, 2):
            result.append(Program(f"swift-build-j{jobs}", ["/bin/sh", os.path.join(HERE, "build-small-package.sh"), str(jobs)],
                                  compare=False))
    return result


def run(program, lib, timeout=600):
    """Runs `program` (with LD_PRELOAD=lib unless lib is None): exit status,
    standard output, standard error, wall seconds, peak RSS in KiB. A run
    longer than `timeout` seconds is killed (its status is then -9)."""
    env = dict(os.environ)
    env.pop("LD_PRELOAD", None)
    env.update(program.env)
    env["ALLOCATORS_ROOT"] = ROOT
    if lib:
        env["LD_PRELOAD"] = os.path.abspath(lib)
    with tempfile.TemporaryDirectory(prefix="malloc-program-") as cwd, \
            tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        stdin = subprocess.PIPE if program.stdin is not None else subprocess.DEVNULL
        start = time.perf_counter()
        process = subprocess.Popen(program.argv, cwd=cwd, env=env, stdin=stdin, stdout=out, stderr=err)
        killer = threading.Timer(timeout, process.kill)
        killer.start()
        try:
            if program.stdin is not None:
                try:
                    process.stdin.write(program.stdin.encode())
                    process.stdin.close()
                except BrokenPipeError:
                    pass
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            killer.cancel()
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return process.returncode, out.read(), err.read(), wall, usage.ru_maxrss


def check_against_glibc(programs_, lib, references, api_test, verbose):
    """Failures of `lib` on the programs and the API test, as messages."""
    failures = []
    for program in programs_:
        status, out, err, _, _ = run(program, lib, timeout=TEST_TIMEOUT)
        ref_status, ref_out, _ = references[program.name]
        if status != ref_status or out != ref_out:
            tail = err.decode(errors="replace").strip().splitlines()[-3:]
            failures.append(f"{program.name}: exit {status} (glibc {ref_status}), output "
                            f"{'same' if out == ref_out else 'differs'}; stderr: {' | '.join(tail)}")
        elif verbose:
            print(f"  ok {program.name}: exit {status}, {len(out)} bytes of output as on glibc")
    if api_test:
        status, out, err, _, _ = run(Program("api-test", [os.path.abspath(api_test)]), lib, timeout=TEST_TIMEOUT)
        if status != 0:
            tail = (out + err).decode(errors="replace").strip().splitlines()[-3:]
            failures.append(f"malloc-api-test: exit {status}: {' | '.join(tail)}")
        elif verbose:
            print(f"  ok malloc-api-test: {out.decode().strip().splitlines()[-1]}")
    return failures


def test(args):
    programs_ = programs(bench=False, workload=args.workload)
    references = {}
    for program in programs_:
        status, out, err, _, _ = run(program, None)
        if status != 0:
            sys.exit(f"{program.name} fails on glibc (exit {status}): {err.decode(errors='replace')[-500:]}")
        references[program.name] = (status, out, err)
    passed = failed = 0
    print(f"programs on {args.lib} against glibc:")
    failures = check_against_glibc(programs_, args.lib, references, args.api_test, verbose=True)
    for message in failures:
        print(f"  FAIL {message}")
    passed += len(programs_) + (1 if args.api_test else 0) - len(failures)
    failed += len(failures)
    for planted in args.planted:
        name, lib = planted.split("=", 1)
        caught = check_against_glibc(programs_, lib, references, args.api_test, verbose=False)
        if caught:
            passed += 1
            print(f"  ok planted bug {name} caught: {caught[0]}" + (f" (and {len(caught) - 1} more)" if len(caught) > 1 else ""))
        else:
            failed += 1
            print(f"  FAIL planted bug {name}: every program and the API test passed")
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


def bench(args):
    libs = [tuple(spec.split("=", 1)) for spec in args.lib]
    programs_ = [p for p in programs(bench=True, workload=args.workload) if not args.only or p.name in args.only]
    os.makedirs(args.out, exist_ok=True)
    samples = {(p.name, name): [] for p in programs_ for name, _ in libs}
    for program in programs_:
        reference = None
        for round_ in range(args.runs):
            for name, lib in libs:  # interleaved, so drift hits every allocator alike
                status, out, err, wall, rss = run(program, lib or None)
                if status != 0:
                    sys.exit(f"{program.name} on {name} failed (exit {status}): {err.decode(errors='replace')[-800:]}")
                if program.compare:
                    if reference is None:
                        reference = out
                    elif out != reference:
                        sys.exit(f"{program.name} on {name}: output differs from the first run's")
                samples[(program.name, name)].append((wall, rss))
                print(f"  {program.name:16} {name:9} run {round_ + 1}: {wall:7.3f} s, {rss / 1024:8.1f} MiB", flush=True)
    instructions = {}
    if args.instructions:
        # Instructions (callgrind), repeatable whatever else the machine runs:
        # the single-process programs at their test size.
        for program in programs(bench=False, workload=args.workload):
            if program.name not in INSTRUCTION_PROGRAMS or (args.only and program.name not in args.only):
                continue
            for name, lib in libs:
                instructions[(program.name, name)] = count_instructions(program, lib or None)
                print(f"  {program.name:16} {name:9} {instructions[(program.name, name)] / 1e9:.3f} G instructions", flush=True)
    results = []
    for program in programs_:
        base_wall = statistics.median(w for w, _ in samples[(program.name, libs[0][0])])
        base_rss = statistics.median(r for _, r in samples[(program.name, libs[0][0])])
        for name, _ in libs:
            walls = [w for w, _ in samples[(program.name, name)]]
            rsses = [r for _, r in samples[(program.name, name)]]
            wall, rss = statistics.median(walls), statistics.median(rsses)
            entry = {"program": program.name, "allocator": name, "wall_s": wall, "walls": walls,
                     "rss_kib": rss, "rsses": rsses, "wall_ratio": wall / base_wall, "rss_ratio": rss / base_rss}
            if (program.name, name) in instructions:
                entry["instructions"] = instructions[(program.name, name)]
                entry["instruction_ratio"] = instructions[(program.name, name)] / instructions[(program.name, libs[0][0])]
            results.append(entry)
    machine = describe_machine()
    with open(os.path.join(args.out, "results.json"), "w") as f:
        json.dump({"machine": machine, "runs": args.runs, "results": results}, f, indent=1)
    table = markdown(results, [name for name, _ in libs], machine, args.runs)
    with open(os.path.join(args.out, "results.md"), "w") as f:
        f.write(table)
    print(table)
    chart(results, [name for name, _ in libs], os.path.join(args.out, "chart.png"))


INSTRUCTION_PROGRAMS = ("python3", "sqlite3", "swift-workload")


def count_instructions(program, lib):
    """Instructions the program runs (valgrind's callgrind, user space)."""
    with tempfile.TemporaryDirectory(prefix="malloc-callgrind-") as out:
        counted = Program(program.name, ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}/callgrind.out",
                                         *program.argv], env=program.env, stdin=program.stdin)
        status, _, err, _, _ = run(counted, lib)
        if status != 0:
            sys.exit(f"{program.name} under callgrind failed (exit {status}): {err.decode(errors='replace')[-800:]}")
        totals = [line.split(":")[-1] for line in err.decode().splitlines() if "Collected :" in line]
        return int(totals[-1].strip())


def describe_machine():
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    glibc = platform.libc_ver()[1]
    return f"{cpu}, {os.cpu_count()} cores, Linux {platform.release()}, glibc {glibc}"


def markdown(results, names, machine, runs):
    lines = [f"Median of {runs} runs each; wall time in seconds and peak RSS in MiB, "
             f"each with its ratio to glibc's. Machine: {machine}.", "",
             "| program | " + " | ".join(f"{n} s | × | {n} MiB | ×" for n in names) + " |",
             "|---|" + "---:|" * (4 * len(names))]
    for program in dict.fromkeys(r["program"] for r in results):
        row = [program]
        for name in names:
            r = next(r for r in results if r["program"] == program and r["allocator"] == name)
            row += [f"{r['wall_s']:.3f}", f"{r['wall_ratio']:.2f}", f"{r['rss_kib'] / 1024:.1f}", f"{r['rss_ratio']:.2f}"]
        lines.append("| " + " | ".join(row) + " |")
    counted = [r for r in results if "instructions" in r]
    if counted:
        lines += ["", "Instructions (valgrind's callgrind; the test size of each program), "
                  "in billions, with the ratio to glibc's:", "",
                  "| program | " + " | ".join(f"{n} | ×" for n in names) + " |", "|---|" + "---:|" * (2 * len(names))]
        for program in dict.fromkeys(r["program"] for r in counted):
            row = [program]
            for name in names:
                r = next(r for r in counted if r["program"] == program and r["allocator"] == name)
                row += [f"{r['instructions'] / 1e9:.3f}", f"{r['instruction_ratio']:.3f}"]
            lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines) + "\n"


def chart(results, names, path):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib missing: no chart (make bench-deps installs it)")
        return
    programs_ = list(dict.fromkeys(r["program"] for r in results))
    figure, axes = plt.subplots(1, 2, figsize=(13, 4.8))
    width = 0.8 / len(names)
    for column, (key, title) in enumerate((("wall_ratio", "wall time / glibc"), ("rss_ratio", "peak RSS / glibc"))):
        ax = axes[column]
        for i, name in enumerate(names):
            values = [next(r[key] for r in results if r["program"] == p and r["allocator"] == name) for p in programs_]
            ax.bar([x + i * width for x in range(len(programs_))], values, width, label=name)
        ax.axhline(1.0, color="black", linewidth=0.8)
        ax.set_xticks([x + width * (len(names) - 1) / 2 for x in range(len(programs_))])
        ax.set_xticklabels(programs_, rotation=20, ha="right")
        ax.set_title(title + " (lower is better)")
    axes[0].legend()
    figure.tight_layout()
    figure.savefig(path, dpi=110)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    t = commands.add_parser("test")
    t.add_argument("--lib", required=True)
    t.add_argument("--planted", action="append", default=[])
    t.add_argument("--api-test")
    t.add_argument("--workload", default=os.path.join(ROOT, ".build", "debug", "malloc-workload"))
    b = commands.add_parser("bench")
    b.add_argument("--lib", action="append", required=True)
    b.add_argument("--runs", type=int, default=5)
    b.add_argument("--out", default=".build-bench-programs")
    b.add_argument("--only", action="append", default=[])
    b.add_argument("--instructions", action="store_true", help="also count instructions with callgrind (slow)")
    b.add_argument("--workload", default=os.path.join(ROOT, ".build", "release", "malloc-workload"))
    args = parser.parse_args()
    test(args) if args.command == "test" else bench(args)


main()
