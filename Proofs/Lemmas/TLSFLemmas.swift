// Lemmas about the TLSF kernels (Sources/Allocators/Kernels/TLSFKernels.swift),
// at each word width for every valid configuration of that width: 16 or 32
// second-level lists and every granularity from two words (8 bytes at 32
// bits, 16 at 64) to 4 KiB.
import Allocators
import AllocatorSpec

/// A valid configuration as two inputs (`TLSFAllocator.isValidConfiguration`):
/// secondLevelLog2 in {4, 5}, granularityLog2 from log2 of two words to 12.
private func configuration<let bits: Int>(_ p: ProofScope<bits>) -> (sl: SymbolicWord<bits>, g: SymbolicWord<bits>) {
    let sl = p.word("secondLevelLog2"), g = p.word("granularityLog2")
    let twoWords = SymbolicWord<bits>.constant((bits / 4).trailingZeroBitCount)
    p.assume((sl == 4 || sl == 5) && g >= twoWords && g <= 12)
    return (sl, g)
}

/// A block size: a non-zero multiple of the granularity.
private func blockSize<let bits: Int>(_ p: ProofScope<bits>, _ name: String, _ g: SymbolicWord<bits>) -> SymbolicWord<bits> {
    let size = p.word(name)
    p.assume(size != 0 && isMultiple(size, ofPowerWithExponent: g))
    return size
}

/// Class (f1, s1) is at or above class (f2, s2) in size order.
private func classAtOrAbove<let bits: Int>(
    _ f1: SymbolicWord<bits>, _ s1: SymbolicWord<bits>, _ f2: SymbolicWord<bits>, _ s2: SymbolicWord<bits>
) -> SymbolicCondition {
    f1 > f2 || (f1 == f2 && s1 >= s2)
}

/// `tlsfAlignedPayload`'s precondition, exactly: `alignment` is a power of
/// two above G, `start` a multiple of G, and `start + 2 * alignment + 2G`
/// fits in a word (so 2 * alignment does: the exponent is below bits - 1).
private func assumeAlignedPayloadPrecondition<let bits: Int>(
    _ p: ProofScope<bits>, start: SymbolicWord<bits>, alignment a: SymbolicWord<bits>, exponent e: SymbolicWord<bits>,
    granularityLog2 g: SymbolicWord<bits>
) {
    p.assume(isMultiple(start, ofPowerWithExponent: g) && a > (1 &<< g) && e < .width &- 1)
    p.assume(addsWithoutWrapping(start, (a &<< 1) &+ (2 &<< g)))
}

/// `k`: the TLSF kernels the byte model borrows (pool layout, required gap,
/// live block size) and the insert mapping, replaced by broken copies in
/// Proofs/Mutants.swift.
func tlsfLemmas<let bits: Int>(_ k: ModelKernels<bits> = .shipped) -> [Lemma<bits>] {
    typealias Word = SymbolicWord<bits>
    return [
    // MARK: Control structure

    Lemma("tlsf.controlIndicesStayInside",
          covers: ["tlsfFirstLevelCount", "tlsfControlBytes", "tlsfSecondLevelBitmapIndex", "tlsfListHeadIndex"]) { p in
        // Every bitmap word and list head the allocator touches lies inside
        // the control structure (word 0 is the first-level bitmap), no two
        // overlap, and the structure is small.
        let (sl, g) = configuration(p)
        let f = p.word("f"), s = p.word("s"), f2 = p.word("f2"), s2 = p.word("s2")
        let count = Kernels.tlsfFirstLevelCount(secondLevelLog2: sl, granularityLog2: g)
        let bytes = Kernels.tlsfControlBytes(secondLevelLog2: sl, granularityLog2: g)
        p.assume(f < count && s < (1 &<< sl) && f2 < count && s2 < (1 &<< sl))
        let bitmap = Kernels.tlsfSecondLevelBitmapIndex(firstLevel: f)
        let head = Kernels.tlsfListHeadIndex(firstLevel: f, secondLevel: s, secondLevelLog2: sl, granularityLog2: g)
        let otherBitmap = Kernels.tlsfSecondLevelBitmapIndex(firstLevel: f2)
        let otherHead = Kernels.tlsfListHeadIndex(firstLevel: f2, secondLevel: s2, secondLevelLog2: sl, granularityLog2: g)
        let inside = { (word: Word) in word >= 1 && (word &+ 1) &* .byteCount <= bytes }
        return SymbolicCondition.all([
            count >= 1, count <= .width, bytes <= .power(16), inside(bitmap), inside(head),
            head != otherBitmap, (bitmap == otherBitmap).iff(f == f2), (head == otherHead).iff(f == f2 && s == s2),
        ])
    },

    // MARK: mapping_insert

    Lemma("tlsf.mappingInsert.indicesInRange", covers: ["tlsfMappingInsert", "tlsfFirstLevelCount"]) { p in
        // VulkanMemoryAllocator #231, C TLSF PR #2: indices never leave the tables.
        let (sl, g) = configuration(p)
        let size = p.word("size")
        p.assume(size != 0)
        let m = k.tlsfMappingInsert(size, secondLevelLog2: sl, granularityLog2: g)
        return m.firstLevel < Kernels.tlsfFirstLevelCount(secondLevelLog2: sl, granularityLog2: g)
            && m.secondLevel < (1 &<< sl)
    },
    Lemma("tlsf.mappingInsert.classContainsTheSize", covers: ["tlsfMappingInsert", "tlsfClassLowerBound"]) { p in
        let (sl, g) = configuration(p)
        let size = p.word("size")
        p.assume(size != 0)
        let m = k.tlsfMappingInsert(size, secondLevelLog2: sl, granularityLog2: g)
        let lower = Kernels.tlsfClassLowerBound(firstLevel: m.firstLevel, secondLevel: m.secondLevel, secondLevelLog2: sl, granularityLog2: g)
        let width = select(m.firstLevel == 0, 1 &<< g, 1 &<< (m.firstLevel &+ g &- 1))
        return lower <= size && size &- lower < width
    },
    Lemma("tlsf.mappingInsert.withoutClearingTheLeadingBit", covers: ["tlsfMappingInsert"], expect: .refuted) { p in
        // The second-level index must drop the size's leading bit; keeping it
        // indexes past the second level.
        let (sl, g) = configuration(p)
        let size = p.word("size")
        p.assume(size >= (1 &<< (sl &+ g)))
        let second = size &>> (Kernels.floorLog2(size) &- sl)
        return second < (1 &<< sl)
    },
    Lemma("tlsf.mappingInsert.monotone", covers: ["tlsfMappingInsert"]) { p in
        let (sl, g) = configuration(p)
        let a = p.word("a"), b = p.word("b")
        p.assume(a != 0 && a <= b)
        let ma = k.tlsfMappingInsert(a, secondLevelLog2: sl, granularityLog2: g)
        let mb = k.tlsfMappingInsert(b, secondLevelLog2: sl, granularityLog2: g)
        return classAtOrAbove(mb.firstLevel, mb.secondLevel, ma.firstLevel, ma.secondLevel)
    },

    // MARK: mapping_search

    Lemma("tlsf.mappingSearch.everyBlockAtOrAboveTheClassFits", covers: ["tlsfMappingSearch", "tlsfMappingInsert"]) { p in
        // Any free block filed in the found class or a higher one holds the request.
        let (sl, g) = configuration(p)
        let size = blockSize(p, "size", g)
        let block = p.word("block")
        p.assume(block != 0)
        let s = Kernels.tlsfMappingSearch(size, secondLevelLog2: sl, granularityLog2: g)
        let b = k.tlsfMappingInsert(block, secondLevelLog2: sl, granularityLog2: g)
        p.assume(!s.overflow && classAtOrAbove(b.firstLevel, b.secondLevel, s.firstLevel, s.secondLevel))
        return block >= size
    },
    Lemma("tlsf.mappingSearch.insertWouldNotFit", covers: ["tlsfMappingInsert"], expect: .refuted) { p in
        // Searching with mapping_insert (rounding down) finds blocks too small.
        let (sl, g) = configuration(p)
        let size = blockSize(p, "size", g)
        let block = p.word("block")
        p.assume(block != 0)
        let s = k.tlsfMappingInsert(size, secondLevelLog2: sl, granularityLog2: g)
        let b = k.tlsfMappingInsert(block, secondLevelLog2: sl, granularityLog2: g)
        p.assume(classAtOrAbove(b.firstLevel, b.secondLevel, s.firstLevel, s.secondLevel))
        return block >= size
    },
    Lemma("tlsf.mappingSearch.inRangeUpToTheLimit", covers: ["tlsfMappingSearch", "tlsfSearchLimit", "tlsfFirstLevelCount"]) { p in
        // C TLSF PR #3 (2017): the round-up near the top of the range must not
        // push the first level past the table. Every size up to the limit maps.
        let (sl, g) = configuration(p)
        let size = blockSize(p, "size", g)
        p.assume(size <= Kernels.tlsfSearchLimit())
        let s = Kernels.tlsfMappingSearch(size, secondLevelLog2: sl, granularityLog2: g)
        return !s.overflow && s.firstLevel < Kernels.tlsfFirstLevelCount(secondLevelLog2: sl, granularityLog2: g)
            && s.secondLevel < (1 &<< sl)
    },
    Lemma("tlsf.mappingSearch.rejectedAboveTheLimit", covers: ["tlsfMappingSearch", "tlsfSearchLimit"]) { p in
        let (sl, g) = configuration(p)
        let size = p.word("size")
        p.assume(size > Kernels.tlsfSearchLimit())
        let s = Kernels.tlsfMappingSearch(size, secondLevelLog2: sl, granularityLog2: g)
        return s.overflow && s.firstLevel == 0 && s.secondLevel == 0
    },
    Lemma("tlsf.mappingSearch.unguardedRoundUpWraps", covers: ["tlsfMappingSearch"], expect: .refuted) { p in
        // The round-up without the limit (C TLSF before 2017, 4,232,528,768 on
        // 32 bits): near the top it wraps and picks a class too small.
        let (sl, g) = configuration(p)
        let size = blockSize(p, "size", g)
        p.assume(size >= (1 &<< (sl &+ g)))
        let rounded = size &+ Kernels.lowMask(Kernels.floorLog2(size) &- sl)
        let m = k.tlsfMappingInsert(rounded, secondLevelLog2: sl, granularityLog2: g)
        let lower = Kernels.tlsfClassLowerBound(firstLevel: m.firstLevel, secondLevel: m.secondLevel, secondLevelLog2: sl, granularityLog2: g)
        return rounded != 0 && lower >= size
    },
    Lemma("tlsf.mappingSearch.monotone", covers: ["tlsfMappingSearch"]) { p in
        let (sl, g) = configuration(p)
        let a = blockSize(p, "a", g), b = blockSize(p, "b", g)
        p.assume(a <= b && b <= Kernels.tlsfSearchLimit())
        let ma = Kernels.tlsfMappingSearch(a, secondLevelLog2: sl, granularityLog2: g)
        let mb = Kernels.tlsfMappingSearch(b, secondLevelLog2: sl, granularityLog2: g)
        return classAtOrAbove(mb.firstLevel, mb.secondLevel, ma.firstLevel, ma.secondLevel)
    },
    Lemma("tlsf.mappingSearch.lowerBoundIsAFixedPoint", covers: ["tlsfMappingSearch", "tlsfMappingInsert", "tlsfClassLowerBound"]) { p in
        // insert(lower(search(s))) == search(s), and lower(search(s)) >= s: a
        // free block of the class bound is filed in the very class searched,
        // the step the completeness gap (tlsfRequiredGap) rests on.
        let (sl, g) = configuration(p)
        let size = blockSize(p, "size", g)
        let s = Kernels.tlsfMappingSearch(size, secondLevelLog2: sl, granularityLog2: g)
        p.assume(!s.overflow)
        let lower = Kernels.tlsfClassLowerBound(firstLevel: s.firstLevel, secondLevel: s.secondLevel, secondLevelLog2: sl, granularityLog2: g)
        let back = k.tlsfMappingInsert(lower, secondLevelLog2: sl, granularityLog2: g)
        return lower >= size && back.firstLevel == s.firstLevel && back.secondLevel == s.secondLevel
    },
    Lemma("tlsf.mappingSearch.trimToTheRequestedSize", covers: ["tlsfMappingSearch", "tlsfMappingInsert"], expect: .refuted) { p in
        // espressif/tlsf PR #2, tlsf-bsd #4, #5: a block trimmed to the
        // requested size is filed below the class that request searches, so
        // the search alone misses it once freed: the second look is needed.
        let (sl, g) = configuration(p)
        let size = blockSize(p, "size", g)
        let s = Kernels.tlsfMappingSearch(size, secondLevelLog2: sl, granularityLog2: g)
        p.assume(!s.overflow)
        let back = k.tlsfMappingInsert(size, secondLevelLog2: sl, granularityLog2: g)
        return back.firstLevel == s.firstLevel && back.secondLevel == s.secondLevel
    },

    Lemma("tlsf.mappingSearch.missesOnlyTheSizesOwnClass", covers: ["tlsfMappingSearch", "tlsfMappingInsert"]) { p in
        // The second look: a free block of at least `size` bytes is filed at
        // or above the class searched for `size`, or in `size`'s own insert
        // class, whose head the allocator checks when the search fails. So a
        // block trimmed to the request and freed serves that request again
        // (espressif/tlsf PR #2, tlsf-bsd #4, #5).
        let (sl, g) = configuration(p)
        let size = blockSize(p, "size", g), free = blockSize(p, "free", g)
        let s = Kernels.tlsfMappingSearch(size, secondLevelLog2: sl, granularityLog2: g)
        p.assume(!s.overflow && free >= size)
        let filed = k.tlsfMappingInsert(free, secondLevelLog2: sl, granularityLog2: g)
        let own = k.tlsfMappingInsert(size, secondLevelLog2: sl, granularityLog2: g)
        return classAtOrAbove(filed.firstLevel, filed.secondLevel, s.firstLevel, s.secondLevel)
            || (filed.firstLevel == own.firstLevel && filed.secondLevel == own.secondLevel)
    },

    // MARK: The bitmap search

    Lemma("tlsf.nextFirstLevelSearchInRange", covers: ["tlsfFirstLevelCount"]) { p in
        // The first-level step of the search, find-first-set at or above f + 1,
        // shifts in range for the last first level too and finds a set bit of
        // the table or nothing.
        let (sl, g) = configuration(p)
        let bitmap = p.word("bitmap"), f = p.word("f")
        let count = Kernels.tlsfFirstLevelCount(secondLevelLog2: sl, granularityLog2: g)
        p.assume(f < count && (bitmap &>> count) == 0)
        let next = Kernels.findFirstSetAtOrAbove(bitmap, f &+ 1)
        return next == .width || (next > f && next < count && bitIsSet(bitmap, next & (.width &- 1)))
    },

    // MARK: Block sizes

    Lemma("tlsf.blockSize.holdsHeaderAndPayload", covers: ["tlsfBlockSize"]) { p in
        // Odin PR #4820: the adjusted size is never below the minimum block.
        let (_, g) = configuration(p)
        let request = p.word("request")
        let b = Kernels.tlsfBlockSize(request, granularityLog2: g)
        p.assume(!b.overflow)
        let granule: Word = 1 &<< g, minimum: Word = 2 &<< g
        return SymbolicCondition.all([
            b.value >= request &+ granule, b.value >= minimum, isMultiple(b.value, ofPowerWithExponent: g),
            b.value &- request <= minimum, b.value > request,
        ])
    },
    Lemma("tlsf.blockSize.overflowNearTheTop", covers: ["tlsfBlockSize"]) { p in
        // C TLSF #22 (malloc(SIZE_MAX)): no wrapped tiny block; overflow is flagged.
        let (_, g) = configuration(p)
        let request = p.word("request")
        p.assume(request > ~((2 &<< g) &- 1))
        return Kernels.tlsfBlockSize(request, granularityLog2: g).overflow
    },
    Lemma("tlsf.blockSize.withoutTheMinimum", covers: ["tlsfBlockSize"], expect: .refuted) { p in
        // Header plus rounded payload alone is below the minimum block for
        // tiny requests: its free-list links would overlap the next header.
        let (_, g) = configuration(p)
        let request = p.word("request")
        p.assume(request < .power(20))
        return Kernels.alignUpUnchecked(request &+ (1 &<< g), to: 1 &<< g) >= (2 &<< g)
    },
    Lemma("tlsf.payloadCapacity.agreesWithTheBlockSize", covers: ["tlsfPayloadCapacity", "tlsfBlockSize"]) { p in
        // The one-comparison size check of deallocate accepts exactly the
        // requests whose block fits, for every request word (a negative Int
        // is a word at or above the top bit, above any capacity).
        let (_, g) = configuration(p)
        let request = p.word("request"), block = blockSize(p, "block", g)
        p.assume(block >= (2 &<< g))
        let b = Kernels.tlsfBlockSize(request, granularityLog2: g)
        let fits = !b.overflow && b.value <= block
        return (request <= Kernels.tlsfPayloadCapacity(block, granularityLog2: g)).iff(fits)
    },
    Lemma("tlsf.payloadCapacity.forAnyBlockSize", covers: ["tlsfPayloadCapacity"], expect: .refuted) { p in
        // The precondition matters: for a block size that is not a multiple
        // of G the comparison accepts a request whose block does not fit.
        let (_, g) = configuration(p)
        let request = p.word("request"), block = p.word("block")
        p.assume(block >= (2 &<< g) && block < .power(bits / 2))
        let b = Kernels.tlsfBlockSize(request, granularityLog2: g)
        let fits = !b.overflow && b.value <= block
        return (request <= Kernels.tlsfPayloadCapacity(block, granularityLog2: g)).iff(fits)
    },
    Lemma("tlsf.usedBlock.holdsTheRequest", covers: ["tlsfUsedBlock"]) { p in
        let (sl, g) = configuration(p)
        let request = p.word("request")
        let r = Kernels.tlsfUsedBlock(request, secondLevelLog2: sl, granularityLog2: g)
        p.assume(!r.invalid)
        let granule: Word = 1 &<< g, minimum: Word = 2 &<< g
        return r.value >= request &+ granule && r.value > request && r.value >= minimum
    },
    Lemma("tlsf.usedBlock.isABlockSizeWithinTheLimit", covers: ["tlsfUsedBlock"]) { p in
        let (sl, g) = configuration(p)
        let request = p.word("request")
        let r = Kernels.tlsfUsedBlock(request, secondLevelLog2: sl, granularityLog2: g)
        p.assume(!r.invalid)
        let limit: Word = Kernels.tlsfSearchLimit()
        return isMultiple(r.value, ofPowerWithExponent: g) && r.value <= limit
    },
    Lemma("tlsf.usedBlock.costsNoRounding", covers: ["tlsfUsedBlock", "tlsfBlockSize"]) { p in
        // The used block is the request's block size: the class rounding of
        // the search costs no memory (rlsf trims the same way).
        let (sl, g) = configuration(p)
        let request = p.word("request")
        let r = Kernels.tlsfUsedBlock(request, secondLevelLog2: sl, granularityLog2: g)
        p.assume(!r.invalid)
        return r.value == Kernels.tlsfBlockSize(request, granularityLog2: g).value
    },
    Lemma("tlsf.usedBlock.validExactlyUpToTheLimitLessAHeader", covers: ["tlsfUsedBlock", "tlsfSearchLimit"]) { p in
        // A request is valid exactly when it is at most the search limit
        // (2^(bits - 1)) less one granule: at 32 bits every request up to
        // 2^31 - G, so the largest Int requests of a 32-bit target
        // (2^31 - G < n < 2^31) are .invalidParam; at 64 bits every request
        // up to 2^63 - G, every non-negative Int but the top few.
        let (sl, g) = configuration(p)
        let request = p.word("request")
        let limit: Word = Kernels.tlsfSearchLimit()
        let valid = !Kernels.tlsfUsedBlock(request, secondLevelLog2: sl, granularityLog2: g).invalid
        return limit == .topBit && valid.iff(request <= limit &- (1 &<< g))
    },
    Lemma("tlsf.maxLiveBlockSize.boundsTheOverhead", covers: ["tlsfMaxLiveBlockSize", "tlsfUsedBlock", "tlsfSplit"]) { p in
        // A used block carved from a free block of the used size or more,
        // keeping an unsplit remainder, is at most the max live block size.
        let (sl, g) = configuration(p)
        let request = p.word("request"), block = blockSize(p, "block", g)
        let r = Kernels.tlsfUsedBlock(request, secondLevelLog2: sl, granularityLog2: g)
        p.assume(!r.invalid && block >= r.value)
        let split = Kernels.tlsfSplit(blockSize: block, usedSize: r.value, granularityLog2: g)
        let kept = select(split.splits, r.value, block)
        let bound = k.tlsfMaxLiveBlockSize(request, secondLevelLog2: sl, granularityLog2: g)
        return kept <= bound && bound > request && kept >= r.value
    },
    Lemma("tlsf.maxLiveBlockSize.atMostThreeGranulesOverTheRequest", covers: ["tlsfMaxLiveBlockSize"]) { p in
        // From above, independently of the kernels (the model's live extent
        // and overhead bound must not swallow neighbours): the header, the
        // rounding to G and an unsplit remainder cost at most 3G.
        let (sl, g) = configuration(p)
        let request = p.word("request")
        p.assume(!Kernels.tlsfUsedBlock(request, secondLevelLog2: sl, granularityLog2: g).invalid)
        let bound = k.tlsfMaxLiveBlockSize(request, secondLevelLog2: sl, granularityLog2: g)
        return bound &- request <= (3 &<< g) && bound > request
    },

    // MARK: Split

    Lemma("tlsf.split.remainderIsABlock", covers: ["tlsfSplit"]) { p in
        let (_, g) = configuration(p)
        let block = blockSize(p, "block", g), used = blockSize(p, "used", g)
        p.assume(used <= block)
        let split = Kernels.tlsfSplit(blockSize: block, usedSize: used, granularityLog2: g)
        let granule: Word = 1 &<< g, minimum: Word = 2 &<< g
        return SymbolicCondition.all([
            used &+ split.remainder == block, isMultiple(split.remainder, ofPowerWithExponent: g),
            split.splits.implies(split.remainder >= minimum), (!split.splits).implies(split.remainder <= granule),
        ])
    },
    Lemma("tlsf.split.atOneGranule", covers: ["tlsfSplit"], expect: .refuted) { p in
        // Splitting off a one-granule remainder leaves no room for its links.
        let (_, g) = configuration(p)
        let block = blockSize(p, "block", g), used = blockSize(p, "used", g)
        p.assume(used < block)
        return block &- used >= (2 &<< g)
    },

    // MARK: Alignment

    Lemma("tlsf.alignedPayload.isAligned", covers: ["tlsfAlignedPayload"]) { p in
        // For every block start the precondition admits: higher-half heaps
        // (addresses at 2^(bits - 1) and above) included.
        let (_, g) = configuration(p)
        let start = p.word("start"), (a, e) = p.powerOfTwo("alignment")
        assumeAlignedPayloadPrecondition(p, start: start, alignment: a, exponent: e, granularityLog2: g)
        let payload = Kernels.tlsfAlignedPayload(blockStart: start, alignment: a, granularityLog2: g)
        return isMultiple(payload, ofPowerWithExponent: e) && payload >= start &+ (1 &<< g)
    },
    Lemma("tlsf.alignedPayload.gapIsEmptyOrABlock", covers: ["tlsfAlignedPayload"]) { p in
        // The header lands on the granularity; the leading gap is empty or a
        // whole minimum block, and at most A + G.
        let (_, g) = configuration(p)
        let start = p.word("start"), (a, e) = p.powerOfTwo("alignment")
        assumeAlignedPayloadPrecondition(p, start: start, alignment: a, exponent: e, granularityLog2: g)
        let payload = Kernels.tlsfAlignedPayload(blockStart: start, alignment: a, granularityLog2: g)
        let granule: Word = 1 &<< g, minimum: Word = 2 &<< g
        let gap = payload &- granule &- start
        return SymbolicCondition.all([
            isMultiple(gap, ofPowerWithExponent: g), gap == 0 || gap >= minimum, gap <= a &+ granule,
        ])
    },
    Lemma("tlsf.alignedPayload.withoutTheBump", covers: ["tlsfAlignedPayload"], expect: .refuted) { p in
        // Taking the first aligned address can leave a gap smaller than a
        // block before the header, which could then neither be freed nor used.
        let (_, g) = configuration(p)
        let start = p.word("start"), (a, e) = p.powerOfTwo("alignment")
        assumeAlignedPayloadPrecondition(p, start: start, alignment: a, exponent: e, granularityLog2: g)
        let payload = Kernels.alignUpUnchecked(start &+ (1 &<< g), to: a)
        let gap = payload &- (1 &<< g) &- start
        return gap == 0 || gap >= (2 &<< g)
    },
    Lemma("tlsf.alignedSearchSize.reservesTheLargestGap", covers: ["tlsfAlignedSearchSize"]) { p in
        // With tlsf.alignedPayload.gapIsEmptyOrABlock (gap <= A + G): a free block of
        // the search size holds the leading gap and the used block after it.
        let (_, g) = configuration(p)
        let used = p.word("used"), (a, _) = p.powerOfTwo("alignment")
        let search = Kernels.tlsfAlignedSearchSize(usedSize: used, alignment: a, granularityLog2: g)
        p.assume(!search.overflow && a > (1 &<< g))
        let largestGap: Word = a &+ (1 &<< g)
        return search.value &- used >= largestGap && search.value > used
    },
    Lemma("tlsf.alignedSearchSize.smallAlignmentsCostNothing", covers: ["tlsfAlignedSearchSize"]) { p in
        let (_, g) = configuration(p)
        let used = p.word("used"), (a, _) = p.powerOfTwo("alignment")
        p.assume(a <= (1 &<< g))
        let search = Kernels.tlsfAlignedSearchSize(usedSize: used, alignment: a, granularityLog2: g)
        return !search.overflow && search.value == used
    },
    Lemma("tlsf.alignedSearchSize.noWrap", covers: ["tlsfAlignedSearchSize", "tlsfSearchLimit"]) { p in
        let (_, g) = configuration(p)
        let used = p.word("used"), (a, _) = p.powerOfTwo("alignment")
        let search = Kernels.tlsfAlignedSearchSize(usedSize: used, alignment: a, granularityLog2: g)
        p.assume(!search.overflow && a > (1 &<< g))
        return search.value > used && search.value <= Kernels.tlsfSearchLimit()
    },

    // MARK: Completeness

    Lemma("tlsf.classBound.guaranteesTheSearch", covers: ["tlsfMappingSearch", "tlsfClassLowerBound", "tlsfMappingInsert"]) { p in
        // Completeness, step 1: a free block at least the lower bound of the
        // class searched for s is filed at or above that class and holds s,
        // so the bitmap search finds a block (this one or another) that fits.
        let (sl, g) = configuration(p)
        let size = blockSize(p, "size", g), free = blockSize(p, "free", g)
        let wanted = Kernels.tlsfMappingSearch(size, secondLevelLog2: sl, granularityLog2: g)
        let bound = Kernels.tlsfClassLowerBound(
            firstLevel: wanted.firstLevel, secondLevel: wanted.secondLevel, secondLevelLog2: sl, granularityLog2: g)
        p.assume(!wanted.overflow && free >= bound)
        let filed = k.tlsfMappingInsert(free, secondLevelLog2: sl, granularityLog2: g)
        return free >= size && classAtOrAbove(filed.firstLevel, filed.secondLevel, wanted.firstLevel, wanted.secondLevel)
    },
    Lemma("tlsf.requiredGap.isTheBoundOfTheClassSearched", covers: ["tlsfRequiredGap", "tlsfUsedBlock", "tlsfAlignedSearchSize", "tlsfMappingSearch", "tlsfClassLowerBound"]) { p in
        // Completeness, step 2: the required gap is the lower bound of the
        // class the allocation path searches (used block size, then the
        // aligned search size). With step 1 and step 3: a free block of the
        // required gap guarantees success.
        let (sl, g) = configuration(p)
        let request = p.word("request"), (a, _) = p.powerOfTwo("alignment")
        let gap = k.tlsfRequiredGap(byteCount: request, alignment: a, secondLevelLog2: sl, granularityLog2: g)
        p.assume(!gap.invalid)
        let used = Kernels.tlsfUsedBlock(request, secondLevelLog2: sl, granularityLog2: g)
        let search = Kernels.tlsfAlignedSearchSize(usedSize: used.value, alignment: a, granularityLog2: g)
        let wanted = Kernels.tlsfMappingSearch(search.value, secondLevelLog2: sl, granularityLog2: g)
        let bound = Kernels.tlsfClassLowerBound(
            firstLevel: wanted.firstLevel, secondLevel: wanted.secondLevel, secondLevelLog2: sl, granularityLog2: g)
        return !used.invalid && !search.overflow && !wanted.overflow && gap.value == bound
    },
    Lemma("tlsf.requiredGap.searchSizeIsSearchable", covers: ["tlsfUsedBlock", "tlsfAlignedSearchSize"]) { p in
        // Completeness, step 3: the size the allocation path searches is a
        // non-zero multiple of G within the limit, as step 1 requires.
        let (sl, g) = configuration(p)
        let request = p.word("request"), (a, _) = p.powerOfTwo("alignment")
        let used = Kernels.tlsfUsedBlock(request, secondLevelLog2: sl, granularityLog2: g)
        let search = Kernels.tlsfAlignedSearchSize(usedSize: used.value, alignment: a, granularityLog2: g)
        p.assume(!used.invalid && !search.overflow)
        let limit: Word = Kernels.tlsfSearchLimit()
        return search.value != 0 && isMultiple(search.value, ofPowerWithExponent: g) && search.value <= limit
    },
    Lemma("tlsf.requiredGap.searchSizeIsNotEnough", covers: ["tlsfRequiredGap"], expect: .refuted) { p in
        // rlsf #15, C TLSF #15: a free block of exactly the search size can
        // sit below the class searched; the gap must be the class bound.
        let (sl, g) = configuration(p)
        let request = p.word("request"), free = blockSize(p, "free", g)
        let used = Kernels.tlsfUsedBlock(request, secondLevelLog2: sl, granularityLog2: g)
        let search = Kernels.tlsfAlignedSearchSize(usedSize: used.value, alignment: 64, granularityLog2: g)
        p.assume(!used.invalid && !search.overflow && free >= search.value && g <= 5)
        let wanted = Kernels.tlsfMappingSearch(search.value, secondLevelLog2: sl, granularityLog2: g)
        let filed = k.tlsfMappingInsert(free, secondLevelLog2: sl, granularityLog2: g)
        return classAtOrAbove(filed.firstLevel, filed.secondLevel, wanted.firstLevel, wanted.secondLevel)
    },
    Lemma("tlsf.requiredGap.validExactlyWhenAllocationIs", covers: ["tlsfRequiredGap", "tlsfUsedBlock", "tlsfAlignedSearchSize"]) { p in
        // The gap is nil exactly when allocate throws .invalidParam: the
        // used size or the aligned search size is rejected.
        let (sl, g) = configuration(p)
        let request = p.word("request"), (a, _) = p.powerOfTwo("alignment")
        let gap = k.tlsfRequiredGap(byteCount: request, alignment: a, secondLevelLog2: sl, granularityLog2: g)
        let used = Kernels.tlsfUsedBlock(request, secondLevelLog2: sl, granularityLog2: g)
        let search = Kernels.tlsfAlignedSearchSize(usedSize: used.value, alignment: a, granularityLog2: g)
        let wanted = Kernels.tlsfMappingSearch(search.value, secondLevelLog2: sl, granularityLog2: g)
        return gap.invalid.iff(used.invalid || search.overflow || wanted.overflow)
    },
    Lemma("tlsf.classBound.atMostAClassWidthAboveTheSize", covers: ["tlsfMappingSearch", "tlsfClassLowerBound"]) { p in
        // The class searched for a block size starts less than one class
        // width (a 16th or a 32nd of the size) above it.
        let (sl, g) = configuration(p)
        let size = blockSize(p, "size", g)
        let wanted = Kernels.tlsfMappingSearch(size, secondLevelLog2: sl, granularityLog2: g)
        p.assume(!wanted.overflow)
        let bound = Kernels.tlsfClassLowerBound(
            firstLevel: wanted.firstLevel, secondLevel: wanted.secondLevel, secondLevelLog2: sl, granularityLog2: g)
        return bound <= size &+ (size &>> sl)
    },
    // From above, independently of the kernels (an inflated gap would switch
    // off the model's "lost memory" check): with m = request + alignment + 3G,
    // requiredGap <= m + m / 2^sl, the class rounding adding under one class
    // width (a 16th or a 32nd) to the request, its alignment and three
    // granules. It follows from four lemmas: the gap is the bound of the
    // class searched for the search size s (isTheBoundOfTheClassSearched),
    // that bound is at most s + s / 2^sl (atMostAClassWidthAboveTheSize),
    // s <= m (searchSizeAtMostTheRequestAlignmentAndThreeGranules) and
    // x + x / 2^sl grows with x (classWidthBoundIsMonotone); proved apart,
    // since the composed query is slow for the solver.
    Lemma("tlsf.requiredGap.searchSizeAtMostTheRequestAlignmentAndThreeGranules",
          covers: ["tlsfUsedBlock", "tlsfAlignedSearchSize"]) { p in
        let (sl, g) = configuration(p)
        let request = p.word("request"), (a, _) = p.powerOfTwo("alignment")
        let used = Kernels.tlsfUsedBlock(request, secondLevelLog2: sl, granularityLog2: g)
        let search = Kernels.tlsfAlignedSearchSize(usedSize: used.value, alignment: a, granularityLog2: g)
        p.assume(!used.invalid && !search.overflow)
        return addsWithoutWrapping(request, a) && search.value <= request &+ a &+ (3 &<< g)
    },
    Lemma("tlsf.requiredGap.classWidthBoundIsMonotone", covers: []) { p in
        let (sl, _) = configuration(p)
        let x = p.word("x"), y = p.word("y")
        p.assume(x <= y && addsWithoutWrapping(y, y &>> sl))
        p.assume((x &>> sl) <= (y &>> sl))  // an instance of lshr.monotone
        return x &+ (x &>> sl) <= y &+ (y &>> sl)
    },

    // MARK: Pools

    Lemma("tlsf.poolLayout.insideTheRegion", covers: ["tlsfPoolLayout"]) { p in
        // The first block and the sentinel are aligned, inside the region,
        // with room for a minimum block between them and the sentinel's 2G
        // bytes before the end; the slack at either end is under G (the
        // sentinel records it in 12 bits); tiny and wrapping regions are
        // rejected (C TLSF #9, #35).
        let (_, g) = configuration(p)
        let start = p.word("start"), size = p.word("size")
        let pool = k.tlsfPoolLayout(start: start, size: size, granularityLog2: g)
        p.assume(!pool.invalid)
        let end = start &+ size, minimum: Word = 2 &<< g, granule: Word = 1 &<< g
        return SymbolicCondition.all([
            end >= start, pool.first >= start, pool.sentinel &+ minimum <= end,
            pool.first &- start < granule, end &- (pool.sentinel &+ minimum) < granule,
            pool.sentinel >= pool.first &+ minimum, pool.sentinel > pool.first,
            isMultiple(pool.first, ofPowerWithExponent: g), isMultiple(pool.sentinel, ofPowerWithExponent: g),
        ])
    },
    Lemma("tlsf.poolLayout.acceptsEveryLargeEnoughRegion", covers: ["tlsfPoolLayout"]) { p in
        let (_, g) = configuration(p)
        let start = p.word("start"), size = p.word("size")
        p.assume(addsWithoutWrapping(start, size) && size >= (5 &<< g))
        return !k.tlsfPoolLayout(start: start, size: size, granularityLog2: g).invalid
    },
    ]
}
