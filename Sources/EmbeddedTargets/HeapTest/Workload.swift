/// A live block of the workload: where it is, what was asked, its stamp.
struct LiveBlock {
    var pointer: UnsafeMutableRawPointer?
    var byteCount = 0
    var alignment = 0
    var stamp: UInt8 = 0
}

/// What went wrong, at which step.
struct WorkloadFailure {
    var step: Int
    var what: StaticString
}

/// Counts of a run, for the pass line.
struct WorkloadCounts {
    var allocations = 0
    var failedAllocations = 0
    var frees = 0
    var reallocations = 0
    var refusedFrees = 0
    var peakUsedBytes = 0
}

/// Runs `steps` ops of the stream of `seed` on a fresh allocator over
/// `region`, or only the steps `keep` has (for shrinking): every result
/// checked (alignment, inside the region, no overlap with a live block,
/// stamps intact at free), bad frees refused with nothing changed, and, when
/// `checkEveryStep`, the allocator's integrity and the statistics contract
/// (used + available == total, total unchanged) after every step. At the end
/// everything is freed: zero used, and the largest request that succeeded
/// on the fresh allocator succeeds again (the free memory coalesced).
func runWorkload<Heap: ByteHeapUnderTest & ~Copyable>(
    _: Heap.Type, region: UnsafeMutableRawBufferPointer, seed: UInt64, steps: Int,
    checkEveryStep: Bool, keep: StepSet?, counts: inout WorkloadCounts
) -> WorkloadFailure? {
    var heap = Heap(region: region)
    let profile = Heap.profile
    let total = heap.totalBytes
    guard heap.usedBytes == 0, heap.availableBytes == total else { return WorkloadFailure(step: -1, what: "statistics of the fresh allocator") }
    let largest = largestRequest(&heap, unit: profile.sizeUnit, alignment: profile.baseAlignment)
    var stream = ByteOpStream(seed: seed, profile: profile)
    var blocks = Array(repeating: LiveBlock(), count: HeapTestConfiguration.slots)
    let lower = UInt(bitPattern: region.baseAddress), upper = lower + UInt(region.count)
    var foreign: UInt64 = 0

    for step in 0 ..< steps {
        let op = stream.next()
        if let keep, !keep.contains(step) { continue }
        switch op {
        case let .allocate(slot, byteCount, alignment):
            guard blocks[slot].pointer == nil else { continue }
            guard let pointer = heap.allocate(byteCount: byteCount, alignment: alignment) else {
                counts.failedAllocations += 1
                continue
            }
            let address = UInt(bitPattern: pointer)
            guard address % UInt(alignment) == 0 else { return WorkloadFailure(step: step, what: "a block is misaligned") }
            guard address >= lower, address + UInt(byteCount) <= upper else { return WorkloadFailure(step: step, what: "a block lies outside the region") }
            if overlapsLive(address, byteCount, blocks) { return WorkloadFailure(step: step, what: "a block overlaps a live block") }
            blocks[slot] = LiveBlock(pointer: pointer, byteCount: byteCount, alignment: alignment, stamp: UInt8(truncatingIfNeeded: step | 1))
            stampBlock(blocks[slot])
            counts.allocations += 1
        case let .free(slot):
            guard let pointer = blocks[slot].pointer else { continue }
            guard stampIsIntact(blocks[slot]) else { return WorkloadFailure(step: step, what: "a live block was overwritten") }
            heap.deallocate(pointer, byteCount: blocks[slot].byteCount, alignment: blocks[slot].alignment)
            blocks[slot].pointer = nil
            counts.frees += 1
        case let .reallocate(slot, newByteCount):
            guard let pointer = blocks[slot].pointer else { continue }
            guard stampIsIntact(blocks[slot]) else { return WorkloadFailure(step: step, what: "a live block was overwritten") }
            let old = blocks[slot]
            guard let moved = heap.reallocate(pointer, byteCount: old.byteCount, newByteCount: newByteCount, alignment: old.alignment) else {
                counts.failedAllocations += 1
                continue
            }
            blocks[slot].pointer = nil
            let address = UInt(bitPattern: moved)
            guard address % UInt(old.alignment) == 0 else { return WorkloadFailure(step: step, what: "a resized block is misaligned") }
            guard address >= lower, address + UInt(newByteCount) <= upper else { return WorkloadFailure(step: step, what: "a resized block lies outside the region") }
            if overlapsLive(address, newByteCount, blocks) { return WorkloadFailure(step: step, what: "a resized block overlaps a live block") }
            // The contents up to the smaller size stay: check the first stamp.
            let kept = LiveBlock(pointer: moved, byteCount: Swift.min(old.byteCount, newByteCount), alignment: old.alignment, stamp: old.stamp)
            guard firstStampIsIntact(kept) else { return WorkloadFailure(step: step, what: "a resize lost the contents") }
            blocks[slot] = LiveBlock(pointer: moved, byteCount: newByteCount, alignment: old.alignment, stamp: old.stamp)
            stampBlock(blocks[slot])
            counts.reallocations += 1
        case let .badFree(slot, kind):
            guard let pointer = blocks[slot].pointer else { continue }
            let block = blocks[slot]
            var target = pointer, byteCount = block.byteCount
            switch kind {
            case .double:
                heap.deallocate(pointer, byteCount: block.byteCount, alignment: block.alignment)
                blocks[slot].pointer = nil
                counts.frees += 1
            case .interior where block.byteCount >= 32:
                // Inside the block, past its start: never another block's start
                // (off a page boundary for pages: a bitmap frees any allocated page).
                target = pointer + ((block.byteCount / 2) & ~7) + (profile.sizeUnit > 1 ? 8 : 0)
            case .wrongSize:
                // Above the request and its alignment: another class, order or block size.
                byteCount = block.byteCount * 4 + 2 * Swift.max(block.alignment, 64)
            case .interior, .foreign:
                foreign &+= 1
                target = UnsafeMutableRawPointer(bitPattern: upper + 4096 * UInt(truncatingIfNeeded: foreign % 16 + 1))!
            }
            let used = heap.usedBytes
            guard heap.tryDeallocate(target, byteCount: byteCount, alignment: block.alignment) == 4 else {
                return WorkloadFailure(step: step, what: "a bad free was not refused with .notAllocated")
            }
            guard heap.usedBytes == used else { return WorkloadFailure(step: step, what: "a refused free changed the statistics") }
            counts.refusedFrees += 1
        }
        counts.peakUsedBytes = Swift.max(counts.peakUsedBytes, heap.usedBytes)
        if checkEveryStep, let what = violation(heap, total: total) { return WorkloadFailure(step: step, what: what) }
    }

    for slot in blocks.indices {
        guard let pointer = blocks[slot].pointer else { continue }
        guard stampIsIntact(blocks[slot]) else { return WorkloadFailure(step: steps, what: "a live block was overwritten") }
        heap.deallocate(pointer, byteCount: blocks[slot].byteCount, alignment: blocks[slot].alignment)
    }
    if let what = violation(heap, total: total) { return WorkloadFailure(step: steps, what: what) }
    guard heap.usedBytes == 0 else { return WorkloadFailure(step: steps, what: "bytes still used after every block was freed") }
    if let largest {
        guard let pointer = heap.allocate(byteCount: largest, alignment: profile.baseAlignment) else {
            return WorkloadFailure(step: steps, what: "the free memory did not coalesce: the largest request of the fresh allocator fails")
        }
        heap.deallocate(pointer, byteCount: largest, alignment: profile.baseAlignment)
    }
    return nil
}

/// The integrity check and the statistics contract.
func violation<Heap: ByteHeapUnderTest & ~Copyable>(_ heap: borrowing Heap, total: Int) -> StaticString? {
    if let what = heap.integrityViolation() { return what }
    guard heap.totalBytes == total else { return "the total changed" }
    guard heap.usedBytes + heap.availableBytes == heap.totalBytes else { return "used + available != total" }
    guard heap.usedBytes >= 0, heap.usedBytes <= total else { return "used out of range" }
    return nil
}

/// The largest multiple of `unit` that the allocator hands out now (found by
/// bisection, each probe freed at once), nil when none.
func largestRequest<Heap: ByteHeapUnderTest & ~Copyable>(_ heap: inout Heap, unit: Int, alignment: Int) -> Int? {
    var low = 0, high = heap.totalBytes / unit + 1  // low fits (or is 0), high does not
    while high - low > 1 {
        let middle = low + (high - low) / 2
        if let pointer = heap.allocate(byteCount: middle * unit, alignment: alignment) {
            heap.deallocate(pointer, byteCount: middle * unit, alignment: alignment)
            low = middle
        } else {
            high = middle
        }
    }
    return low == 0 ? nil : low * unit
}

func overlapsLive(_ address: UInt, _ byteCount: Int, _ blocks: [LiveBlock]) -> Bool {
    let end = address + UInt(Swift.max(byteCount, 1))
    for block in blocks {
        guard let pointer = block.pointer else { continue }
        let start = UInt(bitPattern: pointer)
        if start < end && address < start + UInt(Swift.max(block.byteCount, 1)) { return true }
    }
    return false
}

/// The first 16 bytes of a block from its stamp, and the last 16 of a
/// block of 32 bytes or more.
func stampBlock(_ block: LiveBlock) {
    guard let pointer = block.pointer else { return }
    let bytes = pointer.assumingMemoryBound(to: UInt8.self)
    for i in 0 ..< Swift.min(block.byteCount, 16) { bytes[i] = block.stamp &+ UInt8(truncatingIfNeeded: i) }
    guard block.byteCount >= 32 else { return }
    for i in 0 ..< 16 { bytes[block.byteCount - 1 - i] = block.stamp ^ UInt8(truncatingIfNeeded: i) }
}

func stampIsIntact(_ block: LiveBlock) -> Bool {
    guard firstStampIsIntact(block), let pointer = block.pointer, block.byteCount >= 32 else { return firstStampIsIntact(block) }
    let bytes = pointer.assumingMemoryBound(to: UInt8.self)
    for i in 0 ..< 16 where bytes[block.byteCount - 1 - i] != block.stamp ^ UInt8(truncatingIfNeeded: i) { return false }
    return true
}

/// The leading stamp alone (what a resize keeps).
func firstStampIsIntact(_ block: LiveBlock) -> Bool {
    guard let pointer = block.pointer else { return true }
    let bytes = pointer.assumingMemoryBound(to: UInt8.self)
    for i in 0 ..< Swift.min(block.byteCount, 16) where bytes[i] != block.stamp &+ UInt8(truncatingIfNeeded: i) { return false }
    return true
}
