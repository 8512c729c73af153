#if TLSF
// Releasing free memory: the whole pages of large free blocks that hold no
// allocator data, for a host that gives them back to the system while the
// blocks stay free (the process-wide malloc's `madvise(MADV_DONTNEED)`).

extension TLSFAllocator: ReleasableMemoryAllocator {
    /// Calls `body` with the whole pages of every free block of at least
    /// `minimumBlockSize` bytes that hold no allocator data, as a start and
    /// a byte count (`Kernels.tlsfReleasableRange`: past the block's header
    /// and its two list links, before the next block's header; lemmas
    /// `tlsf.releasableRange.wholePagesPastTheLinks` and
    /// `tlsf.releasableRange.everyWholePageInside`).
    ///
    /// The allocator reads nothing in those pages while the block is free:
    /// it writes headers there when it splits or merges the block, and hands
    /// the memory out again only by allocating it. So a caller may discard
    /// them (`madvise(MADV_DONTNEED)`, after which they read as zero) or
    /// write over them. Evidence: `ReleasableRangeModelTests` fills every
    /// range with a pattern after every step of model-checked runs and checks
    /// the model and `checkIntegrity` after each; `TLSFReleaseTests` checks
    /// the ranges against the pages computed from `walkBlocks` by division.
    ///
    /// Reads only the free lists at or above the class of `minimumBlockSize`
    /// and the headers of their blocks. Each block is checked as a free checks
    /// its neighbour before `body` sees it (inside a pool, a free header whose
    /// next block links back), and each link as an unlink checks it (it links
    /// back); a block or link that fails stops the program, as it would on
    /// the next allocation that reached it. `body` must not call the allocator.
    ///
    /// - Precondition: `pageSize` is a power of two.
    /// - Complexity: O(lists at or above that class + the blocks in them);
    ///   no write.
    public func forEachReleasableRange(minimumBlockSize: Int, pageSize: Int, _ body: (_ start: UInt, _ byteCount: Int) -> Void) {
        precondition(pageSize > 0 && Kernels.isPowerOfTwo(UInt(bitPattern: pageSize)), "TLSF: the page size must be a power of two")
        guard control != 0 else { return }
        let minimum = UInt(bitPattern: Swift.max(minimumBlockSize, Self.minimumBlockSize))
        let from = Self.freeClass(minimum)
        guard from.firstLevel < UInt(bitPattern: Self.firstLevelCount) else { return }  // larger than any block
        // Distinct free blocks are at least 2G bytes each: more steps is a cycle.
        let stepLimit = managedBytes >> (Int(bitPattern: Self.granularityLog2) + 1)
        var steps = 0
        var first = Kernels.findFirstSetFrom(firstLevelBitmap, from.firstLevel)
        while first < UInt(bitPattern: Self.firstLevelCount) {
            var secondLevels = secondLevelBitmap(first)
            if first == from.firstLevel { secondLevels &= ~Kernels.lowMask(from.secondLevel) }
            while secondLevels != 0 {
                let second = Kernels.findFirstSet(secondLevels)
                secondLevels &= secondLevels &- 1
                guard second < UInt(1) << Self.secondLevelLog2 else { break }  // a stray bit: no such list
                var entry = head(first, second)
                while entry != 0 {
                    steps &+= 1
                    guard steps <= stepLimit, let span = poolSpan(ofBlock: entry) else { tlsfCorruptedFreeList(at: entry) }
                    let block = TLSFBlock(entry)
                    let size = checkedFreeSize(block, flags: block.sizeAndFlags, poolSentinel: span.sentinel)
                    if size >= minimum {
                        let range = Kernels.tlsfReleasableRange(
                            block: entry, size: size, pageSize: UInt(bitPattern: pageSize), granularityLog2: Self.granularityLog2)
                        if range.start < range.end { body(range.start, Int(bitPattern: range.end &- range.start)) }
                    }
                    let next = block.nextFree
                    if next != 0, !isNextLinkSound(next, of: block) { tlsfCorruptedFreeList(at: entry) }
                    entry = next
                }
            }
            first = first &+ 1 < UInt(UInt.bitWidth) ? Kernels.findFirstSetFrom(firstLevelBitmap, first &+ 1) : UInt(UInt.bitWidth)
        }
    }
}
#endif
