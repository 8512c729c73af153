/// How a byte allocator describes its footprint to the reference model.
///
/// Each function is built from the allocator's own proved kernels, so the
/// model checks the allocator against the arithmetic it actually runs.
public struct ByteModelGeometry: Sendable {
    /// The most address space a live block can hold: its header before the
    /// pointer and its rounding or unsplit remainder after the requested bytes.
    public var liveExtent: @Sendable (_ pointer: UInt, _ byteCount: Int, _ alignment: Int) -> (lower: UInt, upper: UInt)
    /// The size of a free gap (between live extents, inside a usable range)
    /// that guarantees the request succeeds; nil when the request is invalid.
    public var requiredGap: @Sendable (_ byteCount: Int, _ alignment: Int) -> UInt?
    /// The part of a region given to `initialize`/`addMemory` that blocks can
    /// occupy; nil when the region is too small to manage.
    public var usableRange: @Sendable (_ start: UInt, _ size: Int) -> (lower: UInt, upper: UInt)?
    /// The documented per-block overhead of the statistics contract:
    /// `usedBytes <= Σ (byteCount + overheadBound(byteCount, alignment))`.
    public var overheadBound: @Sendable (_ byteCount: Int, _ alignment: Int) -> Int
    /// The usable part of the region given to `initialize`, for allocators
    /// that keep bookkeeping there (TLSF's control structure); nil when it is
    /// the same as `usableRange`.
    public var initialUsableRange: (@Sendable (_ start: UInt, _ size: Int) -> (lower: UInt, upper: UInt)?)?
    /// The usable part of a region given after `regionsBefore` accepted
    /// ones, for allocators whose bookkeeping per region depends on how many
    /// came before (a region table carved from the regions, which grows);
    /// nil when `initialUsableRange` (for the first) and `usableRange` (for
    /// the rest) say it.
    public var indexedUsableRange: (@Sendable (_ start: UInt, _ size: Int, _ regionsBefore: Int) -> (lower: UInt, upper: UInt)?)?
    /// The free contract: whether `tryDeallocate(pointer, byteCount,
    /// alignment)` may take the arguments for those of the live block at
    /// `pointer` allocated (or last resized) as `liveByteCount` bytes aligned
    /// to `liveAlignment`, because the allocator cannot tell them apart from
    /// its own state. Every free for which this is false must be
    /// `.notAllocated`: the model checker's wrong-size and wrong-alignment
    /// steps hold the allocator to it. Nil: only the live block's own
    /// arguments are accepted.
    public var describesBlock: (@Sendable (
        _ pointer: UInt, _ byteCount: Int, _ alignment: Int, _ liveByteCount: Int, _ liveAlignment: Int
    ) -> Bool)?

    public init(
        liveExtent: @escaping @Sendable (UInt, Int, Int) -> (lower: UInt, upper: UInt),
        requiredGap: @escaping @Sendable (Int, Int) -> UInt?,
        usableRange: @escaping @Sendable (UInt, Int) -> (lower: UInt, upper: UInt)?,
        overheadBound: @escaping @Sendable (Int, Int) -> Int,
        initialUsableRange: (@Sendable (UInt, Int) -> (lower: UInt, upper: UInt)?)? = nil,
        indexedUsableRange: (@Sendable (UInt, Int, Int) -> (lower: UInt, upper: UInt)?)? = nil,
        describesBlock: (@Sendable (UInt, Int, Int, Int, Int) -> Bool)? = nil
    ) {
        self.liveExtent = liveExtent
        self.requiredGap = requiredGap
        self.usableRange = usableRange
        self.overheadBound = overheadBound
        self.initialUsableRange = initialUsableRange
        self.indexedUsableRange = indexedUsableRange
        self.describesBlock = describesBlock
    }

    /// The usable part of a region: `initialUsableRange` for the region given
    /// to `initialize` when there is one, `usableRange` otherwise.
    public func usableRange(start: UInt, size: Int, initial: Bool) -> (lower: UInt, upper: UInt)? {
        if initial, let initialUsableRange { return initialUsableRange(start, size) }
        return usableRange(start, size)
    }

    /// The usable part of a region given after `regionsBefore` accepted ones:
    /// `indexedUsableRange` when there is one, else `usableRange(start:size:initial:)`
    /// with the first accepted region as the initial one.
    public func usableRange(start: UInt, size: Int, regionsBefore: Int) -> (lower: UInt, upper: UInt)? {
        if let indexedUsableRange { return indexedUsableRange(start, size, regionsBefore) }
        return usableRange(start: start, size: size, initial: regionsBefore == 0)
    }

    /// `describesBlock`, or for a geometry without one whether the arguments
    /// are the live block's own.
    public func describesBlock(
        pointer: UInt, byteCount: Int, alignment: Int, liveByteCount: Int, liveAlignment: Int
    ) -> Bool {
        if let describesBlock { return describesBlock(pointer, byteCount, alignment, liveByteCount, liveAlignment) }
        return byteCount == liveByteCount && alignment == liveAlignment
    }
}
