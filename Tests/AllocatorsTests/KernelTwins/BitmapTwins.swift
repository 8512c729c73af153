import Allocators
import AllocatorSpec
import TestSupport

extension KernelTwinTests {
    /// Run lengths are mapped into 1 ... 64 and alignments to powers of two up
    /// to 64 (128 for the whole-word search), the kernels' preconditions.
    static var bitmapTwins: [KernelTwinCase] { [
        KernelTwinCase(KernelTwin("wordIndex", arity: 1, symbolic: { Kernels.wordIndex($0[0]) },
                        concrete: { Kernels.wordIndex($0[0]) })),
        KernelTwinCase(KernelTwin("bitOffset", arity: 1, symbolic: { Kernels.bitOffset($0[0]) },
                        concrete: { Kernels.bitOffset($0[0]) })),
        KernelTwinCase(KernelTwin("rangeMask", arity: 2,
                        symbolic: { Kernels.rangeMask($0[0] & 63, Word.remainder($0[1], 65 &- ($0[0] & 63))) },
                        concrete: { Kernels.rangeMask($0[0] & 63, $0[1] % (65 - ($0[0] & 63))) })),
        KernelTwinCase(KernelTwin("alignedPositions", arity: 1, symbolic: { Kernels.alignedPositions(1 &<< ($0[0] & 63)) },
                        concrete: { Kernels.alignedPositions(1 &<< ($0[0] & 63)) })),
        KernelTwinCase(KernelTwin("runStarts", arity: 2, symbolic: { Kernels.runStarts($0[0], ($0[1] & 63) &+ 1) },
                        concrete: { Kernels.runStarts($0[0], ($0[1] & 63) &+ 1) })),
        KernelTwinCase(KernelTwin("lowestAlignedBit", arity: 2,
                        symbolic: { Kernels.lowestAlignedBit($0[0], alignment: 1 &<< ($0[1] & 63)) },
                        concrete: { Kernels.lowestAlignedBit($0[0], alignment: 1 &<< ($0[1] & 63)) })),
        KernelTwinCase(KernelTwin("firstAlignedRun", arity: 3,
                        symbolic: { Kernels.firstAlignedRun($0[0], count: ($0[1] & 63) &+ 1, alignment: 1 &<< ($0[2] & 7)) },
                        concrete: { Kernels.firstAlignedRun($0[0], count: ($0[1] & 63) &+ 1, alignment: 1 &<< ($0[2] & 7)) })),
    ] }
}
