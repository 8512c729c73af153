#if Slab
extension SlabAllocator: ReleasableMemoryAllocator where Backing: ReleasableMemoryAllocator & ~Copyable {
    /// Calls `body` with the whole pages of the backing allocator's free
    /// blocks of at least `minimumBlockSize` bytes that hold no allocator
    /// data (its `forEachReleasableRange`, whose contract this is):
    /// memory of no slab (a slab, empty or not, is a used block of the
    /// backing allocator until it goes back) and of no large object. A caller may
    /// discard those pages; `body` must not call the allocator.
    ///
    /// - Precondition: `pageSize` is a power of two.
    /// - Complexity: that of the backing allocator's walk.
    public func forEachReleasableRange(minimumBlockSize: Int, pageSize: Int, _ body: (_ start: UInt, _ byteCount: Int) -> Void) {
        backing.forEachReleasableRange(minimumBlockSize: minimumBlockSize, pageSize: pageSize, body)
    }
}
#endif
