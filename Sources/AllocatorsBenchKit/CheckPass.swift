/// What the untimed check pass found. Every problem is counted, never fatal.
public struct CheckReport: Equatable, Sendable {
    /// Allocations that failed (the slot's later ops are skipped).
    public var failures = 0
    /// Results not aligned as requested.
    public var misaligned = 0
    /// The first few misaligned requests, as "size/alignment +offset".
    public var misalignedExamples: [String] = []
    /// Results overlapping a live block.
    public var overlaps = 0
    /// Blocks whose first or last byte changed between allocation and free.
    public var stampErrors = 0
    /// Results outside the backend's pool (pool backends only).
    public var outOfPool = 0
    /// Frees the backend rejected.
    public var rejectedFrees = 0
    /// Highest byte offset from the pool start ever handed out (pool backends only).
    public var highWater: Int?

    public init() {}

    /// Whether timing this backend is safe: overlapping or corrupted blocks
    /// could make the timed passes corrupt memory, so such a backend is not timed.
    public var safeToTime: Bool { overlaps == 0 && stampErrors == 0 && outOfPool == 0 && rejectedFrees == 0 }
}

/// Replays `trace` once with every check: alignment of each result, first and
/// last byte stamped at allocation and verified at free, no overlap with any
/// live block, inside the pool, the pool high-water mark.
public func checkPass<B: ReplayBackend & ~Copyable>(_ backend: inout B, trace: Trace) -> CheckReport {
    var report = CheckReport()
    let pool = backend.poolRange
    let live = LiveRanges()
    var pointers = [UnsafeMutableRawPointer?](repeating: nil, count: trace.slots)
    var stamps = [UInt8](repeating: 0, count: trace.slots)
    var tracked = [Bool](repeating: false, count: trace.slots)
    var stamped = [Bool](repeating: false, count: trace.slots)
    var highWater = 0

    func place(_ p: UnsafeMutableRawPointer, _ op: BenchOp, serial: Int) {
        let s = Int(op.slot)
        let lower = UInt(bitPattern: p)
        let upper = lower &+ UInt(op.size)
        if lower % UInt(op.alignment) != 0 {
            report.misaligned += 1
            if report.misalignedExamples.count < 3 {
                report.misalignedExamples.append("\(op.size)/\(op.alignment) +\(lower % UInt(op.alignment))")
            }
        }
        if let pool {
            if lower < pool.lowerBound || upper > pool.upperBound || upper < lower {
                // Not ours to write: count it, keep it for the free, touch nothing.
                report.outOfPool += 1
                tracked[s] = false
                stamped[s] = false
                pointers[s] = p
                return
            } else {
                highWater = max(highWater, Int(upper - pool.lowerBound))
            }
        }
        if live.overlapping(lower, upper) != nil {
            report.overlaps += 1
            tracked[s] = false
        } else {
            live.insert(lower, upper)
            tracked[s] = true
        }
        let stamp = UInt8(truncatingIfNeeded: serial &* 0x9D &+ 0x5B) | 1
        stamps[s] = stamp
        stamped[s] = true
        // The last byte gets the complement, the first byte the stamp (for a
        // one-byte block, the stamp wins).
        (p + (op.size - 1)).storeBytes(of: stamp ^ 0xFF, as: UInt8.self)
        p.storeBytes(of: stamp, as: UInt8.self)
        pointers[s] = p
    }

    func release(_ s: Int, size: Int) -> UnsafeMutableRawPointer? {
        guard let p = pointers[s] else { return nil }
        let last = size == 1 ? stamps[s] : stamps[s] ^ 0xFF
        if stamped[s], p.load(as: UInt8.self) != stamps[s] || (p + (size - 1)).load(as: UInt8.self) != last {
            report.stampErrors += 1
        }
        if tracked[s] { live.remove(UInt(bitPattern: p)) }
        tracked[s] = false
        pointers[s] = nil
        return p
    }

    for (serial, op) in trace.ops.enumerated() {
        let s = Int(op.slot)
        switch op.code {
        case .allocate:
            if let p = backend.allocate(byteCount: op.size, alignment: op.alignment) {
                place(p, op, serial: serial)
            } else {
                report.failures += 1
            }
        case .free:
            if let p = release(s, size: op.size),
               !backend.checkedDeallocate(p, byteCount: op.size, alignment: op.alignment) {
                report.rejectedFrees += 1
            }
        case .reallocate:
            guard let old = release(s, size: op.oldSize) else { continue }
            if let p = backend.allocate(byteCount: op.size, alignment: op.alignment) {
                if !backend.checkedDeallocate(old, byteCount: op.oldSize, alignment: op.alignment) { report.rejectedFrees += 1 }
                place(p, op, serial: serial)
            } else {
                // Count the failure, free the old block and skip the slot's later ops.
                report.failures += 1
                if !backend.checkedDeallocate(old, byteCount: op.oldSize, alignment: op.alignment) { report.rejectedFrees += 1 }
            }
        }
    }
    if pool != nil { report.highWater = highWater }
    return report
}
