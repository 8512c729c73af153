#if TLSF
// Pools: the regions the allocator manages.
//
// A region given to `initialize` starts with the control structure (bitmaps,
// list heads, the region table); every pool (the rest of that region, or a
// region given to `addMemory`) is laid out by `Kernels.tlsfPoolLayout`:
//
//     region ─▶ ┌─────────┬──────────────────────────────────────┬──────────┬────┐
//               │ (align) │ one free block, first ... sentinel   │ sentinel │    │
//               └─────────┴──────────────────────────────────────┴──────────┴────┘
//                         ▲ first (G-aligned)                     ▲ 2G bytes: a used
//                                                                   block no merge passes

extension TLSFAllocator: BaseAllocator {
    /// Places the control structure at the start of the region and makes the
    /// rest of it the first pool.
    ///
    /// Throws by the region rule of `BaseAllocator`: `.invalidParam` for an
    /// empty, negative or wrapping region, `.memoryOverlap` for one that meets
    /// a pool (the allocator is initialized already), then `.invalidParam`
    /// when the allocator is initialized already or the region cannot hold the
    /// control structure (`controlBytes`) and a minimum pool.
    ///
    /// - Complexity: O(first-level count), to clear the control structure.
    @inlinable
    public mutating func initialize(start: UInt, size: Int) throws(AllocError) {
        let end = try pools.admit(start: start, size: size)
        guard control == 0, let range = Self.initialRegionLayout(start: start, size: size) else { throw .invalidParam }
        let words = UnsafeMutablePointer<UInt>(bitPattern: range.control).unsafelyUnwrapped
        words.initialize(repeating: 0, count: Self.listControlBytes / MemoryLayout<UInt>.size)
        control = range.control
        pools = RegionTable(
            storage: UnsafeMutableRawPointer(bitPattern: range.control &+ UInt(bitPattern: Self.listControlBytes)).unsafelyUnwrapped,
            capacityLog2: Configuration.regionCapacityLog2)
        addPool(TLSFPool(start: start, end: end, first: range.first, sentinel: range.sentinel))
        checkInvariants()
    }

    /// Adds a pool: the region minus alignment slack and a 2G-byte sentinel.
    /// On an allocator with no memory yet, it is `initialize`.
    ///
    /// Throws by the region rule of `BaseAllocator`: `.invalidParam` for an
    /// empty, negative or wrapping region, `.memoryOverlap` for one that meets
    /// a pool, `.invalidParam` for one too small for a minimum block and the
    /// sentinel, and `.noMemory` when the region table is full
    /// (`maximumPoolCount`). Nothing changes then.
    ///
    /// - Complexity: O(pools).
    @inlinable
    public mutating func addMemory(start: UInt, size: Int) throws(AllocError) {
        guard control != 0 else { return try initialize(start: start, size: size) }
        let end = try pools.admit(start: start, size: size)
        guard let layout = Self.usableRange(start: start, size: size) else { throw .invalidParam }
        guard !pools.isFull else { throw .noMemory }
        addPool(TLSFPool(start: start, end: end, first: layout.lower, sentinel: layout.upper))
        checkInvariants()
    }

    /// Whether `address` lies in a region given to `initialize` (the control
    /// structure included) or `addMemory`.
    ///
    /// - Complexity: O(log pools).
    @inlinable
    public func manages(_ address: UInt) -> Bool { pools.index(containing: address) != nil }

    /// Writes a pool of one free block `first ..< sentinel` and its sentinel,
    /// and records it in the region table.
    @inlinable
    mutating func addPool(_ pool: TLSFPool) {
        let block = TLSFBlock(pool.first), end = TLSFBlock(pool.sentinel)
        let size = pool.sentinel &- pool.first
        block.previousPhysical = 0
        block.sizeAndFlags = size | TLSFBlock.freeBit
        end.previousPhysical = pool.first
        end.sizeAndFlags = TLSFBlock.sentinelBit | TLSFBlock.previousFreeBit
        pools.insert(pool)
        if size > fastSentinel &- fastFirst {
            // The largest pool is checked first (`poolSpan`).
            fastFirst = pool.first
            fastSentinel = pool.sentinel
            fastGranules = size &>> Self.granularityLog2
        }
        managedBytes &+= Int(bitPattern: size)
        insertFree(block, size: size)
    }
}

// MARK: Geometry, for the reference model

extension TLSFAllocator {
    /// The control structure and the first pool of a region given to
    /// `initialize`; nil when it is too small or wraps.
    @inlinable
    public static func initialRegionLayout(start: UInt, size: Int) -> (control: UInt, first: UInt, sentinel: UInt)? {
        guard regionEnd(start: start, size: size) != nil else { return nil }
        let granule = UInt(bitPattern: granularity)
        guard !Kernels.alignUpOverflows(start, to: granule) else { return nil }
        let control = Kernels.alignUpUnchecked(start, to: granule)
        let skipped = (control &- start) &+ UInt(bitPattern: controlBytes)
        guard UInt(bitPattern: size) > skipped else { return nil }
        let pool = Kernels.tlsfPoolLayout(
            start: control &+ UInt(bitPattern: controlBytes), size: UInt(bitPattern: size) &- skipped,
            granularityLog2: granularityLog2)
        guard !pool.invalid else { return nil }
        return (control, pool.first, pool.sentinel)
    }

    /// The addresses blocks can occupy in a region given to `addMemory`
    /// (`initialize`: pass `first`/`sentinel` of `initialRegionLayout`):
    /// from the first block to the sentinel. Nil when the region is too small.
    @inlinable
    public static func usableRange(start: UInt, size: Int) -> (lower: UInt, upper: UInt)? {
        guard size >= 0 else { return nil }
        let pool = Kernels.tlsfPoolLayout(start: start, size: UInt(bitPattern: size), granularityLog2: granularityLog2)
        return pool.invalid ? nil : (pool.first, pool.sentinel)
    }

    /// The addresses blocks can occupy in a region given to `initialize`.
    @inlinable
    public static func initialUsableRange(start: UInt, size: Int) -> (lower: UInt, upper: UInt)? {
        initialRegionLayout(start: start, size: size).map { ($0.first, $0.sentinel) }
    }

    /// The most address space a live block of `byteCount` bytes at `pointer`
    /// can cover: its header, the request rounded to G and an unsplit remainder.
    @inlinable
    public static func liveExtent(pointer: UInt, byteCount: Int, alignment: Int) -> (lower: UInt, upper: UInt) {
        let size = Kernels.tlsfMaxLiveBlockSize(
            UInt(bitPattern: byteCount), secondLevelLog2: secondLevelLog2, granularityLog2: granularityLog2)
        let lower = pointer &- UInt(bitPattern: granularity)
        return (lower, lower &+ size)
    }

    /// A free gap of this many bytes guarantees the request succeeds; nil when
    /// the request is `.invalidParam`.
    @inlinable
    public static func requiredGap(byteCount: Int, alignment: Int) -> UInt? {
        guard byteCount >= 0, alignment > 0, Kernels.isPowerOfTwo(UInt(bitPattern: alignment)) else { return nil }
        let gap = Kernels.tlsfRequiredGap(
            byteCount: UInt(bitPattern: byteCount), alignment: UInt(bitPattern: alignment),
            secondLevelLog2: secondLevelLog2, granularityLog2: granularityLog2)
        return gap.invalid ? nil : gap.value
    }

    /// The per-block overhead bound of the statistics contract: a live block
    /// of `byteCount` bytes adds at most this to `usedBytes` beyond
    /// `byteCount` (header, rounding to G, an unsplit remainder).
    /// Alignment adds nothing: its gap returns to the free lists.
    @inlinable
    public static func overheadBound(byteCount: Int, alignment: Int) -> Int {
        let size = Kernels.tlsfMaxLiveBlockSize(
            UInt(bitPattern: byteCount), secondLevelLog2: secondLevelLog2, granularityLog2: granularityLog2)
        return Int(truncatingIfNeeded: size &- UInt(bitPattern: byteCount))
    }
}
#endif
