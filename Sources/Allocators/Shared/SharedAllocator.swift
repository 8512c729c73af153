#if Shared
/// A shared handle on one byte allocator: the counterpart of Rust's
/// `Rc<RefCell<A>>` allocator wrapper, so that several collections
/// (`PoolArray`s, typed buffers) can draw from one pool.
///
/// The handle owns the allocator and, when made with `init(poolSize:base:)`,
/// the pool's memory too. Collections built on it keep it alive, so the pool
/// outlives every block taken from it.
///
/// The allocator's state lives in memory of its own behind an unsafe pointer,
/// not in a stored property of the class: an allocation through the handle is
/// one call into the allocator, with no reference counting and no dynamic
/// exclusivity check.
///
/// Zero-byte requests never reach the allocator: they return the address
/// `alignment` itself (non-null, aligned, never to be dereferenced), and
/// deallocating zero bytes does nothing, as `Vec` does for empty storage.
///
/// A `SharedAllocator` is not `Sendable`: use it from one thread at a time, or
/// share a `LockedAllocator` between threads instead.
public final class SharedAllocator<Base: ByteAllocator & ~Copyable> {
    @usableFromInline
    let state: UnsafeMutablePointer<Base>

    /// The pool this handle allocated for its allocator and frees on `deinit`
    /// (nil when the caller manages the allocator's memory).
    @usableFromInline
    let ownedPool: UnsafeMutableRawBufferPointer?

    /// Shares `base`, an allocator already initialized over memory the caller
    /// keeps alive for as long as the handle and every block from it.
    ///
    /// - Complexity: O(1).
    public init(_ base: consuming Base) {
        state = .allocate(capacity: 1)
        state.initialize(to: base)
        ownedPool = nil
    }

    /// Allocates a pool of `poolSize` bytes from the platform (aligned to
    /// `poolAlignment`), initializes `base`, an empty allocator, over it, and
    /// shares it; the pool is freed with the handle.
    ///
    /// Throws what `base.initialize` throws, typically `.invalidParam` for a
    /// pool too small for the allocator's bookkeeping.
    ///
    /// - Complexity: that of `base.initialize`.
    public init(poolSize: Int, poolAlignment: Int = 64, base: consuming Base) throws(AllocError) {
        guard poolSize > 0, poolAlignment > 0, Kernels.isPowerOfTwo(UInt(poolAlignment)) else { throw .invalidParam }
        let pool = UnsafeMutableRawBufferPointer.allocate(byteCount: poolSize, alignment: poolAlignment)
        do {
            try base.initialize(pool)
        } catch {
            pool.deallocate()
            throw error
        }
        state = .allocate(capacity: 1)
        state.initialize(to: base)
        ownedPool = pool
    }

    deinit {
        state.deinitialize(count: 1)
        state.deallocate()
        ownedPool?.deallocate()
    }

    /// Runs `body` with exclusive access to the allocator (for its own
    /// introspection, such as `checkIntegrity()`, or for `addMemory`).
    ///
    /// - Complexity: that of `body`.
    @inlinable
    public func withAllocator<Result, Failure: Error>(
        _ body: (inout Base) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try body(&state.pointee)
    }
}
#endif
