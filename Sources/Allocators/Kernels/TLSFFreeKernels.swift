// The checks of a TLSF free against the sized API's arguments, proved in
// Proofs/Lemmas/TLSFFreeLemmas.swift.
extension Kernels {
    /// Whether a live block of `blockSize` bytes can be the block of a
    /// `request`-byte allocation: its used block `tlsfBlockSize(request)` plus
    /// a remainder too small to split off (less than the minimum block 2G), so
    /// `used <= blockSize < used + 2G`. Computed from the payload capacity
    /// `blockSize - G` in two comparisons (lemma
    /// `tlsf.requestFits.isTheUsedBlockRange`): every request size that does
    /// not describe the block, smaller or larger, is refused.
    ///
    /// - Precondition: `blockSize` is a multiple of G and at least 2G.
    @inlinable @inline(__always)
    public static func tlsfRequestFits<W: KernelWord>(_ request: W, blockSize: W, granularityLog2: W) -> W.Condition {
        let granule: W = 1 &<< granularityLog2
        let capacity = blockSize &- granule
        // A zero-byte request has the used block of a one-byte request.
        let atLeastOne = request | select(request == 0, 1, 0)
        return atLeastOne <= capacity && capacity &- atLeastOne < (granule &<< 1)
    }
}
