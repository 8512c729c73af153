import Allocators

/// The span from the lowest start to the highest end of the regions an
/// allocator was given: what the planted bugs that accept frees "between
/// the regions" take for their own.
public struct RegionSpan: Sendable {
    public private(set) var range: Range<UInt>?

    public init() {}

    /// Widens the span to hold `start ..< start + size`.
    public mutating func include(start: UInt, size: Int) {
        let end = start + UInt(size)
        range = range.map { Swift.min($0.lowerBound, start) ..< Swift.max($0.upperBound, end) } ?? start ..< end
    }

    /// Gives `base` a region (`initialize` for the first, `addMemory` for
    /// the others) and widens the span to it once `base` took it.
    public mutating func give<Base: BaseAllocator & ~Copyable>(
        _ base: inout Base, start: UInt, size: Int, initial: Bool
    ) throws(AllocError) {
        if initial { try base.initialize(start: start, size: size) } else { try base.addMemory(start: start, size: size) }
        include(start: start, size: size)
    }

    /// Whether `address` lies inside the span but in no region (`manages` false).
    public func isBetweenRegions(_ address: UInt, manages: (UInt) -> Bool) -> Bool {
        guard let range, range.contains(address) else { return false }
        return !manages(address)
    }
}
