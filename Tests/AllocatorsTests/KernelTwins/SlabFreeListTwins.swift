import Allocators
import AllocatorSpec
import TestSupport

extension KernelTwinTests {
    /// The free-list check and live-word kernels on the allocator's inputs:
    /// class sizes, offsets that are object starts and ones that are not,
    /// window starts aligned to the slab size.
    static func slabFreeListTwins<C, let bits: Int>(_ w: TwinWidth<C, bits>) -> [KernelTwinCase] {
        func slabSizeInverse<W: KernelWord>(_ x: [W]) -> W { Kernels.slabSizeInverse(oddPart: x[0]) }
        func slabObjectSlot<W: KernelWord>(_ x: [W]) -> W { Kernels.slabObjectSlot(offset: x[0], inverse: x[1], sizeShift: x[2]) }
        func slabLiveWordBias<W: KernelWord>(_ x: [W]) -> W { Kernels.slabLiveWordBias(words: x[0], windowStart: x[1]) }
        func slabLiveWord<W: KernelWord>(_ x: [W]) -> W { Kernels.slabLiveWord(address: x[0], bias: x[1]) }
        func slabClearedLiveBit<W: KernelWord>(_ x: [W]) -> W { Kernels.slabClearedLiveBit(x[0], offset: x[1]) }
        let mask = wordMask(bits: bits)
        /// The inverse of an odd part, computed concretely at this width.
        func inverse(_ odd: UInt64) -> UInt64 { UInt64(Kernels.slabSizeInverse(oddPart: C(truncatingIfNeeded: odd))) & mask }
        return [
            KernelTwinCase(w.twin("slabSizeInverse", arity: 1, slabSizeInverse, slabSizeInverse),
                           samples: sampled("slabSizeInverse", bits: bits) { r in
                               [Bool.random(using: &r) ? [1, 3, 5, 7].randomElement(using: &r)! : r.edgyWord(bits: bits) | 1]
                           }),
            KernelTwinCase(w.twin("slabObjectSlot", arity: 3, slabObjectSlot, slabObjectSlot),
                           samples: sampled("slabObjectSlot", bits: bits) { r in
                               let size = classSize(&r) & mask
                               let offset = Bool.random(using: &r) ? (UInt64.random(in: 0 ..< 4096, using: &r) &* size) & mask : r.edgyWord(bits: bits)
                               let shift = UInt64(size.trailingZeroBitCount)
                               return [offset, inverse(size >> shift), shift]
                           }),
            KernelTwinCase(w.twin("slabLiveWordBias", arity: 2, slabLiveWordBias, slabLiveWordBias),
                           samples: sampled("slabLiveWordBias", bits: bits) { r in
                               [r.edgyWord(bits: bits) & ~7, r.edgyWord(bits: bits) & ~0x3FF]
                           }),
            KernelTwinCase(w.twin("slabLiveWord", arity: 2, slabLiveWord, slabLiveWord)),
            KernelTwinCase(w.twin("slabClearedLiveBit", arity: 2, slabClearedLiveBit, slabClearedLiveBit),
                           samples: sampled("slabClearedLiveBit", bits: bits) { r in
                               [r.edgyWord(bits: bits), UInt64.random(in: 0 ..< UInt64(bits), using: &r)]
                           }),
        ]
    }
}
