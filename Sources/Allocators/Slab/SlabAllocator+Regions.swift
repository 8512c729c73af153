#if Slab
extension SlabAllocator where Backing: ~Copyable {
    /// Takes the region's bookkeeping and gives the rest of it to the backing
    /// allocator (all of it, unless the storage is carved). `.invalidParam`
    /// when the allocator already has a region; otherwise as `addMemory`.
    ///
    /// - Complexity: the backing's, plus O(size / slabSize) to clear the
    ///   descriptors and live bits.
    public mutating func initialize(start: UInt, size: Int) throws(AllocError) {
        guard storage.regions.count == 0 else { throw .invalidParam }
        try add(start: start, size: size)
    }

    /// Adds a region: the region rule of `BaseAllocator` (`RegionTable.admit`:
    /// `.invalidParam` for an empty or wrapping region, `.memoryOverlap` for
    /// one meeting a region given before); then `.invalidParam` when carved
    /// bookkeeping does not fit in it, `.noMemory` when a caller's buffer has
    /// no room for it; then the backing allocator's refusals of the rest,
    /// passed on (TLSF: `.noMemory` for a 33rd pool). Nothing changes when
    /// the call throws.
    ///
    /// - Complexity: the backing's, plus O(size / slabSize + regions).
    public mutating func addMemory(start: UInt, size: Int) throws(AllocError) {
        try add(start: start, size: size)
    }

    mutating func add(start: UInt, size: Int) throws(AllocError) {
        let end = try storage.regions.admit(start: start, size: size)
        let first = storage.regions.count == 0
        let table = storage.regions
        let growth: Int? = first ? SlabBookkeeping.initialTableCapacityLog2 : (table.isFull ? table.capacityLog2ForOneMore : nil)
        let layout = SlabBookkeeping(
            start: start, end: end, slabShift: slabShift, tableCapacityLog2: growth,
            fixedTables: first ? (classCount, tableGranules) : nil)
        guard let placement = storage.arena.place(
            byteCount: layout.byteCount, alignment: SlabBookkeeping.alignment, regionStart: start, regionEnd: end)
        else { throw storage.arena.storage.isCarved ? .invalidParam : .noMemory }
        // The backing gets what is left; it refuses a remainder too small.
        let managedSize = Int(bitPattern: end &- placement.managedStart)
        guard managedSize > 0 else { throw .invalidParam }
        if first {
            try backing.initialize(start: placement.managedStart, size: managedSize)
        } else {
            try backing.addMemory(start: placement.managedStart, size: managedSize)
        }
        // Every check passed: take the bookkeeping and lay it out.
        let memory = storage.arena.take(placement)
        memory.bindMemory(to: SlabDescriptor.self, capacity: layout.windows).initialize(repeating: SlabDescriptor(), count: layout.windows)
        let words = (memory + layout.wordsOffset).bindMemory(to: UInt.self, capacity: layout.words)
        words.initialize(repeating: 0, count: layout.words)
        if let capacityLog2 = layout.tableCapacityLog2 {
            if first {
                storage.regions = RegionTable(storage: memory + layout.tableOffset, capacityLog2: capacityLog2)
            } else {
                storage.regions.move(to: memory + layout.tableOffset, capacityLog2: capacityLog2)
            }
        }
        if layout.fixed {
            storage.initializeFixedTables(at: memory + layout.fixedOffset, classes: classCount, granules: tableGranules)
            tableEnd = tableLimit &+ 1
            classLimit = largestClassSize
        }
        storage.regions.insert(SlabRegion(
            start: start, end: end, descriptors: UInt(bitPattern: memory), words: UInt(bitPattern: words), slabShift: slabShift))
        checkInvariants()
    }

    /// Whether `address` lies in a region given (bookkeeping carved from it
    /// included): the region table's lookup, which reads no managed memory.
    ///
    /// - Complexity: O(log regions).
    @inlinable
    public func manages(_ address: UInt) -> Bool { storage.regions.index(containing: address) != nil }

    /// The region holding `address`, or nil: the region at the lowest address
    /// first (its table slot is 0, so one region costs two comparisons),
    /// then the table's binary search.
    ///
    /// - Precondition: the allocator has a region (the class paths run only then).
    /// - Complexity: O(1) in the lowest region, O(log regions) otherwise.
    @inlinable @inline(__always)
    func region(holding address: UInt) -> SlabRegion? {
        let lowest = storage.regions[0]
        if lowest.start <= address && address < lowest.end { return lowest }
        return Self.regionAboveTheLowest(holding: address, in: storage.regions)
    }

    /// The table's search, out of line (only the table is passed, not the
    /// allocator).
    @inlinable @inline(never)
    static func regionAboveTheLowest(holding address: UInt, in regions: RegionTable<SlabRegion>) -> SlabRegion? {
        guard let index = regions.index(containing: address) else { return nil }
        return regions[index]
    }

    /// The descriptor of the window holding `address`, or nil outside the
    /// regions (or before the first region).
    ///
    /// - Complexity: O(1) in the lowest region, O(log regions) otherwise.
    @inlinable
    func descriptor(holding address: UInt) -> UnsafeMutablePointer<SlabDescriptor>? {
        guard storage.regions.count != 0, let region = region(holding: address) else { return nil }
        return region.descriptor(of: address, slabShift: slabShift)
    }
}
#endif
