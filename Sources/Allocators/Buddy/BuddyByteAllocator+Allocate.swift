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
    /// The common case is inline: a well-formed request whose first free
    /// block (and its next link) lies in the region at the lowest address and
    /// passes the checks there (`firstInLowestRegion`). Anything else goes out
    /// of line (`allocateSlowPath`), where it is decided and checked again
    /// from the start: the inline path changes nothing unless it allocates.
    ///
    /// - Complexity: O(number of orders): one find-first-set, then one split
    ///   per order between the free block found and the request's.
    @inlinable @inline(__always)
    public mutating func allocate(byteCount: Int, alignment: Int) throws(AllocError) -> UnsafeMutableRawPointer {
        if let order = Self.order(byteCount: byteCount, alignment: alignment) {
            let found = Kernels.findFirstSetAtOrAbove(nonEmptyOrders, order)
            // A non-empty list means the allocator has a region.
            if found < UInt(UInt.bitWidth), let first = firstInLowestRegion(found) {
                unlinkFirst(found, head: first.head, next: first.next)
                handOut(first.block, from: found, slot: first.slot, orderTable: first.orderTable, order: order)
                return UnsafeMutableRawPointer(bitPattern: first.block).unsafelyUnwrapped
            }
        }
        return try Self.allocateSlowPath(&self, byteCount: byteCount, alignment: alignment).getThrowingOutOfLine()
    }

    /// `allocate` in general, out of line and returning its error: malformed
    /// requests, no memory, a first block or link in another region, and the
    /// traps of `popFirst`. (Static, so that the inline path needs no
    /// callee-saved register for the allocator.)
    @inlinable @inline(never)
    static func allocateSlowPath(_ allocator: inout Self, byteCount: Int, alignment: Int) -> OutOfLineAllocation {
        guard let order = Self.order(byteCount: byteCount, alignment: alignment) else { return OutOfLineAllocation(failure: .invalidParam) }
        let found = Kernels.findFirstSetAtOrAbove(allocator.nonEmptyOrders, order)
        guard found < UInt(UInt.bitWidth) else { return OutOfLineAllocation(failure: .noMemory) }
        let (block, region, slot) = allocator.popFirst(found)
        allocator.handOut(block, from: found, slot: slot, orderTable: region.orderTable, order: order)
        return OutOfLineAllocation(UnsafeMutableRawPointer(bitPattern: block).unsafelyUnwrapped)
    }

    /// Hands out `block`, just taken off the list of order `found` (its
    /// state slot `slot`, free, in the region of order table `orderTable`),
    /// as a block of `order`: splits it down, pushing the upper halves, and
    /// marks the block used.
    @inlinable @inline(__always)
    mutating func handOut(_ block: UInt, from found: UInt, slot: BuddyStateSlot, orderTable: UInt, order: UInt) {
        if found == order {
            slot.uncheckedChange(from: BuddyStateSlot.free, to: BuddyStateSlot.used)
        } else {
            split(block, from: found, to: order, orderTable: orderTable)
        }
        liveBytes &+= Int(bitPattern: Kernels.bit(order))
        checkInvariants()
    }

    /// Splits `block` (taken off its list, state still free at `found`) from
    /// order `found` down to `order`, pushing the upper halves, and marks it
    /// used; its region's order table is at `orderTable`. (Its state at
    /// `found` is looked up again here, so that the inline path keeps no
    /// mask for this case.)
    @inlinable @inline(never)
    mutating func split(_ block: UInt, from found: UInt, to order: UInt, orderTable: UInt) {
        BuddyRegion.states(found, orderTable: orderTable).slot(block).uncheckedChange(from: BuddyStateSlot.free, to: BuddyStateSlot.none)
        var split = found
        repeat {
            split &-= 1
            let upper = Kernels.buddyAddress(block, order: split)
            push(upper, order: split)
            BuddyRegion.states(split, orderTable: orderTable).slot(upper).uncheckedChange(from: BuddyStateSlot.none, to: BuddyStateSlot.free)
        } while split > order
        BuddyRegion.states(order, orderTable: orderTable).slot(block).uncheckedChange(from: BuddyStateSlot.none, to: BuddyStateSlot.used)
    }
}
#endif
