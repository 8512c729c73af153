import Allocators
import AllocatorSpec
import TestSupport

extension KernelTwinTests {
    /// A valid configuration of the width: secondLevelLog2, granularityLog2
    /// (two words up to 64 bytes).
    static func tlsfConfiguration(_ random: inout SeededRandom, bits: Int) -> (sl: UInt64, g: UInt64) {
        (.random(in: 4 ... 5, using: &random), .random(in: UInt64((bits / 4).trailingZeroBitCount) ... 6, using: &random))
    }

    /// Samples with a valid configuration: `[inputs..., secondLevelLog2, granularityLog2]`,
    /// sizes as edge words and as multiples of the granularity.
    static func tlsfSamples(_ label: String, bits: Int, sizes: Int, powerOfTwoAt: Set<Int> = []) -> [[UInt64]] {
        sampled(label, bits: bits) { random in
            let (sl, g) = tlsfConfiguration(&random, bits: bits)
            let words: [UInt64] = (0 ..< sizes).map { index in
                if powerOfTwoAt.contains(index) { return random.powerOfTwo(bits: bits) }
                let word = random.edgyWord(bits: bits)
                return Bool.random(using: &random) ? word : word & ~((1 << g) - 1)
            }
            return words + [sl, g]
        }
    }

    /// Block starts anywhere the kernel's precondition admits (the higher
    /// half included) and alignments above G: `[start, alignment, sl, g]`.
    static func alignedPayloadSamples(bits: Int) -> [[UInt64]] {
        sampled("tlsfAlignedPayload", bits: bits) { random in
            let (sl, g) = tlsfConfiguration(&random, bits: bits)
            let alignment = UInt64(1) << UInt64.random(in: g + 1 ... UInt64(bits - 2), using: &random)
            let granule: UInt64 = 1 << g, reach = 2 * alignment + 2 * granule
            let highest = (wordMask(bits: bits) - reach) & ~(granule - 1)
            return [Swift.min(random.edgyWord(bits: bits) & ~(granule - 1), highest), alignment, sl, g]
        }
    }

    /// Two small results in one word (first level, second level).
    static func packed<W: KernelWord>(_ pair: (W, W)) -> W { (pair.0 &<< W(word: UInt(W.bitWidth / 2))) | pair.1 }

    static func tlsfTwins<C, let bits: Int>(_ w: TwinWidth<C, bits>) -> [KernelTwinCase] {
        func firstLevelCount<W: KernelWord>(_ x: [W]) -> W { Kernels.tlsfFirstLevelCount(secondLevelLog2: x[0], granularityLog2: x[1]) }
        func mappingInsert<W: KernelWord>(_ x: [W]) -> W {
            packed(Kernels.tlsfMappingInsert(x[0] | 1, secondLevelLog2: x[1], granularityLog2: x[2]))
        }
        func searchLimit<W: KernelWord>(_ x: [W]) -> W { x[0] & 0 | Kernels.tlsfSearchLimit() }
        func mappingSearch<W: KernelWord>(_ x: [W]) -> W {
            let m = Kernels.tlsfMappingSearch(x[0] | (1 &<< x[2]), secondLevelLog2: x[1], granularityLog2: x[2])
            return packed((m.firstLevel, m.secondLevel)) | (wordOf(m.overflow) &<< .lastBitIndex)
        }
        func classLowerBound<W: KernelWord>(_ x: [W]) -> W {
            Kernels.tlsfClassLowerBound(firstLevel: x[0] & 31, secondLevel: x[1] & 15, secondLevelLog2: x[2], granularityLog2: x[3])
        }
        func blockSize<W: KernelWord>(_ x: [W]) -> W {
            let b = Kernels.tlsfBlockSize(x[0], granularityLog2: x[2])
            return b.value | wordOf(b.overflow)
        }
        func split<W: KernelWord>(_ x: [W]) -> W {
            let s = Kernels.tlsfSplit(blockSize: x[0], usedSize: x[1], granularityLog2: x[3])
            return s.remainder ^ wordOf(s.splits)
        }
        func alignedPayload<W: KernelWord>(_ x: [W]) -> W {
            Kernels.tlsfAlignedPayload(blockStart: x[0], alignment: x[1], granularityLog2: x[3])
        }
        func alignedSearchSize<W: KernelWord>(_ x: [W]) -> W {
            let s = Kernels.tlsfAlignedSearchSize(usedSize: x[0], alignment: x[1], granularityLog2: x[3])
            return s.value | wordOf(s.overflow)
        }
        func requiredGap<W: KernelWord>(_ x: [W]) -> W {
            let g = Kernels.tlsfRequiredGap(byteCount: x[0], alignment: x[1], secondLevelLog2: x[2], granularityLog2: x[3])
            return g.value | wordOf(g.invalid)
        }
        func requestFits<W: KernelWord>(_ x: [W]) -> W { wordOf(Kernels.tlsfRequestFits(x[0], blockSize: x[1], granularityLog2: x[3])) }
        func granuleInSpan<W: KernelWord>(_ x: [W]) -> W {
            wordOf(Kernels.isGranuleInSpan(x[0], base: x[1] & ~((1 &<< x[4]) &- 1), granules: x[2] &>> 8, granularityLog2: x[4]))
        }
        func releasableRange<W: KernelWord>(_ x: [W]) -> W {
            let r = Kernels.tlsfReleasableRange(block: x[0], size: x[1], pageSize: x[2], granularityLog2: x[4])
            return r.start ^ (r.end &* 3)
        }
        func payloadCapacity<W: KernelWord>(_ x: [W]) -> W { Kernels.tlsfPayloadCapacity(x[0], granularityLog2: x[2]) }
        func usedBlock<W: KernelWord>(_ x: [W]) -> W {
            let r = Kernels.tlsfUsedBlock(x[0], secondLevelLog2: x[1], granularityLog2: x[2])
            return r.value ^ packed((r.firstLevel, r.secondLevel)) ^ wordOf(r.invalid)
        }
        func maxLiveBlockSize<W: KernelWord>(_ x: [W]) -> W {
            Kernels.tlsfMaxLiveBlockSize(x[0] &>> 2, secondLevelLog2: x[1], granularityLog2: x[2])
        }
        func poolLayout<W: KernelWord>(_ x: [W]) -> W {
            let l = Kernels.tlsfPoolLayout(start: x[0], size: x[1], granularityLog2: x[3])
            return l.first ^ (l.sentinel &* 3) ^ wordOf(l.invalid)
        }
        func controlBytes<W: KernelWord>(_ x: [W]) -> W { Kernels.tlsfControlBytes(secondLevelLog2: x[0], granularityLog2: x[1]) }
        func secondLevelBitmapIndex<W: KernelWord>(_ x: [W]) -> W { Kernels.tlsfSecondLevelBitmapIndex(firstLevel: x[0] & .lastBitIndex) }
        func listHeadIndex<W: KernelWord>(_ x: [W]) -> W {
            Kernels.tlsfListHeadIndex(firstLevel: x[0] & 31, secondLevel: x[1] & 15, secondLevelLog2: x[2], granularityLog2: x[3])
        }
        func samples(_ label: String, sizes: Int, powerOfTwoAt: Set<Int> = []) -> [[UInt64]] {
            tlsfSamples(label, bits: bits, sizes: sizes, powerOfTwoAt: powerOfTwoAt)
        }
        return [
            KernelTwinCase(w.twin("tlsfFirstLevelCount", arity: 2, firstLevelCount, firstLevelCount),
                           samples: samples("tlsfFirstLevelCount", sizes: 0)),
            KernelTwinCase(w.twin("tlsfMappingInsert", arity: 3, mappingInsert, mappingInsert), samples: samples("tlsfMappingInsert", sizes: 1)),
            KernelTwinCase(w.twin("tlsfSearchLimit", arity: 1, searchLimit, searchLimit)),
            KernelTwinCase(w.twin("tlsfMappingSearch", arity: 3, mappingSearch, mappingSearch), samples: samples("tlsfMappingSearch", sizes: 1)),
            KernelTwinCase(w.twin("tlsfClassLowerBound", arity: 4, classLowerBound, classLowerBound),
                           samples: samples("tlsfClassLowerBound", sizes: 2)),
            KernelTwinCase(w.twin("tlsfBlockSize", arity: 3, blockSize, blockSize), samples: samples("tlsfBlockSize", sizes: 1)),
            KernelTwinCase(w.twin("tlsfSplit", arity: 4, split, split), samples: samples("tlsfSplit", sizes: 2)),
            KernelTwinCase(w.twin("tlsfAlignedPayload", arity: 4, alignedPayload, alignedPayload), samples: alignedPayloadSamples(bits: bits)),
            KernelTwinCase(w.twin("tlsfAlignedSearchSize", arity: 4, alignedSearchSize, alignedSearchSize),
                           samples: samples("tlsfAlignedSearchSize", sizes: 2, powerOfTwoAt: [1])),
            KernelTwinCase(w.twin("tlsfRequiredGap", arity: 4, requiredGap, requiredGap),
                           samples: samples("tlsfRequiredGap", sizes: 2, powerOfTwoAt: [1])),
            KernelTwinCase(w.twin("tlsfRequestFits", arity: 4, requestFits, requestFits), samples: samples("tlsfRequestFits", sizes: 2)),
            KernelTwinCase(w.twin("isGranuleInSpan", arity: 5, granuleInSpan, granuleInSpan), samples: samples("isGranuleInSpan", sizes: 3)),
            KernelTwinCase(w.twin("tlsfReleasableRange", arity: 5, releasableRange, releasableRange),
                           samples: samples("tlsfReleasableRange", sizes: 3, powerOfTwoAt: [2])),
            KernelTwinCase(w.twin("tlsfPayloadCapacity", arity: 3, payloadCapacity, payloadCapacity),
                           samples: samples("tlsfPayloadCapacity", sizes: 1)),
            KernelTwinCase(w.twin("tlsfUsedBlock", arity: 3, usedBlock, usedBlock), samples: samples("tlsfUsedBlock", sizes: 1)),
            KernelTwinCase(w.twin("tlsfMaxLiveBlockSize", arity: 3, maxLiveBlockSize, maxLiveBlockSize),
                           samples: samples("tlsfMaxLiveBlockSize", sizes: 1)),
            KernelTwinCase(w.twin("tlsfPoolLayout", arity: 4, poolLayout, poolLayout), samples: samples("tlsfPoolLayout", sizes: 2)),
            KernelTwinCase(w.twin("tlsfControlBytes", arity: 2, controlBytes, controlBytes), samples: samples("tlsfControlBytes", sizes: 0)),
            KernelTwinCase(w.twin("tlsfSecondLevelBitmapIndex", arity: 1, secondLevelBitmapIndex, secondLevelBitmapIndex)),
            KernelTwinCase(w.twin("tlsfListHeadIndex", arity: 4, listHeadIndex, listHeadIndex),
                           samples: samples("tlsfListHeadIndex", sizes: 2)),
        ]
    }
}
