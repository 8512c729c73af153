#if Shared
extension SharedAllocator where Base: ~Copyable {
    /// Allocates at least `byteCount` bytes aligned to `alignment` (a power of
    /// two). A zero-byte request returns the address `alignment` without
    /// touching the allocator: non-null and aligned, never to be dereferenced.
    ///
    /// Throws `.invalidParam` for a negative size or a bad alignment and
    /// `.noMemory` when the pool has no room.
    ///
    /// - Complexity: that of `Base.allocate`; O(1) for zero bytes.
    @inlinable
    public func allocate(byteCount: Int, alignment: Int) throws(AllocError) -> UnsafeMutableRawPointer {
        if _slowPath(byteCount == 0) { return try Self.emptyBlock(alignment: alignment) }
        return try state.pointee.allocate(byteCount: byteCount, alignment: alignment)
    }

    /// Frees a block from `allocate` with the same size and alignment; a
    /// zero-byte block needs nothing and is ignored. Traps on memory that is
    /// not a live allocation (see `Base.deallocate`).
    ///
    /// - Complexity: that of `Base.deallocate`; O(1) for zero bytes.
    @inlinable
    public func deallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) {
        if _slowPath(byteCount == 0) { return }
        state.pointee.deallocate(pointer, byteCount: byteCount, alignment: alignment)
    }

    /// Frees a block like `deallocate`, but reports memory that is not a live
    /// allocation as `.notAllocated` and changes nothing. For zero bytes only
    /// the address `allocate` returned for that alignment is accepted.
    ///
    /// - Complexity: that of `Base.tryDeallocate`; O(1) for zero bytes.
    @inlinable
    public func tryDeallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) throws(AllocError) {
        if _slowPath(byteCount == 0) {
            guard alignment > 0, UInt(bitPattern: pointer) == UInt(alignment) else { throw .notAllocated }
            return
        }
        try state.pointee.tryDeallocate(pointer, byteCount: byteCount, alignment: alignment)
    }

    /// The stand-in for a zero-byte block: the address `alignment`.
    @inlinable
    static func emptyBlock(alignment: Int) throws(AllocError) -> UnsafeMutableRawPointer {
        guard alignment > 0, Kernels.isPowerOfTwo(UInt(alignment)) else { throw .invalidParam }
        return UnsafeMutableRawPointer(bitPattern: UInt(alignment)).unsafelyUnwrapped
    }

    /// Bytes the allocator manages, bookkeeping included.
    @inlinable public var totalBytes: Int { state.pointee.totalBytes }
    /// Bytes given out to live blocks, with their per-block overhead
    /// (zero-byte blocks take none).
    @inlinable public var usedBytes: Int { state.pointee.usedBytes }
    /// `totalBytes - usedBytes`.
    @inlinable public var availableBytes: Int { state.pointee.availableBytes }
}
#endif
