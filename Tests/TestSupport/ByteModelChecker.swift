import Allocators
import AllocatorSpec

/// Runs byte-allocator steps on a real allocator and checks every step
/// against the reference model (`ByteModel`), by the concrete shadow and,
/// in `.z3AndShadow` mode, by Z3 too, requiring both to agree.
///
/// Per step: a success is aligned, inside a pool, disjoint from every live
/// block (and its stamped bytes survive until it is freed); a `.noMemory` is
/// allowed only when no gap of the geometry's required size exists between
/// live extents; bad frees (interior, wrong size or alignment as the
/// geometry's `describesBlock` tells them apart, double, foreign, in a hole
/// between regions) are `.notAllocated` and change nothing; the
/// statistics contract holds; the allocator's own integrity check passes.
/// At the end every block is freed, `usedBytes` must be 0, and the largest
/// request that succeeded on the empty allocator must succeed again.
public struct ByteModelChecker {
    public enum Mode: Sendable { case z3AndShadow, shadow }

    /// Where and why a run broke the model.
    public struct Failure: Error, CustomStringConvertible {
        public let stepIndex: Int
        public let message: String
        public var description: String { "step \(stepIndex): \(message)" }
    }

    public let geometry: ByteModelGeometry
    public let layout: RegionLayout
    public let mode: Mode

    public init(geometry: ByteModelGeometry, layout: RegionLayout, mode: Mode = .shadow) {
        self.geometry = geometry
        self.layout = layout
        self.mode = mode
    }

    /// The optional reallocation entry point of allocators that have one.
    public typealias Reallocate<A: ~Copyable> =
        (inout A, UnsafeMutableRawPointer, _ byteCount: Int, _ newByteCount: Int, _ alignment: Int) throws(AllocError) -> UnsafeMutableRawPointer

    struct Slot {
        var pointer: UInt
        var byteCount: Int
        var alignment: Int
        var stamp: UInt8
    }

    /// Runs `steps` on a fresh allocator from `make`; nil when every check passed.
    public func run<A: ByteAllocator & ~Copyable>(
        _ steps: [ByteStep],
        make: () -> A,
        integrity: (inout A) -> String?,
        reallocate: Reallocate<A>? = nil
    ) -> Failure? {
        let arena = PoolArena(layout)
        var allocator = make()
        var model = ByteModel(geometry: geometry)
        let solver = mode == .z3AndShadow ? ByteModelSolver() : nil
        var run = RunState(holes: arena.holes, outside: UInt(bitPattern: arena.outside))

        func fail(_ index: Int, _ message: String) -> Failure { Failure(stepIndex: index, message: message) }

        // Regions: the first through initialize, the rest through addMemory.
        for (index, region) in arena.regions.enumerated() {
            let expectOverlap = model.overlapsManagedMemory(start: region.start, size: region.size)
            do {
                if index == 0 { try allocator.initialize(start: region.start, size: region.size) }
                else { try allocator.addMemory(start: region.start, size: region.size) }
                if expectOverlap { return fail(-1, "region \(index) overlaps managed memory but was accepted") }
                if let message = Self.poolOutsideRegion(geometry, region.start, region.size, initial: index == 0) { return fail(-1, message) }
                model.addRegion(start: region.start, size: region.size, initial: index == 0)
            } catch {
                if expectOverlap, error != .memoryOverlap { return fail(-1, "overlapping region \(index): \(error), expected memoryOverlap") }
                if !expectOverlap, geometry.usableRange(start: region.start, size: region.size, regionsBefore: model.regions.count) != nil {
                    return fail(-1, "region \(index) (\(region.size) bytes) refused with \(error)")
                }
            }
        }
        if let message = afterStep(&allocator, model, integrity) { return fail(-1, message) }

        for (index, step) in steps.enumerated() {
            if let message = perform(step, on: &allocator, model: &model, solver: solver, run: &run, reallocate: reallocate) {
                return fail(index, message)
            }
            if let message = afterStep(&allocator, model, integrity) { return fail(index, message) }
        }
        if let message = drain(&allocator, model: &model, solver: solver, run: &run, integrity: integrity) {
            return fail(steps.count, message)
        }
        _ = consume allocator
        _ = consume arena
        return nil
    }

    /// The model's own check of the pool layout it borrows from the
    /// allocator's kernels: the pool (the addresses blocks may occupy) lies
    /// inside the region it was made from, so a wrong layout cannot move the
    /// model's pools, and with them its verdicts, outside the memory given.
    public static func poolOutsideRegion(_ geometry: ByteModelGeometry, _ start: UInt, _ size: Int, initial: Bool) -> String? {
        guard let pool = geometry.usableRange(start: start, size: size, initial: initial) else { return nil }
        let (end, wraps) = start.addingReportingOverflow(UInt(size))
        guard wraps || pool.lower < start || pool.upper > end || pool.lower > pool.upper else { return nil }
        return "the geometry's pool \(pool.lower) ..< \(pool.upper) is not inside its region \(start) ..< \(start &+ UInt(size))"
    }

    /// State of one run beyond the model: slots and what the end must redo.
    struct RunState {
        var slots: [Int: Slot] = [:]
        var lastFreed: [Int: Slot] = [:]
        var largestOnEmpty: (byteCount: Int, alignment: Int)?
        var stamps: UInt8 = 0
        /// The arena's holes between regions, and its page outside them.
        var holes: [Range<UInt>] = []
        var outside: UInt = 0
    }

    func afterStep<A: ByteAllocator & ~Copyable>(_ allocator: inout A, _ model: ByteModel, _ integrity: (inout A) -> String?) -> String? {
        if let message = model.statisticsViolation(total: allocator.totalBytes, used: allocator.usedBytes, available: allocator.availableBytes) {
            return "statistics: \(message)"
        }
        if let message = integrity(&allocator) { return "integrity: \(message)" }
        return nil
    }
}

/// An allocator's `checkIntegrity()` as the checkers take it: nil when its
/// state is consistent, else what broke and where.
public func integrityMessage<A: BaseAllocator & ~Copyable>(_ allocator: borrowing A) -> String? {
    do throws(IntegrityViolation) { try allocator.checkIntegrity(); return nil } catch { return error.description }
}

/// Only the problem of an allocator's `checkIntegrity()`, without where: for
/// tests that plant a corruption and expect it named.
public func integrityProblem<A: BaseAllocator & ~Copyable>(_ allocator: borrowing A) -> String? {
    do throws(IntegrityViolation) { try allocator.checkIntegrity(); return nil } catch { return "\(error.problem)" }
}
