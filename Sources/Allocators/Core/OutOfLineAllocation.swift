/// What an allocator's out-of-line allocation path returns to its inline
/// path, in two registers: the block's address, or 0 and the error.
///
/// The slow paths return their error rather than throw it: calling a
/// function that throws needs the error register, which the caller must then
/// save, so the inline fast path would pay for a register it never uses.
/// The inline path rethrows `error` (`get()`).
@frozen @usableFromInline
struct OutOfLineAllocation {
    @usableFromInline let address: UInt
    @usableFromInline let error: AllocError?

    /// The result of `body`: its block, or the error it threw.
    @inlinable @inline(__always)
    init(_ body: () throws(AllocError) -> UnsafeMutableRawPointer) {
        do throws(AllocError) {
            address = UInt(bitPattern: try body())
            error = nil
        } catch let failure {
            address = 0
            error = failure
        }
    }

    /// The block, or the error thrown again.
    @inlinable @inline(__always)
    func get() throws(AllocError) -> UnsafeMutableRawPointer {
        guard error == nil else { try Self.rethrow(error.unsafelyUnwrapped) }
        return UnsafeMutableRawPointer(bitPattern: address).unsafelyUnwrapped
    }

    /// Throws `error`, out of line: an inline `throw` refers to the error's
    /// lazily made witness table, which a client module cannot reference, and
    /// which then keeps a non-generic allocator's witness from being
    /// devirtualized (and inlined) there.
    @usableFromInline @inline(never)
    static func rethrow(_ error: AllocError) throws(AllocError) -> Never {
        throw error
    }
}
