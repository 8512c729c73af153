#if Buddy
/// The free lists: circular doubly linked lists through the first two words
/// (next, previous) of the free blocks, one sentinel per order (in the
/// bookkeeping arena), so linking and unlinking need no nil checks and
/// unlinking a known block is O(1).
///
/// A sentinel's words are written only by the allocator; a free block's
/// words are memory a program can write (a use after free), so every link
/// read from a free block is checked (`isListLink`) before it is followed or
/// written through, and a failed check stops the program.
extension BuddyByteAllocator {
    @inlinable @inline(__always)
    static func node(_ address: UInt) -> UnsafeMutablePointer<UInt> {
        UnsafeMutablePointer<UInt>(bitPattern: address).unsafelyUnwrapped
    }

    /// The sentinel of the list of `order` (only meaningful once the first
    /// region has placed the sentinels).
    @inlinable @inline(__always)
    func sentinel(_ order: UInt) -> UInt { sentinels &+ order &* UInt(bitPattern: 2 * MemoryLayout<UInt>.size) }

    /// Puts the free block at `block` at the front of the list of `order`.
    /// Its old first block comes from the sentinel, which only the allocator
    /// writes: nothing read here is unchecked user memory.
    @inlinable @inline(__always)
    mutating func push(_ block: UInt, order: UInt) {
        let head = sentinel(order)
        let next = Self.node(head)[0]
        Self.node(block)[0] = next
        Self.node(block)[1] = head
        Self.node(next)[1] = block
        Self.node(head)[0] = block
        nonEmptyOrders |= Kernels.bit(order)
    }

    /// Takes the free block `block` (of the order of `states`, in `region`;
    /// its free state checked by the caller) out of its list, after checking
    /// both its links (`isListLink`). Stops the program on a failed check,
    /// before anything changes.
    @inlinable @inline(__always)
    mutating func unlink(_ block: UInt, in region: BuddyRegion, states: BuddyOrderStates) {
        let order = states.order
        let head = sentinel(order)
        let next = Self.node(block)[0], previous = Self.node(block)[1]
        guard Self.isListLink(next, backTo: block, word: 1, head: head, near: region, states: states, in: regions),
              Self.isListLink(previous, backTo: block, word: 0, head: head, near: region, states: states, in: regions)
        else { metadataCorruption("buddy", "free list", at: block) }
        Self.node(previous)[0] = next
        Self.node(next)[1] = previous
        if next == head && previous == head { nonEmptyOrders &= ~Kernels.bit(order) }
    }

    /// Takes the first block off the non-empty list of `order`, after
    /// checking it as `isListLink` checks a link (a free block of `order` in
    /// a region, its previous link the sentinel) and its next link. Returns
    /// it with its region and its state slot (free). Stops the program on a
    /// failed check, before anything changes.
    @inlinable @inline(__always)
    mutating func popFirst(_ order: UInt) -> (block: UInt, region: BuddyRegion, slot: BuddyStateSlot) {
        let head = sentinel(order)
        let block = Self.node(head)[0]
        guard let region = region(holding: block), order <= region.maxOrder else { metadataCorruption("buddy", "free list", at: head) }
        let states = region.states(order)
        guard states.isAligned(block) else { metadataCorruption("buddy", "free list", at: head) }
        let slot = states.slot(block)
        let next = Self.node(block)[0]
        guard slot.isFree, Self.node(block)[1] == head,
              Self.isListLink(next, backTo: block, word: 1, head: head, near: region, states: states, in: regions)
        else { metadataCorruption("buddy", "free list", at: block) }
        unlinkFirst(order, head: head, next: next)
        return (block, region, slot)
    }

    /// The first block of the non-empty list of `order` when taking it is
    /// the common case, nil otherwise: the block and its next link pass the
    /// checks of `popFirst` within the region at the lowest address (so no
    /// table search is needed). Reads, changes nothing; a nil sends the
    /// caller to `popFirst`, which checks again and stops the program on a
    /// failed check.
    ///
    /// - Precondition: the allocator has a region (a non-empty list implies it).
    @inlinable @inline(__always)
    func firstInLowestRegion(_ order: UInt) -> BuddyFirstBlock? {
        let head = sentinel(order)
        let block = Self.node(head)[0]
        let region = regions[0]
        guard region.holdsBlockAddress(block), order <= region.maxOrder else { return nil }
        let states = region.states(order)
        guard states.isAligned(block) else { return nil }
        // The block lies in a region: its words can be read. Its links first,
        // its own state last, where it is changed.
        let next = Self.node(block)[0]
        guard Self.node(block)[1] == head,
              next == head || (Self.isFreeBlock(next, in: region, states: states) && Self.node(next)[1] == block)
        else { return nil }
        let slot = states.slot(block)
        guard slot.isFree else { return nil }
        return BuddyFirstBlock(block: block, next: next, head: head, orderTable: region.orderTable, slot: slot)
    }

    /// Takes the first block off the list of `order` (sentinel `head`), whose
    /// next link `next` was checked.
    @inlinable @inline(__always)
    mutating func unlinkFirst(_ order: UInt, head: UInt, next: UInt) {
        Self.node(head)[0] = next
        Self.node(next)[1] = head
        if next == head { nonEmptyOrders &= ~Kernels.bit(order) }
    }
}

/// The first block of a free list as `firstInLowestRegion` found it, checked.
@frozen @usableFromInline
struct BuddyFirstBlock {
    @usableFromInline let block: UInt
    @usableFromInline let next: UInt
    @usableFromInline let head: UInt
    /// The region's `orderTable`.
    @usableFromInline let orderTable: UInt
    @usableFromInline let slot: BuddyStateSlot

    @inlinable @inline(__always)
    init(block: UInt, next: UInt, head: UInt, orderTable: UInt, slot: BuddyStateSlot) {
        self.block = block
        self.next = next
        self.head = head
        self.orderTable = orderTable
        self.slot = slot
    }
}
#endif
