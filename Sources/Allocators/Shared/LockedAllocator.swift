#if Shared && !hasFeature(Embedded)
import Synchronization

/// A byte allocator that many threads can use at once: `Base` behind a
/// `Synchronization.Mutex`.
///
/// Every operation takes the lock for the duration of one call into `Base`,
/// so the calls are linearizable and `Base`'s guarantees hold as if they ran
/// one after another. The lock is the only cost over `Base`.
///
/// `LockedAllocator` is `~Copyable` and `Sendable`: keep one in a global
/// `let` or a final class and share that. Its operations are non-mutating,
/// and it is itself a `ByteAllocator`.
///
/// Not available in Embedded Swift, which has no `Mutex` for bare-metal
/// targets: guard a plain allocator with the platform's critical section
/// (masking interrupts) there.
public struct LockedAllocator<Base: ByteAllocator & ~Copyable>: ~Copyable, Sendable {
    @usableFromInline
    let state: Mutex<Base>

    /// The pool this wrapper allocated, if any: freed after `state`.
    @usableFromInline
    let ownedPool: OwnedPool

    #if ALLOCATORS_TSAN
    /// A byte of its own whose address names this lock to ThreadSanitizer.
    @usableFromInline
    let tsanToken = UInt(bitPattern: UnsafeMutableRawPointer.allocate(byteCount: 1, alignment: 1))
    #endif

    /// Wraps `base`, an allocator whose memory, if any, the caller keeps
    /// alive (an empty `base` can be given memory with `initialize`).
    ///
    /// - Complexity: O(1).
    public init(_ base: consuming sending Base) {
        state = Mutex(base)
        ownedPool = OwnedPool(address: 0)
    }

    /// Allocates a pool of `poolSize` bytes from the platform, initializes
    /// `base`, an empty allocator, over it, and wraps it; the pool is freed
    /// with the wrapper.
    ///
    /// - Complexity: that of `base.initialize`.
    public init(poolSize: Int, poolAlignment: Int = 64, base: consuming sending Base) throws(AllocError) {
        guard poolSize > 0, poolAlignment > 0, Kernels.isPowerOfTwo(UInt(poolAlignment)) else { throw .invalidParam }
        let pool = UnsafeMutableRawPointer.allocate(byteCount: poolSize, alignment: poolAlignment)
        let poolAddress = UInt(bitPattern: pool)
        do {
            try base.initialize(start: poolAddress, size: poolSize)
        } catch {
            pool.deallocate()
            throw error
        }
        state = Mutex(base)
        ownedPool = OwnedPool(address: poolAddress)
    }

    #if ALLOCATORS_TSAN
    deinit {
        UnsafeMutableRawPointer(bitPattern: tsanToken)?.deallocate()
    }
    #endif

    /// Runs `body` with the lock held and exclusive access to the allocator.
    ///
    /// - Complexity: that of `body`.
    @inlinable
    public func withLock<Result: Sendable, Failure: Error>(
        _ body: (inout sending Base) throws(Failure) -> sending Result
    ) throws(Failure) -> Result {
        try state.withLock { (base: inout sending Base) throws(Failure) -> sending Result in
            #if ALLOCATORS_TSAN
            let token = UnsafeRawPointer(bitPattern: tsanToken).unsafelyUnwrapped
            tsanAcquire(token)
            defer { tsanRelease(token) }
            #endif
            return try body(&base)
        }
    }
}

#if ALLOCATORS_TSAN
// The prebuilt Synchronization module is not instrumented, so ThreadSanitizer
// cannot see `Mutex` order accesses; `make tsan` builds with this flag, and
// the lock's acquire and release are announced to it by hand.
@usableFromInline @_silgen_name("__tsan_acquire")
func tsanAcquire(_ address: UnsafeRawPointer)
@usableFromInline @_silgen_name("__tsan_release")
func tsanRelease(_ address: UnsafeRawPointer)
#endif

extension LockedAllocator: ByteAllocator where Base: ~Copyable {
    /// Initializes the wrapped allocator over `start ..< start + size`, under the lock.
    public func initialize(start: UInt, size: Int) throws(AllocError) {
        try withLock { (base: inout sending Base) throws(AllocError) in try base.initialize(start: start, size: size) }
    }

    /// Adds memory to the wrapped allocator, under the lock.
    public func addMemory(start: UInt, size: Int) throws(AllocError) {
        try withLock { (base: inout sending Base) throws(AllocError) in try base.addMemory(start: start, size: size) }
    }

    /// `Base.allocate` under the lock.
    ///
    /// - Complexity: that of `Base.allocate`, plus the lock.
    @inlinable
    public func allocate(byteCount: Int, alignment: Int) throws(AllocError) -> UnsafeMutableRawPointer {
        let address = try withLock { (base: inout sending Base) throws(AllocError) -> UInt in
            UInt(bitPattern: try base.allocate(byteCount: byteCount, alignment: alignment))
        }
        return UnsafeMutableRawPointer(bitPattern: address).unsafelyUnwrapped
    }

    /// `Base.deallocate` under the lock.
    ///
    /// - Complexity: that of `Base.deallocate`, plus the lock.
    @inlinable
    public func deallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) {
        let address = UInt(bitPattern: pointer)
        withLock { (base: inout sending Base) in
            base.deallocate(UnsafeMutableRawPointer(bitPattern: address).unsafelyUnwrapped, byteCount: byteCount, alignment: alignment)
        }
    }

    /// `Base.tryDeallocate` under the lock.
    ///
    /// - Complexity: that of `Base.tryDeallocate`, plus the lock.
    @inlinable
    public func tryDeallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) throws(AllocError) {
        let address = UInt(bitPattern: pointer)
        try withLock { (base: inout sending Base) throws(AllocError) in
            try base.tryDeallocate(UnsafeMutableRawPointer(bitPattern: address).unsafelyUnwrapped, byteCount: byteCount, alignment: alignment)
        }
    }

    /// `Base.manages(_:)`, under the lock.
    public func manages(_ address: UInt) -> Bool { withLock { $0.manages(address) } }

    /// `Base.checkIntegrity()`, under the lock.
    public func checkIntegrity() throws(IntegrityViolation) {
        try withLock { (base: inout sending Base) throws(IntegrityViolation) in try base.checkIntegrity() }
    }

    /// `Base.totalBytes`, read under the lock.
    @inlinable public var totalBytes: Int { withLock { $0.totalBytes } }
    /// `Base.usedBytes`, read under the lock.
    @inlinable public var usedBytes: Int { withLock { $0.usedBytes } }
    /// `Base.availableBytes`, read under the lock.
    @inlinable public var availableBytes: Int { withLock { $0.availableBytes } }
}
#endif
