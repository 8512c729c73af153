#if Buddy
/// One region given to a `BuddyByteAllocator`, with its per-order bitmaps.
///
/// ```
///  bits: | freeOffset[0 ..< W] | usedOffset[0 ..< W] | free bits, order minOrder | used bits, ... |
///         word offsets of each order's bitmap        (orders minOrder ... maxOrder only)
/// ```
/// Bit `Kernels.buddyBitIndex(block, order, base)` of order `order` tells
/// whether that block is free (free bitmap) or live (used bitmap). A block
/// position has at most one bit set over all orders and both bitmaps.
@usableFromInline
struct BuddyRegion: AddressRegion {
    /// The region as given (overlap checks).
    @usableFromInline var start: UInt
    @usableFromInline var end: UInt
    /// The part blocks occupy: `start` and `end` rounded in to the minimum block.
    @usableFromInline var base: UInt
    @usableFromInline var limit: UInt
    /// The largest order a block of this region can have.
    @usableFromInline var maxOrder: UInt
    /// Bitmap storage, owned by the allocator.
    @usableFromInline var bits: UnsafeMutablePointer<UInt>

    @usableFromInline static var wordShift: UInt { UInt(UInt.bitWidth.trailingZeroBitCount) }

    @inlinable @inline(__always)
    func words(_ order: UInt, used: Bool) -> UnsafeMutablePointer<UInt> {
        bits + Int(bits[Int(order) + (used ? UInt.bitWidth : 0)])
    }

    /// Whether the order-`order` block at `block` has its free (or used) bit set.
    ///
    /// - Precondition: the block lies inside `base ..< limit`.
    @inlinable @inline(__always)
    func test(_ block: UInt, order: UInt, used: Bool) -> Bool {
        let index = Kernels.buddyBitIndex(block, order: order, base: base)
        let word = words(order, used: used)[Int(index &>> Self.wordShift)]
        return word & Kernels.bit(index & UInt(UInt.bitWidth - 1)) != 0
    }

    /// Sets the free (or used) bit of a block.
    @inlinable @inline(__always)
    func set(_ block: UInt, order: UInt, used: Bool) {
        let index = Kernels.buddyBitIndex(block, order: order, base: base)
        words(order, used: used)[Int(index &>> Self.wordShift)] |= Kernels.bit(index & UInt(UInt.bitWidth - 1))
    }

    /// Clears the free (or used) bit of a block.
    @inlinable @inline(__always)
    func clear(_ block: UInt, order: UInt, used: Bool) {
        let index = Kernels.buddyBitIndex(block, order: order, base: base)
        words(order, used: used)[Int(index &>> Self.wordShift)] &= ~Kernels.bit(index & UInt(UInt.bitWidth - 1))
    }

    /// Words of one order's bitmap for blocks in `base ..< limit`.
    static func wordCount(base: UInt, limit: UInt, order: UInt) -> Int {
        let count = Kernels.buddyBitCount(base: base, end: limit, order: order)
        return Int((count &+ UInt(UInt.bitWidth - 1)) &>> wordShift)
    }

    /// Allocates zeroed bitmaps for orders `minOrder ... maxOrder`.
    init(start: UInt, end: UInt, base: UInt, limit: UInt, minOrder: UInt) {
        let maxOrder = Kernels.floorLog2(limit &- base)
        let header = 2 * UInt.bitWidth
        var total = header
        for order in minOrder ... maxOrder { total += 2 * Self.wordCount(base: base, limit: limit, order: order) }
        let bits = UnsafeMutablePointer<UInt>.allocate(capacity: total)
        bits.initialize(repeating: 0, count: total)
        var offset = header
        for order in minOrder ... maxOrder {
            let count = Self.wordCount(base: base, limit: limit, order: order)
            bits[Int(order)] = UInt(offset)
            bits[Int(order) + UInt.bitWidth] = UInt(offset + count)
            offset += 2 * count
        }
        self.start = start
        self.end = end
        self.base = base
        self.limit = limit
        self.maxOrder = maxOrder
        self.bits = bits
    }
}
#endif
