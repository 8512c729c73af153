import Allocators
import AllocatorSpec
import TestSupport

extension KernelTwinTests {
    static var alignmentTwins: [KernelTwinCase] { [
        KernelTwinCase(KernelTwin("isPowerOfTwo", arity: 1, symbolic: { wordOf(Kernels.isPowerOfTwo($0[0])) },
                        concrete: { wordOf(Kernels.isPowerOfTwo($0[0])) })),
        KernelTwinCase(KernelTwin("isAligned", arity: 2, symbolic: { wordOf(Kernels.isAligned($0[0], to: $0[1])) },
                        concrete: { wordOf(Kernels.isAligned($0[0], to: $0[1])) }), powerOfTwoInputs: [1]),
        KernelTwinCase(KernelTwin("alignDown", arity: 2, symbolic: { Kernels.alignDown($0[0], to: $0[1]) },
                        concrete: { Kernels.alignDown($0[0], to: $0[1]) }), powerOfTwoInputs: [1]),
        KernelTwinCase(KernelTwin("alignUpUnchecked", arity: 2, symbolic: { Kernels.alignUpUnchecked($0[0], to: $0[1]) },
                        concrete: { Kernels.alignUpUnchecked($0[0], to: $0[1]) }), powerOfTwoInputs: [1]),
        KernelTwinCase(KernelTwin("alignUpOverflows", arity: 2, symbolic: { wordOf(Kernels.alignUpOverflows($0[0], to: $0[1])) },
                        concrete: { wordOf(Kernels.alignUpOverflows($0[0], to: $0[1])) }), powerOfTwoInputs: [1]),
        KernelTwinCase(KernelTwin("alignUp", arity: 2, symbolic: { Kernels.alignUp($0[0], to: $0[1]).value },
                        concrete: { Kernels.alignUp($0[0], to: $0[1]).value }), powerOfTwoInputs: [1]),
    ] }
}
