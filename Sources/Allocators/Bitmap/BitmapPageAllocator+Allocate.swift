#if Bitmap
extension BitmapPageAllocator {
    /// Whether `alignment` is a power of two no smaller than a page.
    @inlinable @inline(__always)
    static func isValidAlignment(_ alignment: Int) -> Bool {
        alignment >= bytesPerPage && Kernels.isPowerOfTwo(UInt(bitPattern: alignment))
    }

    /// Allocates the lowest run of `count` free pages whose address is a
    /// multiple of `alignment`, across all regions.
    ///
    /// Throws `.invalidParam` for `count < 1` or an alignment that is not a
    /// power of two at least the page size, `.noMemory` when no such run is
    /// free (including counts beyond the pages managed); changes nothing then.
    /// - Complexity: O(log2 n) run-tree nodes (and one 8-word leaf) to reach
    ///   the lowest place whose longest free run holds `count` pages, plus
    ///   O(log2 n) per subtree entered whose runs are long enough but not
    ///   aligned right; then O(count / 64 + log2 n) to mark the run.
    ///   Per region with that many free pages, in address order, until one
    ///   holds the run; O(regions) to pass the others.
    @inlinable
    public mutating func allocatePages(count: Int, alignment: Int) throws(AllocError) -> UInt {
        guard count >= 1, Self.isValidAlignment(alignment) else { throw .invalidParam }
        guard let page = bitmap.allocate(count: count, alignment: UInt(alignment) &>> Self.pageShift) else {
            throw .noMemory
        }
        checkInvariants()
        return page &<< Self.pageShift
    }

    /// Allocates exactly the `count` pages at `address`.
    ///
    /// Throws `.invalidParam` for `count < 1`, a bad alignment, or an
    /// `address` that is not a multiple of `alignment`; `.noMemory` when a
    /// page of the run is taken or not managed (carved pages, holes between
    /// regions); changes nothing then.
    /// - Complexity: O(count / 64 + log2 n + log regions).
    @inlinable
    public mutating func allocatePages(at address: UInt, count: Int, alignment: Int) throws(AllocError) -> UInt {
        guard count >= 1, Self.isValidAlignment(alignment),
              Kernels.isAligned(address, to: UInt(alignment)) else { throw .invalidParam }
        guard bitmap.allocate(at: address &>> Self.pageShift, count: count) else { throw .noMemory }
        checkInvariants()
        return address
    }

    /// Frees `count` pages at `address`, or throws `.notAllocated` and
    /// changes nothing when the address is not page-aligned, `count < 1`, or
    /// any page is free or not managed (outside every region, in a hole
    /// between regions, a carved page): the region table's lookup refuses
    /// those before any bit is read.
    /// - Complexity: O(count / 64 + log2 n + log regions).
    @inlinable
    public mutating func tryDeallocatePages(at address: UInt, count: Int) throws(AllocError) {
        guard count >= 1, Kernels.isAligned(address, to: UInt(bytesPerPage)),
              bitmap.free(at: address &>> Self.pageShift, count: count) else { throw .notAllocated }
        checkInvariants()
    }

    /// Frees `count` pages at `address`; traps, changing nothing, when any
    /// of them is not allocated.
    /// - Complexity: as `tryDeallocatePages`.
    @inlinable
    public mutating func deallocatePages(at address: UInt, count: Int) {
        do throws(AllocError) {
            try tryDeallocatePages(at: address, count: count)
        } catch {
            Self.badFree()
        }
    }

    @usableFromInline @inline(never)
    static func badFree() -> Never {
        fatalError("BitmapPageAllocator.deallocatePages: pages not allocated (double free, foreign address or wrong count)")
    }

    /// Whether the page holding `address` is managed and allocated.
    /// - Complexity: O(log regions).
    @inlinable
    public func isAllocated(_ address: UInt) -> Bool {
        bitmap.isTaken(address &>> Self.pageShift)
    }
}
#endif
