#if TLSF
/// One pool of a `TLSFAllocator`, as its region table keeps it: the region
/// as given (`start ..< end`, for the overlap rule and the lookup) and the
/// span its blocks tile, `first ..< sentinel` (`Kernels.tlsfPoolLayout`).
///
/// The table lives in the control structure, after the list heads, so the
/// allocator needs no memory beyond the regions it is given.
@frozen @usableFromInline
struct TLSFPool: RegionEntry {
    @usableFromInline var start: UInt
    @usableFromInline var end: UInt
    /// The pool's first block.
    @usableFromInline var first: UInt
    /// The pool's sentinel: a used block no merge passes, 2G bytes before the
    /// region's end (rounded down to G).
    @usableFromInline var sentinel: UInt

    @inlinable
    init(start: UInt, end: UInt, first: UInt, sentinel: UInt) {
        self.start = start
        self.end = end
        self.first = first
        self.sentinel = sentinel
    }

    @inlinable
    static var padding: TLSFPool { TLSFPool(start: .max, end: .max, first: .max, sentinel: .max) }

    /// The first block and the sentinel of the pool whose blocks hold the
    /// block address `address` (aligned to 2^`granularityLog2`), found in the
    /// region table at `control + tableOffset` of 2^`capacityLog2` slots (the
    /// control structure's); nil otherwise, and nil before `initialize`
    /// (`control` 0). Out of line and not generic, so the allocator's hot
    /// paths carry only a call, with arguments they hold in registers
    /// already; the search is straight-line code (no loop) over the padded
    /// slots, so it needs no count: a padding slot contains no address.
    ///
    /// - Complexity: O(1): at most `RegionTable.unrolledDepth` halvings.
    @usableFromInline @inline(never)
    static func span(
        ofBlock address: UInt, control: UInt, tableOffset: UInt, capacityLog2: Int, granularityLog2: UInt
    ) -> (first: UInt, sentinel: UInt)? {
        guard control != 0 else { return nil }
        let slots = UnsafeMutablePointer<TLSFPool>(bitPattern: control &+ tableOffset).unsafelyUnwrapped
        guard let index = RegionTable.indexWithoutLoop(containing: address, slots: slots, capacityLog2: capacityLog2) else { return nil }
        let pool = slots[index]
        let granules = (pool.sentinel &- pool.first) &>> granularityLog2
        guard Kernels.isGranuleInSpan(address, base: pool.first, granules: granules, granularityLog2: granularityLog2) else { return nil }
        return (pool.first, pool.sentinel)
    }
}
#endif
