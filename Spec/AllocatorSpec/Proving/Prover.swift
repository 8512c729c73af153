import Allocators

/// What the solver said about a lemma.
public enum ProofOutcome {
    /// No input satisfying the assumptions breaks the claim or an obligation.
    case proved
    /// Inputs that break `failing` (the claim, or an obligation's description).
    case counterexample(inputs: [(name: String, value: UInt64)], failing: String)
    /// The solver gave up (a timeout counts as this).
    case unknown(reason: String)
    /// Z3 reported an error while the lemma was built or checked.
    case error(String)
}

extension Lemma {
    /// Proves the lemma: assumptions imply the claim and every obligation the
    /// kernels recorded on their way. `timeoutMilliseconds` bounds the check.
    public func prove(timeoutMilliseconds: UInt32) -> ProofOutcome {
        let context = Z3Context()
        let scope = ProofScope(context: context)
        let claim = statement(scope)
        let obligations = context.obligations
        let solver = Solver(context: context, timeoutMilliseconds: timeoutMilliseconds)
        for assumption in scope.assumptions { solver.assert(assumption) }
        solver.assert(!SymbolicCondition.all([claim] + obligations.map(\.requirement)))
        let result = solver.check()
        if let error = context.firstError { return .error(error) }
        switch result {
        case .unsatisfiable:
            return .proved
        case .unknown(let reason):
            return .unknown(reason: reason)
        case .satisfiable:
            let inputs = context.variables.map { variable in
                (name: variable.name, value: solver.value(of: SymbolicWord(.term(context, variable.term))) ?? 0)
            }
            var failing = "claim"
            if solver.value(of: claim) != false,
               let broken = obligations.first(where: { solver.value(of: $0.requirement) == false }) {
                failing = broken.what
            }
            return .counterexample(inputs: inputs, failing: failing)
        }
    }
}
