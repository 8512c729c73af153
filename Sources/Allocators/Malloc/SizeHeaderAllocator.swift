/// Any byte allocator, made to record its blocks' sizes: each block carries
/// a two-word header just below the pointer returned, so it can be freed,
/// measured and resized by address alone (`SizeRecordingAllocator`), as
/// `MallocHeap` needs. (TLSF records sizes in its own headers and needs none
/// of this.)
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
/// A free by address reads the header only when `Base` manages the memory
/// where it lies (`manages`), checks it (a power-of-two alignment, sizes in
/// range, the pointer aligned), and leaves the rest to `Base`'s own checks of
/// the inner block, so a foreign pointer is refused without a fault.
///
/// Overhead: `max(alignment, 2 words)` bytes per block, on top of `Base`'s.
public struct SizeHeaderAllocator<Base: ByteAllocator & ~Copyable>: ~Copyable {
    /// The allocator the blocks come from.
    public var base: Base

    /// Bytes of the header, and the minimum alignment of every block.
    @inlinable
    public static var headerSize: Int { 2 &* MemoryLayout<Int>.size }

    /// Records sizes for `base`.
    @inlinable
    public init(_ base: consuming Base) {
        self.base = base
    }

    /// The header of the block at `pointer` when `Base` manages the header's
    /// memory and it is one this allocator wrote; nil otherwise.
    @inlinable
    func header(of pointer: UnsafeMutableRawPointer) -> (inner: Int, offset: Int)? {
        let address = UInt(bitPattern: pointer)
        let header = address &- UInt(bitPattern: Self.headerSize)
        guard address & UInt(bitPattern: Self.headerSize &- 1) == 0, header < address, base.manages(header) else { return nil }
        let words = UnsafeMutablePointer<Int>(bitPattern: header).unsafelyUnwrapped
        let inner = words[0], offset = words[1]
        guard offset >= Self.headerSize, offset & (offset &- 1) == 0, inner >= offset,
              address & UInt(bitPattern: offset &- 1) == 0, UInt(bitPattern: offset) <= address
        else { return nil }
        return (inner, offset)
    }
}

extension SizeHeaderAllocator: ByteAllocator where Base: ~Copyable {
    public mutating func initialize(start: UInt, size: Int) throws(AllocError) { try base.initialize(start: start, size: size) }
    public mutating func addMemory(start: UInt, size: Int) throws(AllocError) { try base.addMemory(start: start, size: size) }
    public func manages(_ address: UInt) -> Bool { base.manages(address) }
    public func checkIntegrity() throws(IntegrityViolation) { try base.checkIntegrity() }

    /// Allocates `byteCount` bytes aligned to `alignment` behind a header.
    /// Throws what `Base` throws, and `.invalidParam` when the size with the
    /// header overflows.
    ///
    /// - Complexity: that of `Base.allocate`.
    @inlinable
    public mutating func allocate(byteCount: Int, alignment: Int) throws(AllocError) -> UnsafeMutableRawPointer {
        guard byteCount >= 0, alignment > 0, alignment & (alignment &- 1) == 0 else { throw .invalidParam }
        let offset = Swift.max(alignment, Self.headerSize)
        let (inner, overflow) = byteCount.addingReportingOverflow(offset)
        guard !overflow else { throw .invalidParam }
        let block = try base.allocate(byteCount: inner, alignment: offset)
        let pointer = block + offset
        let header = (pointer - Self.headerSize).assumingMemoryBound(to: Int.self)
        header[0] = inner
        header[1] = offset
        return pointer
    }

    /// Frees a block with its size and alignment, which must match the header
    /// exactly (size) and in its offset (alignment); traps otherwise.
    public mutating func deallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) {
        do throws(AllocError) { try tryDeallocate(pointer, byteCount: byteCount, alignment: alignment) } catch {
            fatalError("SizeHeaderAllocator: deallocating memory that is not a live block of this size and alignment")
        }
    }

    /// Frees like `deallocate`, or throws `.notAllocated` and changes nothing.
    public mutating func tryDeallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) throws(AllocError) {
        guard let (inner, offset) = header(of: pointer), inner &- offset == byteCount,
              offset == Swift.max(alignment, Self.headerSize) else { throw .notAllocated }
        try base.tryDeallocate(pointer - offset, byteCount: inner, alignment: offset)
    }

    /// `Base`'s bytes, headers included in `usedBytes`.
    public var totalBytes: Int { base.totalBytes }
    public var usedBytes: Int { base.usedBytes }
    public var availableBytes: Int { base.availableBytes }
}

extension SizeHeaderAllocator: SizeRecordingAllocator where Base: ~Copyable {
    /// Frees the block at `pointer` by its header; traps when it is not a live block.
    public mutating func deallocate(_ pointer: UnsafeMutableRawPointer) {
        do throws(AllocError) { try tryDeallocate(pointer) } catch {
            fatalError("SizeHeaderAllocator: freeing a pointer that is not a live block")
        }
    }

    /// Frees the block at `pointer` by its header, or throws `.notAllocated`.
    public mutating func tryDeallocate(_ pointer: UnsafeMutableRawPointer) throws(AllocError) {
        guard let (inner, offset) = header(of: pointer) else { throw .notAllocated }
        try base.tryDeallocate(pointer - offset, byteCount: inner, alignment: offset)
    }

    /// The size the block was allocated or resized with, from its header.
    public func usableSize(of pointer: UnsafeMutableRawPointer) -> Int? {
        header(of: pointer).map { $0.inner &- $0.offset }
    }

    /// Moves the block to a new one aligned to at least its own alignment and
    /// `alignment` (an allocator without in-place resizing), copying the
    /// smaller size; nothing changes on a thrown error.
    public mutating func reallocate(
        _ pointer: UnsafeMutableRawPointer, newByteCount: Int, alignment: Int
    ) throws(AllocError) -> UnsafeMutableRawPointer {
        guard let (inner, offset) = header(of: pointer) else {
            fatalError("SizeHeaderAllocator: resizing a pointer that is not a live block")
        }
        let moved = try allocate(byteCount: newByteCount, alignment: Swift.max(alignment, offset))
        moved.copyMemory(from: pointer, byteCount: Swift.min(inner &- offset, newByteCount))
        base.deallocate(pointer - offset, byteCount: inner, alignment: offset)
        return moved
    }
}
