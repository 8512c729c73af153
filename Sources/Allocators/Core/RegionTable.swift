/// A region as an allocator's `RegionTable` keeps it: the addresses (or,
/// for the bitmap allocators, unit numbers) `start ..< end` it was given,
/// plus whatever the allocator records per region.
@usableFromInline
protocol RegionEntry {
    var start: UInt { get }
    var end: UInt { get }
    /// The entry that fills the unused slots of a table: it starts at
    /// `UInt.max`, after every real region, and contains no address.
    static var padding: Self { get }
}

/// The one region table of every allocator in this package: the regions
/// given to `initialize` and `addMemory`, disjoint and sorted by start, with
/// the one rule for a new region (`admit`) and the lookup every free path
/// runs before it reads any memory (`index(containing:)`).
///
/// ```
///  slots:  [ r0 ][ r1 ][ r2 ][ pad ][ pad ][ pad ][ pad ][ pad ]   capacity 2^k
///            sorted by start, disjoint      start = UInt.max
/// ```
///
/// The capacity is a power of two and the slots past `count` hold
/// `Entry.padding`, so the lookup is a branch-free binary search of exactly
/// `capacityLog2` halvings (`depth` of them when the capacity is a static
/// constant, as TLSF's is, so the loop unrolls). The entries live in storage
/// the owner provides (its `BookkeepingArena`, or TLSF's control structure);
/// the table never allocates.
///
/// Evidence: `RegionTableTests` (lookups against a linear scan, with holes,
/// adjacency, the ends of the address space and full tables) and every
/// model-checked run over several regions.
@frozen @usableFromInline
struct RegionTable<Entry: RegionEntry> {
    /// `2^capacityLog2` slots; nil while the table has no storage.
    @usableFromInline var entries: UnsafeMutablePointer<Entry>?
    @usableFromInline var count: Int
    @usableFromInline var capacityLog2: Int

    /// A table with no storage and no region.
    @inlinable
    init() {
        entries = nil
        count = 0
        capacityLog2 = 0
    }

    /// An empty table over `storage`, room for `2^capacityLog2` entries
    /// (`RegionTable.bytes(capacityLog2:)` bytes aligned for `Entry`).
    @inlinable
    init(storage: UnsafeMutableRawPointer, capacityLog2: Int) {
        let slots = 1 << capacityLog2
        let typed = storage.bindMemory(to: Entry.self, capacity: slots)
        typed.initialize(repeating: .padding, count: slots)
        entries = typed
        count = 0
        self.capacityLog2 = capacityLog2
    }

    /// Bytes of the storage for `2^capacityLog2` entries.
    @inlinable
    static func bytes(capacityLog2: Int) -> Int { MemoryLayout<Entry>.stride << capacityLog2 }

    /// Slots of the table.
    @inlinable
    var capacity: Int { entries == nil ? 0 : 1 << capacityLog2 }

    /// Whether an insert needs a larger table first.
    @inlinable
    var isFull: Bool { count == capacity }

    /// Entry `index` (below `count`).
    @inlinable
    subscript(index: Int) -> Entry {
        get { entries.unsafelyUnwrapped[index] }
        nonmutating _modify { yield &entries.unsafelyUnwrapped[index] }
    }

    // MARK: The rule for a new region

    /// Checks a region given to `initialize` or `addMemory` against the table,
    /// the same way for every allocator: `.invalidParam` for an empty region,
    /// a negative size or one that wraps the address space (`regionEnd`), then
    /// `.memoryOverlap` when it meets a region of the table. Returns its end.
    /// (Whether the region is large enough is the allocator's own check, which
    /// comes after these and throws `.invalidParam`.)
    ///
    /// - Complexity: O(log count).
    @usableFromInline
    func admit(start: UInt, size: Int) throws(AllocError) -> UInt {
        guard let end = regionEnd(start: start, size: size) else { throw .invalidParam }
        if overlaps(start: start, end: end) { throw .memoryOverlap }
        return end
    }

    /// Whether `start ..< end` (non-empty) meets a region of the table.
    ///
    /// - Complexity: O(log count).
    @usableFromInline
    func overlaps(start: UInt, end: UInt) -> Bool {
        guard count > 0 else { return false }
        // The last region starting before `end` is the only one that can reach
        // into `start ..< end` without starting inside it (regions are disjoint).
        let candidate = lastIndex(startingAtOrBelow: end &- 1)
        let entry = self[candidate]
        return entry.start < end && start < entry.end
    }

    // MARK: Lookup

    /// The index of the region with `start <= address < end`, or nil.
    ///
    /// - Complexity: O(log capacity), `capacityLog2` halvings, no early exit.
    @inlinable @inline(__always)
    func index(containing address: UInt) -> Int? {
        guard count > 0 else { return nil }
        let index = lastIndex(startingAtOrBelow: address)
        return address < self[index].end && self[index].start <= address ? index : nil
    }

    /// The most halvings `indexWithoutLoop(containing:)` performs: tables
    /// searched without a loop have at most 2^8 slots.
    @inlinable
    static var unrolledDepth: Int { 8 }

    /// `index(containing:)` as straight-line code, for paths that must stay
    /// loop-free (TLSF's free), over the `2^capacityLog2` slots at `slots`:
    /// eight halving steps, each skipped when the table has fewer slots, no
    /// backward branch. It needs no count, since a padding slot contains no
    /// address, so a caller that knows where its table lives (TLSF's control
    /// structure) needs nothing else in registers.
    ///
    /// - Precondition: `slots` is a table's storage (sorted entries, then
    ///   padding), `capacityLog2 <= unrolledDepth`.
    /// - Complexity: O(1).
    @inlinable @inline(__always)
    static func indexWithoutLoop(containing address: UInt, slots: UnsafeMutablePointer<Entry>, capacityLog2: Int) -> Int? {
        var base = 0
        var half = (1 << capacityLog2) >> 1
        @inline(__always) func halve() {
            if half != 0 {
                base = slots[base &+ half].start <= address ? base &+ half : base
                half &>>= 1
            }
        }
        halve(); halve(); halve(); halve(); halve(); halve(); halve(); halve()
        return address < slots[base].end && slots[base].start <= address ? base : nil
    }

    /// The last index whose region starts at or below `address`, or 0 when
    /// none does: a branch-free binary search over the padded slots.
    @inlinable @inline(__always)
    func lastIndex(startingAtOrBelow address: UInt) -> Int {
        let slots = entries.unsafelyUnwrapped
        var base = 0
        var half = (1 << capacityLog2) >> 1
        while half > 0 {
            base = slots[base &+ half].start <= address ? base &+ half : base
            half &>>= 1
        }
        return base
    }

    // MARK: Changes

    /// Inserts `entry`, keeping the table sorted, and returns its index.
    ///
    /// - Precondition: `!isFull`, and `entry` meets no region (`admit`).
    /// - Complexity: O(count).
    @usableFromInline @discardableResult
    mutating func insert(_ entry: Entry) -> Int {
        precondition(!isFull, "RegionTable: insert into a full table")
        let slots = entries.unsafelyUnwrapped
        var index = count
        while index > 0, slots[index - 1].start > entry.start {
            slots[index] = slots[index - 1]
            index -= 1
        }
        slots[index] = entry
        count += 1
        return index
    }

    /// Moves the entries to `storage`, room for `2^capacityLog2` entries (at
    /// least `count`), padding the rest. The old storage is the owner's to
    /// reuse or forget.
    @usableFromInline
    mutating func move(to storage: UnsafeMutableRawPointer, capacityLog2 newLog2: Int) {
        let slots = 1 << newLog2
        precondition(slots >= count, "RegionTable: moving to a smaller table")
        let typed = storage.bindMemory(to: Entry.self, capacity: slots)
        if count > 0 { typed.initialize(from: entries.unsafelyUnwrapped, count: count) }
        (typed + count).initialize(repeating: .padding, count: slots - count)
        entries = typed
        capacityLog2 = newLog2
    }

    /// The capacity log2 a table must grow to so that one more region fits
    /// (the current one when it is not full): doubling, from one slot.
    @usableFromInline
    var capacityLog2ForOneMore: Int {
        guard isFull else { return capacityLog2 }
        return entries == nil ? 0 : capacityLog2 + 1
    }
}
