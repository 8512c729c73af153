import CCallgrind

/// What a callgrind worker's run of one backend on one trace found: the
/// check pass, and the calls its counted replay made. The instructions
/// themselves are in the callgrind dump labelled with the backend's name.
public struct CountedReplay: Sendable {
    public var trace: String
    public var backend: String
    public var family: String
    public var ops: Int
    /// nil when the replay was counted; otherwise why not.
    public var skipped: String?
    public var check: CheckReport?
    /// Calls to the backend's allocate and deallocate in the counted replay.
    public var allocations = 0
    public var frees = 0
    /// Allocations of the counted replay that failed (their slots' later ops skipped).
    public var failures = 0

    public init(trace: String, backend: String, family: String, ops: Int) {
        self.trace = trace
        self.backend = backend
        self.family = family
        self.ops = ops
    }
}

/// Mangled-name fragments of the two functions every counted call goes
/// through; the harness reads their inclusive cost from the dump.
public enum CountedCalls {
    public static let allocation = "AllocatorsBenchKit17countedAllocation"
    public static let free = "AllocatorsBenchKit11countedFree"
}

/// One allocation of the counted replay. Never inlined, so callgrind
/// attributes the backend's allocation, with everything it calls, to this
/// function (specialized per backend); `@inlinable` so the registering
/// module specializes it.
@inlinable @inline(never)
public func countedAllocation<B: ReplayBackend & ~Copyable>(
    _ backend: inout B, byteCount: Int, alignment: Int
) -> UnsafeMutableRawPointer? {
    backend.allocate(byteCount: byteCount, alignment: alignment)
}

/// One free of the counted replay, like `countedAllocation`.
@inlinable @inline(never)
public func countedFree<B: ReplayBackend & ~Copyable>(
    _ backend: inout B, _ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int
) {
    backend.deallocate(pointer, byteCount: byteCount, alignment: alignment)
}

/// The backend at `inner` with every call routed through `countedAllocation`
/// and `countedFree`, and counted, so `replayOnce` is also the counted loop.
@usableFromInline
struct CountedBackend<Inner: ReplayBackend & ~Copyable>: ReplayBackend {
    @usableFromInline let inner: UnsafeMutablePointer<Inner>
    @usableFromInline var allocations = 0
    @usableFromInline var frees = 0

    @inlinable init(_ inner: UnsafeMutablePointer<Inner>) { self.inner = inner }

    @inlinable @inline(__always)
    mutating func allocate(byteCount: Int, alignment: Int) -> UnsafeMutableRawPointer? {
        allocations &+= 1
        return countedAllocation(&inner.pointee, byteCount: byteCount, alignment: alignment)
    }

    @inlinable @inline(__always)
    mutating func deallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) {
        frees &+= 1
        countedFree(&inner.pointee, pointer, byteCount: byteCount, alignment: alignment)
    }
}

/// The instruction mode's measurement of one backend, inside a callgrind
/// worker: the check pass (uncounted), then one replay of the trace, counted:
/// callgrind's instrumentation and collection are on for that loop only, and
/// its counters are dumped to a file labelled `label`. A backend whose check
/// pass found overlapping or corrupted blocks is not replayed.
@inlinable
public func countInstructions<B: ReplayBackend & ~Copyable>(
    _ backend: inout B, trace: Trace, label: String, into result: inout CountedReplay
) {
    let check = checkPass(&backend, trace: trace)
    result.check = check
    guard check.safeToTime else {
        result.skipped = "not counted: the check pass found overlapping, corrupted, foreign or rejected blocks"
        return
    }
    let slots = SlotTable(count: trace.slots)
    withUnsafeMutablePointer(to: &backend) { pointer in
        var counted = CountedBackend(pointer)
        result.failures = trace.ops.withUnsafeBufferPointer { ops in
            label.withCString { name in
                bench_callgrind_begin()
                let failures = replayOnce(&counted, ops, slots)
                bench_callgrind_end(name)
                return failures
            }
        }
        result.allocations = counted.allocations
        result.frees = counted.frees
    }
}
