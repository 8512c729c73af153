extension Kernels {
    /// The word with only bit `index` set.
    ///
    /// - Precondition: `index < W.bitWidth`.
    @inlinable @inline(__always)
    public static func bit<W: KernelWord>(_ index: W) -> W {
        1 &<< index
    }

    /// The word whose `count` lowest bits are set, for `count` in
    /// `0 ... W.bitWidth` (all ones for the full width, without shifting by it).
    @inlinable @inline(__always)
    public static func lowMask<W: KernelWord>(_ count: W) -> W {
        select(count >= W(word: UInt(W.bitWidth)), ~0, (1 &<< count) &- 1)
    }

    /// Index of the lowest set bit of `x` (find-first-set, zero-based);
    /// `W.bitWidth` when `x` is 0.
    @inlinable @inline(__always)
    public static func findFirstSet<W: KernelWord>(_ x: W) -> W {
        x.trailingZeros
    }

    /// Index of the lowest set bit of `x` at position `index` or above;
    /// `W.bitWidth` when there is none. No shift reaches the word width,
    /// whatever `index` is.
    @inlinable @inline(__always)
    public static func findFirstSetAtOrAbove<W: KernelWord>(_ x: W, _ index: W) -> W {
        (x & ~lowMask(index)).trailingZeros
    }

    /// Index of the lowest set bit of `x` at position `index` or above;
    /// `W.bitWidth` when there is none: `findFirstSetAtOrAbove` for an
    /// `index` known to be below the width, in one shift and one mask
    /// (lemma `findFirstSetFrom.isFindFirstSetAtOrAbove`).
    ///
    /// - Precondition: `index < W.bitWidth`.
    @inlinable @inline(__always)
    public static func findFirstSetFrom<W: KernelWord>(_ x: W, _ index: W) -> W {
        (x & (~0 &<< index)).trailingZeros
    }

    /// Index of the highest set bit of `x`: the floor of log2 `x`.
    ///
    /// - Precondition: `x != 0`.
    @inlinable @inline(__always)
    public static func floorLog2<W: KernelWord>(_ x: W) -> W {
        W(word: UInt(W.bitWidth - 1)) &- x.leadingZeros
    }

    /// The ceiling of log2 `x`: the smallest `k` with `x <= 2^k` (0 for 0 and 1).
    @inlinable @inline(__always)
    public static func ceilLog2<W: KernelWord>(_ x: W) -> W {
        select(x <= 1, 0, W(word: UInt(W.bitWidth)) &- (x &- 1).leadingZeros)
    }

    /// Whether rounding `x` up to a power of two leaves the word.
    @inlinable @inline(__always)
    public static func nextPowerOfTwoOverflows<W: KernelWord>(_ x: W) -> W.Condition {
        x > (1 &<< W(word: UInt(W.bitWidth - 1)))
    }

    /// The smallest power of two at least `x` (1 for 0), guarded: `overflow` is
    /// true (and `value` is 0) when it does not fit in a word.
    @inlinable @inline(__always)
    public static func nextPowerOfTwo<W: KernelWord>(_ x: W) -> (value: W, overflow: W.Condition) {
        let overflow = nextPowerOfTwoOverflows(x)
        return (select(overflow, 0, 1 &<< ceilLog2(x)), overflow)
    }
}
