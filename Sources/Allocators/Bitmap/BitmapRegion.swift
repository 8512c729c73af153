/// One contiguous range of units (pages or IDs) of a `HierarchicalBitmap`:
/// its leaf words, one bit per unit (1 = free), and two summaries.
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
    /// Bit i: leaf word i has a free unit.
    @usableFromInline let someFree: BitSummary
    /// Bit i: every unit of leaf word i is free.
    @usableFromInline let allFree: BitSummary
    @usableFromInline var freeUnits: Int
    /// First-fit hints per run class c (runs of 2^c ... 2^(c+1) - 1 units):
    /// no 2^c consecutive free units lie entirely below bit `hints[c]`, so a
    /// search for such a run starts at `hints[c] - 2^c + 1`. A free lowers
    /// the hints of the classes its merged free run reaches; a search raises
    /// its class's hint to the first run of that class it met.
    @usableFromInline let hints: UnsafeMutablePointer<Int>

    @usableFromInline static var width: UInt { UInt(UInt.bitWidth) }
    /// Run classes with a hint: 2^0 ... 2^(width - 1).
    @usableFromInline static var hintClasses: Int { UInt.bitWidth }
    /// Words a free looks at on each side to measure the free run it joins.
    @usableFromInline static var mergeScanWords: Int { 16 }

    /// The units `start ..< end`, all free.
    /// - Complexity: O(units / word width).
    init(start: UInt, end: UInt) {
        self.start = start
        self.end = end
        origin = Kernels.alignDown(start, to: Self.width)
        wordCount = Int(Kernels.wordIndex((end &- origin) &+ (Self.width &- 1)))
        leaves = .allocate(capacity: wordCount)
        leaves.initialize(repeating: 0, count: wordCount)
        someFree = BitSummary(leafWords: wordCount)
        allFree = BitSummary(leafWords: wordCount)
        freeUnits = 0
        hints = .allocate(capacity: Self.hintClasses)
        hints.initialize(repeating: 0, count: Self.hintClasses)
        setRange(Int(start &- origin), Int(end &- start), free: true)
    }

    func release() {
        leaves.deallocate()
        someFree.release()
        allFree.release()
        hints.deallocate()
    }

    /// Whether `count` units from `unit` lie in this region.
    @inlinable @inline(__always)
    func contains(_ unit: UInt, count: Int) -> Bool {
        unit >= start && unit < end && UInt(count) <= end &- unit
    }

    // MARK: Ranges of bits (relative indices)

    /// Marks bits `bit ..< bit + count` free or taken and updates the summaries.
    /// - Precondition: the range is managed and every bit of it is in the other state.
    /// - Complexity: O(count / word width + log64 n).
    @inlinable
    mutating func setRange(_ bit: Int, _ count: Int, free: Bool) {
        var index = UInt(bit)
        var left = UInt(count)
        while left > 0 {
            let w = Int(Kernels.wordIndex(index))
            let offset = Kernels.bitOffset(index)
            let take = Swift.min(left, Self.width &- offset)
            let mask = Kernels.rangeMask(offset, take)
            let old = leaves[w]
            let new = free ? old | mask : old & ~mask
            leaves[w] = new
            if (old == 0) != (new == 0) { someFree.set(w, new != 0) }
            if (old == ~0) != (new == ~0) { allFree.set(w, new == ~0) }
            index &+= take
            left &-= take
        }
        if free {
            freeUnits &+= count
            lowerHints(freed: bit, count)
        } else {
            freeUnits &-= count
        }
    }

    /// After `count` bits from `bit` were freed: lowers to `bit` the hint of
    /// every class the merged free run holding them is long enough for (all
    /// classes when the run reaches past the words measured).
    @inlinable
    func lowerHints(freed bit: Int, _ count: Int) {
        var length = UInt(count)
        var reachedFar = false
        // Free bits right below `bit`.
        var index = UInt(bit)
        var scanned = 0
        while index > 0 {
            let w = Int(Kernels.wordIndex(index &- 1))
            let offset = index &- UInt(w) &* Self.width
            let taken = ~leaves[w] & Kernels.lowMask(offset)
            if taken != 0 {
                length &+= offset &- 1 &- Kernels.floorLog2(taken)
                break
            }
            length &+= offset
            index &-= offset
            scanned &+= 1
            if scanned == Self.mergeScanWords { reachedFar = true; break }
        }
        // Free bits right above the freed ones.
        index = UInt(bit) &+ UInt(count)
        scanned = 0
        while !reachedFar && Int(Kernels.wordIndex(index)) < wordCount {
            let w = Int(Kernels.wordIndex(index))
            let offset = Kernels.bitOffset(index)
            let taken = ~leaves[w] & ~Kernels.lowMask(offset)
            if taken != 0 {
                length &+= Kernels.findFirstSet(taken) &- offset
                break
            }
            length &+= Self.width &- offset
            index &+= Self.width &- offset
            scanned &+= 1
            if scanned == Self.mergeScanWords { reachedFar = true; break }
        }
        let classes = reachedFar ? Self.hintClasses : Int(Kernels.floorLog2(length)) &+ 1
        for c in 0 ..< classes where hints[c] > bit { hints[c] = bit }
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

    /// The first free bit at or after `bit`, or nil.
    /// - Complexity: O(log64 n).
    @inlinable
    func nextFree(_ bit: Int) -> Int? {
        let index = UInt(bit)
        var w = Int(Kernels.wordIndex(index))
        guard w < wordCount else { return nil }
        let found = Kernels.findFirstSetAtOrAbove(leaves[w], Kernels.bitOffset(index))
        if found < Self.width { return w &* UInt.bitWidth &+ Int(found) }
        guard let next = someFree.next(w &+ 1) else { return nil }
        w = next
        return w &* UInt.bitWidth &+ Int(Kernels.findFirstSet(leaves[w]))
    }
}
