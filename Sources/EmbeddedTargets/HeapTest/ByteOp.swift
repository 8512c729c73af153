/// One step of a workload, on a slot of the live table.
enum ByteOp {
    case allocate(slot: Int, byteCount: Int, alignment: Int)
    case free(slot: Int)
    case reallocate(slot: Int, newByteCount: Int)
    /// A free the allocator must refuse with `.notAllocated`, changing nothing.
    case badFree(slot: Int, kind: BadFree)
}

enum BadFree {
    /// The block of the slot freed, then freed again.
    case double
    /// A pointer into the middle of the slot's block.
    case interior
    /// The slot's block with a size it cannot have.
    case wrongSize
    /// A pointer no allocator here handed out.
    case foreign
}

/// The ops of a workload, drawn from a seed alone (not from what the
/// allocator answers), so that a subset of them replays: an op whose slot
/// does not fit it at replay (freeing an empty slot) is skipped.
struct ByteOpStream {
    var random: SeededRandom
    let profile: WorkloadProfile
    /// The slots the stream believes live.
    var live: [Bool]

    init(seed: UInt64, profile: WorkloadProfile) {
        random = SeededRandom(seed: seed)
        self.profile = profile
        live = Array(repeating: false, count: HeapTestConfiguration.slots)
    }

    mutating func next() -> ByteOp {
        let slot = random.below(live.count)
        let roll = random.below(100)
        guard live[slot] else {
            live[slot] = true
            return .allocate(slot: slot, byteCount: size(), alignment: alignment())
        }
        switch roll {
        case 0 ..< 8:
            let kinds: [BadFree] = profile.refusesWrongSizes ? [.double, .interior, .wrongSize, .foreign] : [.double, .interior, .foreign]
            let kind = kinds[random.below(kinds.count)]
            if kind == .double { live[slot] = false }
            return .badFree(slot: slot, kind: kind)
        case 8 ..< 22 where profile.reallocates:
            return .reallocate(slot: slot, newByteCount: size())
        default:
            live[slot] = false
            return .free(slot: slot)
        }
    }

    mutating func size() -> Int {
        let roll = random.below(100)
        let bound = roll < 75 ? profile.smallSizes : roll < 97 ? profile.mediumSizes : profile.largeSizes
        let units = Swift.max(bound / profile.sizeUnit, 1)
        return (1 + random.below(units)) * profile.sizeUnit
    }

    mutating func alignment() -> Int {
        guard random.below(100) < 15 else { return profile.baseAlignment }
        var alignment = profile.baseAlignment
        let doublings = random.below(16)
        for _ in 0 ..< doublings where alignment < profile.largestAlignment { alignment *= 2 }
        return alignment
    }
}
