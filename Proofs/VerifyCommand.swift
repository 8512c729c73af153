import AllocatorSpec
import ArgumentParser
import Foundation

/// `allocators-verify`: proves every lemma about the shipped kernels, at 32
/// and at 64 bits.
///
/// One line per lemma, the uncovered kernels, the cost per concern, then a
/// summary per width; exit status 1 unless the run passes
/// (`VerificationReport.passed`): every lemma that holds proved, every
/// negative lemma and planted kernel bug refuted by a counterexample to its
/// claim with every obligation holding, no assumptions unsatisfiable
/// (VACUOUS), and every kernel covered at every width. A query that
/// exhausts its resource limit or its time (unknown) fails.
@main
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "allocators-verify",
        abstract: "Prove the lemmas about the allocators' arithmetic kernels with Z3, at 32 and 64 bits."
    )

    @Flag(help: "List the lemmas and the kernels they cover, without proving.")
    var list = false

    @Option(help: "Run only lemmas whose name contains this text (coverage is then not judged).")
    var filter: String?

    @Option(help: "Run only the lemmas of this word width (32 or 64; coverage is then not judged).")
    var width: Int?

    // The bound that decides is Z3's resource count: deterministic, so a run
    // on a loaded machine proves what one on an idle machine does. The most
    // a lemma of the catalog uses is about 31 million units (some 10 s of
    // CPU); the wall-clock limit is only a backstop against a hang.
    @Option(help: "Z3 resource units (rlimit) per solver query, 0 for none (an unknown result fails).")
    var resourceLimit: UInt32 = 100_000_000

    @Option(help: "Wall-clock backstop per solver query, in milliseconds, 0 for none (an unknown result fails).")
    var timeout: UInt32 = 300_000

    @Option(help: "Lemmas proved at once, each in a Z3 context of its own (default: one per core).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        if let width, !LemmaCatalog.widths.contains(width) { throw ValidationError("--width must be one of \(LemmaCatalog.widths)") }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        let lemmas = LemmaCatalog.all.filter { lemma in
            (filter.map { lemma.name.contains($0) } ?? true) && (width.map { lemma.width == $0 } ?? true)
        }
        if list {
            for lemma in lemmas {
                let kind = lemma.mutation != nil ? "mutant  " : lemma.expectation == .holds ? "lemma   " : "negative"
                print("\(kind) [\(lemma.width)-bit] \(lemma.name)  [\(lemma.covers.joined(separator: ", "))]")
            }
            return
        }
        print("Z3 \(Z3Context.version), per query at most \(resourceLimit) resource units and \(timeout) ms (0: no limit), \(jobs) workers")
        let clock = ContinuousClock()
        var results: [LemmaResult] = []
        let elapsed = clock.measure {
            results = LemmaRunner.run(lemmas, workers: jobs, limits: ProofLimits(resourceLimit: resourceLimit, timeoutMilliseconds: timeout)) { result in
                print(VerificationReport.line(result))
            }
        }
        let fullRun = filter == nil && width == nil
        let report = VerificationReport(results: results, kernels: KernelCatalog.names, coverageWidths: fullRun ? LemmaCatalog.widths : nil)
        report.coverageLines.forEach { print($0) }
        report.costLines.forEach { print($0) }
        let (seconds, attoseconds) = elapsed.components
        report.summaryLines(wallSeconds: Double(seconds) + Double(attoseconds) / 1e18, workers: jobs).forEach { print($0) }
        if !report.passed { throw ExitCode.failure }
    }
}
