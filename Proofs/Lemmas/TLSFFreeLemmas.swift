// Lemmas about the checks of a TLSF free against the sized API's arguments
// (Sources/Allocators/Kernels/TLSFFreeKernels.swift).
import Allocators
import AllocatorSpec

let tlsfFreeLemmas: [Lemma] = [
    Lemma("tlsf.requestFits.isTheUsedBlockRange", covers: ["tlsfRequestFits", "tlsfBlockSize"]) { p in
        // For every request word (a negative Int is a word above 2^63) and
        // every block size a live block can have, the two-comparison check
        // accepts exactly the requests whose used block is the block less an
        // unsplit remainder: used <= size < used + 2G.
        let g = p.word("granularityLog2")
        p.assume(g >= 3 && g <= 12)
        let request = p.word("request"), size = p.word("size")
        p.assume(size >= (2 &<< g) && isMultiple(size, ofPowerWithExponent: g))
        let used = Kernels.tlsfBlockSize(request, granularityLog2: g)
        let describes = !used.overflow && used.value <= size && size &- used.value < (2 &<< g)
        return Kernels.tlsfRequestFits(request, blockSize: size, granularityLog2: g).iff(describes)
    },
    Lemma("tlsf.requestFits.withoutTheZeroCase", covers: ["tlsfRequestFits"], expect: .refuted) { p in
        // The zero-byte request must be checked as a one-byte one: compared
        // as itself, it is refused for a block of three granules that it owns.
        let g = p.word("granularityLog2")
        p.assume(g >= 3 && g <= 12)
        let request = p.word("request"), size = p.word("size")
        p.assume(size >= (2 &<< g) && isMultiple(size, ofPowerWithExponent: g))
        let capacity = size &- (1 &<< g)
        let unadjusted = request <= capacity && capacity &- request < (2 &<< g)
        let used = Kernels.tlsfBlockSize(request, granularityLog2: g)
        let describes = !used.overflow && used.value <= size && size &- used.value < (2 &<< g)
        return unadjusted.iff(describes)
    },
]
