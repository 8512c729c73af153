#if TLSF
extension TLSFAllocator {
    /// Bytes of all pools that blocks can occupy.
    ///
    /// - Complexity: O(1).
    @inlinable public var totalBytes: Int { managedBytes }

    /// Bytes of used blocks: at most the live requested sizes plus
    /// `overheadBound(byteCount:alignment:)` per block.
    ///
    /// - Complexity: O(1).
    @inlinable public var usedBytes: Int { liveBytes }

    /// Bytes of free blocks.
    ///
    /// - Complexity: O(1).
    @inlinable public var availableBytes: Int { managedBytes &- liveBytes }

    /// Totals, pools and the largest free block (header included).
    ///
    /// - Complexity: O(length of the highest non-empty free list).
    public var statistics: ByteStatistics {
        ByteStatistics(
            totalBytes: managedBytes, usedBytes: liveBytes, regionCount: pools.count,
            largestFreeBlock: Int(bitPattern: largestFreeBlockSize))
    }

    /// Number of free blocks, counted along the free lists.
    ///
    /// - Complexity: O(free blocks).
    public var freeBlockCount: Int {
        guard control != 0 else { return 0 }
        var count = 0
        for first in 0 ..< UInt(bitPattern: Self.firstLevelCount) {
            for second in 0 ..< UInt(1) << Self.secondLevelLog2 {
                var block = head(first, second)
                while block != 0, count <= managedBytes, isBlockAddress(block) {
                    count += 1
                    block = TLSFBlock(block).nextFree
                }
            }
        }
        return count
    }

    /// The largest free block: the biggest one in the highest non-empty list.
    @usableFromInline
    var largestFreeBlockSize: UInt {
        guard control != 0, firstLevelBitmap != 0 else { return 0 }
        let first = Kernels.floorLog2(firstLevelBitmap)
        let second = Kernels.floorLog2(secondLevelBitmap(first))
        var largest: UInt = 0
        var block = head(first, second)
        var steps = 0
        while block != 0, steps <= managedBytes, isBlockAddress(block) {
            largest = max(largest, TLSFBlock(block).size)
            block = TLSFBlock(block).nextFree
            steps += 1
        }
        return largest
    }

    /// The largest request of alignment at most G that succeeds now.
    ///
    /// Two ways serve a request: the search, which takes any block of a class
    /// whose lower bound is at least the request's searched class (so a free
    /// block of s bytes serves requests whose required gap is at most s), and
    /// the second look, which takes the head of the request's own class when
    /// it holds the request. The answer is the larger of the two: on an empty
    /// pool, its single free block is the head of its class, so the whole
    /// pool less one header can be allocated (unlike C TLSF #15, rlsf #15).
    ///
    /// - Complexity: O(length of the highest non-empty free list), plus
    ///   O(log(size)) steps of O(1) kernels.
    public var largestAllocatableByteCount: Int? {
        let largest = largestFreeBlockSize
        guard largest >= UInt(bitPattern: Self.minimumBlockSize) else { return nil }
        // The second look: the head of the highest non-empty class (where the
        // largest block is filed) serves any request up to its payload.
        let first = Kernels.floorLog2(firstLevelBitmap)
        let headSize = TLSFBlock(head(first, Kernels.floorLog2(secondLevelBitmap(first)))).size
        let headPayload = Int(bitPattern: headSize &- UInt(bitPattern: Self.granularity))
        // The search: binary search the largest byte count whose required gap fits.
        var low = 0, high = Int(bitPattern: largest)
        guard Self.requiredGap(byteCount: low, alignment: 1).map({ $0 <= largest }) ?? false else { return headPayload }
        while low < high {
            let middle = low + (high - low + 1) / 2
            if let gap = Self.requiredGap(byteCount: middle, alignment: 1), gap <= largest { low = middle } else { high = middle - 1 }
        }
        return max(low, headPayload)
    }
}
#endif
