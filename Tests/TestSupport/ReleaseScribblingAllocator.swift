import Allocators

/// A byte allocator that, after every operation, writes a pattern over every
/// range its base reports releasable (`forEachReleasableRange` with no
/// minimum and 16-byte pages, so that every free block is written from past
/// its links to its end): what `madvise(MADV_DONTNEED)` or a program's stray write
/// could leave there. A model-checked run over it shows that nothing the
/// allocator reads, and no live block, lies in those ranges.
public struct ReleaseScribblingAllocator<Base: ByteAllocator & ReleasableMemoryAllocator & ~Copyable>: ByteAllocator, ~Copyable {
    public var base: Base
    /// Planted bug: each range written one granule (16 bytes) past its end:
    /// with 16-byte pages a range ends where its block does, so this is the
    /// next block's header (the sentinel's, right after `initialize`), which
    /// the integrity check must catch.
    public let writesPastTheEnd: Bool
    public static var pageSize: Int { 16 }
    public static var pattern: UInt8 { 0xA5 }

    public init(_ base: consuming Base, writesPastTheEnd: Bool = false) {
        self.base = base
        self.writesPastTheEnd = writesPastTheEnd
    }

    func scribble() {
        let extra = writesPastTheEnd ? 16 : 0
        base.forEachReleasableRange(minimumBlockSize: 0, pageSize: Self.pageSize) { start, byteCount in
            UnsafeMutableRawPointer(bitPattern: start)!.initializeMemory(as: UInt8.self, repeating: Self.pattern, count: byteCount + extra)
        }
    }

    public mutating func initialize(start: UInt, size: Int) throws(AllocError) {
        defer { scribble() }
        try base.initialize(start: start, size: size)
    }
    public mutating func addMemory(start: UInt, size: Int) throws(AllocError) {
        defer { scribble() }
        try base.addMemory(start: start, size: size)
    }
    public mutating func allocate(byteCount: Int, alignment: Int) throws(AllocError) -> UnsafeMutableRawPointer {
        defer { scribble() }
        return try base.allocate(byteCount: byteCount, alignment: alignment)
    }
    public mutating func deallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) {
        defer { scribble() }
        base.deallocate(pointer, byteCount: byteCount, alignment: alignment)
    }
    public mutating func tryDeallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) throws(AllocError) {
        defer { scribble() }
        try base.tryDeallocate(pointer, byteCount: byteCount, alignment: alignment)
    }
    public var totalBytes: Int { base.totalBytes }
    public var usedBytes: Int { base.usedBytes }
    public var availableBytes: Int { base.availableBytes }
    public func manages(_ address: UInt) -> Bool { base.manages(address) }
    public func checkIntegrity() throws(IntegrityViolation) { try base.checkIntegrity() }
}
