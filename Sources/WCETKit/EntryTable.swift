/// What the heap test ran with (its `heap-test config:` line): the figures
/// the loop bounds depend on.
public struct HeapTestParameters: Sendable {
    public var wordBits: Int
    public var buddyRegionBytes: Int
    public var bitmapPages: Int

    public init(wordBits: Int, buddyRegionBytes: Int, bitmapPages: Int) {
        self.wordBits = wordBits
        self.buddyRegionBytes = buddyRegionBytes
        self.bitmapPages = bitmapPages
    }

    /// Reads `word-bits N`, `buddy-region N`, `bitmap-pages N` from the line.
    public init?(configLine line: String) {
        let fields = line.split(separator: " ").map(String.init)
        func value(_ key: String) -> Int? {
            guard let i = fields.firstIndex(of: key), i + 1 < fields.count else { return nil }
            return Int(fields[i + 1])
        }
        guard let w = value("word-bits"), let b = value("buddy-region"), let p = value("bitmap-pages") else { return nil }
        self.init(wordBits: w, buddyRegionBytes: b, bitmapPages: p)
    }
}

/// What the check expects of an entry.
public enum Expectation: Sendable {
    /// Bounded, and the measured maximum at or below the bound.
    case passes
    /// A planted entry the static analysis must reject.
    case rejected
    /// A planted entry whose stated loop bound is too small: the measured
    /// maximum must exceed the static figure.
    case exceedsItsBound
}

/// The entry points and what each may do: the one table to change when the
/// code changes. `cuts` name the callees whose paths lie outside the entry's
/// bound (a moving resize's copy, the slab's backing allocator).
public let entryTable: [(spec: EntrySpec, expectation: Expectation, tlsfOnly: Bool)] = [
    (EntrySpec(symbol: "allocators_entry_tlsf_allocate", kind: .loopFree, summary: "TLSF allocate, alignment <= G"), .passes, true),
    (EntrySpec(symbol: "allocators_entry_tlsf_allocate_aligned", kind: .loopFree, summary: "TLSF allocate, any alignment"), .passes, true),
    (EntrySpec(symbol: "allocators_entry_tlsf_deallocate", kind: .loopFree, summary: "TLSF deallocate"), .passes, true),
    (EntrySpec(symbol: "allocators_entry_tlsf_reallocate", kind: .loopFree, cuts: copyFunctions,
               summary: "TLSF reallocate in place (the moving path's copy cut)"), .passes, true),
    (EntrySpec(symbol: "allocators_entry_slab_allocate", kind: .boundedLoops, cuts: ["allocateFromBacking"],
               summary: "slab class allocate (the backing path cut)"), .passes, false),
    (EntrySpec(symbol: "allocators_entry_slab_deallocate", kind: .boundedLoops, cuts: ["deallocateToBacking"],
               summary: "slab class free (the backing path cut)"), .passes, false),
    (EntrySpec(symbol: "allocators_entry_buddy_allocate", kind: .boundedLoops, summary: "buddy allocate"), .passes, false),
    (EntrySpec(symbol: "allocators_entry_buddy_deallocate", kind: .boundedLoops, summary: "buddy deallocate"), .passes, false),
    (EntrySpec(symbol: "allocators_entry_bitmap_allocate_page", kind: .boundedLoops,
               summary: "bitmap allocate, one page"), .passes, false),
    (EntrySpec(symbol: "allocators_entry_bitmap_deallocate_page", kind: .boundedLoops,
               summary: "bitmap free, one page"), .passes, false),
    // The negative twins: a loop in an entry declared O(1) is rejected, and
    // an understated loop bound is caught by the measurement.
    (EntrySpec(symbol: "allocators_entry_planted_loop", kind: .loopFree, summary: "planted: a loop declared O(1)", mustBeRejected: true),
     .rejected, true),
    (EntrySpec(symbol: "allocators_entry_planted_loop", kind: .boundedLoops, summary: "planted: a loop bound stated too small"),
     .exceedsItsBound, true),
]

/// The bound of an x86 `rep` copy or fill whose count the code does not fix
/// (the host build copies value types inline, `rep movsb`; where every path
/// to it loads a constant count, the analysis reads it instead, as it does
/// for every copy of the entry points today). Only in entries with bounded
/// loops: in an O(1) entry such a copy is a loop, and rejected.
public let repeatBound = RepeatBound(
    bytes: 256,
    reason: "stated, not derived, as for memset and memcpy: the value types these paths copy or clear (slab descriptors, buddy and bitmap regions) are under 256 bytes")

/// The copy functions a moving path calls.
public let copyFunctions = ["memmove", "memcpy", "__aeabi_memcpy", "__aeabi_memmove"]

/// The loop bounds the sources guarantee, for the heap test's parameters.
/// Each names the function the loop's header is inlined from.
public func loopBounds(_ p: HeapTestParameters) -> [LoopBound] {
    let log2Width = p.wordBits.trailingZeroBitCount
    let minOrder = (2 * p.wordBits / 8).trailingZeroBitCount
    let maxOrder = (p.buddyRegionBytes - 1).bitWidth - (p.buddyRegionBytes - 1).leadingZeroBitCount
    let words = (p.bitmapPages + p.wordBits - 1) / p.wordBits
    var aligned = 8
    while aligned < words { aligned *= 2 }
    let leaves = 2 * aligned / 8  // the shift can double the positions once
    let depth = leaves.trailingZeroBitCount
    return [
        LoopBound(function: "setHead", iterations: [65],
                  reason: "the granules of one class in the direct table, at most 1024/16 + 1 (tableLimit is 1 KiB)"),
        LoopBound(function: "RegionTable", iterations: [3],
                  reason: "binary search over a region table's slots: log2(capacity) halvings; the heap test's tables hold at most 8 slots (the slab's initial capacity; buddy and bitmap grow from one slot by doubling)"),
        LoopBound(function: "BuddyByteAllocator", iterations: [maxOrder - minOrder],
                  reason: "splits and merges: one per order between the minimum block (2^\(minOrder)) and the region (2^\(maxOrder))"),
        LoopBound(function: "firstFit", iterations: [2 * leaves, 8],
                  reason: "the walk visits each of the \(2 * leaves) tree nodes at most once (in address order); 8 words per leaf"),
        LoopBound(function: "refresh", iterations: [max(depth + 1, 2), 8],
                  reason: "one tree level per pass up (depth \(depth)), at most 2 nodes per level for a run of 1 page, 8 words per leaf"),
        LoopBound(function: "RunTree.swift", iterations: [max(depth + 1, 2), 8],
                  reason: "refresh and group (where debug information names the file alone): as refresh"),
        LoopBound(function: "setBits", iterations: [2], reason: "the words a run of 1 page touches"),
        LoopBound(function: "firstBit", iterations: [2], reason: "the words a run of 1 page touches"),
        LoopBound(function: "group", iterations: [8], reason: "the 8 words of a leaf"),
        LoopBound(function: "longestFreeRun", iterations: [log2Width, log2Width],
                  reason: "binary lifting over log2(width) = \(log2Width) levels, fewer steps each"),
        LoopBound(function: "runStarts", iterations: [log2Width], reason: "log2(width) doubling steps"),
        LoopBound(function: "HierarchicalBitmap", iterations: [1], reason: "the regions, one here"),
        LoopBound(function: "memset", iterations: [256],
                  reason: "stated, not derived: the value types these paths copy or clear (slab descriptors, buddy and bitmap regions) are under 256 bytes, one byte per pass"),
        LoopBound(function: "memcpy", iterations: [256], reason: "as memset"),
        LoopBound(function: "EmbeddedTargets/EntryPoints/EntryPoints.swift", iterations: [1],
                  reason: "planted: understated (the planted loop is the only loop of the entry points' file), the heap test runs 16 passes"),
    ]
}
