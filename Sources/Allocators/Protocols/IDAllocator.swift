/// An allocator of unique integer IDs, singly or in aligned runs.
///
/// `initialize(start:size:)` makes the IDs `start ..< start + size` available.
public protocol IDAllocator: BaseAllocator, ~Copyable {
    /// Allocates `count` consecutive IDs, the first a multiple of `alignment`
    /// (a power of two). Throws `.invalidParam` for a zero count or a bad
    /// alignment and `.noMemory` when no such run is free.
    mutating func allocateIDs(count: Int, alignment: Int) throws(AllocError) -> Int

    /// Frees `count` IDs from `start`. Traps with a clear message when any of
    /// them is not allocated, changing nothing.
    mutating func deallocateIDs(start: Int, count: Int)

    /// Frees `count` IDs from `start`, or throws `.notAllocated` and changes
    /// nothing when any of them is not allocated.
    mutating func tryDeallocateIDs(start: Int, count: Int) throws(AllocError)

    /// Whether `id` is allocated (false for IDs outside the managed range).
    func isAllocated(_ id: Int) -> Bool

    /// Allocates exactly `id`. Throws `.noMemory` if it is taken and
    /// `.invalidParam` if it is outside the managed range.
    mutating func allocateFixedID(_ id: Int) throws(AllocError)

    /// IDs managed.
    var capacity: Int { get }
    /// IDs allocated.
    var usedIDs: Int { get }
    /// `capacity - usedIDs`.
    var availableIDs: Int { get }
}
