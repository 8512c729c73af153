/// One step of a model-checked byte-allocator run: a trace op, a
/// deliberately bad free that must be refused with `.notAllocated` and change
/// nothing, or a use-after-free write. Steps that are not trace ops print as
/// `#` comments, so a shrunk run stays a replayable trace.
///
/// The hostile steps carry a `pick`, a random word that the checker turns
/// into a concrete offset, size or address from the state of the run (the
/// live block's extent, the holes of the arena), so the generator needs to
/// know nothing about where blocks landed.
public enum ByteStep: Equatable, Hashable, Sendable, CustomStringConvertible {
    case op(TraceOp)
    /// Free again the pointer the slot held last, if nothing reuses it now.
    case doubleFree(slot: Int)
    /// Free a pointer inside the slot's live block: a multiple of `stride`
    /// past its start, inside the block's extent.
    case interiorFree(slot: Int, stride: InteriorStride, pick: UInt32)
    /// Free the slot's live block with a size (smaller or larger than its
    /// own) that the geometry says the allocator can tell from its own.
    case wrongSizeFree(slot: Int, smaller: Bool, pick: UInt32)
    /// Free the slot's live block with an alignment the geometry says the
    /// allocator can tell from its own.
    case wrongAlignmentFree(slot: Int, kind: WrongAlignment, pick: UInt32)
    /// Free an address outside every managed region.
    case foreignFree
    /// Free an address inside a hole between regions (unmapped when the
    /// arena unmaps its holes), aligned to `2^alignmentLog2`.
    case holeFree(pick: UInt32, alignmentLog2: Int)
    /// Overwrite the first `words` words of the block the slot held last
    /// (freed, and still free in the model) with a forged address, as a use
    /// after free does: the allocator must trap or keep handing out only its
    /// own memory.
    case useAfterFreeWrite(slot: Int, forged: ForgedAddress, words: Int)

    public var description: String {
        switch self {
        case .op(let op): op.description
        case .doubleFree(let slot): "# bad free: double free of slot \(slot)"
        case .interiorFree(let slot, let stride, let pick): "# bad free: interior pointer of slot \(slot), \(stride), pick \(pick)"
        case .wrongSizeFree(let slot, let smaller, let pick): "# bad free: wrong size (\(smaller ? "smaller" : "larger")) for slot \(slot), pick \(pick)"
        case .wrongAlignmentFree(let slot, let kind, let pick): "# bad free: wrong alignment (\(kind)) for slot \(slot), pick \(pick)"
        case .foreignFree: "# bad free: foreign pointer"
        case .holeFree(let pick, let alignmentLog2): "# bad free: pointer in a hole between regions, aligned to \(1 << alignmentLog2), pick \(pick)"
        case .useAfterFreeWrite(let slot, let forged, let words): "# use after free: \(words) words of slot \(slot) overwritten with \(forged)"
        }
    }
}

/// The steps between interior pointers of a block.
public enum InteriorStride: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// One byte: the first interior pointer only.
    case byte
    /// Multiples of `2^log2` bytes (a word, a granule, a page...).
    case power(log2: Int)
    /// Multiples of the alignment the block was allocated with.
    case blockAlignment

    public var description: String {
        switch self {
        case .byte: "+1 byte"
        case .power(let log2): "stride \(1 << log2)"
        case .blockAlignment: "stride of its alignment"
        }
    }
}

/// The wrong alignments of a free.
public enum WrongAlignment: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// A power of two the pointer meets, other than the block's.
    case metPower
    /// A power of two the pointer does not meet.
    case unmetPower
    /// Zero, negative, or not a power of two.
    case notAPower

    public var description: String {
        switch self {
        case .metPower: "a power of two the pointer meets"
        case .unmetPower: "a power of two the pointer does not meet"
        case .notAPower: "not a power of two"
        }
    }
}

/// What a use-after-free write stores over a freed block's links.
public enum ForgedAddress: Equatable, Hashable, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// Writable memory outside every region (the arena's `outside` page).
    case outsideTheRegions
    /// An address inside the regions that is no block: inside a live block
    /// when one is big enough, else just past a region's start.
    case insideNotABlock

    public var description: String {
        switch self {
        case .outsideTheRegions: "an address outside the regions"
        case .insideNotABlock: "an address inside the regions that is no block"
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
