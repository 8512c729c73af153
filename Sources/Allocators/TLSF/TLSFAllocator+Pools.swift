#if TLSF
// Pools: the regions the allocator manages.
//
// A region given to `initialize` starts with the control structure; every
// pool (the rest of that region, or a region given to `addMemory`) is laid
// out by `Kernels.tlsfPoolLayout`:
//
//     region ─▶ ┌─────────┬──────────────────────────────────────┬──────────┬────┐
//               │ (align) │ one free block, first ... sentinel   │ sentinel │    │
//               └─────────┴──────────────────────────────────────┴──────────┴────┘
//                         ▲ first (G-aligned)                     ▲ 2G bytes: header,
//                                                                   first block, next pool

extension TLSFAllocator: BaseAllocator {
    /// Places the control structure at the start of the region and makes the
    /// rest of it the first pool.
    ///
    /// Throws `.invalidParam` when the region cannot hold the control
    /// structure (`controlBytes`) and a minimum pool, or wraps, or when the
    /// allocator is already initialized (`.memoryOverlap` if the region
    /// overlaps the memory it manages).
    ///
    /// - Complexity: O(first-level count), to clear the control structure.
    @inlinable
    public mutating func initialize(start: UInt, size: Int) throws(AllocError) {
        guard control == 0 else {
            let overlaps = size >= 0 && overlapsManagedMemory(lower: start, upper: start &+ UInt(bitPattern: size))
            throw overlaps ? .memoryOverlap : .invalidParam
        }
        guard let range = Self.initialRegionLayout(start: start, size: size) else { throw .invalidParam }
        let words = UnsafeMutablePointer<UInt>(bitPattern: range.control).unsafelyUnwrapped
        words.initialize(repeating: 0, count: Self.controlBytes / MemoryLayout<UInt>.size)
        control = range.control
        initialRegionStart = start
        addPool(
            first: range.first, sentinel: range.sentinel,
            regionStart: range.control &+ UInt(bitPattern: Self.controlBytes), regionEnd: start &+ UInt(bitPattern: size))
    }

    /// Adds a pool: the region minus alignment slack and a 2G-byte sentinel.
    ///
    /// Throws `.memoryOverlap` when the region overlaps one given before,
    /// else `.invalidParam` for a region too small for a minimum block and
    /// the sentinel (or wrapping, or before `initialize`).
    ///
    /// - Complexity: O(pools).
    @inlinable
    public mutating func addMemory(start: UInt, size: Int) throws(AllocError) {
        guard control != 0, size >= 0, start <= ~UInt(bitPattern: size) else { throw .invalidParam }
        let end = start &+ UInt(bitPattern: size)
        if overlapsManagedMemory(lower: start, upper: end) { throw .memoryOverlap }
        guard let layout = Self.usableRange(start: start, size: size) else { throw .invalidParam }
        addPool(first: layout.lower, sentinel: layout.upper, regionStart: start, regionEnd: end)
    }

    /// Whether `lower ..< upper` meets a region given to `initialize` or
    /// `addMemory`. Each sentinel records how far its region reaches beyond
    /// the pool's blocks (less than G at either end).
    @inlinable
    func overlapsManagedMemory(lower: UInt, upper: UInt) -> Bool {
        let controlEnd = control &+ UInt(bitPattern: Self.controlBytes)
        if lower < controlEnd && initialRegionStart < upper { return true }
        var sentinel = lastPoolSentinel
        while sentinel != 0 {
            let pool = TLSFBlock(sentinel)
            let slack = pool.sizeAndFlags &>> TLSFBlock.slackShift
            let poolLower = pool.nextFree &- (slack & TLSFBlock.slackMask)
            let poolUpper = sentinel &+ UInt(bitPattern: Self.minimumBlockSize) &+ (slack &>> TLSFBlock.slackBits)
            if lower < poolUpper && poolLower < upper { return true }
            sentinel = pool.previousFree
        }
        return false
    }

    /// Writes a pool of one free block `first ..< sentinel` and its sentinel,
    /// for the region `regionStart ..< regionEnd`.
    @inlinable
    mutating func addPool(first: UInt, sentinel: UInt, regionStart: UInt, regionEnd: UInt) {
        let block = TLSFBlock(first), end = TLSFBlock(sentinel)
        let startSlack = first &- regionStart
        let endSlack = regionEnd &- sentinel &- UInt(bitPattern: Self.minimumBlockSize)
        block.previousPhysical = 0
        block.sizeAndFlags = (sentinel &- first) | TLSFBlock.freeBit
        end.previousPhysical = first
        end.sizeAndFlags = TLSFBlock.sentinelBit | TLSFBlock.previousFreeBit
            | ((startSlack | (endSlack &<< TLSFBlock.slackBits)) &<< TLSFBlock.slackShift)
        end.nextFree = first  // the pool's first block
        end.previousFree = lastPoolSentinel  // the pool added before
        lastPoolSentinel = sentinel
        lowestAddress = min(lowestAddress, first)
        highestAddress = max(highestAddress, sentinel)
        managedBytes &+= Int(bitPattern: sentinel &- first)
        insertFree(block, size: sentinel &- first)
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
