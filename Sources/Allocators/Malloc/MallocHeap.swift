/// `malloc`-style use of a byte allocator whose blocks record their size:
/// blocks freed, measured and resized by address alone, with C's conventions
/// (a nil pointer, zero sizes, nil on failure).
///
/// `MallocHeap<TLSFByteAllocator>` adds nothing to a block: TLSF's header
/// already records its size, so an aligned request costs only its alignment
/// gap. Any other byte allocator serves through `SizeHeaderAllocator`, which
/// keeps the size and alignment in a header in front of each block.
///
/// Guarantees: every pointer returned is aligned to the requested alignment
/// and to `minimumAlignment` (two words: 16 bytes on 64-bit targets, 8 on
/// 32-bit ones), like `malloc`; `free` and `reallocate` trap with a clear
/// message on a pointer that is not a live block (checked by `Base` before
/// it changes anything); `reallocate` resizes in place where `Base` can and
/// keeps the block's alignment up to `keptAlignmentLimit` when it moves.
/// Evidence: `MallocHeapTests`, the C interface test (`make ctest`).
public struct MallocHeap<Base: SizeRecordingAllocator & ~Copyable>: ~Copyable {
    /// The allocator the blocks come from.
    public var base: Base

    /// The alignment of every block, and the one `allocate` uses when asked
    /// for less: two machine words.
    @inlinable
    public static var minimumAlignment: Int { 2 &* MemoryLayout<Int>.size }

    /// The largest alignment `reallocate` keeps when it must move a block:
    /// the new block is aligned to the largest power of two dividing the old
    /// address, up to this (a page). C's `realloc` keeps only `malloc`'s
    /// alignment; this keeps that of any `aligned_alloc` up to a page (C TLSF
    /// #36 lost it).
    @inlinable
    public static var keptAlignmentLimit: Int { 4096 }

    /// A heap drawing on `base`.
    @inlinable
    public init(_ base: consuming Base) {
        self.base = base
    }

    /// Allocates `byteCount` bytes aligned to `alignment` (a power of two;
    /// smaller than `minimumAlignment` means `minimumAlignment`), or returns
    /// nil when `Base` has no room or the request is invalid (negative size,
    /// bad alignment, overflow). Zero bytes give a unique pointer, to be freed
    /// like any other.
    ///
    /// - Complexity: that of `Base.allocate`.
    @inlinable @inline(__always)
    public mutating func allocate(byteCount: Int, alignment: Int) -> UnsafeMutableRawPointer? {
        guard alignment > 0, alignment & (alignment &- 1) == 0 else { return nil }
        let aligned = alignment < Self.minimumAlignment ? Self.minimumAlignment : alignment
        do throws(AllocError) { return try base.allocate(byteCount: byteCount, alignment: aligned) } catch { return nil }
    }

    /// Frees a block from `allocate` or `reallocate`; nil does nothing.
    /// Traps, changing nothing, when `pointer` is not a live block (double
    /// free, foreign or interior pointer).
    ///
    /// - Complexity: that of `Base.deallocate(_:)`.
    @inlinable @inline(__always)
    public mutating func free(_ pointer: UnsafeMutableRawPointer?) {
        guard let pointer else { return }
        base.deallocate(pointer)
    }

    /// The bytes usable at `pointer`, a live block: at least the size it was
    /// allocated or resized with. Traps when `pointer` is not a live block.
    ///
    /// - Complexity: O(1) for the allocators of this package.
    @inlinable
    public func usableSize(of pointer: UnsafeMutableRawPointer) -> Int {
        guard let size = base.usableSize(of: pointer) else {
            fatalError("MallocHeap: usable size of a pointer that is not a live block")
        }
        return size
    }

    /// Resizes the block at `pointer` to `byteCount` bytes, keeping its
    /// contents (up to the smaller size): `realloc`. A nil pointer allocates;
    /// a zero size frees the block and returns nil. In place when `Base` can
    /// (TLSF: shrinking, or growing into a free next block), otherwise moved
    /// to a block aligned as the old address is, up to `keptAlignmentLimit`.
    /// On failure returns nil and the block is unchanged. Traps when
    /// `pointer` is not a live block.
    ///
    /// - Complexity: O(1) in place; O(size) when it moves.
    @inlinable
    public mutating func reallocate(_ pointer: UnsafeMutableRawPointer?, byteCount: Int) -> UnsafeMutableRawPointer? {
        guard let pointer else { return allocate(byteCount: byteCount, alignment: Self.minimumAlignment) }
        if byteCount == 0 {
            base.deallocate(pointer)
            return nil
        }
        let address = UInt(bitPattern: pointer)
        let kept = Swift.min(address & (0 &- address), UInt(Self.keptAlignmentLimit))
        let alignment = Swift.max(Int(bitPattern: kept), Self.minimumAlignment)
        do throws(AllocError) {
            return try base.reallocate(pointer, newByteCount: byteCount, alignment: alignment)
        } catch {
            return nil
        }
    }

    /// Bytes `Base` manages.
    @inlinable public var totalBytes: Int { base.totalBytes }
    /// Bytes `Base` gives out to live blocks, with their overhead.
    @inlinable public var usedBytes: Int { base.usedBytes }
    /// `totalBytes - usedBytes`.
    @inlinable public var availableBytes: Int { base.availableBytes }

    /// `Base.checkIntegrity()`.
    public func checkIntegrity() throws(IntegrityViolation) { try base.checkIntegrity() }
}
