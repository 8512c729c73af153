/// What random byte-allocator steps look like: sizes, alignments, how often
/// to free, reallocate, try bad frees and write after a free. Generated from
/// a seeded generator.
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
    /// Probability of a deliberately bad free: a double free, an interior
    /// pointer, a wrong size or alignment, a foreign pointer or one in a hole
    /// between regions.
    public var badFreeProbability: Double
    /// Probability of a use after free: a free, a write of a forged address
    /// over the freed block's first words, then allocations of the same size
    /// that may take the block (and its forged links) again. Zero unless
    /// asked for: an allocator may trap on it, so such runs belong in a
    /// process of their own (an exit test).
    public var useAfterFreeProbability: Double
    /// The addresses use-after-free writes forge, each equally likely.
    public var forgedAddresses: [ForgedAddress]

    public init(
        sizeRanges: [ClosedRange<Int>], alignmentLog2: ClosedRange<Int> = 0 ... 6, slots: Int = 32,
        freeProbability: Double = 0.4, zeroSizeProbability: Double = 0.03, hostileProbability: Double = 0.02,
        reallocateProbability: Double = 0, badFreeProbability: Double = 0.05, useAfterFreeProbability: Double = 0,
        forgedAddresses: [ForgedAddress] = ForgedAddress.allCases
    ) {
        self.sizeRanges = sizeRanges
        self.alignmentLog2 = alignmentLog2
        self.slots = slots
        self.freeProbability = freeProbability
        self.zeroSizeProbability = zeroSizeProbability
        self.hostileProbability = hostileProbability
        self.reallocateProbability = reallocateProbability
        self.badFreeProbability = badFreeProbability
        self.useAfterFreeProbability = useAfterFreeProbability
        self.forgedAddresses = forgedAddresses
    }

    /// `count` steps.
    public func steps(_ count: Int, using random: inout SeededRandom) -> [ByteStep] {
        var live = Set<Int>(), freed = Set<Int>()
        var requests: [Int: (size: Int, alignment: Int)] = [:]
        var steps: [ByteStep] = []
        steps.reserveCapacity(count)
        func allocate(_ size: Int, _ alignment: Int) {
            let slot = (0 ..< slots).first { !live.contains($0) }!
            live.insert(slot)
            freed.remove(slot)
            requests[slot] = (size, alignment)
            steps.append(.op(.allocate(slot: slot, size: size, alignment: alignment)))
        }
        func free(_ slot: Int) {
            live.remove(slot)
            freed.insert(slot)
            steps.append(.op(.free(slot: slot)))
        }
        while steps.count < count {
            let roll = Double.random(in: 0 ..< 1, using: &random)
            if roll < badFreeProbability {
                steps.append(badFree(live: live, freed: freed, using: &random))
            } else if !live.isEmpty, roll < badFreeProbability + useAfterFreeProbability {
                // Free, forge the links, then ask for the same size again.
                let slot = live.randomElement(using: &random)!
                free(slot)
                let forged = forgedAddresses.randomElement(using: &random)!
                steps.append(.useAfterFreeWrite(slot: slot, forged: forged, words: Int.random(in: 1 ... 4, using: &random)))
                let request = requests[slot]!
                for _ in 0 ..< Int.random(in: 1 ... 3, using: &random) where live.count < slots {
                    allocate(request.size, request.alignment)
                }
            } else if !live.isEmpty, roll < badFreeProbability + useAfterFreeProbability + reallocateProbability {
                steps.append(.op(.reallocate(slot: live.randomElement(using: &random)!, newSize: size(using: &random))))
            } else if !live.isEmpty, live.count >= slots
                        || roll < badFreeProbability + useAfterFreeProbability + reallocateProbability + freeProbability {
                free(live.randomElement(using: &random)!)
            } else {
                allocate(size(using: &random), alignment(using: &random))
            }
        }
        return steps
    }

    /// One bad free: which kind, and the random pick the checker turns into
    /// an address, size or alignment.
    func badFree(live: Set<Int>, freed: Set<Int>, using random: inout SeededRandom) -> ByteStep {
        let pick = UInt32.random(in: 0 ... .max, using: &random)
        let slot = live.randomElement(using: &random)
        switch Int.random(in: 0 ..< 10, using: &random) {
        case 0 where !freed.isEmpty:
            return .doubleFree(slot: freed.randomElement(using: &random)!)
        case 1 ... 2 where slot != nil:
            let strides: [InteriorStride] = [.byte, .blockAlignment, .power(log2: Int.random(in: 3 ... 12, using: &random))]
            return .interiorFree(slot: slot!, stride: strides.randomElement(using: &random)!, pick: pick)
        case 3 ... 4 where slot != nil:
            return .wrongSizeFree(slot: slot!, smaller: Bool.random(using: &random), pick: pick)
        case 5 ... 6 where slot != nil:
            let kinds: [WrongAlignment] = [.metPower, .unmetPower, .notAPower]
            return .wrongAlignmentFree(slot: slot!, kind: kinds.randomElement(using: &random)!, pick: pick)
        case 7 ... 8:
            return .holeFree(pick: pick, alignmentLog2: [0, 3, 4, 6, 12].randomElement(using: &random)!)
        default:
            return .foreignFree
        }
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
