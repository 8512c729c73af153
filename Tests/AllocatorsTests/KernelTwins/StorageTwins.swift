import Allocators
import AllocatorSpec
import TestSupport

extension KernelTwinTests {
    /// The owned-storage kernels: bit counts small and up to the precondition's limit.
    static var storageTwins: [KernelTwinCase] { [
        KernelTwinCase(KernelTwin("wordsForBits", arity: 1,
                        symbolic: { Kernels.wordsForBits($0[0]) },
                        concrete: { Kernels.wordsForBits($0[0]) }),
                       samples: slabSamples("wordsForBits") { r in
                           [Bool.random(using: &r) ? UInt.random(in: 0 ... 5000, using: &r) : UInt.random(in: 0 ... UInt.max - 63, using: &r)]
                       }),
    ] }
}
