import Allocators

/// How long and how often to measure.
public struct BenchOptions: Sendable {
    /// Timed passes per backend and trace; the median is reported.
    public var passes: Int
    /// Each timed pass repeats the trace until it lasts at least this long.
    public var minimumPassNanoseconds: UInt64
    /// Ops timed one by one in the latency pass (at least one whole trace).
    public var latencySamples: Int
    /// Binary-search the smallest pool each pool backend needs per trace.
    public var minPool: Bool

    public static let full = BenchOptions(passes: 5, minimumPassNanoseconds: 30_000_000, latencySamples: 200_000, minPool: false)
    public static let quick = BenchOptions(passes: 1, minimumPassNanoseconds: 2_000_000, latencySamples: 10_000, minPool: false)

    public init(passes: Int, minimumPassNanoseconds: UInt64, latencySamples: Int, minPool: Bool) {
        self.passes = passes
        self.minimumPassNanoseconds = minimumPassNanoseconds
        self.latencySamples = latencySamples
        self.minPool = minPool
    }
}

/// One backend on one trace.
public struct BackendResult: Sendable {
    public var trace: String
    public var backend: String
    /// "peer", "ours" or anything a test registers.
    public var family: String
    /// nil when the backend was measured; otherwise why not (not applicable, unavailable, unsafe to time).
    public var skipped: String?
    public var ops: Int
    public var check: CheckReport?
    /// The median pass, nanoseconds per op.
    public var nsPerOp: Double?
    public var passes: [Double] = []
    public var timedFailures = 0
    public var latency: LatencySummary?
    /// The smallest pool found with no failure; nil when not searched or not a pool backend.
    public var minPool: Int?
    /// Why `minPool` is missing though it was searched.
    public var minPoolNote: String?

    public init(trace: String, backend: String, family: String, ops: Int) {
        self.trace = trace
        self.backend = backend
        self.family = family
        self.ops = ops
    }
}

/// A backend the suite can run: a name, a way to measure a trace with it
/// (`make bench`) and a way to count its instructions on a trace (the
/// instruction mode). Make one with `.peer`, `.byteAllocator`,
/// `.pageAllocator` or `.pooled`; each specializes the generic replay loops
/// for its concrete type.
public struct BackendEntry {
    public let name: String
    public let family: String
    public let run: (Trace, BenchOptions, LatencyClock) -> BackendResult
    /// The check pass and one counted replay, inside a callgrind worker; nil
    /// when the backend has no counted replay.
    public let count: ((Trace) -> CountedReplay)?

    public init(
        name: String, family: String, run: @escaping (Trace, BenchOptions, LatencyClock) -> BackendResult,
        count: ((Trace) -> CountedReplay)? = nil
    ) {
        self.name = name
        self.family = family
        self.run = run
        self.count = count
    }
}

extension BackendEntry {
    /// A peer allocator reached through its own entry points.
    ///
    /// The factories are `@inlinable` so that each registration specializes
    /// the replay loops for its concrete backend in the registering module.
    @inlinable
    public static func peer<B: ReplayBackend>(_ name: String, _ make: @escaping () throws -> B) -> BackendEntry {
        BackendEntry(name: name, family: "peer", run: { trace, options, clock in
            var result = BackendResult(trace: trace.name, backend: name, family: "peer", ops: trace.ops.count)
            do {
                var backend = try make()
                measure(&backend, trace: trace, options: options, clock: clock, into: &result)
            } catch {
                result.skipped = "unavailable: \(error)"
            }
            return result
        }, count: { trace in
            var result = CountedReplay(trace: trace.name, backend: name, family: "peer", ops: trace.ops.count)
            do {
                var backend = try make()
                countInstructions(&backend, trace: trace, label: name, into: &result)
            } catch {
                result.skipped = "unavailable: \(error)"
            }
            return result
        })
    }

    /// A backend over a pool of the trace's size that `make` builds (nil when
    /// it refuses the pool); `granularity` is the step of the smallest-pool search.
    @inlinable
    public static func pooled<B: ReplayBackend & ~Copyable>(
        _ name: String, family: String = "ours", granularity: Int = 4096, _ make: @escaping (Pool) -> B?
    ) -> BackendEntry {
        BackendEntry(name: name, family: family, run: { trace, options, clock in
            var result = BackendResult(trace: trace.name, backend: name, family: family, ops: trace.ops.count)
            measurePooled(trace: trace, options: options, clock: clock, granularity: granularity, into: &result, make)
            return result
        }, count: { trace in
            var result = CountedReplay(trace: trace.name, backend: name, family: family, ops: trace.ops.count)
            // Residency changes no instruction count, so the pool is reserved only.
            if var backend = makePooled(trace: trace, resident: false, skipped: &result.skipped, make) {
                countInstructions(&backend, trace: trace, label: name, into: &result)
            }
            return result
        })
    }

    /// A byte allocator of this package (or a test's), on a pool of the trace's size.
    /// `make` returns a new, uninitialized allocator (`init()`).
    @inlinable
    public static func byteAllocator<A: ByteAllocator & ~Copyable>(
        _ name: String, family: String = "ours", _ make: @escaping () -> A
    ) -> BackendEntry {
        pooled(name, family: family) { pool in PooledByteBackend(pool: pool, make: make) }
    }

    /// A page allocator of this package (or a test's); replays page traces whose page size matches.
    @inlinable
    public static func pageAllocator<A: PageAllocator & ~Copyable>(
        _ name: String, family: String = "ours", _ make: @escaping () -> A
    ) -> BackendEntry {
        pooled(name, family: family, granularity: A.pageSize) { pool in PooledPageBackend(pool: pool, make: make) }
            .restricted { trace in
                if trace.kind != .pages { return "not applicable (page allocator, byte trace)" }
                if trace.pageSize != A.pageSize { return "not applicable (page size \(A.pageSize), trace \(trace.pageSize))" }
                return nil
            }
    }

    /// This entry on the traces for which `exclusion` returns nil; on the
    /// others, a result skipped with its reason.
    public func restricted(_ exclusion: @escaping (Trace) -> String?) -> BackendEntry {
        let (name, family, run, count) = (self.name, self.family, self.run, self.count)
        return BackendEntry(name: name, family: family, run: { trace, options, clock in
            guard let reason = exclusion(trace) else { return run(trace, options, clock) }
            var result = BackendResult(trace: trace.name, backend: name, family: family, ops: trace.ops.count)
            result.skipped = reason
            return result
        }, count: count.map { count in { trace in
            guard let reason = exclusion(trace) else { return count(trace) }
            var result = CountedReplay(trace: trace.name, backend: name, family: family, ops: trace.ops.count)
            result.skipped = reason
            return result
        } })
    }
}

/// The backend `make` builds on a pool of the trace's size, or nil with the
/// reason in `skipped`.
@inlinable
func makePooled<B: ReplayBackend & ~Copyable>(
    trace: Trace, resident: Bool, skipped: inout String?, _ make: (Pool) -> B?
) -> B? {
    guard let pool = Pool(size: trace.pool, resident: resident) else {
        skipped = "cannot map a pool of \(trace.pool) bytes"
        return nil
    }
    guard let backend = make(pool) else {
        skipped = "initialize(start:size:) refused the \(trace.pool)-byte pool"
        return nil
    }
    return backend
}

/// What `byteAllocator` and `pageAllocator` run: the backend `make` builds
/// on a resident pool of the trace's size is measured; with `--min-pool`, the
/// smallest pool (a multiple of `granularity`) on which a fresh one replays
/// the trace without a failure is searched.
@inlinable
func measurePooled<B: ReplayBackend & ~Copyable>(
    trace: Trace, options: BenchOptions, clock: LatencyClock, granularity: Int,
    into result: inout BackendResult, _ make: (Pool) -> B?
) {
    guard var backend = makePooled(trace: trace, resident: true, skipped: &result.skipped, make) else { return }
    measure(&backend, trace: trace, options: options, clock: clock, into: &result)
    if options.minPool && result.skipped == nil {
        (result.minPool, result.minPoolNote) = searchMinPool(trace: trace, granularity: granularity) { size in
            guard let pool = Pool(size: size), var probe = make(pool) else { return false }
            return trace.ops.withUnsafeBufferPointer { replayOnce(&probe, $0, SlotTable(count: trace.slots)) } == 0
        }
    }
}

/// The check pass, then the timed passes (median reported), then the latency pass.
/// A backend whose check pass found overlapping or corrupted blocks is not timed.
@inlinable
public func measure<B: ReplayBackend & ~Copyable>(
    _ backend: inout B, trace: Trace, options: BenchOptions, clock: LatencyClock, into result: inout BackendResult
) {
    let check = checkPass(&backend, trace: trace)
    result.check = check
    guard check.safeToTime else {
        result.skipped = "not timed: the check pass found overlapping, corrupted, foreign or rejected blocks"
        return
    }
    var passes: [Double] = []
    for _ in 0 ..< max(options.passes, 1) {
        let (ns, failures) = timedPass(&backend, trace: trace, minimumNanoseconds: options.minimumPassNanoseconds)
        passes.append(ns)
        result.timedFailures += failures
    }
    result.passes = passes
    result.nsPerOp = passes.sorted()[passes.count / 2]
    result.latency = latencyPass(&backend, trace: trace, minimumSamples: options.latencySamples, clock: clock)
}

/// The smallest pool, in multiples of `granularity`, on which `replays` succeeds,
/// by binary search between nothing and the trace's pool (doubled up to 8 times
/// if even that fails). Failure is not strictly monotone in the pool size for
/// every allocator, so this is the smallest size found, with the one a
/// granule below it failing.
public func searchMinPool(trace: Trace, granularity: Int = 4096, replays: (Int) -> Bool) -> (Int?, String?) {
    var high = (trace.pool + granularity - 1) / granularity
    var doublings = 0
    while !replays(high * granularity) {
        doublings += 1
        if doublings > 3 { return (nil, "fails even with \(high * granularity) bytes") }
        high *= 2
    }
    var low = 0 // known (assumed) to fail
    while high - low > 1 {
        let mid = low + (high - low) / 2
        if replays(mid * granularity) { high = mid } else { low = mid }
    }
    return (high * granularity, nil)
}

/// Runs every backend on every trace, in order, calling `progress` after each.
public func runSuite(
    traces: [Trace], backends: [BackendEntry], options: BenchOptions,
    progress: (BackendResult) -> Void = { _ in }
) -> [BackendResult] {
    let clock = LatencyClock.calibrate()
    var results: [BackendResult] = []
    for trace in traces {
        for entry in backends {
            let r = entry.run(trace, options, clock)
            progress(r)
            results.append(r)
        }
    }
    return results
}
