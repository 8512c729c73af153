extension GlobalAllocator: ReleasableMemoryAllocator
where Bytes: ReleasableMemoryAllocator & ~Copyable, Pages: ~Copyable, Lock: ~Copyable {
    /// The byte heap's releasable ranges (its `forEachReleasableRange`,
    /// whose contract this is), under the lock. Direct runs and free pages
    /// are not among them: the page allocator's host releases those when
    /// they are freed. `body` runs under the lock and must not call this
    /// allocator.
    ///
    /// - Precondition: `pageSize` is a power of two.
    /// - Complexity: that of the byte heap's walk.
    public func forEachReleasableRange(minimumBlockSize: Int, pageSize: Int, _ body: (_ start: UInt, _ byteCount: Int) -> Void) {
        guard let state else { return }
        lock.withLock { state.pointee.bytes.forEachReleasableRange(minimumBlockSize: minimumBlockSize, pageSize: pageSize, body) }
    }
}
