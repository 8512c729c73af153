// The storage of the bitmap allocators' regions: the largest region, and the
// shape of a region's run tree (how many leaf positions, where its first word
// sits), from which its bookkeeping bytes follow.
extension Kernels {
    /// Units (pages or IDs) one bitmap region may hold: 2^30 on 64-bit
    /// targets (4 TiB of 4 KiB pages), 2^28 on 32-bit ones (the word less 4
    /// bits). Every free run of a region is at most its units, so the run
    /// tree's 32-bit run lengths hold any run.
    ///
    /// Evidence: lemma `bitmapMaxRegionUnits.fitsTheRunSummaryFields`; its
    /// negative twin `bitmapMaxRegionUnits.exceedsTheLeafFields`.
    @inlinable @inline(__always)
    public static func bitmapMaxRegionUnits<W: KernelWord>() -> W {
        1 &<< W(word: UInt(Swift.min(30, W.bitWidth - 4)))
    }

    /// The shape of a run tree over `wordCount` leaf words whose first is word
    /// number `firstWord` of the unit space, with leaf nodes of `leafWords`
    /// words: `alignedWords`, the smallest power of two at least `wordCount`
    /// and `leafWords`; `shift`, the tree position of the first word
    /// (`firstWord` modulo `alignedWords`, so position 0 is a word number that
    /// is a multiple of `alignedWords`); and `positions`, the tree's leaf
    /// positions, a power of two covering `shift + wordCount`: `alignedWords`,
    /// or twice that when the shift pushes the words past it.
    ///
    /// - Precondition: `1 <= wordCount <= 2^(W.bitWidth - 4)`; `leafWords` a
    ///   power of two at most `2^(W.bitWidth - 4)`.
    ///
    /// Evidence: lemmas `runTreeLayout.coversTheShiftedWords` (and that
    /// `positions < 4 * max(wordCount, leafWords)`, the memory bound),
    /// `runTreeLayout.positionZeroIsAligned`; negative twin
    /// `runTreeLayout.withoutDoublingMissesWords`.
    @inlinable @inline(__always)
    public static func runTreeLayout<W: KernelWord>(wordCount: W, firstWord: W, leafWords: W)
        -> (alignedWords: W, shift: W, positions: W)
    {
        let aligned = nextPowerOfTwo(larger(wordCount, leafWords)).value
        let shift = firstWord & (aligned &- 1)
        return (aligned, shift, select(shift &+ wordCount <= aligned, aligned, aligned &+ aligned))
    }
}
