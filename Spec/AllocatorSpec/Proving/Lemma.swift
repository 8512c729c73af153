import Allocators

/// A statement about kernels, proved by Z3 for every input.
///
/// The statement builds its inputs as fresh variables, states its assumptions
/// (the kernels' documented preconditions) and returns the claim. A negative
/// lemma is deliberately false: the solver must find a counterexample, which
/// shows the guard it lacks matters and that the solver is live.
public struct Lemma: Sendable {
    public enum Expectation: Sendable {
        /// The claim holds for every input satisfying the assumptions.
        case holds
        /// The claim is false for some input; a counterexample is required.
        case refuted
    }

    public let name: String
    /// Names of the kernels (from `KernelCatalog`) this lemma is about.
    public let covers: [String]
    public let expectation: Expectation
    public let statement: @Sendable (ProofScope) -> SymbolicCondition

    public init(
        _ name: String,
        covers: [String],
        expect expectation: Expectation = .holds,
        statement: @escaping @Sendable (ProofScope) -> SymbolicCondition
    ) {
        self.name = name
        self.covers = covers
        self.expectation = expectation
        self.statement = statement
    }
}

/// Where a lemma's statement declares its inputs and assumptions.
public final class ProofScope {
    public let context: Z3Context
    public private(set) var assumptions: [SymbolicCondition] = []

    public init(context: Z3Context) { self.context = context }

    /// A fresh 64-bit input named `name`.
    public func word(_ name: String) -> SymbolicWord { SymbolicWord(variable: name, in: context) }

    /// Restricts the inputs to those satisfying `condition`.
    public func assume(_ condition: SymbolicCondition) { assumptions.append(condition) }

    /// Restricts `word` to a power of two.
    public func assumePowerOfTwo(_ word: SymbolicWord) { assume(Kernels.isPowerOfTwo(word)) }
}
