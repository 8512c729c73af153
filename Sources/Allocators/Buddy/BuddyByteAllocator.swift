#if Buddy
/// A binary buddy allocator of bytes: every block is `2^k` bytes (its order
/// `k`) at an address that is a multiple of `2^k`.
///
/// ```
///  region (any alignment)  |bookkeeping|..|<-- 2^4 -->|<------ 2^5 ------>|<- 2^4 ->|.|
///   (carved storage)        ^ start        ^ base: first minimum-block boundary       ^ limit
///  free lists, one per order:  sentinel(k) <-> block <-> block <-> sentinel(k)
///                              (next, previous) in the first two words of each
///                              free block; `nonEmptyOrders` has bit k set when
///                              list k is not empty
///  per region and order:       two state bits per block position (`BuddyRegion`):
///                              none, free (on list k) or used (live)
/// ```
///
/// - Allocation takes the smallest non-empty order at or above the request's
///   (one find-first-set on `nonEmptyOrders`), then splits it down, pushing
///   the upper halves: O(number of orders).
/// - Free checks the used state (double frees, foreign, interior pointers and
///   sizes or alignments of another order are refused), then merges with the
///   buddy while the buddy's state is free at its order, unlinking it from
///   its doubly linked list in O(1): O(number of orders). No list is scanned.
/// - Regions at any alignment are split into maximal blocks aligned to their
///   own size (`Kernels.buddySplitOrder`); blocks never merge across regions.
/// - The common cases run inline in the caller: an allocation whose first
///   free block and its next link lie in the region at the lowest address,
///   a free of a live block of that region. Anything else (another region, a
///   malformed request, a failed check) goes out of line, where it is decided
///   and checked again from the start; the inline paths change nothing
///   unless they succeed, so both take the same decisions (the model-checked
///   runs, over one region and several, go through both).
///
/// Guarantees, proved as kernel lemmas (`BuddyLemmas`) and model-checked
/// (`BuddyModelTests`, with `checkIntegrity()` after every step): a block
/// serving `byteCount` bytes aligned to `alignment` has order
/// `Kernels.buddyOrder` (at least both, at least two words: lemma
/// `buddyOrder.smallestFittingAlignedOrder`); any free gap of
/// `Kernels.buddyRequiredGap(order)` bytes inside a region holds a free block
/// of that order, so the request succeeds (lemma
/// `buddyRequiredGap.holdsAnAlignedBlock`; free buddies are always merged,
/// which `checkIntegrity` checks). `usedBytes` counts whole blocks, so it is
/// below twice the live requested bytes plus the minimum block per live block
/// (the model's statistics check).
///
/// Hardening (`BuddyByteAllocator+Validation.swift`): a free finds its region
/// in the region table and checks the block's used state in the region's
/// bitmaps before it reads any memory, so a pointer outside every region (in
/// a hole between separately mapped regions too) is `.notAllocated` without
/// a read. Every free-list link read from a free block (next, previous) and
/// every block popped from a list is checked before it is followed or
/// written through: the list's sentinel, or a block address inside a region,
/// aligned to the order, whose state of that order is free, and linked back.
/// A failed check stops the program ("buddy: corrupted free list at 0x…")
/// without following the pointer. Evidence: `BuddyHardeningTests` (links
/// overwritten with addresses outside the regions and inside them but not
/// linked back, exit tests), the bad frees of every model-checked run.
///
/// Bookkeeping (`BookkeepingStorage`, chosen at `init(bookkeeping:)`; the
/// default `.carved` needs no heap at all) per region of `size` bytes:
/// - the first region: the free lists' sentinels, `freeListBytes` (1 KiB on
///   64-bit targets, 256 bytes on 32-bit ones);
/// - when the region table is full: a table of twice the slots, of
///   `regionSlotBytes` each (48 bytes on 64-bit targets): 1, 2, 4, 8, ...
///   slots with the regions numbered 0, 1, 2, 4, ...;
/// - its block states: at most `size / (2 × minimumBlockSize)` bytes (size/32
///   on 64-bit targets, 4 bits per minimum block) plus four words per order
///   of the region (at most 60 orders), exactly `bookkeepingBytes(start:size:)`.
/// With `.carved` storage these come from the region's start
/// (`usableRange(start:size:bookkeeping:regionsBefore:)` says where the
/// blocks start); with `.buffer` the region's blocks start at its first
/// minimum-block boundary and a buffer without room for them makes
/// `addMemory` throw `.noMemory`, changing nothing. Evidence:
/// `BuddyBookkeepingTests` (the bound, exact buffers, carved placement).
public struct BuddyByteAllocator: ~Copyable {
    /// Order of the smallest block: two words, room for the free-list links.
    @usableFromInline static var minOrder: UInt { UInt((2 * MemoryLayout<UInt>.size).trailingZeroBitCount) }
    /// Bytes in the smallest block (16 on 64-bit targets, 8 on 32-bit ones).
    public static var minimumBlockSize: Int { 2 * MemoryLayout<UInt>.size }
    /// Number of orders a word can describe.
    @usableFromInline static var orderCount: Int { UInt.bitWidth }

    /// Address of the sentinels, two words (next, previous) per order, in
    /// the bookkeeping arena; 0 before the first region.
    @usableFromInline var sentinels: UInt
    /// Bit k set when the free list of order k is not empty.
    @usableFromInline var nonEmptyOrders: UInt
    /// The regions, sorted by address, in the bookkeeping arena.
    @usableFromInline var regions: RegionTable<BuddyRegion>
    /// Where the sentinels, the region table and the block states come from.
    @usableFromInline var arena: BookkeepingArena
    @usableFromInline var managedBytes: Int
    @usableFromInline var liveBytes: Int
    /// Bytes taken from the arena (superseded region tables included).
    @usableFromInline var bookkeepingBytesTaken: Int

    /// An allocator with no memory yet that carves its bookkeeping from the
    /// regions it is given: it needs no heap. Give it regions with
    /// `initialize` and `addMemory`.
    ///
    /// - Complexity: O(1).
    @inlinable
    public init() { self.init(bookkeeping: .carved) }

    /// An allocator with no memory yet that keeps its bookkeeping in
    /// `bookkeeping`. Until the first region is given, allocations throw
    /// `.noMemory` and frees `.notAllocated`, reading no memory.
    ///
    /// - Complexity: O(1).
    @inlinable
    public init(bookkeeping: BookkeepingStorage) {
        sentinels = 0
        nonEmptyOrders = 0
        regions = RegionTable()
        arena = BookkeepingArena(bookkeeping)
        managedBytes = 0
        liveBytes = 0
        bookkeepingBytesTaken = 0
    }

    deinit {
        // Platform chunks go back; carved and buffer storage stays the caller's.
        var arena = arena
        arena.release()
    }
}

extension BuddyByteAllocator: ByteAllocator {
    /// Bytes managed: the spans the blocks of every region tile.
    ///
    /// - Complexity: O(1).
    @inlinable public var totalBytes: Int { managedBytes }
    /// Bytes of the live blocks (whole blocks of `2^order` bytes).
    ///
    /// - Complexity: O(1).
    @inlinable public var usedBytes: Int { liveBytes }
    /// `totalBytes - usedBytes`.
    ///
    /// - Complexity: O(1).
    @inlinable public var availableBytes: Int { managedBytes &- liveBytes }
}
#endif
