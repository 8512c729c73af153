#if Slab
/// A snapshot of a slab allocator's state.
public struct SlabStatistics: Equatable, Sendable {
    /// The backing allocator's total.
    public var totalBytes: Int
    /// Class sizes of live objects plus the backing's bytes of large blocks.
    public var usedBytes: Int
    /// `totalBytes - usedBytes`.
    public var availableBytes: Int
    /// Slabs taken from the backing allocator (cached ones included).
    public var slabs: Int
    /// Empty slabs kept for reuse.
    public var cachedSlabs: Int
    /// Bytes the slabs take from the backing allocator: the slab footprint.
    public var slabBytes: Int
}

extension SlabAllocator where Backing: ~Copyable {
    /// The current statistics.
    ///
    /// - Complexity: O(1).
    public var statistics: SlabStatistics {
        return SlabStatistics(
            totalBytes: totalBytes, usedBytes: usedBytes, availableBytes: availableBytes,
            slabs: slabCount, cachedSlabs: emptySlabCount, slabBytes: slabBackingBytes)
    }
}
#endif
