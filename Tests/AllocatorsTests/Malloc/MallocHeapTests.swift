import Allocators
import Testing
import TestSupport

@Suite("MallocHeap")
struct MallocHeapTests {
    @Test func randomMallocReallocFreeKeepsContentsAndAlignment() throws {
        var random = SeededRandom.forTest("MallocHeap.random")
        let arena = PoolArena(.single(size: 1 << 20))
        var heap = MallocHeap(SizeHeaderAllocator(ReferenceByteAllocator()))
        try heap.base.initialize(start: arena.regions[0].start, size: 1 << 20)
        var live: [(pointer: UnsafeMutableRawPointer, size: Int, alignment: Int, tag: UInt8)] = []
        func check(_ block: (pointer: UnsafeMutableRawPointer, size: Int, alignment: Int, tag: UInt8)) {
            #expect(UInt(bitPattern: block.pointer) % UInt(max(block.alignment, MallocHeap<SizeHeaderAllocator<ReferenceByteAllocator>>.minimumAlignment)) == 0)
            #expect(heap.usableSize(of: block.pointer) == block.size)
            #expect(UnsafeRawBufferPointer(start: block.pointer, count: block.size).allSatisfy { $0 == block.tag })
        }
        for step in 0 ..< 3_000 {
            let tag = UInt8(truncatingIfNeeded: step) | 1
            switch Int.random(in: 0 ..< 3, using: &random) {
            case 0:
                let size = Int.random(in: 0 ... 2048, using: &random)
                let alignment = 1 << Int.random(in: 0 ... 10, using: &random)
                guard let pointer = heap.allocate(byteCount: size, alignment: alignment) else { continue }
                pointer.initializeMemory(as: UInt8.self, repeating: tag, count: size)
                live.append((pointer, size, alignment, tag))
            case 1 where !live.isEmpty:
                let index = Int.random(in: 0 ..< live.count, using: &random)
                var block = live[index]
                check(block)
                let newSize = Int.random(in: 1 ... 4096, using: &random)
                guard let moved = heap.reallocate(block.pointer, byteCount: newSize) else { continue }
                #expect(UnsafeRawBufferPointer(start: moved, count: min(newSize, block.size)).allSatisfy { $0 == block.tag })
                moved.initializeMemory(as: UInt8.self, repeating: tag, count: newSize)
                block = (moved, newSize, block.alignment, tag)
                check(block)
                live[index] = block
            default:
                guard !live.isEmpty else { continue }
                let block = live.remove(at: Int.random(in: 0 ..< live.count, using: &random))
                check(block)
                heap.free(block.pointer)
            }
        }
        for block in live { check(block); heap.free(block.pointer) }
        #expect(heap.usedBytes == 0)
        #expect(integrityMessage(heap.base) == nil)
    }

    @Test func edgeCases() throws {
        let arena = PoolArena(.single(size: 4096))
        var heap = MallocHeap(SizeHeaderAllocator(ReferenceByteAllocator()))
        try heap.base.initialize(start: arena.regions[0].start, size: 4096)
        #expect(heap.allocate(byteCount: -1, alignment: 8) == nil)
        #expect(heap.allocate(byteCount: 8, alignment: 12) == nil)
        #expect(heap.allocate(byteCount: Int.max, alignment: 8) == nil)
        #expect(heap.allocate(byteCount: 8192, alignment: 8) == nil)
        let a = heap.allocate(byteCount: 0, alignment: 1), b = heap.allocate(byteCount: 0, alignment: 1)
        #expect(a != nil && b != nil && a != b)
        heap.free(a)
        heap.free(b)
        heap.free(nil)
        let c = heap.reallocate(nil, byteCount: 10)
        #expect(c != nil)
        #expect(heap.reallocate(c, byteCount: 0) == nil)
        #expect(heap.usedBytes == 0)
    }
}

#if TLSF
@Suite("MallocHeap over TLSF")
struct MallocHeapTLSFTests {
    /// mimalloc 2.0.9's `posix_memalign` returned misaligned blocks when the
    /// size equals the alignment at 256, 512 or 1024 bytes; every size around
    /// every power-of-two alignment up to 64 KiB is checked here, and
    /// `reallocate` (in place or moving) keeps the alignment (C TLSF #36).
    @Test func sizeEqualToAlignmentAndReallocateKeepAlignment() throws {
        let arena = PoolArena(.single(size: 4 << 20))
        var heap = MallocHeap(TLSFByteAllocator())
        try heap.base.initialize(start: arena.regions[0].start, size: 4 << 20)
        var misaligned: [String] = []
        for exponent in 0 ... 16 {
            let alignment = 1 << exponent
            for size in [alignment - 1, alignment, alignment + 1, 2 * alignment] where size >= 0 {
                guard let pointer = heap.allocate(byteCount: size, alignment: alignment) else {
                    Issue.record("no block for size \(size), alignment \(alignment)")
                    continue
                }
                if UInt(bitPattern: pointer) % UInt(alignment) != 0 { misaligned.append("a \(size) \(alignment)") }
                guard let grown = heap.reallocate(pointer, byteCount: 3 * size + 100) else { heap.free(pointer); continue }
                if UInt(bitPattern: grown) % UInt(alignment) != 0 { misaligned.append("r \(size) \(alignment)") }
                guard let shrunk = heap.reallocate(grown, byteCount: max(size / 2, 1)) else { heap.free(grown); continue }
                if UInt(bitPattern: shrunk) % UInt(alignment) != 0 { misaligned.append("s \(size) \(alignment)") }
                heap.free(shrunk)
            }
        }
        #expect(misaligned.isEmpty)
        #expect(heap.usedBytes == 0)
        #expect(throws: Never.self) { try heap.base.checkIntegrity() }
    }
}
#endif
