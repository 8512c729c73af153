import Allocators
import AllocatorSpec
import TestSupport

extension KernelTwinTests {
    /// Samples for the slab kernels: request sizes across the classes and
    /// near the top, class sizes and slab shifts as the allocator uses them.
    static func slabSamples(_ label: String, _ make: (inout SeededRandom) -> [UInt]) -> [[UInt]] {
        var random = SeededRandom.forTest("kernel twin \(label)")
        return (0 ..< 300).map { _ in make(&random) }
    }

    static func classSize(_ random: inout SeededRandom) -> UInt {
        Kernels.slabClassSize(index: UInt.random(in: 0 ..< 72, using: &random))
    }

    static var slabTwins: [KernelTwinCase] { [
        KernelTwinCase(KernelTwin("slabMinimumClass", arity: 1, symbolic: { $0[0] & 0 | Kernels.slabMinimumClass() },
                        concrete: { $0[0] & 0 | Kernels.slabMinimumClass() })),
        KernelTwinCase(KernelTwin("slabRequestSize", arity: 2,
                        symbolic: { x in let r = Kernels.slabRequestSize(byteCount: x[0], alignment: x[1]); return r.size ^ wordOf(r.overflow) },
                        concrete: { x in let r = Kernels.slabRequestSize(byteCount: x[0], alignment: x[1]); return r.size ^ wordOf(r.overflow) }),
                       powerOfTwoInputs: [1]),
        KernelTwinCase(KernelTwin("slabClassIndex", arity: 1, symbolic: { Kernels.slabClassIndex(size: $0[0]) },
                        concrete: { Kernels.slabClassIndex(size: $0[0]) }),
                       samples: slabSamples("slabClassIndex") { r in
                           [Bool.random(using: &r) ? UInt.random(in: 1 ... 20000, using: &r) : UInt.random(in: 1 ... (1 << 40), using: &r)]
                       }),
        KernelTwinCase(KernelTwin("slabClassSize", arity: 1, symbolic: { Kernels.slabClassSize(index: $0[0]) },
                        concrete: { Kernels.slabClassSize(index: $0[0]) }),
                       samples: (0 ..< 140).map { [UInt($0)] }),
        KernelTwinCase(KernelTwin("slabBlockBytes", arity: 2, symbolic: { Kernels.slabBlockBytes(slabShift: $0[0], headerBytes: $0[1]) },
                        concrete: { Kernels.slabBlockBytes(slabShift: $0[0], headerBytes: $0[1]) }),
                       samples: slabSamples("slabBlockBytes") { r in [UInt.random(in: 8 ... 24, using: &r), UInt.random(in: 0 ... 128, using: &r)] }),
        KernelTwinCase(KernelTwin("slabCapacity", arity: 2, symbolic: { Kernels.slabCapacity(classSize: $0[0], slabBytes: $0[1]) },
                        concrete: { Kernels.slabCapacity(classSize: $0[0], slabBytes: $0[1]) }),
                       samples: slabSamples("slabCapacity") { r in [classSize(&r), r.edgyWord()] }),
        KernelTwinCase(KernelTwin("slabObjectAddress", arity: 3, symbolic: { Kernels.slabObjectAddress(base: $0[0], index: $0[1], classSize: $0[2]) },
                        concrete: { Kernels.slabObjectAddress(base: $0[0], index: $0[1], classSize: $0[2]) }),
                       samples: slabSamples("slabObjectAddress") { r in [r.edgyWord() & ~0xFFFF, UInt.random(in: 0 ..< 4096, using: &r), classSize(&r)] }),
        KernelTwinCase(KernelTwin("slabObjectIndex", arity: 3,
                        symbolic: { x in let r = Kernels.slabObjectIndex(address: x[0], base: x[1], classSize: x[2]); return r.index ^ (wordOf(r.isStart) &<< 63) },
                        concrete: { x in let r = Kernels.slabObjectIndex(address: x[0], base: x[1], classSize: x[2]); return r.index ^ (wordOf(r.isStart) &<< 63) }),
                       samples: slabSamples("slabObjectIndex") { r in
                           let base = r.edgyWord() & ~0xFFFF, size = classSize(&r)
                           return [base &+ UInt.random(in: 0 ..< 65536, using: &r) & ~(Bool.random(using: &r) ? 0 : 15), base, size]
                       }),
        KernelTwinCase(KernelTwin("slabRequestGranule", arity: 1, symbolic: { Kernels.slabRequestGranule(byteCount: $0[0]) },
                        concrete: { Kernels.slabRequestGranule(byteCount: $0[0]) }),
                       samples: slabSamples("slabRequestGranule") { r in
                           [Bool.random(using: &r) ? UInt.random(in: 0 ... 20000, using: &r) : UInt.random(in: 0 ... UInt.max - 15, using: &r)]
                       }),
        KernelTwinCase(KernelTwin("slabGranuleClass", arity: 1, symbolic: { Kernels.slabGranuleClass(granule: $0[0]) },
                        concrete: { Kernels.slabGranuleClass(granule: $0[0]) }),
                       samples: slabSamples("slabGranuleClass") { r in
                           [Bool.random(using: &r) ? UInt.random(in: 0 ... 1200, using: &r) : UInt.random(in: 0 ... (1 << 36), using: &r)]
                       }),
        KernelTwinCase(KernelTwin("slabLiveBit", arity: 3,
                        symbolic: { Kernels.slabLiveBit(descriptor: $0[0], address: $0[1], slabShift: $0[2]) },
                        concrete: { Kernels.slabLiveBit(descriptor: $0[0], address: $0[1], slabShift: $0[2]) }),
                       samples: slabSamples("slabLiveBit") { r in
                           [UInt.random(in: 0 ..< (1 << 32), using: &r), r.edgyWord(), UInt.random(in: 4 ... 24, using: &r)]
                       }),
        KernelTwinCase(KernelTwin("slabDescriptorBias", arity: 3,
                        symbolic: { Kernels.slabDescriptorBias(firstDescriptor: $0[0], regionStart: $0[1], slabShift: $0[2]) },
                        concrete: { Kernels.slabDescriptorBias(firstDescriptor: $0[0], regionStart: $0[1], slabShift: $0[2]) }),
                       samples: slabSamples("slabDescriptorBias") { r in
                           [UInt.random(in: 0 ..< (1 << 32), using: &r), r.edgyWord(), UInt.random(in: 4 ... 24, using: &r)]
                       }),
        KernelTwinCase(KernelTwin("slabDescriptorIndex", arity: 3,
                        symbolic: { Kernels.slabDescriptorIndex(address: $0[0], bias: $0[1], slabShift: $0[2]) },
                        concrete: { Kernels.slabDescriptorIndex(address: $0[0], bias: $0[1], slabShift: $0[2]) }),
                       samples: slabSamples("slabDescriptorIndex") { r in [r.edgyWord(), r.edgyWord(), UInt.random(in: 4 ... 24, using: &r)] }),
        KernelTwinCase(KernelTwin("slabLiveBitBias", arity: 3,
                        symbolic: { Kernels.slabLiveBitBias(descriptor: $0[0], windowStart: $0[1], slabShift: $0[2]) },
                        concrete: { Kernels.slabLiveBitBias(descriptor: $0[0], windowStart: $0[1], slabShift: $0[2]) }),
                       samples: slabSamples("slabLiveBitBias") { r in
                           [UInt.random(in: 0 ..< (1 << 32), using: &r), r.edgyWord() & ~0xFFFF, UInt.random(in: 4 ... 24, using: &r)]
                       }),
        KernelTwinCase(KernelTwin("slabBiasedLiveBit", arity: 2,
                        symbolic: { Kernels.slabBiasedLiveBit(address: $0[0], bias: $0[1]) },
                        concrete: { Kernels.slabBiasedLiveBit(address: $0[0], bias: $0[1]) })),
    ] }
}
