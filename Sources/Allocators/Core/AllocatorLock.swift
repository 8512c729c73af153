import Synchronization

/// The lock a `GlobalAllocator` holds around each operation, chosen by type:
/// `NoLock` for a single-threaded firmware, `SpinLock` for a kernel (atomics
/// only, Embedded Swift included), `MutexLock` for a hosted program.
///
/// `withLock` runs its body with the lock held; nothing inside it blocks on
/// anything but the lock itself, and no allocation happens in the lock.
public protocol AllocatorLock: ~Copyable {
    /// An unlocked lock.
    init()
    /// Runs `body` with the lock held.
    func withLock<Result, Failure: Error>(_ body: () throws(Failure) -> Result) throws(Failure) -> Result
}

/// No lock: for one thread (a firmware's main loop; mask interrupts around
/// calls made from interrupt handlers).
@frozen
public struct NoLock: AllocatorLock, ~Copyable {
    @inlinable public init() {}

    @inlinable @inline(__always)
    public func withLock<Result, Failure: Error>(_ body: () throws(Failure) -> Result) throws(Failure) -> Result {
        try body()
    }
}

/// A test-and-test-and-set spin lock on one atomic byte: for a kernel's
/// global heap, where no thread library exists. Acquire on lock, release on
/// unlock; a waiter spins on plain loads until the lock looks free.
@frozen
public struct SpinLock: AllocatorLock, Sendable, ~Copyable {
    @usableFromInline let held = Atomic<Bool>(false)

    @inlinable public init() {}

    @inlinable @inline(__always)
    public func withLock<Result, Failure: Error>(_ body: () throws(Failure) -> Result) throws(Failure) -> Result {
        while !held.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged {
            while held.load(ordering: .relaxed) {}
        }
        defer { held.store(false, ordering: .releasing) }
        return try body()
    }
}

#if !hasFeature(Embedded)
/// `Synchronization.Mutex`: for a hosted program's threads (waiters sleep).
public struct MutexLock: AllocatorLock, Sendable, ~Copyable {
    @usableFromInline let mutex = Mutex(())

    public init() {}

    @inlinable @inline(__always)
    public func withLock<Result, Failure: Error>(_ body: () throws(Failure) -> Result) throws(Failure) -> Result {
        try mutex.withLock { (_: inout sending ()) throws(Failure) -> sending Result in try body() }
    }
}
#endif
