/// The address ranges of the live blocks, kept disjoint, in a treap keyed by
/// start address: an overlap check and an insertion or removal each cost
/// O(log n) expected, so the check pass stays fast on 30,000 live blocks.
final class LiveRanges {
    private var start: [UInt] = []
    private var end: [UInt] = []
    private var priority: [UInt64] = []
    private var left: [Int32] = []
    private var right: [Int32] = []
    private var freeNodes: [Int32] = []
    private var root: Int32 = -1
    private var rng: UInt64 = 0x9E37_79B9_7F4A_7C15
    private(set) var count = 0

    /// The live range that intersects `lower ..< upper`, if any.
    func overlapping(_ lower: UInt, _ upper: UInt) -> Range<UInt>? {
        // The live range with the greatest start below `upper` is the only candidate,
        // because live ranges are disjoint.
        var t = root
        var best: Int32 = -1
        while t >= 0 {
            if start[Int(t)] < upper { best = t; t = right[Int(t)] } else { t = left[Int(t)] }
        }
        guard best >= 0, end[Int(best)] > lower else { return nil }
        return start[Int(best)] ..< end[Int(best)]
    }

    /// Adds `lower ..< upper`, which must not overlap a live range.
    func insert(_ lower: UInt, _ upper: UInt) {
        rng &+= 0x9E37_79B9_7F4A_7C15
        var z = rng
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        let node: Int32
        if let reused = freeNodes.popLast() {
            node = reused
            start[Int(node)] = lower; end[Int(node)] = upper; priority[Int(node)] = z
            left[Int(node)] = -1; right[Int(node)] = -1
        } else {
            node = Int32(start.count)
            start.append(lower); end.append(upper); priority.append(z); left.append(-1); right.append(-1)
        }
        let (l, r) = split(root, lower)
        root = merge(merge(l, node), r)
        count += 1
    }

    /// Removes the range starting at `lower`; false if there is none.
    @discardableResult
    func remove(_ lower: UInt) -> Bool {
        let (l, r) = split(root, lower)
        let (m, rest) = split(r, lower &+ 1)
        root = merge(l, rest)
        guard m >= 0 else { return false }
        freeNodes.append(m)
        count -= 1
        return true
    }

    /// (keys < key, keys >= key)
    private func split(_ t: Int32, _ key: UInt) -> (Int32, Int32) {
        guard t >= 0 else { return (-1, -1) }
        if start[Int(t)] < key {
            let (a, b) = split(right[Int(t)], key)
            right[Int(t)] = a
            return (t, b)
        } else {
            let (a, b) = split(left[Int(t)], key)
            left[Int(t)] = b
            return (a, t)
        }
    }

    private func merge(_ a: Int32, _ b: Int32) -> Int32 {
        if a < 0 { return b }
        if b < 0 { return a }
        if priority[Int(a)] > priority[Int(b)] {
            right[Int(a)] = merge(right[Int(a)], b)
            return a
        } else {
            left[Int(b)] = merge(a, left[Int(b)])
            return b
        }
    }
}
