import Allocators
import Testing

/// The error paths the foundation itself owns.
@Suite struct AllocErrorTests {
    /// A base allocator that records the regions it is handed.
    struct RecordingAllocator: BaseAllocator, ~Copyable {
        var regions: [(UInt, Int)] = []
        mutating func initialize(start: UInt, size: Int) throws(AllocError) { regions = [(start, size)] }
        mutating func addMemory(start: UInt, size: Int) throws(AllocError) { regions.append((start, size)) }
        func manages(_ address: UInt) -> Bool { false }
        func checkIntegrity() throws(IntegrityViolation) {}
    }

    @Test func aRegionWithoutBaseIsInvalidAndChangesNothing() {
        var allocator = RecordingAllocator()
        #expect(throws: AllocError.invalidParam) { try allocator.initialize(UnsafeMutableRawBufferPointer(start: nil, count: 0)) }
        #expect(throws: AllocError.invalidParam) { try allocator.addMemory(UnsafeMutableRawBufferPointer(start: nil, count: 0)) }
        #expect(allocator.regions.isEmpty)
    }

    @Test func bufferConveniencesPassTheRegionThrough() throws {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 256, alignment: 16)
        defer { buffer.deallocate() }
        var allocator = RecordingAllocator()
        try allocator.initialize(buffer)
        try allocator.addMemory(UnsafeMutableRawBufferPointer(rebasing: buffer[128...]))
        #expect(allocator.regions.map(\.0) == [UInt(bitPattern: buffer.baseAddress), UInt(bitPattern: buffer.baseAddress! + 128)])
        #expect(allocator.regions.map(\.1) == [256, 128])
    }

    @Test func casesAreDistinctAndDescribed() {
        let all: [AllocError] = [.invalidParam, .memoryOverlap, .noMemory, .notAllocated]
        #expect(Set(all.map(\.description)).count == all.count)
        for (i, a) in all.enumerated() {
            for (j, b) in all.enumerated() { #expect((a == b) == (i == j)) }
        }
    }
}
