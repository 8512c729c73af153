/// The free-run summary of one node of a `RunTree`: free units at its low
/// end, at its high end, and its longest free run (each at most the node's
/// span; the node is all free when the prefix equals its span).
@usableFromInline @frozen
struct RunSummary: Equatable {
    @usableFromInline var prefix: UInt32
    @usableFromInline var suffix: UInt32
    @usableFromInline var longest: UInt32

    @inlinable @inline(__always)
    init(prefix: UInt, suffix: UInt, longest: UInt) {
        self.prefix = UInt32(truncatingIfNeeded: prefix)
        self.suffix = UInt32(truncatingIfNeeded: suffix)
        self.longest = UInt32(truncatingIfNeeded: longest)
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
        self.init(prefix: Kernels.joinedEdge(UInt(low.prefix), UInt(high.prefix), span: span),
                  suffix: Kernels.joinedEdge(UInt(high.suffix), UInt(low.suffix), span: span),
                  longest: Kernels.joinedLongest(UInt(low.longest), UInt(high.longest),
                                                 lowSuffix: UInt(low.suffix), highPrefix: UInt(high.prefix)))
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
/// leaves       [word][word] ....... [word][taken]    leaf shift + word index
/// ```
///
/// Node v's children are 2v and 2v + 1 (heap order); leaf `leafCount + i`
/// summarizes tree position i, and word w of the region sits at position
/// `shift + w`. The shift is the region's first word number modulo
/// `alignedWords` (a power of two, the words of the region rounded up), so
/// every node of at most `alignedWords` words starts at a unit number that
/// is a multiple of its own span: a node no larger than an alignment can
/// hold an aligned start only at its low end. Positions outside the region
/// summarize taken words.
///
/// Memory: at most 8 nodes of 12 bytes per leaf word (1.5 bytes per unit).
@usableFromInline
struct RunTree {
    @usableFromInline let nodes: UnsafeMutablePointer<RunSummary>
    /// Leaves: a power of two, at least `shift + words`.
    @usableFromInline let leafCount: Int
    /// Tree position of word 0.
    @usableFromInline let shift: Int
    /// Nodes of at most this many units start at a multiple of their span.
    @usableFromInline let alignedSpan: UInt

    @usableFromInline static var width: UInt { UInt(UInt.bitWidth) }

    /// The tree of `wordCount` leaf words, the first of which is word number
    /// `firstWord` of the unit space, summarizing `leaves`.
    init(leaves: UnsafePointer<UInt>, wordCount: Int, firstWord: UInt) {
        var aligned = 1
        while aligned < wordCount { aligned &*= 2 }
        shift = Int(firstWord & UInt(aligned &- 1))
        var count = aligned
        while count < shift &+ wordCount { count &*= 2 }
        leafCount = count
        alignedSpan = UInt(aligned) &* Self.width
        nodes = .allocate(capacity: 2 &* count)
        let taken = RunSummary(word: 0)
        let free = RunSummary(word: ~0)
        for i in 0 ..< count {
            let w = i &- shift
            let word = w >= 0 && w < wordCount ? leaves[w] : 0
            nodes[count &+ i] = word == 0 ? taken : word == ~0 ? free : RunSummary(word: word)
        }
        var level = count
        var span = Self.width
        while level > 1 {
            level &>>= 1
            for v in level ..< 2 &* level {
                nodes[v] = RunSummary(low: nodes[2 &* v], high: nodes[2 &* v &+ 1], span: span)
            }
            span &<<= 1
        }
        nodes[0] = taken
    }

    func release() { nodes.deallocate() }

    /// The node summarizing word `w`.
    @inlinable @inline(__always)
    func leaf(_ w: Int) -> Int { leafCount &+ shift &+ w }

    /// Re-summarizes words `first ... last` from `leaves` and the nodes above
    /// them, stopping at the first level where no node changed.
    /// - Complexity: O(last - first + log2 n).
    @inlinable
    func refresh(_ leaves: UnsafeMutablePointer<UInt>, _ first: Int, _ last: Int) {
        var lo = leaf(first)
        var hi = leaf(last)
        var w = first
        for v in lo ... hi {
            nodes[v] = RunSummary(word: leaves[w])
            w &+= 1
        }
        var span = Self.width
        while lo > 1 {
            lo &>>= 1
            hi &>>= 1
            var changed = false
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
