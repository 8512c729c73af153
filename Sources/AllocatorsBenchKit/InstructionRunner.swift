import CCallgrind
#if canImport(Glibc)
import Glibc
#endif

/// Why the instruction mode could not count.
public enum InstructionError: Error, CustomStringConvertible, Sendable {
    /// valgrind is not installed (or not where it was said to be).
    case valgrindMissing(String)
    case failed(String)

    public var description: String {
        switch self {
        case .valgrindMissing(let s), .failed(let s): s
        }
    }
}

/// How the instruction mode runs its callgrind workers.
public struct InstructionOptions: Sendable {
    /// The `allocators-bench` executable each worker runs (under callgrind).
    public var executable: String
    /// The folder for callgrind's dump files and the workers' reports,
    /// emptied before a run.
    public var scratch: String
    /// Replay only the first `prefix` ops of each trace (what is live then is freed).
    public var prefix: Int?
    /// The `valgrind` program: a path, or a name looked up on `PATH`.
    public var valgrind = "valgrind"

    public init(executable: String, scratch: String, prefix: Int? = nil) {
        self.executable = executable
        self.scratch = scratch
        self.prefix = prefix
    }

    /// callgrind's options: nothing is instrumented or collected until the
    /// worker's client requests open a counted region around one replay.
    public static let callgrindArguments = ["-q", "--tool=callgrind", "--collect-atstart=no", "--instr-atstart=no"]
}

/// One backend on one trace: what the worker reported, and what callgrind
/// counted in its replay (nil when it was not counted).
public struct InstructionSample: Sendable {
    public var replay: CountedReplay
    /// Instructions of the whole counted replay, loop included.
    public var total: UInt64?
    /// Instructions inside `countedAllocation` and `countedFree` and all they called.
    public var allocationCost: UInt64?
    public var freeCost: UInt64?
    /// The callgrind file of the replay.
    public var dump: String?

    public init(replay: CountedReplay) { self.replay = replay }
}

/// Counts every backend named in `backends` on every trace, each trace in
/// one callgrind worker (`executable --instructions-worker`), the harness
/// (`EmptyBackend`) first. Valgrind must be installed: without it this throws
/// `.valgrindMissing`, it never skips.
public func countInstructions(
    traces: [(name: String, path: String)], backends: [String], options: InstructionOptions,
    progress: (InstructionSample) -> Void = { _ in }
) throws -> [InstructionSample] {
    guard let valgrind = Subprocess.find(options.valgrind) else {
        throw InstructionError.valgrindMissing("valgrind not found (\(options.valgrind)): the instruction mode runs callgrind; install Debian's valgrind package (make deps)")
    }
    try makeDirectories(options.scratch)
    try removeFiles(in: options.scratch)
    let names = [BackendEntry.harnessName] + backends.filter { $0 != BackendEntry.harnessName }
    // Swift's per-process hashing seed changes the harness's own allocations
    // from the process heap, which glibc's counts depend on; fixed, they repeat.
    let workerEnvironment = StaticTLS.environment().filter { !$0.hasPrefix("SWIFT_DETERMINISTIC_HASHING=") }
        + ["SWIFT_DETERMINISTIC_HASHING=1"]
    var samples: [InstructionSample] = []
    for trace in traces {
        let stem = options.scratch + "/" + trace.name
        let report = stem + ".replays.tsv"
        var worker = ["--instructions-worker", "--worker-report", report, "--backends", names.joined(separator: ",")]
        if let prefix = options.prefix { worker += ["--prefix", String(prefix)] }
        let arguments = InstructionOptions.callgrindArguments + ["--callgrind-out-file=\(stem).callgrind.%p", options.executable] + worker + [trace.path]
        let status = try Subprocess.run(valgrind, arguments, environment: workerEnvironment)
        guard status == 0 else {
            throw InstructionError.failed("the callgrind worker for \(trace.name) exited with status \(status): \(([valgrind] + arguments).joined(separator: " "))")
        }
        let replays = try readReplays(report)
        var dumps: [String: (CallgrindProfile, String)] = [:]
        for file in try files(in: options.scratch) where file.hasPrefix(trace.name + ".callgrind.") {
            let path = options.scratch + "/" + file
            let profile: CallgrindProfile
            profile = try CallgrindProfile.parse(try readText(path), source: path)
            if let label = profile.label { dumps[label] = (profile, path) }
        }
        for replay in replays {
            var sample = InstructionSample(replay: replay)
            if replay.skipped == nil {
                guard let (profile, path) = dumps[replay.backend] else {
                    throw InstructionError.failed("no callgrind dump labelled \(replay.backend) for \(trace.name) in \(options.scratch)")
                }
                let allocation = profile.inclusive(matching: CountedCalls.allocation)
                let free = profile.inclusive(matching: CountedCalls.free)
                // The dump must have seen every call the worker made, else the
                // names or the counted region are not what this code expects.
                guard allocation.calls == UInt64(replay.allocations), free.calls == UInt64(replay.frees) else {
                    throw InstructionError.failed("\(path): \(allocation.calls) calls to countedAllocation and \(free.calls) to countedFree, the worker made \(replay.allocations) and \(replay.frees)")
                }
                sample.total = profile.total
                sample.allocationCost = allocation.cost
                sample.freeCost = free.cost
                sample.dump = path
            }
            progress(sample)
            samples.append(sample)
        }
    }
    return samples
}

/// The first line `valgrind --version` prints ("valgrind-3.19.0"), through
/// a file in `scratch`; nil when valgrind is missing or says nothing.
public func valgrindVersion(_ valgrind: String, scratch: String) -> String? {
    guard let path = Subprocess.find(valgrind) else { return nil }
    let file = scratch + "/valgrind-version.txt"
    guard (try? Subprocess.run(path, ["--version"], output: file)) == 0, let text = try? readText(file) else { return nil }
    return text.split(separator: "\n").first.map(String.init)
}

/// The instruction mode inside its callgrind worker: counts each entry on
/// `trace` (`BackendEntry.count`) and writes the worker report to `report`.
/// Refuses to run when the client requests were not compiled in or the
/// process is not under valgrind.
public func runInstructionWorker(trace: Trace, entries: [BackendEntry], report: String) throws {
    guard bench_callgrind_available() != 0 else {
        throw InstructionError.valgrindMissing("this allocators-bench was built without valgrind/callgrind.h: install Debian's valgrind package (make deps) and rebuild")
    }
    guard bench_running_on_valgrind() > 0 else {
        throw InstructionError.failed("--instructions-worker runs under valgrind --tool=callgrind only; use --instructions")
    }
    var text = ""
    for entry in entries {
        guard let count = entry.count else { throw InstructionError.failed("backend \(entry.name) has no counted replay") }
        text += count(trace).reportLine + "\n"
    }
    try writeText(text, to: report)
}

/// The worker report: one tab-separated line per counted replay.
extension CountedReplay {
    var reportLine: String {
        let c = check
        let fields: [String] = [
            trace, backend, family, String(ops), String(allocations), String(frees), String(failures),
            c.map { String($0.failures) } ?? "-", c.map { String($0.misaligned) } ?? "-", c.map { String($0.overlaps) } ?? "-",
            c.map { String($0.stampErrors) } ?? "-", c.map { String($0.outOfPool) } ?? "-", c.map { String($0.rejectedFrees) } ?? "-",
            c?.highWater.map { String($0) } ?? "-", c.map { $0.misalignedExamples.joined(separator: ";") } ?? "",
            skipped ?? "",
        ]
        return fields.map { String($0.map { $0 == "\t" || $0 == "\n" ? " " : $0 }) }.joined(separator: "\t")
    }

    init?(reportLine line: Substring) {
        let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        guard f.count == 16, let ops = Int(f[3]), let allocations = Int(f[4]), let frees = Int(f[5]), let failures = Int(f[6]) else { return nil }
        self.init(trace: f[0], backend: f[1], family: f[2], ops: ops)
        self.allocations = allocations
        self.frees = frees
        self.failures = failures
        if let checkFailures = Int(f[7]) {
            var c = CheckReport()
            c.failures = checkFailures
            c.misaligned = Int(f[8]) ?? 0
            c.overlaps = Int(f[9]) ?? 0
            c.stampErrors = Int(f[10]) ?? 0
            c.outOfPool = Int(f[11]) ?? 0
            c.rejectedFrees = Int(f[12]) ?? 0
            c.highWater = Int(f[13])
            c.misalignedExamples = f[14].isEmpty ? [] : f[14].split(separator: ";").map(String.init)
            check = c
        }
        skipped = f[15].isEmpty ? nil : f[15]
    }
}

func readReplays(_ path: String) throws -> [CountedReplay] {
    var replays: [CountedReplay] = []
    for line in try readText(path).split(separator: "\n") {
        guard let r = CountedReplay(reportLine: line) else { throw InstructionError.failed("\(path): bad worker report line '\(line)'") }
        replays.append(r)
    }
    return replays
}
