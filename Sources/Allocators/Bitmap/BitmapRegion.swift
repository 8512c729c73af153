#if Bitmap
/// One contiguous range of units (pages or IDs) of a `HierarchicalBitmap`:
/// its leaf words, one bit per unit (1 = free), and a run tree over them.
///
/// Bit 0 is the unit `origin`, a multiple of the word width, so a unit's
/// alignment is its bit's alignment within a word for every alignment up to
/// the width. Bits of the first and last words outside `start ..< end` are
/// padding and stay 0 (taken) forever.
///
/// ```
/// origin            start                                  end
///   |  padding (0)   |   managed units (1 free, 0 taken)    |  padding (0)  |
///   [ word 0              ][ word 1 ] ...            [ last word           ]
/// ```
@usableFromInline
struct BitmapRegion {
    @usableFromInline let origin: UInt
    @usableFromInline let start: UInt
    @usableFromInline let end: UInt
    @usableFromInline let wordCount: Int
    @usableFromInline let leaves: UnsafeMutablePointer<UInt>
    /// The free runs of the leaf words, summarized per subtree.
    @usableFromInline let tree: RunTree
    @usableFromInline var freeUnits: Int

    @usableFromInline static var width: UInt { UInt(UInt.bitWidth) }

    /// The units `start ..< end`, all free.
    /// - Complexity: O(units / word width).
    init(start: UInt, end: UInt) {
        self.start = start
        self.end = end
        origin = Kernels.alignDown(start, to: Self.width)
        wordCount = Int(Kernels.wordIndex((end &- origin) &+ (Self.width &- 1)))
        leaves = .allocate(capacity: wordCount)
        leaves.initialize(repeating: 0, count: wordCount)
        freeUnits = 0
        Self.setBits(leaves, Int(start &- origin), Int(end &- start), free: true)
        freeUnits = Int(end &- start)
        tree = RunTree(leaves: leaves, wordCount: wordCount, firstWord: Kernels.wordIndex(origin))
    }

    func release() {
        leaves.deallocate()
        tree.release()
    }

    /// Whether `count` units from `unit` lie in this region.
    @inlinable @inline(__always)
    func contains(_ unit: UInt, count: Int) -> Bool {
        unit >= start && unit < end && UInt(count) <= end &- unit
    }

    // MARK: Ranges of bits (relative indices)

    /// Marks bits `bit ..< bit + count` free or taken in the leaf words only.
    @inlinable @inline(__always)
    static func setBits(_ leaves: UnsafeMutablePointer<UInt>, _ bit: Int, _ count: Int, free: Bool) {
        var index = UInt(bit)
        var left = UInt(count)
        while left > 0 {
            let w = Int(Kernels.wordIndex(index))
            let offset = Kernels.bitOffset(index)
            let take = Swift.min(left, width &- offset)
            let mask = Kernels.rangeMask(offset, take)
            leaves[w] = free ? leaves[w] | mask : leaves[w] & ~mask
            index &+= take
            left &-= take
        }
    }

    /// Marks bits `bit ..< bit + count` free or taken and updates the run tree.
    /// - Precondition: the range is managed and every bit of it is in the other state.
    /// - Complexity: O(count / word width + log2 n).
    @inlinable
    mutating func setRange(_ bit: Int, _ count: Int, free: Bool) {
        Self.setBits(leaves, bit, count, free: free)
        tree.refresh(leaves, Int(Kernels.wordIndex(UInt(bit))), Int(Kernels.wordIndex(UInt(bit &+ count &- 1))))
        if free {
            freeUnits &+= count
        } else {
            freeUnits &-= count
        }
    }

    /// The first bit in `bit ..< bit + count` whose state is `free`, or nil.
    /// - Complexity: O(count / word width).
    @inlinable
    func firstBit(_ bit: Int, _ count: Int, free: Bool) -> Int? {
        var index = UInt(bit)
        var left = UInt(count)
        while left > 0 {
            let w = Int(Kernels.wordIndex(index))
            let offset = Kernels.bitOffset(index)
            let take = Swift.min(left, Self.width &- offset)
            let word = free ? leaves[w] : ~leaves[w]
            let hits = word & Kernels.rangeMask(offset, take)
            if hits != 0 { return w &* UInt.bitWidth &+ Int(Kernels.findFirstSet(hits)) }
            index &+= take
            left &-= take
        }
        return nil
    }
}
#endif
