#if Shared
import Allocators
import Testing
import TestSupport

@Suite("SharedAllocator")
struct SharedAllocatorTests {
    static func makeShared(poolSize: Int = 1 << 16) throws -> SharedAllocator<ReferenceByteAllocator> {
        try SharedAllocator(poolSize: poolSize, base: ReferenceByteAllocator())
    }

    @Test func zeroByteRequestsAreAlignedNonNullAndFree() throws {
        let shared = try Self.makeShared()
        for exponent in 0 ..< 20 {
            let alignment = 1 << exponent
            let pointer = try shared.allocate(byteCount: 0, alignment: alignment)
            #expect(UInt(bitPattern: pointer) == UInt(alignment))
            #expect(shared.usedBytes == 0)
            shared.deallocate(pointer, byteCount: 0, alignment: alignment)
            try shared.tryDeallocate(pointer, byteCount: 0, alignment: alignment)
        }
        #expect(throws: AllocError.invalidParam) { try shared.allocate(byteCount: 0, alignment: 3) }
        #expect(throws: AllocError.invalidParam) { try shared.allocate(byteCount: 0, alignment: 0) }
        let stray = UnsafeMutableRawPointer(bitPattern: 0x1000)!
        #expect(throws: AllocError.notAllocated) { try shared.tryDeallocate(stray, byteCount: 0, alignment: 8) }
        #expect(shared.usedBytes == 0)
    }

    @Test func bytesRoundTripWithStatistics() throws {
        let shared = try Self.makeShared()
        #expect(shared.totalBytes == 1 << 16)
        let a = try shared.allocate(byteCount: 100, alignment: 16)
        let b = try shared.allocate(byteCount: 7, alignment: 256)
        #expect(UInt(bitPattern: a) % 16 == 0 && UInt(bitPattern: b) % 256 == 0)
        #expect(shared.usedBytes >= 107)
        #expect(shared.usedBytes + shared.availableBytes == shared.totalBytes)
        #expect(throws: AllocError.notAllocated) { try shared.tryDeallocate(a, byteCount: 99, alignment: 16) }
        shared.deallocate(a, byteCount: 100, alignment: 16)
        try shared.tryDeallocate(b, byteCount: 7, alignment: 256)
        #expect(throws: AllocError.notAllocated) { try shared.tryDeallocate(b, byteCount: 7, alignment: 256) }
        #expect(shared.usedBytes == 0)
        #expect(throws: AllocError.noMemory) { try shared.allocate(byteCount: 1 << 17, alignment: 8) }
        #expect(shared.withAllocator { integrityMessage($0) } == nil)
    }

    @Test func typedBuffers() throws {
        let shared = try Self.makeShared()
        let words = try shared.allocate(UInt64.self, capacity: 100)
        #expect(words.count == 100)
        #expect(UInt(bitPattern: words.baseAddress) % UInt(MemoryLayout<UInt64>.alignment) == 0)
        words.initialize(repeating: 0xABCD)
        #expect(words.allSatisfy { $0 == 0xABCD })
        #expect(shared.usedBytes >= 800)
        shared.deallocate(words)
        let empty = try shared.allocate(UInt64.self, capacity: 0)
        #expect(empty.count == 0 && empty.baseAddress != nil)
        shared.deallocate(empty)
        #expect(throws: AllocError.invalidParam) { try shared.allocate(UInt64.self, capacity: -1) }
        #expect(throws: AllocError.invalidParam) { try shared.allocate(UInt64.self, capacity: Int.max / 4) }
        #expect(shared.usedBytes == 0)
    }

    @Test func callerManagedMemory() throws {
        let arena = PoolArena(.single(size: 4096))
        var base = ReferenceByteAllocator()
        try base.initialize(start: arena.regions[0].start, size: 4096)
        let shared = SharedAllocator(base)
        let block = try shared.allocate(byteCount: 64, alignment: 8)
        #expect(UInt(bitPattern: block) >= arena.regions[0].start)
        #expect(UInt(bitPattern: block) + 64 <= arena.regions[0].start + 4096)
        shared.deallocate(block, byteCount: 64, alignment: 8)
        #expect(shared.usedBytes == 0)
    }
}
#endif
