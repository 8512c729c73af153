import Allocators
import AllocatorSpec
import TestSupport

extension KernelTwinTests {
    static func classSize(_ random: inout SeededRandom) -> UInt64 {
        UInt64(Kernels.slabClassSize(index: UInt.random(in: 0 ..< 72, using: &random)))
    }

    /// Samples for the slab kernels: request sizes across the classes and up
    /// to the kernels' limits, class sizes and slab shifts as the allocator
    /// uses them, addresses anywhere in the width.
    static func slabTwins<C, let bits: Int>(_ w: TwinWidth<C, bits>) -> [KernelTwinCase] {
        func slabMinimumClass<W: KernelWord>(_ x: [W]) -> W { x[0] & 0 | Kernels.slabMinimumClass() }
        func slabRequestSize<W: KernelWord>(_ x: [W]) -> W {
            let r = Kernels.slabRequestSize(byteCount: x[0], alignment: x[1])
            return r.size ^ wordOf(r.overflow)
        }
        func slabClassIndex<W: KernelWord>(_ x: [W]) -> W { Kernels.slabClassIndex(size: x[0]) }
        func slabClassSize<W: KernelWord>(_ x: [W]) -> W { Kernels.slabClassSize(index: x[0]) }
        func slabBlockBytes<W: KernelWord>(_ x: [W]) -> W { Kernels.slabBlockBytes(slabShift: x[0], headerBytes: x[1]) }
        func slabCapacity<W: KernelWord>(_ x: [W]) -> W { Kernels.slabCapacity(classSize: x[0], slabBytes: x[1]) }
        func slabObjectAddress<W: KernelWord>(_ x: [W]) -> W { Kernels.slabObjectAddress(base: x[0], index: x[1], classSize: x[2]) }
        func slabObjectIndex<W: KernelWord>(_ x: [W]) -> W {
            let r = Kernels.slabObjectIndex(address: x[0], base: x[1], classSize: x[2])
            return r.index ^ (wordOf(r.isStart) &<< .lastBitIndex)
        }
        func slabRequestGranule<W: KernelWord>(_ x: [W]) -> W { Kernels.slabRequestGranule(byteCount: x[0]) }
        func slabGranuleClass<W: KernelWord>(_ x: [W]) -> W { Kernels.slabGranuleClass(granule: x[0]) }
        func slabLiveBit<W: KernelWord>(_ x: [W]) -> W { Kernels.slabLiveBit(descriptor: x[0], address: x[1], slabShift: x[2]) }
        func slabDescriptorBias<W: KernelWord>(_ x: [W]) -> W {
            Kernels.slabDescriptorBias(firstDescriptor: x[0], regionStart: x[1], slabShift: x[2])
        }
        func slabDescriptorIndex<W: KernelWord>(_ x: [W]) -> W { Kernels.slabDescriptorIndex(address: x[0], bias: x[1], slabShift: x[2]) }
        func slabLiveBitBias<W: KernelWord>(_ x: [W]) -> W { Kernels.slabLiveBitBias(descriptor: x[0], windowStart: x[1], slabShift: x[2]) }
        func slabBiasedLiveBit<W: KernelWord>(_ x: [W]) -> W { Kernels.slabBiasedLiveBit(address: x[0], bias: x[1]) }

        let mask = wordMask(bits: bits), windowMask = mask & ~0xFFFF
        let descriptors = UInt64(0) ..< (1 << UInt64(bits / 2)), shifts = UInt64(4) ... 24
        func shifted(_ label: String) -> [[UInt64]] {
            sampled(label, bits: bits) { r in
                [UInt64.random(in: descriptors, using: &r), r.edgyWord(bits: bits), UInt64.random(in: shifts, using: &r)]
            }
        }
        return [
            KernelTwinCase(w.twin("slabMinimumClass", arity: 1, slabMinimumClass, slabMinimumClass)),
            KernelTwinCase(w.twin("slabRequestSize", arity: 2, slabRequestSize, slabRequestSize), powerOfTwoInputs: [1]),
            KernelTwinCase(w.twin("slabClassIndex", arity: 1, slabClassIndex, slabClassIndex),
                           samples: sampled("slabClassIndex", bits: bits) { r in
                               [Bool.random(using: &r) ? .random(in: 1 ... 20000, using: &r) : .random(in: 1 ... 1 << UInt64(bits - 2), using: &r)]
                           }),
            KernelTwinCase(w.twin("slabClassSize", arity: 1, slabClassSize, slabClassSize),
                           samples: (0 ..< 4 * (bits - 8) + 8).map { [UInt64($0)] }),
            KernelTwinCase(w.twin("slabBlockBytes", arity: 2, slabBlockBytes, slabBlockBytes),
                           samples: sampled("slabBlockBytes", bits: bits) { r in [.random(in: 8 ... 24, using: &r), .random(in: 0 ... 128, using: &r)] }),
            KernelTwinCase(w.twin("slabCapacity", arity: 2, slabCapacity, slabCapacity),
                           samples: sampled("slabCapacity", bits: bits) { r in [classSize(&r), r.edgyWord(bits: bits)] }),
            KernelTwinCase(w.twin("slabObjectAddress", arity: 3, slabObjectAddress, slabObjectAddress),
                           samples: sampled("slabObjectAddress", bits: bits) { r in
                               [r.edgyWord(bits: bits) & windowMask, .random(in: 0 ..< 4096, using: &r), classSize(&r)]
                           }),
            KernelTwinCase(w.twin("slabObjectIndex", arity: 3, slabObjectIndex, slabObjectIndex),
                           samples: sampled("slabObjectIndex", bits: bits) { r in
                               let base = r.edgyWord(bits: bits) & windowMask, size = classSize(&r)
                               let offset = UInt64.random(in: 0 ..< 65536, using: &r) & ~(Bool.random(using: &r) ? 0 : 15)
                               return [(base &+ offset) & mask, base, size]
                           }),
            KernelTwinCase(w.twin("slabRequestGranule", arity: 1, slabRequestGranule, slabRequestGranule),
                           samples: sampled("slabRequestGranule", bits: bits) { r in
                               [Bool.random(using: &r) ? .random(in: 0 ... 20000, using: &r) : .random(in: 0 ... mask - 15, using: &r)]
                           }),
            KernelTwinCase(w.twin("slabGranuleClass", arity: 1, slabGranuleClass, slabGranuleClass),
                           samples: sampled("slabGranuleClass", bits: bits) { r in
                               [Bool.random(using: &r) ? .random(in: 0 ... 1200, using: &r) : .random(in: 0 ... 1 << UInt64(bits - 6), using: &r)]
                           }),
            KernelTwinCase(w.twin("slabLiveBit", arity: 3, slabLiveBit, slabLiveBit), samples: shifted("slabLiveBit")),
            KernelTwinCase(w.twin("slabDescriptorBias", arity: 3, slabDescriptorBias, slabDescriptorBias), samples: shifted("slabDescriptorBias")),
            KernelTwinCase(w.twin("slabDescriptorIndex", arity: 3, slabDescriptorIndex, slabDescriptorIndex),
                           samples: sampled("slabDescriptorIndex", bits: bits) { r in
                               [r.edgyWord(bits: bits), r.edgyWord(bits: bits), .random(in: shifts, using: &r)]
                           }),
            KernelTwinCase(w.twin("slabLiveBitBias", arity: 3, slabLiveBitBias, slabLiveBitBias),
                           samples: sampled("slabLiveBitBias", bits: bits) { r in
                               [.random(in: descriptors, using: &r), r.edgyWord(bits: bits) & windowMask, .random(in: shifts, using: &r)]
                           }),
            KernelTwinCase(w.twin("slabBiasedLiveBit", arity: 2, slabBiasedLiveBit, slabBiasedLiveBit)),
        ]
    }
}
