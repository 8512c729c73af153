import Allocators
import Testing
import TestSupport

/// The README's kernel-heap example, as it is printed there (between the
/// markers), run over a buffer that stands in for the memory after a kernel
/// image: if the README's code stops compiling or working, this fails.
@Suite struct KernelHeapExampleTests {
    // README: kernel heap begin
    typealias KernelHeap = GlobalAllocator<TLSFByteAllocator, BitmapPageAllocator<4096>, SpinLock>

    static func bootHeap(start: UInt, size: Int) throws(AllocError) -> KernelHeap {
        // Page bookkeeping carved from the memory itself: no heap before the heap.
        var heap = KernelHeap(bytes: TLSFByteAllocator(), pages: BitmapPageAllocator(bookkeeping: .carved))
        try heap.initialize(start: start, size: size)
        return heap
    }
    // README: kernel heap end

    @Test func theReadmeExampleRuns() throws {
        let size = 8 << 20
        let arena = PoolArena(.single(size: size))
        let heap = try Self.bootHeap(start: arena.regions[0].start, size: size)
        // README: kernel heap use begin
        let object = try heap.allocate(byteCount: 256, alignment: 16)   // from the byte heap (TLSF)
        let frames = try heap.allocatePages(count: 4, alignment: 4096)  // straight from the pages
        heap.deallocate(object, byteCount: 256, alignment: 16)
        heap.deallocatePages(at: frames, count: 4)
        try heap.checkIntegrity()                                       // both levels
        // README: kernel heap use end
        #expect(heap.statistics.directRuns == 0 && heap.usedBytes <= heap.totalBytes)
        #expect(UInt(bitPattern: object) >= arena.regions[0].start && frames % 4096 == 0)
    }
}
