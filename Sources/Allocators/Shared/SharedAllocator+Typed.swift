#if Shared
extension SharedAllocator where Base: ~Copyable {
    /// Allocates uninitialized, bound memory for `capacity` values of `type`,
    /// aligned for `type`. A zero capacity returns an empty buffer whose base
    /// address is aligned, non-null and never to be dereferenced.
    ///
    /// Throws `.invalidParam` for a negative capacity or one whose byte count
    /// overflows, and `.noMemory` when the pool has no room.
    ///
    /// - Complexity: that of `Base.allocate`.
    @inlinable
    public func allocate<T: ~Copyable>(_ type: T.Type, capacity: Int) throws(AllocError) -> UnsafeMutableBufferPointer<T> {
        let (byteCount, overflow) = MemoryLayout<T>.stride.multipliedReportingOverflow(by: capacity)
        guard capacity >= 0, !overflow else { throw .invalidParam }
        let raw = try allocate(byteCount: byteCount, alignment: MemoryLayout<T>.alignment)
        return UnsafeMutableBufferPointer(start: raw.bindMemory(to: T.self, capacity: capacity), count: capacity)
    }

    /// Frees a buffer from `allocate(_:capacity:)`, whole. The values in it
    /// must already be deinitialized (or trivial).
    ///
    /// - Complexity: that of `Base.deallocate`.
    @inlinable
    public func deallocate<T: ~Copyable>(_ buffer: UnsafeMutableBufferPointer<T>) {
        guard let start = buffer.baseAddress else { return }
        deallocate(
            UnsafeMutableRawPointer(start),
            byteCount: MemoryLayout<T>.stride &* buffer.count,
            alignment: MemoryLayout<T>.alignment)
    }
}
#endif
