import Allocators
import AllocatorSpec

/// Runs page-allocator steps on a real allocator and checks every step
/// against the reference model (`PageModel`): by the concrete shadow and, in
/// `.z3AndShadow` mode, by Z3 too, requiring both to give the same verdict.
///
/// Per step: a success is aligned, inside a managed region, disjoint from
/// every live run, and the lowest such run (first fit); a `.noMemory` is
/// allowed only when no aligned free run of that length exists (the model
/// asks for a witness); `allocatePages(at:)` succeeds exactly when the run is
/// free; bad frees are `.notAllocated` and change nothing; the counts equal
/// the model's; the allocator's own integrity check passes. At the end every
/// run is freed, nothing may be in use, and each whole region must be
/// allocatable again.
public struct PageModelChecker {
    public enum Mode: Sendable { case z3AndShadow, shadow }

    /// Where and why a run broke the model.
    public struct Failure: Error, CustomStringConvertible {
        public let stepIndex: Int
        public let message: String
        public var description: String { "step \(stepIndex): \(message)" }
    }

    /// Regions handed to the allocator, by address and size in bytes; the
    /// allocator never touches them, so no memory backs them.
    public let regions: [(start: UInt, size: Int)]
    public let pageSize: Int
    public let mode: Mode
    /// Which units of each region are handed out (by default its whole pages).
    public let geometry: PageModelGeometry

    public init(regions: [(start: UInt, size: Int)], pageSize: Int, mode: Mode = .shadow, geometry: PageModelGeometry? = nil) {
        self.regions = regions
        self.pageSize = pageSize
        self.mode = mode
        self.geometry = geometry ?? .wholePages(pageSize: pageSize)
    }

    struct RunState {
        var slots: [Int: Range<UInt>] = [:]
        var lastFreed: [Int: Range<UInt>] = [:]
    }

    var shift: UInt { UInt(pageSize.trailingZeroBitCount) }


    /// Runs `steps` on a fresh allocator from `make`; nil when every check passed.
    public func run<A: PageAllocator & ~Copyable>(
        _ steps: [PageStep], make: () -> A, integrity: (borrowing A) -> String?
    ) -> Failure? {
        var allocator = make()
        var model = PageModel()
        let solver = mode == .z3AndShadow ? PageModelSolver() : nil
        var run = RunState()
        func fail(_ index: Int, _ message: String) -> Failure { Failure(stepIndex: index, message: message) }

        for (index, region) in regions.enumerated() {
            let units = geometry.managedUnits(region.start, region.size, model.regions.count)
            let expected: AllocError? = units == nil ? .invalidParam : model.overlapsManaged(units!) ? .memoryOverlap : nil
            var actual: AllocError?
            do throws(AllocError) {
                if index == 0 { try allocator.initialize(start: region.start, size: region.size) }
                else { try allocator.addMemory(start: region.start, size: region.size) }
            } catch { actual = error }
            if actual != expected { return fail(-1, "region \(index): \(String(describing: actual)), model expects \(String(describing: expected))") }
            if expected == nil, let units { model.addRegion(units) }
        }
        if let message = afterStep(allocator, model, integrity) { return fail(-1, message) }

        for (index, step) in steps.enumerated() {
            if let message = perform(step, on: &allocator, model: &model, solver: solver, run: &run) { return fail(index, message) }
            if let message = afterStep(allocator, model, integrity) { return fail(index, message) }
        }
        if let message = drain(&allocator, model: &model, solver: solver, run: &run, integrity: integrity) {
            return fail(steps.count, message)
        }
        return nil
    }

    func afterStep<A: PageAllocator & ~Copyable>(_ allocator: borrowing A, _ model: PageModel, _ integrity: (borrowing A) -> String?) -> String? {
        if let message = model.countsViolation(total: allocator.totalPages, used: allocator.usedPages, available: allocator.availablePages) {
            return "counts: \(message)"
        }
        if let message = integrity(allocator) { return "integrity: \(message)" }
        return nil
    }

    /// Frees everything, then requires nothing in use and every whole region
    /// to be allocatable again.
    func drain<A: PageAllocator & ~Copyable>(
        _ allocator: inout A, model: inout PageModel, solver: PageModelSolver?, run: inout RunState, integrity: (borrowing A) -> String?
    ) -> String? {
        for slot in run.slots.keys.sorted() {
            if let message = perform(.op(.freePages(slot: slot)), on: &allocator, model: &model, solver: solver, run: &run) {
                return "draining: \(message)"
            }
        }
        if let message = afterStep(allocator, model, integrity) { return "after draining: \(message)" }
        if allocator.usedPages != 0 { return "usedPages \(allocator.usedPages) after every run was freed" }
        for region in model.regions {
            do throws(AllocError) {
                let address = try allocator.allocatePages(at: region.lowerBound << shift, count: region.count, alignment: pageSize)
                try allocator.tryDeallocatePages(at: address, count: region.count)
            } catch {
                return "leaked: the whole region \(region) cannot be allocated after draining: \(error)"
            }
        }
        return nil
    }
}
