#if Bitmap
/// The engine of `BitmapPageAllocator` and `BitmapIDAllocator`: units
/// (pages or IDs, by number) in disjoint regions kept in address order, each
/// a `BitmapRegion` with its own leaves and run tree, so regions far apart
/// cost only their own size.
///
/// Placement is lowest-unit first fit across all regions.
@usableFromInline
struct HierarchicalBitmap: ~Copyable {
    @usableFromInline var regions: UnsafeMutablePointer<BitmapRegion>
    @usableFromInline var regionCount: Int
    @usableFromInline var regionCapacity: Int
    @usableFromInline var totalUnits: Int
    @usableFromInline var usedUnits: Int

    /// Units one region may hold: 2^30 (4 TiB of 4 KiB pages, a 128 MiB
    /// bitmap) on 64-bit targets, 2^28 on 32-bit ones.
    @usableFromInline static var maxRegionUnits: UInt { UInt(1) << UInt(Swift.min(30, UInt.bitWidth - 4)) }

    init() {
        regionCapacity = 4
        regions = .allocate(capacity: regionCapacity)
        regionCount = 0
        totalUnits = 0
        usedUnits = 0
    }

    /// Frees the storage; the owning allocator's `deinit` calls it (a deinit
    /// here would be opaque to the inlinable accessors of its owners).
    func release() {
        for i in 0 ..< regionCount { regions[i].release() }
        regions.deinitialize(count: regionCount)
        regions.deallocate()
    }

    /// Adds the units `start ..< end` as a region.
    /// Throws `.invalidParam` for an empty or too large range and
    /// `.memoryOverlap` when it overlaps a region; changes nothing then.
    /// - Complexity: O(units / word width + regions).
    @inline(never)
    mutating func addRegion(start: UInt, end: UInt) throws(AllocError) {
        guard start < end, end &- start <= Self.maxRegionUnits else { throw .invalidParam }
        var insertAt = regionCount
        for i in 0 ..< regionCount {
            if start < regions[i].end && regions[i].start < end { throw .memoryOverlap }
            if insertAt == regionCount && end <= regions[i].start { insertAt = i }
        }
        if regionCount == regionCapacity {
            let grown = UnsafeMutablePointer<BitmapRegion>.allocate(capacity: regionCapacity * 2)
            grown.moveInitialize(from: regions, count: regionCount)
            regions.deallocate()
            regions = grown
            regionCapacity *= 2
        }
        (regions + insertAt + 1).moveInitialize(from: regions + insertAt, count: regionCount - insertAt)
        (regions + insertAt).initialize(to: BitmapRegion(start: start, end: end))
        regionCount += 1
        totalUnits += Int(end &- start)
    }

    /// The index of the region holding `count` units from `unit`, or nil.
    @inlinable @inline(__always)
    func region(holding unit: UInt, count: Int) -> Int? {
        for i in 0 ..< regionCount where regions[i].contains(unit, count: count) { return i }
        return nil
    }

    /// Takes the lowest run of `count` free units aligned to `alignment`
    /// units, or returns nil and changes nothing.
    /// - Precondition: `count >= 1`; `alignment` a power of two.
    @inlinable
    mutating func allocate(count: Int, alignment: UInt) -> UInt? {
        guard count <= totalUnits &- usedUnits else { return nil }
        for i in 0 ..< regionCount where regions[i].freeUnits >= count {
            if let unit = regions[i].firstFit(count: count, alignment: alignment) {
                regions[i].setRange(Int(unit &- regions[i].origin), count, free: false)
                usedUnits &+= count
                return unit
            }
        }
        return nil
    }

    /// Takes `count` units from `unit` if all are managed and free.
    /// - Complexity: O(count / word width + log2 n + regions).
    @inlinable
    mutating func allocate(at unit: UInt, count: Int) -> Bool {
        guard count >= 1, let i = region(holding: unit, count: count) else { return false }
        let bit = Int(unit &- regions[i].origin)
        guard regions[i].firstBit(bit, count, free: false) == nil else { return false }
        regions[i].setRange(bit, count, free: false)
        usedUnits &+= count
        return true
    }

    /// Frees `count` units from `unit` if all are managed and taken;
    /// otherwise returns false and changes nothing.
    /// - Complexity: O(count / word width + log2 n + regions).
    @inlinable
    mutating func free(at unit: UInt, count: Int) -> Bool {
        guard count >= 1, let i = region(holding: unit, count: count) else { return false }
        let bit = Int(unit &- regions[i].origin)
        guard regions[i].firstBit(bit, count, free: true) == nil else { return false }
        regions[i].setRange(bit, count, free: true)
        usedUnits &-= count
        return true
    }

    /// Whether `unit` is managed and taken.
    @inlinable
    func isTaken(_ unit: UInt) -> Bool {
        guard let i = region(holding: unit, count: 1) else { return false }
        return regions[i].firstBit(Int(unit &- regions[i].origin), 1, free: false) != nil
    }
}
#endif
