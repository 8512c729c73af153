@testable import Allocators
import Testing
import TestSupport

/// What differs between 32-bit targets (the Embedded ones) and 64-bit ones,
/// computed by the shipped kernels on `UInt32` and `UInt64`, as each target
/// computes it. The lemmas are proved at both widths; these are the figures
/// the documentation quotes per width.
@Suite struct WordWidthTests {
    /// TLSF's search limit is half the word space: 2^31 on a 32-bit target
    /// (lemma `tlsf.usedBlock.validExactlyUpToTheLimitLessAHeader`).
    @Test func theTLSFSearchLimitIsHalfTheWordSpace() {
        #expect(Kernels.tlsfSearchLimit() as UInt32 == 1 << 31)
        #expect(Kernels.tlsfSearchLimit() as UInt64 == 1 << 63)
    }

    /// At 32 bits (G = 8) a request is valid up to 2^31 - 8 bytes, so the
    /// largest `Int` requests of a 32-bit target are `.invalidParam`; at 64
    /// bits (G = 16) up to 2^63 - 16.
    @Test func theLargestValidTLSFRequest() {
        let largest32: UInt32 = (1 << 31) - 8, largest64: UInt64 = (1 << 63) - 16
        #expect(!Kernels.tlsfUsedBlock(largest32, secondLevelLog2: 5, granularityLog2: 3).invalid)
        #expect(Kernels.tlsfUsedBlock(largest32 + 1, secondLevelLog2: 5, granularityLog2: 3).invalid)
        #expect(Kernels.tlsfUsedBlock(UInt32(Int32.max), secondLevelLog2: 5, granularityLog2: 3).invalid)
        #expect(!Kernels.tlsfUsedBlock(largest64, secondLevelLog2: 5, granularityLog2: 4).invalid)
        #expect(Kernels.tlsfUsedBlock(largest64 + 1, secondLevelLog2: 5, granularityLog2: 4).invalid)
    }

    /// The control structure of the default configurations: 3,304 bytes at
    /// 32 bits (25 first levels, 4-byte words), 14,792 at 64 (56 first
    /// levels); 1,772 and 7,760 with 16 second-level lists. The allocator's
    /// control structure adds its region table of pools after them.
    @Test func theTLSFControlStructureSize() {
        #expect(Kernels.tlsfControlBytes(secondLevelLog2: 5, granularityLog2: 3) as UInt32 == 3_304)
        #expect(Kernels.tlsfControlBytes(secondLevelLog2: 4, granularityLog2: 3) as UInt32 == 1_772)
        #expect(Kernels.tlsfControlBytes(secondLevelLog2: 5, granularityLog2: 4) as UInt64 == 14_792)
        #expect(Kernels.tlsfControlBytes(secondLevelLog2: 4, granularityLog2: 4) as UInt64 == 7_760)
        #expect(TLSFByteAllocator.listControlBytes == 14_792, "this host is a 64-bit one")
        #expect(TLSFByteAllocator.controlBytes == 14_792 + RegionTable<TLSFPool>.bytes(capacityLog2: TLSFDefaultConfiguration.regionCapacityLog2))
    }

    /// A slab descriptor is five words and six 32-bit fields: 64 bytes on a
    /// 64-bit target (one cache line), 44 on a 32-bit one, so the
    /// bookkeeping per 64 KiB window is 44 bytes there.
    @Test func theSlabDescriptorSizePerWidth() {
        let words = 5, narrowFields = 6
        #expect(MemoryLayout<SlabDescriptor>.size == words * MemoryLayout<UInt>.size + narrowFields * MemoryLayout<Int32>.size)
        #expect(MemoryLayout<SlabDescriptor>.size == 64)
        #expect(words * MemoryLayout<UInt32>.size + narrowFields * MemoryLayout<Int32>.size == 44)
    }

    /// A run summary's fields are fixed-width (16 bytes at either width) and
    /// hold what they count at either width: prefixes, suffixes and longest
    /// runs up to a region's units (2^30 at 64 bits, 2^28 at 32) in 32 bits,
    /// the largest prefix of a leaf (8 words: 512 units at 64 bits, 256 at
    /// 32) in 16 bits.
    @Test func runSummaryFieldsHoldTheirCountsAtEitherWidth() {
        #expect(MemoryLayout<RunSummary>.size == 16)
        #expect(HierarchicalBitmap.maxRegionUnits == 1 << 30, "this host is a 64-bit one")
        for bits in [32, 64] {
            let regionUnits = UInt64(1) << UInt64(Swift.min(30, bits - 4)), leafUnits = RunTree.groupWords * bits
            #expect(regionUnits <= UInt64(UInt32.max) && leafUnits <= Int(UInt16.max), "at \(bits) bits")
        }
    }
}
