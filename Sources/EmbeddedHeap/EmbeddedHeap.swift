import Allocators

/// The heap of an Embedded Swift program: a TLSF pool in a static buffer,
/// exported as the two functions Embedded Swift needs from its platform,
/// `posix_memalign` and `free` (the runtime allocates class instances,
/// array storage and closure contexts through them). The two C symbols are
/// defined in `exports.c`, since Swift reserves the name `free` to its
/// runtime; they forward to the functions below.
///
/// Link this module into a bare-metal program and every Swift allocation
/// comes from `EmbeddedHeap.capacity` bytes of `.bss`, in O(1) per call, with
/// no `malloc` from a C library. The pool is set up on the first allocation.
///
/// Not thread-safe: a program that allocates from interrupt handlers must
/// mask interrupts around Swift code that allocates.
public enum EmbeddedHeap {
    /// Bytes of the static buffer the pool lives in.
    public static var capacity: Int { MemoryLayout<HeapStorage>.size }

    /// Total, used and available bytes of the pool (used includes the
    /// per-block headers).
    public static var statistics: (totalBytes: Int, usedBytes: Int, availableBytes: Int) {
        setUpIfNeeded()
        return (heap.totalBytes, heap.usedBytes, heap.availableBytes)
    }

    /// Whether the allocator's structure is consistent.
    public static func checkIntegrity() -> Bool {
        setUpIfNeeded()
        return heapIsConsistent()
    }
}

/// The static buffer: 64 KiB, 8-byte aligned, zero-initialized (`.bss`).
typealias HeapStorage = InlineArray<8192, UInt64>

nonisolated(unsafe) var heapStorage = HeapStorage(repeating: 0)
nonisolated(unsafe) var heap = MallocHeap(TLSFByteAllocator())
nonisolated(unsafe) var heapIsSetUp = false

/// Gives the static buffer to the allocator, once. A global's address is
/// stable for the life of the program, so the pool may keep it.
@inline(__always)
func setUpIfNeeded() {
    if _slowPath(!heapIsSetUp) { setUp() }
}

@inline(never)
func setUp() {
    heapIsSetUp = true
    let start = withUnsafeMutablePointer(to: &heapStorage) { UInt(bitPattern: $0) }
    do {
        try heap.base.initialize(start: start, size: MemoryLayout<HeapStorage>.size)
    } catch {
        fatalError("EmbeddedHeap: the static buffer is too small for the allocator")
    }
}

/// `posix_memalign` (exported under that name by `exports.c`): `size` bytes
/// aligned to `alignment` (a power of two) into `*result`; 0 on success,
/// `EINVAL` (22) for a bad alignment, `ENOMEM` (12) when the pool has no room.
@_cdecl("embedded_heap_posix_memalign")
public func embeddedHeapPosixMemalign(
    _ result: UnsafeMutablePointer<UnsafeMutableRawPointer?>, _ alignment: Int, _ size: Int
) -> Int32 {
    setUpIfNeeded()
    guard alignment > 0, alignment & (alignment &- 1) == 0 else { return 22 }
    guard let pointer = heap.allocate(byteCount: size, alignment: alignment) else { return 12 }
    result.pointee = pointer
    return 0
}

/// `free` (exported under that name by `exports.c`): returns a block from
/// `posix_memalign` to the pool; null does nothing.
@_cdecl("embedded_heap_free")
public func embeddedHeapFree(_ pointer: UnsafeMutableRawPointer?) {
    heap.free(pointer)
}
