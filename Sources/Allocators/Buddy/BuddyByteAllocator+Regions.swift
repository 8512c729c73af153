#if Buddy
extension BuddyByteAllocator {
    /// Makes `start ..< start + size` the first region; same as `addMemory`.
    ///
    /// - Complexity: O(regions + size / minimumBlockSize / wordBits) for the
    ///   bitmaps, O(orders) blocks pushed.
    public mutating func initialize(start: UInt, size: Int) throws(AllocError) {
        try addMemory(start: start, size: size)
    }

    /// Adds `start ..< start + size`, at any alignment: its minimum-block
    /// aligned part is split into maximal blocks aligned to their own size
    /// (`Kernels.buddySplitOrder`), which never merge with other regions.
    ///
    /// Throws `.invalidParam` for an empty or wrapping region or one holding
    /// no aligned minimum block, `.memoryOverlap` when it overlaps a region
    /// already given; nothing changes then.
    ///
    /// - Complexity: O(regions + size / minimumBlockSize / wordBits) for the
    ///   bitmaps, and O(orders) blocks pushed.
    public mutating func addMemory(start: UInt, size: Int) throws(AllocError) {
        guard let end = regionEnd(start: start, size: size) else { throw .invalidParam }
        if SortedRegions.overlaps(regions, count: regionCount, start: start, end: end) { throw .memoryOverlap }
        guard let usable = Self.usableRange(start: start, size: size) else { throw .invalidParam }
        let region = BuddyRegion(start: start, end: end, base: usable.lower, limit: usable.upper, minOrder: Self.minOrder)
        insert(region)
        managedBytes += Int(usable.upper - usable.lower)
        var cursor = usable.lower
        let top = UInt(UInt.bitWidth - 1)
        while cursor < usable.upper {
            let order = Kernels.buddySplitOrder(start: cursor, end: usable.upper, maxOrder: top)
            push(cursor, order: order)
            region.set(cursor, order: order, used: false)
            cursor = Kernels.buddySplitNext(start: cursor, end: usable.upper, maxOrder: top)
        }
    }

    /// The part of a region blocks can occupy: its ends rounded in to the
    /// minimum block; nil when no minimum block fits (or the region wraps).
    public static func usableRange(start: UInt, size: Int) -> (lower: UInt, upper: UInt)? {
        guard let end = regionEnd(start: start, size: size) else { return nil }
        let minimum = UInt(minimumBlockSize)
        let lower = Kernels.alignUp(start, to: minimum)
        guard !lower.overflow else { return nil }
        let upper = Kernels.alignDown(end, to: minimum)
        guard lower.value < upper else { return nil }
        return (lower.value, upper)
    }

    /// Whether `address` lies in a region given.
    ///
    /// - Complexity: O(log regions).
    public func manages(_ address: UInt) -> Bool {
        SortedRegions.index(containing: address, in: regions, count: regionCount) != nil
    }

    /// Inserts a region keeping the table sorted by address.
    mutating func insert(_ region: BuddyRegion) {
        SortedRegions.insert(region, into: &regions, count: &regionCount, capacity: &regionCapacity)
    }

    /// The index of the region whose blocks contain `address`, or nil.
    ///
    /// - Complexity: O(1) with one region, O(log regions) otherwise.
    @inlinable @inline(__always)
    func regionIndex(containing address: UInt) -> Int? {
        guard let index = SortedRegions.index(containing: address, in: regions, count: regionCount),
              regions[index].base <= address, address < regions[index].limit else { return nil }
        return index
    }
}
#endif
