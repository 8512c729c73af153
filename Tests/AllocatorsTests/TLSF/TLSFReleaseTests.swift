import Allocators
import Testing
import TestSupport

/// `forEachReleasableRange`: the whole pages of large free blocks that hold
/// no allocator data, which the process-wide malloc gives back to the kernel.
@Suite struct TLSFReleaseTests {
    /// The ranges expected of the free blocks `walkBlocks` reports, computed
    /// by division (not by the kernel): for every free block of at least
    /// `minimum` bytes, its whole pages from past its header and links
    /// (block + 2G) to its end.
    static func expectedRanges(_ tlsf: borrowing TLSFByteAllocator, minimum: Int, page: UInt) -> [Range<UInt>] {
        var ranges: [Range<UInt>] = []
        tlsf.walkBlocks { block in
            guard block.isFree, block.size >= minimum else { return }
            let linksEnd = block.address + UInt(TLSFByteAllocator.minimumBlockSize)
            let start = (linksEnd + page - 1) / page * page
            let end = (block.address + UInt(block.size)) / page * page
            if start < end { ranges.append(start ..< end) }
        }
        return ranges.sorted { $0.lowerBound < $1.lowerBound }
    }

    static func reportedRanges(_ tlsf: borrowing TLSFByteAllocator, minimum: Int, page: Int) -> [Range<UInt>] {
        var ranges: [Range<UInt>] = []
        tlsf.forEachReleasableRange(minimumBlockSize: minimum, pageSize: page) { start, byteCount in
            ranges.append(start ..< start + UInt(byteCount))
        }
        return ranges.sorted { $0.lowerBound < $1.lowerBound }
    }

    @Test(arguments: [(0, 64), (4096, 4096), (65536, 4096), (256 << 10, 4096), (Int.max, 4096)])
    func everyLargeFreeBlockIsReportedExactly(minimum: Int, page: Int) throws {
        let region = TestRegion(size: 8 << 20)
        var tlsf = TLSFByteAllocator()
        try tlsf.initialize(start: region.start, size: region.size)
        #expect(Self.reportedRanges(tlsf, minimum: minimum, page: page) == Self.expectedRanges(tlsf, minimum: minimum, page: UInt(page)))
        // Free blocks of many sizes: runs of small blocks freed, with a live
        // block between runs of different lengths.
        var random = SeededRandom.forTest("TLSFReleaseTests \(minimum) \(page)")
        var pointers: [(UnsafeMutableRawPointer, Int)] = []
        while let pointer = try? tlsf.allocate(byteCount: 1000, alignment: 16) { pointers.append((pointer, 1000)) }
        var index = 0
        while index < pointers.count {
            let run = Int.random(in: 1 ... 600, using: &random)
            for (pointer, size) in pointers[index ..< min(index + run, pointers.count)] { tlsf.deallocate(pointer, byteCount: size, alignment: 16) }
            index += run + 1
        }
        try tlsf.checkIntegrity()
        let expected = Self.expectedRanges(tlsf, minimum: minimum, page: UInt(page))
        #expect(Self.reportedRanges(tlsf, minimum: minimum, page: page) == expected)
        if minimum <= 256 << 10 { #expect(!expected.isEmpty) } else { #expect(expected.isEmpty) }
    }

    @Test func discardedRangesLeaveTheHeapWhole() throws {
        // Zero every range (what madvise(MADV_DONTNEED) leaves), then use the
        // heap: allocations, frees and the integrity check see no change.
        let region = TestRegion(size: 4 << 20)
        var tlsf = TLSFByteAllocator()
        try tlsf.initialize(start: region.start, size: region.size)
        var live: [(UnsafeMutableRawPointer, Int, UInt8)] = []
        var random = SeededRandom.forTest("TLSFReleaseTests.discarded")
        for round in 0 ..< 40 {
            for _ in 0 ..< 200 {
                let size = Int.random(in: 1 ... 20_000, using: &random)
                guard let pointer = try? tlsf.allocate(byteCount: size, alignment: 16) else { break }
                let stamp = UInt8(truncatingIfNeeded: round &+ 1)
                pointer.initializeMemory(as: UInt8.self, repeating: stamp, count: size)
                live.append((pointer, size, stamp))
            }
            live.shuffle(using: &random)
            for (pointer, size, _) in live.suffix(live.count * 2 / 3) { tlsf.deallocate(pointer, byteCount: size, alignment: 16) }
            live.removeLast(live.count * 2 / 3)
            tlsf.forEachReleasableRange(minimumBlockSize: 0, pageSize: 64) { start, byteCount in
                UnsafeMutableRawPointer(bitPattern: start)!.initializeMemory(as: UInt8.self, repeating: 0, count: byteCount)
            }
            try tlsf.checkIntegrity()
            for (pointer, size, stamp) in live {
                let bytes = UnsafeRawBufferPointer(start: pointer, count: size)
                #expect(bytes.allSatisfy { $0 == stamp })
            }
        }
    }
}

/// Model-checked runs with every releasable range overwritten after every
/// step (`ReleaseScribblingAllocator`): TLSF, and the slab allocator over
/// TLSF, agree with the model throughout; a scribbler that writes one
/// granule too far is caught.
@Suite struct ReleasableRangeModelTests {
    static let workload = ByteWorkload(
        sizeRanges: [0 ... 48, 48 ... 600, 2000 ... 9000], alignmentLog2: 0 ... 8, slots: 24, hostileProbability: 0.05)

    static func checkTLSF(writesPastTheEnd: Bool, runs: Int) -> String? {
        modelCheckByteAllocator(
            "TLSF, releasable ranges overwritten\(writesPastTheEnd ? " one granule too far" : "")",
            geometry: .tlsf(TLSFByteAllocator.self),
            layouts: [RegionLayout.single(size: 1 << 16), RegionLayout(regions: [(offset: 5, size: 30_000), (offset: 40_000, size: 9000)])],
            workload: workload, runs: runs, steps: 400, mode: .shadow,
            make: { ReleaseScribblingAllocator(TLSFByteAllocator(), writesPastTheEnd: writesPastTheEnd) },
            integrity: { integrityMessage($0) })
    }

    @Test func tlsfAgreesWithTheModel() {
        #expect(Self.checkTLSF(writesPastTheEnd: false, runs: 6) == nil)
    }

    @Test func slabOverTLSFAgreesWithTheModel() {
        let workload = ByteWorkload(
            sizeRanges: [0 ... 64, 65 ... 2048, 4000 ... 20_000], alignmentLog2: 0 ... 12, slots: 40, reallocateProbability: 0)
        let report = modelCheckByteAllocator(
            "slab over TLSF, releasable ranges overwritten",
            geometry: .slab(slabShift: 16, backingHeader: TLSFByteAllocator.granularity, over: .tlsf),
            layouts: [RegionLayout.single(size: 1 << 19)], workload: workload, runs: 3, steps: 600, mode: .shadow,
            make: { ReleaseScribblingAllocator(SlabByteAllocator()) }, integrity: { integrityMessage($0) })
        #expect(report == nil)
    }

    /// The scribbler's planted bug: ranges written one granule past their
    /// end, over the next block's header (with 16-byte pages every range
    /// ends at its block's end). The integrity check after the first step
    /// reports it. An exit test all the same: should a run reach an
    /// operation that reads the damaged header first, TLSF stops the process.
    @Test func aRangeOneGranuleTooLongIsCaught() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            if let report = Self.checkTLSF(writesPastTheEnd: true, runs: 2) { fatalError("caught: \(report)") }
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("caught: ") && message.contains("integrity"), "\(message.suffix(600))")
    }
}
