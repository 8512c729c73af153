// Index math and the word-level search of the hierarchical bitmaps
// (`BitmapPageAllocator`, `BitmapIDAllocator`). A set bit means "free".
extension Kernels {
    /// The word holding bit `index` of a bitmap: `index / W.bitWidth`.
    @inlinable @inline(__always)
    public static func wordIndex<W: KernelWord>(_ index: W) -> W {
        index &>> W(word: UInt(W.bitWidth.trailingZeroBitCount))
    }

    /// The position of bit `index` of a bitmap inside its word:
    /// `index % W.bitWidth`.
    @inlinable @inline(__always)
    public static func bitOffset<W: KernelWord>(_ index: W) -> W {
        index & W(word: UInt(W.bitWidth - 1))
    }

    /// The bits `offset ..< offset + count` of a word.
    ///
    /// - Precondition: `offset < W.bitWidth` and `offset + count <= W.bitWidth`.
    @inlinable @inline(__always)
    public static func rangeMask<W: KernelWord>(_ offset: W, _ count: W) -> W {
        lowMask(count) &<< offset
    }

    /// The bits of a word at multiples of `alignment`: 0x…5555 for 2,
    /// 0x…1111 for 4, only bit 0 from the word width up.
    ///
    /// - Precondition: `alignment` is a power of two.
    @inlinable @inline(__always)
    public static func alignedPositions<W: KernelWord>(_ alignment: W) -> W {
        select(alignment >= W(word: UInt(W.bitWidth)), 1, W.quotient(~0, lowMask(alignment)))
    }

    /// The bits `i` of `free` that start a run of `count` set bits inside the
    /// word: bits `i ..< i + count` all set, `i + count <= W.bitWidth`.
    ///
    /// Doubling: after each step `m` marks the starts of runs of `covered`
    /// set bits; log2(width) steps reach any `count` up to the width.
    ///
    /// - Precondition: `1 <= count <= W.bitWidth`.
    @inlinable @inline(__always)
    public static func runStarts<W: KernelWord>(_ free: W, _ count: W) -> W {
        var m = free
        var covered: W = 1
        for _ in 0 ..< W.bitWidth.trailingZeroBitCount {
            let rest = count &- covered
            let step = select(rest < covered, rest, covered)
            m = m & (m &>> step)
            covered = covered &+ step
        }
        return m
    }

    /// The lowest set bit of `marks` at a multiple of `alignment`;
    /// `W.bitWidth` if none.
    ///
    /// - Precondition: `alignment` is a power of two.
    @inlinable @inline(__always)
    public static func lowestAlignedBit<W: KernelWord>(_ marks: W, alignment: W) -> W {
        (marks & alignedPositions(alignment)).trailingZeros
    }

    /// The lowest start of a run of `count` set bits of `free` that lies in
    /// the word and starts at a multiple of `alignment`; `W.bitWidth` if none.
    ///
    /// - Precondition: `1 <= count <= W.bitWidth`; `alignment` a power of two.
    @inlinable @inline(__always)
    public static func firstAlignedRun<W: KernelWord>(_ free: W, count: W, alignment: W) -> W {
        lowestAlignedBit(runStarts(free, count), alignment: alignment)
    }
}
