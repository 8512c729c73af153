import Allocators

/// The page model's verdicts as Z3 queries, incremental across steps.
///
/// Each live run gets an assumption literal `live_k` and the assertion
/// `live_k → witness run disjoint from it` once; a witness query passes the
/// literals of the runs live at that step, so nothing is re-asserted and Z3
/// keeps what it learned. Soundness asserts the negation of the claim about
/// the returned run in a push/pop scope: UNSAT means sound.
public final class PageModelSolver {
    let context = Z3Context()
    let solver: Solver
    /// The witness run of every query: its start and length.
    let start: SymbolicWord<64>
    let length: SymbolicWord<64>
    private var literals: [UInt: SymbolicCondition] = [:]
    private var queries = 0

    public init(timeoutMilliseconds: UInt32 = 10_000) {
        solver = Solver(context: context, timeoutMilliseconds: timeoutMilliseconds)
        start = SymbolicWord<64>(variable: "start", in: context)
        length = SymbolicWord<64>(variable: "length", in: context)
    }

    private func word(_ value: UInt) -> SymbolicWord<64> { SymbolicWord<64>(word: value) }

    /// `[s, s + n)` lies inside `region` (without wrapping).
    private func inside(_ s: SymbolicWord<64>, _ n: SymbolicWord<64>, _ region: Range<UInt>) -> SymbolicCondition {
        let lower = word(region.lowerBound), upper = word(region.upperBound)
        return lower <= s && n <= upper &- lower && s <= upper &- n
    }

    /// `[s, s + n)` is disjoint from `run` (given `inside`, no wrap).
    private func disjoint(_ s: SymbolicWord<64>, _ n: SymbolicWord<64>, _ run: Range<UInt>) -> SymbolicCondition {
        s &+ n <= word(run.lowerBound) || s >= word(run.upperBound)
    }

    /// Registers a run that became live.
    public func runBecameLive(_ run: Range<UInt>) {
        let literal = SymbolicCondition(variable: "live\(run.lowerBound)_\(queries)_\(literals.count)", in: context)
        queries += 1
        solver.assert(literal.implies(disjoint(start, length, run)))
        literals[run.lowerBound] = literal
    }

    /// Forgets a run that was freed (its literal is no longer assumed).
    public func runWasFreed(_ run: Range<UInt>) { literals[run.lowerBound] = nil }

    /// Checks the witness run under the live literals and `constraint`;
    /// the witness start when SAT.
    private func witness(_ model: PageModel, _ constraint: SymbolicCondition) -> (start: UInt?, unknown: String?) {
        let query = SymbolicCondition(variable: "query\(queries)", in: context)
        queries += 1
        solver.assert(query.implies(constraint))
        switch solver.check(assuming: [query] + model.live.compactMap { literals[$0.lowerBound] }) {
        case .unsatisfiable: return (nil, nil)
        case .satisfiable: return (solver.value(of: start).map { UInt($0) }, nil)
        case .unknown(let reason): return (nil, reason)
        }
    }

    private func aligned(_ count: Int, _ alignment: UInt, _ model: PageModel) -> SymbolicCondition {
        length == word(UInt(count)) && Kernels.isAligned(start, to: word(alignment))
            && SymbolicCondition.any(model.regions.map { inside(start, length, $0) })
    }

    /// Completeness: an aligned free run of `count` units (its start), or
    /// nil when Z3 proves none exists.
    public func freeRun(in model: PageModel, count: Int, alignment: UInt) -> (start: UInt?, unknown: String?) {
        witness(model, aligned(count, alignment, model))
    }

    /// First fit: an aligned free run of `count` units starting below
    /// `bound` (its start), or nil when Z3 proves none exists.
    public func freeRun(in model: PageModel, count: Int, alignment: UInt, below bound: UInt) -> (start: UInt?, unknown: String?) {
        witness(model, aligned(count, alignment, model) && start < word(bound))
    }

    /// Whether the `count` units at `unit` are managed and free (SAT).
    public func isFree(in model: PageModel, unit: UInt, count: Int) -> (free: Bool, unknown: String?) {
        let found = witness(model, start == word(unit) && aligned(count, 1, model))
        return (found.start != nil, found.unknown)
    }

    /// Soundness of a returned run: nil when the negation of "aligned,
    /// inside a region, disjoint from every live run" is UNSAT.
    public func soundnessViolation(in model: PageModel, start unit: UInt, count: Int, alignment: UInt) -> String? {
        let s = SymbolicWord<64>(variable: "result\(queries)", in: context)
        queries += 1
        let n = word(UInt(count))
        let claim = Kernels.isAligned(s, to: word(alignment))
            && SymbolicCondition.any(model.regions.map { inside(s, n, $0) })
            && SymbolicCondition.all(model.live.map { disjoint(s, n, $0) })
        solver.push()
        defer { solver.pop() }
        solver.assert(s == word(unit))
        solver.assert(!claim)
        switch solver.check() {
        case .unsatisfiable: return nil
        case .satisfiable: return "Z3: run at unit \(unit) of \(count), alignment \(alignment), breaks aligned/inside a region/disjoint from live runs"
        case .unknown(let reason): return "Z3 gave up on a soundness query: \(reason)"
        }
    }
}
