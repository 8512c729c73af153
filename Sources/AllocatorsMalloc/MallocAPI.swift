import CAllocatorsMalloc

// The C allocation API over `MallocBackend`, with glibc's conventions (its
// manual pages: malloc(3), posix_memalign(3)). `exports.c` defines the C
// symbols: each holds the heap lock around one of these functions, stores
// `*error` into `errno` when it is not 0, and stops the program when a free
// is invalid. Sizes are `size_t` (`UInt`); a size above `PTRDIFF_MAX` is
// `ENOMEM`, as in glibc.

/// The one heap of the process, set up on first use.
nonisolated(unsafe) var backend = MallocBackend(slab: true)

/// The page size `valloc` and `pvalloc` align to (the system's: checked at set-up).
var pageSize: UInt { UInt(bitPattern: MappedPageAllocator.pageSize) }

/// What the C side does after a call, besides returning its result.
enum MallocStatus {
    /// `free` or `realloc` was given a pointer that is not a live block.
    static var invalidPointer: Int32 { -1 }
}

@inline(__always)
func allocate(_ size: UInt, alignment: UInt, _ error: UnsafeMutablePointer<Int32>) -> UnsafeMutableRawPointer? {
    guard size <= UInt(bitPattern: Int.max),
          let pointer = backend.allocate(byteCount: Int(bitPattern: size), alignment: Int(bitPattern: alignment))
    else {
        error.pointee = ENOMEM
        return nil
    }
    return pointer
}

/// `malloc(size)`: at least `size` bytes aligned to 16; `malloc(0)` is a
/// unique pointer. `ENOMEM` when there is no room.
@_cdecl("allocators_malloc_malloc")
public func allocatorsMalloc(_ size: UInt, _ error: UnsafeMutablePointer<Int32>) -> UnsafeMutableRawPointer? {
    allocate(size, alignment: UInt(bitPattern: MallocBackend.minimumAlignment), error)
}

/// `free(pointer)`: null does nothing; a pointer that is not a live block
/// sets `*error` to `invalidPointer` and changes nothing.
@_cdecl("allocators_malloc_free")
public func allocatorsFree(_ pointer: UnsafeMutableRawPointer?, _ error: UnsafeMutablePointer<Int32>) {
    guard let pointer else { return }
    if _slowPath(!backend.free(pointer)) {
        #if !PLANTED_FREE_ACCEPTS_INVALID  // planted bug (program tests): invalid frees pass silently
        error.pointee = MallocStatus.invalidPointer
        #endif
    }
}

/// `calloc(count, size)`: `count * size` zeroed bytes; `ENOMEM` when the
/// product overflows or there is no room.
@_cdecl("allocators_malloc_calloc")
public func allocatorsCalloc(_ count: UInt, _ size: UInt, _ error: UnsafeMutablePointer<Int32>) -> UnsafeMutableRawPointer? {
    let (bytes, overflow) = count.multipliedReportingOverflow(by: size)
    guard !overflow else {
        error.pointee = ENOMEM
        return nil
    }
    guard let pointer = allocate(bytes, alignment: UInt(bitPattern: MallocBackend.minimumAlignment), error) else { return nil }
    zero(pointer, byteCount: bytes)
    return pointer
}

/// Zeroes the `byteCount` bytes of a block just allocated at `pointer`. A
/// direct run (`directPageThreshold` bytes or more) is zero already: its
/// pages are fresh from `mmap` or were released when last freed
/// (`MappedPageAllocator`), so a large `calloc` writes nothing and costs no
/// resident memory until it is used, as glibc's mapped blocks do.
@inline(__always)
func zero(_ pointer: UnsafeMutableRawPointer, byteCount: UInt) {
    guard byteCount < UInt(bitPattern: MallocBackend.directPageThreshold) else { return }
    #if PLANTED_CALLOC_DIRTY  // planted bug (program tests): calloc leaves garbage
    pointer.initializeMemory(as: UInt8.self, repeating: 0xA5, count: Int(bitPattern: byteCount))
    #else
    pointer.initializeMemory(as: UInt8.self, repeating: 0, count: Int(bitPattern: byteCount))
    #endif
}

/// `realloc(pointer, size)`: null allocates; a zero size frees and returns
/// null; otherwise the block resized (in place when it can), its contents
/// kept up to the smaller size. `ENOMEM` (the block unchanged) when there
/// is no room; `invalidPointer` when `pointer` is not a live block.
@_cdecl("allocators_malloc_realloc")
public func allocatorsRealloc(
    _ pointer: UnsafeMutableRawPointer?, _ size: UInt, _ error: UnsafeMutablePointer<Int32>
) -> UnsafeMutableRawPointer? {
    guard let pointer else { return allocatorsMalloc(size, error) }
    if size == 0 {
        allocatorsFree(pointer, error)
        return nil
    }
    guard size <= UInt(bitPattern: Int.max) else {
        // Still an invalid pointer first, as glibc checks the chunk before the size.
        error.pointee = backend.usableSize(of: pointer) == 0 ? MallocStatus.invalidPointer : ENOMEM
        return nil
    }
    #if PLANTED_REALLOC_SHORT_COPY
    let kept = min(backend.usableSize(of: pointer), Int(bitPattern: size))
    #endif
    switch backend.reallocate(pointer, byteCount: Int(bitPattern: size)) {
    case .done(let moved):
        #if PLANTED_REALLOC_SHORT_COPY  // planted bug (program tests): a moved block keeps half its contents
        if moved != pointer { (moved + kept / 2).initializeMemory(as: UInt8.self, repeating: 0xA5, count: kept - kept / 2) }
        #endif
        return moved
    case .noMemory:
        error.pointee = ENOMEM
        return nil
    case .invalidPointer:
        error.pointee = MallocStatus.invalidPointer
        return nil
    }
}

/// `reallocarray(pointer, count, size)`: `realloc` of `count * size`
/// bytes, `ENOMEM` (the block unchanged) when the product overflows.
@_cdecl("allocators_malloc_reallocarray")
public func allocatorsReallocarray(
    _ pointer: UnsafeMutableRawPointer?, _ count: UInt, _ size: UInt, _ error: UnsafeMutablePointer<Int32>
) -> UnsafeMutableRawPointer? {
    let (bytes, overflow) = count.multipliedReportingOverflow(by: size)
    guard !overflow else {
        error.pointee = ENOMEM
        return nil
    }
    return allocatorsRealloc(pointer, bytes, error)
}

/// `memalign(alignment, size)` and `aligned_alloc(alignment, size)`:
/// `size` bytes at a multiple of `alignment`, which must be a power of two
/// (`EINVAL` otherwise, 0 included); alignments below 16 give 16. `ENOMEM`
/// when there is no room.
@_cdecl("allocators_malloc_memalign")
public func allocatorsMemalign(_ alignment: UInt, _ size: UInt, _ error: UnsafeMutablePointer<Int32>) -> UnsafeMutableRawPointer? {
    guard alignment != 0, alignment & (alignment &- 1) == 0 else {
        error.pointee = EINVAL
        return nil
    }
    return allocate(size, alignment: max(alignment, UInt(bitPattern: MallocBackend.minimumAlignment)), error)
}

/// `posix_memalign(result, alignment, size)`: 0 and the block in
/// `*result`; `EINVAL` when `alignment` is not a power of two multiple of
/// `sizeof(void *)`, `ENOMEM` when there is no room (returned, not stored
/// in `errno`; `*result` untouched on failure).
@_cdecl("allocators_malloc_posix_memalign")
public func allocatorsPosixMemalign(
    _ result: UnsafeMutablePointer<UnsafeMutableRawPointer?>, _ alignment: UInt, _ size: UInt
) -> Int32 {
    let word = UInt(MemoryLayout<UnsafeRawPointer>.size)
    guard alignment & (alignment &- 1) == 0, alignment >= word else { return EINVAL }
    var error: Int32 = 0
    guard let pointer = allocate(size, alignment: max(alignment, UInt(bitPattern: MallocBackend.minimumAlignment)), &error)
    else { return error }
    result.pointee = pointer
    return 0
}

/// `valloc(size)`: `size` bytes at a page boundary.
@_cdecl("allocators_malloc_valloc")
public func allocatorsValloc(_ size: UInt, _ error: UnsafeMutablePointer<Int32>) -> UnsafeMutableRawPointer? {
    allocate(size, alignment: pageSize, error)
}

/// `pvalloc(size)`: `valloc` of `size` rounded up to whole pages; `ENOMEM`
/// when the rounding overflows.
@_cdecl("allocators_malloc_pvalloc")
public func allocatorsPvalloc(_ size: UInt, _ error: UnsafeMutablePointer<Int32>) -> UnsafeMutableRawPointer? {
    guard size <= UInt.max &- pageSize else {
        error.pointee = ENOMEM
        return nil
    }
    let rounded = (size &+ pageSize &- 1) & ~(pageSize &- 1)
    return allocate(rounded, alignment: pageSize, error)
}

/// `malloc_usable_size(pointer)`: the bytes usable at a live block (at
/// least what was asked for); 0 for null or anything that is not one.
@_cdecl("allocators_malloc_usable_size")
public func allocatorsMallocUsableSize(_ pointer: UnsafeMutableRawPointer?) -> UInt {
    guard let pointer else { return 0 }
    return UInt(bitPattern: backend.usableSize(of: pointer))
}
