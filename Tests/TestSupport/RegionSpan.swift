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

    /// Whether `address` lies inside the span but in no region (`manages` false).
    public func isBetweenRegions(_ address: UInt, manages: (UInt) -> Bool) -> Bool {
        guard let range, range.contains(address) else { return false }
        return !manages(address)
    }
}
