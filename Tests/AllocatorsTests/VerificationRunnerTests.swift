import Allocators
import AllocatorSpec
import Synchronization
import Testing

/// The runner cannot pass vacuously: each check of `allocators-verify` is
/// shown failing the run on a deliberately broken lemma, through the same
/// `LemmaRunner` and `VerificationReport` the command uses.
@Suite struct VerificationRunnerTests {
    /// Runs `lemmas` as `allocators-verify` does and judges coverage of `kernels` at `widths`.
    static func run(_ lemmas: [AnyLemma], kernels: [String], widths: [Int]? = [32, 64]) -> VerificationReport {
        let results = LemmaRunner.run(lemmas, workers: 2, limits: ProofLimits(timeoutMilliseconds: 10_000))
        return VerificationReport(results: results, kernels: kernels, coverageWidths: widths)
    }

    static func alignDown<let bits: Int>(covering covers: [String]) -> Lemma<bits> {
        Lemma("alignDown.largestMultipleBelow", covers: covers) { p in
            let x = p.word("x"), a = p.word("a")
            p.assumePowerOfTwo(a)
            let down = Kernels.alignDown(x, to: a)
            return down <= x && x &- down < a
        }
    }

    static func erased<let bits: Int>(_ lemma: Lemma<bits>) -> AnyLemma { AnyLemma(lemma, group: "test") }

    @Test func aCoveredCatalogPassesAtBothWidths() {
        let report = Self.run([Self.erased(Self.alignDown(covering: ["alignDown"]) as Lemma<32>),
                               Self.erased(Self.alignDown(covering: ["alignDown"]) as Lemma<64>)], kernels: ["alignDown"])
        #expect(report.passed)
        #expect(report.tally(width: 32).proved == 1 && report.tally(width: 64).proved == 1)
        #expect(report.summaryLines(wallSeconds: 1, workers: 2).last?.hasPrefix("PASSED") == true)
    }

    @Test func anUncoveredKernelFailsTheRun() {
        // Broken: the lemma forgets to name the kernel it proves, so the kernel is uncovered.
        let report = Self.run([Self.erased(Self.alignDown(covering: []) as Lemma<64>)], kernels: ["alignDown"], widths: [64])
        #expect(report.results.allSatisfy { $0.verdict.isSuccess })
        #expect(!report.passed)
        #expect(report.uncoveredKernels(width: 64) == ["alignDown"])
        #expect(report.coverageLines == ["UNCOVERED [64-bit] alignDown: no lemma that holds covers this kernel"])
    }

    @Test func aKernelCoveredAtOneWidthOnlyFailsTheRun() {
        let report = Self.run([Self.erased(Self.alignDown(covering: ["alignDown"]) as Lemma<64>)], kernels: ["alignDown"])
        #expect(!report.passed)
        #expect(report.uncoveredKernels(width: 32) == ["alignDown"] && report.uncoveredKernels(width: 64).isEmpty)
        #expect(report.tally(width: 32).uncovered == 1)
    }

    @Test func aNegativeLemmaCoversNothing() {
        let negative = Lemma<64>("alignDown.aboveX", covers: ["alignDown"], expect: .refuted) { p in
            let x = p.word("x"), a = p.word("a")
            p.assumePowerOfTwo(a)
            return Kernels.alignDown(x, to: a) == x
        }
        let report = Self.run([Self.erased(negative)], kernels: ["alignDown"], widths: [64])
        #expect(report.results.allSatisfy { $0.verdict.isSuccess })
        #expect(!report.passed, "a guard that matters is no proof that the kernel is right")
    }

    @Test func aCoveredNameOutsideTheCatalogFailsTheRun() {
        let report = Self.run([Self.erased(Self.alignDown(covering: ["alignDown", "alignDwon"]) as Lemma<64>)],
                              kernels: ["alignDown"], widths: [64])
        #expect(!report.passed)
        #expect(report.unknownKernels.map(\.kernel) == ["alignDwon"])
    }

    @Test func contradictoryAssumptionsAreVacuous() {
        // Broken: x < 1 and x > 5 cannot hold together, so any claim, even a false one, would be proved.
        let vacuous = Lemma<32>("alignDown.ofNothing", covers: ["alignDown"]) { p in
            let x = p.word("x")
            p.assume(x < 1)
            p.assume(x > 5)
            return Kernels.alignDown(x, to: 1) != x
        }
        guard case .proved = vacuous.prove(timeoutMilliseconds: 5_000) else {
            Issue.record("the plain query should prove it: that is the hole the vacuity check closes")
            return
        }
        let report = Self.run([Self.erased(vacuous), Self.erased(Self.alignDown(covering: ["alignDown"]) as Lemma<64>)],
                              kernels: ["alignDown"])
        guard case .vacuous = report.results[0].verdict else {
            Issue.record("not vacuous: \(report.results[0].verdict)")
            return
        }
        #expect(!report.passed)
        #expect(report.tally(width: 32).vacuous == 1)
        #expect(VerificationReport.line(report.results[0]).hasPrefix("VACUOUS [32-bit] alignDown.ofNothing"))
    }

    @Test func aNegativeLemmaRefutedOnlyByAnObligationFails() {
        // Broken: the claim is x == x, and only the shift by the width (an
        // obligation) fails, so the lemma shows nothing about the kernel.
        let onlyByTheShift = Lemma<64>("rangeMask.offsetOfTheWidth", covers: [], expect: .refuted) { p in
            let offset = p.word("offset"), count = p.word("count")
            p.assume(offset <= .width && count <= .width &- offset)
            return Kernels.rangeMask(offset, count) == Kernels.rangeMask(offset, count)
        }
        let report = Self.run([Self.erased(onlyByTheShift)], kernels: [], widths: nil)
        guard case .failed(.refutedOnlyByObligation(let obligation, let inputs)) = report.results[0].verdict else {
            Issue.record("not reported as refuted only by an obligation: \(report.results[0].verdict)")
            return
        }
        #expect(obligation == "shift amount < 64 in <<")
        #expect(inputs.contains("offset=64"))
        #expect(!report.passed)
        #expect(VerificationReport.line(report.results[0]).contains("refuted only by the obligation \"shift amount < 64 in <<\""))
    }

    @Test func aNegativeLemmaRefutedByItsClaimPasses() {
        // The same guard, stated as a claim: without it the mask loses bits.
        let byTheClaim = Lemma<32>("rangeMask.pastTheWordEndLosesBits", covers: [], expect: .refuted) { p in
            let offset = p.word("offset"), count = p.word("count")
            p.assume(offset < .width && count <= .width)
            return (Kernels.rangeMask(offset, count) &>> offset) == Kernels.lowMask(count)
        }
        let report = Self.run([Self.erased(byTheClaim)], kernels: [], widths: nil)
        guard case .refuted(let inputs) = report.results[0].verdict else {
            Issue.record("not refuted: \(report.results[0].verdict)")
            return
        }
        // The witness keeps every obligation: the offset is a valid shift amount.
        #expect((inputs.value(of: "offset") ?? 64) < 32)
        #expect(report.passed)
    }

    @Test func aNegativeLemmaThatHoldsFails() {
        let holds = Lemma<32>("alignDown.neverAbove", covers: [], expect: .refuted) { p in
            let x = p.word("x"), a = p.word("a")
            p.assumePowerOfTwo(a)
            return Kernels.alignDown(x, to: a) <= x
        }
        let report = Self.run([Self.erased(holds)], kernels: [], widths: nil)
        #expect(report.results[0].verdict.failure == .negativeLemmaHolds)
        #expect(!report.passed)
    }

    @Test func aMutantTheLemmaDoesNotCatchFails() {
        // A "planted bug" the lemma cannot see (the kernel itself): the mutant survives.
        let survivor = Self.alignDown(covering: ["alignDown"]).mutant("alignDown unchanged") as Lemma<32>
        let report = Self.run([Self.erased(survivor)], kernels: [], widths: nil)
        #expect(report.results[0].verdict.failure == .negativeLemmaHolds)
        #expect(VerificationReport.line(report.results[0]).contains("does not pin the kernel"))
        #expect(!report.passed)
    }

    @Test func anEmptyRunFails() {
        #expect(!Self.run([], kernels: [], widths: nil).passed)
    }

    @Test func resultsComeBackInCatalogOrder() {
        let lemmas = (0 ..< 8).map { i in
            Self.erased(Lemma<32>("order\(i)", covers: []) { p in let x = p.word("x"); return x &+ .constant(i) != x &+ .constant(i + 1) })
        }
        let seen = Mutex<[String]>([])
        let results = LemmaRunner.run(lemmas, workers: 2, limits: ProofLimits(timeoutMilliseconds: 5_000)) { result in
            seen.withLock { $0.append(result.lemma.name) }
        }
        #expect(results.map(\.lemma.name) == lemmas.map(\.name))
        #expect(seen.withLock { $0 } == lemmas.map(\.name))
    }
}

extension LemmaVerdict {
    var failure: LemmaFailure? {
        if case .failed(let failure) = self { failure } else { nil }
    }
}
