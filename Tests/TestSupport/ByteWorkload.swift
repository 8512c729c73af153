/// What random byte-allocator steps look like: sizes, alignments, how often
/// to free, reallocate, and try bad frees. Generated from a seeded generator.
public struct ByteWorkload: Sendable {
    /// Size ranges to draw from, each equally likely.
    public var sizeRanges: [ClosedRange<Int>]
    /// Alignments are 2^k for k in this range.
    public var alignmentLog2: ClosedRange<Int>
    /// Live slots at most.
    public var slots: Int
    /// Probability that a step frees a live slot (when any is live).
    public var freeProbability: Double
    /// Probability of a zero-byte request.
    public var zeroSizeProbability: Double
    /// Probability of a request near `Int.max` or with a malformed alignment.
    public var hostileProbability: Double
    /// Probability of a reallocation of a live slot.
    public var reallocateProbability: Double
    /// Probability of a deliberately bad free.
    public var badFreeProbability: Double

    public init(
        sizeRanges: [ClosedRange<Int>], alignmentLog2: ClosedRange<Int> = 0 ... 6, slots: Int = 32,
        freeProbability: Double = 0.4, zeroSizeProbability: Double = 0.03, hostileProbability: Double = 0.02,
        reallocateProbability: Double = 0, badFreeProbability: Double = 0.05
    ) {
        self.sizeRanges = sizeRanges
        self.alignmentLog2 = alignmentLog2
        self.slots = slots
        self.freeProbability = freeProbability
        self.zeroSizeProbability = zeroSizeProbability
        self.hostileProbability = hostileProbability
        self.reallocateProbability = reallocateProbability
        self.badFreeProbability = badFreeProbability
    }

    /// `count` steps.
    public func steps(_ count: Int, using random: inout SeededRandom) -> [ByteStep] {
        var live = Set<Int>(), freed = Set<Int>()
        var steps: [ByteStep] = []
        steps.reserveCapacity(count)
        while steps.count < count {
            let roll = Double.random(in: 0 ..< 1, using: &random)
            if roll < badFreeProbability {
                let kind = Int.random(in: 0 ..< 4, using: &random)
                switch kind {
                case 0 where !freed.isEmpty: steps.append(.doubleFree(slot: freed.randomElement(using: &random)!))
                case 1 where !live.isEmpty: steps.append(.interiorFree(slot: live.randomElement(using: &random)!))
                case 2 where !live.isEmpty: steps.append(.wrongSizeFree(slot: live.randomElement(using: &random)!))
                default: steps.append(.foreignFree)
                }
            } else if !live.isEmpty, roll < badFreeProbability + reallocateProbability {
                steps.append(.op(.reallocate(slot: live.randomElement(using: &random)!, newSize: size(using: &random))))
            } else if !live.isEmpty, live.count >= slots || roll < badFreeProbability + reallocateProbability + freeProbability {
                let slot = live.randomElement(using: &random)!
                live.remove(slot)
                freed.insert(slot)
                steps.append(.op(.free(slot: slot)))
            } else {
                let slot = (0 ..< slots).first { !live.contains($0) }!
                live.insert(slot)
                freed.remove(slot)
                steps.append(.op(.allocate(slot: slot, size: size(using: &random), alignment: alignment(using: &random))))
            }
        }
        return steps
    }

    func size(using random: inout SeededRandom) -> Int {
        let roll = Double.random(in: 0 ..< 1, using: &random)
        if roll < zeroSizeProbability { return 0 }
        if roll < zeroSizeProbability + hostileProbability { return Int.max - Int.random(in: 0 ..< 4096, using: &random) }
        return Int.random(in: sizeRanges.randomElement(using: &random)!, using: &random)
    }

    func alignment(using random: inout SeededRandom) -> Int {
        if Double.random(in: 0 ..< 1, using: &random) < hostileProbability {
            return [0, 3, 24, Int.min, 1 << 62].randomElement(using: &random)!
        }
        return 1 << Int.random(in: alignmentLog2, using: &random)
    }
}
