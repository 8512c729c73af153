#if Slab
/// What a slab size and a backing header make of a `SlabAllocator`: the
/// clamped slab shift, the slab block, the classes and the lookup table.
@frozen @usableFromInline
struct SlabConfiguration {
    /// The smallest and largest slab shift: a window holds whole live-bitmap
    /// words (`16 × 64` bytes), and the class sizes, capacities and counts of
    /// a slab of `2^24` bytes fit the descriptor's 32-bit fields.
    @inlinable
    static var shiftRange: ClosedRange<Int> { 10 ... 24 }

    /// Requests up to this size find their class in a table (one entry per
    /// 16 bytes); larger ones compute it.
    @inlinable
    static var tableLimitBytes: UInt { 1024 }

    @usableFromInline let slabShift: UInt
    @usableFromInline let slabBytes: UInt
    @usableFromInline let classCount: Int
    @usableFromInline let largestClassSize: UInt
    @usableFromInline let tableLimit: UInt

    /// Slabs of `2^slabShift` bytes (clamped to `shiftRange`), less a backing
    /// header of `backingHeader` bytes (clamped to `0 ... slabSize / 2`).
    @usableFromInline
    init(slabShift: Int, backingHeader: Int) {
        let shift = UInt(Swift.min(Swift.max(slabShift, Self.shiftRange.lowerBound), Self.shiftRange.upperBound))
        self.slabShift = shift
        let header = UInt(Swift.min(Swift.max(backingHeader, 0), 1 << (Int(shift) - 1)))
        slabBytes = Kernels.slabBlockBytes(slabShift: shift, headerBytes: header)
        classCount = SlabClasses.classCount(slabBytes: slabBytes)
        largestClassSize = Kernels.slabClassSize(index: UInt(classCount - 1))
        tableLimit = Swift.min(largestClassSize, Self.tableLimitBytes)
    }

    /// Granules (entries) of the class lookup table.
    @inlinable
    var tableGranules: Int { Int(bitPattern: Kernels.slabRequestGranule(byteCount: tableLimit)) + 1 }
}
#endif
