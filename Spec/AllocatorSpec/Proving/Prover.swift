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

/// How much a solver query may cost before it counts as unknown.
public struct ProofLimits: Sendable {
    /// Z3's resource units per query (`rlimit`): deterministic, so a lemma
    /// proved on an idle machine is proved on a loaded one; 0: none.
    public var resourceLimit: UInt32
    /// Wall-clock milliseconds per query, a backstop; 0: none.
    public var timeoutMilliseconds: UInt32

    public init(resourceLimit: UInt32 = 0, timeoutMilliseconds: UInt32 = 0) {
        self.resourceLimit = resourceLimit
        self.timeoutMilliseconds = timeoutMilliseconds
    }
}

/// A lemma's statement built in a fresh context: the claim, the assumptions
/// and the obligations the kernels recorded on their way, and the resources
/// its queries have used.
final class BuiltLemma {
    let context: Z3Context
    let claim: SymbolicCondition
    let assumptions: [SymbolicCondition]
    let obligations: [Obligation]
    let limits: ProofLimits
    private(set) var resourcesUsed: UInt64 = 0

    init(context: Z3Context, claim: SymbolicCondition, assumptions: [SymbolicCondition], obligations: [Obligation], limits: ProofLimits) {
        self.context = context
        self.claim = claim
        self.assumptions = assumptions
        self.obligations = obligations
        self.limits = limits
    }

    /// The values of every input in the solver's last model.
    func counterexample(_ solver: Solver) -> Counterexample {
        Counterexample(inputs: context.variables.map { variable in
            Counterexample.Input(name: variable.name, value: solver.value(ofVariable: variable.term) ?? 0)
        })
    }

    /// Checks the assumptions and `conditions` together, in a solver of its
    /// own (so each query runs Z3's one-shot bit-vector solver).
    func check(_ conditions: [SymbolicCondition]) -> (result: SatisfiabilityResult, solver: Solver) {
        let solver = Solver(context: context, timeoutMilliseconds: limits.timeoutMilliseconds, resourceLimit: limits.resourceLimit)
        for condition in assumptions + conditions { solver.assert(condition) }
        let result = solver.check()
        resourcesUsed += solver.resourcesUsed
        return (result, solver)
    }

    /// The first obligation the solver's last model breaks.
    func brokenObligation(_ solver: Solver) -> Obligation? {
        obligations.first { solver.value(of: $0.requirement) == false }
    }

    /// The query of a lemma that holds: the assumptions imply the claim and every obligation.
    func prove() -> ProofOutcome {
        let (result, solver) = check([!SymbolicCondition.all([claim] + obligations.map(\.requirement))])
        if let error = context.firstError { return .error(error) }
        switch result {
        case .unsatisfiable:
            return .proved
        case .unknown(let reason):
            return .unknown(reason: reason)
        case .satisfiable:
            var failing = "claim"
            if solver.value(of: claim) != false, let broken = brokenObligation(solver) { failing = broken.what }
            return .counterexample(counterexample(solver), failing: failing)
        }
    }
}

extension Lemma {
    func build(_ limits: ProofLimits) -> BuiltLemma {
        let context = Z3Context()
        let scope = ProofScope<bits>(context: context)
        let claim = statement(scope)
        return BuiltLemma(context: context, claim: claim, assumptions: scope.assumptions, obligations: context.obligations, limits: limits)
    }

    /// The query of a lemma that holds: the assumptions imply the claim and
    /// every obligation, in a fresh Z3 context; `timeoutMilliseconds` bounds
    /// the check.
    public func prove(timeoutMilliseconds: UInt32) -> ProofOutcome {
        build(ProofLimits(timeoutMilliseconds: timeoutMilliseconds)).prove()
    }

    /// Judges the lemma as the runner does, in a fresh Z3 context:
    /// 1. its assumptions must be satisfiable together, else `vacuous`;
    /// 2. a lemma that holds must be proved (claim and obligations);
    /// 3. a negative lemma must have a counterexample to its claim in which
    ///    every obligation holds; one that only an obligation refutes fails
    ///    with `refutedOnlyByObligation`, naming it.
    /// Each query is bounded by `limits`; unknown fails.
    public func verdict(_ limits: ProofLimits) -> LemmaVerdict { judged(limits).verdict }

    /// `verdict(_:)`'s judgement and the Z3 resources its queries used.
    public func judged(_ limits: ProofLimits) -> (verdict: LemmaVerdict, resources: UInt64) {
        let lemma = build(limits)
        return (Self.judge(lemma, expectation), lemma.resourcesUsed)
    }

    static func judge(_ lemma: BuiltLemma, _ expectation: LemmaExpectation) -> LemmaVerdict {
        func failure(_ result: SatisfiabilityResult, _ what: String) -> LemmaVerdict? {
            if let error = lemma.context.firstError { return .failed(.error(error)) }
            if case .unknown(let reason) = result { return .failed(.unknown("\(what): \(reason)")) }
            return nil
        }
        let assumptions = lemma.check([]).result
        if let failed = failure(assumptions, "checking the assumptions") { return failed }
        if assumptions == .unsatisfiable { return .vacuous }

        switch expectation {
        case .holds:
            switch lemma.prove() {
            case .proved: return .proved
            case .counterexample(let inputs, let failing): return .failed(.counterexample(inputs.description, breaks: failing))
            case .unknown(let reason): return .failed(.unknown(reason))
            case .error(let message): return .failed(.error(message))
            }
        case .refuted:
            let requirements = lemma.obligations.map(\.requirement)
            let refutation = lemma.check(requirements + [!lemma.claim])
            if let failed = failure(refutation.result, "refuting the claim") { return failed }
            if refutation.result == .satisfiable { return .refuted(lemma.counterexample(refutation.solver)) }
            // The claim holds wherever the obligations do: say which obligation, if any, fails.
            let broken = lemma.check([!SymbolicCondition.all(requirements)])
            if let failed = failure(broken.result, "looking for a failing obligation") { return failed }
            if broken.result == .satisfiable, let obligation = lemma.brokenObligation(broken.solver) {
                return .failed(.refutedOnlyByObligation(obligation.what, counterexample: lemma.counterexample(broken.solver).description))
            }
            return .failed(.negativeLemmaHolds)
        }
    }
}
