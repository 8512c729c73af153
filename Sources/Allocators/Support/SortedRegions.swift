// TEMPORARY: the buddy and slab allocators move to Core/RegionTable.swift; this file goes with them.
/// A region of address space, `start ..< end`, as a region table sorts it.
@usableFromInline
protocol AddressRegion {
    var start: UInt { get }
    var end: UInt { get }
}

/// A growable table of disjoint regions sorted by start address, stored by
/// its owner as a pointer, a count and a capacity (so the owner's `deinit`
/// frees it): the region bookkeeping shared by the allocators that manage
/// several regions (buddy, slab).
@usableFromInline
enum SortedRegions {
    /// Whether `start ..< end` overlaps a region of the table.
    ///
    /// - Complexity: O(count).
    @usableFromInline
    static func overlaps<Region: AddressRegion>(
        _ regions: UnsafeMutablePointer<Region>, count: Int, start: UInt, end: UInt
    ) -> Bool {
        for index in 0 ..< count where regions[index].start < end && start < regions[index].end { return true }
        return false
    }

    /// Inserts `region`, keeping the table sorted; doubles the storage when full.
    ///
    /// - Complexity: O(count).
    @usableFromInline
    static func insert<Region: AddressRegion>(
        _ region: Region, into regions: inout UnsafeMutablePointer<Region>, count: inout Int, capacity: inout Int
    ) {
        if count == capacity {
            let grownCapacity = Swift.max(4, 2 * capacity)
            let grown = UnsafeMutablePointer<Region>.allocate(capacity: grownCapacity)
            grown.moveInitialize(from: regions, count: count)
            regions.deallocate()
            regions = grown
            capacity = grownCapacity
        }
        var index = count
        while index > 0, regions[index - 1].start > region.start {
            (regions + index).moveInitialize(from: regions + index - 1, count: 1)
            index -= 1
        }
        (regions + index).initialize(to: region)
        count += 1
    }

    /// The index of the region with `start <= address < end`, or nil.
    ///
    /// - Complexity: O(1) with one region, O(log count) otherwise.
    @inlinable @inline(__always)
    static func index<Region: AddressRegion>(
        containing address: UInt, in regions: UnsafeMutablePointer<Region>, count: Int
    ) -> Int? {
        if count == 1 { return regions[0].start <= address && address < regions[0].end ? 0 : nil }
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if regions[middle].start <= address { low = middle + 1 } else { high = middle }
        }
        guard low > 0, address < regions[low - 1].end else { return nil }
        return low - 1
    }
}
