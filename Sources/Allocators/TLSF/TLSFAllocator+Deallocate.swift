#if TLSF
extension TLSFAllocator {
    /// Frees a block, merging it with its free physical neighbours at once.
    ///
    /// Traps on a pointer that is not a live block of this allocator (double
    /// free, foreign or interior pointer, a `byteCount` larger than the block),
    /// detected in O(1) by `liveBlock(at:byteCount:)`.
    ///
    /// - Complexity: O(1).
    @inlinable @inline(__always)
    public mutating func deallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) {
        guard let block = liveBlock(at: UInt(bitPattern: pointer), byteCount: byteCount) else {
            Self.notAllocatedTrap()
        }
        release(block)
    }

    /// Frees a block like `deallocate`, or throws `.notAllocated` and changes
    /// nothing when `pointer` is not a live block.
    ///
    /// - Complexity: O(1).
    @inlinable
    public mutating func tryDeallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) throws(AllocError) {
        guard let block = liveBlock(at: UInt(bitPattern: pointer), byteCount: byteCount) else { throw .notAllocated }
        release(block)
    }

    @inline(never) @usableFromInline
    static func notAllocatedTrap() -> Never {
        preconditionFailure("TLSF: deallocating memory that is not a live block (double free, foreign or interior pointer, or wrong size)")
    }

    /// The used block whose payload is `pointer`, when the headers around it
    /// agree: inside the span of the pools, aligned to G, marked used, a size
    /// that holds `byteCount`, and boundary tags that point back at it. Nil
    /// otherwise. Reads only memory inside the pools' span.
    ///
    /// - Complexity: O(1).
    @inlinable @inline(__always)
    func liveBlock(at pointer: UInt, byteCount: Int) -> TLSFBlock? {
        let granule = UInt(bitPattern: Self.granularity)
        let start = pointer &- granule
        guard pointer & (granule &- 1) == 0, pointer >= granule, start >= lowestAddress, start < highestAddress,
              byteCount >= 0
        else { return nil }
        let block = TLSFBlock(start)
        let flags = block.sizeAndFlags
        let size = block.size
        guard flags & (TLSFBlock.freeBit | TLSFBlock.sentinelBit) == 0, size & (granule &- 1) == 0,
              size >= UInt(bitPattern: Self.minimumBlockSize), size <= highestAddress &- start,
              block.nextPhysical.previousPhysical == start
        else { return nil }
        let needed = Kernels.tlsfBlockSize(UInt(bitPattern: byteCount), granularityLog2: Self.granularityLog2)
        guard !needed.overflow, needed.value <= size else { return nil }
        if block.isPreviousFree {
            let previous = block.previousPhysical
            guard previous >= lowestAddress, previous < start, previous & (granule &- 1) == 0 else { return nil }
            let before = TLSFBlock(previous)
            guard before.isFree, before.size == start &- previous else { return nil }
        }
        return block
    }

    /// Frees a validated used block: coalesces with a free previous and a free
    /// next block and files the result.
    @inlinable @inline(__always)
    mutating func release(_ used: TLSFBlock) {
        let flags = used.sizeAndFlags
        var block = used
        var size = flags & ~TLSFBlock.flagMask
        liveBytes &-= Int(bitPattern: size)
        var next = TLSFBlock(used.address &+ size)
        if flags & TLSFBlock.previousFreeBit != 0 {
            let previous = TLSFBlock(used.previousPhysical)
            let previousSize = previous.size
            removeFree(previous, size: previousSize)
            size &+= previousSize
            block = previous
        }
        let nextFlags = next.sizeAndFlags
        if nextFlags & TLSFBlock.freeBit != 0 {
            let nextSize = nextFlags & ~TLSFBlock.flagMask
            removeFree(next, size: nextSize)
            size &+= nextSize
            next = TLSFBlock(next.address &+ nextSize)
        }
        block.sizeAndFlags = size | TLSFBlock.freeBit  // its previous block is used
        next.previousPhysical = block.address
        next.sizeAndFlags = next.sizeAndFlags | TLSFBlock.previousFreeBit  // not |=: see insertFree
        insertFree(block, size: size)
    }
}
#endif
