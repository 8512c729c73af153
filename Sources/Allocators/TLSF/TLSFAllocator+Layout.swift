#if TLSF
// Layout: read-only walks of the state that decides future behaviour, for
// tests that enumerate states (the exhaustive model check encodes a state
// from `walkBlocks` and `walkFreeLists`).

extension TLSFAllocator {
    /// Calls `body` with every free block of the lists the bitmaps mark
    /// non-empty, list by list in class order (first level, then second
    /// level, ascending) and, within a list, from its head: the order
    /// allocation takes them in (lists are LIFO). `checkIntegrity` checks
    /// that the bitmaps agree with the lists.
    ///
    /// Reads only, and only inside the pools: a list's walk stops at a link
    /// that is not a block address of a pool (a user's write over a free
    /// block can leave one) and after the free-block count (a cycle);
    /// `checkIntegrity` reports either.
    ///
    /// - Complexity: O(non-empty lists + free blocks).
    public func walkFreeLists(_ body: (_ firstLevel: Int, _ secondLevel: Int, _ block: UInt) -> Void) {
        guard control != 0 else { return }
        let limit = freeBlockCount
        var firstLevels = firstLevelBitmap
        while firstLevels != 0 {
            let first = Kernels.findFirstSet(firstLevels)
            firstLevels &= firstLevels &- 1
            guard first < UInt(bitPattern: Self.firstLevelCount) else { return }  // a stray bit: no such list
            var secondLevels = secondLevelBitmap(first)
            while secondLevels != 0 {
                let second = Kernels.findFirstSet(secondLevels)
                secondLevels &= secondLevels &- 1
                guard second < UInt(1) << Self.secondLevelLog2 else { break }
                var entry = head(first, second), steps = 0
                while entry != 0, isBlockAddress(entry), steps < limit {
                    body(Int(bitPattern: first), Int(bitPattern: second), entry)
                    entry = TLSFBlock(entry).nextFree
                    steps += 1
                }
            }
        }
    }
}
#endif
