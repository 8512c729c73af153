import Allocators
import AllocatorSpec
import TestSupport

extension KernelTwinTests {
    /// Lengths are mapped into 0 ... 255 (edges) and below 2^(5/8 of the
    /// width) where a join adds them; alignments are powers of two.
    static func runTreeTwins<C, let bits: Int>(_ w: TwinWidth<C, bits>) -> [KernelTwinCase] {
        func freePrefix<W: KernelWord>(_ x: [W]) -> W { Kernels.freePrefix(x[0]) }
        func freeSuffix<W: KernelWord>(_ x: [W]) -> W { Kernels.freeSuffix(x[0]) }
        func longestFreeRun<W: KernelWord>(_ x: [W]) -> W { Kernels.longestFreeRun(x[0]) }
        func joinedEdge<W: KernelWord>(_ x: [W]) -> W { Kernels.joinedEdge(x[0] & 0xFF, x[1] & 0xFF, span: x[2] & 0xFF) }
        func joinedLongest<W: KernelWord>(_ x: [W]) -> W {
            let shift = W(word: UInt(W.bitWidth * 3 / 8))
            return Kernels.joinedLongest(x[0] &>> shift, x[1] &>> shift, lowSuffix: x[2] &>> shift, highPrefix: x[3] &>> shift)
        }
        func larger<W: KernelWord>(_ x: [W]) -> W { Kernels.larger(x[0], x[1]) }
        func alignedFit<W: KernelWord>(_ x: [W]) -> W {
            let fit = Kernels.alignedFit(x[0], x[1], count: x[2], alignment: x[3])
            return select(fit.fits, fit.start, ~0)
        }
        return [
            KernelTwinCase(w.twin("freePrefix", arity: 1, freePrefix, freePrefix)),
            KernelTwinCase(w.twin("freeSuffix", arity: 1, freeSuffix, freeSuffix)),
            KernelTwinCase(w.twin("longestFreeRun", arity: 1, longestFreeRun, longestFreeRun)),
            KernelTwinCase(w.twin("joinedEdge", arity: 3, joinedEdge, joinedEdge)),
            KernelTwinCase(w.twin("joinedLongest", arity: 4, joinedLongest, joinedLongest)),
            KernelTwinCase(w.twin("larger", arity: 2, larger, larger)),
            KernelTwinCase(w.twin("alignedFit", arity: 4, alignedFit, alignedFit), powerOfTwoInputs: [3]),
        ]
    }
}
