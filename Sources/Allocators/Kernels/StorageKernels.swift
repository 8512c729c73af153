// Sizes of bookkeeping storage: how many words hold a number of bits.
extension Kernels {
    /// The words that hold `bits` bits: `bits / W.bitWidth` rounded up. The
    /// quotient and a carry for a partial last word, so no addition can wrap
    /// near the top of the word (as `(bits + W.bitWidth - 1) / W.bitWidth` does).
    ///
    /// Evidence: lemma `wordsForBits.isTheRoundedUpQuotient`; its negative
    /// twin `wordsForBits.addingBeforeDividingWraps`.
    @inlinable @inline(__always)
    public static func wordsForBits<W: KernelWord>(_ bits: W) -> W {
        let widthLog2 = W(word: UInt(W.bitWidth.trailingZeroBitCount))
        let partial = bits & W(word: UInt(W.bitWidth - 1))
        return (bits &>> widthLog2) &+ select(partial != 0, 1, 0)
    }
}
