// Lemmas about the storage of the bitmap allocators' regions
// (Sources/Allocators/Kernels/BitmapStorageKernels.swift): the largest region
// fits the run tree's fields, and the run tree's shape covers its words,
// starts at an aligned word and costs at most four positions per word.
import Allocators
import AllocatorSpec

/// The largest value of an unsigned field of `fieldBits` bits (at most the width).
private func fieldMax<let bits: Int>(_ fieldBits: Int) -> SymbolicWord<bits> { .allOnes &>> .constant(bits - fieldBits) }

/// 2^(width - 4): the most words `runTreeLayout` takes.
private func largestWords<let bits: Int>() -> SymbolicWord<bits> { .power(bits - 4) }

/// `k`: `runTreeLayout`, borrowed by the page model through the bitmap
/// allocators' bookkeeping size (`Mutants.swift` passes a broken copy).
func bitmapStorageLemmas<let bits: Int>(_ k: ModelKernels<bits> = .shipped) -> [Lemma<bits>] {
    typealias Word = SymbolicWord<bits>
    return [
    Lemma("bitmapMaxRegionUnits.fitsTheRunSummaryFields", covers: ["bitmapMaxRegionUnits", "wordsForBits"]) { p in
        // Every run length of a region is at most its units, so at most this:
        // it fits `RunSummary`'s 32-bit prefix, suffix and longest run (at
        // 32 bits those are the word itself), and it is 2^30 at 64 bits,
        // 2^28 at 32. And the words of such a region, from any first unit (up
        // to width - 1 units of the first word below it), meet
        // `runTreeLayout`'s precondition. A leaf's 8 words of units fit the
        // 16-bit leaf and word prefixes.
        let units = p.word("units"), below = p.word("below")
        let maximum: Word = Kernels.bitmapMaxRegionUnits()
        p.assume(units >= 1 && units <= maximum && below < .width)
        let words = Kernels.wordsForBits(units &+ below)
        return maximum <= fieldMax(32) && maximum == .power(bits == 32 ? 28 : 30)
            && words >= 1 && words <= largestWords() && 8 &* Word.width <= fieldMax(16)
    },
    Lemma("bitmapMaxRegionUnits.exceedsTheLeafFields", covers: ["bitmapMaxRegionUnits"], expect: .refuted) { p in
        // The 16-bit fields hold a leaf's runs, not a region's: a run of the
        // largest region overflows them, at 32 bits as at 64.
        let run = p.word("run")
        p.assume(run <= Kernels.bitmapMaxRegionUnits())
        return run <= fieldMax(16)
    },
    Lemma("runTreeLayout.coversTheShiftedWords", covers: ["runTreeLayout", "nextPowerOfTwo", "larger"]) { p in
        let words = p.word("wordCount"), first = p.word("firstWord"), (leaf, _) = p.powerOfTwo("leafWords")
        p.assume(words >= 1 && words <= largestWords() && leaf <= largestWords())
        let layout = k.runTreeLayout(wordCount: words, firstWord: first, leafWords: leaf)
        let most = Kernels.larger(words, leaf)
        return isOneOfThePowersOfTwo(layout.alignedWords) && layout.alignedWords >= most
            && layout.alignedWords < most &+ most
            && layout.shift < layout.alignedWords && layout.shift &+ words <= layout.positions
            && (layout.positions == layout.alignedWords || layout.positions == layout.alignedWords &+ layout.alignedWords)
            && isOneOfThePowersOfTwo(layout.positions) && layout.positions < 4 &* most
    },
    Lemma("runTreeLayout.positionZeroIsAligned", covers: ["runTreeLayout"]) { p in
        // Tree position 0 is word `firstWord - shift`, a multiple of
        // `alignedWords` (whichever power of two it is, stated by shifting
        // out its low bits): so is every node's first word, at a multiple of
        // its own span when the node is no larger.
        let words = p.word("wordCount"), first = p.word("firstWord"), (leaf, _) = p.powerOfTwo("leafWords")
        p.assume(words >= 1 && words <= largestWords() && leaf <= largestWords())
        let layout = Kernels.runTreeLayout(wordCount: words, firstWord: first, leafWords: leaf)
        let base = first &- layout.shift
        return layout.shift <= first && SymbolicCondition.all((0 ..< bits).map { k in
            (layout.alignedWords == .power(k)).implies(isMultiple(base, ofPowerWithExponent: .constant(k)))
        })
    },
    Lemma("runTreeLayout.withoutDoublingMissesWords", covers: ["runTreeLayout"], expect: .refuted) { p in
        // A tree of `alignedWords` positions alone: a shifted region runs past its last leaf.
        let words = p.word("wordCount"), first = p.word("firstWord"), (leaf, _) = p.powerOfTwo("leafWords")
        p.assume(words >= 1 && words <= largestWords() && leaf <= largestWords())
        let layout = Kernels.runTreeLayout(wordCount: words, firstWord: first, leafWords: leaf)
        return layout.shift &+ words <= layout.alignedWords
    },
    ]
}
