import Allocators
import AllocatorSpec
import TestSupport

extension KernelTwinTests {
    /// 300 samples of `bits`-bit words made by `make`.
    static func sampled(_ label: String, bits: Int, _ make: (inout SeededRandom) -> [UInt64]) -> [[UInt64]] {
        var random = SeededRandom.forTest("kernel twin \(label) at \(bits) bits")
        return (0 ..< 300).map { _ in make(&random) }
    }

    /// The word of `bits` bits with every bit set.
    static func wordMask(bits: Int) -> UInt64 { bits >= 64 ? .max : (1 << UInt64(bits)) - 1 }

    /// A start below an end, both edgy words of `bits` bits.
    static func region(_ random: inout SeededRandom, bits: Int) -> (UInt64, UInt64) {
        let top = wordMask(bits: bits)
        var a = random.edgyWord(bits: bits), b = random.edgyWord(bits: bits)
        if a == b { b = a == top ? a : a + 1; if a == top { a -= 1 } }
        return (Swift.min(a, b), Swift.max(a, b))
    }

    /// Samples meeting the buddy kernels' preconditions, edges included:
    /// orders up to the width less one, regions near the top of the address
    /// space, aligned blocks.
    static func buddyTwins<C, let bits: Int>(_ w: TwinWidth<C, bits>) -> [KernelTwinCase] {
        func buddyAddress<W: KernelWord>(_ x: [W]) -> W { Kernels.buddyAddress(x[0], order: x[1] & .lastBitIndex) }
        func buddyMergedBlock<W: KernelWord>(_ x: [W]) -> W { Kernels.buddyMergedBlock(x[0], order: x[1] & .lastBitIndex) }
        func buddyOrder<W: KernelWord>(_ x: [W]) -> W {
            let r = Kernels.buddyOrder(byteCount: x[0], alignment: x[1], minOrder: x[2] & .lastBitIndex)
            return r.order | (wordOf(r.overflow) &<< 8)
        }
        func buddySplitOrder<W: KernelWord>(_ x: [W]) -> W { Kernels.buddySplitOrder(start: x[0], end: x[1], maxOrder: x[2]) }
        func buddySplitNext<W: KernelWord>(_ x: [W]) -> W { Kernels.buddySplitNext(start: x[0], end: x[1], maxOrder: x[2]) }
        func buddyBlockInside<W: KernelWord>(_ x: [W]) -> W {
            wordOf(Kernels.buddyBlockInside(x[0], size: x[1], lower: x[2], upper: x[3]))
        }
        func buddyBitIndex<W: KernelWord>(_ x: [W]) -> W { Kernels.buddyBitIndex(x[0], order: x[1], base: x[2]) }
        func buddyBitCount<W: KernelWord>(_ x: [W]) -> W { Kernels.buddyBitCount(base: x[0], end: x[1], order: x[2]) }
        func buddyRequiredGap<W: KernelWord>(_ x: [W]) -> W { Kernels.buddyRequiredGap(order: x[0] & .lastBitIndex) }
        func buddyStateWordCount<W: KernelWord>(_ x: [W]) -> W { Kernels.buddyStateWordCount(base: x[0], end: x[1], order: x[2]) }
        func buddyStateBias<W: KernelWord>(_ x: [W]) -> W { Kernels.buddyStateBias(words: x[0], base: x[1], order: x[2] & .lastBitIndex) }
        func buddyStateWord<W: KernelWord>(_ x: [W]) -> W { Kernels.buddyStateWord(position: x[0], bias: x[1]) }
        func buddyStateShift<W: KernelWord>(_ x: [W]) -> W { Kernels.buddyStateShift(position: x[0]) }
        let orders = 0 ... UInt64(bits - 1)
        func splitSamples(_ label: String) -> [[UInt64]] {
            sampled(label, bits: bits) { r in let (s, e) = region(&r, bits: bits); return [s, e, UInt64.random(in: orders, using: &r)] }
        }
        return [
            KernelTwinCase(w.twin("buddyAddress", arity: 2, buddyAddress, buddyAddress)),
            KernelTwinCase(w.twin("buddyMergedBlock", arity: 2, buddyMergedBlock, buddyMergedBlock)),
            KernelTwinCase(w.twin("buddyOrder", arity: 3, buddyOrder, buddyOrder), powerOfTwoInputs: [1]),
            KernelTwinCase(w.twin("buddySplitOrder", arity: 3, buddySplitOrder, buddySplitOrder), samples: splitSamples("buddySplitOrder")),
            KernelTwinCase(w.twin("buddySplitNext", arity: 3, buddySplitNext, buddySplitNext), samples: splitSamples("buddySplitNext")),
            KernelTwinCase(w.twin("buddyBlockInside", arity: 4, buddyBlockInside, buddyBlockInside),
                           samples: sampled("buddyBlockInside", bits: bits) { r in
                               let (lower, upper) = region(&r, bits: bits)
                               let near = (lower &+ UInt64.random(in: 0 ... 4096, using: &r)) & wordMask(bits: bits)
                               let block = Bool.random(using: &r) ? near : r.edgyWord(bits: bits)
                               return [block, r.powerOfTwo(bits: bits), lower, upper]
                           }),
            KernelTwinCase(w.twin("buddyBitIndex", arity: 3, buddyBitIndex, buddyBitIndex),
                           samples: sampled("buddyBitIndex", bits: bits) { r in
                               let (base, block) = region(&r, bits: bits); return [block, UInt64.random(in: orders, using: &r), base]
                           }),
            KernelTwinCase(w.twin("buddyBitCount", arity: 3, buddyBitCount, buddyBitCount), samples: splitSamples("buddyBitCount")),
            KernelTwinCase(w.twin("buddyRequiredGap", arity: 1, buddyRequiredGap, buddyRequiredGap)),
            KernelTwinCase(w.twin("buddyStateWordCount", arity: 3, buddyStateWordCount, buddyStateWordCount), samples: splitSamples("buddyStateWordCount")),
            KernelTwinCase(w.twin("buddyStateBias", arity: 3, buddyStateBias, buddyStateBias)),
            KernelTwinCase(w.twin("buddyStateWord", arity: 2, buddyStateWord, buddyStateWord)),
            KernelTwinCase(w.twin("buddyStateShift", arity: 1, buddyStateShift, buddyStateShift)),
        ]
    }
}
