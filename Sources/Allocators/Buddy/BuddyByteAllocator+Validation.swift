#if Buddy
// The checks between the allocator and memory a program can write: the
// links stored in free blocks.
//
// Order of every check: first the alignment, the region's span (the region
// at hand, else the region table's lookup: is the address inside a region's
// blocks?), then its free bit in the region's bitmaps (bookkeeping storage,
// which no block overlaps), and only then a read of the block itself. So a
// link overwritten with any address, mapped or not, is refused without a
// read there.

extension BuddyByteAllocator {
    /// Whether `link`, read from a word of the free block `block` (of the
    /// order of `states`, in `region`), may be followed: it is the list's
    /// sentinel `head`, or a free block of that order (`isFreeBlock`), and
    /// its word `word` (1: previous, for a next link; 0: next, for a
    /// previous link) points back at `block`. The sentinel is in the
    /// bookkeeping arena, a free block in a region: either can be read.
    ///
    /// - Complexity: O(1) when `link` lies in `region`, O(log regions) otherwise.
    @inlinable @inline(__always)
    static func isListLink(
        _ link: UInt, backTo block: UInt, word: Int, head: UInt,
        near region: BuddyRegion, states: BuddyOrderStates, in regions: RegionTable<BuddyRegion>
    ) -> Bool {
        guard link == head || isFreeBlock(link, near: region, states: states, in: regions) else { return false }
        return node(link)[word] == block
    }

    /// Whether a free block of the order of `states` starts at `address`:
    /// inside the blocks of a region (looked up in the table unless it is
    /// `region`, whose states of that order `states` are), aligned to the
    /// order, its free bit of that order set. Reads only the region table and
    /// the bitmaps.
    ///
    /// - Complexity: O(1) when `address` lies in `region`, O(log regions) otherwise.
    @inlinable @inline(__always)
    static func isFreeBlock(_ address: UInt, near region: BuddyRegion, states: BuddyOrderStates, in regions: RegionTable<BuddyRegion>) -> Bool {
        guard states.isAligned(address) else { return false }
        if _fastPath(region.holdsBlockAddress(address)) {
            return states.isFree(address)
        }
        return isFreeBlockInAnotherRegion(address, order: states.order, in: regions)
    }

    /// `isFreeBlock` within `region` only: false for an address outside its
    /// blocks' span (which another region may hold).
    @inlinable @inline(__always)
    static func isFreeBlock(_ address: UInt, in region: BuddyRegion, states: BuddyOrderStates) -> Bool {
        states.isAligned(address) && region.holdsBlockAddress(address) && states.isFree(address)
    }

    /// `isFreeBlock` for an address outside the region at hand: the region
    /// table's lookup first, and an order the found region can hold.
    @usableFromInline @inline(never)
    static func isFreeBlockInAnotherRegion(_ address: UInt, order: UInt, in regions: RegionTable<BuddyRegion>) -> Bool {
        guard let other = region(holding: address, in: regions), order <= other.maxOrder else { return false }
        return other.states(order).isFree(address)
    }
}
#endif
