#if Slab
extension SlabAllocator where Backing: ~Copyable {
    /// Gives the backing allocator its first region, and records it.
    ///
    /// - Complexity: the backing's, plus O(size / slabSize) for the descriptors.
    public mutating func initialize(start: UInt, size: Int) throws(AllocError) {
        try add(start: start, size: size, first: true)
    }

    /// Gives the backing allocator another region, and records it.
    /// `.memoryOverlap` when it overlaps a region given before; the backing
    /// allocator's refusals are passed on; nothing changes then.
    ///
    /// - Complexity: the backing's, plus O(size / slabSize + descriptors)
    ///   to grow the descriptor storage and live bitmap.
    public mutating func addMemory(start: UInt, size: Int) throws(AllocError) {
        try add(start: start, size: size, first: regionCount == 0)
    }

    mutating func add(start: UInt, size: Int, first: Bool) throws(AllocError) {
        guard let end = regionEnd(start: start, size: size) else { throw .invalidParam }
        if SortedRegions.overlaps(regions, count: regionCount, start: start, end: end) { throw .memoryOverlap }
        let region = SlabRegion(start: start, end: end, firstDescriptor: descriptorCount, slabShift: slabShift)
        // Descriptor indices are stored in 32 bits.
        guard Int32(exactly: descriptorCount + region.windows(slabShift: slabShift)) != nil else { throw .invalidParam }
        if first { try backing.initialize(start: start, size: size) } else { try backing.addMemory(start: start, size: size) }
        if regionCount == 0 { home = region }
        insert(region)
        growDescriptors(by: region.windows(slabShift: slabShift))
    }

    /// Descriptors (and live bits) for `count` more windows, so that no
    /// allocation ever grows storage.
    mutating func growDescriptors(by count: Int) {
        let total = descriptorCount + count
        let grown = SlabStorage.allocateDescriptors(total)
        grown.moveInitialize(from: slabs, count: descriptorCount)
        (grown + descriptorCount).initialize(repeating: SlabDescriptor(), count: count)
        UnsafeMutableRawPointer(slabs).deallocate()
        slabs = grown
        let words = bitmapWords(descriptors: descriptorCount), grownWords = bitmapWords(descriptors: total)
        let grownBits = UnsafeMutablePointer<UInt>.allocate(capacity: Swift.max(grownWords, 1))
        grownBits.moveInitialize(from: bitmaps, count: words)
        (grownBits + words).initialize(repeating: 0, count: grownWords - words)
        bitmaps.deallocate()
        bitmaps = grownBits
        descriptorCount = total
    }

    mutating func insert(_ region: SlabRegion) {
        SortedRegions.insert(region, into: &storage.regions, count: &storage.regionCount, capacity: &regionCapacity)
    }

    /// Whether `address` lies in a region given.
    ///
    /// - Complexity: O(log regions).
    public func manages(_ address: UInt) -> Bool { regionIndex(containing: address) != nil }

    /// The region holding `address`, or nil.
    ///
    /// - Complexity: O(1) with one region, O(log regions) otherwise.
    @inlinable @inline(__always)
    func regionIndex(containing address: UInt) -> Int? {
        SortedRegions.index(containing: address, in: regions, count: regionCount)
    }

    /// The descriptor of the window holding `address`, or nil outside the regions.
    ///
    /// - Complexity: O(1) in the first region given, O(log regions) otherwise.
    @inlinable @inline(__always)
    func descriptorIndex(containing address: UInt) -> Int? {
        lookup(address)?.slab
    }

    /// The descriptor of the window holding `address` and its region's
    /// live-bit bias, or nil outside the regions.
    ///
    /// - Complexity: O(1) in the first region given, O(log regions) otherwise.
    @inlinable @inline(__always)
    func lookup(_ address: UInt) -> (slab: Int, bitBias: UInt)? {
        if home.start <= address && address < home.end { return (home.descriptor(address, slabShift: slabShift), home.bitBias) }
        return lookupInOtherRegions(address)
    }

    @usableFromInline @inline(never)
    func lookupInOtherRegions(_ address: UInt) -> (slab: Int, bitBias: UInt)? {
        guard let region = regionIndex(containing: address) else { return nil }
        return (regions[region].descriptor(address, slabShift: slabShift), regions[region].bitBias)
    }
}
#endif
