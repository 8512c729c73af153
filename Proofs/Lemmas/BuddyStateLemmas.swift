// Lemmas about the buddy allocator's block states: every address a free or
// a link check looks up has its two state bits inside the region's state
// words (Sources/Allocators/Buddy/BuddyRegion.swift).
import Allocators
import AllocatorSpec

/// An instance of `lshr.monotone` (proved in `BuddyLemmas`): shifting preserves `<=`.
private func shiftIsMonotone<let bits: Int>(_ x: SymbolicWord<bits>, _ y: SymbolicWord<bits>, _ k: SymbolicWord<bits>) -> SymbolicCondition {
    (x <= y).implies((x &>> k) <= (y &>> k))
}

func buddyStateLemmas<let bits: Int>() -> [Lemma<bits>] {
    typealias Word = SymbolicWord<bits>
    return [
    Lemma("buddyBitIndex.belowTheBitCountForAnyAddressInside", covers: ["buddyBitIndex", "buddyBitCount"]) { p in
        // A link check looks up any aligned address of the blocks' span (not
        // known to start a block that fits): it has a position too.
        let a = p.word("a"), base = p.word("base"), end = p.word("end"), k = p.word("k")
        p.assume(k < .width && base <= a && a < end && isMultiple(a, ofPowerWithExponent: k))
        p.assume(shiftIsMonotone(base, a, k) && shiftIsMonotone(a, end &- 1, k))
        return Kernels.buddyBitIndex(a, order: k, base: base) < Kernels.buddyBitCount(base: base, end: end, order: k)
    },
    Lemma("buddyBitIndex.theSpanEndHasNoPosition", covers: ["buddyBitIndex", "buddyBitCount"], expect: .refuted) { p in
        // The span check must exclude its end: at an aligned end the index is the count.
        let a = p.word("a"), base = p.word("base"), end = p.word("end"), k = p.word("k")
        p.assume(k < .width && base <= a && a <= end && base < end)
        p.assume(shiftIsMonotone(base, a, k) && shiftIsMonotone(a, end &- 1, k))
        return Kernels.buddyBitIndex(a, order: k, base: base) < Kernels.buddyBitCount(base: base, end: end, order: k)
    },
    Lemma("buddyStateWord.insideTheOrdersWords", covers: ["buddyStateWord", "buddyStateBias", "buddyStateWordCount"]) { p in
        // Any address of the blocks' span (a link check looks up aligned
        // ones not known to start a block) has its state in one of the
        // order's words: words + i words, i below the count.
        let a = p.word("a"), base = p.word("base"), end = p.word("end"), k = p.word("k"), words = p.word("words")
        let pairs = Word(word: UInt(Word.bitWidth.trailingZeroBitCount - 1))
        p.assume(k < .width && base <= a && a < end)
        p.assume(shiftIsMonotone(base, a, k) && shiftIsMonotone(a, end &- 1, k))
        p.assume(shiftIsMonotone(base &>> k, a &>> k, pairs) && shiftIsMonotone(a &>> k, (end &- 1) &>> k, pairs))
        let word = Kernels.buddyStateWord(position: a &>> k, bias: Kernels.buddyStateBias(words: words, base: base, order: k))
        let bytes = Word(word: UInt(Word.bitWidth / 8))
        let i = ((a &>> k) &>> pairs) &- ((base &>> k) &>> pairs)
        return word == words &+ i &* bytes && i < Kernels.buddyStateWordCount(base: base, end: end, order: k)
    },
    Lemma("buddyStateWord.theSpanEndHasNoWord", covers: ["buddyStateWord", "buddyStateWordCount"], expect: .refuted) { p in
        // The span check must exclude its end: the word of an end that starts
        // a new word lies past the order's words.
        let a = p.word("a"), base = p.word("base"), end = p.word("end"), k = p.word("k")
        let pairs = Word(word: UInt(Word.bitWidth.trailingZeroBitCount - 1))
        p.assume(k < .width && base <= a && a <= end && base < end)
        p.assume(shiftIsMonotone(base, a, k) && shiftIsMonotone(a, end &- 1, k))
        p.assume(shiftIsMonotone(base &>> k, a &>> k, pairs) && shiftIsMonotone(a &>> k, (end &- 1) &>> k, pairs))
        let i = ((a &>> k) &>> pairs) &- ((base &>> k) &>> pairs)
        return i < Kernels.buddyStateWordCount(base: base, end: end, order: k)
    },
    Lemma("buddyStateWord.injectiveOnAlignedBlocks", covers: ["buddyStateWord", "buddyStateShift"]) { p in
        // Distinct aligned blocks of one order have distinct state pairs:
        // another word, or another shift in the same word.
        let a = p.word("a"), b = p.word("b"), k = p.word("k"), bias = p.word("bias")
        p.assume(k < .width && isMultiple(a, ofPowerWithExponent: k) && isMultiple(b, ofPowerWithExponent: k))
        let sameWord = Kernels.buddyStateWord(position: a &>> k, bias: bias) == Kernels.buddyStateWord(position: b &>> k, bias: bias)
        let sameShift = Kernels.buddyStateShift(position: a &>> k) == Kernels.buddyStateShift(position: b &>> k)
        return (sameWord && sameShift).implies(a == b)
    },
    Lemma("buddyStateShift.pairInsideTheWord", covers: ["buddyStateShift"]) { p in
        // Both bits of a pair lie in its word: the shift is even, so the
        // second bit is at most the word's last.
        let position = p.word("position")
        let shift = Kernels.buddyStateShift(position: position)
        return shift &+ 1 < .width && (shift & 1) == 0
    },
    Lemma("buddyState.pairInsideTheStateWords", covers: ["wordIndex", "bitOffset", "wordsForBits"]) { p in
        // Position i of a bitmap of n positions, two bits each: both bits lie
        // in one word (the offset is even) among the wordsForBits(2n) words.
        let i = p.word("i"), n = p.word("n")
        p.assume(i < n && n <= (Word.allOnes &>> 1))
        let pair = i &<< 1
        let offset = Kernels.bitOffset(pair)
        return Kernels.wordIndex(pair) < Kernels.wordsForBits(n &<< 1)
            && offset &+ 1 < .width && (offset & 1) == 0
    },
    Lemma("buddyState.oddPairsStraddleWords", covers: ["bitOffset"], expect: .refuted) { p in
        // Pairs must start at even bits: at an odd bit the second bit of the
        // last pair of a word would fall into the next word.
        let j = p.word("j")
        return Kernels.bitOffset(j) &+ 1 < .width
    },
]
}
