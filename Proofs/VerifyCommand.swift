import AllocatorSpec
import ArgumentParser

/// `allocators-verify`: proves every lemma about the shipped kernels.
///
/// One line per lemma, then a summary; exit status 1 on any failure. A lemma
/// that holds must be proved; a negative lemma must be refuted with a
/// counterexample; a timeout (unknown) is a failure either way.
@main
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "allocators-verify",
        abstract: "Prove the lemmas about the allocators' arithmetic kernels with Z3."
    )

    @Flag(help: "List the lemmas and the kernels they cover, without proving.")
    var list = false

    @Option(help: "Run only lemmas whose name contains this text.")
    var filter: String?

    @Option(help: "Time limit per lemma, in milliseconds (an unknown result fails).")
    var timeout: UInt32 = 10_000

    func run() throws {
        let lemmas = LemmaCatalog.all.filter { lemma in filter.map { lemma.name.contains($0) } ?? true }
        if list {
            for lemma in lemmas {
                let kind = lemma.expectation == .holds ? "lemma   " : "negative"
                print("\(kind) \(lemma.name)  [\(lemma.covers.joined(separator: ", "))]")
            }
            return
        }
        print("Z3 \(Z3Context.version), timeout \(timeout) ms per lemma")
        let clock = ContinuousClock()
        var report = VerificationReport()
        let total = clock.measure {
            for lemma in lemmas {
                var outcome = ProofOutcome.proved
                let elapsed = clock.measure { outcome = lemma.prove(timeoutMilliseconds: timeout) }
                print(report.record(lemma, outcome, milliseconds: elapsed.milliseconds))
            }
        }
        if filter == nil {
            for kernel in report.uncoveredKernels(among: LemmaCatalog.all) {
                print("UNCOVERED \(kernel): no lemma covers this kernel")
            }
        }
        print(report.summary(seconds: Double(total.milliseconds) / 1000))
        if report.failed > 0 || lemmas.isEmpty { throw ExitCode.failure }
    }
}

extension Duration {
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
