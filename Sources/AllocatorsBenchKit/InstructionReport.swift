/// One backend on one trace in instructions, the harness subtracted: what
/// callgrind counted inside its calls (through `countedAllocation` and
/// `countedFree`, everything they called included) less what it counted
/// inside the same calls of `EmptyBackend` on the same trace, per call.
///
/// Per op is the calls' instructions over the trace's ops, the replay loop
/// between the calls left out: its code differs slightly from one
/// specialization to the next, so counting it would add a build-dependent
/// instruction or two per op. The whole loop is kept as the raw figure.
public struct InstructionResult: Sendable {
    public var sample: InstructionSample
    /// The harness's sample on the same trace.
    public var harness: InstructionSample?

    public var trace: String { sample.replay.trace }
    public var backend: String { sample.replay.backend }
    public var isHarness: Bool { sample.replay.backend == BackendEntry.harnessName }

    static func per(_ cost: UInt64?, _ count: Int) -> Double? {
        guard let cost, count > 0 else { return nil }
        return Double(cost) / Double(count)
    }

    /// Instructions per op of the whole counted replay, loop and harness included.
    public var rawPerOp: Double? { Self.per(sample.total, sample.replay.ops) }
    /// Instructions per call, the harness's own included.
    public var rawPerAllocation: Double? { Self.per(sample.allocationCost, sample.replay.allocations) }
    public var rawPerFree: Double? { Self.per(sample.freeCost, sample.replay.frees) }

    var harnessResult: InstructionResult? { harness.map { InstructionResult(sample: $0) } }

    /// Instructions per allocation, harness subtracted (nil for the harness itself).
    public var perAllocation: Double? {
        guard !isHarness, let raw = rawPerAllocation, let h = harnessResult?.rawPerAllocation else { return nil }
        return raw - h
    }

    public var perFree: Double? {
        guard !isHarness, let raw = rawPerFree, let h = harnessResult?.rawPerFree else { return nil }
        return raw - h
    }

    /// Instructions inside the calls per trace op, harness subtracted.
    public var perOp: Double? {
        guard let a = perAllocation, let f = perFree, sample.replay.ops > 0 else { return nil }
        return (a * Double(sample.replay.allocations) + f * Double(sample.replay.frees)) / Double(sample.replay.ops)
    }

    public init(sample: InstructionSample, harness: InstructionSample? = nil) {
        self.sample = sample
        self.harness = harness
    }
}

/// Formatting of the instruction mode's results: the terminal table, CSV,
/// JSON and the Markdown summary.
public enum InstructionReport {
    /// Each sample paired with the harness's sample on its trace.
    public static func results(_ samples: [InstructionSample]) -> [InstructionResult] {
        samples.map { s in
            InstructionResult(sample: s, harness: samples.first { $0.replay.trace == s.replay.trace && $0.replay.backend == BackendEntry.harnessName && $0.total != nil })
        }
    }

    /// One decimal, the counts' resolution after averaging.
    public static func figure(_ x: Double?) -> String {
        guard let x else { return "-" }
        let tenths = Int((x * 10).rounded())
        let whole = Report.grouped(abs(tenths) / 10)
        return (tenths < 0 ? "-" : "") + whole + "." + String(abs(tenths) % 10)
    }

    static func shown(_ r: InstructionResult) -> Bool { !(r.sample.replay.skipped?.hasPrefix("not applicable") ?? false) }

    static let columns = ["trace", "backend", "ops", "allocs", "frees", "instr/op", "instr/alloc", "instr/free", "raw instr/op", "fail", "misal", "note"]

    static func row(_ r: InstructionResult) -> [String] {
        let replay = r.sample.replay
        let note = replay.skipped ?? (r.isHarness ? "the harness: subtracted from every other row" : Report.misalignedNote(replay.check))
        return [
            replay.trace, replay.backend, Report.grouped(replay.ops), Report.grouped(replay.allocations), Report.grouped(replay.frees),
            figure(r.perOp), figure(r.perAllocation), figure(r.perFree), figure(r.rawPerOp),
            replay.check.map { String($0.failures) } ?? "-", replay.check.map { String($0.misaligned) } ?? "-", note,
        ]
    }

    public static func table(_ results: [InstructionResult]) -> String {
        Report.aligned([columns] + results.filter(shown).map(row), left: [0, 1, columns.count - 1])
    }

    public static func markdown(_ results: [InstructionResult]) -> String {
        Report.markdown([columns] + results.filter(shown).map(row), left: [0, 1, columns.count - 1])
    }

    /// The README summary: instructions per op (failed allocations noted),
    /// then per allocation / per free, traces down and backends across.
    public static func summary(_ results: [InstructionResult]) -> String {
        let counted = results.filter { shown($0) && !$0.isHarness }
        let perOp = Report.matrix(counted, trace: \.trace, backend: \.backend) { r in
            guard r.sample.total != nil else { return "not counted" }
            let failed = (r.sample.replay.check?.failures ?? 0) > 0 ? " [\(r.sample.replay.check!.failures) failed]" : ""
            return figure(r.perOp) + failed
        }
        let split = Report.matrix(counted, trace: \.trace, backend: \.backend) { r in
            r.sample.total == nil ? "" : figure(r.perAllocation) + " / " + figure(r.perFree)
        }
        let harness = results.filter(\.isHarness).map {
            "\($0.trace) \(figure($0.rawPerAllocation)) / \(figure($0.rawPerFree))"
        }.joined(separator: ", ")
        return "**Instructions per op inside the allocator calls (callgrind, harness subtracted)**\n\n" + perOp
            + "\n**Instructions per allocation / per free**\n\n" + split
            + "\nHarness (`EmptyBackend`), instructions per allocation / per free call, subtracted above: \(harness)\n"
    }

    static func raw(_ x: Double?) -> String { x.map { String($0) } ?? "" }
    static func raw(_ x: UInt64?) -> String { x.map { String($0) } ?? "" }

    public static func csv(_ results: [InstructionResult]) -> String {
        var out = "trace,backend,family,ops,allocations,frees,instructions_per_op,instructions_per_allocation,instructions_per_free,raw_per_op,raw_per_allocation,raw_per_free,total_ir,allocation_ir,free_ir,check_failures,counted_failures,misaligned,overlaps,stamp_errors,out_of_pool,rejected_frees,skipped\n"
        for r in results {
            let s = r.sample, c = s.replay.check
            let fields: [String] = [
                s.replay.trace, s.replay.backend, s.replay.family, String(s.replay.ops), String(s.replay.allocations), String(s.replay.frees),
                raw(r.perOp), raw(r.perAllocation), raw(r.perFree), raw(r.rawPerOp), raw(r.rawPerAllocation), raw(r.rawPerFree),
                raw(s.total), raw(s.allocationCost), raw(s.freeCost),
                c.map { String($0.failures) } ?? "", String(s.replay.failures), c.map { String($0.misaligned) } ?? "",
                c.map { String($0.overlaps) } ?? "", c.map { String($0.stampErrors) } ?? "", c.map { String($0.outOfPool) } ?? "",
                c.map { String($0.rejectedFrees) } ?? "", s.replay.skipped ?? "",
            ]
            out += fields.map(Report.csvField).joined(separator: ",") + "\n"
        }
        return out
    }

    static func json(_ x: UInt64?) -> String { x.map { String($0) } ?? "null" }

    /// JSON: `{"meta": {...}, "results": [...]}`.
    public static func json(_ results: [InstructionResult], meta: [(String, String)]) -> String {
        var out = "{\n  \"meta\": {" + meta.map { "\(Report.json($0.0)): \(Report.json($0.1))" }.joined(separator: ", ") + "},\n  \"results\": [\n"
        out += results.map { r -> String in
            let s = r.sample, c = s.replay.check
            let fields: [(String, String)] = [
                ("trace", Report.json(s.replay.trace)), ("backend", Report.json(s.replay.backend)), ("family", Report.json(s.replay.family)),
                ("ops", String(s.replay.ops)), ("allocations", String(s.replay.allocations)), ("frees", String(s.replay.frees)),
                ("instructions_per_op", Report.json(r.perOp)), ("instructions_per_allocation", Report.json(r.perAllocation)),
                ("instructions_per_free", Report.json(r.perFree)), ("raw_per_op", Report.json(r.rawPerOp)),
                ("raw_per_allocation", Report.json(r.rawPerAllocation)), ("raw_per_free", Report.json(r.rawPerFree)),
                ("total_ir", json(s.total)), ("allocation_ir", json(s.allocationCost)), ("free_ir", json(s.freeCost)),
                ("check_failures", Report.json(c?.failures)), ("counted_failures", String(s.replay.failures)),
                ("misaligned", Report.json(c?.misaligned)), ("overlaps", Report.json(c?.overlaps)),
                ("stamp_errors", Report.json(c?.stampErrors)), ("out_of_pool", Report.json(c?.outOfPool)),
                ("rejected_frees", Report.json(c?.rejectedFrees)), ("high_water_bytes", Report.json(c?.highWater)),
                ("skipped", s.replay.skipped.map { Report.json($0) } ?? "null"),
            ]
            return "    {" + fields.map { "\(Report.json($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
        }.joined(separator: ",\n")
        return out + "\n  ]\n}\n"
    }
}
