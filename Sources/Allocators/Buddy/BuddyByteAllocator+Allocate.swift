#if Buddy
extension BuddyByteAllocator {
    /// The order of the block serving `byteCount` bytes aligned to
    /// `alignment`, or nil for a malformed request (negative size, alignment
    /// not a positive power of two).
    ///
    /// - Complexity: O(1).
    @inlinable @inline(__always)
    public static func order(byteCount: Int, alignment: Int) -> UInt? {
        guard byteCount >= 0, alignment > 0, Kernels.isPowerOfTwo(UInt(alignment)) else { return nil }
        let order = Kernels.buddyOrder(byteCount: UInt(byteCount), alignment: UInt(alignment), minOrder: minOrder)
        return order.overflow ? nil : order.order
    }

    /// Allocates a block of `2^order` bytes, `order = Kernels.buddyOrder(...)`:
    /// at least `byteCount` (a zero-byte request gets a minimum block),
    /// aligned to `alignment` and to its own size (lemma
    /// `buddyOrder.smallestFittingAlignedOrder`).
    ///
    /// Throws `.invalidParam` for a negative size or an alignment that is not
    /// a positive power of two, `.noMemory` when no free block of that order
    /// or above exists (then no free gap of `Kernels.buddyRequiredGap(order)`
    /// bytes exists in any region: lemma `buddyRequiredGap.holdsAnAlignedBlock`
    /// and the model's completeness check); nothing changes then.
    ///
    /// The block taken off its list and its next link are checked first
    /// (`popFirst`); a corrupted list stops the program.
    ///
    /// - Complexity: O(number of orders): one find-first-set, then one split
    ///   per order between the free block found and the request's.
    @inlinable
    public mutating func allocate(byteCount: Int, alignment: Int) throws(AllocError) -> UnsafeMutableRawPointer {
        guard let order = Self.order(byteCount: byteCount, alignment: alignment) else { throw .invalidParam }
        let found = Kernels.findFirstSetAtOrAbove(nonEmptyOrders, order)
        guard found < UInt(UInt.bitWidth) else { throw .noMemory }
        let (block, region, slot) = popFirst(found)
        if found == order {
            slot.uncheckedChange(from: BuddyStateSlot.free, to: BuddyStateSlot.used)
        } else {
            slot.uncheckedChange(from: BuddyStateSlot.free, to: BuddyStateSlot.none)
            var split = found
            repeat {
                split &-= 1
                let upper = Kernels.buddyAddress(block, order: split)
                push(upper, order: split)
                region.slot(upper, order: split).uncheckedChange(from: BuddyStateSlot.none, to: BuddyStateSlot.free)
            } while split > order
            region.slot(block, order: order).uncheckedChange(from: BuddyStateSlot.none, to: BuddyStateSlot.used)
        }
        liveBytes &+= Int(bitPattern: Kernels.bit(order))
        checkInvariants()
        return UnsafeMutableRawPointer(bitPattern: block).unsafelyUnwrapped
    }
}
#endif
