import Testing
import TestSupport

/// What the planted-bug searches require of a report: a failure, for the
/// planted bug's reason, with its shortest path as a trace in the shared
/// format.
func expectPlantedBugCaught<Step>(
    _ report: ExhaustiveReport<Step>, bug: some CustomStringConvertible, reasons: [String], kind: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    guard let failure = report.failure else {
        Issue.record("planted bug \(bug) went unnoticed: \(report)", sourceLocation: sourceLocation)
        return
    }
    #expect(reasons.contains { failure.message.contains($0) }, "planted bug \(bug) caught for another reason: \(report)",
            sourceLocation: sourceLocation)
    let header = report.trace.split(separator: "\n").prefix(2)
    #expect(header.first?.hasPrefix("# trace exhaustive-") == true && header.last == "# kind \(kind)", "\(report.trace)",
            sourceLocation: sourceLocation)
}
