/// The judgement of a verification run: every lemma's verdict against its
/// expectation, and the kernels no lemma covers, per word width.
///
/// A run passes only when it judged at least one lemma, every lemma met its
/// expectation (proved, or refuted by a counterexample to its claim), no
/// lemma is vacuous, every lemma names only cataloged kernels, and (for a
/// full run) every cataloged kernel is covered at every width by a lemma
/// that holds. Negative lemmas and mutants cover nothing: a guard that matters
/// is no proof that the kernel is right.
public struct VerificationReport {
    public let results: [LemmaResult]
    /// The cataloged kernels (`KernelCatalog.names` in a real run).
    public let kernels: [String]
    /// The widths every kernel must be covered at; nil for a filtered run,
    /// which cannot judge coverage.
    public let coverageWidths: [Int]?

    public init(results: [LemmaResult], kernels: [String], coverageWidths: [Int]?) {
        self.results = results
        self.kernels = kernels
        self.coverageWidths = coverageWidths
    }

    /// Counts of one width.
    public struct Tally: Equatable {
        public var lemmas = 0
        public var proved = 0
        /// Negative lemmas refuted, mutants included.
        public var refuted = 0
        /// Mutants (lemmas run on a planted kernel bug) refuted.
        public var mutantsKilled = 0
        public var vacuous = 0
        public var failed = 0
        public var uncovered = 0
        /// CPU time of the width's lemmas, summed over workers.
        public var cpuMilliseconds: Int64 = 0
    }

    /// The widths that lemmas ran at or must cover, ascending.
    public var widths: [Int] { Array(Set(results.map(\.lemma.width) + (coverageWidths ?? []))).sorted() }

    /// Kernels of the catalog that no lemma expected to hold covers at `width`.
    public func uncoveredKernels(width: Int) -> [String] {
        guard coverageWidths?.contains(width) == true else { return [] }
        let covered = Set(results.filter { $0.lemma.width == width && $0.lemma.expectation == .holds }.flatMap(\.lemma.covers))
        return kernels.filter { !covered.contains($0) }
    }

    /// Names in a lemma's `covers` that are not cataloged kernels.
    public var unknownKernels: [(lemma: String, kernel: String)] {
        let known = Set(kernels)
        return results.flatMap { result in
            result.lemma.covers.filter { !known.contains($0) }.map { (result.lemma.name, $0) }
        }
    }

    public func tally(width: Int) -> Tally {
        var tally = Tally()
        for result in results where result.lemma.width == width {
            tally.lemmas += 1
            tally.cpuMilliseconds += result.cpuMilliseconds
            switch result.verdict {
            case .proved: tally.proved += 1
            case .refuted:
                tally.refuted += 1
                if result.lemma.mutation != nil { tally.mutantsKilled += 1 }
            case .vacuous: tally.vacuous += 1
            case .failed: tally.failed += 1
            }
        }
        tally.uncovered = uncoveredKernels(width: width).count
        return tally
    }

    /// Whether the run passes (see the type's documentation).
    public var passed: Bool {
        !results.isEmpty && results.allSatisfy(\.verdict.isSuccess)
            && unknownKernels.isEmpty && widths.allSatisfy { uncoveredKernels(width: $0).isEmpty }
    }

    // MARK: Lines

    /// The line of one result.
    public static func line(_ result: LemmaResult) -> String {
        let lemma = result.lemma, tag = "[\(lemma.width)-bit] \(lemma.name)", time = "(\(result.cpuMilliseconds) ms CPU, \(result.resources / 1000)k units)"
        switch result.verdict {
        case .proved:
            return "PROVED \(tag) \(time)"
        case .refuted(let counterexample) where lemma.mutation != nil:
            return "KILLED \(tag) \(time): the planted bug is caught, counterexample \(counterexample) breaks the claim"
        case .refuted(let counterexample):
            return "REFUTED \(tag) \(time), as expected: counterexample \(counterexample) breaks the claim, every obligation holding"
        case .vacuous:
            return "VACUOUS \(tag) \(time): its assumptions cannot hold together, so its claim would be proved of nothing"
        case .failed(let failure):
            return "FAILED \(tag) \(time): " + describe(failure, mutant: lemma.mutation != nil)
        }
    }

    static func describe(_ failure: LemmaFailure, mutant: Bool) -> String {
        switch failure {
        case .counterexample(let inputs, let breaks):
            "counterexample \(inputs) breaks \(breaks)"
        case .refutedOnlyByObligation(let obligation, let inputs):
            "refuted only by the obligation \"\(obligation)\" (counterexample \(inputs)); "
                + "the claim holds wherever every obligation does, so this negative lemma shows nothing"
        case .negativeLemmaHolds where mutant:
            "the lemma still holds on the planted bug, so it does not pin the kernel"
        case .negativeLemmaHolds:
            "a negative lemma was proved, so the solver or the lemma is broken"
        case .unknown(let reason):
            "unknown (\(reason))"
        case .error(let message):
            "Z3 error: \(message)"
        }
    }

    /// The uncovered-kernel and unknown-kernel lines.
    public var coverageLines: [String] {
        widths.flatMap { width in
            uncoveredKernels(width: width).map { "UNCOVERED [\(width)-bit] \($0): no lemma that holds covers this kernel" }
        } + unknownKernels.map { "FAILED \($0.lemma): covers \($0.kernel), which is not a cataloged kernel" }
    }

    /// One summary line per width, then the verdict of the run.
    public func summaryLines(wallSeconds: Double, workers: Int) -> [String] {
        func seconds(_ milliseconds: Int64) -> String { String(Double(milliseconds / 10) / 100) }
        let perWidth = widths.map { width in
            let t = tally(width: width)
            return "\(width)-bit: \(t.lemmas) lemmas: \(t.proved) proved, \(t.refuted) refuted (\(t.mutantsKilled) of them planted kernel bugs), "
                + "\(t.vacuous) vacuous, \(t.failed) failed, \(t.uncovered) uncovered kernels; \(seconds(t.cpuMilliseconds)) s CPU"
        }
        let coverage = coverageWidths == nil ? " (filtered: coverage not judged)" : ""
        let verdict = passed ? "PASSED" : "FAILED"
        return perWidth + ["\(verdict): \(results.count) lemmas in \(String((wallSeconds * 100).rounded() / 100)) s on \(workers) workers\(coverage)"]
    }

    /// CPU time per concern and width, largest first: what each part costs.
    public var costLines: [String] {
        let groups = Dictionary(grouping: results) { "\($0.lemma.group) [\($0.lemma.width)-bit]" }
        return groups.map { key, results in (key, results.count, results.reduce(0) { $0 + $1.cpuMilliseconds }) }
            .sorted { $0.2 > $1.2 }
            .map { "COST \($0.0): \($0.1) lemmas, \(Double($0.2 / 10) / 100) s CPU" }
    }
}
