// The arithmetic of the bookkeeping an allocator keeps in owned storage,
// proved in Proofs/Lemmas/StorageLemmas.swift.
extension Kernels {
    /// The words a bitmap of `bits` bits takes: `bits / W.bitWidth` rounded
    /// up, by a shift, no division (lemma `wordsForBits.isTheSmallestCover`).
    ///
    /// - Precondition: `bits <= W.max - (W.bitWidth - 1)`.
    @inlinable @inline(__always)
    public static func wordsForBits<W: KernelWord>(_ bits: W) -> W {
        wordIndex(bits &+ W(word: UInt(W.bitWidth - 1)))
    }
}
