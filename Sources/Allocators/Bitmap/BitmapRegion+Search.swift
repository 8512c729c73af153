#if Bitmap
extension BitmapRegion {
    /// The lowest unit starting `count` free units, aligned to `alignment`
    /// units (absolute: the unit number is a multiple), or nil.
    ///
    /// Walks the run tree in address order, carrying the free units that run
    /// up to the current node. At each node, first the fits that start in
    /// that carried run or in the node's free prefix (`alignedFit`); then,
    /// only when the node's longest free run could hold one, the fits that
    /// start after its first taken unit, by descending into its children (or
    /// at a leaf word, `firstAlignedRun`). A node no larger than the
    /// alignment is never descended: its only aligned start is its low end,
    /// already tried. Otherwise the node is passed, and the carried run
    /// becomes its free suffix (or grows by its span when it is all free).
    ///
    /// - Precondition: `count >= 1`; `alignment` a power of two.
    /// - Complexity: O(log2 n) node visits to reach the lowest node whose
    ///   longest free run holds `count` units, plus O(log2 n) per node
    ///   descended whose free runs are long enough but not aligned right.
    @inlinable
    func firstFit(count: Int, alignment: UInt) -> UInt? {
        let need = UInt(count)
        let nodes = tree.nodes
        guard UInt(nodes[1].longest) >= need else { return nil }
        let leafCount = tree.leafCount
        // Nodes of more units than this can hold an aligned start past their low end.
        let descendAbove = Swift.min(alignment, tree.alignedSpan)
        // Starts aligned to a leaf node or more lie at leaf nodes' low ends:
        // a node holds one inside only if a leaf below it has a prefix this long.
        let leafSpan = UInt(RunTree.groupWords) &* Self.width
        let leafNeed = alignment >= leafSpan ? Swift.min(need, leafSpan) : 0
        // Likewise, starts aligned to a word or more lie at words' low ends.
        let wordNeed = alignment >= Self.width ? Swift.min(need, Self.width) : 0
        // Runs inside a word are searched word by word only when they fit in one.
        let searchWords = Self.width > alignment && need <= Self.width
        var v = 1
        var span = UInt(leafCount &* RunTree.groupWords) &* Self.width
        var low = origin &- UInt(tree.shift) &* Self.width
        var run: UInt = 0  // free units right below `low`
        while true {
            // Node v: the fits from the carried run or its prefix, then its inside.
            let node = nodes[v]
            let prefix = UInt(node.prefix)
            let fit = Kernels.alignedFit(low &- run, low &+ prefix, count: need, alignment: alignment)
            if fit.fits { return fit.start }
            if UInt(node.longest) >= need && span > descendAbove && UInt(node.leafPrefix) >= leafNeed
                && UInt(node.wordPrefix) >= wordNeed {
                if v < leafCount {
                    v &*= 2
                    span &>>= 1
                    continue
                }
                do {
                    // A leaf node: its words, as nodes of one word each.
                    let first = (v &- leafCount) &* RunTree.groupWords
                    var wordLow = low
                    var wordRun = run
                    for position in first ..< first &+ RunTree.groupWords {
                        let word = tree.word(leaves, at: position)
                        let wordPrefix = Kernels.freePrefix(word)
                        let wordFit = Kernels.alignedFit(wordLow &- wordRun, wordLow &+ wordPrefix, count: need, alignment: alignment)
                        if wordFit.fits { return wordFit.start }
                        if searchWords {
                            let inWord = Kernels.firstAlignedRun(word, count: need, alignment: alignment)
                            if inWord < Self.width { return wordLow &+ inWord }
                        }
                        wordRun = wordPrefix == Self.width ? wordRun &+ Self.width : Kernels.freeSuffix(word)
                        wordLow &+= Self.width
                    }
                }
            }
            // Past node v.
            run = prefix == span ? run &+ span : UInt(node.suffix)
            low &+= span
            // The next node in address order: up past the right children, then right.
            let up = Kernels.freePrefix(UInt(v))  // its trailing ones: the right children to climb past
            v &>>= Int(up)
            if v == 0 { return nil }  // the last node of the tree
            span &<<= up
            v &+= 1
        }
    }
}
#endif
