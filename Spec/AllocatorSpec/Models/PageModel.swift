import Allocators

/// The reference model of a page or ID allocator, in units (page numbers or
/// IDs): the managed regions and the live runs, with the verdicts every step
/// must satisfy.
///
/// The verdicts are given twice: by Z3 (`PageModelSolver`, small scopes,
/// incremental across steps) and by this concrete shadow over sorted
/// intervals (fast enough for long runs); the checker compares them.
public struct PageModel {
    /// Managed units, sorted and disjoint.
    public private(set) var regions: [Range<UInt>] = []
    /// Live runs, sorted and disjoint.
    public private(set) var live: [Range<UInt>] = []

    public init() {}

    public var totalUnits: Int { regions.reduce(0) { $0 + $1.count } }
    public var usedUnits: Int { live.reduce(0) { $0 + $1.count } }

    /// `count` units from `start`, or nil when that wraps.
    public static func run(_ start: UInt, _ count: Int) -> Range<UInt>? {
        guard count >= 0 else { return nil }
        let (end, wrapped) = start.addingReportingOverflow(UInt(count))
        return wrapped ? nil : start ..< end
    }

    /// Whether `units` overlaps a managed region.
    public func overlapsManaged(_ units: Range<UInt>) -> Bool { regions.contains { $0.overlaps(units) } }

    /// Records a region the allocator accepted.
    public mutating func addRegion(_ units: Range<UInt>) {
        regions.append(units)
        regions.sort { $0.lowerBound < $1.lowerBound }
    }

    /// Whether `units` lies inside one managed region.
    public func isManaged(_ units: Range<UInt>) -> Bool {
        !units.isEmpty && regions.contains { $0.lowerBound <= units.lowerBound && units.upperBound <= $0.upperBound }
    }

    /// Whether `units` is managed and disjoint from every live run.
    public func isFree(_ units: Range<UInt>) -> Bool { isManaged(units) && !live.contains { $0.overlaps(units) } }

    /// Whether every unit of `units` belongs to a live run.
    public func isLive(_ units: Range<UInt>) -> Bool {
        guard !units.isEmpty else { return false }
        var cursor = units.lowerBound
        for run in live where run.upperBound > cursor && run.lowerBound <= cursor {
            cursor = run.upperBound
            if cursor >= units.upperBound { return true }
        }
        return false
    }

    /// Records a successful allocation (after its verdict).
    public mutating func recordAllocation(_ units: Range<UInt>) {
        let index = live.firstIndex { $0.lowerBound > units.lowerBound } ?? live.endIndex
        live.insert(units, at: index)
    }

    /// Records a successful free: the units leave their live runs, which may
    /// split. Returns the runs removed and the pieces that remain live.
    @discardableResult
    public mutating func recordFree(_ units: Range<UInt>) -> (removed: [Range<UInt>], kept: [Range<UInt>]) {
        var removed: [Range<UInt>] = [], kept: [Range<UInt>] = [], next: [Range<UInt>] = []
        for run in live {
            guard run.overlaps(units) else { next.append(run); continue }
            removed.append(run)
            if run.lowerBound < units.lowerBound { kept.append(run.lowerBound ..< units.lowerBound) }
            if units.upperBound < run.upperBound { kept.append(units.upperBound ..< run.upperBound) }
        }
        live = (next + kept).sorted { $0.lowerBound < $1.lowerBound }
        return (removed, kept)
    }

    // MARK: Concrete shadow verdicts

    /// Why a returned run breaks the model (misaligned, outside every region,
    /// overlapping a live run), or nil when it is sound.
    public func soundnessViolation(start: UInt, count: Int, alignment: UInt) -> String? {
        if !Kernels.isAligned(start, to: alignment) { return "run at unit \(start) is not aligned to \(alignment) units" }
        guard let units = Self.run(start, count) else { return "run at unit \(start) of \(count) wraps" }
        if !isManaged(units) { return "run \(units) is not inside a managed region" }
        if let other = live.first(where: { $0.overlaps(units) }) { return "run \(units) overlaps live run \(other)" }
        return nil
    }

    /// The lowest start of `count` free units aligned to `alignment` units,
    /// or nil: first fit as the model defines it.
    public func firstFreeRun(count: Int, alignment: UInt) -> UInt? {
        guard count >= 1 else { return nil }
        var found: UInt?
        forEachAlignedGap(alignment: alignment) { start, end in
            if end - start >= UInt(count) { found = start }
            return found == nil
        }
        return found
    }

    /// `firstFreeRun(count:alignment:)` for every count in `1 ... maxCount`
    /// at once (index `count - 1`), by the same walk over the gaps.
    public func firstFreeRuns(upTo maxCount: Int, alignment: UInt) -> [UInt?] {
        var result = [UInt?](repeating: nil, count: maxCount)
        var assigned = 0
        forEachAlignedGap(alignment: alignment) { start, end in
            // Every count up to the gap's length fits here, first fit for those not placed yet.
            let fits = Int(Swift.min(end - start, UInt(maxCount)))
            while assigned < fits {
                result[assigned] = start
                assigned += 1
            }
            return assigned < maxCount
        }
        return result
    }

    /// Calls `body` with each gap between live runs, in address order, as
    /// `start ..< end` with `start` aligned up to `alignment` (gaps that hold
    /// no aligned unit are skipped), until `body` returns false.
    func forEachAlignedGap(alignment: UInt, _ body: (_ start: UInt, _ end: UInt) -> Bool) {
        for region in regions {
            let runs = live.filter { region.overlaps($0) }
            var cursor = region.lowerBound
            for index in 0 ... runs.count {
                let gapEnd = index < runs.count ? runs[index].lowerBound : region.upperBound
                let start = Kernels.alignUp(cursor, to: alignment)
                if !start.overflow, start.value < gapEnd, !body(start.value, gapEnd) { return }
                if index < runs.count { cursor = runs[index].upperBound }
            }
        }
    }

    /// The counts contract: exact at all times.
    public func countsViolation(total: Int, used: Int, available: Int) -> String? {
        if total != totalUnits { return "total \(total) != model's \(totalUnits)" }
        if used != usedUnits { return "used \(used) != model's \(usedUnits)" }
        if available != total - used { return "available \(available) != total \(total) - used \(used)" }
        return nil
    }
}
