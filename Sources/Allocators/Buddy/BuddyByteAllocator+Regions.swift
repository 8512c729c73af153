#if Buddy
extension BuddyByteAllocator {
    /// Makes `start ..< start + size` the first region; same as `addMemory`.
    ///
    /// - Complexity: as `addMemory`.
    public mutating func initialize(start: UInt, size: Int) throws(AllocError) {
        try addMemory(start: start, size: size)
    }

    /// Adds `start ..< start + size`, at any alignment: its bookkeeping goes
    /// to the allocator's storage (carved from the region's start by
    /// default), and the rest, rounded in to the minimum block, is split into
    /// maximal blocks aligned to their own size (`Kernels.buddySplitOrder`),
    /// which never merge with other regions.
    ///
    /// Throws by the region rule of `BaseAllocator`: `.invalidParam` for an
    /// empty, negative or wrapping region, `.memoryOverlap` for one that meets
    /// a region given, `.invalidParam` for one that holds no minimum block
    /// (after its carved bookkeeping), `.noMemory` when a caller-provided
    /// buffer cannot hold its bookkeeping. Nothing changes then.
    ///
    /// - Complexity: O(regions + size / minimumBlockSize / wordBits) to
    ///   clear the block states, and O(orders) blocks pushed.
    public mutating func addMemory(start: UInt, size: Int) throws(AllocError) {
        let end = try regions.admit(start: start, size: size)
        let first = sentinels == 0
        let tableBytes = regions.isFull ? RegionTable<BuddyRegion>.bytes(capacityLog2: regions.capacityLog2ForOneMore) : 0
        let fixedBytes = (first ? Self.freeListBytes : 0) &+ tableBytes
        let plan = try Self.planRegion(start: start, end: end, fixedBytes: fixedBytes, in: arena)

        // Every check passed: from here on nothing fails.
        var storage = arena.take(plan.placement)
        bookkeepingBytesTaken &+= plan.placement.byteCount
        if first {
            sentinels = Self.initializeSentinels(at: storage)
            storage += Self.freeListBytes
        }
        if tableBytes > 0 {
            regions.move(to: storage, capacityLog2: regions.capacityLog2ForOneMore)
            storage += tableBytes
        }
        let states = Self.initializeStates(at: storage, base: plan.base, limit: plan.limit)
        let region = BuddyRegion(
            start: start, end: end, base: plan.base, limit: plan.limit, maxOrder: states.maxOrder, orderTable: states.orderTable)
        regions.insert(region)
        managedBytes &+= Int(bitPattern: plan.limit &- plan.base)
        var cursor = plan.base
        let top = UInt(UInt.bitWidth - 1)
        while cursor < plan.limit {
            let order = Kernels.buddySplitOrder(start: cursor, end: plan.limit, maxOrder: top)
            push(cursor, order: order)
            region.slot(cursor, order: order).uncheckedChange(from: BuddyStateSlot.none, to: BuddyStateSlot.free)
            cursor = Kernels.buddySplitNext(start: cursor, end: plan.limit, maxOrder: top)
        }
        checkInvariants()
    }

    /// Whether `address` lies in a region given (its carved bookkeeping
    /// included).
    ///
    /// - Complexity: O(log regions), reading only the region table.
    public func manages(_ address: UInt) -> Bool { regions.index(containing: address) != nil }

    /// The region whose blocks' span holds `address`, or nil: the region
    /// table's lookup, then the span (carved bookkeeping holds no block).
    ///
    /// - Complexity: O(log regions), reading only the region table.
    @inlinable @inline(__always)
    func region(holding address: UInt) -> BuddyRegion? { Self.region(holding: address, in: regions) }

    /// `region(holding:)` over `regions`.
    @inlinable @inline(__always)
    static func region(holding address: UInt, in regions: RegionTable<BuddyRegion>) -> BuddyRegion? {
        guard let region = candidateRegion(for: address, in: regions) else { return nil }
        return region.holdsBlockAddress(address) ? region : nil
    }

    /// The only region whose span can hold `address`, or nil: with one
    /// region, that region (its span, checked by the caller, lies inside
    /// it); otherwise the table's search, the region containing `address`.
    /// The caller checks the span before it reads anything of the block.
    ///
    /// - Complexity: O(log regions), reading only the region table.
    @inlinable @inline(__always)
    static func candidateRegion(for address: UInt, in regions: RegionTable<BuddyRegion>) -> BuddyRegion? {
        guard let index = candidateIndex(for: address, in: regions) else { return nil }
        return regions[index]
    }

    /// The table index of `candidateRegion(for:in:)`.
    @inlinable @inline(__always)
    static func candidateIndex(for address: UInt, in regions: RegionTable<BuddyRegion>) -> Int? {
        if _fastPath(regions.count == 1) { return 0 }
        return regions.index(containing: address)
    }
}
#endif
