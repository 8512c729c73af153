/// Returning freed memory to the operating system.
///
/// Policy: when a free leaves a free block (after merging with its free
/// neighbours) of at least `releaseThreshold` bytes, the whole pages that
/// this free made free go back with `madvise(MADV_DONTNEED)`, except those
/// in the first `residentHead` bytes of the free block: the pages of the
/// freed block, with the pages it shares with a merged neighbour, and all
/// of a merged neighbour smaller than the threshold (such a neighbour never
/// had its pages released). A merged neighbour at or above the threshold
/// had its pages released when it became free, so a small free next to a
/// large free block costs no system call for the large block. The resident
/// head keeps a program that allocates and frees a buffer at the start of a
/// large free block (typically the end of the newest chunk) from paying a
/// system call and page faults every time, as glibc keeps a pad at the top
/// of its heap (`M_TOP_PAD`); the header of every block stays resident.
///
/// So every free block of at least `releaseThreshold` bytes has its pages
/// beyond its first `residentHead` bytes released, except the tail a
/// shrinking `realloc` cuts off and the leading gap an aligned allocation
/// returns (both stay as they were). The address range stays committed:
/// TLSF reuses it, and the kernel hands out zero pages on the next touch.
extension MallocBackend {
    /// A free block at least this large has its interior pages released.
    static var releaseThreshold: UInt { 1 << 20 }
    /// The start of a free block that stays resident.
    static var residentHead: UInt { 256 << 10 }

    /// The block about to be freed and the free neighbours it will merge
    /// with, read before the free.
    struct FreedExtent {
        /// The freed block.
        var start: UInt, end: UInt
        /// The free block it merges into: `mergedStart ..< mergedEnd`.
        var mergedStart: UInt, mergedEnd: UInt
        var mergedSize: UInt { mergedEnd &- mergedStart }

        /// The extent of the block whose payload is `payload` and of its
        /// free neighbours, read from the headers (valid only if TLSF then
        /// accepts the block); nil when those headers would lie outside the
        /// committed range (then the pointer is not a block).
        @inline(__always)
        init?(payload: UInt, in space: borrowing AddressSpace) {
            let g = TLSFBlockHeader.granularity
            guard payload &- space.base &- g < space.committedEnd &- space.base &- g else { return nil }
            let block = TLSFBlockHeader(payload: payload)
            let flags = block.sizeAndFlags, size = flags & ~TLSFBlockHeader.flagMask
            // The next block's header: two words inside the committed range.
            guard size <= space.committedEnd &- block.start &- 2 &* g else { return nil }
            start = block.start
            end = block.start &+ size
            mergedStart = flags & TLSFBlockHeader.previousFreeBit != 0 ? block.previousPhysical : start
            let next = TLSFBlockHeader(block: end)
            mergedEnd = next.isFree ? end &+ next.size : end
        }
    }

    /// Releases the pages the free of `freed` made free (see the policy above).
    @inline(never)
    func releaseFreedPages(_ freed: FreedExtent) {
        let page = pageSize
        let threshold = Self.releaseThreshold
        let previousSize = freed.start &- freed.mergedStart, nextSize = freed.mergedEnd &- freed.end
        let lower = previousSize != 0 && previousSize < threshold ? freed.mergedStart : freed.start & ~(page &- 1)
        let upper = nextSize != 0 && nextSize < threshold ? freed.mergedEnd : (freed.end &+ page &- 1) & ~(page &- 1)
        let keep = freed.mergedStart &+ Self.residentHead
        releasePages(from: max(lower, keep), to: min(upper, freed.mergedEnd))
    }
}
