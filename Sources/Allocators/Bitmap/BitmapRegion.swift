#if Bitmap
/// One contiguous range of units (pages or IDs) of a `HierarchicalBitmap`, as
/// its region table keeps it: its leaf words, one bit per unit (1 = free),
/// and a run tree over them, both in the region's bookkeeping
/// (`BitmapRegion.Layout`).
///
/// `start ..< end` are the units given (the whole pages of the region, for
/// the page allocator): the range the region table sorts, looks up and
/// checks for overlap. The units handed out are `managedStart ..< end`: all
/// of them, unless the bookkeeping was carved from the region's first pages,
/// which then stay taken forever.
///
/// Bit 0 is the unit `origin`, a multiple of the word width, so a unit's
/// alignment is its bit's alignment within a word for every alignment up to
/// the width. Bits outside `managedStart ..< end` (in the first and last
/// words, and over carved pages) are padding and stay 0 (taken) forever.
///
/// ```
/// origin        start          managedStart                       end
///   | padding (0) | carved (0)  |  managed units (1 free, 0 taken)  | padding (0) |
///   [ word 0                ][ word 1 ] ...                  [ last word         ]
/// ```
@usableFromInline
struct BitmapRegion: RegionEntry {
    @usableFromInline let start: UInt
    @usableFromInline let end: UInt
    /// The first unit handed out: `start`, or the first past the carved bookkeeping.
    @usableFromInline let managedStart: UInt
    @usableFromInline let origin: UInt
    @usableFromInline let leaves: UnsafeMutablePointer<UInt>
    /// The free runs of the leaf words, summarized per subtree.
    @usableFromInline let tree: RunTree
    @usableFromInline var freeUnits: Int

    @usableFromInline static var width: UInt { UInt(UInt.bitWidth) }

    /// Leaf words (the tree keeps the count).
    @inlinable
    var wordCount: Int { tree.wordCount }

    /// The units `managedStart ..< end` of `start ..< end`, all free, with
    /// their bookkeeping in `storage` (`layout.byteCount` bytes, aligned to a
    /// word, uninitialized until now).
    /// - Complexity: O(units / word width).
    init(start: UInt, end: UInt, managedStart: UInt, layout: Layout, storage: UnsafeMutableRawPointer) {
        self.start = start
        self.end = end
        self.managedStart = managedStart
        origin = layout.origin
        let words = layout.wordCount
        leaves = (storage + layout.leavesOffset).bindMemory(to: UInt.self, capacity: words)
        leaves.initialize(repeating: 0, count: words)
        Self.setBits(leaves, Int(managedStart &- origin), Int(end &- managedStart), free: true)
        freeUnits = Int(end &- managedStart)
        tree = RunTree(shape: layout.treeShape, leaves: leaves, wordCount: words,
                       nodes: storage + layout.nodesOffset, wordLongest: storage + layout.wordLongestOffset)
    }

    /// The entry of the region table's unused slots: it starts and ends at
    /// `UInt.max`, so it contains no unit, and its pointers are never followed.
    @usableFromInline
    static var padding: BitmapRegion { BitmapRegion(padding: ()) }

    @inlinable
    init(padding: ()) {
        start = .max
        end = .max
        managedStart = .max
        origin = .max
        leaves = UnsafeMutablePointer(bitPattern: UInt(MemoryLayout<UInt>.alignment)).unsafelyUnwrapped
        tree = RunTree(padding: ())
        freeUnits = 0
    }

    /// Whether the `count` units from `unit` (`count >= 1`) are all handed
    /// out by this region (carved units are not).
    @inlinable @inline(__always)
    func contains(_ unit: UInt, count: Int) -> Bool {
        unit >= managedStart && unit < end && UInt(bitPattern: count) <= end &- unit
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
