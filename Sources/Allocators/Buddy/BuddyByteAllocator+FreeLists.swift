/// The free lists: circular doubly linked lists through the first two words
/// (next, prev) of the free blocks, one sentinel per order, so linking and
/// unlinking need no nil checks and unlinking a known block is O(1).
extension BuddyByteAllocator {
    @inlinable @inline(__always)
    static func node(_ address: UInt) -> UnsafeMutablePointer<UInt> {
        UnsafeMutablePointer<UInt>(bitPattern: address).unsafelyUnwrapped
    }

    @inlinable @inline(__always)
    func sentinel(_ order: UInt) -> UInt { UInt(bitPattern: sentinels + 2 * Int(order)) }

    /// Puts the free block at `block` at the front of the list of `order`.
    @inlinable @inline(__always)
    mutating func push(_ block: UInt, order: UInt) {
        let head = sentinel(order)
        let next = Self.node(head)[0]
        Self.node(block)[0] = next
        Self.node(block)[1] = head
        Self.node(next)[1] = block
        Self.node(head)[0] = block
        nonEmptyOrders |= Kernels.bit(order)
    }

    /// Takes the free block at `block` out of the list of `order`.
    @inlinable @inline(__always)
    mutating func unlink(_ block: UInt, order: UInt) {
        let next = Self.node(block)[0], previous = Self.node(block)[1]
        Self.node(previous)[0] = next
        Self.node(next)[1] = previous
        let head = sentinel(order)
        if Self.node(head)[0] == head { nonEmptyOrders &= ~Kernels.bit(order) }
    }

    /// The first block of the list of `order`, which must not be empty.
    @inlinable @inline(__always)
    func first(_ order: UInt) -> UInt { Self.node(sentinel(order))[0] }
}
