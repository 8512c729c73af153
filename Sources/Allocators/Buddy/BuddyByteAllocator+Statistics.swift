/// A snapshot of a buddy allocator's state.
public struct BuddyStatistics: Equatable, Sendable {
    /// Bytes managed (the minimum-block-aligned part of every region).
    public var totalBytes: Int
    /// Bytes of live blocks.
    public var usedBytes: Int
    /// `totalBytes - usedBytes`.
    public var availableBytes: Int
    /// Regions given.
    public var regions: Int
    /// The largest free block, which the next allocation of up to that size
    /// (and alignment) is served from; 0 when nothing is free.
    public var largestFreeBlock: Int
}

extension BuddyByteAllocator {
    /// The current statistics.
    ///
    /// - Complexity: O(1).
    public var statistics: BuddyStatistics {
        let largest = nonEmptyOrders == 0 ? 0 : Int(bitPattern: Kernels.bit(Kernels.floorLog2(nonEmptyOrders)))
        return BuddyStatistics(
            totalBytes: totalBytes, usedBytes: usedBytes, availableBytes: availableBytes,
            regions: regionCount, largestFreeBlock: largest)
    }
}
