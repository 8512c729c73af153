/// A truth value computed by a kernel: `Bool` when the kernel runs in an
/// allocator, a symbolic Z3 boolean when `allocators-verify` proves it.
///
/// Kernels combine conditions with `&&`, `||` and `!` (both sides are always
/// evaluated, which a symbolic condition needs) and branch only through
/// `select(_:_:_:)`, so the same source runs concretely and symbolically.
public protocol KernelCondition {
    /// A constant condition.
    init(constant: Bool)
    /// Logical and.
    static func conjunction(_ lhs: Self, _ rhs: Self) -> Self
    /// Logical or.
    static func disjunction(_ lhs: Self, _ rhs: Self) -> Self
    /// Logical not.
    static func negation(_ value: Self) -> Self
}

extension KernelCondition {
    @inlinable @inline(__always)
    public static func && (lhs: Self, rhs: Self) -> Self { conjunction(lhs, rhs) }

    @inlinable @inline(__always)
    public static func || (lhs: Self, rhs: Self) -> Self { disjunction(lhs, rhs) }

    @inlinable @inline(__always)
    public static prefix func ! (value: Self) -> Self { negation(value) }
}

extension Bool: KernelCondition {
    @inlinable @inline(__always)
    public init(constant: Bool) { self = constant }

    @inlinable @inline(__always)
    public static func conjunction(_ lhs: Bool, _ rhs: Bool) -> Bool { lhs && rhs }

    @inlinable @inline(__always)
    public static func disjunction(_ lhs: Bool, _ rhs: Bool) -> Bool { lhs || rhs }

    @inlinable @inline(__always)
    public static func negation(_ value: Bool) -> Bool { !value }
}
