/// A set of step numbers below a bound, one bit each: the steps a shrunk
/// replay keeps.
struct StepSet {
    var words: [UInt32]

    /// Every step below `count`.
    init(all count: Int) {
        words = Array(repeating: .max, count: (count + 31) / 32)
        if count % 32 != 0 { words[words.count - 1] = (1 << UInt32(count % 32)) - 1 }
    }

    func contains(_ step: Int) -> Bool {
        step / 32 < words.count && words[step / 32] & (1 << UInt32(step % 32)) != 0
    }

    mutating func remove(_ steps: Range<Int>) {
        for step in steps where step / 32 < words.count { words[step / 32] &= ~(1 << UInt32(step % 32)) }
    }

    var count: Int {
        var n = 0
        for word in words { n += word.nonzeroBitCount }
        return n
    }
}
