#if canImport(Glibc)
import Glibc
#endif

/// The harness alone: a backend that allocates nothing. Its allocations
/// return addresses computed from the trace before any replay, one per
/// allocation in trace order (the slot's own stretch of a reserved mapping,
/// so no two live blocks overlap and the check pass accepts them), and its
/// frees do nothing. What the instruction mode counts for it is the replay
/// loop's own cost, which it subtracts from every other backend's.
///
/// The addresses repeat after the last allocation, so the check pass and the
/// counted replay that follows it see the same ones.
public struct EmptyBackend: ReplayBackend, ~Copyable {
    @usableFromInline let addresses: UnsafeMutablePointer<UnsafeMutableRawPointer>
    @usableFromInline let count: Int
    @usableFromInline var cursor = 0
    private let mapping: UnsafeMutableRawPointer
    private let mappingSize: Int

    /// The backend for `trace`; nil when the trace allocates nothing or the
    /// mapping cannot be reserved.
    public init?(trace: Trace) {
        var largest = [Int](repeating: 0, count: max(trace.slots, 1))
        var alignment = [Int](repeating: 1, count: max(trace.slots, 1))
        var allocationSlots: [Int] = []
        for op in trace.ops where op.code != .free {
            let s = Int(op.slot)
            largest[s] = max(largest[s], op.size)
            alignment[s] = max(alignment[s], op.alignment)
            allocationSlots.append(s)
        }
        guard !allocationSlots.isEmpty else { return nil }
        // Each slot gets a stretch of its largest size at its largest alignment.
        var offsets = [Int](repeating: 0, count: largest.count)
        var end = 0
        for s in largest.indices where largest[s] > 0 {
            offsets[s] = (end + alignment[s] - 1) & ~(alignment[s] - 1)
            end = offsets[s] + largest[s]
        }
        let baseAlignment = alignment.max()!
        let size = end + baseAlignment
        let p = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0)
        guard let p, p != MAP_FAILED else { return nil }
        mapping = p
        mappingSize = size
        let base = (UInt(bitPattern: p) + UInt(baseAlignment) - 1) & ~UInt(baseAlignment - 1)
        count = allocationSlots.count
        addresses = .allocate(capacity: count)
        for (i, s) in allocationSlots.enumerated() {
            (addresses + i).initialize(to: UnsafeMutableRawPointer(bitPattern: base + UInt(offsets[s]))!)
        }
    }

    deinit {
        addresses.deallocate()
        munmap(mapping, mappingSize)
    }

    @inlinable @inline(__always)
    public mutating func allocate(byteCount: Int, alignment: Int) -> UnsafeMutableRawPointer? {
        let p = addresses[cursor]
        cursor &+= 1
        if cursor == count { cursor = 0 }
        return p
    }

    @inlinable @inline(__always)
    public mutating func deallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) {}
}

extension BackendEntry {
    /// The name of the harness entry, whose count the instruction mode subtracts.
    public static let harnessName = "empty"

    /// `EmptyBackend` as an entry (family "harness"): the instruction mode
    /// runs it first on every trace.
    public static var harness: BackendEntry {
        let name = harnessName, family = "harness"
        return BackendEntry(name: name, family: family, run: { trace, options, clock in
            var result = BackendResult(trace: trace.name, backend: name, family: family, ops: trace.ops.count)
            if var backend = EmptyBackend(trace: trace) {
                measure(&backend, trace: trace, options: options, clock: clock, into: &result)
            } else {
                result.skipped = "no allocation in the trace, or no room to reserve its blocks"
            }
            return result
        }, count: { trace in
            var result = CountedReplay(trace: trace.name, backend: name, family: family, ops: trace.ops.count)
            if var backend = EmptyBackend(trace: trace) {
                countInstructions(&backend, trace: trace, label: name, into: &result)
            } else {
                result.skipped = "no allocation in the trace, or no room to reserve its blocks"
            }
            return result
        })
    }
}
