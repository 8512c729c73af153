import Allocators
import AllocatorSpec
import TestSupport

extension KernelTwinTests {
    static func storageTwins<C, let bits: Int>(_ w: TwinWidth<C, bits>) -> [KernelTwinCase] {
        func wordsForBits<W: KernelWord>(_ x: [W]) -> W { Kernels.wordsForBits(x[0]) }
        return [KernelTwinCase(w.twin("wordsForBits", arity: 1, wordsForBits, wordsForBits))]
    }
}
