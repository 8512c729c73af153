/// One summary hierarchy of a bitmap: a bit per leaf word telling whether
/// that word has some property (any free bit, or all bits free), then a bit
/// per summary word telling whether that word is non-zero, up to one word.
///
/// ```
/// level 2                          [w0]                  one word
///                                 /    \
/// level 1              [w0 ........... w63]              bit j: level-0 word j != 0
///                     /    \
/// level 0    [w0 w1 ................. w4095]              bit i: leaf word i has the property
/// leaves     [64 bits][64 bits] .... 262,144 bits        bit = 1: the unit is free
/// ```
///
/// Finding the next marked leaf word at or after an index climbs while the
/// current word has nothing at or after the position, then descends by
/// find-first-set: O(levels) = O(log64 n) word operations.
@usableFromInline
struct BitSummary {
    /// All levels, level 0 first.
    @usableFromInline let words: UnsafeMutablePointer<UInt>
    /// `levelStart[k] ..< levelStart[k + 1]` are the words of level `k`.
    @usableFromInline let levelStart: UnsafeMutablePointer<Int>
    @usableFromInline let levelCount: Int

    /// A summary of `leafWords` leaf words, every bit clear.
    init(leafWords: Int) {
        var counts: [Int] = []
        var bits = leafWords
        repeat {
            let wordsHere = Int(Kernels.wordIndex(UInt(bits) &+ UInt(UInt.bitWidth - 1)))
            counts.append(wordsHere)
            bits = wordsHere
        } while bits > 1
        levelCount = counts.count
        levelStart = .allocate(capacity: levelCount + 1)
        var total = 0
        for (level, count) in counts.enumerated() {
            levelStart[level] = total
            total += count
        }
        levelStart[levelCount] = total
        words = .allocate(capacity: total)
        words.initialize(repeating: 0, count: total)
    }

    func release() {
        words.deallocate()
        levelStart.deallocate()
    }

    /// Sets or clears the mark of leaf word `index`, updating the levels above
    /// only while a word turns zero or non-zero.
    /// - Complexity: O(log64 n), O(1) amortized.
    @inlinable @inline(__always)
    func set(_ index: Int, _ value: Bool) {
        var i = UInt(index)
        var marked = value
        var level = 0
        while level < levelCount {
            let w = levelStart[level] + Int(Kernels.wordIndex(i))
            let bit = Kernels.bit(Kernels.bitOffset(i))
            let old = words[w]
            let new = marked ? old | bit : old & ~bit
            words[w] = new
            if (old == 0) == (new == 0) { return }
            marked = new != 0
            i = Kernels.wordIndex(i)
            level += 1
        }
    }

    /// Whether leaf word `index` is marked.
    @inlinable @inline(__always)
    func isMarked(_ index: Int) -> Bool {
        let i = UInt(index)
        return words[Int(Kernels.wordIndex(i))] & Kernels.bit(Kernels.bitOffset(i)) != 0
    }

    /// The first marked leaf word at or after `index`, or nil.
    /// - Complexity: O(log64 n) word operations.
    @inlinable
    func next(_ index: Int) -> Int? {
        var i = UInt(index)
        var level = 0
        while true {
            let w = Int(Kernels.wordIndex(i))
            guard w < levelStart[level + 1] - levelStart[level] else { return nil }
            let found = Kernels.findFirstSetAtOrAbove(words[levelStart[level] + w], Kernels.bitOffset(i))
            if found < UInt(UInt.bitWidth) {
                i = (i & ~UInt(UInt.bitWidth - 1)) | found
                break
            }
            if level == levelCount - 1 { return nil }
            i = Kernels.wordIndex(i) &+ 1
            level += 1
        }
        while level > 0 {
            level -= 1
            i = i &* UInt(UInt.bitWidth) &+ Kernels.findFirstSet(words[levelStart[level] + Int(i)])
        }
        return Int(i)
    }
}
