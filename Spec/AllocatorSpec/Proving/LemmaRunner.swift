#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Synchronization

/// One lemma's verdict and the time it took.
public struct LemmaResult: Sendable {
    public let lemma: AnyLemma
    public let verdict: LemmaVerdict
    /// Wall-clock time.
    public let milliseconds: Int64
    /// CPU time of the worker thread that judged it (building the terms and
    /// every solver query): what the lemma costs, whatever else the machine runs.
    public let cpuMilliseconds: Int64
    /// Z3's resource units its queries used, summed.
    public let resources: UInt64
}

/// Runs lemmas on several workers at once. Every lemma builds its terms in a
/// Z3 context of its own (Z3 contexts are independent, so workers share
/// nothing but the queue); nothing is cached between lemmas or runs.
public enum LemmaRunner {
    /// Judges every lemma, `workers` at a time, and returns the results in
    /// the order of `lemmas`. `report` sees each result in that order too, as
    /// soon as it and all before it are done (it is called under a lock).
    public static func run(
        _ lemmas: [AnyLemma], workers: Int, limits: ProofLimits,
        report: @Sendable (LemmaResult) -> Void = { _ in }
    ) -> [LemmaResult] {
        struct Progress {
            var next = 0
            var results: [LemmaResult?]
            var reported = 0
        }
        let progress = Mutex(Progress(results: Array(repeating: nil, count: lemmas.count)))
        let clock = ContinuousClock()
        DispatchQueue.concurrentPerform(iterations: max(1, min(workers, lemmas.count))) { _ in
            while true {
                let index: Int? = progress.withLock { state in
                    guard state.next < lemmas.count else { return nil }
                    defer { state.next += 1 }
                    return state.next
                }
                guard let index else { return }
                let lemma = lemmas[index]
                var judged = (verdict: LemmaVerdict.vacuous, resources: UInt64(0))
                let cpuStart = threadCPUMilliseconds()
                let elapsed = clock.measure { judged = lemma.judged(limits) }
                let (seconds, attoseconds) = elapsed.components
                let result = LemmaResult(
                    lemma: lemma, verdict: judged.verdict, milliseconds: seconds * 1000 + attoseconds / 1_000_000_000_000_000,
                    cpuMilliseconds: threadCPUMilliseconds() - cpuStart, resources: judged.resources)
                progress.withLock { state in
                    state.results[index] = result
                    while state.reported < lemmas.count, let done = state.results[state.reported] {
                        report(done)
                        state.reported += 1
                    }
                }
            }
        }
        return progress.withLock { $0.results.map { $0! } }
    }

    /// CPU time the calling thread has used, in milliseconds.
    static func threadCPUMilliseconds() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Int64(time.tv_sec) * 1000 + Int64(time.tv_nsec) / 1_000_000
    }
}
