#if Shared
import Allocators

/// An ordered map kept as a sorted `PoolArray` of entries (binary search,
/// shifting insert and remove): the collection-test stand-in for a B-tree
/// map whose nodes come from a pool.
public struct PoolSortedMap<Key: Comparable, Value, Base: ByteAllocator & ~Copyable>: ~Copyable {
    public struct Entry {
        public var key: Key
        public var value: Value
    }

    var entries: PoolArray<Entry, Base>

    public init(allocator: SharedAllocator<Base>) {
        entries = PoolArray(allocator: allocator)
    }

    public var count: Int { entries.count }
    public var isEmpty: Bool { entries.isEmpty }

    /// The first index whose key is not below `key`.
    func lowerBound(_ key: Key) -> Int {
        var low = 0, high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].key < key { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Inserts or replaces; returns the value replaced.
    @discardableResult
    public mutating func insert(_ key: Key, _ value: Value) -> Value? {
        let index = lowerBound(key)
        if index < entries.count, entries[index].key == key {
            let old = entries[index].value
            entries[index].value = value
            return old
        }
        entries.insert(Entry(key: key, value: value), at: index)
        return nil
    }

    public func value(for key: Key) -> Value? {
        let index = lowerBound(key)
        return index < entries.count && entries[index].key == key ? entries[index].value : nil
    }

    /// Removes and returns the entry with the smallest key.
    public mutating func popFirst() -> Entry? {
        entries.isEmpty ? nil : entries.remove(at: 0)
    }

    /// Whether the keys are strictly increasing.
    public func isSorted() -> Bool {
        entries.withUnsafeBufferPointer { buffer in zip(buffer, buffer.dropFirst()).allSatisfy { $0.key < $1.key } }
    }
}
#endif
