import Allocators
@testable import AllocatorsBenchKit
import Testing
import TestSupport

/// A random byte trace that ends with nothing live.
func randomByteTrace(_ rng: inout SeededRandom, ops count: Int = 2_000, maxSize: Int = 4096) -> String {
    var ops: [TraceOp] = []
    var live: [Int] = []
    var freeSlots: [Int] = []
    var nextSlot = 0
    for _ in 0 ..< count {
        if live.isEmpty || Int.random(in: 0 ..< 10, using: &rng) < 6 {
            let slot = freeSlots.popLast() ?? { nextSlot += 1; return nextSlot - 1 }()
            ops.append(.allocate(slot: slot, size: Int.random(in: 1 ... maxSize, using: &rng), alignment: 1 << Int.random(in: 0 ... 8, using: &rng)))
            live.append(slot)
        } else {
            let slot = live.remove(at: Int.random(in: 0 ..< live.count, using: &rng))
            ops.append(.free(slot: slot))
            freeSlots.append(slot)
        }
    }
    for slot in live.reversed() { ops.append(.free(slot: slot)) }
    return renderTrace(name: "random_bytes", kind: "bytes", pool: 4 << 20, ops: ops)
}

/// A random page trace (runs of 1..16 pages, alignments 4 KiB..64 KiB) that ends with nothing live.
func randomPageTrace(_ rng: inout SeededRandom, ops count: Int = 1_000) -> String {
    var ops: [TraceOp] = []
    var live: [Int] = []
    var nextSlot = 0
    for _ in 0 ..< count {
        if live.isEmpty || Bool.random(using: &rng) {
            ops.append(.allocatePages(slot: nextSlot, pages: Int.random(in: 1 ... 16, using: &rng), alignment: 4096 << Int.random(in: 0 ... 4, using: &rng)))
            live.append(nextSlot)
            nextSlot += 1
        } else {
            ops.append(.freePages(slot: live.remove(at: Int.random(in: 0 ..< live.count, using: &rng))))
        }
    }
    for slot in live { ops.append(.freePages(slot: slot)) }
    return renderTrace(name: "random_pages", kind: "pages", pool: 16 << 20, ops: ops, pageSize: 4096)
}

let testClock = LatencyClock(cyclesPerNanosecond: 1, overheadCycles: 0)
let tinyOptions = BenchOptions(passes: 3, minimumPassNanoseconds: 200_000, latencySamples: 2_000, minPool: false)

@Suite struct TraceParsingTests {
    @Test func parsesTheSharedFormatAndResolvesFrees() throws {
        let text = renderTrace(name: "t", kind: "bytes", pool: 1 << 20, ops: [
            .allocate(slot: 0, size: 24, alignment: 8), .allocate(slot: 1, size: 7, alignment: 1), .free(slot: 0), .free(slot: 1),
        ])
        let trace = try Trace.parse(text)
        #expect(trace.name == "t" && trace.kind == .bytes && trace.slots == 2 && trace.pool == 1 << 20)
        #expect(trace.ops == [
            BenchOp(code: .allocate, slot: 0, size: 24, alignment: 8), BenchOp(code: .allocate, slot: 1, size: 7, alignment: 1),
            BenchOp(code: .free, slot: 0, size: 24, alignment: 8), BenchOp(code: .free, slot: 1, size: 7, alignment: 1),
        ])
    }

    @Test func pageOpsBecomeAlignedByteBlocks() throws {
        let text = renderTrace(name: "p", kind: "pages", pool: 1 << 24, ops: [.allocatePages(slot: 0, pages: 3, alignment: 8192), .freePages(slot: 0)], pageSize: 4096)
        let trace = try Trace.parse(text)
        #expect(trace.ops[0] == BenchOp(code: .allocate, slot: 0, size: 3 * 4096, alignment: 8192))
        #expect(trace.ops[1] == BenchOp(code: .free, slot: 0, size: 3 * 4096, alignment: 8192))
    }

    @Test(arguments: [
        ("# trace t\n# kind bytes\n# slots 1\n# pool 64\nf 0\n", "5: slot 0 is not live"),
        ("# trace t\n# kind bytes\n# slots 1\n# pool 64\na 0 8 3\n", "5: alignment 3 is not a power of two"),
        ("# trace t\n# kind bytes\n# slots 1\n# pool 64\na 1 8 8\n", "5: slot 1 out of range"),
        ("# trace t\n# kind bytes\n# slots 1\n# pool 64\nx 0\n", "5: unknown op 'x'"),
        ("# trace t\n# kind bytes\n# slots 1\n# pool 64\np 0 1 4096\n", "5: op 'p' in a trace of kind bytes"),
        ("# trace t\n# kind bytes\n# slots 1\n# pool 64\na 0 8\n", "5: op 'a' takes 3 numbers"),
        ("# trace t\n# kind bytes\n# slots 1\n# pool 64\na 0 -8 8\n", "5: '-8' is not an unsigned number"),
        ("# trace t\n# kind bytes\n# slots 1\n# pool 64\na 0 8 8\n", "the trace ends with 1 live blocks"),
        ("# trace t\n# slots 1\n# pool 64\na 0 8 8\n", "4: missing '# kind"),
        ("# trace t\n# kind bytes\n# ops 3\n# slots 1\n# pool 64\na 0 8 8\nf 0\n", "header says 3 ops, the file has 2"),
    ])
    func badInputGetsAClearError(text: String, message: String) {
        do {
            _ = try Trace.parse(text, source: "bad.trace")
            Issue.record("accepted: \(text)")
        } catch {
            #expect(error.description.hasPrefix("bad.trace"))
            #expect(error.description.contains(message), "\(error.description)")
        }
    }

    @Test func missingFileIsAnError() {
        #expect(throws: TraceError.self) { try Trace.load(path: "/nonexistent/x.trace") }
    }
}

@Suite struct CheckPassTests {
    @Test func catchesMisalignedResults() throws {
        var rng = SeededRandom.forTest("catchesMisalignedResults")
        let trace = try Trace.parse(randomByteTrace(&rng))
        var good = BadBumpBackend()
        let clean = checkPass(&good, trace: trace)
        #expect(clean.misaligned == 0 && clean.overlaps == 0 && clean.stampErrors == 0 && clean.failures == 0)
        var bad = BadBumpBackend(misalignEvery: 7)
        let report = checkPass(&bad, trace: trace)
        #expect(report.misaligned > 0)
        #expect(report.overlaps == 0)
        // Misalignment is counted, not fatal: such a backend is still timed.
        #expect(report.safeToTime)
    }

    @Test func catchesOverlappingResultsAndDoesNotTimeThem() throws {
        var rng = SeededRandom.forTest("catchesOverlappingResults")
        let trace = try Trace.parse(randomByteTrace(&rng))
        var bad = BadBumpBackend(overlapEvery: 5)
        let report = checkPass(&bad, trace: trace)
        #expect(report.overlaps > 0)
        #expect(report.stampErrors > 0)
        #expect(!report.safeToTime)
        var result = BackendResult(trace: trace.name, backend: "bad", family: "test", ops: trace.ops.count)
        var again = BadBumpBackend(overlapEvery: 5)
        measure(&again, trace: trace, options: tinyOptions, clock: testClock, into: &result)
        #expect(result.nsPerOp == nil && result.skipped != nil)
    }

    @Test func countsFailuresWithoutAborting() throws {
        var rng = SeededRandom.forTest("countsFailures")
        let trace = try Trace.parse(randomByteTrace(&rng))
        var tiny = BadBumpBackend(size: 64 << 10)
        let report = checkPass(&tiny, trace: trace)
        #expect(report.failures > 0)
        #expect(report.safeToTime)
    }

    @Test func liveRangesFindEveryOverlap() {
        var rng = SeededRandom.forTest("liveRangesFindEveryOverlap")
        var naive: [UInt: UInt] = [:]
        let ranges = LiveRanges()
        for _ in 0 ..< 3_000 {
            let lower = UInt.random(in: 0 ..< 10_000, using: &rng)
            let upper = lower + UInt.random(in: 1 ... 64, using: &rng)
            let expected = naive.contains { $0.key < upper && lower < $0.value }
            #expect((ranges.overlapping(lower, upper) != nil) == expected)
            if !expected { ranges.insert(lower, upper); naive[lower] = upper }
            if Bool.random(using: &rng), let victim = naive.keys.randomElement(using: &rng) {
                naive[victim] = nil
                #expect(ranges.remove(victim))
            }
        }
    }
}

@Suite struct BackendLayerTests {
    @Test func ourByteAllocatorsRunThroughTheGenericLayer() throws {
        var rng = SeededRandom.forTest("byteLayer")
        let bytes = try Trace.parse(randomByteTrace(&rng))
        let pages = try Trace.parse(randomPageTrace(&rng))
        var options = tinyOptions
        options.minPool = true
        let entry = BackendEntry.byteAllocator("first-fit", family: "test") { FirstFitByteAllocator() }
        for trace in [bytes, pages] {
            let r = entry.run(trace, options, .calibrate())
            #expect(r.skipped == nil)
            let check = try #require(r.check)
            #expect(check.failures == 0 && check.misaligned == 0 && check.overlaps == 0 && check.stampErrors == 0 && check.outOfPool == 0)
            #expect((check.highWater ?? 0) > 0 && (check.highWater ?? .max) <= trace.pool)
            #expect((r.nsPerOp ?? 0) > 0 && r.passes.count == 3 && r.timedFailures == 0)
            #expect((r.latency?.samples ?? 0) >= trace.ops.count)
            let minPool = try #require(r.minPool)
            #expect(minPool <= trace.pool && minPool % 4096 == 0)
            // The smallest pool works and a page less does not.
            #expect(searchMinPool(trace: trace) { size in
                guard let pool = Pool(size: size), var b = PooledByteBackend(pool: pool, make: { FirstFitByteAllocator() }) else { return false }
                return trace.ops.withUnsafeBufferPointer { replayOnce(&b, $0, SlotTable(count: trace.slots)) } == 0
            }.0 == minPool)
        }
    }

    @Test func ourPageAllocatorsReplayOnlyPageTraces() throws {
        var rng = SeededRandom.forTest("pageLayer")
        let bytes = try Trace.parse(randomByteTrace(&rng, ops: 100))
        let pages = try Trace.parse(randomPageTrace(&rng))
        let entry = BackendEntry.pageAllocator("first-fit pages", family: "test") { FirstFitPageAllocator() }
        #expect(entry.run(bytes, tinyOptions, testClock).skipped?.hasPrefix("not applicable") == true)
        let r = entry.run(pages, tinyOptions, testClock)
        #expect(r.skipped == nil)
        #expect(r.check?.misaligned == 0 && r.check?.overlaps == 0 && r.check?.failures == 0)
        #expect((r.nsPerOp ?? 0) > 0)
    }

    @Test func glibcPeerPassesTheCheck() throws {
        var rng = SeededRandom.forTest("glibcPeer")
        let trace = try Trace.parse(randomByteTrace(&rng))
        let r = BackendEntry.peer("glibc") { try GlibcPeer() }.run(trace, tinyOptions, testClock)
        #expect(r.skipped == nil)
        #expect(r.check == CheckReport())
        #expect((r.nsPerOp ?? 0) > 0)
    }

    @Test func reportsHaveARowPerResult() throws {
        var rng = SeededRandom.forTest("reports")
        let trace = try Trace.parse(randomByteTrace(&rng, ops: 200))
        let results = runSuite(traces: [trace], backends: [
            .byteAllocator("first-fit", family: "test") { FirstFitByteAllocator() },
            .pageAllocator("pages", family: "test") { FirstFitPageAllocator() },
        ], options: tinyOptions)
        #expect(results.count == 2)
        #expect(Report.csv(results).split(separator: "\n").count == 3)
        #expect(Report.table(results).contains("first-fit"))
        let json = Report.json(results, meta: [("command", "x \"y\"")])
        #expect(json.contains("\"backend\": \"first-fit\"") && json.contains("x \\\"y\\\""))
    }

    @Test func latencyPercentiles() {
        var rng = SeededRandom.forTest("latencyPercentiles")
        var samples = (1 ... 10_000).map { UInt32($0) }.shuffled(using: &rng)
        let s = samples.withUnsafeMutableBufferPointer { summarizeLatencies($0, clock: LatencyClock(cyclesPerNanosecond: 1, overheadCycles: 1)) }
        #expect(s.p50 == 4_999 && s.p999 == 9_989 && s.p9999 == 9_998 && s.max == 9_999)
    }
}

@Suite struct PlantedBugTests {
    /// The shared planted-bug wrapper, registered like any allocator of ours:
    /// the check pass must catch it before anything is timed.
    @Test(arguments: [PlantedBugAllocator<FirstFitByteAllocator>.Bug.misalign, .overlap])
    func checkPassCatchesPlantedBugs(bug: PlantedBugAllocator<FirstFitByteAllocator>.Bug) throws {
        var rng = SeededRandom.forTest("checkPassCatchesPlantedBugs.\(bug)")
        let trace = try Trace.parse(randomByteTrace(&rng))
        let entry = BackendEntry.byteAllocator("planted \(bug)", family: "test") {
            PlantedBugAllocator(FirstFitByteAllocator(), bug: bug)
        }
        let r = entry.run(trace, tinyOptions, testClock)
        let check = try #require(r.check)
        switch bug {
        case .misalign: #expect(check.misaligned > 0)
        default:
            #expect(check.overlaps > 0)
            #expect(!check.safeToTime && r.nsPerOp == nil)
        }
    }

    @Test func referenceAllocatorPassesTheCheck() throws {
        var rng = SeededRandom.forTest("referenceAllocatorPassesTheCheck")
        let trace = try Trace.parse(randomByteTrace(&rng, ops: 500))
        let r = BackendEntry.byteAllocator("reference", family: "test") { ReferenceByteAllocator() }.run(trace, tinyOptions, testClock)
        #expect(r.skipped == nil)
        #expect(r.check?.misaligned == 0 && r.check?.overlaps == 0 && r.check?.stampErrors == 0 && r.check?.failures == 0)
    }
}

@Suite struct OutOfPoolTests {
    /// A backend claiming a pool it does not allocate from: results outside the
    /// claimed range are counted and never written to.
    struct ForeignBackend: ReplayBackend, ~Copyable {
        var inner = BadBumpBackend()
        var poolRange: Range<UInt>? { 0 ..< 4096 }
        mutating func allocate(byteCount: Int, alignment: Int) -> UnsafeMutableRawPointer? { inner.allocate(byteCount: byteCount, alignment: alignment) }
        mutating func deallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) {}
    }

    @Test func resultsOutsideThePoolAreCounted() throws {
        var rng = SeededRandom.forTest("resultsOutsideThePoolAreCounted")
        let trace = try Trace.parse(randomByteTrace(&rng, ops: 300))
        var backend = ForeignBackend()
        let report = checkPass(&backend, trace: trace)
        #expect(report.outOfPool > 0 && !report.safeToTime && report.stampErrors == 0)
    }
}
