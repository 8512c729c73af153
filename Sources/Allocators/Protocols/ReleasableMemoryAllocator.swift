/// A byte allocator that can name the whole pages of its free memory that
/// hold none of its data, so that a host can give them back to the system
/// (`madvise(MADV_DONTNEED)`) while they stay free: the process-wide malloc
/// does, every few thousand frees.
///
/// Conformers: `TLSFAllocator`, `SlabAllocator` over a conforming backing,
/// and `GlobalAllocator` over a conforming byte heap.
public protocol ReleasableMemoryAllocator: ~Copyable {
    /// Calls `body` with each range of whole `pageSize` pages, as a start
    /// and a byte count, that lies in a free block of at least
    /// `minimumBlockSize` bytes and that the allocator does not read while
    /// the block is free: the caller may discard the ranges' contents or
    /// write over them. `body` must not call the allocator.
    ///
    /// - Precondition: `pageSize` is a power of two.
    func forEachReleasableRange(minimumBlockSize: Int, pageSize: Int, _ body: (_ start: UInt, _ byteCount: Int) -> Void)
}
