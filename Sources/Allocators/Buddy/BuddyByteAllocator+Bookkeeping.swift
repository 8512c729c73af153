#if Buddy
// Bookkeeping: what a region costs besides its blocks, and where it goes.
//
// Each region given takes one placement from the allocator's
// `BookkeepingArena`, laid out as
//
//     ┌──────────────────────────┬─────────────────────────────┬─────────────────────────┐
//     │ list sentinels           │ region table, grown         │ block states of the     │
//     │ (first region only)      │ (when the table is full)    │ region (`stateBytes`)   │
//     └──────────────────────────┴─────────────────────────────┴─────────────────────────┘
//
// With `.carved` storage the placement is the start of the region itself and
// the blocks tile the rest (rounded in to the minimum block); with `.buffer`
// or `.platform` storage the blocks tile the whole region.

/// Where a region's bookkeeping and blocks go, decided before anything
/// changes (`BuddyByteAllocator.planRegion`).
@frozen @usableFromInline
struct BuddyRegionPlan {
    @usableFromInline let placement: BookkeepingPlacement
    /// The span the blocks tile.
    @usableFromInline let base: UInt
    @usableFromInline let limit: UInt
}

extension BuddyByteAllocator {
    @inlinable @inline(__always)
    static var wordSize: Int { MemoryLayout<UInt>.size }

    /// Bytes of the free lists' sentinels, two words per order (1 KiB on
    /// 64-bit targets, 256 bytes on 32-bit ones): taken with the first region.
    public static var freeListBytes: Int { 2 * orderCount * wordSize }

    /// Bytes of one slot of the region table (48 on 64-bit targets, 24 on
    /// 32-bit ones). The table doubles when full, from one slot: the regions
    /// numbered 0, 1, 2, 4, 8, ... (in the order they are given) take a table
    /// of 1, 2, 4, 8, 16, ... slots with their bookkeeping; a superseded table
    /// stays where it was (in carved or caller storage, which is never given
    /// back), so n regions have taken fewer than 4n slots in all.
    public static var regionSlotBytes: Int { MemoryLayout<BuddyRegion>.stride }

    /// Bytes of the block states of a region whose blocks tile `base ..<
    /// limit` (minimum-block aligned, non-empty): one word per order from
    /// `minOrder` to `floorLog2(limit - base)` (the order table), then per
    /// order `k` the words of its block positions' pairs of bits, from the
    /// word of the first to that of the last (`Kernels.buddyStateWordCount`).
    ///
    /// That is at most `(limit - base) / (2 × minimumBlockSize)` bytes plus
    /// four words per order (`BuddyBookkeepingTests`).
    ///
    /// - Complexity: O(orders).
    @usableFromInline
    static func stateBytes(base: UInt, limit: UInt) -> Int {
        let maxOrder = Kernels.floorLog2(limit &- base)
        var words = Int(bitPattern: maxOrder &- minOrder &+ 1)
        for order in minOrder ... maxOrder {
            words &+= Int(bitPattern: Kernels.buddyStateWordCount(base: base, end: limit, order: order))
        }
        return words &* wordSize
    }

    /// The bytes of bookkeeping the region given after `regionsBefore`
    /// others takes besides its block states: the sentinels with the first
    /// region, a grown region table when the table is full.
    @usableFromInline
    static func fixedBookkeepingBytes(regionsBefore: Int) -> Int {
        guard regionsBefore > 0 else { return freeListBytes + regionSlotBytes }
        // The table holds `capacity` slots, doubled from one: full when the
        // count reaches a power of two.
        return regionsBefore & (regionsBefore &- 1) == 0 ? regionSlotBytes &* (regionsBefore &<< 1) : 0
    }

    /// Decides where the region `start ..< end` (admitted: non-empty, not
    /// wrapping) puts `fixedBytes` of bookkeeping and its block states, and
    /// which span its blocks tile. Changes nothing.
    ///
    /// Throws `.invalidParam` when no minimum block fits in the region (after
    /// the carved bookkeeping, for carved storage), `.noMemory` when a
    /// caller-provided buffer has no room left.
    ///
    /// - Complexity: O(orders).
    @usableFromInline
    static func planRegion(start: UInt, end: UInt, fixedBytes: Int, in arena: BookkeepingArena) throws(AllocError) -> BuddyRegionPlan {
        let minimum = UInt(bitPattern: minimumBlockSize)
        let lower = Kernels.alignUp(start, to: minimum)
        let limit = Kernels.alignDown(end, to: minimum)
        guard !lower.overflow, lower.value < limit else { throw .invalidParam }
        // Sized for the blocks of the whole region: carving can only shrink
        // the span, and so its states (the few words of difference stay unused).
        let bytes = fixedBytes &+ stateBytes(base: lower.value, limit: limit)
        guard let placement = arena.place(byteCount: bytes, alignment: wordSize, regionStart: start, regionEnd: end) else {
            throw arena.storage.isCarved ? .invalidParam : .noMemory
        }
        let base = Kernels.alignUp(placement.managedStart, to: minimum)
        guard !base.overflow, base.value < limit else { throw .invalidParam }
        return BuddyRegionPlan(placement: placement, base: base.value, limit: limit)
    }

    /// The part of a region blocks can occupy, for an allocator keeping its
    /// bookkeeping in `bookkeeping`, when the region is given after
    /// `regionsBefore` others were accepted: with `.carved` storage, what
    /// follows the region's bookkeeping (`freeListBytes` for the first region,
    /// a grown table as `regionSlotBytes` says, the block states), rounded in
    /// to the minimum block; with `.buffer` or `.platform` storage, the
    /// region's minimum-block-aligned interior. Nil when the region is
    /// refused as too small (`.invalidParam`) or wraps.
    ///
    /// The defaults describe `BuddyByteAllocator()`'s `initialize`.
    ///
    /// Evidence: the model-checked runs (`BuddyModelTests`, every storage
    /// kind), whose geometry this is, and `BuddyBookkeepingTests`.
    public static func usableRange(
        start: UInt, size: Int, bookkeeping: BookkeepingStorage = .carved, regionsBefore: Int = 0
    ) -> (lower: UInt, upper: UInt)? {
        guard let end = regionEnd(start: start, size: size) else { return nil }
        // Only carving moves the blocks; a full buffer is `.noMemory`, not a
        // region too small, so any other storage is placed as platform storage.
        let arena = BookkeepingArena(bookkeeping.isCarved ? .carved : .platform)
        do throws(AllocError) {
            let plan = try planRegion(start: start, end: end, fixedBytes: fixedBookkeepingBytes(regionsBefore: regionsBefore), in: arena)
            return (plan.base, plan.limit)
        } catch {
            return nil
        }
    }

    /// The bookkeeping bytes a region of `size` bytes at `start` takes when
    /// given after `regionsBefore` others (sentinels, grown table, block
    /// states): what a `.buffer` must still hold for it, or what `.carved`
    /// storage takes from its start (plus alignment to a word). Nil when the
    /// region holds no minimum block.
    public static func bookkeepingBytes(start: UInt, size: Int, regionsBefore: Int = 0) -> Int? {
        guard let end = regionEnd(start: start, size: size) else { return nil }
        let minimum = UInt(bitPattern: minimumBlockSize)
        let lower = Kernels.alignUp(start, to: minimum)
        let limit = Kernels.alignDown(end, to: minimum)
        guard !lower.overflow, lower.value < limit else { return nil }
        return fixedBookkeepingBytes(regionsBefore: regionsBefore) &+ stateBytes(base: lower.value, limit: limit)
    }

    // MARK: Laying out a placement

    /// Writes the sentinels at `storage`: each list empty, linked to itself.
    @usableFromInline
    static func initializeSentinels(at storage: UnsafeMutableRawPointer) -> UInt {
        let words = storage.bindMemory(to: UInt.self, capacity: 2 * orderCount)
        for order in 0 ..< orderCount {
            let sentinel = UInt(bitPattern: words + 2 * order)
            (words + 2 * order).initialize(to: sentinel)
            (words + 2 * order + 1).initialize(to: sentinel)
        }
        return UInt(bitPattern: words)
    }

    /// Writes the block states of a region tiling `base ..< limit` at
    /// `storage` (`stateBytes(base:limit:)` bytes or more): the order table
    /// of state biases, then every state `none`. Returns the order table's
    /// biased address and the region's largest order.
    @usableFromInline
    static func initializeStates(at storage: UnsafeMutableRawPointer, base: UInt, limit: UInt) -> (orderTable: UInt, maxOrder: UInt) {
        let maxOrder = Kernels.floorLog2(limit &- base)
        let orders = Int(bitPattern: maxOrder &- minOrder &+ 1)
        let stateWords = stateBytes(base: base, limit: limit) / wordSize &- orders
        let table = storage.bindMemory(to: UInt.self, capacity: orders)
        var words = (storage + orders * wordSize).bindMemory(to: UInt.self, capacity: stateWords)
        words.initialize(repeating: 0, count: stateWords)
        for order in minOrder ... maxOrder {
            (table + Int(bitPattern: order &- minOrder)).initialize(to: Kernels.buddyStateBias(words: UInt(bitPattern: words), base: base, order: order))
            words += Int(bitPattern: Kernels.buddyStateWordCount(base: base, end: limit, order: order))
        }
        return (UInt(bitPattern: table) &- minOrder &* UInt(bitPattern: wordSize), maxOrder)
    }
}
#endif
