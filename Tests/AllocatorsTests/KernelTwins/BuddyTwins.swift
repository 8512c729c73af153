import Allocators
import AllocatorSpec
import TestSupport

extension KernelTwinTests {
    /// Samples meeting the buddy kernels' preconditions, edges included:
    /// orders up to 63, regions near the top of the address space, aligned blocks.
    static func buddySamples(_ label: String, _ make: (inout SeededRandom) -> [UInt]) -> [[UInt]] {
        var random = SeededRandom.forTest("kernel twin \(label)")
        return (0 ..< 300).map { _ in make(&random) }
    }

    /// A start below an end, both edgy.
    static func region(_ random: inout SeededRandom) -> (UInt, UInt) {
        var a = random.edgyWord(), b = random.edgyWord()
        if a == b { b = a == .max ? a : a + 1; if a == .max { a -= 1 } }
        return (Swift.min(a, b), Swift.max(a, b))
    }

    static var buddyTwins: [KernelTwinCase] { [
        KernelTwinCase(KernelTwin("buddyAddress", arity: 2, symbolic: { Kernels.buddyAddress($0[0], order: $0[1] & 63) },
                        concrete: { Kernels.buddyAddress($0[0], order: $0[1] & 63) })),
        KernelTwinCase(KernelTwin("buddyMergedBlock", arity: 2, symbolic: { Kernels.buddyMergedBlock($0[0], order: $0[1] & 63) },
                        concrete: { Kernels.buddyMergedBlock($0[0], order: $0[1] & 63) })),
        KernelTwinCase(KernelTwin("buddyOrder", arity: 3,
                        symbolic: { x in let r = Kernels.buddyOrder(byteCount: x[0], alignment: x[1], minOrder: x[2] & 63); return r.order | (wordOf(r.overflow) &<< 8) },
                        concrete: { x in let r = Kernels.buddyOrder(byteCount: x[0], alignment: x[1], minOrder: x[2] & 63); return r.order | (wordOf(r.overflow) &<< 8) }),
                       powerOfTwoInputs: [1]),
        KernelTwinCase(KernelTwin("buddySplitOrder", arity: 3, symbolic: { Kernels.buddySplitOrder(start: $0[0], end: $0[1], maxOrder: $0[2]) },
                        concrete: { Kernels.buddySplitOrder(start: $0[0], end: $0[1], maxOrder: $0[2]) }),
                       samples: buddySamples("buddySplitOrder") { r in let (s, e) = region(&r); return [s, e, UInt.random(in: 0 ... 63, using: &r)] }),
        KernelTwinCase(KernelTwin("buddySplitNext", arity: 3, symbolic: { Kernels.buddySplitNext(start: $0[0], end: $0[1], maxOrder: $0[2]) },
                        concrete: { Kernels.buddySplitNext(start: $0[0], end: $0[1], maxOrder: $0[2]) }),
                       samples: buddySamples("buddySplitNext") { r in let (s, e) = region(&r); return [s, e, UInt.random(in: 0 ... 63, using: &r)] }),
        KernelTwinCase(KernelTwin("buddyBlockInside", arity: 4,
                        symbolic: { wordOf(Kernels.buddyBlockInside($0[0], size: $0[1], lower: $0[2], upper: $0[3])) },
                        concrete: { wordOf(Kernels.buddyBlockInside($0[0], size: $0[1], lower: $0[2], upper: $0[3])) }),
                       samples: buddySamples("buddyBlockInside") { r in
                           let (lower, upper) = region(&r)
                           let block = Bool.random(using: &r) ? lower &+ UInt.random(in: 0 ... 4096, using: &r) : r.edgyWord()
                           return [block, r.powerOfTwo(), lower, upper]
                       }),
        KernelTwinCase(KernelTwin("buddyBitIndex", arity: 3, symbolic: { Kernels.buddyBitIndex($0[0], order: $0[1], base: $0[2]) },
                        concrete: { Kernels.buddyBitIndex($0[0], order: $0[1], base: $0[2]) }),
                       samples: buddySamples("buddyBitIndex") { r in let (base, block) = region(&r); return [block, UInt.random(in: 0 ... 63, using: &r), base] }),
        KernelTwinCase(KernelTwin("buddyBitCount", arity: 3, symbolic: { Kernels.buddyBitCount(base: $0[0], end: $0[1], order: $0[2]) },
                        concrete: { Kernels.buddyBitCount(base: $0[0], end: $0[1], order: $0[2]) }),
                       samples: buddySamples("buddyBitCount") { r in let (s, e) = region(&r); return [s, e, UInt.random(in: 0 ... 63, using: &r)] }),
        KernelTwinCase(KernelTwin("buddyRequiredGap", arity: 1, symbolic: { Kernels.buddyRequiredGap(order: $0[0] & 63) },
                        concrete: { Kernels.buddyRequiredGap(order: $0[0] & 63) })),
    ] }
}
