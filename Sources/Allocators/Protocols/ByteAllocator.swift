/// An allocator of byte-granularity blocks, the counterpart of `malloc`.
///
/// Statistics contract, for every byte allocator: after every operation
/// `usedBytes + availableBytes == totalBytes`; the sum of the live requested
/// sizes is at most `usedBytes`, which exceeds it by no more than the
/// allocator's documented per-block overhead; once every block is freed,
/// `usedBytes == 0`.
public protocol ByteAllocator: BaseAllocator, ~Copyable {
    /// Allocates at least `byteCount` bytes aligned to `alignment`.
    ///
    /// `alignment` must be a power of two. A zero-byte request succeeds with a
    /// distinct minimum block, freed with `byteCount` 0.
    /// Throws `.invalidParam` for a bad alignment or a negative or overflowing
    /// size, and `.noMemory` when no free block fits.
    mutating func allocate(byteCount: Int, alignment: Int) throws(AllocError) -> UnsafeMutableRawPointer

    /// Frees a block returned by `allocate` with the same `byteCount` and
    /// `alignment`. Traps with a clear message on memory that is not a live
    /// allocation where the allocator can tell; never corrupts its state.
    mutating func deallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int)

    /// Frees a block like `deallocate`, but reports memory that is not a live
    /// allocation (double free, foreign or interior pointer, a pointer in a
    /// hole between regions, a wrong size) as `.notAllocated` and changes
    /// nothing, reading no memory outside the allocator's regions.
    ///
    /// A size or alignment that describes the same block as the right one
    /// cannot be told from it; each allocator's `tryDeallocate` states exactly
    /// which wrong sizes and alignments it detects.
    mutating func tryDeallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) throws(AllocError)

    /// Bytes managed, bookkeeping included.
    var totalBytes: Int { get }
    /// Bytes given out to live blocks, with their per-block overhead.
    var usedBytes: Int { get }
    /// `totalBytes - usedBytes`.
    var availableBytes: Int { get }
}
