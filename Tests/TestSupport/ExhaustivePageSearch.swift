import Allocators
import AllocatorSpec

/// A page search's model state at a node.
struct ExhaustivePageSnapshot {
    var model: PageModel
    var run: PageModelChecker.RunState
}

extension PageModelChecker {
    /// Searches every state the allocator from `make` reaches over this
    /// checker's regions within `scope`, breadth first, and checks every step
    /// from each: `scope`'s allocations (exact ones included), frees of each
    /// live run (each followed by a double free), and in every state a
    /// foreign free and, per live run, a free that overruns it. Every step
    /// gets the verdicts of `perform` (the shadow, first fit included; Z3 too
    /// on small states in `.z3AndShadow` mode), the counts contract and
    /// `integrity`; steps that must change nothing must leave the encoding as
    /// it was.
    ///
    /// `encode` gives the allocator's canonical layout, addresses relative to
    /// `origin` (the lowest region's start); the search appends the model's
    /// live runs. A state for which `withinScope` is false lies at the
    /// scope's edge: checked on arrival, not expanded.
    ///
    /// - Complexity: O(states × steps per state × (path length + one
    ///   step's checks)): each state-changing step gets its own replay of
    ///   the state's shortest path.
    public func searchExhaustively<A: PageAllocator & ~Copyable>(
        _ label: String, scope: ExhaustivePageScope,
        make: @escaping () -> A,
        integrity: @escaping (borrowing A) -> String?,
        encode: @escaping (borrowing A, _ origin: UInt) -> [Int],
        withinScope: @escaping (borrowing A) -> Bool = { _ in true }
    ) -> ExhaustiveReport<PageStep> {
        let pool = regions.reduce(0) { $0 + $1.size }
        let render = { (steps: [PageStep]) in
            renderPageTrace(name: exhaustiveTraceName(label), pool: pool, pageSize: self.pageSize, steps: steps)
        }
        if let failure = run([], make: make, integrity: integrity) {
            return reportRootFailure(label, "\(failure)", render: render)
        }
        let regions = self.regions, shift = self.shift
        let origin = regions.map(\.start).min() ?? 0, originUnit = origin >> shift
        let instance = ExhaustiveInstance(make())
        let z3State = ExhaustiveSolverSync<PageModelSolver, Range<UInt>>(
            make: { PageModelSolver() }, register: { $0.runBecameLive($1) }, unregister: { $0.runWasFreed($1) })

        /// A fresh allocator given the regions; which ones it accepted (the
        /// root check compared that with the model).
        @discardableResult
        func reset() -> [Bool] {
            instance.allocator = make()
            return giveRegions(regions, to: &instance.allocator)
        }
        var rootModel = PageModel()
        for (index, accepted) in reset().enumerated() where accepted {
            let units = geometry.managedUnits(regions[index].start, regions[index].size, rootModel.regions.count)
            if let units { rootModel.addRegion(units) }
        }
        let lowestUnit = rootModel.regions.first?.lowerBound ?? 0

        func encoding(_ snapshot: ExhaustivePageSnapshot) -> [Int] {
            let layout = encode(instance.allocator, origin)
            let live = snapshot.model.live.flatMap { [Int(bitPattern: $0.lowerBound &- originUnit), $0.count] }
            return [layout.count] + layout + live
        }

        let driver = ExhaustiveDriver<PageStep, ExhaustivePageSnapshot>(
            replay: { path, snapshot in
                reset()
                var runs: [Int: Range<UInt>] = [:]
                for (index, step) in path.enumerated() {
                    do throws(AllocError) {
                        switch step {
                        case .op(.allocatePages(let slot, let pages, let alignment)):
                            let address = try instance.allocator.allocatePages(count: pages, alignment: alignment)
                            runs[slot] = (address >> shift) ..< (address >> shift) + UInt(pages)
                        case .allocateAt(let slot, let offset, let pages, let alignment):
                            let unit = lowestUnit + UInt(offset)
                            _ = try instance.allocator.allocatePages(at: unit << shift, count: pages, alignment: alignment)
                            runs[slot] = unit ..< unit + UInt(pages)
                        case .op(.freePages(let slot)):
                            guard let units = runs.removeValue(forKey: slot) else { return "step \(index) (\(step)) frees an empty slot" }
                            // As `perform` frees: even slots trap on a bad free, odd ones throw.
                            if slot % 2 == 0 { instance.allocator.deallocatePages(at: units.lowerBound << shift, count: units.count) }
                            else { try instance.allocator.tryDeallocatePages(at: units.lowerBound << shift, count: units.count) }
                        default:
                            return "step \(index) (\(step)) changes no state"
                        }
                    } catch { return "step \(index) (\(step)) failed with \(error)" }
                }
                return runs == snapshot.run.slots ? nil : "the replay holds \(runs), the model \(snapshot.run.slots)"
            },
            check: { step, snapshot, z3, checksIntegrity in
                var solver: PageModelSolver?
                switch step {
                case .op(.allocatePages), .allocateAt: if z3 { solver = z3State.solver(holding: Self.runsByStart(snapshot.model)) }
                default: break
                }
                defer { if solver != nil { z3State.performed(Self.runsByStart(snapshot.model)) } }
                if let message = self.perform(step, on: &instance.allocator, model: &snapshot.model, solver: solver, run: &snapshot.run) {
                    return message
                }
                if let message = snapshot.model.countsViolation(
                    total: instance.allocator.totalPages, used: instance.allocator.usedPages, available: instance.allocator.availablePages) {
                    return "counts: \(message)"
                }
                return checksIntegrity ? integrity(instance.allocator).map { "integrity: \($0)" } : nil
            },
            integrity: { integrity(instance.allocator).map { "integrity: \($0)" } },
            encode: encoding,
            probes: { snapshot in
                guard scope.badFrees else { return [] }
                var probes: [PageStep] = [.foreignFree]
                for (slot, units) in snapshot.run.slots.sorted(by: { $0.key < $1.key })
                where !snapshot.model.isLive(units.upperBound ..< units.upperBound + 1) {
                    probes.append(.overrunFree(slot: slot))
                }
                for (slot, units) in snapshot.run.lastFreed.sorted(by: { $0.key < $1.key })
                where snapshot.run.slots[slot] == nil && !snapshot.model.live.contains(where: { $0.overlaps(units) }) {
                    probes.append(.doubleFree(slot: slot))
                }
                return probes
            },
            moves: { snapshot in
                var moves: [PageStep] = []
                if snapshot.run.slots.count < scope.maxLive {
                    let slot = (0...).first { snapshot.run.slots[$0] == nil }!
                    moves += scope.requests.map { request in
                        switch request {
                        case .pages(let pages, let alignment): .op(.allocatePages(slot: slot, pages: pages, alignment: alignment))
                        case .at(let offset, let pages, let alignment): .allocateAt(slot: slot, offset: offset, pages: pages, alignment: alignment)
                        }
                    }
                }
                moves += snapshot.run.slots.keys.sorted().map { .op(.freePages(slot: $0)) }
                return moves
            },
            followUp: { move, _ in
                guard scope.badFrees else { return nil }
                if case .op(.freePages(let slot)) = move { return .doubleFree(slot: slot) }
                return nil
            },
            withinScope: { withinScope(instance.allocator) },
            changed: { step, after in
                switch step {
                case .op(.allocatePages(let slot, _, _)), .allocateAt(let slot, _, _, _): after.run.slots[slot] != nil
                case .op: true
                default: false
                }
            },
            prepare: { snapshot in
                guard self.mode == .z3AndShadow, snapshot.model.live.count <= scope.z3MaxLive else { return false }
                z3State.begin()
                return true
            },
            z3Checked: { z3State.queries })

        let rootSnapshot = ExhaustivePageSnapshot(model: rootModel, run: RunState())
        let root = ExhaustiveNode<PageStep, ExhaustivePageSnapshot>(path: [], snapshot: rootSnapshot, encoding: encoding(rootSnapshot))
        return runExhaustiveSearch(label, root: root, driver: driver, stateLimit: scope.stateLimit, render: render)
    }
}

extension PageModelChecker {
    /// The model's live runs by first unit, as the solver registers them.
    static func runsByStart(_ model: PageModel) -> [UInt: Range<UInt>] {
        Dictionary(uniqueKeysWithValues: model.live.map { ($0.lowerBound, $0) })
    }
}
