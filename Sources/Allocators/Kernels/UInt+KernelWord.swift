extension UInt: KernelWord {
    public typealias Condition = Bool

    @inlinable @inline(__always)
    public init(word: UInt) { self = word }

    @inlinable @inline(__always)
    public static func quotient(_ lhs: UInt, _ rhs: UInt) -> UInt { lhs / rhs }

    @inlinable @inline(__always)
    public static func remainder(_ lhs: UInt, _ rhs: UInt) -> UInt { lhs % rhs }

    @inlinable @inline(__always)
    public var leadingZeros: UInt { UInt(truncatingIfNeeded: leadingZeroBitCount) }

    @inlinable @inline(__always)
    public var trailingZeros: UInt { UInt(truncatingIfNeeded: trailingZeroBitCount) }

    @inlinable @inline(__always)
    public static func select(
        _ condition: Bool,
        _ whenTrue: @autoclosure () -> UInt,
        _ whenFalse: @autoclosure () -> UInt
    ) -> UInt {
        condition ? whenTrue() : whenFalse()
    }
}
