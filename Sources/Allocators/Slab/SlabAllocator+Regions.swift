#if Slab
extension SlabAllocator where Backing: ~Copyable {
    /// Gives the backing allocator its first region, and records it.
    ///
    /// - Complexity: the backing's, plus O(size / slabSize) for the slab table.
    public mutating func initialize(start: UInt, size: Int) throws(AllocError) {
        try add(start: start, size: size, first: true)
    }

    /// Gives the backing allocator another region, and records it.
    /// `.memoryOverlap` when it overlaps a region given before; the backing
    /// allocator's refusals are passed on; nothing changes then.
    ///
    /// - Complexity: the backing's, plus O(size / slabSize + descriptors)
    ///   to grow the slab table and descriptor storage.
    public mutating func addMemory(start: UInt, size: Int) throws(AllocError) {
        try add(start: start, size: size, first: regionCount == 0)
    }

    mutating func add(start: UInt, size: Int, first: Bool) throws(AllocError) {
        guard size > 0 else { throw .invalidParam }
        let (end, wrapped) = start.addingReportingOverflow(UInt(size))
        guard !wrapped else { throw .invalidParam }
        if SortedRegions.overlaps(regions, count: regionCount, start: start, end: end) { throw .memoryOverlap }
        if first { try backing.initialize(start: start, size: size) } else { try backing.addMemory(start: start, size: size) }
        insert(SlabRegion(start: start, end: end, slabShift: slabShift))
        growDescriptors(by: Int(UInt(size) &>> slabShift) + 1)
    }

    /// Room for `count` more descriptors (and their bitmaps), so that no
    /// allocation ever grows storage: every slab of the new region has one.
    mutating func growDescriptors(by count: Int) {
        let capacity = descriptorCapacity + count
        let grown = UnsafeMutablePointer<SlabDescriptor>.allocate(capacity: capacity)
        grown.moveInitialize(from: slabs, count: descriptorCount)
        slabs.deallocate()
        slabs = grown
        let words = bitmapWords
        let grownBits = UnsafeMutablePointer<UInt>.allocate(capacity: capacity * words)
        grownBits.moveInitialize(from: bitmaps, count: descriptorCapacity * words)
        (grownBits + descriptorCapacity * words).initialize(repeating: 0, count: count * words)
        bitmaps.deallocate()
        bitmaps = grownBits
        descriptorCapacity = capacity
    }

    mutating func insert(_ region: SlabRegion) {
        SortedRegions.insert(region, into: &storage.regions, count: &storage.regionCount, capacity: &regionCapacity)
    }

    /// The region holding `address`, or nil.
    ///
    /// - Complexity: O(1) with one region, O(log regions) otherwise.
    @inlinable @inline(__always)
    func regionIndex(containing address: UInt) -> Int? {
        SortedRegions.index(containing: address, in: regions, count: regionCount)
    }
}
#endif
