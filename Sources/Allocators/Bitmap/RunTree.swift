#if Bitmap
/// The free-run summary of one node of a `RunTree`: free units at its low
/// end, at its high end, and its longest free run (each at most the node's
/// span; the node is all free when the prefix equals its span), and the
/// largest free prefix of the leaf nodes below it and of the words below it
/// (the only places where a start aligned to a leaf node, or to a word, can
/// lie).
///
/// The fields are narrower than a word, so that a node is 16 bytes; the
/// narrowing truncates nothing. Each field of a node is at most the free
/// units below it (lemmas `freePrefix.atMostTheFreeUnits`,
/// `longestFreeRun.atMostTheFreeUnits` for a word, `joinedEdge.` and
/// `joinedLongest.atMostTheFreeUnitsOfBoth` for a join), so at most its
/// region's units, which `addRegion` holds to `Kernels.bitmapMaxRegionUnits`:
/// 2^30 on 64-bit targets, within 32 bits (lemma
/// `bitmapMaxRegionUnits.fitsTheRunSummaryFields`). The leaf and word
/// prefixes are at most a leaf's 8 words of units, 512 (256 on 32-bit
/// targets), within 16 bits (the same lemma, and
/// `joinedEdge.boundedByTheParentSpan`). On 32-bit targets the 32-bit fields
/// are the word itself and the largest region is 2^28 units; the layout and
/// the 16 bytes are the same.
@usableFromInline @frozen
struct RunSummary: Equatable {
    @usableFromInline var prefix: UInt32
    @usableFromInline var suffix: UInt32
    @usableFromInline var longest: UInt32
    @usableFromInline var leafPrefix: UInt16
    @usableFromInline var wordPrefix: UInt16

    @inlinable @inline(__always)
    init(prefix: UInt, suffix: UInt, longest: UInt) {
        self.prefix = UInt32(truncatingIfNeeded: prefix)
        self.suffix = UInt32(truncatingIfNeeded: suffix)
        self.longest = UInt32(truncatingIfNeeded: longest)
        // A word's (set apart for a leaf by `asLeaf`, replaced in a join).
        self.leafPrefix = UInt16(truncatingIfNeeded: prefix)
        self.wordPrefix = UInt16(truncatingIfNeeded: prefix)
    }

    /// The summary of a leaf word.
    @inlinable @inline(__always)
    init(word: UInt) {
        self.init(prefix: Kernels.freePrefix(word), suffix: Kernels.freeSuffix(word),
                  longest: Kernels.longestFreeRun(word))
    }

    /// The summary of a parent whose children, `span` units each, are `low`
    /// and `high`.
    @inlinable @inline(__always)
    init(low: RunSummary, high: RunSummary, span: UInt) {
        self.init(low: low, lowSpan: span, high: high, highSpan: span)
    }

    /// The summary of `low` (`lowSpan` units) followed by a word `high`.
    @inlinable @inline(__always)
    init(low: RunSummary, lowSpan: UInt, high: RunSummary) {
        self.init(low: low, lowSpan: lowSpan, high: high, highSpan: UInt(UInt.bitWidth))
    }

    /// The summary of `low` (`lowSpan` units) followed by `high` (`highSpan`).
    @inlinable @inline(__always)
    init(low: RunSummary, lowSpan: UInt, high: RunSummary, highSpan: UInt) {
        self.init(prefix: Kernels.joinedEdge(UInt(low.prefix), UInt(high.prefix), span: lowSpan),
                  suffix: Kernels.joinedEdge(UInt(high.suffix), UInt(low.suffix), span: highSpan),
                  longest: Kernels.joinedLongest(UInt(low.longest), UInt(high.longest),
                                                 lowSuffix: UInt(low.suffix), highPrefix: UInt(high.prefix)))
        leafPrefix = UInt16(truncatingIfNeeded: Kernels.larger(UInt(low.leafPrefix), UInt(high.leafPrefix)))
        wordPrefix = UInt16(truncatingIfNeeded: Kernels.larger(UInt(low.wordPrefix), UInt(high.wordPrefix)))
    }

    /// This summary as that of a leaf node: its largest leaf prefix is its own.
    @inlinable @inline(__always)
    var asLeaf: RunSummary {
        var leaf = self
        leaf.leafPrefix = UInt16(truncatingIfNeeded: prefix)
        return leaf
    }
}

/// A complete binary tree over the leaf words of a `BitmapRegion`, each node
/// summarizing the free runs of the words below it (`RunSummary`), so that a
/// first-fit search for a run of n descends straight to the lowest node that
/// can hold it.
///
/// ```
/// node 1                     [p s l]                 the whole tree
///                           /       \
/// nodes 2, 3          [p s l]       [p s l]
///                      ...             ...
/// leaf nodes   [8 words][8 words] .... [taken]       a group of 8 positions each
/// words        [w][w][w][w][w][w][w][w] ...          longest free run: a byte each
/// ```
///
/// Node v's children are 2v and 2v + 1 (heap order); leaf node `leafCount + g`
/// summarizes tree positions `8g ..< 8g + 8`, and word w of the region sits
/// at position `shift + w`. The shape is `Kernels.runTreeLayout`'s: the shift
/// is the region's first word number modulo `alignedSpan / W` (a power of
/// two, at least the words of the region and a group), so every node of at
/// most `alignedSpan` units starts at a unit number that is a multiple of its
/// own span (lemma `runTreeLayout.positionZeroIsAligned`): a node no larger
/// than an alignment can hold an aligned start only at its low end.
/// Positions outside the region are taken words (lemma
/// `runTreeLayout.coversTheShiftedWords`: the positions cover the shifted
/// words). Each word's own longest free run is kept apart (a byte), its
/// prefix and suffix are read from it.
///
/// Memory (in the region's bookkeeping, `BitmapRegion.Layout`): `2 * leafCount`
/// nodes of 16 bytes, fewer than 4 positions per word (the same lemma), so
/// under 16 bytes per word (8 per word when the region needs no shift past
/// its rounded-up size), and a byte per word.
@usableFromInline
struct RunTree {
    /// The tree's size and placement over its region's words.
    @frozen @usableFromInline
    struct Shape: Equatable {
        /// Leaf nodes: a power of two, covering at least `shift + words` positions.
        @usableFromInline let leafCount: Int
        /// Tree position of word 0.
        @usableFromInline let shift: Int
        /// Nodes of at most this many units start at a multiple of their span.
        @usableFromInline let alignedSpan: UInt

        /// The shape over `wordCount` words (at least 1, at most the words of
        /// `Kernels.bitmapMaxRegionUnits` units) whose first is word number
        /// `firstWord` of the unit space.
        @inlinable
        init(wordCount: Int, firstWord: UInt) {
            let layout = Kernels.runTreeLayout(wordCount: UInt(bitPattern: wordCount), firstWord: firstWord,
                                               leafWords: UInt(RunTree.groupWords))
            leafCount = Int(bitPattern: layout.positions &>> UInt(RunTree.groupWords.trailingZeroBitCount))
            shift = Int(bitPattern: layout.shift)
            alignedSpan = layout.alignedWords &* RunTree.width
        }

        @inlinable
        init(leafCount: Int, shift: Int, alignedSpan: UInt) {
            self.leafCount = leafCount
            self.shift = shift
            self.alignedSpan = alignedSpan
        }

        /// Nodes stored: the `2 * leafCount` slots of heap order (slot 0 unused).
        @inlinable
        var nodeCount: Int { 2 &* leafCount }
    }

    @usableFromInline let nodes: UnsafeMutablePointer<RunSummary>
    /// The longest free run of each word of the region.
    @usableFromInline let wordLongest: UnsafeMutablePointer<UInt8>
    /// Leaf nodes: a power of two, covering at least `shift + words` positions.
    @usableFromInline let leafCount: Int
    /// Tree position of word 0.
    @usableFromInline let shift: Int
    @usableFromInline let wordCount: Int
    /// Nodes of at most this many units start at a multiple of their span.
    @usableFromInline let alignedSpan: UInt

    @usableFromInline static var width: UInt { UInt(UInt.bitWidth) }
    /// Words per leaf node.
    @usableFromInline static var groupWords: Int { 8 }

    /// The tree of `shape` over `wordCount` leaf words, summarizing `leaves`,
    /// in `nodes` (`shape.nodeCount` slots) and `wordLongest` (`wordCount`
    /// bytes), both uninitialized until now.
    /// - Complexity: O(words).
    init(shape: Shape, leaves: UnsafePointer<UInt>, wordCount: Int,
         nodes: UnsafeMutableRawPointer, wordLongest: UnsafeMutableRawPointer) {
        leafCount = shape.leafCount
        shift = shape.shift
        alignedSpan = shape.alignedSpan
        self.wordCount = wordCount
        let count = shape.leafCount
        self.nodes = nodes.bindMemory(to: RunSummary.self, capacity: shape.nodeCount)
        self.wordLongest = wordLongest.bindMemory(to: UInt8.self, capacity: wordCount)
        let freeLongest = UInt8(truncatingIfNeeded: Kernels.longestFreeRun(~0 as UInt))
        for w in 0 ..< wordCount {
            let word = leaves[w]
            self.wordLongest[w] = word == 0 ? 0 : word == ~0 ? freeLongest : UInt8(truncatingIfNeeded: Kernels.longestFreeRun(word))
        }
        self.nodes.initialize(to: RunSummary(word: 0))
        for g in 0 ..< count { (self.nodes + (count &+ g)).initialize(to: group(leaves, g)) }
        var level = count
        var span = UInt(Self.groupWords) &* Self.width
        while level > 1 {
            level &>>= 1
            for v in level ..< 2 &* level {
                (self.nodes + v).initialize(to: RunSummary(low: self.nodes[2 &* v], high: self.nodes[2 &* v &+ 1], span: span))
            }
            span &<<= 1
        }
    }

    /// A tree with no nodes, for the padding slots of the region table; its
    /// pointers are never followed.
    @inlinable
    init(padding: ()) {
        nodes = UnsafeMutablePointer(bitPattern: UInt(MemoryLayout<RunSummary>.alignment)).unsafelyUnwrapped
        wordLongest = UnsafeMutablePointer(bitPattern: 1).unsafelyUnwrapped
        leafCount = 0
        shift = 0
        wordCount = 0
        alignedSpan = 0
    }

    /// The shape this tree has.
    @inlinable
    var shape: Shape { Shape(leafCount: leafCount, shift: shift, alignedSpan: alignedSpan) }

    /// The word at tree position `position` (0, taken, outside the region).
    @inlinable @inline(__always)
    func word(_ leaves: UnsafePointer<UInt>, at position: Int) -> UInt {
        let w = position &- shift
        return w >= 0 && w < wordCount ? leaves[w] : 0
    }

    /// The longest free run of the word at tree position `position`.
    @inlinable @inline(__always)
    func longest(at position: Int) -> UInt {
        let w = position &- shift
        return w >= 0 && w < wordCount ? UInt(wordLongest[w]) : 0
    }

    /// The summary of leaf node `leafCount + g`: its words joined in order.
    @inlinable @inline(__always)
    func group(_ leaves: UnsafePointer<UInt>, _ g: Int) -> RunSummary {
        let first = g &* Self.groupWords
        let w = first &- shift
        if w >= 0 && w &+ Self.groupWords <= wordCount {
            // Inside the region: no position to test.
            var acc = RunSummary(prefix: Kernels.freePrefix(leaves[w]), suffix: Kernels.freeSuffix(leaves[w]),
                                 longest: UInt(wordLongest[w]))
            var span = Self.width
            for i in 1 ..< Self.groupWords {
                let word = leaves[w &+ i]
                let next = RunSummary(prefix: Kernels.freePrefix(word), suffix: Kernels.freeSuffix(word),
                                      longest: UInt(wordLongest[w &+ i]))
                acc = RunSummary(low: acc, lowSpan: span, high: next)
                span &+= Self.width
            }
            return acc.asLeaf
        }
        var acc = RunSummary(prefix: 0, suffix: 0, longest: 0)
        var span: UInt = 0
        for i in 0 ..< Self.groupWords {
            let word = word(leaves, at: first &+ i)
            let next = RunSummary(prefix: Kernels.freePrefix(word), suffix: Kernels.freeSuffix(word),
                                  longest: longest(at: first &+ i))
            acc = i == 0 ? next : RunSummary(low: acc, lowSpan: span, high: next)
            span &+= Self.width
        }
        return acc.asLeaf
    }

    /// Re-summarizes words `first ... last` from `leaves` and the nodes above
    /// them, stopping at the first level where no node changed.
    /// - Complexity: O(last - first + log2 n).
    @inlinable
    func refresh(_ leaves: UnsafeMutablePointer<UInt>, _ first: Int, _ last: Int) {
        for w in first ... last {
            wordLongest[w] = UInt8(truncatingIfNeeded: Kernels.longestFreeRun(leaves[w]))
        }
        var lo = leafCount &+ (shift &+ first) / Self.groupWords
        var hi = leafCount &+ (shift &+ last) / Self.groupWords
        var changed = false
        for v in lo ... hi {
            let new = group(leaves, v &- leafCount)
            if new != nodes[v] {
                nodes[v] = new
                changed = true
            }
        }
        if !changed { return }
        var span = UInt(Self.groupWords) &* Self.width
        while lo > 1 {
            lo &>>= 1
            hi &>>= 1
            changed = false
            for v in lo ... hi {
                let new = RunSummary(low: nodes[2 &* v], high: nodes[2 &* v &+ 1], span: span)
                if new != nodes[v] {
                    nodes[v] = new
                    changed = true
                }
            }
            if !changed { return }
            span &<<= 1
        }
    }
}
#endif
