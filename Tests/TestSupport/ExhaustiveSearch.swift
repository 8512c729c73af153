// An explicit-state search of every state an allocator can reach in a small
// scope: breadth first from the state after its regions were given, each
// state identified by a canonical encoding of the allocator's layout (and of
// the model's live blocks), so every state is expanded once.
//
// Allocators are `~Copyable` and keep their state in the memory they manage,
// so a state cannot be copied: a node keeps the op path that reached it and
// is expanded by replaying that path on a fresh allocator over the same
// memory. Breadth-first order makes every stored path a shortest one, so a
// failure's path needs no shrinking.

/// One state of a search.
struct ExhaustiveNode<Step, Snapshot> {
    /// The state-changing steps from the root, shortest first found.
    var path: [Step]
    /// The model's state (copyable), restored after a replay.
    var snapshot: Snapshot
    /// The canonical encoding the state is deduplicated by.
    var encoding: [Int]
    /// Whether the state lies inside the scope, so its steps are searched
    /// too (a state at the scope's edge is checked on arrival only).
    var expands = true
}

/// Breadth-first search from `root`: `expand` replays a node, checks every
/// step from it and returns its successors; a successor whose encoding was
/// seen is dropped. Stops at the first failure, or with a failure when more
/// than `stateLimit` states are reachable (the scope is then too large to be
/// searched exhaustively, which is reported, never skipped).
func searchBreadthFirst<Step, Snapshot>(
    root: ExhaustiveNode<Step, Snapshot>,
    stateLimit: Int,
    statistics: inout ExhaustiveStatistics,
    expand: (ExhaustiveNode<Step, Snapshot>, inout ExhaustiveStatistics) -> Result<[ExhaustiveNode<Step, Snapshot>], ExhaustiveFailure<Step>>
) -> ExhaustiveFailure<Step>? {
    var seen: Set<[Int]> = [root.encoding]
    var frontier = [root]
    statistics.states = 1
    while !frontier.isEmpty {
        var next: [ExhaustiveNode<Step, Snapshot>] = []
        for node in frontier {
            switch expand(node, &statistics) {
            case .failure(let failure): return failure
            case .success(let children):
                for child in children where seen.insert(child.encoding).inserted {
                    if child.expands { next.append(child) } else { statistics.edgeStates += 1 }
                    statistics.states += 1
                    statistics.depth = Swift.max(statistics.depth, child.path.count)
                    if statistics.states > stateLimit {
                        return ExhaustiveFailure(
                            steps: child.path,
                            message: "more than \(stateLimit) states are reachable: the scope is too large to search exhaustively")
                    }
                }
            }
        }
        frontier = next
    }
    return nil
}

/// Searches from `root` with `driver`, prints the report (with the failing
/// path as a trace rendered by `render`) and returns it.
func runExhaustiveSearch<Step, Snapshot>(
    _ label: String, root: ExhaustiveNode<Step, Snapshot>, driver: ExhaustiveDriver<Step, Snapshot>, stateLimit: Int,
    render: ([Step]) -> String
) -> ExhaustiveReport<Step> {
    var statistics = ExhaustiveStatistics()
    let failure = searchBreadthFirst(root: root, stateLimit: stateLimit, statistics: &statistics) { node, statistics in
        driver.expand(node, statistics: &statistics)
    }
    statistics.z3Checked = driver.z3Checked()
    let report = ExhaustiveReport(label: label, statistics: statistics, failure: failure, trace: failure.map { render($0.steps) } ?? "")
    print(report)
    return report
}
