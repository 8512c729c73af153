import Allocators
import AllocatorSpec
import TestSupport

extension KernelTwinTests {
    /// Word counts are mapped into 1 ... 2^24, leaf sizes to powers of two up to 2^7.
    static var bitmapStorageTwins: [KernelTwinCase] { [
        KernelTwinCase(KernelTwin("bitmapMaxRegionUnits", arity: 1,
                        symbolic: { $0[0] & 0 | Kernels.bitmapMaxRegionUnits() },
                        concrete: { $0[0] & 0 | Kernels.bitmapMaxRegionUnits() })),
        KernelTwinCase(KernelTwin("runTreeLayout", arity: 3,
                        symbolic: { x in
                            let l = Kernels.runTreeLayout(wordCount: (x[0] & 0xFF_FFFF) | 1, firstWord: x[1], leafWords: 1 &<< (x[2] & 7))
                            return l.alignedWords ^ (l.shift &* 3) ^ (l.positions &<< 32)
                        },
                        concrete: { x in
                            let l = Kernels.runTreeLayout(wordCount: (x[0] & 0xFF_FFFF) | 1, firstWord: x[1], leafWords: 1 &<< (x[2] & 7))
                            return l.alignedWords ^ (l.shift &* 3) ^ (l.positions &<< 32)
                        })),
    ] }
}
