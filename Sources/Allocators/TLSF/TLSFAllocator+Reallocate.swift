#if TLSF
extension TLSFAllocator {
    /// Resizes a live block to `newByteCount` bytes, keeping its contents up to
    /// the smaller size and its `alignment`.
    ///
    /// Shrinks in place (the cut-off tail, merged with a free next block,
    /// returns to the free lists when it makes a block); grows in place when
    /// the next physical block is free and large enough; otherwise allocates a
    /// new block with the same alignment, copies and frees the old one. On
    /// any thrown error nothing changes and `pointer` stays valid.
    ///
    /// Traps like `deallocate` when `pointer` is not a live block. Throws
    /// `.invalidParam` for a bad `newByteCount` or `alignment` and `.noMemory`
    /// when the block can neither grow in place nor move.
    ///
    /// - Complexity: O(1) in place; O(`min(byteCount, newByteCount)`) when it moves.
    @inlinable
    public mutating func reallocate(
        _ pointer: UnsafeMutableRawPointer, byteCount: Int, newByteCount: Int, alignment: Int
    ) throws(AllocError) -> UnsafeMutableRawPointer {
        guard newByteCount >= 0, alignment > 0, Kernels.isPowerOfTwo(UInt(bitPattern: alignment)) else { throw .invalidParam }
        guard let block = usedBlock(at: UInt(bitPattern: pointer), byteCount: byteCount, alignment: alignment),
              liveBlock(at: UInt(bitPattern: pointer)) != nil else { Self.notAllocatedTrap() }
        return try resize(block, pointer, keeping: byteCount, newByteCount: newByteCount, alignment: alignment)
    }

    /// Resizes the live block at `pointer`, found by its header alone (the C
    /// `realloc` shape), to `newByteCount` bytes: in place as the sized
    /// `reallocate` does, else moved to a block aligned to `alignment` (pass
    /// at least the alignment the block was allocated with, for it to keep
    /// it), copying its whole payload up to `newByteCount`. Throws and changes
    /// nothing as the sized `reallocate`; traps when `pointer` is not a live
    /// block.
    ///
    /// - Complexity: O(1) in place; O(payload) when it moves.
    @inlinable
    public mutating func reallocate(
        _ pointer: UnsafeMutableRawPointer, newByteCount: Int, alignment: Int
    ) throws(AllocError) -> UnsafeMutableRawPointer {
        guard newByteCount >= 0, alignment > 0, Kernels.isPowerOfTwo(UInt(bitPattern: alignment)) else { throw .invalidParam }
        guard let block = liveBlock(at: UInt(bitPattern: pointer)) else { Self.notAllocatedTrap() }
        let payload = Int(bitPattern: Kernels.tlsfPayloadCapacity(block.size, granularityLog2: Self.granularityLog2))
        return try resize(block, pointer, keeping: payload, newByteCount: newByteCount, alignment: alignment)
    }

    /// The body of both `reallocate`s, for a block `liveBlock` checked:
    /// shrink or grow in place, else move (keeping `oldByteCount` bytes).
    @inlinable
    mutating func resize(
        _ used: TLSFUsedBlock, _ pointer: UnsafeMutableRawPointer, keeping oldByteCount: Int, newByteCount: Int, alignment: Int
    ) throws(AllocError) -> UnsafeMutableRawPointer {
        let block = used.block
        let wanted = Kernels.tlsfUsedBlock(
            UInt(bitPattern: newByteCount), secondLevelLog2: Self.secondLevelLog2, granularityLog2: Self.granularityLog2)
        guard !wanted.invalid else { throw .invalidParam }
        let size = used.size
        if wanted.value <= size {
            shrink(block, size: size, to: wanted.value, poolSentinel: used.poolSentinel)
            checkInvariants()
            return pointer
        }
        let next = TLSFBlock(block.address &+ size)
        let nextFlags = next.sizeAndFlags
        if nextFlags & TLSFBlock.freeBit != 0 {
            let nextSize = checkedFreeSize(next, flags: nextFlags, poolSentinel: used.poolSentinel)
            if nextSize >= wanted.value &- size {
                grow(block, size: size, into: next, nextSize: nextSize, to: wanted.value)
                checkInvariants()
                return pointer
            }
        }
        let moved = try allocate(byteCount: newByteCount, alignment: alignment)
        moved.copyMemory(from: pointer, byteCount: min(oldByteCount, newByteCount))
        // The allocation may have taken the free previous block: read the
        // header again.
        guard let current = usedBlock(at: UInt(bitPattern: pointer)), release(current) else { Self.notAllocatedTrap() }
        checkInvariants()
        return moved
    }

    /// Grows a used block of `size` bytes to `usedSize` into the free block
    /// `next` (`nextSize` bytes, checked, large enough), splitting off what
    /// is left when it makes a block.
    @inlinable
    mutating func grow(_ block: TLSFBlock, size: UInt, into next: TLSFBlock, nextSize: UInt, to usedSize: UInt) {
        removeFree(next, size: nextSize)
        let combined = size &+ nextSize
        let after = TLSFBlock(next.address &+ nextSize)
        let keepsPreviousFree = block.sizeAndFlags & TLSFBlock.previousFreeBit
        let split = Kernels.tlsfSplit(blockSize: combined, usedSize: usedSize, granularityLog2: Self.granularityLog2)
        if split.splits {
            let rest = TLSFBlock(block.address &+ usedSize)
            rest.previousPhysical = block.address
            rest.sizeAndFlags = split.remainder | TLSFBlock.freeBit
            after.previousPhysical = rest.address
            insertFree(rest, size: split.remainder)
            block.sizeAndFlags = usedSize | keepsPreviousFree
            liveBytes &+= Int(bitPattern: usedSize &- size)
        } else {
            after.previousPhysical = block.address
            after.setPreviousFree(false)
            block.sizeAndFlags = combined | keepsPreviousFree
            liveBytes &+= Int(bitPattern: combined &- size)
        }
    }

    /// Cuts a used block of `size` bytes down to `usedSize` bytes when the
    /// tail, with a free next block (its header checked), makes a block of
    /// its own.
    @inlinable
    mutating func shrink(_ block: TLSFBlock, size: UInt, to usedSize: UInt, poolSentinel: UInt) {
        guard size != usedSize else { return }
        var next = TLSFBlock(block.address &+ size)
        let nextFlags = next.sizeAndFlags
        let nextIsFree = nextFlags & TLSFBlock.freeBit != 0
        let nextSize = nextIsFree ? checkedFreeSize(next, flags: nextFlags, poolSentinel: poolSentinel) : 0
        let tail = size &- usedSize &+ nextSize
        guard Kernels.tlsfSplit(blockSize: usedSize &+ tail, usedSize: usedSize, granularityLog2: Self.granularityLog2).splits
        else { return }
        if nextIsFree {
            removeFree(next, size: nextSize)
            next = TLSFBlock(next.address &+ nextSize)
        }
        let rest = TLSFBlock(block.address &+ usedSize)
        rest.previousPhysical = block.address
        rest.sizeAndFlags = tail | TLSFBlock.freeBit
        next.previousPhysical = rest.address
        next.setPreviousFree(true)
        insertFree(rest, size: tail)
        block.sizeAndFlags = usedSize | (block.sizeAndFlags & TLSFBlock.previousFreeBit)
        liveBytes &-= Int(bitPattern: size &- usedSize)
    }
}
#endif
