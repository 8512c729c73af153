import Allocators
@testable import AllocatorsBenchKit
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A small callgrind dump in the compressed format: a replay loop calling a
/// trampoline twice, the trampoline (a thunk jumping to a merged body) calling
/// into a library, inlined code in another file.
let sampleDump = """
    # callgrind format
    version: 1
    creator: callgrind-3.19.0
    cmd:  ./bench
    part: 1
    desc: Trigger: Client Request: TLSF

    positions: line
    events: Ir
    summary: 775

    ob=(1) /bench
    fl=(1) /src/Timing.swift
    fn=(1) replayLoop
    10 50
    cfl=(2) /src/CountedReplay.swift
    cfn=(2) $s18AllocatorsBenchKit17countedAllocation_thunk
    calls=2 40
    12 700
    +1 20
    * 5

    fl=(2)
    fn=(2)
    40 4
    cfn=(3) $s18AllocatorsBenchKit17countedAllocation_bodyTm
    calls=2 41
    41 696

    fn=(3)
    41 100
    fi=(3) /src/TLSFBlock.swift
    7 300
    fe=(2)
    42 96
    cob=(2) /lib/libc.so.6
    cfi=(4) malloc.c
    cfn=(4) malloc
    calls=2 100
    42 200

    fl=(4)
    fn=(4)
    100 200

    totals: 775
    """

@Suite struct CallgrindProfileTests {
    @Test func readsLabelTotalsAndCosts() throws {
        let p = try CallgrindProfile.parse(sampleDump)
        #expect(p.label == "TLSF")
        #expect(p.total == 775)
        #expect(p.functions["replayLoop"]?.selfCost == 75)
        #expect(p.functions["malloc"]?.selfCost == 200)
        // Relative (+1) and repeated (*) positions land on lines 13 and 13.
        #expect(p.lines[.init(file: "/src/Timing.swift", line: 13)] == 25)
        // Inlined code goes to its own file, call costs to no line.
        #expect(p.lines[.init(file: "/src/TLSFBlock.swift", line: 7)] == 300)
        #expect(p.lines[.init(file: "/src/CountedReplay.swift", line: 42)] == 96)
        // Every self cost is on some line: the lines add up to the total.
        #expect(p.lines.values.reduce(0, +) == p.total)
    }

    @Test func inclusiveCostCountsAThunkAndItsBodyOnce() throws {
        let p = try CallgrindProfile.parse(sampleDump)
        let a = p.inclusive(matching: CountedCalls.allocation)
        // thunk 4 + body 100 + 300 + 96 + malloc 200; the thunk's call to the body is inside the set.
        #expect(a.cost == 700 && a.calls == 2)
        #expect(p.inclusive(matching: CountedCalls.free) == (0, 0))
        #expect(p.topLines(1).first?.line == .init(file: "/src/TLSFBlock.swift", line: 7))
    }

    @Test(arguments: [
        ("fn=(9)\n10 5\ntotals: 5\n", "fn id (9) used before it is defined"),
        ("fn=(1) f\n10 x\ntotals: 5\n", "bad cost 'x'"),
        ("10 5\ntotals: 5\n", "cost line outside a function"),
        ("fn=(1) f\n10 5\n", "no totals: or summary: line"),
    ])
    func badDumpsGetAClearError(text: String, message: String) {
        do {
            _ = try CallgrindProfile.parse(text, source: "bad.out")
            Issue.record("accepted: \(text)")
        } catch {
            #expect(error.description.hasPrefix("bad.out"))
            #expect(error.description.contains(message), "\(error.description)")
        }
    }
}

@Suite struct CountedReplayTests {
    @Test(arguments: [1 << 20, 4 << 20, 128 << 20, 1 << 30])
    func poolsStartTwoMiBPastTheirSpan(size: Int) throws {
        let pool = try #require(Pool(size: size))
        let span = max(4 << 20, size)
        let start = UInt(bitPattern: pool.base)
        #expect(start % UInt(span) == UInt(Pool.baseAlignment))
        #expect(start % UInt(2 * Pool.baseAlignment) != 0)
    }

    @Test func aPrefixEndsWithNothingLive() throws {
        var rng = SeededRandom.forTest("aPrefixEndsWithNothingLive")
        let text = randomByteTrace(&rng, ops: 1_000)
        let whole = try Trace.parse(text)
        let prefix = try Trace.parse(text, prefix: 300)
        #expect(Array(prefix.ops.prefix(300)) == Array(whole.ops.prefix(300)))
        var live = Set<Int32>()
        for op in prefix.ops {
            switch op.code {
            case .allocate: #expect(live.insert(op.slot).inserted)
            case .free: #expect(live.remove(op.slot) != nil)
            case .reallocate: #expect(live.contains(op.slot))
            }
        }
        #expect(live.isEmpty)
        #expect(throws: TraceError.self) { try Trace.parse(text, prefix: 0) }
    }

    @Test func theEmptyBackendPassesTheCheckAndRepeats() throws {
        var rng = SeededRandom.forTest("theEmptyBackendPassesTheCheck")
        let trace = try Trace.parse(randomByteTrace(&rng, ops: 800))
        guard var backend = EmptyBackend(trace: trace) else {
            Issue.record("EmptyBackend refused the trace")
            return
        }
        let first = checkPass(&backend, trace: trace)
        #expect(first.failures == 0 && first.misaligned == 0 && first.overlaps == 0 && first.stampErrors == 0)
        // The second pass gets the same addresses: still no overlap.
        #expect(checkPass(&backend, trace: trace) == first)
    }

    /// Outside valgrind the worker refuses to count rather than report zeros.
    @Test func theWorkerRefusesToRunOutsideValgrind() throws {
        var rng = SeededRandom.forTest("theWorkerRefusesToRunOutsideValgrind")
        let trace = try Trace.parse(randomByteTrace(&rng, ops: 50))
        #expect(throws: InstructionError.self) {
            try runInstructionWorker(trace: trace, entries: [.harness], report: "/nonexistent/report.tsv")
        }
    }

    @Test func aMissingValgrindIsAnErrorNotASkip() throws {
        var options = InstructionOptions(executable: "/bin/true", scratch: "/nonexistent")
        options.valgrind = "/nonexistent/valgrind"
        do {
            _ = try countInstructions(traces: [("t", "/nonexistent/t.trace")], backends: ["TLSF"], options: options)
            Issue.record("counted without valgrind")
        } catch let error as InstructionError {
            guard case .valgrindMissing(let message) = error else { Issue.record("\(error)"); return }
            #expect(message.contains("valgrind"))
        }
    }
}

/// The instruction mode end to end: `allocators-bench` (built beside the
/// tests) under valgrind's callgrind. Valgrind must be installed (`make
/// deps`); without it these tests fail with `valgrindMissing`.
@Suite struct InstructionModeTests {
    /// `allocators-bench` in the folder of this test executable.
    func benchExecutable() throws -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        try #require(n > 0, "cannot read /proc/self/exe")
        let me = String(decoding: buffer[0 ..< n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let path = String(me[..<(me.lastIndex(of: "/") ?? me.startIndex)]) + "/allocators-bench"
        try #require(access(path, X_OK) == 0, "allocators-bench is not built beside the tests at \(path) (swift build builds it)")
        return path
    }

    /// A fresh folder under /tmp.
    func temporaryFolder(_ label: String) throws -> String {
        var template = Array("/tmp/allocators-\(label)-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        try #require(made != nil, "mkdtemp failed")
        return String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Counts `backends` on a seeded random trace of `ops` ops, in its own folder.
    func count(_ backends: [String], label: String, ops: Int = 600) throws -> [InstructionResult] {
        let folder = try temporaryFolder(label)
        var rng = SeededRandom.forTest("instructionMode.\(label)")
        let path = folder + "/random_bytes.trace"
        try writeText(randomByteTrace(&rng, ops: ops), to: path)
        let options = InstructionOptions(executable: try benchExecutable(), scratch: folder + "/callgrind")
        return InstructionReport.results(try countInstructions(traces: [("random_bytes", path)], backends: backends, options: options))
    }

    /// Buddy splits its pool by absolute address: it repeats only because
    /// `Pool` places every pool the same way relative to its span.
    @Test func theSameReplayCountsTheSameTwice() throws {
        let first = try count(["TLSF", "buddy"], label: "twice")
        let second = try count(["TLSF", "buddy"], label: "twice")
        #expect(first.map(\.backend) == ["empty", "TLSF", "buddy"])
        for (a, b) in zip(first, second) {
            let total = try #require(a.sample.total)
            #expect(total > 0)
            #expect(a.sample.total == b.sample.total, "\(a.backend): \(total) then \(b.sample.total ?? 0)")
            #expect(a.sample.allocationCost == b.sample.allocationCost && a.sample.freeCost == b.sample.freeCost)
            #expect(a.sample.replay.allocations == b.sample.replay.allocations && a.sample.replay.frees == b.sample.replay.frees)
        }
        // TLSF does real work beyond the harness.
        #expect((first[1].perAllocation ?? 0) > 10 && (first[1].perFree ?? 0) > 10)
    }

    @Test func aCostlierBackendCountsMore() throws {
        let results = try count(["TLSF", "TLSF+work"], label: "costlier")
        let plain = try #require(results.first { $0.backend == "TLSF" })
        let costlier = try #require(results.first { $0.backend == "TLSF+work" })
        // 64 rounds of at least three instructions before every call.
        let extra = 64.0 * 3
        let (a, b) = (try #require(plain.perAllocation), try #require(costlier.perAllocation))
        let (c, d) = (try #require(plain.perFree), try #require(costlier.perFree))
        #expect(b >= a + extra, "per allocation: TLSF \(a), TLSF+work \(b)")
        #expect(d >= c + extra, "per free: TLSF \(c), TLSF+work \(d)")
        #expect(try #require(costlier.perOp) >= (try #require(plain.perOp)) + extra)
    }
}
