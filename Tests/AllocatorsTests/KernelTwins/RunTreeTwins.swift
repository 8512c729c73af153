import Allocators
import AllocatorSpec
import TestSupport

extension KernelTwinTests {
    /// Lengths are mapped into 0 ... 2^40 where a join adds them; alignments
    /// are powers of two.
    static var runTreeTwins: [KernelTwinCase] { [
        KernelTwinCase(KernelTwin("freePrefix", arity: 1, symbolic: { Kernels.freePrefix($0[0]) },
                        concrete: { Kernels.freePrefix($0[0]) })),
        KernelTwinCase(KernelTwin("freeSuffix", arity: 1, symbolic: { Kernels.freeSuffix($0[0]) },
                        concrete: { Kernels.freeSuffix($0[0]) })),
        KernelTwinCase(KernelTwin("longestFreeRun", arity: 1, symbolic: { Kernels.longestFreeRun($0[0]) },
                        concrete: { Kernels.longestFreeRun($0[0]) })),
        KernelTwinCase(KernelTwin("joinedEdge", arity: 3,
                        symbolic: { Kernels.joinedEdge($0[0] & 0xFF, $0[1] & 0xFF, span: $0[2] & 0xFF) },
                        concrete: { Kernels.joinedEdge($0[0] & 0xFF, $0[1] & 0xFF, span: $0[2] & 0xFF) })),
        KernelTwinCase(KernelTwin("joinedLongest", arity: 4,
                        symbolic: { Kernels.joinedLongest($0[0] &>> 24, $0[1] &>> 24, lowSuffix: $0[2] &>> 24, highPrefix: $0[3] &>> 24) },
                        concrete: { Kernels.joinedLongest($0[0] &>> 24, $0[1] &>> 24, lowSuffix: $0[2] &>> 24, highPrefix: $0[3] &>> 24) })),
        KernelTwinCase(KernelTwin("larger", arity: 2, symbolic: { Kernels.larger($0[0], $0[1]) },
                        concrete: { Kernels.larger($0[0], $0[1]) })),
        KernelTwinCase(KernelTwin("alignedFit", arity: 4,
                        symbolic: { let f = Kernels.alignedFit($0[0], $0[1], count: $0[2], alignment: $0[3]); return select(f.fits, f.start, ~0) },
                        concrete: { let f = Kernels.alignedFit($0[0], $0[1], count: $0[2], alignment: $0[3]); return f.fits ? f.start : ~0 }),
                       powerOfTwoInputs: [3]),
    ] }
}
