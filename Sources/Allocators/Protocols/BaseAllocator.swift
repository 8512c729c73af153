/// What every allocator offers: it starts empty and manages the regions it is given.
///
/// Allocators are `~Copyable` structs used through `mutating` methods, so an
/// allocator's state has exactly one owner and no reference counting sits on
/// any allocation path.
public protocol BaseAllocator: ~Copyable {
    /// Makes `start ..< start + size` the first region the allocator manages.
    ///
    /// Throws `.invalidParam` for a region that is empty, wraps the address
    /// space or is too small for the allocator's own bookkeeping, and
    /// `.memoryOverlap` if the allocator already manages memory there.
    mutating func initialize(start: UInt, size: Int) throws(AllocError)

    /// Adds the region `start ..< start + size` to the memory managed.
    ///
    /// Throws `.memoryOverlap` when the region overlaps managed memory and
    /// `.invalidParam` for an empty or wrapping region.
    mutating func addMemory(start: UInt, size: Int) throws(AllocError)
}

extension BaseAllocator where Self: ~Copyable {
    /// Makes `region` the first region the allocator manages.
    @inlinable
    public mutating func initialize(_ region: UnsafeMutableRawBufferPointer) throws(AllocError) {
        guard let base = region.baseAddress else { throw .invalidParam }
        try initialize(start: UInt(bitPattern: base), size: region.count)
    }

    /// Adds `region` to the memory managed.
    @inlinable
    public mutating func addMemory(_ region: UnsafeMutableRawBufferPointer) throws(AllocError) {
        guard let base = region.baseAddress else { throw .invalidParam }
        try addMemory(start: UInt(bitPattern: base), size: region.count)
    }
}
