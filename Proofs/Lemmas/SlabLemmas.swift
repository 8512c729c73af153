// The slab allocator's arithmetic: size classes, alignment, slab capacity and
// the object index <-> address bijection.
import Allocators
import AllocatorSpec

/// The largest request size the class kernels accept (their precondition):
/// 2^(bits - 2) bytes, far above any slab's largest class (slabs are at most
/// 2^24 bytes).
private func largestClassRequest<let bits: Int>() -> SymbolicWord<bits> { .power(bits - 2) }

/// The number of classes the class kernels accept (`slabClassSize`'s
/// precondition): 4 per doubling from 128 bytes up to 2^(bits - 1), after 8.
private func classIndexLimit<let bits: Int>() -> SymbolicWord<bits> { .constant(4 * (bits - 8) + 8) }

/// Descriptor `d` of a slab of `2^shift` bytes: one of the 2^(bits - shift)
/// windows of the address space.
private func isDescriptor<let bits: Int>(_ d: SymbolicWord<bits>, slabShift shift: SymbolicWord<bits>) -> SymbolicCondition {
    d <= (SymbolicWord<bits>.allOnes &>> shift)
}

func slabLemmas<let bits: Int>() -> [Lemma<bits>] {
    typealias Word = SymbolicWord<bits>
    return [
    Lemma("slabClassIndex.smallestClassThatFits", covers: ["slabClassIndex", "slabClassSize"]) { p in
        // The class holds the request, the class below does not, and the
        // waste is under 16 bytes or under a quarter of the request.
        let size = p.word("size")
        p.assume(size >= 1 && size <= largestClassRequest())
        let index = Kernels.slabClassIndex(size: size)
        let classSize = Kernels.slabClassSize(index: index)
        let below = select(index == 0, 0, Kernels.slabClassSize(index: index &- 1))
        let waste = classSize &- size
        return index < classIndexLimit() && classSize >= size && below < size && (waste < 16 || waste &* 4 < size)
    },
    Lemma("slabClassSize.increasingMultiplesOf16", covers: ["slabClassSize", "slabMinimumClass"]) { p in
        let index = p.word("index")
        p.assume(index < classIndexLimit() &- 1)
        let size: Word = Kernels.slabClassSize(index: index)
        let next: Word = Kernels.slabClassSize(index: index &+ 1)
        let minimum: Word = Kernels.slabMinimumClass()
        let first: Word = Kernels.slabClassSize(index: 0)
        let increasing = size < next && (size & 15) == 0
        return increasing && first == minimum && minimum >= 8
    },
    Lemma("slabClassSize.respectsAlignment", covers: ["slabRequestSize", "slabClassIndex", "slabClassSize"]) { p in
        // Objects of the class are at multiples of its size in a slab aligned
        // to the slab size, so a class that is a multiple of the alignment
        // serves the request aligned (arceos slab: alignments ignored).
        let byteCount = p.word("byteCount"), (alignment, e) = p.powerOfTwo("alignment")
        let request = Kernels.slabRequestSize(byteCount: byteCount, alignment: alignment)
        p.assume(!request.overflow && request.size <= largestClassRequest())
        let classSize = Kernels.slabClassSize(index: Kernels.slabClassIndex(size: request.size))
        return classSize >= byteCount && isMultiple(classSize, ofPowerWithExponent: e)
    },
    Lemma("slabClassSize.withoutAlignmentRoundingMisaligns", covers: ["slabClassIndex", "slabClassSize"], expect: .refuted) { p in
        let byteCount = p.word("byteCount"), (alignment, e) = p.powerOfTwo("alignment")
        p.assume(byteCount >= 1 && byteCount <= largestClassRequest() && alignment <= largestClassRequest())
        let classSize = Kernels.slabClassSize(index: Kernels.slabClassIndex(size: byteCount))
        return isMultiple(classSize, ofPowerWithExponent: e)
    },
    Lemma("slabGranuleClass.sameClassAsTheRequest", covers: ["slabRequestGranule", "slabGranuleClass", "slabRequestSize", "slabClassIndex"]) { p in
        // The class lookup table: a request aligned to at most 16 bytes has
        // the class of its 16-byte granule, whatever its size inside it.
        let byteCount = p.word("byteCount"), (alignment, _) = p.powerOfTwo("alignment")
        let sixteen: Word = 16
        p.assume(alignment <= sixteen && byteCount <= largestClassRequest())
        let request = Kernels.slabRequestSize(byteCount: byteCount, alignment: alignment)
        let granule = Kernels.slabRequestGranule(byteCount: byteCount)
        return !request.overflow && Kernels.slabGranuleClass(granule: granule) == Kernels.slabClassIndex(size: request.size)
    },
    Lemma("slabRequestSize.atLeastTheRequest", covers: ["slabRequestSize"]) { p in
        let byteCount = p.word("byteCount"), (alignment, e) = p.powerOfTwo("alignment")
        let request = Kernels.slabRequestSize(byteCount: byteCount, alignment: alignment)
        p.assume(!request.overflow)
        return request.size >= byteCount && request.size >= 1 && isMultiple(request.size, ofPowerWithExponent: e)
    },
    Lemma("slabLiveBit.distinctBitsInsideTheBitmap", covers: ["slabLiveBit"]) { p in
        // The granules (16 bytes apart) of the windows of two descriptors
        // have distinct bits, and descriptor d's bits lie below
        // (d + 1) × 2^(shift - 4): a bitmap of that many bits holds them.
        let shift = p.word("shift"), d = p.word("d"), e = p.word("e"), a = p.word("a"), b = p.word("b")
        let granule: Word = 15
        p.assume(shift >= 4 && shift <= 24 && isDescriptor(d, slabShift: shift) && isDescriptor(e, slabShift: shift))
        p.assume((a & granule) == 0 && (b & granule) == 0)
        let bitA = Kernels.slabLiveBit(descriptor: d, address: a, slabShift: shift)
        let bitB = Kernels.slabLiveBit(descriptor: e, address: b, slabShift: shift)
        let mask = (1 &<< shift) &- 1
        let same = d == e && (a & mask) == (b & mask)
        return (bitA == bitB).iff(same) && bitA < ((d &+ 1) &<< (shift &- 4)) && bitA >= (d &<< (shift &- 4))
    },
    Lemma("slabLiveBit.interiorPointerSharesTheObjectsBit", covers: ["slabLiveBit"], expect: .refuted) { p in
        // The guard that matters: a pointer that is not 16-byte aligned has
        // the bit of the granule it is in, so a free must check the alignment.
        let shift = p.word("shift"), d = p.word("d"), e = p.word("e"), a = p.word("a"), b = p.word("b")
        p.assume(shift >= 4 && shift <= 24 && isDescriptor(d, slabShift: shift) && isDescriptor(e, slabShift: shift))
        let bitA = Kernels.slabLiveBit(descriptor: d, address: a, slabShift: shift)
        let bitB = Kernels.slabLiveBit(descriptor: e, address: b, slabShift: shift)
        let mask = (1 &<< shift) &- 1
        return (bitA == bitB).implies(d == e && (a & mask) == (b & mask))
    },
    Lemma("slabDescriptorIndex.isTheWindowsDescriptor", covers: ["slabDescriptorBias", "slabDescriptorIndex", "buddyBitIndex"]) { p in
        // The biased form computes the descriptor of the address's window.
        let shift = p.word("shift"), start = p.word("start"), first = p.word("first"), a = p.word("a")
        p.assume(shift >= 4 && shift <= 24 && start <= a)
        let bias = Kernels.slabDescriptorBias(firstDescriptor: first, regionStart: start, slabShift: shift)
        return Kernels.slabDescriptorIndex(address: a, bias: bias, slabShift: shift)
            == first &+ Kernels.buddyBitIndex(a, order: shift, base: start)
    },
    Lemma("slabBiasedLiveBit.unalignedWindowMisses", covers: ["slabLiveBitBias", "slabBiasedLiveBit"], expect: .refuted) { p in
        // The guard that matters: the bias is taken at a window start; taken
        // at the region's (unaligned) start it gives other bits.
        let shift = p.word("shift"), start = p.word("start"), d = p.word("d"), offset = p.word("offset")
        p.assume(shift >= 4 && shift <= 24 && isDescriptor(d, slabShift: shift) && offset < (1 &<< shift) && start &+ offset >= start)
        let a = start &+ offset
        let bias = Kernels.slabLiveBitBias(descriptor: d, windowStart: start, slabShift: shift)
        return Kernels.slabBiasedLiveBit(address: a, bias: bias) == Kernels.slabLiveBit(descriptor: d, address: a, slabShift: shift)
    },
    Lemma("slabBlockBytes.fillsTheWindowWithTheNextHeader", covers: ["slabBlockBytes"]) { p in
        // A slab block aligned to the slab size plus the backing's header of
        // the next block end exactly at the next window; the block keeps at
        // least half the window.
        let shift = p.word("shift"), header = p.word("header")
        p.assume(shift >= 8 && shift <= 24 && header <= (1 &<< (shift &- 1)))
        let bytes = Kernels.slabBlockBytes(slabShift: shift, headerBytes: header)
        return bytes &+ header == (1 &<< shift) && bytes >= (1 &<< (shift &- 1)) && bytes <= (1 &<< shift)
    },
    ]
}

/// The class sizes a slab of at most 2^24 bytes can serve (at least 8
/// objects per slab): the capacity and bijection lemmas are proved for each,
/// with the class size a constant and everything else symbolic.
private let provedClassIndices = 0 ..< SlabClasses.classCount(slabBytes: 1 << 24)

/// Per class (a constant size, so division and multiplication by it stay
/// linear for the solver), for every slab size 2^8 ... 2^24 and every slab
/// block of at least half of it: the capacity (at least 8, all objects fit
/// the block, one more would not), and the object index <-> address
/// bijection (object i is inside the block and maps back to i, an object
/// start; a pointer inside an object is no object start). Two lemmas per
/// class: together in one query they cost the solver several times more.
func slabClassLemmas<let bits: Int>() -> [Lemma<bits>] {
    typealias Word = SymbolicWord<bits>
    let perClass: [Lemma<bits>] = provedClassIndices.flatMap { index -> [Lemma<bits>] in
        let classSize = Kernels.slabClassSize(index: UInt(index))
        return [
            Lemma("slabCapacity.objectsOfClass\(classSize)FitTheirSlab", covers: ["slabCapacity"]) { p in
                let size = Word(word: classSize)
                let shift = p.word("shift"), bytes = p.word("bytes")
                let slab = 1 &<< shift
                p.assume(shift >= 8 && shift <= 24 && bytes <= slab && bytes >= (slab &>> 1) && size &* 8 <= bytes)
                let capacity = Kernels.slabCapacity(classSize: size, slabBytes: bytes)
                return capacity >= 8 && capacity &* size <= bytes && bytes &- capacity &* size < size
            },
            Lemma("slabObjectIndex.objectsOfClass\(classSize)MapBackToTheirIndex", covers: ["slabObjectAddress", "slabObjectIndex"]) { p in
                let size = Word(word: classSize)
                let shift = p.word("shift"), bytes = p.word("bytes"), base = p.word("base"), i = p.word("i"), offset = p.word("offset")
                let slab = 1 &<< shift
                p.assume(shift >= 8 && shift <= 24 && bytes <= slab && bytes >= (slab &>> 1) && size &* 8 <= bytes)
                p.assume(isMultiple(base, ofPowerWithExponent: shift) && base <= ~slab)
                // i < slabCapacity(size, bytes), stated as "object i ends inside
                // the block" (the same, by the capacity lemma above), so that
                // the query's assumptions hold no divider. The bound on i,
                // implied by the others (the block has at most 2^24 bytes),
                // keeps the solver's search small.
                p.assume(i < Word.quotient(.allOnes, size) && i &* size &+ size <= bytes && offset < size)
                p.assume(i < .constant((1 << 24) / Int(classSize)))
                let address = Kernels.slabObjectAddress(base: base, index: i, classSize: size)
                let back = Kernels.slabObjectIndex(address: address &+ offset, base: base, classSize: size)
                return address >= base && address &+ size <= base &+ bytes && back.index == i && back.isStart.iff(offset == 0)
            },
        ]
    }
    return perClass + [
        Lemma("slabCapacity.ofTheWholeWindowOverrunsTheBlock", covers: ["slabCapacity", "slabBlockBytes"], expect: .refuted) { p in
            // The guard that matters: a capacity computed for the whole window
            // puts the last object of a 16-byte class over the backing's header.
            let shift = p.word("shift"), header = p.word("header")
            let size: Word = 16
            p.assume(shift >= 8 && shift <= 24 && header <= (1 &<< (shift &- 1)))
            let bytes = Kernels.slabBlockBytes(slabShift: shift, headerBytes: header)
            return Kernels.slabCapacity(classSize: size, slabBytes: 1 &<< shift) &* size <= bytes
        },
    ]
}

/// Per slab size 2^8 ... 2^24 (a constant shift, so the solver needs no
/// variable shifts): one bias serves every window of a region. Window w
/// after the one at `start` (descriptor d) has descriptor d + w, and the
/// biased bit of any of its addresses is its live bit.
func slabBiasLemmas<let bits: Int>() -> [Lemma<bits>] {
    typealias Word = SymbolicWord<bits>
    return (8 ... 24).map { (shiftValue: UInt) in
        Lemma("slabBiasedLiveBit.isTheLiveBitForShift\(shiftValue)",
              covers: ["slabLiveBitBias", "slabBiasedLiveBit", "slabLiveBit"]) { p in
            let shift = Word(word: shiftValue)
            let start = p.word("start"), d = p.word("d"), w = p.word("w"), offset = p.word("offset")
            p.assume(isMultiple(start, ofPowerWithExponent: shift))
            p.assume(isDescriptor(d, slabShift: shift) && isDescriptor(w, slabShift: shift) && offset < (1 &<< shift))
            let window = start &+ (w &<< shift)
            p.assume(window >= start && window &+ offset >= window)
            let a = window &+ offset
            let bias = Kernels.slabLiveBitBias(descriptor: d, windowStart: start, slabShift: shift)
            return Kernels.slabBiasedLiveBit(address: a, bias: bias) == Kernels.slabLiveBit(descriptor: d &+ w, address: a, slabShift: shift)
        }
    }
}
