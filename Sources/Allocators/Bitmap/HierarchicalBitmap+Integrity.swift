#if Bitmap
extension HierarchicalBitmap {
    /// Walks the region table and every region (`BitmapRegion.checkIntegrity`):
    /// the table's count within its capacity and its unused slots padding,
    /// regions sorted and disjoint, carved bookkeeping inside its region's
    /// carved units, and the counts adding up. Throws the first violation,
    /// at the address of the unit concerned (`unit << unitShift`: a page's
    /// address, or an ID), or 0 for the counts.
    /// - Complexity: O(regions + total units / word width).
    @inline(never)
    func checkIntegrity(unitShift: UInt) throws(IntegrityViolation) {
        func violation(_ problem: StaticString, _ unit: UInt) -> IntegrityViolation {
            IntegrityViolation("bitmap", problem, at: unit &<< unitShift)
        }
        if table.count < 0 || table.count > table.capacity { throw violation("the region table counts more regions than it holds", 0) }
        for i in table.count ..< table.capacity where table[i].start != .max || table[i].end != .max {
            throw violation("an unused region-table slot is not padding", table[i].start)
        }
        var free = 0
        var total = 0
        for i in 0 ..< table.count {
            let region = table[i]
            if !(region.start <= region.managedStart && region.managedStart < region.end) {
                throw violation("a region's managed units are not inside its units", region.start)
            }
            if i > 0 && table[i - 1].end > region.start { throw violation("regions out of order or overlapping", region.start) }
            if arena.storage.isCarved {
                // The block of bookkeeping, from the nodes to the last longest-run byte, lies in the carved units.
                let block = UInt(bitPattern: region.tree.nodes)
                let blockEnd = UInt(bitPattern: region.tree.wordLongest) &+ UInt(bitPattern: region.wordCount)
                if block < region.start &<< unitShift || blockEnd > region.managedStart &<< unitShift {
                    throw violation("a region's carved bookkeeping lies outside its carved units", region.start)
                }
            } else if region.managedStart != region.start {
                throw violation("a region's managed units are not inside its units", region.start)
            }
            free += try region.checkIntegrity(unitShift: unitShift)
            total += Int(region.end &- region.managedStart)
        }
        if total != totalUnits { throw violation("total units disagree with the regions", 0) }
        if totalUnits - usedUnits != free { throw violation("used units disagree with the free bits", 0) }
    }
}
#endif
