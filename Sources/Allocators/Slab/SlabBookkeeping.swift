#if Slab
/// The owned storage a `SlabAllocator` takes for one region, in one piece
/// from its `BookkeepingStorage` (carved from the region's start, from the
/// caller's buffer, or from the platform allocator), laid out as:
///
/// ```
///  +0            descriptors   windows × 64 bytes (64-aligned: one line each)
///  +wordsOffset  live bitmap   wordsForBits(windows × 2^(slabShift-4)) words
///  +tableOffset  region table  when the table is full: RegionTable.bytes(capacityLog2:)
///  +fixedOffset  first region only: class heads, direct table, class tails,
///                class granule ranges, granule classes
/// ```
///
/// Cost per region: 64 bytes per window of `2^slabShift` bytes plus one bit
/// per 16 bytes of those windows (about 0.9 % of the region with 64 KiB
/// slabs: 0.1 % descriptors, 0.8 % bitmap), up to 63 bytes of alignment,
/// and 32 bytes of region-table entry (the table starts with 8 slots, taken
/// with the first region, and doubles when full, taken with the region that
/// found it full; the old slots are not reused). The first region also
/// takes the per-allocator tables: 32 bytes per class and 17 per request
/// granule of the lookup table, about 2 KiB for the default allocator
/// (31 classes, 65 granules).
/// Evidence: `SlabStorageTests` (the carved bytes are exactly these, a
/// buffer of exactly `byteCount` suffices).
@frozen
public struct SlabBookkeeping {
    /// Windows of the region.
    @usableFromInline let windows: Int
    /// Words of the region's live bitmap.
    @usableFromInline let words: Int
    @usableFromInline let wordsOffset: Int
    /// The grown region table's offset and capacity, when the table is full.
    @usableFromInline let tableOffset: Int
    @usableFromInline let tableCapacityLog2: Int?
    /// The per-allocator tables' offset, for the first region.
    @usableFromInline let fixedOffset: Int
    @usableFromInline let fixed: Bool
    /// Bytes in all, aligned to `alignment`.
    @usableFromInline let byteCount: Int

    /// Descriptors are one cache line each.
    @inlinable
    static var alignment: Int { 1 << Int(SlabDescriptor.bytesLog2) }

    /// The capacity of the region table the first region takes.
    @inlinable
    static var initialTableCapacityLog2: Int { 3 }

    /// The storage of the region `start ..< end` (not empty, not wrapping)
    /// for slabs of `2^slabShift` bytes; `tableCapacityLog2` is the capacity
    /// of a region table to take with it (nil when the table has room), and
    /// `fixedTables` the sizes of the per-allocator tables when this is the
    /// first region (nil otherwise).
    @inlinable
    init(start: UInt, end: UInt, slabShift: UInt, tableCapacityLog2: Int?, fixedTables: (classes: Int, granules: Int)?) {
        windows = Int(bitPattern: Kernels.buddyBitCount(base: start, end: end, order: slabShift))
        let bits = UInt(bitPattern: windows) &<< (slabShift &- 4)
        words = Int(bitPattern: Kernels.wordsForBits(bits))
        wordsOffset = windows << Int(SlabDescriptor.bytesLog2)
        tableOffset = wordsOffset + words * MemoryLayout<UInt>.stride
        self.tableCapacityLog2 = tableCapacityLog2
        fixedOffset = tableOffset + (tableCapacityLog2.map { RegionTable<SlabRegion>.bytes(capacityLog2: $0) } ?? 0)
        fixed = fixedTables != nil
        let fixedBytes = fixedTables.map { Self.fixedTableBytes(classes: $0.classes, granules: $0.granules) } ?? 0
        byteCount = (fixedOffset + fixedBytes + Self.alignment - 1) & ~(Self.alignment - 1)
    }

    /// Where the part of the region `start ..< start + size` that a
    /// `SlabAllocator` with slabs of `2^slabShift` bytes (clamped as its
    /// `init` does) and a backing header of `backingHeader` bytes gives its
    /// backing starts, when its bookkeeping is carved from the region and
    /// `regionsBefore` regions were given before (it then takes a grown region
    /// table when `regionsBefore` is 8, 16, 32, ...); nil when the region is
    /// malformed or the bookkeeping does not fit (the allocator refuses it).
    /// With buffer or platform storage the backing gets the whole region.
    public static func managedStart(
        regionStart start: UInt, size: Int, slabShift: Int, backingHeader: Int, regionsBefore: Int
    ) -> UInt? {
        guard let end = regionEnd(start: start, size: size) else { return nil }
        let configuration = SlabConfiguration(slabShift: slabShift, backingHeader: backingHeader)
        let initial = initialTableCapacityLog2
        let growth: Int? = regionsBefore == 0 ? initial
            : (regionsBefore >= 1 << initial && regionsBefore & (regionsBefore - 1) == 0 ? regionsBefore.trailingZeroBitCount + 1 : nil)
        let layout = SlabBookkeeping(
            start: start, end: end, slabShift: configuration.slabShift, tableCapacityLog2: growth,
            fixedTables: regionsBefore == 0 ? (configuration.classCount, configuration.tableGranules) : nil)
        let at = Kernels.alignUp(start, to: UInt(alignment))
        guard !at.overflow, at.value <= end, UInt(layout.byteCount) <= end &- at.value else { return nil }
        return at.value &+ UInt(layout.byteCount)
    }

    /// Bytes of the per-allocator tables.
    @inlinable
    static func fixedTableBytes(classes: Int, granules: Int) -> Int {
        classes * (MemoryLayout<SlabClassHead>.stride + MemoryLayout<UInt>.stride + MemoryLayout<SlabGranuleRange>.stride)
            + granules * (MemoryLayout<SlabClassHead>.stride + MemoryLayout<UInt8>.stride)
    }
}

/// The storage a `SlabAllocator` owns: its bookkeeping arena, its region
/// table and the per-allocator tables, which live in the arena's memory.
/// (A separate, non-generic owner: the deinitializer of a struct generic
/// over a non-copyable parameter is not run by this toolchain.) Its `deinit`
/// frees what the platform allocator gave; carved and buffer memory stays
/// the caller's.
@usableFromInline
struct SlabStorage: ~Copyable {
    @usableFromInline var arena: BookkeepingArena
    @usableFromInline var regions: RegionTable<SlabRegion>
    /// Per class: the first partial slab and the link-check constant.
    @usableFromInline var partialHeads: UnsafeMutablePointer<SlabClassHead>?
    /// Per 16-byte request granule up to the table's limit: the head entry of
    /// the granule's class, kept in step by `setHead`.
    @usableFromInline var directHeads: UnsafeMutablePointer<SlabClassHead>?
    /// Per class: the last partial slab (a descriptor address) or 0.
    @usableFromInline var partialTails: UnsafeMutablePointer<UInt>?
    /// Per class: its granules in the table.
    @usableFromInline var classGranules: UnsafeMutablePointer<SlabGranuleRange>?
    /// Per granule: its class.
    @usableFromInline var granuleClasses: UnsafeMutablePointer<UInt8>?

    @usableFromInline
    init(_ storage: BookkeepingStorage) {
        arena = BookkeepingArena(storage)
        regions = RegionTable()
    }

    @inlinable deinit {
        var owned = arena
        owned.release()
    }

    /// Lays out the per-allocator tables at `memory`: empty class lists, the
    /// granule-to-class table and each class's granule range.
    @usableFromInline
    mutating func initializeFixedTables(at memory: UnsafeMutableRawPointer, classes: Int, granules: Int) {
        let heads = memory.bindMemory(to: SlabClassHead.self, capacity: classes)
        for index in 0 ..< classes {
            let size = Kernels.slabClassSize(index: UInt(index))
            (heads + index).initialize(to: SlabClassHead(slab: 0, inverse: SlabClassHead.inverse(ofClassSize: size)))
        }
        let directMemory = memory + classes * MemoryLayout<SlabClassHead>.stride
        let direct = directMemory.bindMemory(to: SlabClassHead.self, capacity: granules)
        let tailMemory = directMemory + granules * MemoryLayout<SlabClassHead>.stride
        let tails = tailMemory.bindMemory(to: UInt.self, capacity: classes)
        tails.initialize(repeating: 0, count: classes)
        let rangeMemory = tailMemory + classes * MemoryLayout<UInt>.stride
        let ranges = rangeMemory.bindMemory(to: SlabGranuleRange.self, capacity: classes)
        ranges.initialize(repeating: SlabGranuleRange(first: 0, end: 0), count: classes)
        let classMemory = rangeMemory + classes * MemoryLayout<SlabGranuleRange>.stride
        let classOf = classMemory.bindMemory(to: UInt8.self, capacity: granules)
        for granule in 0 ..< granules {
            let index = Int(Kernels.slabGranuleClass(granule: UInt(granule)))
            classOf[granule] = UInt8(truncatingIfNeeded: index)
            (direct + granule).initialize(to: heads[index])
            // The granules of a class are consecutive (its requests are).
            if ranges[index].first == ranges[index].end { ranges[index].first = Int32(granule) }
            ranges[index].end = Int32(granule + 1)
        }
        partialHeads = heads
        directHeads = direct
        partialTails = tails
        classGranules = ranges
        granuleClasses = classOf
    }
}
#endif
