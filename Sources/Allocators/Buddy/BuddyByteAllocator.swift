/// A binary buddy allocator of bytes: every block is `2^k` bytes (its order
/// `k`) at an address that is a multiple of `2^k`.
///
/// ```
///  region (any alignment)   |..|<-- 2^4 -->|<------ 2^5 ------>|<- 2^4 ->|.|
///                              ^ base: first minimum-block boundary      ^ limit
///  free lists, one per order:  sentinel(k) <-> block <-> block <-> sentinel(k)
///                              (next, prev) stored in the first two words of
///                              each free block; `nonEmptyOrders` has bit k set
///                              when list k is not empty
///  per region and order:       free bitmap  (bit i: block i of order k is free)
///                              used bitmap  (bit i: block i of order k is live)
/// ```
///
/// - Allocation takes the smallest non-empty order at or above the request's
///   (one find-first-set on `nonEmptyOrders`), then splits it down, pushing
///   the upper halves: O(number of orders).
/// - Free checks the used bit (double frees, foreign, interior and wrong-size
///   pointers are refused), then merges with the buddy while the buddy's free
///   bit is set, unlinking it from its doubly linked list in O(1):
///   O(number of orders). No list is ever scanned.
/// - Regions at any alignment are split into maximal blocks aligned to their
///   own size (`Kernels.buddySplitOrder`); blocks never merge across regions.
///
/// Guarantees, proved as kernel lemmas (`BuddyLemmas`) and model-checked:
/// a block serving `byteCount` bytes aligned to `alignment` has order
/// `Kernels.buddyOrder` (at least both, at least two words); any free gap of
/// `Kernels.buddyRequiredGap(order)` bytes inside a region holds a free block
/// of that order, so the request succeeds (free buddies are always merged).
/// `usedBytes` counts whole blocks, so it is below twice the live requested
/// bytes plus the minimum block per live block.
///
/// Bookkeeping (list sentinels, region table, bitmaps: about 4 bits per
/// minimum block) lives in storage the allocator owns, not in the regions.
public struct BuddyByteAllocator: ~Copyable {
    /// Order of the smallest block: two words, room for the free-list links.
    @usableFromInline static var minOrder: UInt { UInt((2 * MemoryLayout<UInt>.size).trailingZeroBitCount) }
    /// Bytes in the smallest block (16 on 64-bit targets, 8 on 32-bit ones).
    public static var minimumBlockSize: Int { 2 * MemoryLayout<UInt>.size }
    /// Number of orders a word can describe.
    @usableFromInline static var orderCount: Int { UInt.bitWidth }

    /// Sentinels of the free lists, two words (next, prev) per order.
    @usableFromInline var sentinels: UnsafeMutablePointer<UInt>
    /// Bit k set when the free list of order k is not empty.
    @usableFromInline var nonEmptyOrders: UInt = 0
    /// Regions, sorted by address.
    @usableFromInline var regions: UnsafeMutablePointer<BuddyRegion>
    @usableFromInline var regionCount = 0
    @usableFromInline var regionCapacity = 0
    @usableFromInline var managedBytes = 0
    @usableFromInline var liveBytes = 0

    /// An allocator with no memory yet; give it regions with `initialize`
    /// and `addMemory`.
    public init() {
        let words = 2 * Self.orderCount
        sentinels = .allocate(capacity: words)
        for order in 0 ..< Self.orderCount {
            let sentinel = UInt(bitPattern: sentinels + 2 * order)
            (sentinels + 2 * order).initialize(to: sentinel)
            (sentinels + 2 * order + 1).initialize(to: sentinel)
        }
        regions = .allocate(capacity: 1)
    }

    deinit {
        for index in 0 ..< regionCount { regions[index].bits.deallocate() }
        regions.deallocate()
        sentinels.deallocate()
    }
}

extension BuddyByteAllocator: ByteAllocator {
    /// Bytes managed: the minimum-block-aligned part of every region.
    public var totalBytes: Int { managedBytes }
    /// Bytes of the live blocks (whole blocks of `2^order` bytes).
    public var usedBytes: Int { liveBytes }
    /// `totalBytes - usedBytes`.
    public var availableBytes: Int { managedBytes - liveBytes }
}
