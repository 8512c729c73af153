extension BitmapRegion {
    /// The lowest unit starting `count` free units, aligned to `alignment`
    /// units (absolute: the unit number is a multiple), or nil.
    ///
    /// - Precondition: `count >= 1`; `alignment` a power of two.
    /// - Complexity: runs and alignments within a word: O(1) per leaf word
    ///   with a free unit, visited in order via the summary (fully taken words
    ///   are skipped in O(log64 n)). Longer runs or coarser alignments:
    ///   O(count / word width + log64 n) per free fragment tried, where runs
    ///   of two words or more skip to words that are entirely free.
    @inlinable
    func firstFit(count: Int, alignment: UInt) -> UInt? {
        if UInt(count) <= Self.width && alignment <= Self.width {
            return firstFitInWords(count: UInt(count), alignment: alignment)
        }
        return firstFitAcrossWords(count: count, alignment: alignment)
    }

    /// Runs of at most a word, aligned to at most a word: each word's own
    /// runs, then the run straddling into the next word.
    @inlinable
    func firstFitInWords(count: UInt, alignment: UInt) -> UInt? {
        var w = 0
        while true {
            if w >= wordCount { return nil }
            if leaves[w] == 0 {
                guard let next = someFree.next(w &+ 1) else { return nil }
                w = next
            }
            let word = leaves[w]
            let inWord = Kernels.firstAlignedRun(word, count: count, alignment: alignment)
            if inWord < Self.width { return origin &+ UInt(w) &* Self.width &+ inWord }
            if w &+ 1 < wordCount {
                let across = Kernels.straddlingRun(word, leaves[w &+ 1], count: count, alignment: alignment)
                if across < Self.width { return origin &+ UInt(w) &* Self.width &+ across }
            }
            w &+= 1
        }
    }

    /// Any run and alignment: jump to the next free unit, align, and check
    /// the run; a taken unit inside restarts the search just past it.
    @inlinable
    func firstFitAcrossWords(count: Int, alignment: UInt) -> UInt? {
        let need = UInt(count)
        var candidate = start
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
            // A run of two words or more holds a whole word, which must be all free.
            if need >= 2 &* Self.width {
                let whole = Int(Kernels.wordIndex(candidate &- origin &+ (Self.width &- 1)))
                guard let full = allFree.next(whole) else { return nil }
                if full > whole {
                    candidate = origin &+ UInt(full &- 1) &* Self.width &+ 1
                    continue
                }
            }
            guard let taken = firstBit(Int(candidate &- origin), count, free: false) else { return candidate }
            candidate = origin &+ UInt(taken) &+ 1
        }
    }
}
