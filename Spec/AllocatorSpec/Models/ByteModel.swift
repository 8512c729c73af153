import Allocators

/// The reference model of a byte allocator: the pools it manages and the
/// blocks that are live, with the verdicts every step must satisfy.
///
/// The verdicts are given twice: by Z3 (`ByteModelSolver`, used on small
/// scopes and incremental across steps) and by a concrete shadow over sorted
/// intervals (fast enough for long runs); the checker compares them.
public struct ByteModel {
    /// A live block as the user sees it.
    public struct Block: Equatable, Sendable {
        public let pointer: UInt
        public let byteCount: Int
        public let alignment: Int
        /// Address space the block may hold, from the geometry.
        public let extent: Range<UInt>
        /// The bytes the user was promised (at least one, so that zero-byte
        /// blocks are distinct too).
        public var promised: Range<UInt> { pointer ..< pointer + UInt(Swift.max(byteCount, 1)) }
    }

    public let geometry: ByteModelGeometry
    /// Usable ranges of the regions given so far.
    public private(set) var pools: [Range<UInt>] = []
    /// Live blocks by pointer.
    public private(set) var live: [UInt: Block] = [:]
    /// Regions as given (for overlap verdicts on addMemory).
    public private(set) var regions: [Range<UInt>] = []

    public init(geometry: ByteModelGeometry) { self.geometry = geometry }

    /// The sum of the live requested sizes.
    public var liveRequestedBytes: Int { live.values.reduce(0) { $0 + $1.byteCount } }

    /// Whether `start ..< start + size` overlaps a region already managed.
    public func overlapsManagedMemory(start: UInt, size: Int) -> Bool {
        let (end, wrapped) = start.addingReportingOverflow(UInt(size))
        guard !wrapped else { return true }
        return regions.contains { $0.overlaps(start ..< end) }
    }

    /// Records a region the allocator accepted. Its usable part is the
    /// geometry's for a region given after the ones accepted so far (the
    /// first accepted one is the initial region, whether or not it came
    /// first: an allocator that refused its `initialize` takes its first
    /// region's bookkeeping with the next one); `initial` is implied.
    public mutating func addRegion(start: UInt, size: Int, initial: Bool = false) {
        let usable = geometry.usableRange(start: start, size: size, regionsBefore: regions.count)
        regions.append(start ..< start + UInt(size))
        if let usable, usable.lower < usable.upper {
            pools.append(usable.lower ..< usable.upper)
        }
    }

    /// Records a successful allocation (after its verdict).
    public mutating func recordAllocation(pointer: UInt, byteCount: Int, alignment: Int) {
        let extent = geometry.liveExtent(pointer, byteCount, alignment)
        live[pointer] = Block(pointer: pointer, byteCount: byteCount, alignment: alignment, extent: extent.lower ..< extent.upper)
    }

    /// Records a successful free.
    public mutating func recordFree(pointer: UInt) { live[pointer] = nil }

    /// The statistics contract: nil when it holds, else what broke.
    public func statisticsViolation(total: Int, used: Int, available: Int) -> String? {
        if used + available != total { return "usedBytes \(used) + availableBytes \(available) != totalBytes \(total)" }
        let requested = liveRequestedBytes
        if used < requested { return "usedBytes \(used) < live requested bytes \(requested)" }
        let bound = live.values.reduce(requested) { $0 + geometry.overheadBound($1.byteCount, $1.alignment) }
        if used > bound { return "usedBytes \(used) > live requested bytes plus overhead bound \(bound)" }
        if live.isEmpty && used != 0 { return "usedBytes \(used) != 0 with nothing live" }
        return nil
    }

    // MARK: Concrete shadow verdicts

    /// Why a returned block breaks the model (misaligned, outside every pool,
    /// overlapping a live block), or nil when it is sound.
    public func soundnessViolation(pointer: UInt, byteCount: Int, alignment: Int) -> String? {
        if !Kernels.isAligned(pointer, to: UInt(alignment)) { return "pointer \(pointer) is not aligned to \(alignment)" }
        let (end, wrapped) = pointer.addingReportingOverflow(UInt(Swift.max(byteCount, 1)))
        if wrapped { return "block at \(pointer) of \(byteCount) bytes wraps the address space" }
        let promised = pointer ..< end
        if !pools.contains(where: { $0.lowerBound <= promised.lowerBound && promised.upperBound <= $0.upperBound }) {
            return "block \(promised) is not inside a managed pool"
        }
        if let other = live.values.first(where: { $0.promised.overlaps(promised) }) {
            return "block \(promised) overlaps live block \(other.promised)"
        }
        return nil
    }

    /// The start of a free gap of `need` bytes between live extents inside a
    /// pool, if there is one: the shadow's proof that memory was lost.
    public func freeGap(of need: UInt) -> UInt? {
        let extents = live.values.map(\.extent).sorted { $0.lowerBound < $1.lowerBound }
        for pool in pools where UInt(pool.count) >= need {
            var cursor = pool.lowerBound
            for extent in extents where extent.upperBound > cursor && extent.lowerBound < pool.upperBound {
                if extent.lowerBound > cursor, extent.lowerBound - cursor >= need { return cursor }
                cursor = Swift.max(cursor, extent.upperBound)
                if cursor >= pool.upperBound { break }
            }
            if cursor < pool.upperBound, pool.upperBound - cursor >= need { return cursor }
        }
        return nil
    }
}
