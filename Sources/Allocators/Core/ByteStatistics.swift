/// A snapshot of a byte allocator's state: the statistics every byte
/// allocator of this package reports through its `statistics` property.
///
/// Contract (`ByteAllocator`; checked after every step of the model-checked
/// tests): `usedBytes + availableBytes == totalBytes`; `usedBytes` is at least
/// the live requested bytes and exceeds them by at most the allocator's
/// documented per-block overhead; once every block is freed, `usedBytes == 0`.
@frozen
public struct ByteStatistics: Equatable, Sendable {
    /// Bytes managed: the parts of the regions that blocks can occupy.
    public var totalBytes: Int
    /// Bytes given out to live blocks, with their per-block overhead.
    public var usedBytes: Int
    /// `totalBytes - usedBytes`.
    public var availableBytes: Int
    /// Regions given with `initialize` and `addMemory`.
    public var regionCount: Int
    /// Bytes of the largest free block (header included where blocks have
    /// one); 0 when nothing is free. For the slab allocator, its backing's.
    public var largestFreeBlock: Int

    @inlinable
    public init(totalBytes: Int, usedBytes: Int, regionCount: Int, largestFreeBlock: Int) {
        self.totalBytes = totalBytes
        self.usedBytes = usedBytes
        self.availableBytes = totalBytes &- usedBytes
        self.regionCount = regionCount
        self.largestFreeBlock = largestFreeBlock
    }
}
