import Allocators
import AllocatorSpec

extension PageModelChecker {
    /// A smaller step sequence that still fails: chunks removed (halving the
    /// chunk size down to single steps), then page counts halved. At most
    /// `budget` re-runs.
    public func shrink<A: PageAllocator & ~Copyable>(
        _ steps: [PageStep], make: () -> A, integrity: (borrowing A) -> String?, budget: Int = 400
    ) -> (steps: [PageStep], failure: Failure)? {
        shrinkFailingSequence(
            steps, budget: budget,
            run: { run($0, make: make, integrity: integrity) },
            failingStep: \.stepIndex,
            simplified: { step in
                guard case .op(.allocatePages(let slot, let pages, let alignment)) = step, pages > 1 else { return nil }
                return .op(.allocatePages(slot: slot, pages: pages / 2, alignment: alignment))
            })
    }
}

/// Runs `runs` random step sequences through the model checker for each
/// region set, and on the first failure shrinks it and returns a report with
/// the replayable trace; nil when every run passed. Seeds are printed.
public func modelCheckPageAllocator<A: PageAllocator & ~Copyable>(
    _ label: String,
    regionSets: [[(start: UInt, size: Int)]],
    workload: PageWorkload,
    runs: Int,
    steps: Int,
    mode: PageModelChecker.Mode,
    geometry: PageModelGeometry? = nil,
    make: () -> A,
    integrity: (borrowing A) -> String?
) -> String? {
    var random = SeededRandom.forTest(label)
    for (setIndex, regions) in regionSets.enumerated() {
        let checker = PageModelChecker(regions: regions, pageSize: workload.pageSize, mode: mode, geometry: geometry)
        for runIndex in 0 ..< runs {
            let sequence = workload.steps(steps, using: &random)
            guard checker.run(sequence, make: make, integrity: integrity) != nil else { continue }
            let shrunk = checker.shrink(sequence, make: make, integrity: integrity)
            let (minimal, failure) = shrunk.map { ($0.steps, $0.failure) }
                ?? (sequence, PageModelChecker.Failure(stepIndex: -1, message: "flaky: failed once, then passed"))
            let pool = regions.reduce(0) { $0 + $1.size }
            let trace = renderPageTrace(name: "\(label)-regions\(setIndex)-run\(runIndex)", pool: pool, pageSize: workload.pageSize, steps: minimal)
            let report = """
                \(label): regions \(regions), run \(runIndex) (seed \(random.seed)): \(failure)
                shrunk from \(sequence.count) to \(minimal.count) steps:
                \(trace)
                """
            print(report)
            return report
        }
    }
    return nil
}
