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
        guard let block = liveBlock(at: UInt(bitPattern: pointer), byteCount: byteCount) else { Self.notAllocatedTrap() }
        let wanted = Kernels.tlsfUsedBlock(
            UInt(bitPattern: newByteCount), secondLevelLog2: Self.secondLevelLog2, granularityLog2: Self.granularityLog2)
        guard !wanted.invalid else { throw .invalidParam }
        let size = block.size
        if wanted.value <= size {
            shrink(block, to: wanted.value)
            return pointer
        }
        let next = block.nextPhysical
        let nextSize = next.size
        if next.isFree, nextSize >= wanted.value &- size {
            removeFree(next, size: nextSize)
            let combined = size &+ nextSize
            let after = TLSFBlock(next.address &+ nextSize)
            let split = Kernels.tlsfSplit(blockSize: combined, usedSize: wanted.value, granularityLog2: Self.granularityLog2)
            if split.splits {
                let rest = TLSFBlock(block.address &+ wanted.value)
                rest.previousPhysical = block.address
                rest.sizeAndFlags = split.remainder | TLSFBlock.freeBit
                after.previousPhysical = rest.address
                insertFree(rest, size: split.remainder)
                block.sizeAndFlags = wanted.value | (block.sizeAndFlags & TLSFBlock.previousFreeBit)
                liveBytes &+= Int(bitPattern: wanted.value &- size)
            } else {
                after.previousPhysical = block.address
                after.setPreviousFree(false)
                block.sizeAndFlags = combined | (block.sizeAndFlags & TLSFBlock.previousFreeBit)
                liveBytes &+= Int(bitPattern: combined &- size)
            }
            return pointer
        }
        let moved = try allocate(byteCount: newByteCount, alignment: alignment)
        moved.copyMemory(from: pointer, byteCount: min(byteCount, newByteCount))
        release(block)
        return moved
    }

    /// Cuts a used block down to `usedSize` bytes when the tail, with a free
    /// next block, makes a block of its own.
    @inlinable
    mutating func shrink(_ block: TLSFBlock, to usedSize: UInt) {
        let size = block.size
        guard size != usedSize else { return }
        var next = block.nextPhysical
        var tail = size &- usedSize
        let nextIsFree = next.isFree
        if nextIsFree { tail &+= next.size }
        guard Kernels.tlsfSplit(blockSize: usedSize &+ tail, usedSize: usedSize, granularityLog2: Self.granularityLog2).splits
        else { return }
        if nextIsFree {
            let nextSize = next.size
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
