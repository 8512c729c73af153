extension BuddyByteAllocator {
    /// The order of the block serving `byteCount` bytes aligned to
    /// `alignment`, or nil for a malformed request (negative size, alignment
    /// not a positive power of two).
    @inlinable @inline(__always)
    public static func order(byteCount: Int, alignment: Int) -> UInt? {
        guard byteCount >= 0, alignment > 0, Kernels.isPowerOfTwo(UInt(alignment)) else { return nil }
        let order = Kernels.buddyOrder(byteCount: UInt(byteCount), alignment: UInt(alignment), minOrder: minOrder)
        return order.overflow ? nil : order.order
    }

    /// Allocates a block of `2^order` bytes, `order = Kernels.buddyOrder(...)`:
    /// at least `byteCount` (a zero-byte request gets a minimum block),
    /// aligned to `alignment` and to its own size.
    ///
    /// Throws `.invalidParam` for a negative size or an alignment that is not
    /// a positive power of two, `.noMemory` when no free block of that order
    /// or above exists (then no free gap of `Kernels.buddyRequiredGap(order)`
    /// bytes exists in any region); nothing changes then.
    ///
    /// - Complexity: O(number of orders): one find-first-set, then one split
    ///   per order between the free block found and the request's.
    @inlinable
    public mutating func allocate(byteCount: Int, alignment: Int) throws(AllocError) -> UnsafeMutableRawPointer {
        guard let order = Self.order(byteCount: byteCount, alignment: alignment) else { throw .invalidParam }
        let found = Kernels.findFirstSetAtOrAbove(nonEmptyOrders, order)
        guard found < UInt(UInt.bitWidth) else { throw .noMemory }
        let block = first(found)
        guard let index = regionIndex(containing: block) else { corrupted("a free block outside every region") }
        let region = regions[index]
        unlink(block, order: found)
        region.clear(block, order: found, used: false)
        var split = found
        while split > order {
            split &-= 1
            let upper = Kernels.buddyAddress(block, order: split)
            push(upper, order: split)
            region.set(upper, order: split, used: false)
        }
        region.set(block, order: order, used: true)
        liveBytes &+= Int(bitPattern: Kernels.bit(order))
        return UnsafeMutableRawPointer(bitPattern: block).unsafelyUnwrapped
    }

    @usableFromInline @inline(never)
    func corrupted(_ what: StaticString) -> Never {
        fatalError("BuddyByteAllocator: internal state corrupted")
    }
}
