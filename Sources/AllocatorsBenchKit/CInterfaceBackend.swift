#if TLSF
import CAllocators

/// This package's TLSF through its C interface (`allocators.h`): the heap
/// `allocators_tlsf_create` places at the start of the pool (a `MallocHeap`
/// over TLSF, the pool taking the rest), `allocators_malloc` up to 16-byte
/// alignment, `allocators_aligned_alloc` above, and `allocators_free` with
/// the address alone, as a C program calls them. The calls are real calls
/// to the exported functions: the C declarations hide their bodies.
public struct CInterfaceBackend: ReplayBackend, ~Copyable {
    public let pool: Pool
    @usableFromInline let heap: OpaquePointer

    /// The heap over the whole pool; nil when `allocators_tlsf_create` refuses it.
    public init?(pool: Pool) {
        guard let heap = allocators_tlsf_create(pool.base, pool.size) else { return nil }
        self.heap = heap
        self.pool = pool
    }

    public var poolRange: Range<UInt>? { pool.range }

    @inlinable @inline(__always)
    public mutating func allocate(byteCount: Int, alignment: Int) -> UnsafeMutableRawPointer? {
        alignment <= 16 ? allocators_malloc(heap, byteCount) : allocators_aligned_alloc(heap, alignment, byteCount)
    }

    @inlinable @inline(__always)
    public mutating func deallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) {
        allocators_free(heap, pointer)
    }
}
#endif
