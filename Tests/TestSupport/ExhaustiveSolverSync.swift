/// The Z3 side of a search: one solver per state whose allocations Z3 checks
/// (so assertions do not pile up across states), holding a literal for each
/// live block (or run) of the snapshot a step starts from.
///
/// `ByteModelSolver` names a block's literal by its address and the live
/// count, so one solver must never meet two blocks at one address and live
/// count with different extents. Within a state that holds: a block an
/// allocation step adds is asserted, never assumed, before the next step
/// unregisters it, and a block re-registered after a free step is the
/// state's own; across states it need not, hence a solver per state.
final class ExhaustiveSolverSync<Solver, Item: Equatable> {
    private let make: () -> Solver
    private let register: (Solver, Item) -> Void
    private let unregister: (Solver, Item) -> Void
    private var solver: Solver
    /// What the solver holds literals for, by address (or first unit).
    private var registered: [UInt: Item] = [:]
    /// Allocations whose verdicts Z3 gave.
    private(set) var queries = 0

    init(make: @escaping () -> Solver, register: @escaping (Solver, Item) -> Void, unregister: @escaping (Solver, Item) -> Void) {
        self.make = make
        self.register = register
        self.unregister = unregister
        solver = make()
    }

    /// A fresh solver for the steps of a new state.
    func begin() {
        solver = make()
        registered = [:]
    }

    /// The solver, holding literals for exactly `live`, for one allocation step.
    func solver(holding live: [UInt: Item]) -> Solver {
        for (key, item) in registered where live[key] != item {
            unregister(solver, item)
            registered[key] = nil
        }
        for (key, item) in live where registered[key] == nil { register(solver, item) }
        registered = live
        queries += 1
        return solver
    }

    /// Records what a step left the solver holding (`perform` keeps it in
    /// step with the model).
    func performed(_ live: [UInt: Item]) { registered = live }
}
