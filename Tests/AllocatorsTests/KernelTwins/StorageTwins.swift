import Allocators
import AllocatorSpec
import TestSupport

extension KernelTwinTests {
    static var storageTwins: [KernelTwinCase] { [
        KernelTwinCase(KernelTwin("wordsForBits", arity: 1, symbolic: { Kernels.wordsForBits($0[0]) },
                        concrete: { Kernels.wordsForBits($0[0]) })),
    ] }
}
