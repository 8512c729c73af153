import Allocators

/// Canonical encodings of allocator states for the exhaustive search, from
/// the allocators' public read-only walks: addresses as offsets from
/// `origin`, lists in the order allocation consumes them (a state reached by
/// two paths gets one encoding exactly when the allocator behaves the same
/// from both).
public enum ExhaustiveLayouts {
    /// Offset of `address` from `origin`.
    static func offset(_ address: UInt, _ origin: UInt) -> Int { Int(bitPattern: address &- origin) }

    /// TLSF: every block (offset, size, free) of every pool, then every free
    /// list in class order, from its head (lists are LIFO, so their order
    /// decides which block the next request splits).
    public static func tlsf<Configuration>(_ allocator: borrowing TLSFAllocator<Configuration>, origin: UInt) -> [Int] {
        var encoding: [Int] = []
        allocator.walkBlocks { block in encoding += [offset(block.address, origin), block.size, block.isFree ? 1 : 0] }
        encoding.append(-1)
        allocator.walkFreeLists { first, second, block in encoding += [first, second, offset(block, origin)] }
        return encoding
    }

    /// Buddy: every free list (order, offset), from its front (lists are
    /// LIFO). The live blocks, which the search appends from the model, and
    /// the free blocks are the whole state.
    public static func buddy(_ allocator: borrowing BuddyByteAllocator, origin: UInt) -> [Int] {
        var encoding: [Int] = []
        allocator.walkFreeLists { order, block in encoding += [order, offset(block, origin)] }
        return encoding
    }

    /// Bitmap pages: the allocated runs (offset in pages, length). First fit
    /// over the bitmap keeps no other state.
    public static func pages<let bytesPerPage: Int>(_ allocator: borrowing BitmapPageAllocator<bytesPerPage>, origin: UInt) -> [Int] {
        var encoding: [Int] = []
        allocator.walkAllocatedRuns { address, pages in encoding += [offset(address, origin) / bytesPerPage, pages] }
        return encoding
    }

    /// IDs: the allocated IDs of `ids` (offsets from `origin`), by `isAllocated`.
    public static func ids(_ allocator: borrowing BitmapIDAllocator, in ids: Range<Int>, origin: UInt) -> [Int] {
        ids.filter { allocator.isAllocated($0) }.map { offset(UInt($0), origin) }
    }
}
