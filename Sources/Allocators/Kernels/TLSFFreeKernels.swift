// The checks of a TLSF free against the sized API's arguments, proved in
// Proofs/Lemmas/TLSFFreeLemmas.swift.
extension Kernels {
    /// Whether a live block of `blockSize` bytes can be the block of a
    /// `request`-byte allocation: its used block `tlsfBlockSize(request)` plus
    /// a remainder too small to split off (less than the minimum block 2G), so
    /// `used <= blockSize < used + 2G`. Computed from the payload capacity
    /// `blockSize - G` in one comparison (lemma
    /// `tlsf.requestFits.isTheUsedBlockRange`): every request size that does
    /// not describe the block, smaller or larger, is refused.
    ///
    /// - Precondition: `blockSize` is a multiple of G and at least 2G;
    ///   `request < 2^(W.bitWidth - 1)` (a non-negative `Int`), so that a
    ///   request above the capacity wraps the difference past 2G and one
    ///   comparison decides.
    @inlinable @inline(__always)
    public static func tlsfRequestFits<W: KernelWord>(_ request: W, blockSize: W, granularityLog2: W) -> W.Condition {
        let granule: W = 1 &<< granularityLog2
        let capacity = blockSize &- granule
        // A zero-byte request has the used block of a one-byte request.
        let atLeastOne = request | select(request == 0, 1, 0)
        return capacity &- atLeastOne < (granule &<< 1)
    }
}

extension Kernels {
    /// Whether `address` is a multiple of 2^`granularityLog2` inside the span
    /// `base ..< base + granules × 2^granularityLog2`, in one rotation and one
    /// comparison: the offset from `base`, rotated right by the granularity,
    /// is below `granules` exactly when the offset is a whole number of
    /// granules that many or fewer (a misaligned offset rotates its low bits
    /// to the top). The check TLSF runs on every block address it reads from
    /// memory before following it (lemma `granuleInSpan.isAlignedAndInside`).
    ///
    /// - Precondition: `1 <= granularityLog2 < W.bitWidth`; `base` is a
    ///   multiple of 2^`granularityLog2`; the span does not wrap.
    @inlinable @inline(__always)
    public static func isGranuleInSpan<W: KernelWord>(_ address: W, base: W, granules: W, granularityLog2: W) -> W.Condition {
        let offset = address &- base
        let rotated = (offset &>> granularityLog2) | (offset &<< (W(word: UInt(W.bitWidth)) &- granularityLog2))
        return rotated < granules
    }
}

extension Kernels {
    /// The whole pages of a free block of `size` bytes at `block` that hold
    /// no allocator data, as `start ..< end`: from the first multiple of
    /// `pageSize` at or past the block's links (`block + 2G`: its header and
    /// its two list links) to the last at or before its end (`block + size`,
    /// where the next block's header starts). Empty (`start >= end`) when no
    /// whole page lies there, the rounding up leaving the word included.
    /// What `TLSFAllocator.forEachReleasableRange` hands out (lemmas
    /// `tlsf.releasableRange.wholePagesPastTheLinks` and
    /// `tlsf.releasableRange.everyWholePageInside`).
    ///
    /// - Precondition: `pageSize` is a power of two; `block` is a multiple of
    ///   G; `size` is a multiple of G, at least 2G, and `block + size` does
    ///   not wrap.
    @inlinable @inline(__always)
    public static func tlsfReleasableRange<W: KernelWord>(
        block: W, size: W, pageSize: W, granularityLog2: W
    ) -> (start: W, end: W) {
        let end = alignDown(block &+ size, to: pageSize)
        let start = alignUp(block &+ (2 &<< granularityLog2), to: pageSize)
        return (select(start.overflow, end, start.value), end)
    }
}
