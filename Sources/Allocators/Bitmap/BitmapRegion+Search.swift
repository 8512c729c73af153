extension BitmapRegion {
    /// The lowest unit starting `count` free units, aligned to `alignment`
    /// units (absolute: the unit number is a multiple), or nil.
    ///
    /// Every strategy starts at the run class's first-fit hint (below it no
    /// run of the class's size exists), so the densely used low addresses
    /// that first fit leaves behind are not searched again and again.
    ///
    /// - Precondition: `count >= 1`; `alignment` a power of two.
    /// - Complexity: runs and alignments within a word: O(1) per leaf word
    ///   with a free unit from the hint on (fully taken words are skipped
    ///   through the summary in O(log64 n)). Runs shorter than two words
    ///   aligned to more than a word: O(count / word width + log64 n) per
    ///   aligned start tried. Other runs: O(1) per word with a free unit from
    ///   the hint on; runs of two words or more jump to the word before the
    ///   next entirely free one.
    @inlinable
    func firstFit(count: Int, alignment: UInt) -> UInt? {
        if UInt(count) <= Self.width && alignment <= Self.width {
            return firstFitInWords(count: UInt(count), alignment: alignment)
        }
        if UInt(count) < 2 &* Self.width && alignment > Self.width {
            return firstFitAtAlignedStarts(count: count, alignment: alignment)
        }
        return firstFitAcrossWords(count: count, alignment: alignment)
    }

    /// Runs of at most a word, aligned to at most a word: each word's own
    /// runs, then the run straddling into the next word, from the first word
    /// the run class's hint allows. Words visited before the first one that
    /// holds (or straddles out of it) a run of the class's size raise the hint.
    @inlinable
    func firstFitInWords(count: UInt, alignment: UInt) -> UInt? {
        let runClass = Int(Kernels.floorLog2(count))
        let classRun = Kernels.bit(UInt(runClass))
        // A fit holds 2^runClass free units, so it ends above the hint.
        let lowest = hints[runClass] &- Int(classRun) &+ 1
        var w = lowest > 0 ? Int(Kernels.wordIndex(UInt(lowest))) : 0
        var cleanUntil = -1
        defer {
            let clean = cleanUntil < 0 ? wordCount : cleanUntil
            let raised = clean &* UInt.bitWidth
            if raised > hints[runClass] { hints[runClass] = raised }
        }
        while true {
            if w >= wordCount { return nil }
            if leaves[w] == 0 {
                guard let next = someFree.next(w &+ 1) else { return nil }
                w = next
            }
            let word = leaves[w]
            let next = w &+ 1 < wordCount ? leaves[w &+ 1] : 0
            if cleanUntil < 0 && (Kernels.runStarts(word, classRun) != 0
                || Kernels.straddlingRun(word, next, count: classRun, alignment: 1) < Self.width) {
                cleanUntil = w
            }
            let inWord = Kernels.firstAlignedRun(word, count: count, alignment: alignment)
            if inWord < Self.width { return origin &+ UInt(w) &* Self.width &+ inWord }
            if w &+ 1 < wordCount {
                let across = Kernels.straddlingRun(word, next, count: count, alignment: alignment)
                if across < Self.width { return origin &+ UInt(w) &* Self.width &+ across }
            }
            w &+= 1
        }
    }

    /// Short runs aligned to more than a word: only the aligned starts can
    /// hold them, so jump from one to the next past the first free unit at or
    /// after it, checking the run at each.
    @inlinable
    func firstFitAtAlignedStarts(count: Int, alignment: UInt) -> UInt? {
        let need = UInt(count)
        let classRun = Int(Kernels.bit(Kernels.floorLog2(need)))
        // A fit holds 2^runClass free units, so it ends above the hint.
        let lowest = origin &+ UInt(Swift.max(hints[Int(Kernels.floorLog2(need))] &- classRun &+ 1, 0))
        var candidate = Swift.max(start, lowest)
        while true {
            let aligned = Kernels.alignUp(candidate, to: alignment)
            if aligned.overflow { return nil }
            candidate = aligned.value
            guard candidate < end, need <= end &- candidate else { return nil }
            guard let free = nextFree(Int(candidate &- origin)) else { return nil }
            let firstFree = origin &+ UInt(free)
            if firstFree > candidate {
                candidate = firstFree
                continue
            }
            guard let taken = firstBit(Int(candidate &- origin), count, free: false) else { return candidate }
            candidate = origin &+ UInt(taken) &+ 1
        }
    }

    /// Any run and alignment: the free run through each word boundary,
    /// carried from word to word. Runs longer than a word, or aligned to more
    /// than a word, always hold a word boundary; runs of two words or more
    /// hold a whole free word, so the scan jumps to the word before the next
    /// one that is all free.
    @inlinable
    func firstFitAcrossWords(count: Int, alignment: UInt) -> UInt? {
        let need = UInt(count)
        let width = Self.width
        let needsWholeWord = need >= 2 &* width
        let runClass = Int(Kernels.floorLog2(need))
        let classRun = Kernels.bit(UInt(runClass))
        // Every run through a word boundary is measured whole; runs inside a
        // word matter only for classes below the word width.
        let checkInsideWords = runClass < Self.width.trailingZeroBitCount
        var firstOfClass = -1
        defer {
            if firstOfClass < 0 { firstOfClass = wordCount &* UInt.bitWidth }
            if firstOfClass > hints[runClass] { hints[runClass] = firstOfClass }
        }
        /// The lowest aligned start of `need` units in the free bits `low ..< high`.
        func fit(_ low: UInt, _ high: UInt) -> UInt? {
            if firstOfClass < 0 && high &- low >= classRun { firstOfClass = Int(low) }
            let start = Kernels.alignUp(origin &+ low, to: alignment)
            guard !start.overflow, start.value <= origin &+ high, need <= origin &+ high &- start.value else { return nil }
            return start.value
        }
        // A fit holds 2^runClass free units, so it ends above the hint.
        let lowest = hints[runClass] &- Int(classRun) &+ 1
        var w = lowest > 0 ? Int(Kernels.wordIndex(UInt(lowest))) : 0
        var run: UInt = 0  // free units running up to the start of word w
        while w < wordCount {
            let word = leaves[w]
            let base = UInt(w) &* width
            if let start = fit(base &- run, base &+ Kernels.findFirstSet(~word)) { return start }
            if checkInsideWords && firstOfClass < 0 {
                let starts = Kernels.runStarts(word, classRun)
                if starts != 0 { firstOfClass = Int(base &+ Kernels.findFirstSet(starts)) }
            }
            var next = w &+ 1
            if word == ~0 {
                run &+= width
                w = next
                continue
            }
            run = (~word).leadingZeros
            if needsWholeWord && next < wordCount {
                // The run from here through a word that is not all free is too short.
                guard let full = allFree.next(next) else { return nil }
                if full > next {
                    next = full &- 1
                    run = 0
                }
            }
            if next < wordCount && leaves[next] == 0 {
                let end = UInt(next) &* width
                if let start = fit(end &- run, end) { return start }
                run = 0
                next = someFree.next(next &+ 1) ?? wordCount
            }
            w = next
        }
        let end = UInt(wordCount) &* width
        return fit(end &- run, end)
    }
}
