import Allocators
import AllocatorSpec
import TestSupport

extension KernelTwinTests {
    /// Bit indices masked below the width, counts into 0 ... width, and
    /// find-first-set indices up to twice the width (beyond the word included).
    static func bitTwins<C, let bits: Int>(_ w: TwinWidth<C, bits>) -> [KernelTwinCase] {
        func bit<W: KernelWord>(_ x: [W]) -> W { Kernels.bit(x[0] & .lastBitIndex) }
        func lowMask<W: KernelWord>(_ x: [W]) -> W { Kernels.lowMask(W.remainder(x[0], .bitWidthWord &+ 1)) }
        func findFirstSet<W: KernelWord>(_ x: [W]) -> W { Kernels.findFirstSet(x[0]) }
        func findFirstSetAtOrAbove<W: KernelWord>(_ x: [W]) -> W {
            Kernels.findFirstSetAtOrAbove(x[0], x[1] & (.bitWidthWord &+ .lastBitIndex))
        }
        func findFirstSetFrom<W: KernelWord>(_ x: [W]) -> W { Kernels.findFirstSetFrom(x[0], x[1] & .lastBitIndex) }
        func floorLog2<W: KernelWord>(_ x: [W]) -> W { Kernels.floorLog2(x[0] | 1) }
        func ceilLog2<W: KernelWord>(_ x: [W]) -> W { Kernels.ceilLog2(x[0]) }
        func nextPowerOfTwoOverflows<W: KernelWord>(_ x: [W]) -> W { wordOf(Kernels.nextPowerOfTwoOverflows(x[0])) }
        func nextPowerOfTwo<W: KernelWord>(_ x: [W]) -> W { Kernels.nextPowerOfTwo(x[0]).value }
        return [
            KernelTwinCase(w.twin("bit", arity: 1, bit, bit)),
            KernelTwinCase(w.twin("lowMask", arity: 1, lowMask, lowMask)),
            KernelTwinCase(w.twin("findFirstSet", arity: 1, findFirstSet, findFirstSet)),
            KernelTwinCase(w.twin("findFirstSetFrom", arity: 2, findFirstSetFrom, findFirstSetFrom)),
            KernelTwinCase(w.twin("findFirstSetAtOrAbove", arity: 2, findFirstSetAtOrAbove, findFirstSetAtOrAbove)),
            KernelTwinCase(w.twin("floorLog2", arity: 1, floorLog2, floorLog2)),
            KernelTwinCase(w.twin("ceilLog2", arity: 1, ceilLog2, ceilLog2)),
            KernelTwinCase(w.twin("nextPowerOfTwoOverflows", arity: 1, nextPowerOfTwoOverflows, nextPowerOfTwoOverflows)),
            KernelTwinCase(w.twin("nextPowerOfTwo", arity: 1, nextPowerOfTwo, nextPowerOfTwo)),
        ]
    }
}
