/// The scope of an exhaustive search: which requests every state tries, how
/// many blocks (or runs) may be live at once, and where Z3 checks too.
public struct ExhaustiveScope<Request: Sendable>: Sendable {
    /// Requests tried in every state with fewer than `maxLive` live blocks,
    /// each into the lowest free slot.
    public var requests: [Request]
    /// Live blocks (or runs) at most.
    public var maxLive: Int
    /// In `.z3AndShadow` mode, the allocations from states with at most this
    /// many live blocks are checked by Z3 as well as by the shadow.
    public var z3MaxLive: Int
    /// More reachable states than this fail the search (the scope is too large).
    public var stateLimit: Int
    /// Whether bad frees are tried (off only to let a planted bug show as itself).
    public var badFrees: Bool

    public init(requests: [Request], maxLive: Int, z3MaxLive: Int = 1, stateLimit: Int = 200_000, badFrees: Bool = true) {
        self.requests = requests
        self.maxLive = maxLive
        self.z3MaxLive = z3MaxLive
        self.stateLimit = stateLimit
        self.badFrees = badFrees
    }

    /// The same scope, with bad frees tried or not.
    public func badFrees(_ tried: Bool) -> Self {
        var scope = self
        scope.badFrees = tried
        return scope
    }
}

/// One request of a byte search's alphabet.
public struct ExhaustiveRequest: Sendable {
    public var byteCount: Int
    public var alignment: Int
    /// Blocks of this request live at most: a state holding as many does not try it.
    public var maxLive: Int

    public init(_ byteCount: Int, alignment: Int, maxLive: Int = .max) {
        self.byteCount = byteCount
        self.alignment = alignment
        self.maxLive = maxLive
    }
}

/// One request of a page search's alphabet (alignments in bytes).
public enum ExhaustivePageRequest: Sendable {
    /// `allocatePages(count:alignment:)`.
    case pages(Int, alignment: Int)
    /// `allocatePages(at:count:alignment:)`, `offset` pages past the lowest
    /// region's first page.
    case at(offset: Int, pages: Int, alignment: Int)
}

public typealias ExhaustiveByteScope = ExhaustiveScope<ExhaustiveRequest>
public typealias ExhaustivePageScope = ExhaustiveScope<ExhaustivePageRequest>
