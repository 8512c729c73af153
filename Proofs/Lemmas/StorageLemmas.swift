// Lemmas about the sizes of bookkeeping storage
// (Sources/Allocators/Kernels/StorageKernels.swift).
import Allocators
import AllocatorSpec

/// Bits in a word: the width the lemmas' constants are stated relative to.
private var width: Word { Word(integerLiteral: UInt64(Word.bitWidth)) }

let storageLemmas: [Lemma] = [
    Lemma("wordsForBits.isTheRoundedUpQuotient", covers: ["wordsForBits"]) { p in
        // Against Z3's own unsigned division and remainder, for every count of bits.
        let bits = p.word("bits")
        let words = Kernels.wordsForBits(bits)
        return words == Word.quotient(bits, width) &+ select(Word.remainder(bits, width) != 0, 1, 0)
    },
    Lemma("wordsForBits.addingBeforeDividingWraps", covers: ["wordsForBits"], expect: .refuted) { p in
        // The textbook round-up adds width - 1 first: near the top of the word it wraps to a few words.
        let bits = p.word("bits")
        return Word.quotient(bits &+ (width &- 1), width) == Kernels.wordsForBits(bits)
    },
]
