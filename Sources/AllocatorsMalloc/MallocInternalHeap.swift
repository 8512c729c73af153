import CAllocatorsMalloc

// The heap of the malloc's own code. Embedded Swift emits its runtime's
// allocation entry points (`swift_slowAlloc`, `swift_allocObject`, ...) into
// every module, calling `posix_memalign` and `free`, and the compiler calls
// `malloc` for the frames of read accessors (coroutines); `make malloc`
// renames those references to the functions below (and fails the build on
// any other reference to the allocation API), so that no allocation made
// inside the malloc can reach the exported `malloc` (and its lock) again.
// They serve from a heap of their own, over its own reservation, and run
// under the lock of the call that needs them. Only the slab backend's owned
// storage (descriptors and live bits) allocates today; the TLSF backend
// never does.

/// The internal heap, set up on first use.
nonisolated(unsafe) var internalBackend = MallocBackend(slab: false)

@_cdecl("allocators_malloc_internal_posix_memalign")
public func allocatorsInternalPosixMemalign(
    _ result: UnsafeMutablePointer<UnsafeMutableRawPointer?>, _ alignment: Int, _ size: Int
) -> Int32 {
    guard alignment > 0, alignment & (alignment &- 1) == 0, size >= 0,
          let pointer = internalBackend.allocate(byteCount: size, alignment: max(alignment, MallocBackend.minimumAlignment))
    else { return ENOMEM }
    result.pointee = pointer
    return 0
}

@_cdecl("allocators_malloc_internal_malloc")
public func allocatorsInternalMalloc(_ size: Int) -> UnsafeMutableRawPointer? {
    guard size >= 0 else { return nil }
    return internalBackend.allocate(byteCount: size, alignment: MallocBackend.minimumAlignment)
}

@_cdecl("allocators_malloc_internal_free")
public func allocatorsInternalFree(_ pointer: UnsafeMutableRawPointer?) {
    guard let pointer else { return }
    if !internalBackend.free(pointer) { allocators_malloc_fail("AllocatorsMalloc: internal free of a pointer that is not a live block\n") }
}
