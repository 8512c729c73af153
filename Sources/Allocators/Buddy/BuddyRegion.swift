#if Buddy
/// One region of a `BuddyByteAllocator`, as its region table keeps it: the
/// region as given, the span its blocks tile, and where its block states are.
///
/// ```
///  states ─▶ ┌───────────────────────────────┬───────────────┬─────┬───────────────┐
///            │ order table: one word per     │ words of      │ ... │ words of      │
///            │ order minOrder ... maxOrder,  │ order minOrder│     │ order maxOrder│
///            │ its Kernels.buddyStateBias    │               │     │               │
///            └───────────────────────────────┴───────────────┴─────┴───────────────┘
///  the words of order k: two bits per block position p = block >> k, from
///      the word of the region's first position (base >> k) to that of its
///      last, Kernels.buddyStateWordCount(base, limit, k) words; position p
///      in the word at Kernels.buddyStateWord(p, bias), bits s and s + 1 for
///      s = Kernels.buddyStateShift(p):
///      00  no block of order k starts there (it is split, or inside a larger block)
///      01  a free block of order k starts there, on the free list of order k
///      10  a live block of order k starts there
/// ```
///
/// A block position holds at most one non-zero state over all orders
/// (`checkIntegrity`). The states live in the allocator's bookkeeping storage,
/// which no block overlaps, so they are trusted: every free-list link read
/// from a free block is checked against them before it is followed.
@frozen @usableFromInline
struct BuddyRegion: RegionEntry {
    /// The region as given (the overlap rule and the lookup).
    @usableFromInline var start: UInt
    @usableFromInline var end: UInt
    /// The span blocks tile: minimum-block aligned, after any bookkeeping
    /// carved from the region's start.
    @usableFromInline var base: UInt
    @usableFromInline var limit: UInt
    /// The largest order a block of this region can have.
    @usableFromInline var maxOrder: UInt
    /// The order table's address less `minOrder` words, so that word `k` of
    /// it is order `k`'s state bias (`Kernels.buddyStateBias`).
    @usableFromInline var orderTable: UInt

    @inlinable
    init(start: UInt, end: UInt, base: UInt, limit: UInt, maxOrder: UInt, orderTable: UInt) {
        self.start = start
        self.end = end
        self.base = base
        self.limit = limit
        self.maxOrder = maxOrder
        self.orderTable = orderTable
    }

    @inlinable
    static var padding: BuddyRegion {
        BuddyRegion(start: .max, end: .max, base: .max, limit: .max, maxOrder: 0, orderTable: 0)
    }
}

/// The state bits of one block position of one order: its word, and the
/// shift of its two bits in it.
@frozen @usableFromInline
struct BuddyStateSlot {
    @usableFromInline let word: UnsafeMutablePointer<UInt>
    @usableFromInline let shift: UInt

    @inlinable @inline(__always)
    init(word: UnsafeMutablePointer<UInt>, shift: UInt) {
        self.word = word
        self.shift = shift
    }

    /// No block of this order starts here.
    @usableFromInline static var none: UInt { 0 }
    /// A free block of this order starts here.
    @usableFromInline static var free: UInt { 1 }
    /// A live block of this order starts here.
    @usableFromInline static var used: UInt { 2 }

    /// `none`, `free` or `used`.
    @inlinable @inline(__always)
    var state: UInt { (word.pointee &>> shift) & 3 }

    /// Whether the free bit is set (the state is `free`: a state is never
    /// both, which `checkIntegrity` checks).
    @inlinable @inline(__always)
    var isFree: Bool { (word.pointee &>> shift) & BuddyStateSlot.free != 0 }

    /// Whether the used bit is set (the state is `used`: a state is never
    /// both, which `checkIntegrity` checks).
    @inlinable @inline(__always)
    var isUsed: Bool { (word.pointee &>> shift) & BuddyStateSlot.used != 0 }

    /// Changes the state from `from`, which it must be, to `to`: one
    /// exclusive-or of the word.
    @inlinable @inline(__always)
    func uncheckedChange(from: UInt, to: UInt) {
        word.pointee ^= (from ^ to) &<< shift
    }
}

/// The block states of one order of one region: what every state lookup of
/// that order needs, loaded once (a free and its merges, or a link check,
/// look up several blocks of one order between stores to block memory).
@frozen @usableFromInline
struct BuddyOrderStates {
    /// The order's `Kernels.buddyStateBias`.
    @usableFromInline let bias: UInt
    @usableFromInline let order: UInt
    /// `2^order - 1`: the bits a block address of the order has clear.
    @usableFromInline let alignmentMask: UInt

    @inlinable @inline(__always)
    init(bias: UInt, order: UInt) {
        self.bias = bias
        self.order = order
        // order < W.bitWidth: the shift stays inside the word.
        alignmentMask = Kernels.bit(order) &- 1
    }

    /// Whether `address` is aligned to the order.
    @inlinable @inline(__always)
    func isAligned(_ address: UInt) -> Bool { address & alignmentMask == 0 }

    /// The state bits of the block position at `block`.
    ///
    /// - Precondition: `block` is aligned to the order and `base <= block <
    ///   limit` of the region, so its pair lies in one of the order's state
    ///   words (lemmas `buddyStateWord.insideTheOrdersWords`,
    ///   `buddyStateShift.pairInsideTheWord`), no other block's (lemma
    ///   `buddyStateWord.injectiveOnAlignedBlocks`).
    @inlinable @inline(__always)
    func slot(_ block: UInt) -> BuddyStateSlot {
        let position = block &>> order
        return BuddyStateSlot(
            word: UnsafeMutablePointer(bitPattern: Kernels.buddyStateWord(position: position, bias: bias)).unsafelyUnwrapped,
            shift: Kernels.buddyStateShift(position: position))
    }

    /// The state of the block position at `block`.
    ///
    /// - Precondition: as `slot`.
    @inlinable @inline(__always)
    func state(_ block: UInt) -> UInt { slot(block).state }

    /// Whether the free bit of the block position at `block` is set.
    ///
    /// - Precondition: as `slot`.
    @inlinable @inline(__always)
    func isFree(_ block: UInt) -> Bool { slot(block).isFree }
}

extension BuddyRegion {
    /// The states of order `order`.
    ///
    /// - Precondition: `minOrder <= order <= maxOrder`.
    @inlinable @inline(__always)
    func states(_ order: UInt) -> BuddyOrderStates { Self.states(order, orderTable: orderTable) }

    /// `states(_:)` of the region whose `orderTable` is `orderTable`.
    @inlinable @inline(__always)
    static func states(_ order: UInt, orderTable: UInt) -> BuddyOrderStates {
        BuddyOrderStates(bias: UnsafePointer<UInt>(bitPattern: orderTable).unsafelyUnwrapped[Int(bitPattern: order)], order: order)
    }

    /// The state bits of the order-`order` block position at `block`.
    ///
    /// - Precondition: `block` aligned to `2^order`, `base <= block < limit`
    ///   and `minOrder <= order <= maxOrder`.
    @inlinable @inline(__always)
    func slot(_ block: UInt, order: UInt) -> BuddyStateSlot { states(order).slot(block) }

    /// The state of the order-`order` block position at `block`.
    ///
    /// - Precondition: as `slot`.
    @inlinable @inline(__always)
    func state(_ block: UInt, order: UInt) -> UInt { slot(block, order: order).state }

    /// Whether `address` lies in the span blocks tile: one comparison.
    @inlinable @inline(__always)
    func holdsBlockAddress(_ address: UInt) -> Bool { address &- base < limit &- base }
}
#endif
