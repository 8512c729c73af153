#if Slab
/// The slab allocator's own figures, beside its `ByteStatistics`.
public struct SlabStatistics: Equatable, Sendable {
    /// Slabs taken from the backing allocator (cached ones included).
    public var slabs: Int
    /// Empty slabs kept for reuse.
    public var cachedSlabs: Int
    /// Bytes the slabs take from the backing allocator: the slab footprint.
    public var slabBytes: Int
}

extension SlabAllocator where Backing: ~Copyable {
    /// Slabs, cached slabs and the bytes they take from the backing.
    ///
    /// - Complexity: O(1).
    public var slabStatistics: SlabStatistics {
        SlabStatistics(slabs: slabCount, cachedSlabs: emptySlabCount, slabBytes: slabBackingBytes)
    }

    /// Regions given.
    @inlinable
    public var regionCount: Int { storage.regions.count }

    /// The totals and regions, with the backing's `largestFreeBlock`.
    func statistics(largestFreeBlock: Int) -> ByteStatistics {
        ByteStatistics(totalBytes: totalBytes, usedBytes: usedBytes, regionCount: regionCount, largestFreeBlock: largestFreeBlock)
    }
}

#if TLSF
extension SlabAllocator where Backing == TLSFByteAllocator {
    /// Totals, regions, and the largest free block of the backing TLSF
    /// allocator (header included).
    ///
    /// - Complexity: the backing's `statistics`.
    public var statistics: ByteStatistics { statistics(largestFreeBlock: backing.statistics.largestFreeBlock) }
}
#endif

#if Buddy
extension SlabAllocator where Backing == BuddyByteAllocator {
    /// Totals, regions, and the largest free block of the backing buddy allocator.
    ///
    /// - Complexity: the backing's `statistics`.
    public var statistics: ByteStatistics { statistics(largestFreeBlock: backing.statistics.largestFreeBlock) }
}
#endif
#endif
