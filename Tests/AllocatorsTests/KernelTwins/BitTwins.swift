import Allocators
import AllocatorSpec
import TestSupport

typealias Word = SymbolicWord

extension KernelTwinTests {
    static var bitTwins: [KernelTwinCase] { [
        KernelTwinCase(KernelTwin("bit", arity: 1, symbolic: { Kernels.bit($0[0] & 63) },
                        concrete: { Kernels.bit($0[0] & 63) })),
        KernelTwinCase(KernelTwin("lowMask", arity: 1, symbolic: { Kernels.lowMask(Word.remainder($0[0], 65)) },
                        concrete: { Kernels.lowMask($0[0] % 65) })),
        KernelTwinCase(KernelTwin("findFirstSet", arity: 1, symbolic: { Kernels.findFirstSet($0[0]) },
                        concrete: { Kernels.findFirstSet($0[0]) })),
        KernelTwinCase(KernelTwin("findFirstSetFrom", arity: 2, symbolic: { Kernels.findFirstSetFrom($0[0], $0[1] & 63) },
                                  concrete: { Kernels.findFirstSetFrom($0[0], $0[1] & 63) })),
        KernelTwinCase(KernelTwin("findFirstSetAtOrAbove", arity: 2, symbolic: { Kernels.findFirstSetAtOrAbove($0[0], $0[1] & 127) },
                        concrete: { Kernels.findFirstSetAtOrAbove($0[0], $0[1] & 127) })),
        KernelTwinCase(KernelTwin("floorLog2", arity: 1, symbolic: { Kernels.floorLog2($0[0] | 1) },
                        concrete: { Kernels.floorLog2($0[0] | 1) })),
        KernelTwinCase(KernelTwin("ceilLog2", arity: 1, symbolic: { Kernels.ceilLog2($0[0]) },
                        concrete: { Kernels.ceilLog2($0[0]) })),
        KernelTwinCase(KernelTwin("nextPowerOfTwoOverflows", arity: 1, symbolic: { wordOf(Kernels.nextPowerOfTwoOverflows($0[0])) },
                        concrete: { wordOf(Kernels.nextPowerOfTwoOverflows($0[0])) })),
        KernelTwinCase(KernelTwin("nextPowerOfTwo", arity: 1, symbolic: { Kernels.nextPowerOfTwo($0[0]).value },
                        concrete: { Kernels.nextPowerOfTwo($0[0]).value })),
    ] }
}
