#if Bitmap
extension BitmapRegion {
    /// Checks one region: padding bits taken, its free count equal to its free
    /// bits, the run tree's shape that of its words, every word's longest free
    /// run, every run-tree leaf summarizing its words (positions outside the
    /// region taken) and every inner node joining its two children. Returns
    /// the free units; throws the first violation at the address of the unit
    /// concerned (`unit << unitShift`): the first padding unit found free, the
    /// first unit of the word, leaf or node that disagrees, or the region's start.
    /// - Complexity: O(units / word width).
    func checkIntegrity(unitShift: UInt) throws(IntegrityViolation) -> Int {
        func violation(_ problem: StaticString, _ unit: UInt) -> IntegrityViolation {
            IntegrityViolation("bitmap", problem, at: unit &<< unitShift)
        }
        let width = Self.width
        if tree.shape != RunTree.Shape(wordCount: wordCount, firstWord: Kernels.wordIndex(origin))
            || wordCount != Int(bitPattern: Kernels.wordsForBits(end &- origin)) || origin != Kernels.alignDown(start, to: width) {
            throw violation("the run tree's shape disagrees with its region", start)
        }
        var free = 0
        for w in 0 ..< wordCount {
            let word = leaves[w]
            let low = origin &+ UInt(w) &* width
            // The managed bits of this word: units managedStart ..< end within low ..< low + width.
            let from = Swift.max(managedStart, low), to = Swift.min(end, low &+ width)
            let managed = from < to ? Kernels.rangeMask(from &- low, to &- from) : 0
            if word & ~managed != 0 { throw violation("a padding bit is free", low &+ Kernels.findFirstSet(word & ~managed)) }
            free += word.nonzeroBitCount
            if UInt(tree.wordLongest[w]) != Kernels.longestFreeRun(word) {
                throw violation("a word's longest free run disagrees with its word", low)
            }
        }
        if free != freeUnits { throw violation("a region's free count disagrees with its bits", start) }
        // Tree position 0 is unit `base`; a node of span s at index k of its level starts at base + k * s.
        let base = origin &- UInt(tree.shift) &* width
        let leafSpan = UInt(RunTree.groupWords) &* width
        for g in 0 ..< tree.leafCount {
            // The group's words joined one by one, each summarized afresh.
            var joined = RunSummary(word: tree.word(leaves, at: g * RunTree.groupWords))
            for i in 1 ..< RunTree.groupWords {
                joined = RunSummary(low: joined, lowSpan: UInt(i) * width,
                                    high: RunSummary(word: tree.word(leaves, at: g * RunTree.groupWords + i)))
            }
            if tree.nodes[tree.leafCount + g] != joined.asLeaf {
                throw violation("a run-tree leaf disagrees with its words", base &+ UInt(g) &* leafSpan)
            }
        }
        var level = tree.leafCount
        var span = leafSpan
        while level > 1 {
            level /= 2
            for v in level ..< 2 * level
            where tree.nodes[v] != RunSummary(low: tree.nodes[2 * v], high: tree.nodes[2 * v + 1], span: span) {
                throw violation("a run-tree node disagrees with its children", base &+ UInt(v - level) &* 2 &* span)
            }
            span *= 2
        }
        return free
    }
}
#endif
