#if Buddy
extension BuddyByteAllocator {
    /// Walks every region and free list and throws the first inconsistency,
    /// with the address of the block (region, or sentinel) concerned:
    /// - the regions are sorted and disjoint, each one's blocks inside it,
    ///   its largest order that of its span;
    /// - each region's blocks (read from the block states) are aligned to
    ///   their own size and tile `base ..< limit` exactly, each position in
    ///   one state of one order, and no state is set anywhere else;
    /// - no free block has a free buddy of its order inside its region
    ///   (merging is complete, which the completeness guarantee needs);
    /// - the lists are well linked, hold exactly the free blocks of their
    ///   order (every block read from a list is checked in the region table
    ///   and the states before it is read, so a corrupted list is reported,
    ///   not followed), and `nonEmptyOrders` agrees with them;
    /// - `usedBytes` is the sum of the live blocks, `totalBytes` that of the
    ///   regions' spans.
    ///
    /// Uses no memory beyond the stack: it runs where no heap exists.
    ///
    /// - Complexity: O(blocks × orders + state words + free blocks × log
    ///   regions). For tests and `ALLOCATORS_INTERNAL_CHECKS`.
    public func checkIntegrity() throws(IntegrityViolation) {
        guard sentinels != 0 else {
            guard regions.count == 0, nonEmptyOrders == 0, liveBytes == 0, managedBytes == 0 else {
                throw IntegrityViolation("buddy", "an allocator without regions has state")
            }
            return
        }
        var freeBlocks = 0, live = 0, managed = 0
        for index in 0 ..< regions.count {
            let region = regions[index]
            try checkShape(of: region, after: index > 0 ? regions[index - 1] : nil)
            managed &+= Int(bitPattern: region.limit &- region.base)
            var blocks = 0
            try forEachBlock(in: region) { (block, order, state) throws(IntegrityViolation) in
                blocks &+= 1
                if state == BuddyStateSlot.free {
                    let buddy = Kernels.buddyAddress(block, order: order)
                    if Kernels.buddyBlockInside(buddy, size: Kernels.bit(order), lower: region.base, upper: region.limit),
                       region.state(buddy, order: order) == BuddyStateSlot.free {
                        throw IntegrityViolation("buddy", "two free buddies were not merged", at: block)
                    }
                    freeBlocks &+= 1
                } else {
                    live &+= Int(bitPattern: Kernels.bit(order))
                }
            }
            if setStateBits(of: region) != blocks { throw IntegrityViolation("buddy", "a block state is set where no block starts", at: strayState(in: region)) }
        }
        if live != liveBytes { throw IntegrityViolation("buddy", "usedBytes is not the sum of the live blocks") }
        if managed != managedBytes { throw IntegrityViolation("buddy", "totalBytes is not the sum of the regions' spans") }
        var listed = 0
        for order in 0 ..< UInt(Self.orderCount) {
            listed &+= try checkList(order, atMost: freeBlocks &- listed)
        }
        if listed != freeBlocks { throw IntegrityViolation("buddy", "a free block is not on its list", at: unlistedFreeBlock()) }
    }

    /// A region's own fields, and its order against the region before it.
    func checkShape(of region: BuddyRegion, after previous: BuddyRegion?) throws(IntegrityViolation) {
        if let previous, previous.end > region.start {
            throw IntegrityViolation("buddy", "regions overlap or are out of order", at: region.start)
        }
        let minimum = UInt(bitPattern: Self.minimumBlockSize)
        guard region.start <= region.base, region.base < region.limit, region.limit <= region.end,
              Kernels.isAligned(region.base, to: minimum), Kernels.isAligned(region.limit, to: minimum),
              region.maxOrder == Kernels.floorLog2(region.limit &- region.base)
        else { throw IntegrityViolation("buddy", "a region's blocks leave it", at: region.start) }
    }

    /// Calls `body` with every block of `region` in address order (its
    /// address, order and state), read from the block states; throws when a
    /// position has no block or two, or a state is both free and used.
    func forEachBlock(
        in region: BuddyRegion, _ body: (UInt, UInt, UInt) throws(IntegrityViolation) -> Void
    ) throws(IntegrityViolation) {
        var cursor = region.base
        while cursor < region.limit {
            var states = 0, order: UInt = 0, state = BuddyStateSlot.none
            for candidate in Self.minOrder ... region.maxOrder
            where Kernels.isAligned(cursor, to: Kernels.bit(candidate))
                && Kernels.buddyBlockInside(cursor, size: Kernels.bit(candidate), lower: region.base, upper: region.limit) {
                let here = region.state(cursor, order: candidate)
                if here == BuddyStateSlot.free | BuddyStateSlot.used {
                    throw IntegrityViolation("buddy", "a block state is both free and used", at: cursor)
                }
                if here != BuddyStateSlot.none { states += 1; order = candidate; state = here }
            }
            if states == 0 { throw IntegrityViolation("buddy", "a block position of a region has no block", at: cursor) }
            if states > 1 { throw IntegrityViolation("buddy", "a block position of a region has two blocks", at: cursor) }
            try body(cursor, order, state)
            // Inside the region, so no wrap.
            cursor &+= Kernels.bit(order)
        }
    }

    /// The words of order `order`'s states in `region`.
    func stateWords(of region: BuddyRegion, order: UInt) -> UnsafeMutableBufferPointer<UInt> {
        let first = Kernels.buddyStateWord(position: region.base &>> order, bias: region.states(order).bias)
        let count = Kernels.buddyStateWordCount(base: region.base, end: region.limit, order: order)
        return UnsafeMutableBufferPointer(start: UnsafeMutablePointer(bitPattern: first), count: Int(bitPattern: count))
    }

    /// Bits set in all of a region's state words.
    func setStateBits(of region: BuddyRegion) -> Int {
        var bits = 0
        for order in Self.minOrder ... region.maxOrder {
            for word in stateWords(of: region, order: order) { bits &+= word.nonzeroBitCount }
        }
        return bits
    }

    /// The address of a set state of `region` that is no block's (or the
    /// region's start when the bits lie past its last position).
    func strayState(in region: BuddyRegion) -> UInt {
        let pairsPerWord = UInt.bitWidth / 2
        for order in Self.minOrder ... region.maxOrder {
            // The words start at the word of the first position.
            let first = region.base &>> order, last = (region.limit &- 1) &>> order
            let wordStart = first & ~UInt(pairsPerWord - 1)
            for (index, word) in stateWords(of: region, order: order).enumerated() where word != 0 {
                for bit in 0 ..< UInt.bitWidth where word & Kernels.bit(UInt(bit)) != 0 {
                    let position = wordStart &+ UInt(index &* pairsPerWord &+ bit / 2)
                    guard position >= first, position <= last else { return region.start }
                    let address = position &<< order
                    if !isWalkedBlock(address, order: order, in: region) { return address }
                }
            }
        }
        return region.start
    }

    /// Whether the walk of `region` finds a block of `order` at `address`.
    func isWalkedBlock(_ address: UInt, order: UInt, in region: BuddyRegion) -> Bool {
        var found = false
        do throws(IntegrityViolation) {
            try forEachBlock(in: region) { (block, blockOrder, _) throws(IntegrityViolation) in
                if block == address && blockOrder == order { found = true }
            }
        } catch {
            return false
        }
        return found
    }

    /// Walks the list of `order`, checking each block before reading it;
    /// returns its length. `atMost`: the free blocks not yet listed.
    func checkList(_ order: UInt, atMost: Int) throws(IntegrityViolation) -> Int {
        let head = sentinel(order)
        var node = Self.node(head)[0], previous = head, count = 0
        while node != head {
            guard let region = region(holding: node) else {
                throw IntegrityViolation("buddy", "a free list holds a block outside every region", at: node)
            }
            guard order >= Self.minOrder, order <= region.maxOrder,
                  Kernels.isAligned(node, to: Kernels.bit(order)),
                  Kernels.buddyBlockInside(node, size: Kernels.bit(order), lower: region.base, upper: region.limit),
                  region.state(node, order: order) == BuddyStateSlot.free
            else { throw IntegrityViolation("buddy", "a free list holds a block that is not free at its order", at: node) }
            if Self.node(node)[1] != previous { throw IntegrityViolation("buddy", "a free list has a broken back link", at: node) }
            count += 1
            if count > atMost { throw IntegrityViolation("buddy", "a free list has more blocks than the bitmaps", at: node) }
            previous = node
            node = Self.node(node)[0]
        }
        if Self.node(head)[1] != previous { throw IntegrityViolation("buddy", "a free list has a broken back link", at: head) }
        if (nonEmptyOrders & Kernels.bit(order) != 0) != (count > 0) {
            throw IntegrityViolation("buddy", "nonEmptyOrders disagrees with the lists", at: head)
        }
        return count
    }

    /// The first free block (by region, then address) that its list lacks.
    /// The lists were checked: well linked and made of free blocks.
    func unlistedFreeBlock() -> UInt {
        for index in 0 ..< regions.count {
            let region = regions[index]
            var missing: UInt?
            do throws(IntegrityViolation) {
                try forEachBlock(in: region) { (block, order, state) throws(IntegrityViolation) in
                    if missing == nil, state == BuddyStateSlot.free, !isListed(block, order: order) { missing = block }
                }
            } catch {
                continue
            }
            if let missing { return missing }
        }
        return 0
    }

    /// Whether the (checked) list of `order` holds `block`.
    func isListed(_ block: UInt, order: UInt) -> Bool {
        let head = sentinel(order)
        var node = Self.node(head)[0]
        while node != head {
            if node == block { return true }
            node = Self.node(node)[0]
        }
        return false
    }
}
#endif
