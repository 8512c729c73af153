import Allocators
import AllocatorSpec
import Testing
import TestSupport

/// Every free/used pattern of a 16-page pool against every request, compared
/// with the page model's first fit. The pool is pages 56 ..< 72: it straddles
/// a bitmap word boundary and starts at a page that is only 8-page aligned;
/// alignments go up to 64 pages (page 64 is the only candidate), and 128
/// pages would have none.
@Suite struct BitmapExhaustiveTests {
    static let page = 4096
    static let firstPage: UInt = 56
    static let pages = 16

    /// The model of a pattern: used pages (bit i = page firstPage + i) as maximal live runs.
    static func model(of pattern: Int) -> PageModel {
        var model = PageModel()
        model.addRegion(firstPage ..< firstPage + UInt(pages))
        var i = 0
        while i < pages {
            guard pattern & (1 << i) != 0 else { i += 1; continue }
            var j = i
            while j < pages, pattern & (1 << j) != 0 { j += 1 }
            model.recordAllocation(firstPage + UInt(i) ..< firstPage + UInt(j))
            i = j
        }
        return model
    }

    /// The model's batch answer agrees with its one-count answer.
    @Test func batchFirstFitAgreesWithSingleQueries() {
        for pattern in stride(from: 0, to: 1 << Self.pages, by: 97) {
            let model = Self.model(of: pattern)
            for log2 in 0 ... 6 {
                let batch = model.firstFreeRuns(upTo: Self.pages, alignment: UInt(1 << log2))
                for count in 1 ... Self.pages {
                    #expect(batch[count - 1] == model.firstFreeRun(count: count, alignment: UInt(1 << log2)))
                }
            }
        }
    }

    /// Quarters of the Gray code sequence, run in parallel.
    @Test(arguments: 0 ..< 4)
    func everyPatternAgainstEveryRequest(quarter: Int) throws {
        var allocator = BitmapPageAllocator<4096>()
        try allocator.initialize(start: Self.firstPage * UInt(Self.page), size: Self.pages * Self.page)
        let steps = (1 << Self.pages) / 4
        let first = quarter * steps
        var pattern = first ^ (first >> 1)
        for i in 0 ..< Self.pages where pattern & (1 << i) != 0 {
            _ = try allocator.allocatePages(at: (Self.firstPage + UInt(i)) * UInt(Self.page), count: 1, alignment: Self.page)
        }
        var mismatches: [String] = []
        // Gray code order: each pattern differs from the last in one page.
        for step in first ..< first + steps {
            let gray = step ^ (step >> 1)
            let changed = gray ^ pattern
            if changed != 0 {
                let address = (Self.firstPage + UInt(changed.trailingZeroBitCount)) * UInt(Self.page)
                if gray & changed != 0 { _ = try allocator.allocatePages(at: address, count: 1, alignment: Self.page) }
                else { try allocator.tryDeallocatePages(at: address, count: 1) }
            }
            pattern = gray
            let model = Self.model(of: pattern)
            if allocator.usedPages != model.usedUnits { mismatches.append("pattern \(pattern): usedPages \(allocator.usedPages)") }
            for log2 in 0 ... 6 {
                let firstFits = model.firstFreeRuns(upTo: Self.pages, alignment: UInt(1 << log2))
                for count in 1 ... Self.pages {
                    let alignment = Self.page << log2
                    let expected = firstFits[count - 1].map { $0 * UInt(Self.page) }
                    var actual: UInt?
                    do throws(AllocError) {
                        let address = try allocator.allocatePages(count: count, alignment: alignment)
                        actual = address
                        try allocator.tryDeallocatePages(at: address, count: count)
                    } catch {
                        if error != .noMemory { mismatches.append("pattern \(pattern): \(count) pages aligned \(alignment): \(error)") }
                    }
                    if actual != expected, mismatches.count < 10 {
                        mismatches.append("pattern \(String(pattern, radix: 2)): \(count) pages aligned \(alignment): got \(String(describing: actual)), model \(String(describing: expected))")
                    }
                }
            }
            if mismatches.count >= 10 { break }
        }
        #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n"))")
        #expect(integrityMessage(allocator) == nil)
    }
}
