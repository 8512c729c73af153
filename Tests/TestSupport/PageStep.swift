/// One step of a model-checked page-allocator run: a trace op (`p`/`q`), an
/// exact-address allocation, or a deliberately bad free that must be refused
/// with `.notAllocated` and change nothing. Steps that are not trace ops
/// print as `#` comments, so a shrunk run stays a replayable trace.
public enum PageStep: Equatable, Hashable, Sendable, CustomStringConvertible {
    case op(TraceOp)
    /// `allocatePages(at:)` of `pages` pages, `offset` pages past the start
    /// of the lowest region, aligned to `alignment` bytes; kept in `slot`.
    case allocateAt(slot: Int, offset: Int, pages: Int, alignment: Int)
    /// Free again the run the slot held last, if nothing reuses it now.
    case doubleFree(slot: Int)
    /// Free the slot's live run and the page after it.
    case overrunFree(slot: Int)
    /// Free a page past every managed region.
    case foreignFree
    /// Free `pages` pages from a page in a gap between managed regions (an
    /// unmapped hole when the regions are separate mappings).
    case holeFree(pick: UInt32, pages: Int)

    public var description: String {
        switch self {
        case .op(let op): op.description
        case .allocateAt(let slot, let offset, let pages, let alignment): "# at: slot \(slot), page offset \(offset), \(pages) pages, alignment \(alignment)"
        case .doubleFree(let slot): "# bad free: double free of slot \(slot)"
        case .overrunFree(let slot): "# bad free: slot \(slot) and the page after it"
        case .foreignFree: "# bad free: foreign page"
        case .holeFree(let pick, let pages): "# bad free: \(pages) pages in a hole between regions, pick \(pick)"
        }
    }
}

/// The steps as a pages trace in the shared format (other steps as comments).
public func renderPageTrace(name: String, pool: Int, pageSize: Int, steps: [PageStep]) -> String {
    let ops = steps.compactMap { step -> TraceOp? in if case .op(let op) = step { op } else { nil } }
    let header = renderTrace(name: name, kind: "pages", pool: pool, ops: ops, pageSize: pageSize)
        .split(separator: "\n").prefix { $0.hasPrefix("#") }
    return (header.map(String.init) + steps.map(\.description)).joined(separator: "\n")
}

/// Random page steps: allocations of `1 ... maxPages` pages (log-uniform)
/// aligned to `2^alignmentLog2` pages, frees of random live slots, exact
/// allocations and bad frees.
public struct PageWorkload: Sendable {
    public var maxPages: Int
    public var alignmentLog2: ClosedRange<Int>
    public var slots: Int
    public var pageSize: Int
    /// Pages past the lowest region's start that exact allocations aim at.
    public var offsetSpan: Int
    public var badFrees: Bool

    public init(maxPages: Int, alignmentLog2: ClosedRange<Int>, slots: Int, pageSize: Int, offsetSpan: Int, badFrees: Bool = true) {
        self.maxPages = maxPages
        self.alignmentLog2 = alignmentLog2
        self.slots = slots
        self.pageSize = pageSize
        self.offsetSpan = offsetSpan
        self.badFrees = badFrees
    }

    func pages(using random: inout SeededRandom) -> Int {
        // Log-uniform, so small runs dominate and long ones still occur.
        let bits = Int.random(in: 0 ... max(0, Int.bitWidth - 1 - maxPages.leadingZeroBitCount), using: &random)
        return min(maxPages, Int.random(in: (1 << bits) ... (2 << bits) - 1, using: &random))
    }

    func alignment(using random: inout SeededRandom) -> Int {
        pageSize << Int.random(in: alignmentLog2, using: &random)
    }

    public func steps(_ count: Int, using random: inout SeededRandom) -> [PageStep] {
        (0 ..< count).map { _ in
            let slot = Int.random(in: 0 ..< slots, using: &random)
            switch Int.random(in: 0 ..< 20, using: &random) {
            case 0 ..< 9: return .op(.allocatePages(slot: slot, pages: pages(using: &random), alignment: alignment(using: &random)))
            case 9 ..< 16: return .op(.freePages(slot: slot))
            case 16 ..< 18:
                return .allocateAt(slot: slot, offset: Int.random(in: 0 ... offsetSpan, using: &random),
                                   pages: pages(using: &random), alignment: alignment(using: &random))
            case 18: return badFrees ? .doubleFree(slot: slot) : .op(.freePages(slot: slot))
            default:
                guard badFrees else { return .op(.freePages(slot: slot)) }
                switch Int.random(in: 0 ..< 3, using: &random) {
                case 0: return .overrunFree(slot: slot)
                case 1: return .foreignFree
                default: return .holeFree(pick: UInt32.random(in: 0 ... .max, using: &random), pages: pages(using: &random))
                }
            }
        }
    }
}
