import Allocators

/// How a search checks one allocator: closures over a single allocator
/// instance that `replay` rebuilds at a node's state.
struct ExhaustiveDriver<Step: CustomStringConvertible, Snapshot> {
    /// Rebuilds the instance at the state `path` reached (a fresh allocator,
    /// the path's steps replayed without checks, the snapshot's blocks
    /// re-stamped); what diverged from the snapshot, or nil.
    var replay: (_ path: [Step], _ snapshot: Snapshot) -> String?
    /// Performs one step on the instance and checks its verdict against the
    /// model (Z3 too when asked) and the statistics contract, then, when
    /// asked, the allocator's integrity check.
    var check: (_ step: Step, _ snapshot: inout Snapshot, _ z3: Bool, _ integrity: Bool) -> String?
    /// The allocator's integrity check on the instance as it is.
    var integrity: () -> String?
    /// The canonical encoding of the instance's state and the model's.
    var encode: (_ snapshot: Snapshot) -> [Int]
    /// Bad frees to try in a state: each must be refused and change nothing.
    var probes: (_ snapshot: Snapshot) -> [Step]
    /// Allocations and frees to try in a state.
    var moves: (_ snapshot: Snapshot) -> [Step]
    /// A bad free to try right after `move` (a double free after a free).
    var followUp: (_ move: Step, _ after: Snapshot) -> Step?
    /// Whether the state the instance is in lies inside the scope (its steps
    /// are searched too).
    var withinScope: () -> Bool
    /// Whether `step`, which passed its checks, changed the state (false: a
    /// refused allocation or a bad free).
    var changed: (_ step: Step, _ after: Snapshot) -> Bool
    /// Prepares the checks of the steps from a state (a fresh solver when Z3
    /// checks them too); whether Z3 checks them.
    var prepare: (_ snapshot: Snapshot) -> Bool
    /// Allocations whose verdicts Z3 gave so far.
    var z3Checked: () -> Int
}

extension ExhaustiveDriver {
    typealias Expansion = Result<[ExhaustiveNode<Step, Snapshot>], ExhaustiveFailure<Step>>

    /// Checks every step from `node` and returns its successors (seen or not).
    ///
    /// Steps that must change nothing (bad frees, refused allocations) run
    /// one after another on the same replayed instance, each compared with
    /// the state's encoding; every state-changing move (with its follow-up)
    /// gets a fresh replay and an integrity check, and the last series of
    /// refusals one more. A failure is then reproduced from a fresh replay,
    /// checking everything after every step: the failing steps alone if they
    /// fail alone, else with the refusals run before them.
    func expand(_ node: ExhaustiveNode<Step, Snapshot>, statistics: inout ExhaustiveStatistics) -> Expansion {
        func failure(_ steps: [Step], _ message: String) -> Expansion {
            .failure(ExhaustiveFailure(steps: node.path + steps, message: message))
        }
        let z3 = prepare(node.snapshot)

        /// Runs `series` from a fresh replay, with every check after every step.
        func rerun(_ series: [Step]) -> Expansion? {
            if let message = replay(node.path, node.snapshot) { return failure([], "replaying the shortest path: \(message)") }
            var snapshot = node.snapshot, encoding = node.encoding
            for (index, step) in series.enumerated() {
                if let message = check(step, &snapshot, z3, true) { return failure(Array(series[...index]), message) }
                let before = encoding
                encoding = encode(snapshot)
                if !changed(step, snapshot), encoding != before {
                    return failure(Array(series[...index]), "\(step) was refused but changed the allocator's state")
                }
            }
            return nil
        }
        /// The shortest reproduction of a failure seen after `tail`, which ran after `earlier`.
        func pinpoint(_ tail: [Step], after earlier: [Step], _ message: String) -> Expansion {
            if let reproduced = rerun(tail) { return reproduced }
            if !earlier.isEmpty, let reproduced = rerun(earlier + tail) { return reproduced }
            return failure(earlier + tail, "\(message) (not reproduced from a fresh replay)")
        }
        /// Runs a step that must change nothing on the instance as it is.
        func refuse(_ step: Step, from snapshot: Snapshot, encoding: [Int]) -> String? {
            var after = snapshot
            if let message = check(step, &after, z3, false) { return message }
            return encode(after) == encoding ? nil : "\(step) was refused but changed the allocator's state"
        }

        if let message = replay(node.path, node.snapshot) { return failure([], "replaying the shortest path: \(message)") }
        if encode(node.snapshot) != node.encoding { return failure([], "replaying the shortest path reached another state") }
        var earlier: [Step] = []  // refusals run on the instance since its replay
        for probe in probes(node.snapshot) {
            if let message = refuse(probe, from: node.snapshot, encoding: node.encoding) { return pinpoint([probe], after: earlier, message) }
            statistics.refusals += 1
            earlier.append(probe)
        }
        var children: [ExhaustiveNode<Step, Snapshot>] = []
        var atNode = true
        for move in moves(node.snapshot) {
            if !atNode {
                if let message = replay(node.path, node.snapshot) { return failure([], "replaying the shortest path: \(message)") }
                atNode = true
                earlier = []
            }
            var after = node.snapshot
            if let message = check(move, &after, z3, false) { return pinpoint([move], after: earlier, message) }
            let encoding = encode(after)
            guard changed(move, after) else {
                if encoding != node.encoding { return pinpoint([move], after: earlier, "\(move) was refused but changed the allocator's state") }
                statistics.refusals += 1
                earlier.append(move)
                continue
            }
            var tail = [move]
            if let probe = followUp(move, after) {
                tail.append(probe)
                if let message = refuse(probe, from: after, encoding: encoding) { return pinpoint(tail, after: earlier, message) }
                statistics.refusals += 1
            }
            if let message = integrity() { return pinpoint(tail, after: earlier, message) }
            statistics.transitions += 1
            children.append(ExhaustiveNode(path: node.path + [move], snapshot: after, encoding: encoding, expands: withinScope()))
            atNode = false
        }
        if atNode, !earlier.isEmpty, let message = integrity() { return pinpoint([], after: earlier, message) }
        return .success(children)
    }
}

/// One allocator (and whatever memory it manages) that a driver's closures
/// share and rebuild: allocators are `~Copyable`, so closures reach the
/// instance through this box.
final class ExhaustiveInstance<Allocator: ~Copyable> {
    var allocator: Allocator

    init(_ allocator: consuming Allocator) { self.allocator = allocator }
}

/// Gives `regions` to `allocator`, the first through `initialize`, the rest
/// through `addMemory`; which ones it accepted.
func giveRegions<A: BaseAllocator & ~Copyable>(_ regions: [(start: UInt, size: Int)], to allocator: inout A) -> [Bool] {
    regions.enumerated().map { index, region in
        do throws(AllocError) {
            if index == 0 { try allocator.initialize(start: region.start, size: region.size) }
            else { try allocator.addMemory(start: region.start, size: region.size) }
            return true
        } catch { return false }
    }
}
