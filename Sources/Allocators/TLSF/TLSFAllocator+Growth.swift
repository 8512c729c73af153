#if TLSF
extension TLSFAllocator: GrowableByteAllocator {
    /// `requiredGap` (a free block that large serves the request: the TLSF
    /// completeness lemmas) plus what a pool loses around its one free block:
    /// less than G of alignment at each end and the 2G-byte sentinel; for the
    /// region given to `initialize`, the control structure too. Evidence:
    /// `GlobalAllocatorTests.aFreshRegionOfTheStatedSizeServesTheRequest`.
    @inlinable
    public static func regionSize(serving byteCount: Int, alignment: Int, initial: Bool) -> Int? {
        guard let gap = requiredGap(byteCount: byteCount, alignment: alignment) else { return nil }
        let overhead = UInt(bitPattern: 4 &* granularity &+ (initial ? controlBytes &+ granularity : 0))
        guard gap <= UInt(bitPattern: Int.max) &- overhead else { return nil }
        return Int(bitPattern: gap &+ overhead)
    }
}
#endif
