/// A byte allocator whose blocks record their own size, so that a block can
/// be freed, measured and resized by its address alone: the shape of C's
/// `free`, `malloc_usable_size` and `realloc`, which `MallocHeap`, the C
/// interface and the Embedded heap are built on.
///
/// `TLSFAllocator` conforms through its block headers (no extra bytes);
/// `SizeHeaderAllocator` makes any byte allocator conform by keeping the size
/// and alignment in a header in front of each block.
public protocol SizeRecordingAllocator: ByteAllocator, ~Copyable {
    /// Frees the live block at `pointer`. Traps with a clear message, changing
    /// nothing, when `pointer` is not a live block (double free, foreign,
    /// interior, in a hole between regions).
    mutating func deallocate(_ pointer: UnsafeMutableRawPointer)

    /// Frees the live block at `pointer`, or throws `.notAllocated` and
    /// changes nothing when it is not one.
    mutating func tryDeallocate(_ pointer: UnsafeMutableRawPointer) throws(AllocError)

    /// The bytes usable at the live block `pointer`: at least the size it was
    /// allocated (or last resized) with; nil when `pointer` is not a live block.
    func usableSize(of pointer: UnsafeMutableRawPointer) -> Int?

    /// Resizes the live block at `pointer` to `newByteCount` bytes, keeping its
    /// contents up to the smaller size: in place when the allocator can, else
    /// by moving it to a new block with `alignment` (at least the alignment it
    /// was allocated with, for the block to keep it). On any thrown error the
    /// block is unchanged. Traps when `pointer` is not a live block.
    mutating func reallocate(
        _ pointer: UnsafeMutableRawPointer, newByteCount: Int, alignment: Int
    ) throws(AllocError) -> UnsafeMutableRawPointer
}
