// Lemmas about the arithmetic of owned storage
// (Sources/Allocators/Kernels/StorageKernels.swift).
import Allocators
import AllocatorSpec

let storageLemmas: [Lemma] = [
    Lemma("wordsForBits.isTheSmallestCover", covers: ["wordsForBits"]) { p in
        // Enough words for the bits, and one fewer would not be.
        let bits = p.word("bits"), width = Word(word: UInt(Word.bitWidth))
        p.assume(bits <= ~0 &- (width &- 1))
        let words = Kernels.wordsForBits(bits)
        return words &* width >= bits && (words == 0 || (words &- 1) &* width < bits)
    },
    Lemma("wordsForBits.nearTheTopWraps", covers: ["wordsForBits"], expect: .refuted) { p in
        // The precondition that matters: within a word of the top, the
        // rounding wraps and gives too few words.
        let bits = p.word("bits"), width = Word(word: UInt(Word.bitWidth))
        let words = Kernels.wordsForBits(bits)
        return words &* width >= bits
    },
]
