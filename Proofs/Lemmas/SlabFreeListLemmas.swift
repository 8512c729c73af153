// Lemmas about the checks of the slab allocator's free lists, its live-bit
// words and the widths of its descriptor fields
// (Sources/Allocators/Kernels/SlabFreeListKernels.swift).
//
// A class size is odd × 2^k with odd in {1, 3, 5, 7} and k >= 4
// (`slabClassSize.oddPartIsOneThreeFiveOrSeven`), so the link check is proved
// per odd part with the shift k symbolic: for every class of every slab of
// at most 2^24 bytes, at every width. The multiplications stay by constants,
// which the solver folds: soundness is stated for every offset written as
// y × odd, which is every word (`slabSizeInverse.invertsTheOddPart…`: an
// offset x is (x × inverse) × odd).
import Allocators
import AllocatorSpec

private let oddParts: [UInt] = [1, 3, 5, 7]

/// The bounds of a slab of at most 2^24 bytes: a class of `odd × 2^k` bytes
/// (16 to 2^21) and a count `handedOut` of its objects that fit the slab.
private func assumeSlabBounds<let bits: Int>(
    _ p: ProofScope<bits>, odd: SymbolicWord<bits>, shift k: SymbolicWord<bits>, handedOut: SymbolicWord<bits>
) {
    let slab = SymbolicWord<bits>(integerLiteral: 1 << 24)
    p.assume(k >= 4 && k <= 21 && handedOut <= slab && handedOut &* odd <= (slab &>> k))
}

func slabSlotLemmas<let bits: Int>() -> [Lemma<bits>] {
    typealias Word = SymbolicWord<bits>
    return oddParts.flatMap { (oddPart: UInt) -> [Lemma<bits>] in [
    Lemma("slabSizeInverse.invertsTheOddPart\(oddPart)", covers: ["slabSizeInverse"]) { p in
        // Multiplying by the inverse and then by the odd part gives back any word.
        let odd = Word(word: oddPart), x = p.word("x")
        return (x &* Kernels.slabSizeInverse(oddPart: odd)) &* odd == x
    },
    Lemma("slabObjectSlot.acceptsOnlyObjectStartsForOddPart\(oddPart)", covers: ["slabSizeInverse", "slabObjectSlot"]) { p in
        // A slot below the count of handed-out objects is the index of the
        // object the offset starts: offset = slot × odd × 2^k.
        let odd = Word(word: oddPart)
        let y = p.word("y"), k = p.word("k"), handedOut = p.word("handedOut")
        assumeSlabBounds(p, odd: odd, shift: k, handedOut: handedOut)
        let offset = y &* odd
        let slot = Kernels.slabObjectSlot(offset: offset, inverse: Kernels.slabSizeInverse(oddPart: odd), sizeShift: k)
        return (slot < handedOut).implies((slot &<< k) &* odd == offset)
    },
    Lemma("slabObjectSlot.findsEveryObjectForOddPart\(oddPart)", covers: ["slabSizeInverse", "slabObjectSlot"]) { p in
        // The start of every handed-out object is accepted, as its index.
        let odd = Word(word: oddPart)
        let index = p.word("index"), k = p.word("k"), handedOut = p.word("handedOut")
        assumeSlabBounds(p, odd: odd, shift: k, handedOut: handedOut)
        let offset = (index &<< k) &* odd
        let slot = Kernels.slabObjectSlot(offset: offset, inverse: Kernels.slabSizeInverse(oddPart: odd), sizeShift: k)
        return (index < handedOut).implies(slot == index)
    },
] }
}

func slabFreeListLemmas<let bits: Int>() -> [Lemma<bits>] {
    typealias Word = SymbolicWord<bits>
    return [
    Lemma("slabClassSize.oddPartIsOneThreeFiveOrSeven", covers: ["slabClassSize"]) { p in
        // Every class is odd × 2^k with odd in {1, 3, 5, 7} and k >= 4: the
        // odd parts the link-check lemmas are proved for.
        let index = p.word("index")
        p.assume(index < Word(word: UInt(4 * (Word.bitWidth - 8) + 8)))
        let size = Kernels.slabClassSize(index: index)
        let k = size.trailingZeros, odd = size &>> size.trailingZeros
        return k >= 4 && (odd == 1 || odd == 3 || odd == 5 || odd == 7)
    },
    Lemma("slabObjectSlot.withoutTheRotationAcceptsInteriorOffsets", covers: ["slabObjectSlot"], expect: .refuted) { p in
        // The guard that matters: shifting the product right instead of
        // rotating it drops the remainder by 2^k, so an offset inside an
        // object passes for an object start.
        let odd: Word = 3
        let y = p.word("y"), k = p.word("k"), handedOut = p.word("handedOut")
        assumeSlabBounds(p, odd: odd, shift: k, handedOut: handedOut)
        let offset = y &* odd
        let shifted = (offset &* Kernels.slabSizeInverse(oddPart: odd)) &>> k
        return (shifted < handedOut).implies((shifted &* odd) &<< k == offset)
    },
    Lemma("slabSizeInverse.oneNewtonStepTooFewMisses", covers: ["slabObjectSlot"], expect: .refuted) { p in
        // The guard that matters: from the 3 correct bits of 3 (or 5), n
        // steps give 3 × 2^n bits; with one step fewer than a full word
        // needs (four at 64 bits: 48; three at 32 bits: 24) the check misses
        // object starts of the classes with odd part 3 (7 is its own inverse
        // to 4 bits, so it happens to need a step less).
        let odd: Word = 3
        var inverse = odd
        let steps = Int.bitWidth - 1 - (bits / 3).leadingZeroBitCount
        for _ in 0 ..< steps { inverse = inverse &* (2 &- odd &* inverse) }
        let index = p.word("index"), k = p.word("k"), handedOut = p.word("handedOut")
        assumeSlabBounds(p, odd: odd, shift: k, handedOut: handedOut)
        let slot = Kernels.slabObjectSlot(offset: (index &<< k) &* odd, inverse: inverse, sizeShift: k)
        return (index < handedOut).implies(slot == index)
    },
    Lemma("slabLiveWord.isTheRegionsBitmapWord", covers: ["slabLiveWordBias", "slabLiveWord", "wordIndex", "bitOffset"]) { p in
        // With the bias of a region whose first window starts at `start`
        // (aligned to 16 × W bytes, one bitmap word), the word and bit of an
        // address are those of its granule counted from `start` in the
        // region's bitmap at `words`.
        let words = p.word("words"), start = p.word("start"), address = p.word("address")
        let wordSpan = Word(word: UInt(4 + Word.bitWidth.trailingZeroBitCount))
        p.assume(isMultiple(start, ofPowerWithExponent: wordSpan) && start <= address)
        let granule = (address &- start) &>> 4
        let bias = Kernels.slabLiveWordBias(words: words, windowStart: start)
        let word = Kernels.slabLiveWord(address: address, bias: bias)
        return word == words &+ Kernels.wordIndex(granule) &* Word(word: UInt(Word.bitWidth / 8))
            && Kernels.bitOffset(address &>> 4) == Kernels.bitOffset(granule)
    },
    Lemma("slabLiveWord.unalignedWindowMisses", covers: ["slabLiveWordBias", "slabLiveWord"], expect: .refuted) { p in
        // The guard that matters: a first window aligned only to a granule
        // puts its granules in other words (why slabShift is at least 10).
        let words = p.word("words"), start = p.word("start"), address = p.word("address")
        p.assume(isMultiple(start, ofPowerWithExponent: 4) && start <= address)
        let granule = (address &- start) &>> 4
        let bias = Kernels.slabLiveWordBias(words: words, windowStart: start)
        return Kernels.slabLiveWord(address: address, bias: bias) == words &+ Kernels.wordIndex(granule) &* Word(word: UInt(Word.bitWidth / 8))
    },
    Lemma("slabClearedLiveBit.clearsOnlyThatBit", covers: ["slabClearedLiveBit", "bit"]) { p in
        // The rotation of ~1 is ~bit(offset) for every offset below the
        // width, 0 included (whose right shift is masked to 0, not the width).
        let bits = p.word("bits"), offset = p.word("offset")
        p.assume(offset < Word(word: UInt(Word.bitWidth)))
        return Kernels.slabClearedLiveBit(bits, offset: offset) == bits & ~Kernels.bit(offset)
    },
    Lemma("slabClearedLiveBit.withoutTheRotationClearsTheLowerBits", covers: ["slabClearedLiveBit"], expect: .refuted) { p in
        // The guard that matters: the left shift of ~1 alone (no rotation)
        // also clears every bit below `offset`, the live bits of other objects.
        let bits = p.word("bits"), offset = p.word("offset")
        p.assume(offset < Word(word: UInt(Word.bitWidth)))
        let allButBitZero: Word = ~1
        return bits & (allButBitZero &<< offset) == bits & ~Kernels.bit(offset)
    },
    Lemma("slabDescriptor.countsFitThirtyTwoBits", covers: ["slabClassSize", "slabCapacity"]) { p in
        // The descriptor's 32-bit fields: every class of a slab of at most
        // 2^24 bytes is at most 2^21 bytes, and a slab block of at most 2^24
        // bytes holds at most 2^20 objects of 16 bytes or more, at every width.
        let index = p.word("index"), size = p.word("size"), bytes = p.word("bytes")
        p.assume(index < Word(word: UInt(SlabClasses.classCount(slabBytes: 1 << 24))))
        p.assume(size >= 16 && bytes <= Word(integerLiteral: 1 << 24))
        return Kernels.slabClassSize(index: index) <= Word(integerLiteral: 1 << 21)
            && Kernels.slabCapacity(classSize: size, slabBytes: bytes) <= Word(integerLiteral: 1 << 20)
    },
]
}
