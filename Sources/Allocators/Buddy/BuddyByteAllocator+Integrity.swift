#if Buddy
extension BuddyByteAllocator {
    /// Walks every region and free list; nil when the state is consistent,
    /// else what is broken:
    /// - each region's blocks (read from the bitmaps) are aligned to their own
    ///   size and cover `base ..< limit` exactly, each position in one state;
    /// - no bitmap bit is set but at the start of such a block;
    /// - no free block has a free buddy of its order inside its region
    ///   (merging is complete, which the completeness guarantee needs);
    /// - the lists are well linked, hold exactly the free blocks of their
    ///   order, and `nonEmptyOrders` agrees with them;
    /// - `usedBytes` is the sum of the live blocks.
    ///
    /// - Complexity: O(blocks × orders + bitmap words). For tests.
    public func checkIntegrity() throws(IntegrityViolation) {
        if let problem = integrityProblem() { throw IntegrityViolation("buddy", problem) }
    }

    func integrityProblem() -> StaticString? {
        var freeBlocks = [Int](repeating: 0, count: Self.orderCount)
        var live = 0
        for index in 0 ..< regionCount {
            let region = regions[index]
            if index > 0, regions[index - 1].limit > region.base { return "regions overlap or are unsorted" }
            var freeHere = [Int](repeating: 0, count: Self.orderCount)
            var usedHere = [Int](repeating: 0, count: Self.orderCount)
            var cursor = region.base
            while cursor < region.limit {
                var states = 0, order: UInt = 0, isFree = false
                for candidate in Self.minOrder ... region.maxOrder
                where Kernels.isAligned(cursor, to: Kernels.bit(candidate))
                    && Kernels.buddyBlockInside(cursor, size: Kernels.bit(candidate), lower: region.base, upper: region.limit) {
                    if region.test(cursor, order: candidate, used: false) { states += 1; order = candidate; isFree = true }
                    if region.test(cursor, order: candidate, used: true) { states += 1; order = candidate }
                }
                if states == 0 { return "a block position of a region has no block" }
                if states > 1 { return "a block position of a region has two blocks" }
                if isFree {
                    let buddy = Kernels.buddyAddress(cursor, order: order)
                    if Kernels.buddyBlockInside(buddy, size: Kernels.bit(order), lower: region.base, upper: region.limit),
                       region.test(buddy, order: order, used: false) {
                        return "two free buddies were not merged"
                    }
                    freeHere[Int(order)] += 1
                } else {
                    usedHere[Int(order)] += 1
                    live += Int(Kernels.bit(order))
                }
                let (next, overflow) = cursor.addingReportingOverflow(Kernels.bit(order))
                if overflow { return "a block wraps the address space" }
                cursor = next
            }
            if cursor != region.limit { return "the blocks of a region overrun it" }
            for order in Self.minOrder ... region.maxOrder {
                let words = BuddyRegion.wordCount(base: region.base, limit: region.limit, order: order)
                var free = 0, used = 0
                for word in 0 ..< words {
                    free += region.words(order, used: false)[word].nonzeroBitCount
                    used += region.words(order, used: true)[word].nonzeroBitCount
                }
                if free != freeHere[Int(order)] || used != usedHere[Int(order)] { return "a bitmap has a stray bit" }
                freeBlocks[Int(order)] += free
            }
        }
        if live != liveBytes { return "usedBytes is not the sum of the live blocks" }
        for order in 0 ..< UInt(Self.orderCount) {
            let head = sentinel(order)
            var node = Self.node(head)[0], previous = head, count = 0
            while node != head {
                if Self.node(node)[1] != previous { return "a free list has a broken back link" }
                count += 1
                if count > freeBlocks[Int(order)] { return "a free list has more blocks than the bitmaps" }
                guard let index = regionIndex(containing: node) else { return "a free list holds a block outside every region" }
                let region = regions[index]
                guard order >= Self.minOrder, order <= region.maxOrder,
                      Kernels.isAligned(node, to: Kernels.bit(order)),
                      Kernels.buddyBlockInside(node, size: Kernels.bit(order), lower: region.base, upper: region.limit),
                      region.test(node, order: order, used: false)
                else { return "a free list holds a block that is not free at its order" }
                previous = node
                node = Self.node(node)[0]
            }
            if Self.node(head)[1] != previous { return "a free list has a broken back link" }
            if count != freeBlocks[Int(order)] { return "a free list misses free blocks" }
            if (nonEmptyOrders & Kernels.bit(order) != 0) != (count > 0) { return "nonEmptyOrders disagrees with the lists" }
        }
        return nil
    }
}
#endif
