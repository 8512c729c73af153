/// What every allocator offers: it starts empty, manages the regions it is
/// given, and can check its own state.
///
/// Allocators are `~Copyable` structs used through `mutating` methods, so an
/// allocator's state has exactly one owner and no reference counting sits on
/// any allocation path.
///
/// Regions follow one rule in every allocator (`RegionTable.admit`): a region
/// that is empty, has a negative size or wraps the address space is
/// `.invalidParam`; then one that meets a region already given is
/// `.memoryOverlap`; then one too small for the allocator's bookkeeping and
/// one block (or page, or ID) is `.invalidParam`. When the bookkeeping has no
/// room for another region (a full caller-provided buffer, TLSF's fixed
/// region table) the call throws `.noMemory`. A refused region changes nothing.
/// Evidence: `RegionRuleTests`, and the region steps of every model-checked run.
public protocol BaseAllocator: ~Copyable {
    /// Makes `start ..< start + size` the first region the allocator manages.
    ///
    /// Throws as the region rule above says; `.invalidParam` also when the
    /// allocator was initialized already.
    mutating func initialize(start: UInt, size: Int) throws(AllocError)

    /// Adds the region `start ..< start + size` to the memory managed.
    ///
    /// Throws as the region rule above says.
    mutating func addMemory(start: UInt, size: Int) throws(AllocError)

    /// Whether `address` lies in a region given to `initialize` or
    /// `addMemory` (bookkeeping carved from it included; for the ID
    /// allocator, whether the ID is managed): the region table's lookup,
    /// which reads no managed memory. Memory at such an address can be read.
    ///
    /// - Complexity: O(log regions).
    func manages(_ address: UInt) -> Bool

    /// Walks the allocator's whole state and throws the first inconsistency
    /// found, with where it is. It never changes anything. The tests call it
    /// after every step; with `ALLOCATORS_INTERNAL_CHECKS` the allocator calls
    /// it after each of its own mutating operations.
    func checkIntegrity() throws(IntegrityViolation)
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
