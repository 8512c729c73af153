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
