import Allocators

extension ByteModelGeometry {
    /// How a `GlobalAllocator` over TLSF and bitmap pages looks to the byte
    /// model: below the threshold a block is TLSF's; at or above, a run of
    /// whole pages. Blocks lie in the regions' whole pages.
    ///
    /// Completeness is not the model's gap rule here: pages given to the byte
    /// heap stay there, so a free gap between live blocks can be split between
    /// heap regions and free pages, and a request can fail with much free
    /// memory in total. `requiredGap` is therefore the bound that no region
    /// of a test reaches (`unreachableGap`), and `GlobalAllocatorTests` checks
    /// the allocator's own guarantee at every refusal instead: the heap has no
    /// free block of TLSF's required gap and the pages no free run of the
    /// growth's minimal size.
    public static func global<Bytes: GrowableByteAllocator & ~Copyable, Pages: PageAllocator & ~Copyable, Lock: AllocatorLock & ~Copyable>(
        _ allocator: GlobalAllocator<Bytes, Pages, Lock>.Type, bytes: ByteModelGeometry, directPageThreshold: Int, unreachableGap: UInt
    ) -> ByteModelGeometry {
        let page = Pages.pageSize
        let pages = { @Sendable (byteCount: Int) -> Int in (byteCount + page - 1) / page * page }
        return ByteModelGeometry(
            liveExtent: { pointer, byteCount, alignment in
                byteCount >= directPageThreshold ? (pointer, pointer &+ UInt(pages(byteCount))) : bytes.liveExtent(pointer, byteCount, alignment)
            },
            requiredGap: { byteCount, alignment in
                guard byteCount >= 0, alignment > 0, alignment & (alignment - 1) == 0, byteCount < Int.max - page else { return nil }
                return unreachableGap
            },
            usableRange: { start, size in allocator.usableRange(start: start, size: size, initial: false) },
            overheadBound: { byteCount, alignment in
                byteCount >= directPageThreshold ? pages(byteCount) - byteCount : bytes.overheadBound(byteCount, alignment)
            },
            initialUsableRange: { start, size in allocator.usableRange(start: start, size: size, initial: true) })
    }
}
