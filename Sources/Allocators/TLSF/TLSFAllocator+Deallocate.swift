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
        guard let block = usedBlock(at: UInt(bitPattern: pointer), byteCount: byteCount), release(block) else {
            Self.notAllocatedTrap()
        }
    }

    /// Frees a block like `deallocate`, or throws `.notAllocated` and changes
    /// nothing when `pointer` is not a live block.
    ///
    /// - Complexity: O(1).
    @inlinable
    public mutating func tryDeallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) throws(AllocError) {
        guard let block = usedBlock(at: UInt(bitPattern: pointer), byteCount: byteCount), release(block) else {
            throw .notAllocated
        }
    }

    @inline(never) @usableFromInline
    static func notAllocatedTrap() -> Never {
        preconditionFailure("TLSF: deallocating memory that is not a live block (double free, foreign or interior pointer, or wrong size)")
    }

    /// The used block whose payload is `pointer`, when the headers around it
    /// agree: inside the span of the pools, aligned to G, marked used, a size
    /// that holds `byteCount`, and boundary tags that point back at it. Nil
    /// otherwise. Reads only memory inside the pools' span. `release` checks
    /// the last boundary tag, the free previous block's, before it changes
    /// anything; `liveBlock` checks it at once.
    ///
    /// - Complexity: O(1).
    @inlinable @inline(__always)
    func usedBlock(at pointer: UInt, byteCount: Int) -> TLSFBlock? {
        let granule = UInt(bitPattern: Self.granularity)
        let start = pointer &- granule
        // pointer is not 0, so aligned to G it is at least G: no wrap.
        guard pointer & (granule &- 1) == 0, start >= lowestAddress, start < highestAddress else { return nil }
        let block = TLSFBlock(start)
        let flags = block.sizeAndFlags
        let size = block.size
        let capacity = Kernels.tlsfPayloadCapacity(size, granularityLog2: Self.granularityLog2)
        guard flags & (TLSFBlock.freeBit | TLSFBlock.sentinelBit) == 0, size & (granule &- 1) == 0,
              size >= UInt(bitPattern: Self.minimumBlockSize), size <= highestAddress &- start,
              UInt(bitPattern: byteCount) <= capacity,  // a negative byteCount is above any capacity
              block.nextPhysical.previousPhysical == start
        else { return nil }
        return block
    }

    /// `usedBlock`, and when the previous block is marked free, that block
    /// agrees too: free, inside the pools, ending where this one starts.
    @inlinable @inline(__always)
    func liveBlock(at pointer: UInt, byteCount: Int) -> TLSFBlock? {
        guard let block = usedBlock(at: pointer, byteCount: byteCount) else { return nil }
        guard !block.isPreviousFree || isFreePredecessor(block.previousPhysical, of: block.address) else { return nil }
        return block
    }

    /// Whether the block at `previous` is a free block that ends at `start`.
    @inlinable @inline(__always)
    func isFreePredecessor(_ previous: UInt, of start: UInt) -> Bool {
        let granule = UInt(bitPattern: Self.granularity)
        guard previous >= lowestAddress, previous < start, previous & (granule &- 1) == 0 else { return false }
        let before = TLSFBlock(previous)
        return before.isFree && before.size == start &- previous
    }

    /// Frees a block checked by `usedBlock`: coalesces with a free previous
    /// and a free next block and files the result. Returns false, having
    /// changed nothing, when the block marked as the free previous one does
    /// not agree (`isFreePredecessor`): the check shares the merge's branch.
    @inlinable @inline(__always) @discardableResult
    mutating func release(_ used: TLSFBlock) -> Bool {
        let flags = used.sizeAndFlags
        var block = used
        var size = flags & ~TLSFBlock.flagMask
        var next = TLSFBlock(used.address &+ size)
        if flags & TLSFBlock.previousFreeBit != 0 {
            guard isFreePredecessor(used.previousPhysical, of: used.address) else { return false }
            liveBytes &-= Int(bitPattern: size)
            let previous = TLSFBlock(used.previousPhysical)
            let previousSize = previous.size
            removeFree(previous, size: previousSize)
            size &+= previousSize
            block = previous
        } else {
            liveBytes &-= Int(bitPattern: size)
        }
        let nextFlags = next.sizeAndFlags
        if nextFlags & TLSFBlock.freeBit != 0 {
            let nextSize = nextFlags & ~TLSFBlock.flagMask
            removeFree(next, size: nextSize)
            size &+= nextSize
            // The block after a free block already has the P bit: only its
            // boundary tag changes, a store, not a load of a far header.
            next = TLSFBlock(next.address &+ nextSize)
        } else {
            next.sizeAndFlags = nextFlags | TLSFBlock.previousFreeBit
        }
        block.sizeAndFlags = size | TLSFBlock.freeBit  // its previous block is used
        next.previousPhysical = block.address
        insertFree(block, size: size)
        return true
    }
}
#endif
