import AllocatorSpec

/// Tallies lemma outcomes and renders the runner's lines.
struct VerificationReport {
    var proved = 0
    var refuted = 0
    var failed = 0

    /// Records one outcome and returns its line.
    mutating func record(_ lemma: Lemma, _ outcome: ProofOutcome, milliseconds: Int64) -> String {
        let time = "(\(milliseconds) ms)"
        switch (lemma.expectation, outcome) {
        case (.holds, .proved):
            proved += 1
            return "PROVED \(lemma.name) \(time)"
        case (.refuted, .counterexample(let inputs, let failing)):
            refuted += 1
            return "REFUTED \(lemma.name) \(time), as expected: counterexample \(Self.render(inputs)) breaks \(failing)"
        case (.holds, .counterexample(let inputs, let failing)):
            failed += 1
            return "FAILED \(lemma.name): counterexample \(Self.render(inputs)) breaks \(failing)"
        case (.refuted, .proved):
            failed += 1
            return "FAILED \(lemma.name): a negative lemma was proved, so the solver or the lemma is broken"
        case (_, .unknown(let reason)):
            failed += 1
            return "FAILED \(lemma.name): unknown (\(reason)) \(time)"
        case (_, .error(let message)):
            failed += 1
            return "FAILED \(lemma.name): Z3 error: \(message)"
        }
    }

    func uncoveredKernels(among lemmas: [Lemma]) -> [String] {
        let covered = Set(lemmas.filter { $0.expectation == .holds }.flatMap(\.covers))
        return KernelCatalog.names.filter { !covered.contains($0) }
    }

    func summary(seconds: Double) -> String {
        let rounded = (seconds * 100).rounded() / 100
        return "\(proved + refuted + failed) lemmas: \(proved) proved, \(refuted) negative lemmas refuted, \(failed) failed (\(rounded) s)"
    }

    static func render(_ inputs: [(name: String, value: UInt64)]) -> String {
        inputs.map { "\($0.name)=\($0.value)" }.joined(separator: ", ")
    }
}
