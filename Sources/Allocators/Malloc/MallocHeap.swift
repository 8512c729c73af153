/// `malloc`-style use of a byte allocator: blocks freed by address alone.
///
/// `ByteAllocator.deallocate` needs the size and alignment a block was
/// allocated with; C's `free` and Embedded Swift's runtime pass only the
/// address. `MallocHeap` keeps them in a two-word header just below each
/// block it returns:
///
/// ```
///  block from Base (aligned to a)            returned pointer p (aligned to a)
///  |                                         |
///  v                                         v
///  +-------- padding --------+-------+-------+----------- n bytes ------------+
///  |                         | inner | align |                                |
///  |                         | count |  (a)  |                                |
///  +-------------------------+-------+-------+--------------------------------+
///  <------------------ a bytes --------------><
///  inner count = n + a, a = max(alignment, 2 words); Base frees (p - a, n + a, a)
/// ```
///
/// Guarantees: every pointer returned is aligned to the requested alignment
/// and to two words (16 bytes on 64-bit targets, 8 on 32-bit ones), like
/// `malloc`; `reallocate` keeps the block's alignment (a known bug class of C
/// TLSF); `free` and `reallocate` trap on a pointer whose header is not one
/// this heap wrote (cheap sanity check: power-of-two alignment, sizes in
/// range), before `Base` checks the block itself.
///
/// Overhead: `max(alignment, 2 words)` bytes per block, on top of `Base`'s.
public struct MallocHeap<Base: ByteAllocator & ~Copyable>: ~Copyable {
    /// The allocator the blocks come from.
    public var base: Base

    /// Bytes of the header, and the minimum alignment of every block.
    public static var headerSize: Int { 2 &* MemoryLayout<Int>.size }

    /// A heap drawing on `base`.
    public init(_ base: consuming Base) {
        self.base = base
    }

    /// Allocates `byteCount` bytes aligned to `alignment` (a power of two),
    /// or returns nil when `Base` has no room or the request is invalid
    /// (negative size, bad alignment, overflow). Zero bytes give a unique
    /// pointer, to be freed like any other.
    ///
    /// - Complexity: that of `Base.allocate`.
    @inlinable
    public mutating func allocate(byteCount: Int, alignment: Int) -> UnsafeMutableRawPointer? {
        guard byteCount >= 0, alignment > 0, alignment & (alignment &- 1) == 0 else { return nil }
        let offset = Swift.max(alignment, Self.headerSize)
        let (inner, overflow) = byteCount.addingReportingOverflow(offset)
        guard !overflow, let block = try? base.allocate(byteCount: inner, alignment: offset) else { return nil }
        let pointer = block + offset
        let header = (pointer - Self.headerSize).assumingMemoryBound(to: Int.self)
        header[0] = inner
        header[1] = offset
        return pointer
    }

    /// Frees a block from `allocate` or `reallocate`; nil does nothing.
    /// Traps when `pointer` does not carry a header this heap wrote, or
    /// when `Base` rejects the block (double free, foreign pointer).
    ///
    /// - Complexity: that of `Base.deallocate`.
    @inlinable
    public mutating func free(_ pointer: UnsafeMutableRawPointer?) {
        guard let pointer else { return }
        let (inner, offset) = Self.header(of: pointer)
        base.deallocate(pointer - offset, byteCount: inner, alignment: offset)
    }

    /// The bytes usable at `pointer`, a live block: the size it was
    /// allocated with.
    ///
    /// - Complexity: O(1).
    @inlinable
    public func usableSize(of pointer: UnsafeMutableRawPointer) -> Int {
        let (inner, offset) = Self.header(of: pointer)
        return inner &- offset
    }

    /// Resizes the block at `pointer` to `byteCount` bytes, keeping its
    /// contents (up to the smaller size) and its alignment: `realloc`.
    /// A nil pointer allocates with the minimum alignment; a zero size frees
    /// the block and returns nil. On failure returns nil and leaves the
    /// block as it was.
    ///
    /// - Complexity: that of an allocation and a free, plus copying the block.
    public mutating func reallocate(_ pointer: UnsafeMutableRawPointer?, byteCount: Int) -> UnsafeMutableRawPointer? {
        guard let pointer else { return allocate(byteCount: byteCount, alignment: Self.headerSize) }
        if byteCount == 0 {
            free(pointer)
            return nil
        }
        let (inner, offset) = Self.header(of: pointer)
        guard let moved = allocate(byteCount: byteCount, alignment: offset) else { return nil }
        moved.copyMemory(from: pointer, byteCount: Swift.min(inner &- offset, byteCount))
        base.deallocate(pointer - offset, byteCount: inner, alignment: offset)
        return moved
    }

    /// The header of a live block, checked enough to catch a pointer that
    /// does not come from a `MallocHeap` before it reaches `Base`.
    @inlinable
    static func header(of pointer: UnsafeMutableRawPointer) -> (inner: Int, offset: Int) {
        let header = (pointer - headerSize).assumingMemoryBound(to: Int.self)
        let inner = header[0], offset = header[1]
        precondition(
            offset >= headerSize && offset & (offset &- 1) == 0 && inner >= offset
                && UInt(bitPattern: pointer) % UInt(offset) == 0,
            "MallocHeap: freeing a pointer that is not a live block of this heap")
        return (inner, offset)
    }

    /// Bytes `Base` manages.
    @inlinable public var totalBytes: Int { base.totalBytes }
    /// Bytes `Base` gives out to live blocks, headers included.
    @inlinable public var usedBytes: Int { base.usedBytes }
    /// `totalBytes - usedBytes`.
    @inlinable public var availableBytes: Int { base.availableBytes }
}
