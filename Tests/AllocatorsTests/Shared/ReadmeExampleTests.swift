#if Shared && TLSF
import Allocators
import Testing

/// The README's Swift examples, kept compiling and passing.
@Suite("README examples")
struct ReadmeExampleTests {
    @Test func poolAllocator() throws {
        let heap = try SharedAllocator(poolSize: 1 << 20, base: TLSFByteAllocator())
        let samples = try heap.allocate(Float.self, capacity: 1024)  // aligned for Float
        samples.initialize(repeating: 0)
        let raw = try heap.allocate(byteCount: 4096, alignment: 4096)
        #expect(heap.usedBytes > 0 && heap.availableBytes > 0)
        heap.deallocate(raw, byteCount: 4096, alignment: 4096)
        heap.deallocate(samples)
        #expect(heap.usedBytes == 0)
    }

    @Test func poolArray() throws {
        let pool = try SharedAllocator(poolSize: 64 << 20, base: TLSFByteAllocator())
        do {
            var numbers = PoolArray<UInt32, TLSFByteAllocator>(allocator: pool)
            try numbers.reserveCapacity(1_000)  // throws .noMemory instead of trapping
            for i in 0 ..< 1_000_000 { numbers.append(UInt32(truncatingIfNeeded: i &* 2_654_435_761)) }
            numbers.sort()
            numbers[0] = numbers.removeLast()
            var rows = PoolArray<PoolArray<UInt32, TLSFByteAllocator>, TLSFByteAllocator>(allocator: pool)
            rows.append(PoolArray(allocator: pool))  // arrays of arrays, all in the pool
            #expect(numbers.count == 999_999 && rows.count == 1 && pool.usedBytes > 0)
        }
        #expect(pool.usedBytes == 0)
    }
}
#endif
