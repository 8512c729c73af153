#if Bitmap
extension HierarchicalBitmap {
    /// Walks every region: regions sorted and disjoint, padding bits taken,
    /// every word's longest free run, every run-tree leaf summarizing its
    /// words (positions outside the region taken), every inner node joining its two children,
    /// the free bits counting each region's free units, and the counts
    /// adding up. Returns what broke, or nil.
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
            }
            if regionFree != region.freeUnits { return "a region's free count disagrees with its bits" }
            let tree = region.tree
            if tree.wordCount != region.wordCount || tree.shift + region.wordCount > tree.leafCount * RunTree.groupWords
                || Int(Kernels.wordIndex(region.origin)) % Int(tree.alignedSpan / BitmapRegion.width) != tree.shift {
                return "the run tree's shape disagrees with its region"
            }
            for w in 0 ..< region.wordCount where UInt(tree.wordLongest[w]) != Kernels.longestFreeRun(region.leaves[w]) {
                return "a word's longest free run disagrees with its word"
            }
            for g in 0 ..< tree.leafCount {
                // The group's words joined one by one, each summarized afresh.
                var joined = RunSummary(word: tree.word(region.leaves, at: g * RunTree.groupWords))
                for i in 1 ..< RunTree.groupWords {
                    joined = RunSummary(low: joined, lowSpan: UInt(i) * BitmapRegion.width,
                                        high: RunSummary(word: tree.word(region.leaves, at: g * RunTree.groupWords + i)))
                }
                if tree.nodes[tree.leafCount + g] != joined.asLeaf { return "a run-tree leaf disagrees with its words" }
            }
            var level = tree.leafCount
            var span = UInt(RunTree.groupWords) * BitmapRegion.width
            while level > 1 {
                level /= 2
                for v in level ..< 2 * level
                where tree.nodes[v] != RunSummary(low: tree.nodes[2 * v], high: tree.nodes[2 * v + 1], span: span) {
                    return "a run-tree node disagrees with its children"
                }
                span *= 2
            }
            free += regionFree
            total += Int(region.end &- region.start)
        }
        if total != totalUnits { return "total units disagree with the regions" }
        if totalUnits - usedUnits != free { return "used units disagree with the free bits" }
        return nil
    }
}
#endif
