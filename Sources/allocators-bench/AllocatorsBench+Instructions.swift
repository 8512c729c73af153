import AllocatorsBenchKit
import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif

extension AllocatorsBench {
    /// The parent of the instruction mode: one callgrind worker per trace,
    /// then the tables, printed and saved in OUT/instructions.
    func runInstructions(_ loaded: [Trace], _ chosen: [BackendEntry]) throws {
        let folder = out + "/instructions"
        let scratch = folder + "/callgrind"
        var options = InstructionOptions(executable: try executablePath(), scratch: scratch, prefix: prefix ?? (quick ? Self.quickPrefix : nil))
        if let valgrind = getenv("VALGRIND") { options.valgrind = String(cString: valgrind) }
        let names = chosen.map(\.name)
        let prefixNote = options.prefix.map { "the first \($0) ops of each trace (what is live then freed)" } ?? "every op of each trace"
        print("allocators-bench --instructions: \(loaded.count) traces x \(names.count) backends + the harness, \(prefixNote), one callgrind worker per trace")
        print("callgrind: \(InstructionOptions.callgrindArguments.joined(separator: " ")); counted: one replay after the check pass")
        print(peerLoadingNote)
        fflush(nil)
        let samples = try countInstructions(traces: loaded.map { ($0.name, $0.source) }, backends: names, options: options) { s in
            let status = s.replay.skipped.map { " (\($0))" } ?? ""
            printToStandardError("  \(s.replay.trace) / \(s.replay.backend): \(s.total.map(String.init) ?? "-") instructions\(status)\n")
        }
        let results = InstructionReport.results(samples)
        print()
        print(InstructionReport.table(results), terminator: "")
        print("instr/alloc, instr/free: instructions inside the allocation and free calls, less the harness's (row 'empty'); instr/op: those calls' instructions per trace op; raw instr/op: the whole counted replay loop per op, harness included; fail/misal: counted in the check pass")

        let machine = machineDescription()
        let valgrindVersion = valgrindVersion(options.valgrind, scratch: scratch) ?? "valgrind version unknown"
        try makeDirectories(folder)
        let meta: [(String, String)] = [
            ("command", command), ("machine", machine), ("valgrind", valgrindVersion),
            ("callgrind", InstructionOptions.callgrindArguments.joined(separator: " ")),
            ("prefix", options.prefix.map(String.init) ?? "none"), ("peers", peerLoadingNote),
        ]
        try writeText(InstructionReport.csv(results), to: folder + "/results.csv")
        try writeText(InstructionReport.json(results, meta: meta), to: folder + "/results.json")
        try writeText("Command: `\(command)`\n\nMachine: \(machine); \(valgrindVersion)\n\n" + InstructionReport.summary(results)
            + "\n**All figures**\n\n" + InstructionReport.markdown(results), to: folder + "/results.md")
        print("wrote \(folder)/results.csv, \(folder)/results.json, \(folder)/results.md (callgrind's files in \(scratch))")
        if let annotate {
            try annotateHotLines(results, backends: Set(annotate.split(separator: ",").map(String.init)), folder: folder + "/annotate")
        }
    }

    /// For each annotated backend and trace: the hottest source lines of its
    /// counted replay, printed, and callgrind_annotate's whole annotation saved.
    func annotateHotLines(_ results: [InstructionResult], backends: Set<String>, folder: String) throws {
        try makeDirectories(folder)
        let annotator = "callgrind_annotate"
        let sources = SourceFiles()
        for r in results where backends.contains(r.backend) {
            guard let dump = r.sample.dump, let total = r.sample.total, total > 0 else { continue }
            let profile = try CallgrindProfile.parse(try readText(dump), source: dump)
            print("\nhottest lines of \(r.backend) on \(r.trace) (self instructions, \(Report.grouped(Int(total))) in the counted replay; harness lines included):")
            for (line, cost) in profile.topLines(20) {
                let share = Double(cost) * 100 / Double(total)
                let location = "\(sources.relative(line.file)):\(line.line)"
                print("  \(Report.grouped(Int(cost)).leftPadded(12))  \(InstructionReport.figure(share).leftPadded(5))%  \(location)  \(sources.line(line.file, line.line))")
            }
            let saved = folder + "/\(r.trace).\(r.backend).txt"
            guard let program = Subprocess.find(annotator) else { throw BenchError("\(annotator) not found: it comes with Debian's valgrind package (make deps)") }
            let status = try Subprocess.run(program, ["--auto=yes", "--inclusive=no", dump], output: saved)
            print(status == 0 ? "  full annotation: \(saved)" : "  \(annotator) failed (status \(status)); see \(saved)")
        }
    }

    /// The worker: counts the named backends on the one trace given, inside callgrind.
    func runWorker() throws {
        guard let report = workerReport, traces.count == 1 else {
            throw ValidationError("--instructions-worker takes --worker-report FILE and one trace path")
        }
        let trace: Trace
        do { trace = try Trace.load(path: traces[0], prefix: prefix) } catch { throw BenchError("bad trace: \(error)") }
        let known = [BackendEntry.harness] + allBackends + calibrationBackends
        let names = (backends ?? BackendEntry.harnessName).split(separator: ",").map(String.init)
        var entries: [BackendEntry] = []
        for n in names {
            guard let entry = known.first(where: { $0.name == n }) else { throw ValidationError("unknown backend '\(n)'") }
            entries.append(entry)
        }
        try runInstructionWorker(trace: trace, entries: entries, report: report)
    }

    func executablePath() throws -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard n > 0 else { throw BenchError("cannot find this executable: \(String(cString: strerror(errno)))") }
        return String(decoding: buffer[0 ..< n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// Source lines for the annotation, each file read once.
final class SourceFiles {
    private var cache: [String: [Substring]] = [:]
    private let root: String

    init() {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        root = getcwd(&buffer, buffer.count) != nil
            ? String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) + "/" : ""
    }

    /// `path` relative to the current folder when it is inside it.
    func relative(_ path: String) -> String { !root.isEmpty && path.hasPrefix(root) ? String(path.dropFirst(root.count)) : path }

    /// Line `number` (from 1) of the file at `path`, trimmed; empty when unknown.
    func line(_ path: String, _ number: Int) -> String {
        if cache[path] == nil { cache[path] = ((try? readText(path)) ?? "").split(separator: "\n", omittingEmptySubsequences: false) }
        guard let lines = cache[path], number >= 1, number <= lines.count else { return "" }
        return String(lines[number - 1].drop { $0 == " " })
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
