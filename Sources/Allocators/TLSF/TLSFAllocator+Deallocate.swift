#if TLSF
extension TLSFAllocator {
    /// Frees a block, merging it with its free physical neighbours at once.
    ///
    /// Traps, changing nothing, on a pointer that is not a live block of this
    /// allocator (double free, foreign or interior pointer, a pointer in a
    /// hole between pools) or on arguments that do not describe it, as
    /// `tryDeallocate` detects them.
    ///
    /// - Complexity: O(1), no loop.
    @inlinable @inline(__always)
    public mutating func deallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) {
        guard let block = usedBlock(at: UInt(bitPattern: pointer), byteCount: byteCount, alignment: alignment),
              release(block) else { Self.notAllocatedTrap() }
        checkInvariants()
    }

    /// Frees a block like `deallocate`, or throws `.notAllocated` and changes
    /// nothing when `pointer` is not a live block or the arguments do not
    /// describe it.
    ///
    /// Detected exactly (`usedBlock(at:byteCount:alignment:)`): any pointer
    /// that is not the payload of a live block, found in the region table
    /// before any memory is read; any `byteCount` whose used block differs
    /// from the block's by a minimum block or more, smaller or larger
    /// (`Kernels.tlsfRequestFits`, lemma `tlsf.requestFits.isTheUsedBlockRange`:
    /// the sizes that cannot be told apart are exactly those one block can
    /// serve); an `alignment` that is not a power of two or that the pointer
    /// is not aligned to. A smaller power-of-two alignment than the block was
    /// allocated with, which the pointer meets too, cannot be told apart and
    /// frees the same block (TLSF does not need it).
    ///
    /// - Complexity: O(1), no loop.
    @inlinable
    public mutating func tryDeallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) throws(AllocError) {
        guard let block = usedBlock(at: UInt(bitPattern: pointer), byteCount: byteCount, alignment: alignment),
              release(block) else { throw .notAllocated }
        checkInvariants()
    }

    @inline(never) @usableFromInline
    static func notAllocatedTrap() -> Never {
        preconditionFailure("TLSF: deallocating memory that is not a live block (double free, foreign or interior pointer, or wrong size)")
    }

    /// Frees a block checked by `usedBlock`: coalesces with a free previous
    /// and a free next block and files the result. Returns false, having
    /// changed nothing, when the block marked as the free previous one does
    /// not agree (`isFreePredecessor`): the check shares the merge's branch.
    /// The free next block's header and both neighbours' links are checked
    /// before they are followed (`checkedFreeSize`, `removeFree`).
    @inlinable @inline(__always) @discardableResult
    mutating func release(_ used: TLSFUsedBlock) -> Bool {
        let flags = used.flags
        var block = used.block
        var size = used.size
        var next = TLSFBlock(block.address &+ size)
        if flags & TLSFBlock.previousFreeBit != 0 {
            let previousAddress = block.previousPhysical
            guard isFreePredecessor(previousAddress, of: block.address, poolFirst: used.poolFirst) else { return false }
            liveBytes &-= Int(bitPattern: size)
            let previous = TLSFBlock(previousAddress)
            let previousSize = block.address &- previousAddress
            removeFree(previous, size: previousSize)
            size &+= previousSize
            block = previous
        } else {
            liveBytes &-= Int(bitPattern: size)
        }
        let nextFlags = next.sizeAndFlags
        if nextFlags & TLSFBlock.freeBit != 0 {
            let nextSize = checkedFreeSize(next, flags: nextFlags, poolSentinel: used.poolSentinel)
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

// MARK: Free by address

extension TLSFAllocator: SizeRecordingAllocator {
    /// Frees the live block at `pointer`, found by its header alone (the C
    /// `free` shape): the same checks and merges as the sized `deallocate`,
    /// without the size and alignment. Traps, changing nothing, when `pointer`
    /// is not a live block.
    ///
    /// - Complexity: O(1), no loop.
    @inlinable @inline(__always)
    public mutating func deallocate(_ pointer: UnsafeMutableRawPointer) {
        guard let block = usedBlock(at: UInt(bitPattern: pointer)), release(block) else { Self.notAllocatedTrap() }
        checkInvariants()
    }

    /// Frees the live block at `pointer`, or throws `.notAllocated` and
    /// changes nothing when it is not one.
    ///
    /// - Complexity: O(1), no loop.
    @inlinable
    public mutating func tryDeallocate(_ pointer: UnsafeMutableRawPointer) throws(AllocError) {
        guard let block = usedBlock(at: UInt(bitPattern: pointer)), release(block) else { throw .notAllocated }
        checkInvariants()
    }

    /// The payload bytes of the live block at `pointer` (its size less the
    /// G-byte header: at least the size it was allocated or resized with, by
    /// less than two granules); nil when `pointer` is not a live block.
    ///
    /// - Complexity: O(1).
    @inlinable
    public func usableSize(of pointer: UnsafeMutableRawPointer) -> Int? {
        guard let block = liveBlock(at: UInt(bitPattern: pointer)) else { return nil }
        return Int(bitPattern: Kernels.tlsfPayloadCapacity(block.size, granularityLog2: Self.granularityLog2))
    }
}
#endif
