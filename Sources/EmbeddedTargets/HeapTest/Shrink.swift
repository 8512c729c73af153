/// Shrinks a failing run: drops chunks of steps (halves, then quarters, …
/// down to single steps) while the replay still fails, within a budget of
/// replays, and prints what is left in the trace format (`a`/`f`/`r` lines;
/// a bad free, which the format has no op for, as a comment line).
func shrinkAndPrint<Heap: ByteHeapUnderTest & ~Copyable>(
    _ type: Heap.Type, region: UnsafeMutableRawBufferPointer, seed: UInt64, failure: WorkloadFailure, checkEveryStep: Bool
) {
    let length = Swift.max(failure.step + 1, 1)
    var keep = StepSet(all: length)
    var last = failure
    var replays = 0
    var chunk = Swift.max(length / 2, 1)
    while chunk >= 1 && replays < 200 {
        var start = 0
        while start < length && replays < 200 {
            var trial = keep
            trial.remove(start ..< Swift.min(start + chunk, length))
            if trial.count < keep.count {
                var counts = WorkloadCounts()
                replays += 1
                if let again = runWorkload(type, region: region, seed: seed, steps: length, checkEveryStep: checkEveryStep, keep: trial, counts: &counts) {
                    keep = trial
                    last = again
                }
            }
            start += chunk
        }
        if chunk == 1 { break }
        chunk /= 2
    }
    print("# trace heap-test-\(Heap.name)-shrunk")
    print("# kind bytes")
    print("# ops \(keep.count)")
    print("# slots \(HeapTestConfiguration.slots)")
    print("# desc seed \(hex(seed)), \(replays) replays; fails with: \(last.what); the frees of the end are implied")
    var stream = ByteOpStream(seed: seed, profile: Heap.profile)
    for step in 0 ..< length {
        let op = stream.next()
        guard keep.contains(step) else { continue }
        switch op {
        case let .allocate(slot, byteCount, alignment): print("a \(slot) \(byteCount) \(alignment)")
        case let .free(slot): print("f \(slot)")
        case let .reallocate(slot, newByteCount): print("r \(slot) \(newByteCount)")
        case let .badFree(slot, kind):
            let name: StaticString = switch kind {
            case .double: "double"
            case .interior: "interior"
            case .wrongSize: "wrong-size"
            case .foreign: "foreign"
            }
            print("# bad-free \(slot) \(name)")
        }
    }
}
