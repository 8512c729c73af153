#if Buddy
extension BuddyByteAllocator {
    /// Totals, regions and the largest free block, which the next
    /// allocation of up to that size (and alignment) is served from.
    ///
    /// - Complexity: O(1).
    public var statistics: ByteStatistics {
        let largest = nonEmptyOrders == 0 ? 0 : Int(bitPattern: Kernels.bit(Kernels.floorLog2(nonEmptyOrders)))
        return ByteStatistics(totalBytes: managedBytes, usedBytes: liveBytes, regionCount: regions.count, largestFreeBlock: largest)
    }

    /// Bytes of bookkeeping taken from the allocator's `BookkeepingStorage`
    /// so far: sentinels, region tables (superseded ones included) and
    /// block states, as `bookkeepingBytes(start:size:regionsBefore:)` gives
    /// them per region.
    ///
    /// - Complexity: O(1).
    public var bookkeepingByteCount: Int { bookkeepingBytesTaken }
}
#endif
