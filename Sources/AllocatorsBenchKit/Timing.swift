import CBenchClock
#if canImport(Glibc)
import Glibc
#endif

/// Nanoseconds of `CLOCK_MONOTONIC` (the vDSO, about 20 ns a call).
@inlinable @inline(__always)
public func monotonicNanoseconds() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
}

/// The slot table of a replay: one pointer per slot.
public struct SlotTable: ~Copyable {
    @usableFromInline let pointers: UnsafeMutablePointer<UnsafeMutableRawPointer?>
    @usableFromInline let count: Int

    public init(count: Int) {
        self.count = max(count, 1)
        pointers = .allocate(capacity: self.count)
        pointers.initialize(repeating: nil, count: self.count)
    }

    deinit { pointers.deallocate() }
}

/// Replays the trace once, writing one byte at the start of every block as a
/// program would; returns the failed allocations (their slots are skipped).
@inlinable
public func replayOnce<B: ReplayBackend & ~Copyable>(
    _ backend: inout B, _ ops: UnsafeBufferPointer<BenchOp>, _ slots: borrowing SlotTable
) -> Int {
    var failures = 0
    let table = slots.pointers
    for op in ops {
        let s = Int(op.slot)
        switch op.code {
        case .allocate:
            if let p = backend.allocate(byteCount: op.size, alignment: op.alignment) {
                p.storeBytes(of: 1, as: UInt8.self)
                table[s] = p
            } else {
                failures &+= 1
            }
        case .free:
            if let p = table[s] {
                backend.deallocate(p, byteCount: op.size, alignment: op.alignment)
                table[s] = nil
            }
        case .reallocate:
            guard let old = table[s] else { continue }
            let p = backend.allocate(byteCount: op.size, alignment: op.alignment)
            if let p { p.copyMemory(from: old, byteCount: min(op.size, op.oldSize)) } else { failures &+= 1 }
            backend.deallocate(old, byteCount: op.oldSize, alignment: op.alignment)
            table[s] = p
        }
    }
    return failures
}

/// One timed pass: repeats the trace until at least `minimumNanoseconds` have
/// passed; returns nanoseconds per op and the failures seen.
@inlinable
public func timedPass<B: ReplayBackend & ~Copyable>(
    _ backend: inout B, trace: Trace, minimumNanoseconds: UInt64
) -> (nsPerOp: Double, failures: Int) {
    let slots = SlotTable(count: trace.slots)
    // Read the clock about once per 10,000 ops so it costs nothing measurable.
    let batch = max(1, 10_000 / max(trace.ops.count, 1))
    return trace.ops.withUnsafeBufferPointer { ops in
        var failures = 0
        var repetitions = 0
        let start = monotonicNanoseconds()
        var elapsed: UInt64 = 0
        repeat {
            for _ in 0 ..< batch { failures &+= replayOnce(&backend, ops, slots) }
            repetitions += batch
            elapsed = monotonicNanoseconds() &- start
        } while elapsed < minimumNanoseconds
        return (Double(elapsed) / Double(repetitions * ops.count), failures)
    }
}

/// Per-op latency percentiles in nanoseconds, timer overhead subtracted.
public struct LatencySummary: Equatable, Sendable {
    public var samples: Int
    public var timerOverhead: Double
    public var p50: Double
    public var p999: Double
    public var p9999: Double
    public var max: Double

    public init(samples: Int, timerOverhead: Double, p50: Double, p999: Double, p9999: Double, max: Double) {
        self.samples = samples
        self.timerOverhead = timerOverhead
        self.p50 = p50
        self.p999 = p999
        self.p9999 = p9999
        self.max = max
    }
}

/// The clock of the latency pass: the cycle counter, its rate measured
/// against `CLOCK_MONOTONIC`, and the cost of an empty pair of reads.
public struct LatencyClock: Sendable {
    public var cyclesPerNanosecond: Double
    public var overheadCycles: UInt64

    public init(cyclesPerNanosecond: Double, overheadCycles: UInt64) {
        self.cyclesPerNanosecond = cyclesPerNanosecond
        self.overheadCycles = overheadCycles
    }

    /// Calibrates over about 20 ms: the rate, then the median of 20,001 empty pairs.
    public static func calibrate() -> LatencyClock {
        let n0 = monotonicNanoseconds(), c0 = bench_cycles()
        while monotonicNanoseconds() &- n0 < 20_000_000 {}
        let n1 = monotonicNanoseconds(), c1 = bench_cycles()
        let rate = Double(c1 &- c0) / Double(max(n1 &- n0, 1))
        var samples = [UInt64](repeating: 0, count: 20_001)
        for i in samples.indices {
            let a = bench_cycles()
            let b = bench_cycles()
            samples[i] = b &- a
        }
        samples.sort()
        return LatencyClock(cyclesPerNanosecond: rate > 0 ? rate : 1, overheadCycles: samples[samples.count / 2])
    }

    public var overheadNanoseconds: Double { Double(overheadCycles) / cyclesPerNanosecond }
}

/// The latency pass: the cycle counter read around every allocation and free,
/// the trace repeated until at least `minimumSamples` ops were timed.
@inlinable
public func latencyPass<B: ReplayBackend & ~Copyable>(
    _ backend: inout B, trace: Trace, minimumSamples: Int, clock: LatencyClock
) -> LatencySummary {
    let repetitions = max(1, (minimumSamples + trace.ops.count - 1) / max(trace.ops.count, 1))
    let total = repetitions * trace.ops.count
    let durations = UnsafeMutablePointer<UInt32>.allocate(capacity: max(total, 1))
    defer { durations.deallocate() }
    let table = SlotTable(count: trace.slots)
    let pointers = table.pointers
    var n = 0
    trace.ops.withUnsafeBufferPointer { ops in
        for _ in 0 ..< repetitions {
            for op in ops {
                let s = Int(op.slot)
                switch op.code {
                case .allocate:
                    let t0 = bench_cycles()
                    let p = backend.allocate(byteCount: op.size, alignment: op.alignment)
                    let t1 = bench_cycles()
                    durations[n] = UInt32(truncatingIfNeeded: min(t1 &- t0, UInt64(UInt32.max)))
                    n &+= 1
                    if let p { p.storeBytes(of: 1, as: UInt8.self) }
                    pointers[s] = p
                case .free:
                    guard let p = pointers[s] else { continue }
                    let t0 = bench_cycles()
                    backend.deallocate(p, byteCount: op.size, alignment: op.alignment)
                    let t1 = bench_cycles()
                    durations[n] = UInt32(truncatingIfNeeded: min(t1 &- t0, UInt64(UInt32.max)))
                    n &+= 1
                    pointers[s] = nil
                case .reallocate:
                    guard let old = pointers[s] else { continue }
                    let t0 = bench_cycles()
                    let p = backend.allocate(byteCount: op.size, alignment: op.alignment)
                    if let p { p.copyMemory(from: old, byteCount: min(op.size, op.oldSize)) }
                    backend.deallocate(old, byteCount: op.oldSize, alignment: op.alignment)
                    let t1 = bench_cycles()
                    durations[n] = UInt32(truncatingIfNeeded: min(t1 &- t0, UInt64(UInt32.max)))
                    n &+= 1
                    pointers[s] = p
                }
            }
        }
    }
    return summarizeLatencies(UnsafeMutableBufferPointer(start: durations, count: n), clock: clock)
}

/// Sorts the durations (in cycles) and reads the percentiles in nanoseconds,
/// each less the timer overhead.
public func summarizeLatencies(_ samples: UnsafeMutableBufferPointer<UInt32>, clock: LatencyClock) -> LatencySummary {
    var buffer = samples
    buffer.sort()
    let n = buffer.count
    func at(_ q: Double) -> Double {
        guard n > 0 else { return 0 }
        let i = max(0, min(n - 1, Int((q * Double(n)).rounded(.up)) - 1))
        let cycles = UInt64(buffer[i]) > clock.overheadCycles ? UInt64(buffer[i]) - clock.overheadCycles : 0
        return Double(cycles) / clock.cyclesPerNanosecond
    }
    return LatencySummary(samples: n, timerOverhead: clock.overheadNanoseconds, p50: at(0.5), p999: at(0.999), p9999: at(0.9999), max: at(1.0))
}
