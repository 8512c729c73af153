import Allocators
import AllocatorSpec
import TestSupport

extension KernelTwinTests {
    /// Word counts are mapped into 1 ... 2^(width - 8), leaf sizes to powers
    /// of two up to 2^7; the three results are packed into one word.
    static func bitmapStorageTwins<C, let bits: Int>(_ w: TwinWidth<C, bits>) -> [KernelTwinCase] {
        func maxRegionUnits<W: KernelWord>(_ x: [W]) -> W { x[0] & 0 | Kernels.bitmapMaxRegionUnits() }
        func layout<W: KernelWord>(_ x: [W]) -> W {
            let l = Kernels.runTreeLayout(wordCount: (x[0] &>> 8) | 1, firstWord: x[1], leafWords: 1 &<< (x[2] & 7))
            return l.alignedWords ^ (l.shift &* 3) ^ (l.positions &<< W(word: UInt(W.bitWidth / 2)))
        }
        return [
            KernelTwinCase(w.twin("bitmapMaxRegionUnits", arity: 1, maxRegionUnits, maxRegionUnits)),
            KernelTwinCase(w.twin("runTreeLayout", arity: 3, layout, layout)),
        ]
    }
}
