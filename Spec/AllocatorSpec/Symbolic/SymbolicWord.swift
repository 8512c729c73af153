import Allocators

/// A `bits`-wide word that is either a known constant or a Z3 bit-vector
/// term: the `KernelWord` the proofs run the shipped kernels on, at the width
/// of the target (`SymbolicWord<64>` for 64-bit targets, `SymbolicWord<32>`
/// for the 32-bit Embedded ones).
///
/// Semantics match `UInt32`/`UInt64`: wrapping arithmetic, unsigned
/// comparisons, shift amounts masked to `bits - 1`. Constants fold with the
/// same masking, so a kernel with constant inputs builds no terms. Each shift
/// records the obligation "amount < bits" and each division "divisor != 0",
/// under the path conditions of the `select` branches it is evaluated in; the
/// prover proves them with every lemma, so no kernel depends on masking or on
/// division by zero.
///
/// `bits` is a power of two from 8 to 64 (the count-zeros encodings halve it).
public struct SymbolicWord<let bits: Int>: KernelWord {
    public typealias Condition = SymbolicCondition

    enum Storage {
        /// Always within the width (masked).
        case constant(UInt64)
        case term(Z3Context, RawTerm)
    }
    let storage: Storage

    init(_ storage: Storage) { self.storage = storage }

    public static var bitWidth: Int { bits }

    /// The width's bits set: `2^bits - 1` as a `UInt64`.
    static var mask: UInt64 { bits >= 64 ? .max : (1 << UInt64(bits)) &- 1 }

    /// A constant. Traps when `value` does not fit the width: a lemma
    /// constant must be derived from the width (`.width`, `.topBit`,
    /// `power(_:)`), not written for one width.
    public init(integerLiteral value: UInt64) {
        precondition(value & ~Self.mask == 0, "constant \(value) does not fit \(bits) bits: derive it from the width")
        storage = .constant(value)
    }

    /// A constant holding `word`'s value wrapped to the width (the
    /// `KernelWord` conversion the kernels use).
    public init(word: UInt) { storage = .constant(UInt64(word) & Self.mask) }

    /// A fresh variable, reported by name in counterexamples.
    public init(variable name: String, in context: Z3Context) {
        storage = .term(context, context.wordVariable(name, bits: bits))
    }

    /// The constant value, when the word is one.
    public var constantValue: UInt64? {
        if case .constant(let value) = storage { value } else { nil }
    }

    var context: Z3Context? {
        if case .term(let context, _) = storage { context } else { nil }
    }

    func term(in context: Z3Context) -> RawTerm {
        switch storage {
        case .constant(let value): context.wordConstant(value, bits: bits)
        case .term(_, let term): term
        }
    }

    /// The value of this word once the given variables take the given values,
    /// computed by Z3 (not by constant folding): the symbolic twin of a
    /// concrete kernel call.
    public func evaluate(_ bindings: [(SymbolicWord, UInt64)]) -> UInt64? {
        guard let context else { return constantValue }
        return context.evaluate(term(in: context), bindings: bindings.map { ($0.0.term(in: context), $0.1) })
    }

    static func apply(
        _ op: Z3Context.WordOperation, _ lhs: SymbolicWord, _ rhs: SymbolicWord,
        folding fold: (UInt64, UInt64) -> UInt64
    ) -> SymbolicWord {
        if let a = lhs.constantValue, let b = rhs.constantValue { return SymbolicWord(.constant(fold(a, b) & mask)) }
        let context = (lhs.context ?? rhs.context)!
        return SymbolicWord(.term(context, context.apply(op, lhs.term(in: context), rhs.term(in: context))))
    }

    static func compare(
        _ op: Z3Context.Comparison, _ lhs: SymbolicWord, _ rhs: SymbolicWord,
        folding fold: (UInt64, UInt64) -> Bool
    ) -> SymbolicCondition {
        if let a = lhs.constantValue, let b = rhs.constantValue { return SymbolicCondition(constant: fold(a, b)) }
        let context = (lhs.context ?? rhs.context)!
        return SymbolicCondition(.term(context, context.compare(op, lhs.term(in: context), rhs.term(in: context))))
    }

    /// Records `condition` as an obligation under the current path.
    static func oblige(_ condition: SymbolicCondition, _ what: String, context: Z3Context?) {
        if let value = condition.constantValue, value { return }
        guard let context = context ?? condition.context else {
            // Both operands are constants and the condition fails: a kernel
            // computed an out-of-range constant. That is a bug on any path.
            preconditionFailure("kernel obligation violated by constants: \(what)")
        }
        context.obligations.append(Obligation(what: what, path: context.pathConditions, condition: condition))
    }

    public static func &+ (lhs: Self, rhs: Self) -> Self { apply(.add, lhs, rhs, folding: &+) }
    public static func &- (lhs: Self, rhs: Self) -> Self { apply(.sub, lhs, rhs, folding: &-) }
    public static func &* (lhs: Self, rhs: Self) -> Self { apply(.mul, lhs, rhs, folding: &*) }
    public static func & (lhs: Self, rhs: Self) -> Self { apply(.and, lhs, rhs, folding: &) }
    public static func | (lhs: Self, rhs: Self) -> Self { apply(.or, lhs, rhs, folding: |) }
    public static func ^ (lhs: Self, rhs: Self) -> Self { apply(.xor, lhs, rhs, folding: ^) }

    public static prefix func ~ (value: Self) -> Self {
        switch value.storage {
        case .constant(let v): SymbolicWord(.constant(~v & mask))
        case .term(let context, let term): SymbolicWord(.term(context, context.bitNot(term)))
        }
    }

    /// The shift amount as Swift's `&<<` and `&>>` use it: masked to `bits - 1`.
    static func maskedAmount(_ amount: Self) -> Self { amount & Self(integerLiteral: UInt64(bits - 1)) }

    public static func &<< (lhs: Self, rhs: Self) -> Self {
        oblige(rhs < Self.width, "shift amount < \(bits) in <<", context: lhs.context ?? rhs.context)
        return maskingShiftLeft(lhs, rhs)
    }

    public static func &>> (lhs: Self, rhs: Self) -> Self {
        oblige(rhs < Self.width, "shift amount < \(bits) in >>", context: lhs.context ?? rhs.context)
        return maskingShiftRight(lhs, rhs)
    }

    /// Swift's `&<<` as the CPU computes it, the amount masked to `bits - 1`,
    /// with no obligation recorded: for negative lemmas that state what code
    /// lacking a guard computes (`1 &<< bits` is 1, not 0). Kernels use `&<<`.
    public static func maskingShiftLeft(_ lhs: Self, _ rhs: Self) -> Self {
        apply(.shl, lhs, maskedAmount(rhs)) { $0 << ($1 & UInt64(bits - 1)) }
    }

    /// Swift's `&>>` as the CPU computes it, with no obligation recorded (see
    /// `maskingShiftLeft`).
    public static func maskingShiftRight(_ lhs: Self, _ rhs: Self) -> Self {
        apply(.lshr, lhs, maskedAmount(rhs)) { $0 >> ($1 & UInt64(bits - 1)) }
    }

    public static func quotient(_ lhs: Self, _ rhs: Self) -> Self {
        oblige(rhs != 0, "divisor != 0 in quotient", context: lhs.context ?? rhs.context)
        return apply(.udiv, lhs, rhs) { $1 == 0 ? mask : $0 / $1 }
    }

    public static func remainder(_ lhs: Self, _ rhs: Self) -> Self {
        oblige(rhs != 0, "divisor != 0 in remainder", context: lhs.context ?? rhs.context)
        return apply(.urem, lhs, rhs) { $1 == 0 ? $0 : $0 % $1 }
    }

    public static func == (lhs: Self, rhs: Self) -> SymbolicCondition { compare(.eq, lhs, rhs, folding: ==) }
    public static func != (lhs: Self, rhs: Self) -> SymbolicCondition { !(lhs == rhs) }
    public static func < (lhs: Self, rhs: Self) -> SymbolicCondition { compare(.ult, lhs, rhs, folding: <) }
    public static func <= (lhs: Self, rhs: Self) -> SymbolicCondition { compare(.ule, lhs, rhs, folding: <=) }
    public static func > (lhs: Self, rhs: Self) -> SymbolicCondition { rhs < lhs }
    public static func >= (lhs: Self, rhs: Self) -> SymbolicCondition { rhs <= lhs }

    public var leadingZeros: Self { countZeros(fromTop: true) }
    public var trailingZeros: Self { countZeros(fromTop: false) }

    public static func select(
        _ condition: SymbolicCondition,
        _ whenTrue: @autoclosure () -> Self,
        _ whenFalse: @autoclosure () -> Self
    ) -> Self {
        guard case .term(let context, let c) = condition.storage else {
            return condition.constantValue! ? whenTrue() : whenFalse()
        }
        context.pathConditions.append(condition)
        let a = whenTrue()
        context.pathConditions[context.pathConditions.count - 1] = !condition
        let b = whenFalse()
        context.pathConditions.removeLast()
        if let x = a.constantValue, let y = b.constantValue, x == y { return a }
        return SymbolicWord(.term(context, context.ifThenElse(c, a.term(in: context), b.term(in: context))))
    }
}
