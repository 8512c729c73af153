import Allocators

/// Inputs that a solver found, by variable name.
public struct Counterexample: Sendable, CustomStringConvertible {
    public let inputs: [Input]

    public struct Input: Sendable {
        public let name: String
        public let value: UInt64
    }

    /// The value of input `name`, if the lemma has one.
    public func value(of name: String) -> UInt64? { inputs.first { $0.name == name }?.value }

    public var description: String { inputs.map { "\($0.name)=\($0.value)" }.joined(separator: ", ") }
}

/// What the solver said about "the assumptions imply the claim and every
/// obligation" (the query of a lemma that holds).
public enum ProofOutcome {
    /// No input satisfying the assumptions breaks the claim or an obligation.
    case proved
    /// Inputs that break `failing` (the claim, or an obligation's description).
    case counterexample(Counterexample, failing: String)
    /// The solver gave up (a timeout counts as this).
    case unknown(reason: String)
    /// Z3 reported an error while the lemma was built or checked.
    case error(String)
}

/// The runner's judgement of a lemma against its expectation.
public enum LemmaVerdict: Sendable {
    /// A lemma that holds: proved, its assumptions satisfiable.
    case proved
    /// A negative lemma (or a mutant): a counterexample to its claim with
    /// every obligation holding.
    case refuted(Counterexample)
    /// The assumptions cannot hold together: the claim would be "proved" of
    /// nothing. Always a failure.
    case vacuous
    /// Anything else; always a failure.
    case failed(LemmaFailure)

    /// Whether the verdict is the one the lemma's expectation asks for.
    public var isSuccess: Bool {
        switch self {
        case .proved, .refuted: true
        case .vacuous, .failed: false
        }
    }
}

/// Why a lemma failed.
public enum LemmaFailure: Sendable, Equatable {
    /// A lemma that should hold does not: `breaks` is "claim" or an obligation.
    case counterexample(String, breaks: String)
    /// A negative lemma whose claim holds whenever every obligation does: only
    /// the named obligation fails, which refutes nothing the lemma claims.
    case refutedOnlyByObligation(String, counterexample: String)
    /// A negative lemma (or a mutant) whose claim holds: the solver, the
    /// lemma or the planted bug is broken.
    case negativeLemmaHolds
    /// The solver gave up (timeout or incompleteness).
    case unknown(String)
    /// Z3 reported an error.
    case error(String)
}

/// A lemma's statement built in a fresh context: the claim, the assumptions
/// and the obligations the kernels recorded on their way.
struct BuiltLemma {
    let context: Z3Context
    let claim: SymbolicCondition
    let assumptions: [SymbolicCondition]
    let obligations: [Obligation]

    /// The values of every input in the solver's last model.
    func counterexample(_ solver: Solver) -> Counterexample {
        Counterexample(inputs: context.variables.map { variable in
            Counterexample.Input(name: variable.name, value: solver.value(ofVariable: variable.term) ?? 0)
        })
    }

    /// A solver holding the assumptions and `conditions`.
    func solver(asserting conditions: [SymbolicCondition], timeoutMilliseconds: UInt32) -> Solver {
        let solver = Solver(context: context, timeoutMilliseconds: timeoutMilliseconds)
        for condition in assumptions + conditions { solver.assert(condition) }
        return solver
    }

    /// The first obligation the solver's last model breaks.
    func brokenObligation(_ solver: Solver) -> Obligation? {
        obligations.first { solver.value(of: $0.requirement) == false }
    }
}

extension Lemma {
    func build() -> BuiltLemma {
        let context = Z3Context()
        let scope = ProofScope<bits>(context: context)
        let claim = statement(scope)
        return BuiltLemma(context: context, claim: claim, assumptions: scope.assumptions, obligations: context.obligations)
    }

    /// The query of a lemma that holds: the assumptions imply the claim and
    /// every obligation. Each call uses a fresh Z3 context;
    /// `timeoutMilliseconds` bounds the check.
    public func prove(timeoutMilliseconds: UInt32) -> ProofOutcome {
        Self.prove(build(), timeoutMilliseconds: timeoutMilliseconds)
    }

    static func prove(_ lemma: BuiltLemma, timeoutMilliseconds: UInt32) -> ProofOutcome {
        let solver = lemma.solver(
            asserting: [!SymbolicCondition.all([lemma.claim] + lemma.obligations.map(\.requirement))],
            timeoutMilliseconds: timeoutMilliseconds)
        let result = solver.check()
        if let error = lemma.context.firstError { return .error(error) }
        switch result {
        case .unsatisfiable:
            return .proved
        case .unknown(let reason):
            return .unknown(reason: reason)
        case .satisfiable:
            var failing = "claim"
            if solver.value(of: lemma.claim) != false, let broken = lemma.brokenObligation(solver) { failing = broken.what }
            return .counterexample(lemma.counterexample(solver), failing: failing)
        }
    }

    /// Judges the lemma as the runner does, in a fresh Z3 context:
    /// 1. its assumptions must be satisfiable together, else `vacuous`;
    /// 2. a lemma that holds must be proved (claim and obligations);
    /// 3. a negative lemma must have a counterexample to its claim in which
    ///    every obligation holds; one that only an obligation refutes fails
    ///    with `refutedOnlyByObligation`, naming it.
    /// Each query gets a solver of its own (so each runs Z3's one-shot
    /// bit-vector solver) and `timeoutMilliseconds`; unknown fails.
    public func verdict(timeoutMilliseconds: UInt32) -> LemmaVerdict {
        let lemma = build()
        func failure(_ result: SatisfiabilityResult, _ what: String) -> LemmaVerdict? {
            if let error = lemma.context.firstError { return .failed(.error(error)) }
            if case .unknown(let reason) = result { return .failed(.unknown("\(what): \(reason)")) }
            return nil
        }
        let assumptions = lemma.solver(asserting: [], timeoutMilliseconds: timeoutMilliseconds).check()
        if let failed = failure(assumptions, "checking the assumptions") { return failed }
        if assumptions == .unsatisfiable { return .vacuous }

        switch expectation {
        case .holds:
            switch Self.prove(lemma, timeoutMilliseconds: timeoutMilliseconds) {
            case .proved: return .proved
            case .counterexample(let inputs, let failing): return .failed(.counterexample(inputs.description, breaks: failing))
            case .unknown(let reason): return .failed(.unknown(reason))
            case .error(let message): return .failed(.error(message))
            }
        case .refuted:
            let requirements = lemma.obligations.map(\.requirement)
            let refutation = lemma.solver(asserting: requirements + [!lemma.claim], timeoutMilliseconds: timeoutMilliseconds)
            let result = refutation.check()
            if let failed = failure(result, "refuting the claim") { return failed }
            if result == .satisfiable { return .refuted(lemma.counterexample(refutation)) }
            // The claim holds wherever the obligations do: say which obligation, if any, fails.
            let obligations = lemma.solver(asserting: [!SymbolicCondition.all(requirements)], timeoutMilliseconds: timeoutMilliseconds)
            let broken = obligations.check()
            if let failed = failure(broken, "looking for a failing obligation") { return failed }
            if broken == .satisfiable, let obligation = lemma.brokenObligation(obligations) {
                return .failed(.refutedOnlyByObligation(obligation.what, counterexample: lemma.counterexample(obligations).description))
            }
            return .failed(.negativeLemmaHolds)
        }
    }
}
