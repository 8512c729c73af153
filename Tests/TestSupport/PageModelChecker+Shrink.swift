import Allocators
import AllocatorSpec

extension PageModelChecker {
    /// A smaller step sequence that still fails: chunks removed (halving the
    /// chunk size down to single steps), then page counts halved. At most
    /// `budget` re-runs.
    public func shrink<A: PageAllocator & ~Copyable>(
        _ steps: [PageStep], make: () -> A, integrity: (borrowing A) -> String?, budget: Int = 400
    ) -> (steps: [PageStep], failure: Failure)? {
        var runs = 0
        func failure(_ candidate: [PageStep]) -> Failure? {
            runs += 1
            return run(candidate, make: make, integrity: integrity)
        }
        guard var best = failure(steps) else { return nil }
        var current = Array(steps.prefix(max(best.stepIndex + 1, 0)))
        var chunk = max(current.count / 2, 1)
        while runs < budget {
            var start = 0
            while start < current.count, runs < budget {
                var candidate = current
                candidate.removeSubrange(start ..< min(start + chunk, current.count))
                if let found = failure(candidate) {
                    current = Array(candidate.prefix(max(found.stepIndex + 1, 0)))
                    best = found
                } else {
                    start += chunk
                }
            }
            if chunk == 1 { break }
            chunk /= 2
        }
        for index in current.indices where runs < budget {
            guard case .op(.allocatePages(let slot, var pages, let alignment)) = current[index] else { continue }
            while pages > 1, runs < budget {
                var candidate = current
                candidate[index] = .op(.allocatePages(slot: slot, pages: pages / 2, alignment: alignment))
                guard let found = failure(candidate) else { break }
                pages /= 2
                current = candidate
                best = found
            }
        }
        return (current, best)
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
    make: () -> A,
    integrity: (borrowing A) -> String?
) -> String? {
    var random = SeededRandom.forTest(label)
    for (setIndex, regions) in regionSets.enumerated() {
        let checker = PageModelChecker(regions: regions, pageSize: workload.pageSize, mode: mode)
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
