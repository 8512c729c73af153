// Lemmas about the sizes of bookkeeping storage
// (Sources/Allocators/Kernels/StorageKernels.swift).
import Allocators
import AllocatorSpec

/// `k`: `wordsForBits`, borrowed by the page model through the bitmap
/// allocators' bookkeeping size (`Mutants.swift` passes a broken copy).
func storageLemmas<let bits: Int>(_ k: ModelKernels<bits> = .shipped) -> [Lemma<bits>] {
    typealias Word = SymbolicWord<bits>
    return [
    Lemma("wordsForBits.isTheRoundedUpQuotient", covers: ["wordsForBits"]) { p in
        // Against Z3's own unsigned division and remainder, for every count of bits.
        let count = p.word("bits")
        let words = k.wordsForBits(count)
        return words == Word.quotient(count, .width) &+ select(Word.remainder(count, .width) != 0, 1, 0)
    },
    Lemma("wordsForBits.addingBeforeDividingWraps", covers: ["wordsForBits"], expect: .refuted) { p in
        // The textbook round-up adds width - 1 first: near the top of the word it wraps to a few words.
        let count = p.word("bits")
        return Word.quotient(count &+ (Word.width &- 1), .width) == Kernels.wordsForBits(count)
    },
    ]
}
