#if Bitmap
extension BitmapRegion {
    /// Where the bookkeeping of a region of units `start ..< end` goes: one
    /// block of `byteCount` bytes, aligned to a word, taken from the
    /// allocator's `BookkeepingStorage` when the region is added.
    ///
    /// ```
    /// [ run-tree nodes           ][ leaf words         ][ longest runs ][ pad ]
    ///   2·leafCount × 16 bytes      words × W/8 bytes     words × 1       to W/8
    /// ```
    ///
    /// With W the word width, `words = wordsForBits(end - origin)` (origin:
    /// `start` rounded down to a multiple of W) and `p = 8·leafCount` the run
    /// tree's positions (`Kernels.runTreeLayout`), the block is
    /// `4·p + (W/8 + 1)·words` bytes rounded up to W/8. The positions are a
    /// power of two below `4·max(words, 8)` (lemma
    /// `runTreeLayout.coversTheShiftedWords`), and `words <= n/W + 2` for a
    /// region of n units: at most 25 bytes per word of at least 8 on 64-bit
    /// targets, under 0.4 bytes per unit. When the region starts at a
    /// multiple of its words rounded up to a power of two (no shift), the
    /// positions are that power: at most 17 bytes per word, and 13 (0.2 per
    /// unit) when the words are a power of two, as for 1 GiB of 4 KiB pages at
    /// a 1 GiB boundary (53,248 bytes). Evidence: `BitmapBookkeepingTests`.
    @frozen @usableFromInline
    struct Layout {
        @usableFromInline let origin: UInt
        @usableFromInline let wordCount: Int
        @usableFromInline let treeShape: RunTree.Shape

        /// The layout of `start ..< end`.
        /// - Precondition: `start < end`, `end - start <= Kernels.bitmapMaxRegionUnits()`.
        @inlinable
        init(start: UInt, end: UInt) {
            origin = Kernels.alignDown(start, to: BitmapRegion.width)
            wordCount = Int(bitPattern: Kernels.wordsForBits(end &- origin))
            treeShape = RunTree.Shape(wordCount: wordCount, firstWord: Kernels.wordIndex(origin))
        }

        @inlinable
        var nodesOffset: Int { 0 }

        @inlinable
        var leavesOffset: Int { treeShape.nodeCount &* MemoryLayout<RunSummary>.stride }

        @inlinable
        var wordLongestOffset: Int { leavesOffset &+ wordCount &* MemoryLayout<UInt>.stride }

        /// Bytes of the block, a multiple of the word size (so blocks taken
        /// one after another from a buffer need no padding between them).
        @inlinable
        var byteCount: Int {
            let bytes = UInt(bitPattern: wordLongestOffset &+ wordCount)
            return Int(bitPattern: Kernels.alignUpUnchecked(bytes, to: UInt(MemoryLayout<UInt>.stride)))
        }
    }
}
#endif
