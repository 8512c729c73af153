extension HierarchicalBitmap {
    /// Walks every region: regions sorted and disjoint, padding bits taken,
    /// every summary bit of every level agreeing with the words below, the
    /// free bits counting each region's free units, and the counts adding up.
    /// Returns what broke, or nil.
    /// - Complexity: O(total units / word width).
    @inline(never)
    func integrityViolation() -> StaticString? {
        var free = 0
        var total = 0
        for i in 0 ..< regionCount {
            let region = regions[i]
            if i > 0 && regions[i - 1].end > region.start { return "regions out of order or overlapping" }
            var regionFree = 0
            for w in 0 ..< region.wordCount {
                let word = region.leaves[w]
                let low = region.origin &+ UInt(w) &* BitmapRegion.width
                for b in 0 ..< UInt.bitWidth where word & Kernels.bit(UInt(b)) != 0 {
                    let unit = low &+ UInt(b)
                    if unit < region.start || unit >= region.end { return "a padding bit is free" }
                    regionFree += 1
                }
                if region.someFree.isMarked(w) != (word != 0) { return "some-free summary disagrees with a leaf" }
                if region.allFree.isMarked(w) != (word == ~0) { return "all-free summary disagrees with a leaf" }
            }
            for summary in [region.someFree, region.allFree] {
                for level in 1 ..< max(summary.levelCount, 1) {
                    let below = summary.levelStart[level - 1]
                    for w in 0 ..< summary.levelStart[level] - below {
                        let parent = summary.levelStart[level] + w / UInt.bitWidth
                        let marked = summary.words[parent] & Kernels.bit(Kernels.bitOffset(UInt(w))) != 0
                        if marked != (summary.words[below + w] != 0) { return "a summary level disagrees with the level below" }
                    }
                }
            }
            if regionFree != region.freeUnits { return "a region's free count disagrees with its bits" }
            // Hints: no 2^c consecutive free units entirely below hints[c].
            var runStart = 0
            var runLength = 0
            for bit in 0 ... region.wordCount * UInt.bitWidth {
                let free = bit < region.wordCount * UInt.bitWidth
                    && region.leaves[bit / UInt.bitWidth] & Kernels.bit(Kernels.bitOffset(UInt(bit))) != 0
                if free {
                    if runLength == 0 { runStart = bit }
                    runLength += 1
                    continue
                }
                for c in 0 ..< BitmapRegion.hintClasses where c < Int.bitWidth - 2 && 1 << c <= runLength && runStart + (1 << c) <= region.hints[c] {
                    return "a first-fit hint skips a free run of its class"
                }
                runLength = 0
            }
            free += regionFree
            total += Int(region.end &- region.start)
        }
        if total != totalUnits { return "total units disagree with the regions" }
        if totalUnits - usedUnits != free { return "used units disagree with the free bits" }
        return nil
    }
}
