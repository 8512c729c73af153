#if Bitmap
// Layout: a read-only walk of the state that decides future behaviour, for
// tests that enumerate states (the exhaustive model check encodes a state
// from it): first fit over the bitmap makes the allocated pages the whole state.

extension BitmapPageAllocator {
    /// Calls `body` with every maximal run of allocated pages, in address
    /// order: the address of its first page and its length in pages. Runs
    /// never span two regions; pages that hold carved bookkeeping are not
    /// allocations and are not walked.
    ///
    /// - Complexity: O(totalPages + regions).
    public func walkAllocatedRuns(_ body: (_ address: UInt, _ pages: Int) -> Void) {
        for index in 0 ..< bitmap.table.count {
            let region = bitmap.table[index]
            var runStart: UInt?
            for unit in region.managedStart ..< region.end {
                let bit = unit &- region.origin
                let free = region.leaves[Int(bitPattern: Kernels.wordIndex(bit))] & Kernels.bit(Kernels.bitOffset(bit)) != 0
                if !free, runStart == nil { runStart = unit }
                if free, let start = runStart {
                    body(start &<< Self.pageShift, Int(bitPattern: unit &- start))
                    runStart = nil
                }
            }
            if let start = runStart { body(start &<< Self.pageShift, Int(bitPattern: region.end &- start)) }
        }
    }
}
#endif
