#if Bitmap
/// An allocator of integer IDs on the same hierarchical bitmap as
/// `BitmapPageAllocator`: one bit per ID, lowest-ID first fit, runs aligned
/// to any power of two (the first ID a multiple of it).
///
/// `initialize(start:size:)` makes `start ..< start + size` available (IDs
/// are non-negative); `addMemory` adds a further, disjoint range of IDs.
///
/// Bookkeeping (`init(bookkeeping:)`): `.platform` (the default) or a
/// caller's `.buffer(_:)` (no heap needed); a range of n IDs takes
/// `bookkeepingByteCount(start:size:regionsBefore:)` bytes, as a page
/// allocator's region of n pages. IDs are not memory, so `.carved` is refused.
public struct BitmapIDAllocator: IDAllocator, ~Copyable {
    @usableFromInline var bitmap: HierarchicalBitmap

    /// An allocator managing no IDs yet, whose bookkeeping comes from
    /// `bookkeeping` (`.platform` unless told otherwise). Traps for
    /// `.carved`: there is no memory to carve it from.
    public init(bookkeeping: BookkeepingStorage = .platform) {
        precondition(!bookkeeping.isCarved,
                     "BitmapIDAllocator: IDs are not memory, so no bookkeeping can be carved from them; use .buffer(_:) or .platform")
        bitmap = HierarchicalBitmap(bookkeeping: bookkeeping)
    }

    deinit { bitmap.release() }

    /// Makes the IDs `start ..< start + size` available.
    ///
    /// Throws by the region rule of `BaseAllocator`: `.invalidParam` for an
    /// empty range, a negative or wrapping one or one past `Int.max`,
    /// `.memoryOverlap` when some of the IDs are managed already; then
    /// `.invalidParam` when the allocator is initialized already or for more
    /// than 2^30 IDs (2^28 on 32-bit targets), and `.noMemory` when a caller's
    /// buffer has no room for the bookkeeping. Changes nothing then.
    /// - Complexity: O(size / word width).
    public mutating func initialize(start: UInt, size: Int) throws(AllocError) {
        guard bitmap.table.count == 0 else {
            // The region rule first: a range meeting the managed ones is an overlap.
            guard let end = Self.rangeEnd(start: start, size: size) else { throw .invalidParam }
            _ = try bitmap.table.admit(start: start, size: Int(bitPattern: end &- start))
            throw .invalidParam
        }
        try addMemory(start: start, size: size)
    }

    /// Adds the IDs `start ..< start + size`; errors as `initialize`, but for
    /// a second range.
    /// - Complexity: O(size / word width + ranges).
    @inline(never)
    public mutating func addMemory(start: UInt, size: Int) throws(AllocError) {
        guard let end = Self.rangeEnd(start: start, size: size) else { throw .invalidParam }
        try bitmap.addRegion(start: start, end: end, unitShift: 0)
        checkInvariants()
    }

    /// The end of the IDs `start ..< start + size`, or nil when the range is
    /// empty, negative, or reaches past `Int.max`.
    @inlinable
    static func rangeEnd(start: UInt, size: Int) -> UInt? {
        guard let end = regionEnd(start: start, size: size), end <= UInt(Int.max) else { return nil }
        return end
    }

    /// Bytes of bookkeeping the IDs `start ..< start + size` take when
    /// `regionsBefore` ranges are managed already (as
    /// `BitmapPageAllocator.bookkeepingByteCount(start:size:regionsBefore:)`,
    /// in IDs); nil for a range that would be refused.
    public static func bookkeepingByteCount(start: UInt, size: Int, regionsBefore: Int = 0) -> Int? {
        guard let end = rangeEnd(start: start, size: size) else { return nil }
        return HierarchicalBitmap.bookkeepingByteCount(start: start, end: end, regionsBefore: regionsBefore)
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
        checkInvariants()
        return Int(id)
    }

    /// Frees `count` IDs from `start`, or throws `.notAllocated` and changes
    /// nothing when any of them is not allocated (or not managed: the
    /// region table's lookup refuses those before any bit is read).
    /// - Complexity: O(count / word width + log2 n + log ranges).
    @inlinable
    public mutating func tryDeallocateIDs(start: Int, count: Int) throws(AllocError) {
        guard start >= 0, count >= 1, bitmap.free(at: UInt(start), count: count) else { throw .notAllocated }
        checkInvariants()
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
    /// - Complexity: O(log ranges).
    @inlinable
    public func isAllocated(_ id: Int) -> Bool { id >= 0 && bitmap.isTaken(UInt(id)) }

    /// Allocates exactly `id`: `.invalidParam` when it is not managed,
    /// `.noMemory` when it is taken.
    /// - Complexity: O(log2 n + log ranges).
    @inlinable
    public mutating func allocateFixedID(_ id: Int) throws(AllocError) {
        guard id >= 0, bitmap.isManaged(UInt(id)) else { throw .invalidParam }
        guard bitmap.allocate(at: UInt(id), count: 1) else { throw .noMemory }
        checkInvariants()
    }

    /// Allocates exactly the `count` IDs from `start` (the page allocator's
    /// `allocatePages(at:)`): `.noMemory` when one is taken or not managed.
    /// - Complexity: O(count / word width + log2 n + log ranges).
    @inlinable
    public mutating func allocateIDs(at start: Int, count: Int) throws(AllocError) {
        guard start >= 0, count >= 1 else { throw .invalidParam }
        guard bitmap.allocate(at: UInt(start), count: count) else { throw .noMemory }
        checkInvariants()
    }

    /// Whether the ID `address` is managed: the region table's lookup.
    ///
    /// - Complexity: O(log ranges).
    public func manages(_ address: UInt) -> Bool { bitmap.isInRegion(address) }

    /// Checks every bitmap invariant (`HierarchicalBitmap.checkIntegrity`) and
    /// throws the first violation, at the ID concerned.
    /// - Complexity: O(ranges + capacity / word width).
    public func checkIntegrity() throws(IntegrityViolation) {
        try bitmap.checkIntegrity(unitShift: 0)
    }
}
#endif
