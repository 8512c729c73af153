/// An allocator of runs of fixed-size pages, addressed by their start address.
///
/// A page allocator never touches the memory it manages (it may be physical
/// memory) unless it is told to carve its bookkeeping from it
/// (`BookkeepingStorage.carved`); otherwise its bookkeeping lives in storage
/// of its own.
public protocol PageAllocator: BaseAllocator, ~Copyable {
    /// The page size in bytes, a power of two.
    static var pageSize: Int { get }

    /// Allocates `count` contiguous pages whose start is aligned to
    /// `alignment` bytes (a power of two, at least `pageSize`).
    /// Throws `.invalidParam` for a zero count or a bad alignment and
    /// `.noMemory` when no aligned free run of that length exists.
    mutating func allocatePages(count: Int, alignment: Int) throws(AllocError) -> UInt

    /// Allocates exactly the run of `count` pages at `address`.
    /// Throws `.invalidParam` when `address` is not aligned to `alignment`
    /// and `.noMemory` when any page of the run is taken or not managed.
    mutating func allocatePages(at address: UInt, count: Int, alignment: Int) throws(AllocError) -> UInt

    /// Frees `count` pages at `address`. Traps with a clear message when any
    /// of them is not allocated, changing nothing.
    mutating func deallocatePages(at address: UInt, count: Int)

    /// Frees `count` pages at `address`, or throws `.notAllocated` and changes
    /// nothing when any of them is not allocated.
    mutating func tryDeallocatePages(at address: UInt, count: Int) throws(AllocError)

    /// Pages managed.
    var totalPages: Int { get }
    /// Pages allocated.
    var usedPages: Int { get }
    /// `totalPages - usedPages`.
    var availablePages: Int { get }
}
