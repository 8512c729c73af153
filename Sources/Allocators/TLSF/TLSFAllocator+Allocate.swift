#if TLSF
extension TLSFAllocator: ByteAllocator {
    /// Allocates at least `byteCount` bytes aligned to `alignment`.
    ///
    /// The block is `Kernels.tlsfUsedBlock` bytes (header plus the request
    /// rounded to G, plus a remainder too small to split): trimmed to the
    /// request, not to its class, so rounding costs no memory. The search
    /// starts at the class whose every block fits; when no list at or above it
    /// has a block, a second look at the head of the size's own class takes
    /// that block if it fits. So freeing a block and asking for the same size
    /// again always succeeds.
    ///
    /// Alignments up to G cost nothing: the header aligns the payload. Larger
    /// ones search for room for the leading gap too and return that gap to the
    /// free lists (`Kernels.tlsfAlignedPayload`).
    ///
    /// The block taken off its list is checked before it is carved (its
    /// header, its place in its pool, its next link: `checkedTakenSize`,
    /// `takeHead`); a failed check stops the program instead of handing out
    /// memory the allocator does not manage.
    ///
    /// Throws `.invalidParam` for a negative size, an alignment that is not a
    /// power of two, or a request whose search size passes
    /// `Kernels.tlsfSearchLimit` (sizes near `Int.max`); `.noMemory` when no
    /// free block fits (always when the allocator has no memory yet).
    ///
    /// - Complexity: O(1), no loop.
    @inlinable @inline(__always)
    public mutating func allocate(byteCount: Int, alignment: Int) throws(AllocError) -> UnsafeMutableRawPointer {
        guard byteCount >= 0, alignment > 0, Kernels.isPowerOfTwo(UInt(bitPattern: alignment)) else { throw .invalidParam }
        let used = Kernels.tlsfUsedBlock(
            UInt(bitPattern: byteCount), secondLevelLog2: Self.secondLevelLog2, granularityLog2: Self.granularityLog2)
        guard !used.invalid else { throw .invalidParam }
        let pointer: UnsafeMutableRawPointer
        if alignment <= Self.granularity {
            guard control != 0 else { throw .noMemory }
            if let list = nonEmptyList(atOrAbove: used.firstLevel, used.secondLevel) {
                pointer = carveHead(of: list, usedSize: used.value)
            } else {
                pointer = try secondLook(usedSize: used.value)
            }
        } else {
            pointer = try allocateAligned(usedSize: used.value, alignment: UInt(bitPattern: alignment))
        }
        checkInvariants()
        return pointer
    }

    /// The second look, when no list at or above the class searched has a
    /// block: the head of the class `usedSize` itself maps to, taken when it
    /// holds `usedSize`. Every free block that fits and that the search
    /// misses is filed in that class (lemma
    /// `tlsf.mappingSearch.missesOnlyTheSizesOwnClass`), and a freed block
    /// goes to the head of its list, so it is found here.
    @inlinable
    mutating func secondLook(usedSize: UInt) throws(AllocError) -> UnsafeMutableRawPointer {
        let own = Self.freeClass(usedSize)
        let candidate = head(own.firstLevel, own.secondLevel)
        let block = TLSFBlock(candidate)
        guard candidate != 0, block.size >= usedSize else { throw .noMemory }
        let size = checkedTakenSize(block, usedSize: usedSize)
        takeHead(block, firstLevel: own.firstLevel, secondLevel: own.secondLevel)
        return carve(block, size: size, usedSize: usedSize)
    }

    /// The path for alignments above G.
    @inlinable
    mutating func allocateAligned(usedSize: UInt, alignment: UInt) throws(AllocError) -> UnsafeMutableRawPointer {
        let search = Kernels.tlsfAlignedSearchSize(usedSize: usedSize, alignment: alignment, granularityLog2: Self.granularityLog2)
        guard !search.overflow else { throw .invalidParam }
        let mapped = Kernels.tlsfMappingSearch(search.value, secondLevelLog2: Self.secondLevelLog2, granularityLog2: Self.granularityLog2)
        guard !mapped.overflow else { throw .invalidParam }
        guard control != 0, var block = takeFreeBlock(firstLevel: mapped.firstLevel, secondLevel: mapped.secondLevel) else {
            throw .noMemory
        }
        var size = checkedTakenSize(block, usedSize: search.value)
        let payload = Kernels.tlsfAlignedPayload(blockStart: block.address, alignment: alignment, granularityLog2: Self.granularityLog2)
        let start = payload &- UInt(bitPattern: Self.granularity)
        if start != block.address {
            // Return the leading gap (at least a minimum block) to the free lists.
            let aligned = TLSFBlock(start)
            let end = block.address &+ size
            aligned.previousPhysical = block.address
            aligned.sizeAndFlags = (end &- start) | TLSFBlock.freeBit | TLSFBlock.previousFreeBit
            TLSFBlock(end).previousPhysical = start
            let gap = start &- block.address
            block.sizeAndFlags = gap | TLSFBlock.freeBit
            insertFree(block, size: gap)
            block = aligned
            size = end &- start
        }
        return carve(block, size: size, usedSize: usedSize)
    }

    /// Carves a used block of `usedSize` bytes from the head of the non-empty
    /// list `list`, after checking the head's header and next link. When the
    /// remainder splits off and belongs to the same list, it takes the head's
    /// place there (the state is the same as unlinking the head and filing
    /// the remainder, without touching the bitmaps: the common case of
    /// carving from a large block).
    @inlinable @inline(__always)
    mutating func carveHead(of list: (firstLevel: UInt, secondLevel: UInt), usedSize: UInt) -> UnsafeMutableRawPointer {
        let first = list.firstLevel, second = list.secondLevel
        let block = TLSFBlock(head(first, second))
        let size = checkedTakenSize(block, usedSize: usedSize)
        let next = block.nextFree
        if next != 0 {
            guard isNextLinkSound(next, of: block) else { tlsfCorruptedFreeList(at: block.address) }
        }
        let split = Kernels.tlsfSplit(blockSize: size, usedSize: usedSize, granularityLog2: Self.granularityLog2)
        if split.splits {
            let rest = TLSFBlock(block.address &+ usedSize)
            rest.previousPhysical = block.address
            rest.sizeAndFlags = split.remainder | TLSFBlock.freeBit
            TLSFBlock(block.address &+ size).previousPhysical = rest.address
            let restClass = Self.freeClass(split.remainder)
            if restClass.firstLevel == first && restClass.secondLevel == second {
                rest.nextFree = next
                rest.previousFree = 0
                setHead(first, second, rest.address)
                if next != 0 { TLSFBlock(next).previousFree = rest.address }
            } else {
                removeHead(firstLevel: first, secondLevel: second, next: next)
                insertFree(rest, into: restClass)
            }
            block.sizeAndFlags = usedSize  // from a list: its previous block is used
            liveBytes &+= Int(bitPattern: usedSize)
        } else {
            removeHead(firstLevel: first, secondLevel: second, next: next)
            TLSFBlock(block.address &+ size).setPreviousFree(false)
            block.sizeAndFlags = size
            liveBytes &+= Int(bitPattern: size)
        }
        return UnsafeMutableRawPointer(bitPattern: block.address &+ Self.granule).unsafelyUnwrapped
    }

    /// Turns a free block of `size` bytes (checked, taken off its list) into
    /// a used block of `usedSize` bytes, splitting off the remainder when it
    /// makes a block, and returns its payload.
    @inlinable @inline(__always)
    mutating func carve(_ block: TLSFBlock, size: UInt, usedSize: UInt) -> UnsafeMutableRawPointer {
        let keepsPreviousFree = block.sizeAndFlags & TLSFBlock.previousFreeBit
        let split = Kernels.tlsfSplit(blockSize: size, usedSize: usedSize, granularityLog2: Self.granularityLog2)
        if split.splits {
            let rest = TLSFBlock(block.address &+ usedSize)
            rest.previousPhysical = block.address
            rest.sizeAndFlags = split.remainder | TLSFBlock.freeBit
            TLSFBlock(block.address &+ size).previousPhysical = rest.address
            insertFree(rest, size: split.remainder)
            block.sizeAndFlags = usedSize | keepsPreviousFree
            liveBytes &+= Int(bitPattern: usedSize)
        } else {
            TLSFBlock(block.address &+ size).setPreviousFree(false)
            block.sizeAndFlags = size | keepsPreviousFree
            liveBytes &+= Int(bitPattern: size)
        }
        return UnsafeMutableRawPointer(bitPattern: block.address &+ UInt(bitPattern: Self.granularity)).unsafelyUnwrapped
    }
}
#endif
