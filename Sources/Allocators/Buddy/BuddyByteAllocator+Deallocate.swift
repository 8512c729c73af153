#if Buddy
extension BuddyByteAllocator {
    /// Frees a block returned by `allocate` with the same `byteCount` and
    /// `alignment` (or any that give the same order), merging it with its
    /// free buddies.
    ///
    /// Traps ("not a live block") on what `tryDeallocate` refuses, without
    /// changing anything.
    ///
    /// The common case is inline (`freeInLowestRegion`); any other, a refused
    /// free included, goes out of line, where it is decided and checked again
    /// from the start.
    ///
    /// - Complexity: O(number of orders + log regions).
    @inlinable @inline(__always)
    public mutating func deallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) {
        if _fastPath(freeInLowestRegion(UInt(bitPattern: pointer), byteCount: byteCount, alignment: alignment)) { return }
        deallocateSlowPath(pointer, byteCount: byteCount, alignment: alignment)
    }

    /// `deallocate` in general: `freeInGeneral`, trapping on what it refuses.
    @inlinable @inline(never)
    mutating func deallocateSlowPath(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) {
        do throws(AllocError) { try freeInGeneral(UInt(bitPattern: pointer), byteCount: byteCount, alignment: alignment) } catch {
            Self.notAllocatedTrap()
        }
    }

    @usableFromInline @inline(never)
    static func notAllocatedTrap() -> Never {
        preconditionFailure(
            "buddy: deallocating memory that is not a live block (double free, foreign or interior pointer, or a size or alignment of another order)")
    }

    /// Frees like `deallocate`, or throws `.notAllocated` and changes nothing.
    ///
    /// A block is known by its address and its order, so exactly this is
    /// detected: a `pointer` that is not the start of a live block, found in
    /// the region table and then in the region's bitmaps before any memory is
    /// read (double frees, interior pointers, pointers outside every region,
    /// in holes between regions, or in carved bookkeeping), and any
    /// `byteCount` and `alignment` whose order (`order(byteCount:alignment:)`)
    /// differs from the block's, smaller or larger: the block position holds
    /// one state over all orders (`checkIntegrity`), so the used state of
    /// another order is not set there; a negative `byteCount` and an
    /// `alignment` that is not a positive power of two too. Sizes and
    /// alignments of the block's own order cannot be told apart and free the
    /// same block: every request of that order gets exactly that block.
    /// Evidence: `BuddyByteAllocatorTests.tryDeallocateDetectsExactlyTheOtherOrders`,
    /// the bad frees of every model-checked run, lemma
    /// `buddyStateWord.injectiveOnAlignedBlocks`.
    ///
    /// The buddies merged are found by their free state in the bitmaps, and
    /// their links are checked before they are unlinked (`unlink`); a
    /// corrupted list stops the program.
    ///
    /// - Complexity: O(number of orders + log regions).
    @inlinable
    public mutating func tryDeallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) throws(AllocError) {
        if _fastPath(freeInLowestRegion(UInt(bitPattern: pointer), byteCount: byteCount, alignment: alignment)) { return }
        try freeSlowPath(UInt(bitPattern: pointer), byteCount: byteCount, alignment: alignment)
    }

    /// `freeInGeneral` out of line: the general path of `tryDeallocate`.
    @inlinable @inline(never)
    mutating func freeSlowPath(_ address: UInt, byteCount: Int, alignment: Int) throws(AllocError) {
        try freeInGeneral(address, byteCount: byteCount, alignment: alignment)
    }

    /// Frees `address` and returns true when the free is the common case: a
    /// well-formed request whose block lies in the region at the lowest
    /// address and is live there (its used state, read from the region's
    /// bitmaps before any block memory). Returns false, changing nothing,
    /// otherwise (before the first region too).
    ///
    /// - Complexity: O(number of orders).
    @inlinable @inline(__always)
    mutating func freeInLowestRegion(_ address: UInt, byteCount: Int, alignment: Int) -> Bool {
        guard let order = Self.order(byteCount: byteCount, alignment: alignment), regions.count != 0 else { return false }
        let region = regions[0]
        let size = Kernels.bit(order)
        guard Kernels.isAligned(address, to: size), Kernels.buddyBlockInside(address, size: size, lower: region.base, upper: region.limit)
        else { return false }
        let states = region.states(order)
        let slot = states.slot(address)
        guard slot.isUsed else { return false }
        release(address, slot: slot, in: region, index: 0, states: states)
        return true
    }

    /// `tryDeallocate` in general: the region table's lookup (before any
    /// memory is read), the block's used state, then `release`.
    @inlinable @inline(__always)
    mutating func freeInGeneral(_ address: UInt, byteCount: Int, alignment: Int) throws(AllocError) {
        guard let order = Self.order(byteCount: byteCount, alignment: alignment) else { throw .notAllocated }
        let size = Kernels.bit(order)
        // The block inside the region's span, checked before any state is read.
        guard let index = Self.candidateIndex(for: address, in: regions), Kernels.isAligned(address, to: size),
              Kernels.buddyBlockInside(address, size: size, lower: regions[index].base, upper: regions[index].limit)
        else { throw .notAllocated }
        let region = regions[index]
        let states = region.states(order)
        let slot = states.slot(address)
        guard slot.isUsed else { throw .notAllocated }
        release(address, slot: slot, in: region, index: index, states: states)
    }

    /// Frees the live block at `address` (of the order of `states`, its state
    /// slot `slot`, in `region`, entry `index` of the table): merges it with
    /// its free buddies (each buddy's links checked before it is unlinked:
    /// `unlink`) and files the result.
    @inlinable @inline(__always)
    mutating func release(_ address: UInt, slot: BuddyStateSlot, in region: BuddyRegion, index: Int, states: BuddyOrderStates) {
        let size = Kernels.bit(states.order)
        liveBytes &-= Int(bitPattern: size)
        let buddy = Kernels.buddyAddress(address, order: states.order)
        if Kernels.buddyBlockInside(buddy, size: size, lower: region.base, upper: region.limit) {
            let buddySlot = states.slot(buddy)
            if buddySlot.isFree {
                slot.uncheckedChange(from: BuddyStateSlot.used, to: BuddyStateSlot.none)
                merge(address, order: states.order, region: index)
                checkInvariants()
                return
            }
        }
        // No merge: the block's own state goes from used to free.
        slot.uncheckedChange(from: BuddyStateSlot.used, to: BuddyStateSlot.free)
        push(address, order: states.order)
        checkInvariants()
    }

    /// Merges the freed block `block` of `order` (its state already none,
    /// its buddy free) with its buddy and then with each next free buddy,
    /// and files the merged block, in entry `index` of the region table. Each
    /// buddy's links are checked before it is unlinked (`unlink`).
    ///
    /// Out of line, and given only words: the free's inline path stays small
    /// and copies no region.
    ///
    /// - Complexity: O(number of orders) merges, each O(1), or O(log regions)
    ///   for a link that leaves the region.
    @inlinable @inline(never)
    mutating func merge(_ block: UInt, order: UInt, region index: Int) {
        let region = regions[index]
        var block = block, states = region.states(order)
        var buddy = Kernels.buddyAddress(block, order: order), buddySlot = states.slot(buddy)
        while true {
            unlink(buddy, in: region, states: states)
            buddySlot.uncheckedChange(from: BuddyStateSlot.free, to: BuddyStateSlot.none)
            block = Kernels.buddyMergedBlock(block, order: states.order)
            let merged = states.order &+ 1
            buddy = Kernels.buddyAddress(block, order: merged)
            // Inside the region, the merged block's order is one the region has.
            states = region.states(merged)
            guard Kernels.buddyBlockInside(buddy, size: Kernels.bit(merged), lower: region.base, upper: region.limit) else { break }
            buddySlot = states.slot(buddy)
            guard buddySlot.isFree else { break }
        }
        push(block, order: states.order)
        states.slot(block).uncheckedChange(from: BuddyStateSlot.none, to: BuddyStateSlot.free)
    }
}
#endif
