#if Buddy
// Layout: a read-only walk of the state that decides future behaviour, for
// tests that enumerate states (the exhaustive model check encodes a state
// from the live blocks it holds and `walkFreeLists`).

extension BuddyByteAllocator {
    /// Calls `body` with every free block, order by order (ascending) and,
    /// within an order, from the front of its list: the order allocation
    /// takes them in (lists are LIFO). With the live blocks, this is the
    /// whole state: the bitmaps and `nonEmptyOrders` follow from it
    /// (`checkIntegrity` checks that they do).
    ///
    /// Reads only, and only inside the regions: a list's walk stops at a link
    /// that is not a minimum-block-aligned address inside a region (a user's
    /// write over a free block can leave one) and after
    /// `totalBytes / minimumBlockSize` blocks (`checkIntegrity` reports either).
    ///
    /// - Complexity: O(orders + free blocks × log regions).
    public func walkFreeLists(_ body: (_ order: Int, _ block: UInt) -> Void) {
        let limit = managedBytes / Self.minimumBlockSize
        for order in 0 ..< UInt(Self.orderCount) {
            let head = sentinel(order)
            var node = Self.node(head)[0], steps = 0
            while node != head, steps < limit, Kernels.isAligned(node, to: UInt(Self.minimumBlockSize)),
                  manages(node) {
                body(Int(bitPattern: order), node)
                node = Self.node(node)[0]
                steps += 1
            }
        }
    }
}
#endif
