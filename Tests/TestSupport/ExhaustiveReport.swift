/// The first broken check of a search: the shortest path to the state it
/// broke in, and the steps taken from there.
public struct ExhaustiveFailure<Step>: Error {
    public let steps: [Step]
    public let message: String

    public init(steps: [Step], message: String) {
        self.steps = steps
        self.message = message
    }
}

/// What one exhaustive search covered.
public struct ExhaustiveStatistics: Sendable, CustomStringConvertible {
    /// Distinct states reached (the root included), each expanded once.
    public var states = 0
    /// Checked steps that changed the state (allocations that succeeded,
    /// frees), leading to new or known states.
    public var transitions = 0
    /// Checked steps that must change nothing: refused allocations and bad
    /// frees (double, interior, wrong size, foreign), each compared with the
    /// state's encoding afterwards.
    public var refusals = 0
    /// Allocations whose verdicts Z3 gave as well as the shadow.
    public var z3Checked = 0
    /// The longest shortest path: the search's depth.
    public var depth = 0
    /// States reached and checked on arrival but outside the scope, so not
    /// expanded (counted in `states` too).
    public var edgeStates = 0

    public init() {}

    public var description: String {
        let edge = edgeStates > 0 ? " (\(edgeStates) at the scope's edge)" : ""
        return "\(states) states\(edge), \(transitions) transitions, \(refusals) refusals and bad frees, \(z3Checked) allocations also checked by Z3, depth \(depth)"
    }
}

/// The result of searching one configuration.
public struct ExhaustiveReport<Step: CustomStringConvertible>: CustomStringConvertible {
    public let label: String
    public let statistics: ExhaustiveStatistics
    /// The first failure, or nil when every reachable state passed.
    public let failure: ExhaustiveFailure<Step>?
    /// The failure's steps as a replayable trace (empty when none).
    public let trace: String

    public var description: String {
        guard let failure else { return "[exhaustive] \(label): \(statistics)" }
        return """
            [exhaustive] \(label): FAILED after \(statistics)
            \(failure.message)
            shortest path (\(failure.steps.count) steps):
            \(trace)
            """
    }
}

/// The report of a search whose root already failed its checks (the regions
/// given as the model expects, the statistics, the integrity check).
func reportRootFailure<Step>(_ label: String, _ message: String, render: ([Step]) -> String) -> ExhaustiveReport<Step> {
    let report = ExhaustiveReport(
        label: label, statistics: ExhaustiveStatistics(), failure: ExhaustiveFailure<Step>(steps: [], message: message), trace: render([]))
    print(report)
    return report
}

/// The trace name of a search's failure: `exhaustive-` and the label, with
/// every run of characters other than letters and digits as one `-`.
func exhaustiveTraceName(_ label: String) -> String {
    var name = "exhaustive"
    var pendingDash = true
    for character in label {
        if character.isLetter || character.isNumber {
            if pendingDash { name.append("-") }
            name.append(character)
            pendingDash = false
        } else {
            pendingDash = true
        }
    }
    return name
}
