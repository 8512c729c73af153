#if Bitmap
/// The engine of `BitmapPageAllocator` and `BitmapIDAllocator`: units
/// (pages or IDs, by number) in disjoint regions, each a `BitmapRegion` with
/// its own leaves and run tree, so regions far apart cost only their own
/// size. The regions live in a `RegionTable` (sorted, binary-searched), and
/// the table and every region's bookkeeping come from a `BookkeepingArena`
/// over the storage the owner chose at `init`.
///
/// Placement is lowest-unit first fit across all regions.
@usableFromInline
struct HierarchicalBitmap: ~Copyable {
    @usableFromInline var table: RegionTable<BitmapRegion>
    @usableFromInline var arena: BookkeepingArena
    @usableFromInline var totalUnits: Int
    @usableFromInline var usedUnits: Int

    /// Units one region may hold (`Kernels.bitmapMaxRegionUnits`): 2^30 (4 TiB
    /// of 4 KiB pages, 128 MiB of leaf words) on 64-bit targets, 2^28 on
    /// 32-bit ones.
    @usableFromInline static var maxRegionUnits: UInt { Kernels.bitmapMaxRegionUnits() }

    /// Alignment of every block of bookkeeping (table entries, nodes and
    /// leaves are all word-aligned, and every block is a multiple of a word).
    @usableFromInline static var bookkeepingAlignment: Int { MemoryLayout<UInt>.alignment }

    init(bookkeeping: BookkeepingStorage) {
        table = RegionTable()
        arena = BookkeepingArena(bookkeeping)
        totalUnits = 0
        usedUnits = 0
    }

    /// Frees platform storage; the owning allocator's `deinit` calls it (a
    /// deinit here would be opaque to the inlinable accessors of its owners).
    func release() {
        var arena = arena
        arena.release()
    }

    /// Bytes of the region table's storage that the region after `regions`
    /// others takes: the doubled table when the table is full (after 0, 1, 2,
    /// 4, 8, ... regions, as `RegionTable.capacityLog2ForOneMore` grows it),
    /// else none.
    @inlinable
    static func tableGrowthBytes(regionsBefore regions: Int) -> Int {
        guard regions & (regions &- 1) == 0 else { return 0 }
        return RegionTable<BitmapRegion>.bytes(capacityLog2: regions == 0 ? 0 : regions.trailingZeroBitCount &+ 1)
    }

    /// Bytes of bookkeeping the region `start ..< end` takes when it follows
    /// `regions` others: its `BitmapRegion.Layout` and the table's growth.
    /// Nil when the region is empty or larger than `maxRegionUnits`.
    @inlinable
    static func bookkeepingByteCount(start: UInt, end: UInt, regionsBefore regions: Int) -> Int? {
        guard start < end, end &- start <= maxRegionUnits, regions >= 0 else { return nil }
        return tableGrowthBytes(regionsBefore: regions) &+ BitmapRegion.Layout(start: start, end: end).byteCount
    }

    /// Adds the units `start ..< end` as a region, with its bookkeeping (and
    /// the region table's growth) in one block from the arena. With carved
    /// storage the block is the first bytes of the region's units, each unit
    /// `2^unitShift` bytes from address `unit << unitShift`, and the units it
    /// covers are not managed.
    ///
    /// Throws by the region rule (`RegionTable.admit`): `.invalidParam` for an
    /// empty range, `.memoryOverlap` when it meets a region; then
    /// `.invalidParam` for more than `maxRegionUnits` units or a region too
    /// small for its carved bookkeeping and a unit, `.noMemory` when a
    /// caller's buffer has no room left. Changes nothing then.
    /// - Complexity: O(units / word width + regions).
    @inline(never)
    mutating func addRegion(start: UInt, end: UInt, unitShift: UInt) throws(AllocError) {
        _ = try table.admit(start: start, size: end > start ? Int(bitPattern: end &- start) : 0)
        guard end &- start <= Self.maxRegionUnits else { throw .invalidParam }
        let layout = BitmapRegion.Layout(start: start, end: end)
        let grownLog2 = table.capacityLog2ForOneMore
        let tableBytes = table.isFull ? RegionTable<BitmapRegion>.bytes(capacityLog2: grownLog2) : 0
        let carved = arena.storage.isCarved
        guard let placement = arena.place(byteCount: tableBytes &+ layout.byteCount, alignment: Self.bookkeepingAlignment,
                                          regionStart: start &<< unitShift, regionEnd: end &<< unitShift) else {
            throw carved ? .invalidParam : .noMemory
        }
        var managedStart = start
        if carved {
            // The first whole unit past the block; the region's end is a unit boundary, so this cannot wrap.
            managedStart = Kernels.alignUpUnchecked(placement.managedStart, to: 1 &<< unitShift) &>> unitShift
            guard managedStart < end else { throw .invalidParam }
        }
        let memory = arena.take(placement)
        if tableBytes > 0 { table.move(to: memory, capacityLog2: grownLog2) }
        table.insert(BitmapRegion(start: start, end: end, managedStart: managedStart, layout: layout, storage: memory + tableBytes))
        totalUnits &+= Int(end &- managedStart)
    }

    /// The index of the region handing out all `count` units from `unit`
    /// (`count >= 1`), or nil.
    /// - Complexity: O(log regions).
    @inlinable @inline(__always)
    func region(holding unit: UInt, count: Int) -> Int? {
        guard let i = table.index(containing: unit), table[i].contains(unit, count: count) else { return nil }
        return i
    }

    /// Takes the lowest run of `count` free units aligned to `alignment`
    /// units, or returns nil and changes nothing.
    /// - Precondition: `count >= 1`; `alignment` a power of two.
    /// - Complexity: the run-tree search in each region tried, in address
    ///   order, that has `count` free units; O(regions) to pass the others.
    @inlinable
    mutating func allocate(count: Int, alignment: UInt) -> UInt? {
        guard count <= totalUnits &- usedUnits else { return nil }
        for i in 0 ..< table.count where table[i].freeUnits >= count {
            if let unit = table[i].firstFit(count: count, alignment: alignment) {
                table[i].setRange(Int(unit &- table[i].origin), count, free: false)
                usedUnits &+= count
                return unit
            }
        }
        return nil
    }

    /// Takes `count` units from `unit` if all are managed and free.
    /// - Complexity: O(count / word width + log2 n + log regions).
    @inlinable
    mutating func allocate(at unit: UInt, count: Int) -> Bool {
        guard count >= 1, let i = region(holding: unit, count: count) else { return false }
        let bit = Int(unit &- table[i].origin)
        guard table[i].firstBit(bit, count, free: false) == nil else { return false }
        table[i].setRange(bit, count, free: false)
        usedUnits &+= count
        return true
    }

    /// Frees `count` units from `unit` if all are managed and taken;
    /// otherwise returns false and changes nothing. Units in no region, in
    /// the holes between regions or in carved bookkeeping are refused by the
    /// table lookup, before any bit is read.
    /// - Complexity: O(count / word width + log2 n + log regions).
    @inlinable
    mutating func free(at unit: UInt, count: Int) -> Bool {
        guard count >= 1, let i = region(holding: unit, count: count) else { return false }
        let bit = Int(unit &- table[i].origin)
        guard table[i].firstBit(bit, count, free: true) == nil else { return false }
        table[i].setRange(bit, count, free: true)
        usedUnits &-= count
        return true
    }

    /// Whether `unit` is managed (carved units are not).
    /// - Complexity: O(log regions).
    @inlinable
    func isManaged(_ unit: UInt) -> Bool { region(holding: unit, count: 1) != nil }

    /// Whether `unit` lies in the units of a region given (carved units included).
    /// - Complexity: O(log regions).
    @inlinable
    func isInRegion(_ unit: UInt) -> Bool { table.index(containing: unit) != nil }

    /// Whether `unit` is managed and taken.
    /// - Complexity: O(log regions).
    @inlinable
    func isTaken(_ unit: UInt) -> Bool {
        guard let i = region(holding: unit, count: 1) else { return false }
        return table[i].firstBit(Int(unit &- table[i].origin), 1, free: false) != nil
    }
}
#endif
