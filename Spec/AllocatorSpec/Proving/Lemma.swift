import Allocators

/// What a lemma's statement is expected to do.
public enum LemmaExpectation: Sendable {
    /// The claim and every obligation hold for every input satisfying the assumptions.
    case holds
    /// A negative lemma: some input satisfying the assumptions, with every
    /// obligation holding, breaks the claim; the solver must find one.
    case refuted
}

/// A statement about kernels at word width `bits`, proved by Z3 for every input.
///
/// The statement builds its inputs as fresh variables, states its assumptions
/// (the kernels' documented preconditions) and returns the claim. A negative
/// lemma is deliberately false: the solver must find a counterexample to its
/// claim, which shows the guard it lacks matters and that the solver is live.
/// Lemmas are written once for every width (see `Proofs/LemmaCatalog.swift`)
/// and run at 32 and at 64 bits.
public struct Lemma<let bits: Int>: Sendable {
    public let name: String
    /// Names of the kernels (from `KernelCatalog`) this lemma is about.
    public let covers: [String]
    public let expectation: LemmaExpectation
    /// For a lemma run on a planted kernel bug: what the bug is (see `mutant(_:)`).
    public let mutation: String?
    public let statement: @Sendable (ProofScope<bits>) -> SymbolicCondition

    public init(
        _ name: String,
        covers: [String],
        expect expectation: LemmaExpectation = .holds,
        statement: @escaping @Sendable (ProofScope<bits>) -> SymbolicCondition
    ) {
        self.init(name: name, covers: covers, expectation: expectation, mutation: nil, statement: statement)
    }

    init(
        name: String, covers: [String], expectation: LemmaExpectation, mutation: String?,
        statement: @escaping @Sendable (ProofScope<bits>) -> SymbolicCondition
    ) {
        self.name = name
        self.covers = covers
        self.expectation = expectation
        self.mutation = mutation
        self.statement = statement
    }

    /// This lemma, built over a deliberately broken copy of a kernel, as the
    /// check that catches the bug: it must be refuted (a counterexample to its
    /// claim), and it covers no kernel. `mutation` names the planted bug.
    public func mutant(_ mutation: String) -> Lemma {
        Lemma(name: "\(name) on \(mutation)", covers: [], expectation: .refuted, mutation: mutation, statement: statement)
    }
}

/// Where a lemma's statement declares its inputs and assumptions, at word width `bits`.
public final class ProofScope<let bits: Int> {
    public let context: Z3Context
    public private(set) var assumptions: [SymbolicCondition] = []

    public init(context: Z3Context) { self.context = context }

    /// A fresh `bits`-wide input named `name`.
    public func word(_ name: String) -> SymbolicWord<bits> { SymbolicWord(variable: name, in: context) }

    /// Restricts the inputs to those satisfying `condition`.
    public func assume(_ condition: SymbolicCondition) { assumptions.append(condition) }

    /// Restricts `word` to a power of two.
    public func assumePowerOfTwo(_ word: SymbolicWord<bits>) { assume(Kernels.isPowerOfTwo(word)) }
}
