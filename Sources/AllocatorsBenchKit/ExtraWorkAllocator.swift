import Allocators

/// A byte allocator that does `rounds` steps of dependent arithmetic (a
/// linear congruential step each, at least three instructions) before every
/// allocation and free of `Base`: a deliberately costlier backend, so the
/// instruction mode's tests can show that its counts see extra work.
public struct ExtraWorkAllocator<Base: ByteAllocator & ~Copyable>: ByteAllocator, ~Copyable {
    public var base: Base
    public let rounds: Int
    /// The arithmetic's result, kept so it cannot be optimized away.
    public var checksum: UInt = 0

    public init(_ base: consuming Base, rounds: Int) {
        self.base = base
        self.rounds = rounds
    }

    @inlinable @inline(__always)
    mutating func work(_ seed: UInt) {
        var x = seed
        for _ in 0 ..< rounds { x = x &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407 }
        checksum ^= x
    }

    public mutating func initialize(start: UInt, size: Int) throws(AllocError) { try base.initialize(start: start, size: size) }
    public mutating func addMemory(start: UInt, size: Int) throws(AllocError) { try base.addMemory(start: start, size: size) }
    public func manages(_ address: UInt) -> Bool { base.manages(address) }
    public func checkIntegrity() throws(IntegrityViolation) { try base.checkIntegrity() }

    @inlinable
    public mutating func allocate(byteCount: Int, alignment: Int) throws(AllocError) -> UnsafeMutableRawPointer {
        work(UInt(bitPattern: byteCount))
        return try base.allocate(byteCount: byteCount, alignment: alignment)
    }

    @inlinable
    public mutating func deallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) {
        work(UInt(bitPattern: pointer))
        base.deallocate(pointer, byteCount: byteCount, alignment: alignment)
    }

    @inlinable
    public mutating func tryDeallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) throws(AllocError) {
        work(UInt(bitPattern: pointer))
        try base.tryDeallocate(pointer, byteCount: byteCount, alignment: alignment)
    }

    public var totalBytes: Int { base.totalBytes }
    public var usedBytes: Int { base.usedBytes }
    public var availableBytes: Int { base.availableBytes }
}
