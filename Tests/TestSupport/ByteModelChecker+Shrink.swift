import Allocators
import AllocatorSpec

extension ByteModelChecker {
    /// A smaller step sequence that still fails: chunks removed (halving the
    /// chunk size down to single steps), then allocation sizes halved.
    /// At most `budget` re-runs.
    public func shrink<A: ByteAllocator & ~Copyable>(
        _ steps: [ByteStep], make: () -> A, integrity: (inout A) -> String?,
        reallocate: Reallocate<A>? = nil, budget: Int = 400
    ) -> (steps: [ByteStep], failure: Failure)? {
        shrinkFailingSequence(
            steps, budget: budget,
            run: { run($0, make: make, integrity: integrity, reallocate: reallocate) },
            failingStep: \.stepIndex,
            simplified: { step in
                guard case .op(.allocate(let slot, let size, let alignment)) = step, size > 1 else { return nil }
                return .op(.allocate(slot: slot, size: size / 2, alignment: alignment))
            })
    }
}

/// Runs `runs` random step sequences per layout through the model checker,
/// and on the first failure shrinks it and returns a report with the
/// replayable trace; nil when every run passed. Seeds are printed.
///
/// `seed`, when given, replaces the test's seed (`SeededRandom.forTest`):
/// for runs split over several processes. `beforeShrinking` gets the
/// unshrunk report first, for runs whose shrinking may stop the process
/// (an allocator that traps on one of the candidates).
public func modelCheckByteAllocator<A: ByteAllocator & ~Copyable>(
    _ label: String,
    geometry: ByteModelGeometry,
    layouts: [RegionLayout],
    workload: ByteWorkload,
    runs: Int,
    steps: Int,
    mode: ByteModelChecker.Mode,
    seed: UInt64? = nil,
    make: () -> A,
    integrity: (inout A) -> String?,
    reallocate: ByteModelChecker.Reallocate<A>? = nil,
    beforeShrinking: ((String) -> Void)? = nil
) -> String? {
    var random = seed.map { SeededRandom(seed: $0) } ?? SeededRandom.forTest(label)
    if let seed { print("[seed] \(label): \(seed)") }
    for (layoutIndex, layout) in layouts.enumerated() {
        let checker = ByteModelChecker(geometry: geometry, layout: layout, mode: mode)
        for runIndex in 0 ..< runs {
            let sequence = workload.steps(steps, using: &random)
            guard let found = checker.run(sequence, make: make, integrity: integrity, reallocate: reallocate) else { continue }
            if let beforeShrinking {
                let trace = renderTrace(name: "\(label)-layout\(layoutIndex)-run\(runIndex)", pool: layout.arenaSize,
                                        steps: Array(sequence.prefix(found.stepIndex + 1)))
                beforeShrinking("\(label): layout \(layoutIndex) \(layout.regions), run \(runIndex) (seed \(random.seed)): \(found)\n\(trace)")
            }
            let shrunk = checker.shrink(sequence, make: make, integrity: integrity, reallocate: reallocate)
            let (minimal, failure) = shrunk.map { ($0.steps, $0.failure) }
                ?? (sequence, ByteModelChecker.Failure(stepIndex: -1, message: "flaky: failed once, then passed"))
            let trace = renderTrace(name: "\(label)-layout\(layoutIndex)-run\(runIndex)", pool: layout.arenaSize, steps: minimal)
            let report = """
                \(label): layout \(layoutIndex) \(layout.regions), run \(runIndex) (seed \(random.seed)): \(failure)
                shrunk from \(sequence.count) to \(minimal.count) steps:
                \(trace)
                """
            print(report)
            return report
        }
    }
    return nil
}
