// The checks of the slab allocator's free lists and the address of a live
// bit, proved in Proofs/Lemmas/SlabFreeListLemmas.swift.
//
// A slab's free list lives in its freed objects (the first word of each
// links the next), memory a program can write after a use after free. A
// link popped from it is accepted only when it is the start of an object the
// slab has handed out: `slabObjectSlot` maps an offset from the slab's base
// to the object's index in one multiplication and one rotation, no division.
extension Kernels {
    /// The inverse, modulo 2^W, of `oddPart`, the odd part of a class size
    /// (the size shifted right by its trailing zeros: 1, 3, 5 or 7 for every
    /// class, lemma `slabClassSize.oddPartIsOneThreeFiveOrSeven`): the
    /// constant `slabObjectSlot` multiplies by. Five Newton steps from the
    /// odd part itself, which is its own inverse modulo 8: each step doubles
    /// the correct low bits (3, 6, 12, 24, 48, 96), enough for every width up
    /// to 64 (lemmas `slabSizeInverse.invertsTheOddPart…`).
    ///
    /// - Precondition: `oddPart` is odd. Computed once per class, when the
    ///   allocator takes its first region.
    @inlinable @inline(__always)
    public static func slabSizeInverse<W: KernelWord>(oddPart: W) -> W {
        var inverse = oddPart
        for _ in 0 ..< 5 { inverse = inverse &* (2 &- oddPart &* inverse) }
        return inverse
    }

    /// The index of the object starting `offset` bytes after a slab's base,
    /// for objects of `classSize = odd × 2^sizeShift` bytes: `offset / classSize`
    /// when `offset` is a multiple of it, and otherwise a value beyond every
    /// slab's capacity. So one unsigned comparison `slot < handedOut` accepts
    /// exactly the starts of the first `handedOut` objects, for every
    /// `offset` word (an address below the base wraps to a huge offset and is
    /// refused the same way): lemmas `slabObjectSlot.acceptsOnlyObjectStarts…`
    /// and `slabObjectSlot.findsEveryObject…`, for every slab of at most
    /// `2^24` bytes.
    ///
    /// It multiplies by the odd part's inverse (`slabSizeInverse`), which maps
    /// the multiples of the odd part onto their quotients, and rotates right
    /// by `sizeShift`, which brings bits of a remainder by the power of two
    /// to the top. (Granlund and Montgomery's exact division test.)
    ///
    /// - Precondition: `sizeShift < W.bitWidth` is `classSize`'s number of
    ///   trailing zeros and `inverse` is `slabSizeInverse(oddPart: classSize >> sizeShift)`.
    @inlinable @inline(__always)
    public static func slabObjectSlot<W: KernelWord>(offset: W, inverse: W, sizeShift: W) -> W {
        let product = offset &* inverse
        let width = W(word: UInt(W.bitWidth))
        return (product &>> sizeShift) | (product &<< ((width &- sizeShift) & (width &- 1)))
    }

    /// The live-word bias of a region whose live bitmap starts at address
    /// `words` with the granule at `windowStart` (its first window, aligned to
    /// `16 × W.bitWidth` bytes): the word holding the live bit of an address
    /// of the region is then `slabLiveWord(address, bias)`, its bit
    /// `bitOffset(address >> 4)` (lemma `slabLiveWord.isTheRegionsBitmapWord`).
    ///
    /// - Precondition: `windowStart` is aligned to `16 × W.bitWidth` bytes
    ///   (slabs of at least that size: the allocator's `slabShift` is at least 10).
    @inlinable @inline(__always)
    public static func slabLiveWordBias<W: KernelWord>(words: W, windowStart: W) -> W {
        words &- (wordIndex(windowStart &>> 4) &<< W(word: UInt((W.bitWidth / 8).trailingZeroBitCount)))
    }

    /// The address of the bitmap word holding the live bit of the 16-byte
    /// granule at `address`, from its region's `slabLiveWordBias`: two shifts
    /// and an add, with no region or window arithmetic on the hot paths.
    ///
    /// - Precondition: `address` lies in the region, at or after the window
    ///   start the bias was computed from.
    @inlinable @inline(__always)
    public static func slabLiveWord<W: KernelWord>(address: W, bias: W) -> W {
        bias &+ (wordIndex(address &>> 4) &<< W(word: UInt((W.bitWidth / 8).trailingZeroBitCount)))
    }

    /// The live-bitmap word `bits` with bit `offset` cleared: `bits & ~bit(offset)`,
    /// written as `bits` and a rotation of `~1` (lemma
    /// `slabClearedLiveBit.clearsOnlyThatBit`), the form x86 compiles to one
    /// bit-reset instruction even where the free's test of the same bit has
    /// already built `bit(offset)`.
    ///
    /// - Precondition: `offset < W.bitWidth`.
    @inlinable @inline(__always)
    public static func slabClearedLiveBit<W: KernelWord>(_ bits: W, offset: W) -> W {
        let width = W(word: UInt(W.bitWidth))
        let allButBitZero: W = ~1
        return bits & ((allButBitZero &<< offset) | (allButBitZero &>> ((0 &- offset) & (width &- 1))))
    }
}
