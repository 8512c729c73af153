#if Shared
/// Memory a wrapper allocated from the platform for its allocator's pool,
/// freed when the wrapper goes. Declared after the allocator in the wrapper,
/// so it is released after the allocator is (stored properties are destroyed
/// in declaration order, after `deinit`'s body).
@usableFromInline
struct OwnedPool: ~Copyable, Sendable {
    /// Start address, or 0 when the caller manages the memory.
    let address: UInt

    init(address: UInt) {
        self.address = address
    }

    deinit {
        UnsafeMutableRawPointer(bitPattern: address)?.deallocate()
    }
}
#endif
