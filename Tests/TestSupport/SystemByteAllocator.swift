#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Allocators

/// The platform's `malloc` as a `ByteAllocator`: the baseline the collection
/// tests run beside this package's allocators. `initialize` sets a budget of
/// `size` bytes (the region itself is not used); `usedBytes` counts
/// max(requested, 1) bytes per live block, so `.noMemory` and the statistics
/// contract behave as for a pool of that size.
public struct SystemByteAllocator: ByteAllocator, ~Copyable {
    public private(set) var totalBytes = 0
    public private(set) var usedBytes = 0
    public var availableBytes: Int { totalBytes - usedBytes }
    /// The platform allocator's memory is nowhere in particular.
    public func manages(_ address: UInt) -> Bool { false }
    /// Nothing to check: the platform allocator checks itself.
    public func checkIntegrity() throws(IntegrityViolation) {}

    public init() {}

    public mutating func initialize(start: UInt, size: Int) throws(AllocError) {
        try addMemory(start: start, size: size)
    }

    public mutating func addMemory(start: UInt, size: Int) throws(AllocError) {
        guard size > 0 else { throw .invalidParam }
        totalBytes += size
    }

    public mutating func allocate(byteCount: Int, alignment: Int) throws(AllocError) -> UnsafeMutableRawPointer {
        guard byteCount >= 0, alignment > 0, alignment & (alignment - 1) == 0 else { throw .invalidParam }
        let charge = max(byteCount, 1)
        guard charge <= availableBytes else { throw .noMemory }
        var pointer: UnsafeMutableRawPointer?
        guard posix_memalign(&pointer, max(alignment, MemoryLayout<Int>.size), charge) == 0, let pointer else { throw .noMemory }
        usedBytes += charge
        return pointer
    }

    public mutating func deallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) {
        usedBytes -= max(byteCount, 1)
        free(pointer)
    }

    /// The platform cannot tell a live block from anything else: this frees
    /// like `deallocate`.
    public mutating func tryDeallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) throws(AllocError) {
        deallocate(pointer, byteCount: byteCount, alignment: alignment)
    }
}
