import Allocators
import AllocatorSpec
import TestSupport

extension KernelTwinTests {
    /// Run lengths are mapped into 1 ... width and alignments to powers of
    /// two up to the width (up to 128 for the whole-word search), the
    /// kernels' preconditions.
    static func bitmapTwins<C, let bits: Int>(_ w: TwinWidth<C, bits>) -> [KernelTwinCase] {
        func wordIndex<W: KernelWord>(_ x: [W]) -> W { Kernels.wordIndex(x[0]) }
        func bitOffset<W: KernelWord>(_ x: [W]) -> W { Kernels.bitOffset(x[0]) }
        func rangeMask<W: KernelWord>(_ x: [W]) -> W {
            let offset = x[0] & .lastBitIndex
            return Kernels.rangeMask(offset, W.remainder(x[1], .bitWidthWord &+ 1 &- offset))
        }
        func alignedPositions<W: KernelWord>(_ x: [W]) -> W { Kernels.alignedPositions(1 &<< (x[0] & .lastBitIndex)) }
        func runStarts<W: KernelWord>(_ x: [W]) -> W { Kernels.runStarts(x[0], (x[1] & .lastBitIndex) &+ 1) }
        func lowestAlignedBit<W: KernelWord>(_ x: [W]) -> W {
            Kernels.lowestAlignedBit(x[0], alignment: 1 &<< (x[1] & .lastBitIndex))
        }
        func firstAlignedRun<W: KernelWord>(_ x: [W]) -> W {
            Kernels.firstAlignedRun(x[0], count: (x[1] & .lastBitIndex) &+ 1, alignment: 1 &<< (x[2] & 7))
        }
        return [
            KernelTwinCase(w.twin("wordIndex", arity: 1, wordIndex, wordIndex)),
            KernelTwinCase(w.twin("bitOffset", arity: 1, bitOffset, bitOffset)),
            KernelTwinCase(w.twin("rangeMask", arity: 2, rangeMask, rangeMask)),
            KernelTwinCase(w.twin("alignedPositions", arity: 1, alignedPositions, alignedPositions)),
            KernelTwinCase(w.twin("runStarts", arity: 2, runStarts, runStarts)),
            KernelTwinCase(w.twin("lowestAlignedBit", arity: 2, lowestAlignedBit, lowestAlignedBit)),
            KernelTwinCase(w.twin("firstAlignedRun", arity: 3, firstAlignedRun, firstAlignedRun)),
        ]
    }
}
