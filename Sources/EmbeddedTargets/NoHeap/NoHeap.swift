import Allocators

/// Every allocator with carved or caller-provided bookkeeping, in an image
/// whose platform allocator (`posix_memalign`, `free`: platform.c) stops the
/// program: a run that passes shows no allocator needs a heap, so each can
/// be a kernel's first allocator. The planted build
/// (`PLANTED_PLATFORM_BOOKKEEPING`) gives the page allocator `.platform`
/// bookkeeping and must stop in the platform allocator.
@main
struct NoHeap {
    static func main() {
        let arena = UnsafeMutableRawBufferPointer(start: boardArenaStart(), count: boardArenaSize())
        let base = (UInt(bitPattern: arena.baseAddress) + 0xFFFFF) & ~0xFFFFF
        precondition(base + 7 << 20 <= UInt(bitPattern: arena.baseAddress) + UInt(arena.count), "no-heap: the board's arena is too small")
        // Each allocator gets its own 1 MiB of the arena.
        func region(_ index: UInt) -> UInt { base + index << 20 }
        let size = 1 << 20

        var tlsf = TLSFByteAllocator()
        exercise(&tlsf, start: region(0), size: size)
        var buddy = BuddyByteAllocator(bookkeeping: .carved)
        exercise(&buddy, start: region(1), size: size)
        var slab = SlabByteAllocator(storage: .carved)
        exercise(&slab, start: region(2), size: size, checked: false)
        #if PLANTED_PLATFORM_BOOKKEEPING
        var pages = BitmapPageAllocator<4096>(bookkeeping: .platform)
        #else
        var pages = BitmapPageAllocator<4096>(bookkeeping: .carved)
        #endif
        exercisePages(&pages, start: region(3), size: size)
        // IDs are not memory: their bookkeeping is a buffer the caller gives.
        let buffer = UnsafeMutableRawBufferPointer(start: UnsafeMutableRawPointer(bitPattern: region(4)), count: size)
        var ids = BitmapIDAllocator(bookkeeping: .buffer(buffer))
        exerciseIDs(&ids)
        var global = GlobalAllocator<TLSFByteAllocator, BitmapPageAllocator<4096>, SpinLock>(
            bytes: TLSFByteAllocator(), pages: BitmapPageAllocator(bookkeeping: .carved), firstChunkPages: 4, directPageThreshold: 16 << 10)
        exerciseGlobal(&global, start: region(5), size: 2 * size)
        print("no-heap: PASS (TLSF, buddy, slab, bitmap pages and IDs, the global allocator; no platform allocation)")
    }

    /// Blocks of several sizes and alignments allocated, checked, freed.
    /// `checked`: whether `checkIntegrity()` runs too (the slab's needs
    /// scratch arrays from a heap: a test aid, not an allocation path).
    static func exercise<A: ByteAllocator & ~Copyable>(_ allocator: inout A, start: UInt, size: Int, checked: Bool = true) {
        do throws(AllocError) { try allocator.initialize(start: start, size: size) } catch { fatalError("no-heap: a byte allocator refused its region") }
        var blocks: (UnsafeMutableRawPointer?, UnsafeMutableRawPointer?, UnsafeMutableRawPointer?) = (nil, nil, nil)
        blocks.0 = try? allocator.allocate(byteCount: 24, alignment: 8)
        blocks.1 = try? allocator.allocate(byteCount: 3000, alignment: 64)
        blocks.2 = try? allocator.allocate(byteCount: 70_000, alignment: 4096)
        guard let a = blocks.0, let b = blocks.1, let c = blocks.2 else { fatalError("no-heap: an allocation failed") }
        if checked { check(allocator) }
        allocator.deallocate(b, byteCount: 3000, alignment: 64)
        allocator.deallocate(a, byteCount: 24, alignment: 8)
        allocator.deallocate(c, byteCount: 70_000, alignment: 4096)
        if checked { check(allocator) }
        precondition(allocator.usedBytes == 0, "no-heap: bytes stay in use")
    }

    static func exercisePages(_ pages: inout BitmapPageAllocator<4096>, start: UInt, size: Int) {
        do throws(AllocError) {
            try pages.initialize(start: start, size: size)
            let run = try pages.allocatePages(count: 8, alignment: 8 * 4096)
            check(pages)
            try pages.tryDeallocatePages(at: run, count: 8)
        } catch { fatalError("no-heap: the page allocator failed") }
        check(pages)
    }

    static func exerciseIDs(_ ids: inout BitmapIDAllocator) {
        do throws(AllocError) {
            try ids.initialize(start: 0, size: 100_000)
            let first = try ids.allocateIDs(count: 64, alignment: 64)
            check(ids)
            try ids.tryDeallocateIDs(start: first, count: 64)
        } catch { fatalError("no-heap: the ID allocator failed") }
        check(ids)
    }

    static func exerciseGlobal(
        _ global: inout GlobalAllocator<TLSFByteAllocator, BitmapPageAllocator<4096>, SpinLock>, start: UInt, size: Int
    ) {
        do throws(AllocError) {
            try global.initialize(start: start, size: size)
            let small = try global.allocate(byteCount: 100, alignment: 16)
            let large = try global.allocate(byteCount: 40_000, alignment: 16)  // above the threshold: a run of pages
            let grown = try global.allocate(byteCount: 12_000, alignment: 16)  // past the first chunk: the heap grows
            check(global)
            global.deallocate(grown, byteCount: 12_000, alignment: 16)
            global.deallocate(large, byteCount: 40_000, alignment: 16)
            global.deallocate(small, byteCount: 100, alignment: 16)
        } catch { fatalError("no-heap: the global allocator failed") }
        check(global)
    }

    static func check<A: BaseAllocator & ~Copyable>(_ allocator: borrowing A) {
        do throws(IntegrityViolation) { try allocator.checkIntegrity() } catch { fatalError("no-heap: an integrity check failed") }
    }
}

@_extern(c, "board_arena_start")
func boardArenaStart() -> UnsafeMutableRawPointer
@_extern(c, "board_arena_size")
func boardArenaSize() -> Int
