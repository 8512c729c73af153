import Allocators
import AllocatorSpec
import TestSupport

extension KernelTwinTests {
    static func alignmentTwins<C, let bits: Int>(_ w: TwinWidth<C, bits>) -> [KernelTwinCase] {
        func isPowerOfTwo<W: KernelWord>(_ x: [W]) -> W { wordOf(Kernels.isPowerOfTwo(x[0])) }
        func isAligned<W: KernelWord>(_ x: [W]) -> W { wordOf(Kernels.isAligned(x[0], to: x[1])) }
        func alignDown<W: KernelWord>(_ x: [W]) -> W { Kernels.alignDown(x[0], to: x[1]) }
        func alignUpUnchecked<W: KernelWord>(_ x: [W]) -> W { Kernels.alignUpUnchecked(x[0], to: x[1]) }
        func alignUpOverflows<W: KernelWord>(_ x: [W]) -> W { wordOf(Kernels.alignUpOverflows(x[0], to: x[1])) }
        func alignUp<W: KernelWord>(_ x: [W]) -> W { Kernels.alignUp(x[0], to: x[1]).value }
        return [
            KernelTwinCase(w.twin("isPowerOfTwo", arity: 1, isPowerOfTwo, isPowerOfTwo)),
            KernelTwinCase(w.twin("isAligned", arity: 2, isAligned, isAligned), powerOfTwoInputs: [1]),
            KernelTwinCase(w.twin("alignDown", arity: 2, alignDown, alignDown), powerOfTwoInputs: [1]),
            KernelTwinCase(w.twin("alignUpUnchecked", arity: 2, alignUpUnchecked, alignUpUnchecked), powerOfTwoInputs: [1]),
            KernelTwinCase(w.twin("alignUpOverflows", arity: 2, alignUpOverflows, alignUpOverflows), powerOfTwoInputs: [1]),
            KernelTwinCase(w.twin("alignUp", arity: 2, alignUp, alignUp), powerOfTwoInputs: [1]),
        ]
    }
}
