extension Kernels {
    /// Whether `x` is a power of two: exactly one bit set (0 is not).
    @inlinable @inline(__always)
    public static func isPowerOfTwo<W: KernelWord>(_ x: W) -> W.Condition {
        x != 0 && (x & (x &- 1)) == 0
    }

    /// Whether `x` is a multiple of `alignment`.
    ///
    /// - Precondition: `alignment` is a power of two.
    @inlinable @inline(__always)
    public static func isAligned<W: KernelWord>(_ x: W, to alignment: W) -> W.Condition {
        (x & (alignment &- 1)) == 0
    }

    /// The largest multiple of `alignment` that is at most `x`.
    ///
    /// - Precondition: `alignment` is a power of two.
    @inlinable @inline(__always)
    public static func alignDown<W: KernelWord>(_ x: W, to alignment: W) -> W {
        x & ~(alignment &- 1)
    }

    /// `x` rounded up to a multiple of `alignment`, with no overflow guard:
    /// for `x > W.max - (alignment - 1)` it wraps to 0. Use `alignUp(_:to:)`
    /// unless the caller has already ruled that out.
    ///
    /// - Precondition: `alignment` is a power of two.
    @inlinable @inline(__always)
    public static func alignUpUnchecked<W: KernelWord>(_ x: W, to alignment: W) -> W {
        (x &+ (alignment &- 1)) & ~(alignment &- 1)
    }

    /// Whether rounding `x` up to a multiple of `alignment` leaves the word:
    /// true exactly when no multiple of `alignment` at least `x` fits.
    ///
    /// - Precondition: `alignment` is a power of two.
    @inlinable @inline(__always)
    public static func alignUpOverflows<W: KernelWord>(_ x: W, to alignment: W) -> W.Condition {
        x > ~(alignment &- 1)
    }

    /// `x` rounded up to a multiple of `alignment`, guarded: `overflow` is true
    /// (and `value` is 0) when the rounded value does not fit in a word.
    ///
    /// - Precondition: `alignment` is a power of two.
    @inlinable @inline(__always)
    public static func alignUp<W: KernelWord>(_ x: W, to alignment: W) -> (value: W, overflow: W.Condition) {
        let overflow = alignUpOverflows(x, to: alignment)
        return (select(overflow, 0, alignUpUnchecked(x, to: alignment)), overflow)
    }
}
