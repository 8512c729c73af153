/// Shrinks a failing step sequence: steps after the failure are dropped,
/// chunks of steps are removed (halving the chunk size down to single
/// steps), then each step is simplified as long as the run still fails.
/// At most `budget` re-runs.
///
/// Hand-written rather than swift-property-based's (which the package no
/// longer depends on): that shrinker reduces generated values blindly and
/// re-runs the whole property for every candidate, with no budget, until no
/// smaller one fails; it cannot use the step a model check failed at (here
/// one re-run drops every later step), its seeds are Xoshiro states printed
/// as base64 rather than the `ALLOCATORS_SEED` every test prints, and it has
/// no place for the replayable trace a failing sequence must print.
///
/// - Parameters:
///   - run: replays a candidate; the failure, or nil when it passes.
///   - failingStep: the index of the step a failure happened at.
///   - simplified: a simpler version of a step (e.g. half the size), or nil.
public func shrinkFailingSequence<Step, Failure>(
    _ steps: [Step],
    budget: Int = 400,
    run: ([Step]) -> Failure?,
    failingStep: (Failure) -> Int,
    simplified: (Step) -> Step?
) -> (steps: [Step], failure: Failure)? {
    var runs = 0
    func failure(_ candidate: [Step]) -> Failure? {
        runs += 1
        return run(candidate)
    }
    func upToFailure(_ candidate: [Step], _ found: Failure) -> [Step] {
        Array(candidate.prefix(max(failingStep(found) + 1, 0)))
    }
    guard var best = failure(steps) else { return nil }
    var current = upToFailure(steps, best)
    var chunk = max(current.count / 2, 1)
    while runs < budget {
        var start = 0
        while start < current.count, runs < budget {
            var candidate = current
            candidate.removeSubrange(start ..< min(start + chunk, current.count))
            if let found = failure(candidate) {
                current = upToFailure(candidate, found)
                best = found
            } else {
                start += chunk
            }
        }
        if chunk == 1 { break }
        chunk /= 2
    }
    for index in current.indices where runs < budget && index < current.count {
        while runs < budget, let simpler = simplified(current[index]) {
            var candidate = current
            candidate[index] = simpler
            guard let found = failure(candidate) else { break }
            current = candidate
            best = found
        }
    }
    return (current, best)
}
