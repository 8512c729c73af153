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

    public init(
        liveExtent: @escaping @Sendable (UInt, Int, Int) -> (lower: UInt, upper: UInt),
        requiredGap: @escaping @Sendable (Int, Int) -> UInt?,
        usableRange: @escaping @Sendable (UInt, Int) -> (lower: UInt, upper: UInt)?,
        overheadBound: @escaping @Sendable (Int, Int) -> Int,
        initialUsableRange: (@Sendable (UInt, Int) -> (lower: UInt, upper: UInt)?)? = nil
    ) {
        self.liveExtent = liveExtent
        self.requiredGap = requiredGap
        self.usableRange = usableRange
        self.overheadBound = overheadBound
        self.initialUsableRange = initialUsableRange
    }

    /// The usable part of a region: `initialUsableRange` for the region given
    /// to `initialize` when there is one, `usableRange` otherwise.
    public func usableRange(start: UInt, size: Int, initial: Bool) -> (lower: UInt, upper: UInt)? {
        if initial, let initialUsableRange { return initialUsableRange(start, size) }
        return usableRange(start, size)
    }
}
