#if Shared
extension PoolArray where Element: ~Copyable, Base: ~Copyable {
    /// Inserts `element` at `index` (in `0 ... count`), moving the later
    /// elements up by one. Traps when the pool cannot supply larger storage.
    ///
    /// - Complexity: O(`count` - `index`), amortized, plus the allocator's cost on growth.
    public mutating func insert(_ element: consuming Element, at index: Int) {
        precondition(index >= 0 && index <= _count, "PoolArray: insertion index out of range")
        if _count == _capacity { growForAppend() }
        (storage + index + 1).moveInitialize(from: storage + index, count: _count - index)
        (storage + index).initialize(to: element)
        _count += 1
    }

    /// Removes and returns the element at `index` (in `0 ..< count`), moving
    /// the later elements down by one.
    ///
    /// - Complexity: O(`count` - `index`).
    @discardableResult
    public mutating func remove(at index: Int) -> Element {
        precondition(index >= 0 && index < _count, "PoolArray: removal index out of range")
        let element = (storage + index).move()
        (storage + index).moveInitialize(from: storage + index + 1, count: _count - index - 1)
        _count -= 1
        return element
    }

    /// Exchanges the elements at `i` and `j` (both in `0 ..< count`).
    ///
    /// - Complexity: O(1).
    @inlinable
    public mutating func swapAt(_ i: Int, _ j: Int) {
        precondition(i >= 0 && i < _count && j >= 0 && j < _count, "PoolArray: swap index out of range")
        guard i != j else { return }
        let element = (storage + i).move()
        (storage + i).moveInitialize(from: storage + j, count: 1)
        (storage + j).initialize(to: element)
    }

    /// Runs `body` over the elements as a buffer.
    ///
    /// - Complexity: that of `body`.
    @inlinable
    public func withUnsafeBufferPointer<Result, Failure: Error>(
        _ body: (UnsafeBufferPointer<Element>) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try body(UnsafeBufferPointer(start: storage, count: _count))
    }

    /// Runs `body` over the elements as a mutable buffer (it must not move
    /// the elements out without moving others in).
    ///
    /// - Complexity: that of `body`.
    @inlinable
    public mutating func withUnsafeMutableBufferPointer<Result, Failure: Error>(
        _ body: (UnsafeMutableBufferPointer<Element>) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try body(UnsafeMutableBufferPointer(start: storage, count: _count))
    }
}

extension PoolArray where Element: Comparable, Base: ~Copyable {
    /// Sorts the elements in ascending order, in place (the standard
    /// library's sort, whose scratch space comes from the platform
    /// allocator, not the pool).
    ///
    /// - Complexity: O(*n* log *n*) for *n* = `count`.
    @inlinable
    public mutating func sort() {
        var buffer = UnsafeMutableBufferPointer(start: storage, count: _count)
        buffer.sort()
    }
}

extension PoolArray where Base: ~Copyable {

    /// Sorts the elements in place by `areInIncreasingOrder` (the standard
    /// library's sort, scratch space from the platform allocator).
    ///
    /// - Complexity: O(*n* log *n*) for *n* = `count`.
    @inlinable
    public mutating func sort(by areInIncreasingOrder: (Element, Element) -> Bool) {
        var buffer = UnsafeMutableBufferPointer(start: storage, count: _count)
        buffer.sort(by: areInIncreasingOrder)
    }
}
#endif
