import Allocators
import Testing
import TestSupport

/// Owns an aligned buffer for a test pool and frees it at the end.
final class TestRegion {
    let base: UnsafeMutableRawPointer
    let size: Int
    init(size: Int, alignment: Int = 4096) {
        self.size = size
        base = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: alignment)
    }
    deinit { base.deallocate() }
    var start: UInt { UInt(bitPattern: base) }
    func start(offset: Int) -> UInt { start + UInt(offset) }
}

@Suite struct TLSFUnitTests {
    @Test func allocateAndFreeRestoresTheEmptyPool() throws {
        let region = TestRegion(size: 1 << 20)
        var tlsf = TLSFByteAllocator()
        try tlsf.initialize(start: region.start, size: region.size)
        try tlsf.checkIntegrity()
        let total = tlsf.totalBytes
        #expect(tlsf.usedBytes == 0 && tlsf.availableBytes == total)
        var pointers: [(UnsafeMutableRawPointer, Int)] = []
        for size in [0, 1, 8, 16, 17, 100, 1000, 5000, 0, 65536] {
            let p = try tlsf.allocate(byteCount: size, alignment: 8)
            #expect(UInt(bitPattern: p) % 16 == 0)
            pointers.append((p, size))
            try tlsf.checkIntegrity()
        }
        #expect(Set(pointers.map { $0.0 }).count == pointers.count)
        for (p, size) in pointers.reversed() {
            tlsf.deallocate(p, byteCount: size, alignment: 8)
            try tlsf.checkIntegrity()
        }
        #expect(tlsf.usedBytes == 0)
        #expect(tlsf.freeBlockCount == 1)
        #expect(tlsf.statistics.largestFreeBlock == total)
    }

    @Test func alignmentsUpToThePool() throws {
        let region = TestRegion(size: 1 << 16)
        var tlsf = TLSFByteAllocator()
        try tlsf.initialize(start: region.start, size: region.size)
        for shift in 0 ... 14 {
            let alignment = 1 << shift
            let p = try tlsf.allocate(byteCount: 24, alignment: alignment)
            #expect(UInt(bitPattern: p) % UInt(alignment) == 0)
            try tlsf.checkIntegrity()
            tlsf.deallocate(p, byteCount: 24, alignment: alignment)
            try tlsf.checkIntegrity()
        }
        #expect(tlsf.usedBytes == 0)
    }

    @Test func badRequestsThrowAndChangeNothing() throws {
        let region = TestRegion(size: 1 << 16)
        var tlsf = TLSFByteAllocator()
        try tlsf.initialize(start: region.start, size: region.size)
        let before = tlsf.statistics
        #expect(throws: AllocError.invalidParam) { try tlsf.allocate(byteCount: -1, alignment: 8) }
        #expect(throws: AllocError.invalidParam) { try tlsf.allocate(byteCount: 8, alignment: 3) }
        #expect(throws: AllocError.invalidParam) { try tlsf.allocate(byteCount: Int.max, alignment: 8) }
        #expect(throws: AllocError.invalidParam) { try tlsf.allocate(byteCount: Int.max - 15, alignment: 64) }
        #expect(throws: AllocError.noMemory) { try tlsf.allocate(byteCount: 1 << 40, alignment: 8) }
        #expect(throws: AllocError.noMemory) { try tlsf.allocate(byteCount: 8, alignment: 1 << 40) }
        #expect(tlsf.statistics == before)
        let p = try tlsf.allocate(byteCount: 64, alignment: 8)
        #expect(throws: AllocError.notAllocated) { try tlsf.tryDeallocate(p + 16, byteCount: 1, alignment: 8) }
        #expect(throws: AllocError.notAllocated) { try tlsf.tryDeallocate(p, byteCount: 4096, alignment: 8) }
        try tlsf.tryDeallocate(p, byteCount: 64, alignment: 8)
        #expect(throws: AllocError.notAllocated) { try tlsf.tryDeallocate(p, byteCount: 64, alignment: 8) }
        #expect(tlsf.statistics == before)
        try tlsf.checkIntegrity()
    }

    @Test func poolsOverlapAndTinyRegions() throws {
        let region = TestRegion(size: 1 << 16)
        let other = TestRegion(size: 4096)
        var tlsf = TLSFByteAllocator()
        #expect(throws: AllocError.invalidParam) { try tlsf.initialize(start: region.start, size: 64) }
        try tlsf.initialize(start: region.start, size: region.size / 2)
        #expect(throws: AllocError.memoryOverlap) { try tlsf.addMemory(start: region.start + 100, size: 4096) }
        #expect(throws: AllocError.invalidParam) { try tlsf.addMemory(start: other.start, size: 63) }
        try tlsf.addMemory(start: region.start(offset: region.size / 2 + 3), size: region.size / 2 - 3)
        try tlsf.addMemory(start: other.start + 1, size: 79)
        #expect(throws: AllocError.memoryOverlap) { try tlsf.addMemory(start: other.start, size: 4096) }
        try tlsf.checkIntegrity()
        var blocks = 0
        tlsf.walkBlocks { _ in blocks += 1 }
        #expect(blocks == 3)
        // The alignment slack of a region is managed memory too.
        #expect(throws: AllocError.memoryOverlap) { try tlsf.addMemory(start: other.start + 79, size: 1000) }
        #expect(throws: AllocError.memoryOverlap) { try tlsf.addMemory(start: other.start, size: 2) }
        #expect(throws: AllocError.memoryOverlap) { try tlsf.initialize(start: region.start + 8, size: 100_000) }
        #expect(throws: AllocError.invalidParam) { try tlsf.initialize(start: other.start + 2048, size: 2048) }
        try tlsf.addMemory(start: other.start + 80, size: 1000)
        try tlsf.checkIntegrity()
    }

    @Test func reallocateInPlaceAndMoving() throws {
        let region = TestRegion(size: 1 << 16)
        var tlsf = TLSFByteAllocator()
        try tlsf.initialize(start: region.start, size: region.size)
        var p = try tlsf.allocate(byteCount: 100, alignment: 256)
        p.storeBytes(of: 0xAB, as: UInt8.self)
        let q = try tlsf.reallocate(p, byteCount: 100, newByteCount: 1000, alignment: 256)
        #expect(q == p)  // grown in place
        try tlsf.checkIntegrity()
        let blocker = try tlsf.allocate(byteCount: 10, alignment: 8)
        p = try tlsf.reallocate(q, byteCount: 1000, newByteCount: 50, alignment: 256)
        #expect(p == q)
        try tlsf.checkIntegrity()
        let moved = try tlsf.reallocate(p, byteCount: 50, newByteCount: 20000, alignment: 256)
        #expect(UInt(bitPattern: moved) % 256 == 0)
        #expect(moved.load(as: UInt8.self) == 0xAB)
        try tlsf.checkIntegrity()
        tlsf.deallocate(moved, byteCount: 20000, alignment: 256)
        tlsf.deallocate(blocker, byteCount: 10, alignment: 8)
        try tlsf.checkIntegrity()
        #expect(tlsf.usedBytes == 0)
    }

    @Test func sixteenListConfiguration() throws {
        let region = TestRegion(size: 1 << 16)
        var tlsf = TLSFAllocator<TLSFSixteenListConfiguration>()
        try tlsf.initialize(start: region.start, size: region.size)
        let p = try tlsf.allocate(byteCount: 3000, alignment: 64)
        try tlsf.checkIntegrity()
        tlsf.deallocate(p, byteCount: 3000, alignment: 64)
        try tlsf.checkIntegrity()
    }
}

extension TLSFUnitTests {
    /// espressif/tlsf PR #2, tlsf-bsd #4, #5: freeing a block and allocating
    /// the same size again always succeeds, even with every other block used.
    @Test func freeThenAllocateTheSameSizeSucceeds() throws {
        var random = SeededRandom.forTest("TLSF free then allocate")
        for _ in 0 ..< 200 {
            let region = TestRegion(size: 1 << 15)
            var tlsf = TLSFByteAllocator()
            try tlsf.initialize(start: region.start, size: region.size)
            let size = Int.random(in: 0 ... 3000, using: &random)
            var live: [UnsafeMutableRawPointer] = []
            while let p = try? tlsf.allocate(byteCount: size, alignment: 8) { live.append(p) }
            // Fill the rest with small blocks so no other free block fits.
            while let p = try? tlsf.allocate(byteCount: 0, alignment: 1) { _ = p }
            let victim = live[live.count / 2]
            tlsf.deallocate(victim, byteCount: size, alignment: 8)
            let again = try tlsf.allocate(byteCount: size, alignment: 8)
            #expect(again == victim)
            try tlsf.checkIntegrity()
        }
    }
}
