// The free-run summaries of the bitmaps' run tree: per node the free units at
// its low end (prefix), at its high end (suffix) and its longest free run,
// computed for a leaf word and joined for a parent from its two children;
// and the aligned fit of a run in a range of free units. A set bit means "free".
extension Kernels {
    /// The free units at the low end of a leaf word: its trailing ones
    /// (`W.bitWidth` when the word is all free).
    @inlinable @inline(__always)
    public static func freePrefix<W: KernelWord>(_ word: W) -> W {
        (~word).trailingZeros
    }

    /// The free units at the high end of a leaf word: its leading ones
    /// (`W.bitWidth` when the word is all free).
    @inlinable @inline(__always)
    public static func freeSuffix<W: KernelWord>(_ word: W) -> W {
        (~word).leadingZeros
    }

    /// The length of the longest run of set bits of `word` (0 for 0,
    /// `W.bitWidth` for all ones).
    ///
    /// Binary lifting: `starts` marks the starts of runs of `length` set bits;
    /// for k from log2(width) - 1 down, the length grows by 2^k when some such
    /// start is followed by a run of 2^k. The lengths tried stay below the
    /// width, so the all-ones word is answered apart.
    @inlinable @inline(__always)
    public static func longestFreeRun<W: KernelWord>(_ word: W) -> W {
        let levels = W.bitWidth.trailingZeroBitCount
        var length: W = 0
        var starts: W = ~0
        var k = levels
        while k > 0 {
            k -= 1
            var runs = word  // starts of runs of 2^k set bits
            var covered: W = 1
            for _ in 0 ..< k {
                runs = runs & (runs &>> covered)
                covered = covered &+ covered
            }
            let longer = starts & (runs &>> length)
            let found = longer != 0
            starts = select(found, longer, starts)
            length = select(found, length &+ covered, length)
        }
        return select(word == ~0, W(word: UInt(W.bitWidth)), length)
    }

    /// The free units at one end of a parent node, from its child at that
    /// end (`inner`, `span` units) and the other child (`outer`): the inner
    /// child's, extended by the outer child's when the inner child is all
    /// free. For the prefix, `inner` is the low child's prefix and `outer`
    /// the high child's prefix; for the suffix, the high child's suffix and
    /// the low child's suffix. The children may differ in size.
    ///
    /// - Precondition: `inner <= span`; `span + outer` fits.
    @inlinable @inline(__always)
    public static func joinedEdge<W: KernelWord>(_ inner: W, _ outer: W, span: W) -> W {
        select(inner == span, span &+ outer, inner)
    }

    /// The longest free run of a parent node: the longer of its children's,
    /// or the run across the boundary (the low child's free suffix followed
    /// by the high child's free prefix).
    ///
    /// - Precondition: `lowSuffix + highPrefix` fits.
    @inlinable @inline(__always)
    public static func joinedLongest<W: KernelWord>(_ low: W, _ high: W, lowSuffix: W, highPrefix: W) -> W {
        let across = lowSuffix &+ highPrefix
        let children = select(low < high, high, low)
        return select(children < across, across, children)
    }

    /// The larger of `a` and `b`.
    @inlinable @inline(__always)
    public static func larger<W: KernelWord>(_ a: W, _ b: W) -> W {
        select(a < b, b, a)
    }

    /// The lowest multiple of `alignment` at or above `low` from which
    /// `count` units end at or below `high`: `fits` is false (and `start`
    /// meaningless) when there is none, including when the rounding up
    /// leaves the word.
    ///
    /// - Precondition: `alignment` a power of two.
    @inlinable @inline(__always)
    public static func alignedFit<W: KernelWord>(_ low: W, _ high: W, count: W, alignment: W) -> (start: W, fits: W.Condition) {
        let up = alignUp(low, to: alignment)
        return (up.value, !up.overflow && up.value <= high && count <= high &- up.value)
    }
}
