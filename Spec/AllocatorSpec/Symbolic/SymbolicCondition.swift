import Allocators

/// A boolean that is either a known constant or a Z3 term.
///
/// Constants fold without a context, so kernels with constant inputs build no
/// terms; a term remembers its context, and mixing the two puts the constant
/// into that context.
public struct SymbolicCondition: KernelCondition {
    enum Storage {
        case constant(Bool)
        case term(Z3Context, RawTerm)
    }
    let storage: Storage

    init(_ storage: Storage) { self.storage = storage }

    public init(constant: Bool) { storage = .constant(constant) }

    /// A fresh boolean variable.
    public init(variable name: String, in context: Z3Context) {
        storage = .term(context, context.boolVariable(name))
    }

    /// The constant value, when the condition is one.
    public var constantValue: Bool? {
        if case .constant(let value) = storage { value } else { nil }
    }

    var context: Z3Context? {
        if case .term(let context, _) = storage { context } else { nil }
    }

    func term(in context: Z3Context) -> RawTerm {
        switch storage {
        case .constant(let value): context.boolConstant(value)
        case .term(_, let term): term
        }
    }

    static func connect(_ op: Z3Context.Connective, _ operands: [SymbolicCondition]) -> SymbolicCondition {
        guard let context = operands.lazy.compactMap(\.context).first else {
            let values = operands.map { $0.constantValue! }
            return SymbolicCondition(constant: op == .and ? !values.contains(false) : values.contains(true))
        }
        return SymbolicCondition(.term(context, context.connect(op, operands.map { $0.term(in: context) })))
    }

    public static func conjunction(_ lhs: SymbolicCondition, _ rhs: SymbolicCondition) -> SymbolicCondition {
        connect(.and, [lhs, rhs])
    }

    public static func disjunction(_ lhs: SymbolicCondition, _ rhs: SymbolicCondition) -> SymbolicCondition {
        connect(.or, [lhs, rhs])
    }

    public static func negation(_ value: SymbolicCondition) -> SymbolicCondition {
        switch value.storage {
        case .constant(let b): SymbolicCondition(constant: !b)
        case .term(let context, let term): SymbolicCondition(.term(context, context.not(term)))
        }
    }

    /// All of `conditions` (true for none).
    public static func all(_ conditions: [SymbolicCondition]) -> SymbolicCondition { connect(.and, conditions) }

    /// Any of `conditions` (false for none).
    public static func any(_ conditions: [SymbolicCondition]) -> SymbolicCondition { connect(.or, conditions) }

    /// `self` implies `other`.
    public func implies(_ other: SymbolicCondition) -> SymbolicCondition { !self || other }

    /// `self` holds exactly when `other` does.
    public func iff(_ other: SymbolicCondition) -> SymbolicCondition {
        (self && other) || (!self && !other)
    }
}
