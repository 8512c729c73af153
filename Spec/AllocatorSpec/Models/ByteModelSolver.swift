import Allocators

/// The byte model's verdicts as Z3 queries, incremental across steps.
///
/// Each live block gets an assumption literal `live_k` and the assertion
/// `live_k → gap disjoint from extent_k` once; a completeness query passes the
/// literals of the blocks live at that step, so nothing is re-asserted and
/// Z3 keeps what it learned. Soundness queries assert the negation of the
/// claim about the returned block in a push/pop scope: UNSAT means sound.
public final class ByteModelSolver {
    let context = Z3Context()
    let solver: Solver
    /// The witness gap of completeness queries: start and length.
    let gapStart: SymbolicWord<64>
    let gapLength: SymbolicWord<64>
    private var literals: [UInt: SymbolicCondition] = [:]
    private var queries = 0

    public init(timeoutMilliseconds: UInt32 = 10_000) {
        solver = Solver(context: context, timeoutMilliseconds: timeoutMilliseconds)
        gapStart = SymbolicWord<64>(variable: "gap", in: context)
        gapLength = SymbolicWord<64>(variable: "need", in: context)
    }

    private func word(_ value: UInt) -> SymbolicWord<64> { SymbolicWord<64>(word: value) }

    /// `[start, start + length)` lies inside `pool` (no wrap: length ≤ pool size).
    private func inside(_ start: SymbolicWord<64>, _ length: SymbolicWord<64>, _ pool: Range<UInt>) -> SymbolicCondition {
        let lower = word(pool.lowerBound), upper = word(pool.upperBound)
        return lower <= start && length <= upper &- lower && start <= upper &- length
    }

    /// `[start, start + length)` is disjoint from `range` (given `inside`, no wrap).
    private func disjoint(_ start: SymbolicWord<64>, _ length: SymbolicWord<64>, _ range: Range<UInt>) -> SymbolicCondition {
        start &+ length <= word(range.lowerBound) || start >= word(range.upperBound)
    }

    /// Registers a block that became live.
    public func blockBecameLive(_ block: ByteModel.Block) {
        let literal = SymbolicCondition(variable: "live\(block.pointer)_\(literals.count)", in: context)
        solver.assert(literal.implies(disjoint(gapStart, gapLength, block.extent)))
        literals[block.pointer] = literal
    }

    /// Forgets a block that was freed (its literal is simply no longer assumed).
    public func blockWasFreed(pointer: UInt) { literals[pointer] = nil }

    /// Z3's soundness verdict on a returned block: nil when UNSAT (sound),
    /// else a description of the broken claim.
    public func soundnessViolation(in model: ByteModel, pointer: UInt, byteCount: Int, alignment: Int) -> String? {
        let start = SymbolicWord<64>(variable: "block\(queries)", in: context)
        queries += 1
        let length = word(UInt(Swift.max(byteCount, 1)))
        let claim = Kernels.isAligned(start, to: word(UInt(alignment)))
            && SymbolicCondition.any(model.pools.map { inside(start, length, $0) })
            && SymbolicCondition.all(model.live.values.map { block in
                start &+ length <= word(block.promised.lowerBound) || start >= word(block.promised.upperBound)
            })
        solver.push()
        defer { solver.pop() }
        solver.assert(start == word(pointer))
        solver.assert(!claim)
        switch solver.check() {
        case .unsatisfiable: return nil
        case .satisfiable: return "Z3: block at \(pointer) of \(byteCount) bytes, alignment \(alignment), breaks aligned/inside a pool/disjoint from live blocks"
        case .unknown(let reason): return "Z3 gave up on a soundness query: \(reason)"
        }
    }

    /// Z3's completeness verdict: the start of a free gap of `need` bytes
    /// between live extents inside a pool, or nil when none exists (UNSAT).
    public func freeGap(in model: ByteModel, of need: UInt) -> (gap: UInt?, unknown: String?) {
        let query = SymbolicCondition(variable: "query\(queries)", in: context)
        queries += 1
        solver.assert(query.implies(gapLength == word(need) && SymbolicCondition.any(model.pools.map { inside(gapStart, gapLength, $0) })))
        let assumptions = [query] + model.live.keys.compactMap { literals[$0] }
        switch solver.check(assuming: assumptions) {
        case .unsatisfiable: return (nil, nil)
        case .satisfiable: return (solver.value(of: gapStart).map { UInt($0) }, nil)
        case .unknown(let reason): return (nil, reason)
        }
    }
}
