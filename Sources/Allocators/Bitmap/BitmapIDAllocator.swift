#if Bitmap
/// An allocator of integer IDs on the same hierarchical bitmap as
/// `BitmapPageAllocator`: one bit per ID, lowest-ID first fit, runs aligned
/// to any power of two (the first ID a multiple of it).
///
/// `initialize(start:size:)` makes `start ..< start + size` available (IDs
/// are non-negative); `addMemory` adds a further, disjoint range of IDs.
public struct BitmapIDAllocator: IDAllocator, ~Copyable {
    @usableFromInline var bitmap: HierarchicalBitmap

    /// An allocator managing no IDs yet.
    public init() { bitmap = HierarchicalBitmap() }

    deinit { bitmap.release() }

    /// Makes the IDs `start ..< start + size` available.
    /// Throws `.invalidParam` for an empty range, a negative or wrapping one,
    /// or more than 2^30 IDs (2^28 on 32-bit targets), `.memoryOverlap` when
    /// some of them are managed already; changes nothing then.
    /// - Complexity: O(size / word width).
    public mutating func initialize(start: UInt, size: Int) throws(AllocError) {
        try addMemory(start: start, size: size)
    }

    /// Adds the IDs `start ..< start + size`; errors as `initialize`.
    /// - Complexity: O(size / word width + ranges).
    @inline(never)
    public mutating func addMemory(start: UInt, size: Int) throws(AllocError) {
        guard let end = regionEnd(start: start, size: size), end <= UInt(Int.max) else { throw .invalidParam }
        try bitmap.addRegion(start: start, end: end)
    }

    /// IDs managed.
    public var capacity: Int { bitmap.totalUnits }
    /// IDs allocated.
    public var usedIDs: Int { bitmap.usedUnits }
    /// `capacity - usedIDs`.
    public var availableIDs: Int { bitmap.totalUnits &- bitmap.usedUnits }

    /// Allocates the lowest run of `count` free IDs whose first is a multiple
    /// of `alignment`. Throws `.invalidParam` for `count < 1` or an alignment
    /// that is not a power of two, `.noMemory` when no such run is free.
    /// - Complexity: as `BitmapPageAllocator.allocatePages(count:alignment:)`.
    @inlinable
    public mutating func allocateIDs(count: Int, alignment: Int) throws(AllocError) -> Int {
        guard count >= 1, alignment >= 1, Kernels.isPowerOfTwo(UInt(bitPattern: alignment)) else { throw .invalidParam }
        guard let id = bitmap.allocate(count: count, alignment: UInt(alignment)) else { throw .noMemory }
        return Int(id)
    }

    /// Frees `count` IDs from `start`, or throws `.notAllocated` and changes
    /// nothing when any of them is not allocated.
    /// - Complexity: O(count / word width + log2 n).
    @inlinable
    public mutating func tryDeallocateIDs(start: Int, count: Int) throws(AllocError) {
        guard start >= 0, count >= 1, bitmap.free(at: UInt(start), count: count) else { throw .notAllocated }
    }

    /// Frees `count` IDs from `start`; traps, changing nothing, when any of
    /// them is not allocated.
    @inlinable
    public mutating func deallocateIDs(start: Int, count: Int) {
        do throws(AllocError) {
            try tryDeallocateIDs(start: start, count: count)
        } catch {
            Self.badFree()
        }
    }

    @usableFromInline @inline(never)
    static func badFree() -> Never {
        fatalError("BitmapIDAllocator.deallocateIDs: IDs not allocated (double free, unmanaged ID or wrong count)")
    }

    /// Whether `id` is allocated (false outside the managed IDs).
    /// - Complexity: O(ranges).
    @inlinable
    public func isAllocated(_ id: Int) -> Bool { id >= 0 && bitmap.isTaken(UInt(id)) }

    /// Allocates exactly `id`: `.invalidParam` when it is not managed,
    /// `.noMemory` when it is taken.
    /// - Complexity: O(log2 n + ranges).
    @inlinable
    public mutating func allocateFixedID(_ id: Int) throws(AllocError) {
        guard id >= 0, bitmap.region(holding: UInt(id), count: 1) != nil else { throw .invalidParam }
        guard bitmap.allocate(at: UInt(id), count: 1) else { throw .noMemory }
    }

    /// Allocates exactly the `count` IDs from `start` (the page allocator's
    /// `allocatePages(at:)`): `.noMemory` when one is taken or not managed.
    @inlinable
    public mutating func allocateIDs(at start: Int, count: Int) throws(AllocError) {
        guard start >= 0, count >= 1 else { throw .invalidParam }
        guard bitmap.allocate(at: UInt(start), count: count) else { throw .noMemory }
    }

    /// Whether the ID `address` is managed.
    ///
    /// - Complexity: O(regions).
    public func manages(_ address: UInt) -> Bool { bitmap.region(holding: address, count: 1) != nil }

    /// Checks every bitmap invariant; nil when they hold, else what broke.
    public func checkIntegrity() throws(IntegrityViolation) {
        if let problem = bitmap.integrityViolation() { throw IntegrityViolation("bitmap", problem) }
    }
}
#endif
