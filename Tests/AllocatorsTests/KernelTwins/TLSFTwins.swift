import Allocators
import AllocatorSpec
import TestSupport

extension KernelTwinTests {
    /// Samples with a valid configuration: `[inputs..., secondLevelLog2, granularityLog2]`,
    /// sizes as edge words and as multiples of the granularity.
    static func tlsfSamples(_ label: String, sizes: Int, powerOfTwoAt: Set<Int> = [], count: Int = 300) -> [[UInt]] {
        var random = SeededRandom.forTest("kernel twin \(label)")
        return (0 ..< count).map { _ in
            let secondLevelLog2 = UInt.random(in: 4 ... 5, using: &random)
            let granularityLog2 = UInt.random(in: 3 ... 6, using: &random)
            let words: [UInt] = (0 ..< sizes).map { index in
                if powerOfTwoAt.contains(index) { return random.powerOfTwo() }
                let word = random.edgyWord()
                return Bool.random(using: &random) ? word : word & ~((1 << granularityLog2) - 1)
            }
            return words + [secondLevelLog2, granularityLog2]
        }
    }

    static func packed<W: KernelWord>(_ pair: (W, W)) -> W { (pair.0 &<< 32) | pair.1 }

    static var tlsfTwins: [KernelTwinCase] { [
        KernelTwinCase(KernelTwin("tlsfFirstLevelCount", arity: 2,
            symbolic: { Kernels.tlsfFirstLevelCount(secondLevelLog2: $0[0], granularityLog2: $0[1]) },
            concrete: { Kernels.tlsfFirstLevelCount(secondLevelLog2: $0[0], granularityLog2: $0[1]) }),
            samples: tlsfSamples("tlsfFirstLevelCount", sizes: 0)),
        KernelTwinCase(KernelTwin("tlsfMappingInsert", arity: 3,
            symbolic: { packed(Kernels.tlsfMappingInsert($0[0] | 1, secondLevelLog2: $0[1], granularityLog2: $0[2])) },
            concrete: { packed(Kernels.tlsfMappingInsert($0[0] | 1, secondLevelLog2: $0[1], granularityLog2: $0[2])) }),
            samples: tlsfSamples("tlsfMappingInsert", sizes: 1)),
        KernelTwinCase(KernelTwin("tlsfSearchLimit", arity: 1,
            symbolic: { $0[0] & 0 | Kernels.tlsfSearchLimit() },
            concrete: { $0[0] & 0 | Kernels.tlsfSearchLimit() })),
        KernelTwinCase(KernelTwin("tlsfMappingSearch", arity: 3,
            symbolic: { x in
                let m = Kernels.tlsfMappingSearch(x[0] | (1 &<< x[2]), secondLevelLog2: x[1], granularityLog2: x[2])
                return packed((m.firstLevel, m.secondLevel)) | (wordOf(m.overflow) &<< 63)
            },
            concrete: { x in
                let m = Kernels.tlsfMappingSearch(x[0] | (1 &<< x[2]), secondLevelLog2: x[1], granularityLog2: x[2])
                return packed((m.firstLevel, m.secondLevel)) | (wordOf(m.overflow) &<< 63)
            }),
            samples: tlsfSamples("tlsfMappingSearch", sizes: 1)),
        KernelTwinCase(KernelTwin("tlsfClassLowerBound", arity: 4,
            symbolic: { Kernels.tlsfClassLowerBound(firstLevel: $0[0] & 31, secondLevel: $0[1] & 15, secondLevelLog2: $0[2], granularityLog2: $0[3]) },
            concrete: { Kernels.tlsfClassLowerBound(firstLevel: $0[0] & 31, secondLevel: $0[1] & 15, secondLevelLog2: $0[2], granularityLog2: $0[3]) }),
            samples: tlsfSamples("tlsfClassLowerBound", sizes: 2)),
        KernelTwinCase(KernelTwin("tlsfBlockSize", arity: 3,
            symbolic: { x in let b = Kernels.tlsfBlockSize(x[0], granularityLog2: x[2]); return b.value | wordOf(b.overflow) },
            concrete: { x in let b = Kernels.tlsfBlockSize(x[0], granularityLog2: x[2]); return b.value | wordOf(b.overflow) }),
            samples: tlsfSamples("tlsfBlockSize", sizes: 1)),
        KernelTwinCase(KernelTwin("tlsfSplit", arity: 4,
            symbolic: { x in let s = Kernels.tlsfSplit(blockSize: x[0], usedSize: x[1], granularityLog2: x[3]); return s.remainder ^ wordOf(s.splits) },
            concrete: { x in let s = Kernels.tlsfSplit(blockSize: x[0], usedSize: x[1], granularityLog2: x[3]); return s.remainder ^ wordOf(s.splits) }),
            samples: tlsfSamples("tlsfSplit", sizes: 2)),
        KernelTwinCase(KernelTwin("tlsfAlignedPayload", arity: 4,
            symbolic: { x in Kernels.tlsfAlignedPayload(blockStart: x[0] & 0xFFFF_FFF0 & ~((1 &<< x[3]) &- 1), alignment: x[1] & 0xFFFF, granularityLog2: x[3]) },
            concrete: { x in Kernels.tlsfAlignedPayload(blockStart: x[0] & 0xFFFF_FFF0 & ~((1 &<< x[3]) &- 1), alignment: x[1] & 0xFFFF, granularityLog2: x[3]) }),
            samples: tlsfSamples("tlsfAlignedPayload", sizes: 2, powerOfTwoAt: [1])),
        KernelTwinCase(KernelTwin("tlsfAlignedSearchSize", arity: 4,
            symbolic: { x in let s = Kernels.tlsfAlignedSearchSize(usedSize: x[0], alignment: x[1], granularityLog2: x[3]); return s.value | wordOf(s.overflow) },
            concrete: { x in let s = Kernels.tlsfAlignedSearchSize(usedSize: x[0], alignment: x[1], granularityLog2: x[3]); return s.value | wordOf(s.overflow) }),
            samples: tlsfSamples("tlsfAlignedSearchSize", sizes: 2, powerOfTwoAt: [1])),
        KernelTwinCase(KernelTwin("tlsfRequiredGap", arity: 4,
            symbolic: { x in let g = Kernels.tlsfRequiredGap(byteCount: x[0], alignment: x[1], secondLevelLog2: x[2], granularityLog2: x[3]); return g.value | wordOf(g.invalid) },
            concrete: { x in let g = Kernels.tlsfRequiredGap(byteCount: x[0], alignment: x[1], secondLevelLog2: x[2], granularityLog2: x[3]); return g.value | wordOf(g.invalid) }),
            samples: tlsfSamples("tlsfRequiredGap", sizes: 2, powerOfTwoAt: [1])),
        KernelTwinCase(KernelTwin("tlsfRequestFits", arity: 4,
            symbolic: { x in wordOf(Kernels.tlsfRequestFits(x[0], blockSize: x[1], granularityLog2: x[3])) },
            concrete: { x in wordOf(Kernels.tlsfRequestFits(x[0], blockSize: x[1], granularityLog2: x[3])) }),
            samples: tlsfSamples("tlsfRequestFits", sizes: 2)),
        KernelTwinCase(KernelTwin("isGranuleInSpan", arity: 5,
            symbolic: { x in wordOf(Kernels.isGranuleInSpan(x[0], base: x[1] & ~((1 &<< x[4]) &- 1), granules: x[2] &>> 8, granularityLog2: x[4])) },
            concrete: { x in wordOf(Kernels.isGranuleInSpan(x[0], base: x[1] & ~((1 &<< x[4]) &- 1), granules: x[2] &>> 8, granularityLog2: x[4])) }),
            samples: tlsfSamples("isGranuleInSpan", sizes: 3)),
        KernelTwinCase(KernelTwin("tlsfPayloadCapacity", arity: 3,
            symbolic: { x in Kernels.tlsfPayloadCapacity(x[0], granularityLog2: x[2]) },
            concrete: { x in Kernels.tlsfPayloadCapacity(x[0], granularityLog2: x[2]) }),
            samples: tlsfSamples("tlsfPayloadCapacity", sizes: 1)),
        KernelTwinCase(KernelTwin("tlsfUsedBlock", arity: 3,
            symbolic: { x in let r = Kernels.tlsfUsedBlock(x[0], secondLevelLog2: x[1], granularityLog2: x[2]); return r.value ^ packed((r.firstLevel, r.secondLevel)) ^ wordOf(r.invalid) },
            concrete: { x in let r = Kernels.tlsfUsedBlock(x[0], secondLevelLog2: x[1], granularityLog2: x[2]); return r.value ^ packed((r.firstLevel, r.secondLevel)) ^ wordOf(r.invalid) }),
            samples: tlsfSamples("tlsfUsedBlock", sizes: 1)),
        KernelTwinCase(KernelTwin("tlsfMaxLiveBlockSize", arity: 3,
            symbolic: { x in Kernels.tlsfMaxLiveBlockSize(x[0] &>> 2, secondLevelLog2: x[1], granularityLog2: x[2]) },
            concrete: { x in Kernels.tlsfMaxLiveBlockSize(x[0] &>> 2, secondLevelLog2: x[1], granularityLog2: x[2]) }),
            samples: tlsfSamples("tlsfMaxLiveBlockSize", sizes: 1)),
        KernelTwinCase(KernelTwin("tlsfPoolLayout", arity: 4,
            symbolic: { x in let l = Kernels.tlsfPoolLayout(start: x[0], size: x[1], granularityLog2: x[3]); return l.first ^ (l.sentinel &* 3) ^ wordOf(l.invalid) },
            concrete: { x in let l = Kernels.tlsfPoolLayout(start: x[0], size: x[1], granularityLog2: x[3]); return l.first ^ (l.sentinel &* 3) ^ wordOf(l.invalid) }),
            samples: tlsfSamples("tlsfPoolLayout", sizes: 2)),
        KernelTwinCase(KernelTwin("tlsfControlBytes", arity: 2,
            symbolic: { Kernels.tlsfControlBytes(secondLevelLog2: $0[0], granularityLog2: $0[1]) },
            concrete: { Kernels.tlsfControlBytes(secondLevelLog2: $0[0], granularityLog2: $0[1]) }),
            samples: tlsfSamples("tlsfControlBytes", sizes: 0)),
    ] }
}
