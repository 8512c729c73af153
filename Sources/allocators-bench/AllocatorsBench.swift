import AllocatorsBenchKit
import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif

/// The order of the shared traces in TRACES.md; other traces follow by name.
let traceOrder = ["vec_push_3M", "vec_rand_free_25K_64", "vec_rand_free_7500_520", "btree_map_50K",
                  "small_rand_10K", "mixed_align", "rt_fifo_churn", "pages_1G"]

@main
struct AllocatorsBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "allocators-bench",
        abstract: "Replays allocation traces on this package's allocators and on glibc, jemalloc, mimalloc and tcmalloc.",
        discussion: """
            Per backend and trace: one untimed check pass (alignment, first and last byte stamped and \
            verified at free, no overlap, pool high-water), timed passes (each repeats the trace for at \
            least 30 ms; the median is reported), and a per-op latency pass (timer overhead subtracted). \
            Failures are counted, never fatal. With --instructions, instead: each trace in one worker \
            under valgrind's callgrind, per backend the check pass (not counted) and one replay counted \
            in instructions, the harness's own count (an empty backend) subtracted.
            """)

    @Argument(help: "Trace files to replay (default: every *.trace in --traces-dir).")
    var traces: [String] = []

    @Option(help: "Folder of .trace files used when no trace is given.")
    var tracesDir = "../shared/bench/traces"

    @Option(help: "Folder for results.csv, results.json and results.md.")
    var out = ".build-bench"

    @Option(help: "Comma-separated backend names to run (default: all but the harness and calibration ones, see --list-backends).")
    var backends: String?

    @Option(help: "Comma-separated trace names to run (default: all).")
    var only: String?

    @Flag(help: "A smoke run: one short pass and few latency samples per backend.")
    var quick = false

    @Flag(help: "Binary-search the smallest pool each pool allocator needs per trace.")
    var minPool = false

    @Option(help: "Timed passes per backend and trace (default 5, 1 with --quick).")
    var passes: Int?

    @Flag(help: "List the backends and exit.")
    var listBackends = false

    @Flag(help: "Count instructions instead of timing: each trace replayed once under valgrind's callgrind after the check pass, per op, allocation and free, the harness subtracted (tables in OUT/instructions).")
    var instructions = false

    @Option(help: "With --instructions: replay only the first N ops of each trace, then free what is live (default with --quick: \(quickPrefix)).")
    var prefix: Int?

    @Option(help: "With --instructions: comma-separated backends whose hottest source lines are printed, with callgrind_annotate's annotation saved in OUT/instructions/annotate.")
    var annotate: String?

    @Flag(help: .hidden)
    var instructionsWorker = false

    @Option(help: .hidden)
    var workerReport: String?

    /// The prefix of every trace the quick instruction run replays.
    static let quickPrefix = 3_000

    static func main() {
        StaticTLS.ensure()
        main(nil)
    }

    func validate() throws {
        if !instructions && !instructionsWorker && (prefix != nil || annotate != nil) {
            throw ValidationError("--prefix and --annotate go with --instructions")
        }
        if let prefix, prefix < 1 { throw ValidationError("--prefix needs at least one op") }
    }

    mutating func run() throws {
        if listBackends {
            for b in allBackends { print("\(b.name) (\(b.family))") }
            for b in calibrationBackends { print("\(b.name) (\(b.family); not run unless named)") }
            return
        }
        if instructionsWorker {
            try runWorker()
            return
        }
        let loaded = try loadTraces(prefix: instructions ? prefix ?? (quick ? Self.quickPrefix : nil) : nil)
        let chosen = try chosenBackends()
        if instructions {
            try runInstructions(loaded, chosen)
            return
        }
        var options = quick ? BenchOptions.quick : BenchOptions.full
        options.minPool = minPool
        if let passes { options.passes = max(1, passes) }

        let machine = machineDescription()
        print("allocators-bench: \(loaded.count) traces x \(chosen.count) backends, \(quick ? "quick" : "full") mode, \(options.passes) timed passes of >= \(options.minimumPassNanoseconds / 1_000_000) ms, \(options.latencySamples) latency samples")
        print(peerLoadingNote)
        print("machine: \(machine)")
        fflush(nil)
        let results = runSuite(traces: loaded, backends: chosen, options: options) { r in
            let status = r.skipped.map { " (\($0))" } ?? ""
            printToStandardError("  \(r.trace) / \(r.backend): \(Report.number(r.nsPerOp)) ns/op\(status)\n")
        }
        print()
        print(Report.table(results), terminator: "")
        print("ns/op: median timed pass; p50..max: per-op latency in ns from the cycle counter, timer overhead (\(Report.number(results.compactMap { $0.latency?.timerOverhead }.first)) ns) subtracted; high-water: highest pool offset handed out; misal/overlap/fail: counted in the check pass")

        try makeDirectories(out)
        let meta: [(String, String)] = [
            ("command", command), ("machine", machine), ("mode", quick ? "quick" : "full"),
            ("peers", peerLoadingNote), ("passes", String(options.passes)),
            ("min_pass_ms", String(options.minimumPassNanoseconds / 1_000_000)),
        ]
        try writeText(Report.csv(results), to: out + "/results.csv")
        try writeText(Report.json(results, meta: meta), to: out + "/results.json")
        try writeText("Command: `\(command)`\n\nMachine: \(machine)\n\n" + Report.summary(results) + "\n**All figures**\n\n" + Report.markdown(results), to: out + "/results.md")
        print("wrote \(out)/results.csv, \(out)/results.json, \(out)/results.md")
    }

    /// This run's command line, as typed.
    var command: String { CommandLine.arguments.map { $0.contains(" ") ? "'\($0)'" : $0 }.joined(separator: " ") }

    /// The traces given, or every *.trace in --traces-dir; filtered by --only,
    /// in the order of TRACES.md.
    func loadTraces(prefix: Int?) throws -> [Trace] {
        var paths = traces
        if paths.isEmpty {
            let names: [String]
            do { names = try files(in: tracesDir) } catch {
                throw BenchError("\(error); give trace paths or --traces-dir")
            }
            paths = names.filter { $0.hasSuffix(".trace") }.map { tracesDir + "/" + $0 }
            guard !paths.isEmpty else { throw ValidationError("no .trace files in '\(tracesDir)'") }
        }
        var loaded: [Trace] = []
        for path in paths {
            do { loaded.append(try Trace.load(path: path, prefix: prefix)) } catch { throw BenchError("bad trace: \(error)") }
        }
        if let only {
            let names = Set(only.split(separator: ",").map(String.init))
            loaded = loaded.filter { names.contains($0.name) }
            guard !loaded.isEmpty else { throw ValidationError("no trace named \(only)") }
        }
        loaded.sort { a, b in
            let ia = traceOrder.firstIndex(of: a.name) ?? traceOrder.count
            let ib = traceOrder.firstIndex(of: b.name) ?? traceOrder.count
            return ia != ib ? ia < ib : a.name < b.name
        }
        return loaded
    }

    /// The backends named by --backends (any of `allBackends` and
    /// `calibrationBackends`), or all of `allBackends`.
    func chosenBackends() throws -> [BackendEntry] {
        guard let backends else { return allBackends }
        let known = allBackends + calibrationBackends
        let names = backends.split(separator: ",").map(String.init)
        for n in names where !known.contains(where: { $0.name == n }) {
            throw ValidationError("unknown backend '\(n)'; known: \(known.map(\.name).joined(separator: ", "))")
        }
        return known.filter { names.contains($0.name) }
    }
}

/// `nproc` and the CPU model from /proc/cpuinfo.
func machineDescription() -> String {
    var model = "unknown CPU"
    if let f = fopen("/proc/cpuinfo", "r") {
        defer { fclose(f) }
        var line: UnsafeMutablePointer<CChar>?
        var cap = 0
        while getline(&line, &cap, f) > 0 {
            let s = String(cString: line!)
            if s.hasPrefix("model name") {
                model = String(s.drop { $0 != ":" }.dropFirst().drop { $0 == " " }.prefix { $0 != "\n" })
                break
            }
        }
        free(line)
    }
    return "\(sysconf(Int32(_SC_NPROCESSORS_ONLN))) CPUs (nproc), \(model)"
}

func printToStandardError(_ text: String) {
    var text = text
    text.withUTF8 { _ = Glibc.write(2, $0.baseAddress, $0.count) }
}

/// A failure to run at all (bad trace, missing folder), reported without the usage text.
struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
