// The slab allocator's arithmetic: size classes, alignment, slab capacity and
// the object index <-> address bijection.
import Allocators
import AllocatorSpec

/// The largest request size the class kernels are proved for: 2^40 bytes,
/// far above any slab's largest class (slabs are at most 2^24 bytes).
private var largestClassRequest: Word { Word(integerLiteral: 1 << 40) }

let slabLemmas: [Lemma] = [
    Lemma("slabClassIndex.smallestClassThatFits", covers: ["slabClassIndex", "slabClassSize"]) { p in
        // The class holds the request, the class below does not, and the
        // waste is under 16 bytes or under a quarter of the request.
        let size = p.word("size")
        p.assume(size >= 1 && size <= largestClassRequest)
        let index = Kernels.slabClassIndex(size: size)
        let classSize = Kernels.slabClassSize(index: index)
        let below = select(index == 0, 0, Kernels.slabClassSize(index: index &- 1))
        let waste = classSize &- size
        return index < 140 && classSize >= size && below < size && (waste < 16 || waste &* 4 < size)
    },
    Lemma("slabClassSize.increasingMultiplesOf16", covers: ["slabClassSize", "slabMinimumClass"]) { p in
        let index = p.word("index")
        p.assume(index < 139)
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
        p.assume(!request.overflow && request.size <= largestClassRequest)
        let classSize = Kernels.slabClassSize(index: Kernels.slabClassIndex(size: request.size))
        return classSize >= byteCount && isMultiple(classSize, ofPowerWithExponent: e)
    },
    Lemma("slabClassSize.withoutAlignmentRoundingMisaligns", covers: ["slabClassIndex", "slabClassSize"], expect: .refuted) { p in
        let byteCount = p.word("byteCount"), (alignment, e) = p.powerOfTwo("alignment")
        p.assume(byteCount >= 1 && byteCount <= largestClassRequest && alignment <= largestClassRequest)
        let classSize = Kernels.slabClassSize(index: Kernels.slabClassIndex(size: byteCount))
        return isMultiple(classSize, ofPowerWithExponent: e)
    },
    Lemma("slabGranuleClass.sameClassAsTheRequest", covers: ["slabRequestGranule", "slabGranuleClass", "slabRequestSize", "slabClassIndex"]) { p in
        // The class lookup table: a request aligned to at most 16 bytes has
        // the class of its 16-byte granule, whatever its size inside it.
        let byteCount = p.word("byteCount"), (alignment, _) = p.powerOfTwo("alignment")
        let sixteen: Word = 16
        p.assume(alignment <= sixteen && byteCount <= largestClassRequest)
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
        // Objects (at least 16 bytes apart) of a slab have distinct bits,
        // all below slabSize / 16: the bitmap holds them.
        let base = p.word("base"), a = p.word("a"), b = p.word("b"), shift = p.word("shift")
        let slab: Word = 1 &<< shift, granule: Word = 15
        p.assume(shift >= 4 && shift < 64 && base <= a && base <= b)
        p.assume(a &- base < slab && b &- base < slab)
        p.assume(((a &- base) & granule) == 0 && ((b &- base) & granule) == 0)
        let bitA = Kernels.slabLiveBit(address: a, base: base), bitB = Kernels.slabLiveBit(address: b, base: base)
        let bits: Word = 1 &<< (shift &- 4)
        return bitA < bits && (bitA == bitB).implies(a == b)
    },
]

/// The class sizes a slab of at most 2^24 bytes can serve (at least 8
/// objects per slab): the capacity and bijection lemmas are proved for each,
/// with the class size a constant and everything else symbolic.
private let provedClassIndices = 0 ..< SlabClasses.classCount(slabShift: 24)

/// Per class (a constant size, so division and multiplication by it stay
/// linear for the solver): capacity arithmetic without overflow, and the
/// object index <-> address bijection, for every slab size 2^8 ... 2^24.
let slabClassLemmas: [Lemma] = provedClassIndices.map { index in
    let classSize = Kernels.slabClassSize(index: UInt(index))
    return Lemma("slabCapacity.objectsOfClass\(classSize)FitTheirSlab",
                 covers: ["slabCapacity", "slabObjectAddress", "slabObjectIndex"]) { p in
        let size = Word(word: classSize)
        let shift = p.word("shift"), base = p.word("base"), i = p.word("i"), offset = p.word("offset")
        let slab = 1 &<< shift
        p.assume(shift >= 8 && shift <= 24 && size &* 8 <= slab)
        p.assume(isMultiple(base, ofPowerWithExponent: shift) && base <= ~slab)
        let capacity = Kernels.slabCapacity(classSize: size, slabShift: shift)
        // Capacity: at least 8, all objects fit, one more would not.
        let fits = capacity >= 8 && capacity &* size <= slab && slab &- capacity &* size < size
        // Bijection: object i is inside the slab and maps back to i, an object start;
        // a pointer inside an object, not at its start, is no object start.
        p.assume(i < capacity && offset < size)
        let address = Kernels.slabObjectAddress(base: base, index: i, classSize: size)
        let back = Kernels.slabObjectIndex(address: address &+ offset, base: base, classSize: size)
        let bijection = address >= base && address &+ size <= base &+ slab && back.index == i && back.isStart.iff(offset == 0)
        return fits && bijection
    }
}
