#if Shared
/// A growable array whose storage comes from a `SharedAllocator`: the
/// counterpart of Rust's `Vec<T, A>`.
///
/// `PoolArray` is `~Copyable`: one owner, no copy-on-write, and `deinit`
/// deinitializes the elements and returns the storage to the pool. Elements
/// may themselves be `~Copyable`. It keeps its allocator alive.
///
/// Growth doubles the capacity (at least 4 elements), moving the elements to
/// a new block and freeing the old one, so `append` is amortized O(1) plus
/// the allocator's cost. Running out of pool memory while growing traps; call
/// `reserveCapacity(_:)`, which throws `.noMemory` instead, to handle it.
///
/// Storage of zero capacity is the allocator's zero-byte block: an empty
/// array takes nothing from the pool.
public struct PoolArray<Element: ~Copyable, Base: ByteAllocator & ~Copyable>: ~Copyable {
    /// The allocator the storage comes from.
    public let allocator: SharedAllocator<Base>

    @usableFromInline
    var storage: UnsafeMutablePointer<Element>

    @usableFromInline
    var _count: Int

    @usableFromInline
    var _capacity: Int

    /// An empty array drawing on `allocator`; takes no pool memory.
    ///
    /// - Complexity: O(1).
    public init(allocator: SharedAllocator<Base>) {
        self.allocator = allocator
        storage = UnsafeMutablePointer(bitPattern: UInt(MemoryLayout<Element>.alignment)).unsafelyUnwrapped
        _count = 0
        _capacity = 0
    }

    /// An empty array with room for `capacity` elements.
    ///
    /// Throws `.noMemory` when the pool has no room and `.invalidParam` for a
    /// negative or overflowing capacity.
    ///
    /// - Complexity: that of one allocation.
    public init(allocator: SharedAllocator<Base>, capacity: Int) throws(AllocError) {
        self.init(allocator: allocator)
        try reserveCapacity(capacity)
    }

    deinit {
        storage.deinitialize(count: _count)
        allocator.deallocate(UnsafeMutableBufferPointer(start: storage, count: _capacity))
    }

    /// The number of elements.
    @inlinable public var count: Int { _count }
    /// The number of elements the storage holds without growing.
    @inlinable public var capacity: Int { _capacity }
    /// Whether there are no elements.
    @inlinable public var isEmpty: Bool { _count == 0 }

    /// The element at `index`, which must be in `0 ..< count` (traps otherwise).
    ///
    /// - Complexity: O(1).
    @inlinable
    public subscript(index: Int) -> Element {
        unsafeAddress {
            precondition(index >= 0 && index < _count, "PoolArray: index out of range")
            return UnsafePointer(storage + index)
        }
        unsafeMutableAddress {
            precondition(index >= 0 && index < _count, "PoolArray: index out of range")
            return storage + index
        }
    }

    /// Appends `element`, growing the storage when full. Traps when the pool
    /// cannot supply the larger storage.
    ///
    /// - Complexity: amortized O(1) plus the allocator's cost on growth.
    @inlinable
    public mutating func append(_ element: consuming Element) {
        if _slowPath(_count == _capacity) { growForAppend() }
        (storage + _count).initialize(to: element)
        _count &+= 1
    }

    /// Removes and returns the last element; the array must not be empty.
    ///
    /// - Complexity: O(1).
    @inlinable
    @discardableResult
    public mutating func removeLast() -> Element {
        precondition(_count > 0, "PoolArray: removeLast on an empty array")
        _count &-= 1
        return (storage + _count).move()
    }

    /// Makes room for at least `minimumCapacity` elements in total.
    ///
    /// Throws `.noMemory` when the pool has no room (the array is unchanged)
    /// and `.invalidParam` when the byte count would overflow.
    ///
    /// - Complexity: O(`count`) when it reallocates, plus the allocator's cost.
    public mutating func reserveCapacity(_ minimumCapacity: Int) throws(AllocError) {
        guard minimumCapacity > _capacity else { return }
        try resize(to: minimumCapacity)
    }

    /// Removes every element, keeping the storage.
    ///
    /// - Complexity: O(`count`).
    public mutating func removeAll() {
        storage.deinitialize(count: _count)
        _count = 0
    }

    /// Grows for one more element, trapping when the pool has no room.
    @usableFromInline
    @inline(never)
    mutating func growForAppend() {
        let doubled = _capacity <= Int.max / 2 ? _capacity * 2 : Int.max
        do {
            try resize(to: Swift.max(doubled, 4, _count + 1))
        } catch {
            preconditionFailure("PoolArray: the pool has no room to grow the array")
        }
    }

    /// Moves the elements into new storage of `newCapacity` (≥ `count`)
    /// elements and frees the old storage; on failure nothing changes.
    @usableFromInline
    mutating func resize(to newCapacity: Int) throws(AllocError) {
        let newStorage = try allocator.allocate(Element.self, capacity: newCapacity)
        let start = newStorage.baseAddress.unsafelyUnwrapped
        start.moveInitialize(from: storage, count: _count)
        allocator.deallocate(UnsafeMutableBufferPointer(start: storage, count: _capacity))
        storage = start
        _capacity = newCapacity
    }
}
#endif
