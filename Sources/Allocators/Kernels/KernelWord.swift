/// The machine word the arithmetic kernels are written over.
///
/// `UInt` conforms in this module, where the kernels compile to plain integer
/// instructions after specialization; symbolic Z3 bit-vectors of 32 and 64
/// bits conform in `AllocatorSpec`, where `allocators-verify` runs the very
/// same kernel source to prove lemmas about it for every input at both
/// widths. A lemma about a kernel is therefore a lemma about the shipped code,
/// on 32-bit and on 64-bit targets.
///
/// Semantics every conformer shares (those of `UInt`):
/// - arithmetic wraps modulo 2^bitWidth (`&+`, `&-`, `&*`);
/// - shifts mask their amount to `bitWidth - 1` (`&<<`, `&>>`); the symbolic
///   word records "amount < bitWidth" as a proof obligation on the path where
///   the shift happens, so no kernel relies on the masking;
/// - `quotient` and `remainder` are unsigned; the symbolic word records
///   "divisor != 0" as an obligation;
/// - comparisons are unsigned.
public protocol KernelWord: ExpressibleByIntegerLiteral {
    associatedtype Condition: KernelCondition

    /// Bits in a word.
    static var bitWidth: Int { get }

    /// A word holding `word`'s value (wrapping to the width).
    init(word: UInt)

    static func &+ (lhs: Self, rhs: Self) -> Self
    static func &- (lhs: Self, rhs: Self) -> Self
    static func &* (lhs: Self, rhs: Self) -> Self
    static func & (lhs: Self, rhs: Self) -> Self
    static func | (lhs: Self, rhs: Self) -> Self
    static func ^ (lhs: Self, rhs: Self) -> Self
    static prefix func ~ (value: Self) -> Self
    static func &<< (lhs: Self, rhs: Self) -> Self
    static func &>> (lhs: Self, rhs: Self) -> Self

    /// Unsigned division; the divisor must be non-zero.
    static func quotient(_ lhs: Self, _ rhs: Self) -> Self
    /// Unsigned remainder; the divisor must be non-zero.
    static func remainder(_ lhs: Self, _ rhs: Self) -> Self

    static func == (lhs: Self, rhs: Self) -> Condition
    static func != (lhs: Self, rhs: Self) -> Condition
    static func < (lhs: Self, rhs: Self) -> Condition
    static func <= (lhs: Self, rhs: Self) -> Condition
    static func > (lhs: Self, rhs: Self) -> Condition
    static func >= (lhs: Self, rhs: Self) -> Condition

    /// Number of zero bits above the highest set bit (`bitWidth` for 0).
    var leadingZeros: Self { get }
    /// Number of zero bits below the lowest set bit (`bitWidth` for 0).
    var trailingZeros: Self { get }

    /// `condition ? whenTrue : whenFalse`, the kernels' only branch.
    ///
    /// Concretely it evaluates one side; symbolically it evaluates both, each
    /// under its path condition, and builds an if-then-else term.
    static func select(
        _ condition: Condition,
        _ whenTrue: @autoclosure () -> Self,
        _ whenFalse: @autoclosure () -> Self
    ) -> Self
}

/// `condition ? whenTrue : whenFalse` for kernel words.
@inlinable @inline(__always)
public func select<W: KernelWord>(
    _ condition: W.Condition,
    _ whenTrue: @autoclosure () -> W,
    _ whenFalse: @autoclosure () -> W
) -> W {
    W.select(condition, whenTrue(), whenFalse())
}
