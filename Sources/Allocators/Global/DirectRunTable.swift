/// The live runs of pages a `GlobalAllocator` handed out directly (by
/// `allocate` at or above its threshold, and by `allocatePages`), sorted by
/// start, in one block of its byte heap: so a direct run's page count is
/// known when it is freed by address, and a free of any other pointer, or
/// with a size that is not the run's, is refused.
@frozen @usableFromInline
struct DirectRunTable {
    @frozen @usableFromInline
    struct Run {
        @usableFromInline var start: UInt
        @usableFromInline var pages: Int
        /// Taken with `GlobalAllocator.allocatePages` (freed only with
        /// `deallocatePages`), not by `allocate`.
        @usableFromInline var isPageRun: Bool

        @inlinable
        init(start: UInt, pages: Int, isPageRun: Bool = false) {
            self.start = start
            self.pages = pages
            self.isPageRun = isPageRun
        }
    }

    /// The block holding the runs (nil while there are none).
    @usableFromInline var runs: UnsafeMutablePointer<Run>?
    @usableFromInline var count = 0
    @usableFromInline var capacity = 0

    @inlinable
    init() { runs = nil }

    /// Runs the table's first block holds.
    @inlinable
    static var minimumCapacity: Int { 8 }

    /// Bytes the table's block needs for `capacity` runs.
    @inlinable
    static func bytes(capacity: Int) -> Int { capacity &* MemoryLayout<Run>.stride }

    /// The index of the run starting at `start`, or nil.
    ///
    /// - Complexity: O(log count).
    @inlinable
    func index(of start: UInt) -> Int? {
        guard let runs else { return nil }
        var low = 0, high = count
        while low < high {
            let middle = (low &+ high) &>> 1
            if runs[middle].start < start { low = middle &+ 1 } else { high = middle }
        }
        return low < count && runs[low].start == start ? low : nil
    }

    /// Inserts a run (room for it is there).
    ///
    /// - Complexity: O(count).
    @usableFromInline
    mutating func insert(_ run: Run) {
        let runs = self.runs.unsafelyUnwrapped
        var index = count
        while index > 0, runs[index &- 1].start > run.start {
            runs[index] = runs[index &- 1]
            index &-= 1
        }
        runs[index] = run
        count &+= 1
    }

    /// Removes run `index`.
    ///
    /// - Complexity: O(count).
    @usableFromInline
    mutating func remove(at index: Int) {
        let runs = self.runs.unsafelyUnwrapped
        var i = index
        while i &+ 1 < count {
            runs[i] = runs[i &+ 1]
            i &+= 1
        }
        count &-= 1
    }
}
