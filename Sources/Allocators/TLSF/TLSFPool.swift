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

    /// `(first, sentinel)` when the block address `address` is a multiple of
    /// 2^`granularityLog2` inside this pool's blocks (`Kernels.isGranuleInSpan`),
    /// nil otherwise.
    @inlinable @inline(__always)
    func span(ofBlock address: UInt, granularityLog2: UInt) -> (first: UInt, sentinel: UInt)? {
        let granules = (sentinel &- first) &>> granularityLog2
        guard Kernels.isGranuleInSpan(address, base: first, granules: granules, granularityLog2: granularityLog2) else { return nil }
        return (first, sentinel)
    }
}
#endif
