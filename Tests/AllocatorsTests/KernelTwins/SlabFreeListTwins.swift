import Allocators
import AllocatorSpec
import TestSupport

extension KernelTwinTests {
    /// The free-list check and live-word kernels on the allocator's inputs:
    /// class sizes, offsets that are object starts and ones that are not,
    /// window starts aligned to the slab size.
    static var slabFreeListTwins: [KernelTwinCase] { [
        KernelTwinCase(KernelTwin("slabSizeInverse", arity: 1,
                        symbolic: { Kernels.slabSizeInverse(oddPart: $0[0]) },
                        concrete: { Kernels.slabSizeInverse(oddPart: $0[0]) }),
                       samples: slabSamples("slabSizeInverse") { r in [Bool.random(using: &r) ? [1, 3, 5, 7].randomElement(using: &r)! : r.edgyWord() | 1] }),
        KernelTwinCase(KernelTwin("slabObjectSlot", arity: 3,
                        symbolic: { Kernels.slabObjectSlot(offset: $0[0], inverse: $0[1], sizeShift: $0[2]) },
                        concrete: { Kernels.slabObjectSlot(offset: $0[0], inverse: $0[1], sizeShift: $0[2]) }),
                       samples: slabSamples("slabObjectSlot") { r in
                           let size = classSize(&r)
                           let offset = Bool.random(using: &r) ? UInt.random(in: 0 ..< 4096, using: &r) * size : r.edgyWord()
                           let shift = UInt(size.trailingZeroBitCount)
                           return [offset, Kernels.slabSizeInverse(oddPart: size >> shift), shift]
                       }),
        KernelTwinCase(KernelTwin("slabLiveWordBias", arity: 2,
                        symbolic: { Kernels.slabLiveWordBias(words: $0[0], windowStart: $0[1]) },
                        concrete: { Kernels.slabLiveWordBias(words: $0[0], windowStart: $0[1]) }),
                       samples: slabSamples("slabLiveWordBias") { r in [r.edgyWord() & ~7, r.edgyWord() & ~0x3FF] }),
        KernelTwinCase(KernelTwin("slabLiveWord", arity: 2,
                        symbolic: { Kernels.slabLiveWord(address: $0[0], bias: $0[1]) },
                        concrete: { Kernels.slabLiveWord(address: $0[0], bias: $0[1]) })),
    ] }
}
