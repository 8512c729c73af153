/// What an allocator's out-of-line allocation path returns to its inline
/// path, in two registers: the block's address, or 0 and the error.
///
/// The slow paths return their error rather than throw it: calling a
/// function that throws needs the error register, which the caller must then
/// save, so the inline fast path would pay for a register it never uses.
/// The inline path throws `error` again (`get()`, or `getThrowingOutOfLine()`
/// in a non-generic allocator).
@frozen @usableFromInline
struct OutOfLineAllocation {
    @usableFromInline let address: UInt
    @usableFromInline let error: AllocError?

    /// A block allocated. (The slow paths build their result with a
    /// `do`/`catch` of their own rather than from a closure: a closure
    /// passed out of line is an indirect call, which the worst-case
    /// analysis of the Embedded images cannot follow.)
    @inlinable @inline(__always)
    init(_ block: UnsafeMutableRawPointer) {
        address = UInt(bitPattern: block)
        error = nil
    }

    /// An allocation that failed with `failure`.
    @inlinable @inline(__always)
    init(failure: AllocError) {
        address = 0
        error = failure
    }

    /// The block, or the error thrown again.
    @inlinable @inline(__always)
    func get() throws(AllocError) -> UnsafeMutableRawPointer {
        guard error == nil else { throw error.unsafelyUnwrapped }
        return UnsafeMutableRawPointer(bitPattern: address).unsafelyUnwrapped
    }

    /// `get()` with the error thrown by a function out of line: for the inline
    /// allocation of a non-generic allocator (buddy), where an inline `throw`
    /// would refer to the error's lazily made witness table, which a client
    /// module cannot reference, so that the allocator's witness would be
    /// neither devirtualized nor inlined there. (A generic allocator's is
    /// specialized in the client, and `get()` saves it a call and a register.)
    @inlinable @inline(__always)
    func getThrowingOutOfLine() throws(AllocError) -> UnsafeMutableRawPointer {
        guard error == nil else { try Self.rethrow(error.unsafelyUnwrapped) }
        return UnsafeMutableRawPointer(bitPattern: address).unsafelyUnwrapped
    }

    /// Throws `error`.
    @usableFromInline @inline(never)
    static func rethrow(_ error: AllocError) throws(AllocError) -> Never {
        throw error
    }
}
