/// One step of a model-checked byte-allocator run: a trace op, or a
/// deliberately bad free that must be refused with `.notAllocated` and change
/// nothing. Bad frees print as `#` comments, so a shrunk run stays a
/// replayable trace.
public enum ByteStep: Equatable, Hashable, Sendable, CustomStringConvertible {
    case op(TraceOp)
    /// Free again the pointer the slot held last, if nothing reuses it now.
    case doubleFree(slot: Int)
    /// Free one byte past the start of the slot's live block.
    case interiorFree(slot: Int)
    /// Free the slot's live block with a size no block of it can have.
    case wrongSizeFree(slot: Int)
    /// Free an address outside every managed region.
    case foreignFree

    public var description: String {
        switch self {
        case .op(let op): op.description
        case .doubleFree(let slot): "# bad free: double free of slot \(slot)"
        case .interiorFree(let slot): "# bad free: interior pointer of slot \(slot)"
        case .wrongSizeFree(let slot): "# bad free: wrong size for slot \(slot)"
        case .foreignFree: "# bad free: foreign pointer"
        }
    }
}

/// The steps as a trace in the shared format (bad frees as comments).
public func renderTrace(name: String, pool: Int, steps: [ByteStep]) -> String {
    let ops = steps.compactMap { step -> TraceOp? in if case .op(let op) = step { op } else { nil } }
    let header = renderTrace(name: name, kind: "bytes", pool: pool, ops: []).split(separator: "\n").filter { !$0.hasPrefix("# ops") && !$0.hasPrefix("# slots") }
    let slots = ops.map { op -> Int in
        switch op {
        case .allocate(let s, _, _), .free(let s), .reallocate(let s, _), .allocatePages(let s, _, _), .freePages(let s): s
        }
    }.max().map { $0 + 1 } ?? 0
    return (header.map(String.init) + ["# ops \(ops.count)", "# slots \(slots)"] + steps.map(\.description)).joined(separator: "\n")
}
