#if TLSF
import Allocators
import CAllocators

/// The heap behind an `allocators_heap *`: a `MallocHeap` over TLSF (blocks
/// freed by their TLSF header, no extra header), placed at the start of the
/// caller's buffer, the pool taking the rest.
typealias CHeap = MallocHeap<TLSFByteAllocator>

@inline(__always)
func heap(_ handle: OpaquePointer?) -> UnsafeMutablePointer<CHeap> {
    guard let handle else { preconditionFailure("allocators: NULL heap") }
    return UnsafeMutablePointer(handle)
}

@_cdecl("allocators_tlsf_create")
public func allocatorsTLSFCreate(_ memory: UnsafeMutableRawPointer?, _ size: Int) -> OpaquePointer? {
    guard let memory, size > 0 else { return nil }
    let start = UInt(bitPattern: memory)
    let heapAddress = Kernels.alignUp(start, to: UInt(MemoryLayout<CHeap>.alignment))
    guard !heapAddress.overflow else { return nil }
    let poolAddress = Kernels.alignUp(heapAddress.value &+ UInt(MemoryLayout<CHeap>.size), to: UInt(CHeap.minimumAlignment))
    guard !poolAddress.overflow, poolAddress.value &- start < UInt(size) else { return nil }
    var tlsf = TLSFByteAllocator()
    do {
        try tlsf.initialize(start: poolAddress.value, size: size - Int(poolAddress.value &- start))
    } catch {
        return nil
    }
    let pointer = UnsafeMutableRawPointer(bitPattern: heapAddress.value).unsafelyUnwrapped.bindMemory(to: CHeap.self, capacity: 1)
    pointer.initialize(to: CHeap(tlsf))
    return OpaquePointer(pointer)
}

@_cdecl("allocators_add_memory")
public func allocatorsAddMemory(_ handle: OpaquePointer?, _ memory: UnsafeMutableRawPointer?, _ size: Int) -> Int32 {
    guard let memory, size > 0 else { return -1 }
    do {
        try heap(handle).pointee.base.addMemory(start: UInt(bitPattern: memory), size: size)
        return 0
    } catch {
        return -1
    }
}

@_cdecl("allocators_malloc")
public func allocatorsMalloc(_ handle: OpaquePointer?, _ size: Int) -> UnsafeMutableRawPointer? {
    heap(handle).pointee.allocate(byteCount: size, alignment: CHeap.minimumAlignment)
}

@_cdecl("allocators_aligned_alloc")
public func allocatorsAlignedAlloc(_ handle: OpaquePointer?, _ alignment: Int, _ size: Int) -> UnsafeMutableRawPointer? {
    heap(handle).pointee.allocate(byteCount: size, alignment: alignment)
}

@_cdecl("allocators_realloc")
public func allocatorsRealloc(_ handle: OpaquePointer?, _ pointer: UnsafeMutableRawPointer?, _ size: Int) -> UnsafeMutableRawPointer? {
    heap(handle).pointee.reallocate(pointer, byteCount: size)
}

@_cdecl("allocators_free")
public func allocatorsFree(_ handle: OpaquePointer?, _ pointer: UnsafeMutableRawPointer?) {
    heap(handle).pointee.free(pointer)
}

@_cdecl("allocators_usable_size")
public func allocatorsUsableSize(_ handle: OpaquePointer?, _ pointer: UnsafeMutableRawPointer?) -> Int {
    guard let pointer else { return 0 }
    return heap(handle).pointee.usableSize(of: pointer)
}

@_cdecl("allocators_get_statistics")
public func allocatorsGetStatistics(_ handle: OpaquePointer?, _ statistics: UnsafeMutablePointer<allocators_statistics>?) {
    guard let statistics else { return }
    let heap = heap(handle)
    statistics.pointee = allocators_statistics(
        total_bytes: heap.pointee.totalBytes,
        used_bytes: heap.pointee.usedBytes,
        available_bytes: heap.pointee.availableBytes)
}

@_cdecl("allocators_check")
public func allocatorsCheck(_ handle: OpaquePointer?) -> Int32 {
    do {
        try heap(handle).pointee.base.checkIntegrity()
        return 0
    } catch {
        return -1
    }
}
#endif
