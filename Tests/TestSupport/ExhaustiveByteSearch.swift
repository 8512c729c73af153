import Allocators
import AllocatorSpec

/// A byte search's model state at a node.
struct ExhaustiveByteSnapshot {
    var model: ByteModel
    var run: ByteModelChecker.RunState
}

extension ByteModelChecker {
    /// Searches every state the allocator from `make` reaches over this
    /// checker's layout within `scope`, breadth first, and checks every step
    /// from each: allocations of `scope.requests`, frees of each live block
    /// (each followed by a double free), and in every state a foreign free and,
    /// per live block, an interior and a wrong-size free. Every step gets the
    /// verdicts of `perform` (the shadow; Z3 too on small states in
    /// `.z3AndShadow` mode), the statistics contract and `integrity`; steps
    /// that must change nothing must leave the encoding as it was.
    ///
    /// `encode` gives the allocator's canonical layout, addresses relative to
    /// `origin` (the arena's base, so relative to the region starts); the
    /// search appends the model's live blocks. A state for which `withinScope`
    /// is false lies at the scope's edge: checked on arrival, not expanded.
    ///
    /// - Complexity: O(states × steps per state × (path length + one
    ///   step's checks)): each state-changing step gets its own replay of
    ///   the state's shortest path.
    public func searchExhaustively<A: ByteAllocator & ~Copyable>(
        _ label: String, scope: ExhaustiveByteScope,
        make: @escaping () -> A,
        integrity: @escaping (inout A) -> String?,
        encode: @escaping (borrowing A, _ origin: UInt) -> [Int],
        withinScope: @escaping (borrowing A) -> Bool = { _ in true }
    ) -> ExhaustiveReport<ByteStep> {
        let render = { (steps: [ByteStep]) in renderTrace(name: exhaustiveTraceName(label), pool: self.layout.arenaSize, steps: steps) }
        if let failure = run([], make: make, integrity: integrity) {
            return reportRootFailure(label, "\(failure)", render: render)
        }
        let arena = PoolArena(layout)
        let base = arena.base, origin = UInt(bitPattern: arena.base), regions = arena.regions, arenaSize = layout.arenaSize
        let instance = ExhaustiveInstance(make())
        let z3State = ExhaustiveSolverSync<ByteModelSolver, ByteModel.Block>(
            make: { ByteModelSolver() }, register: { $0.blockBecameLive($1) }, unregister: { $0.blockWasFreed(pointer: $1.pointer) })

        /// A fresh allocator over freshly scrubbed memory, given the regions;
        /// which ones it accepted (the root check compared that with the model).
        @discardableResult
        func reset() -> [Bool] {
            instance.allocator = make()
            base.initializeMemory(as: UInt8.self, repeating: 0xA5, count: arenaSize)
            return giveRegions(regions, to: &instance.allocator)
        }
        var rootModel = ByteModel(geometry: geometry)
        for (index, accepted) in reset().enumerated() where accepted {
            rootModel.addRegion(start: regions[index].start, size: regions[index].size, initial: index == 0)
        }

        func encoding(_ snapshot: ExhaustiveByteSnapshot) -> [Int] {
            let layout = encode(instance.allocator, origin)
            let live = snapshot.model.live.values.sorted { $0.pointer < $1.pointer }
                .flatMap { [Int(bitPattern: $0.pointer &- origin), $0.byteCount, $0.alignment] }
            return [layout.count] + layout + live
        }

        let driver = ExhaustiveDriver<ByteStep, ExhaustiveByteSnapshot>(
            replay: { path, snapshot in
                reset()
                var pointers: [Int: (pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int)] = [:]
                for (index, step) in path.enumerated() {
                    switch step {
                    case .op(.allocate(let slot, let byteCount, let alignment)):
                        do throws(AllocError) {
                            pointers[slot] = (try instance.allocator.allocate(byteCount: byteCount, alignment: alignment), byteCount, alignment)
                        } catch { return "step \(index) (\(step)) failed with \(error)" }
                    case .op(.free(let slot)):
                        guard let block = pointers.removeValue(forKey: slot) else { return "step \(index) (\(step)) frees an empty slot" }
                        // As `perform` frees: even slots trap on a bad free, odd ones throw.
                        if slot % 2 == 0 {
                            instance.allocator.deallocate(block.pointer, byteCount: block.byteCount, alignment: block.alignment)
                        } else {
                            do throws(AllocError) {
                                try instance.allocator.tryDeallocate(block.pointer, byteCount: block.byteCount, alignment: block.alignment)
                            } catch { return "step \(index) (\(step)) failed with \(error)" }
                        }
                    default:
                        return "step \(index) (\(step)) changes no state"
                    }
                }
                for (slot, block) in snapshot.run.slots {
                    guard let replayed = pointers[slot], UInt(bitPattern: replayed.pointer) == block.pointer else {
                        return "slot \(slot) holds \(String(describing: pointers[slot]?.pointer)), first found at \(block.pointer)"
                    }
                    if block.byteCount > 0 {
                        replayed.pointer.storeBytes(of: block.stamp, as: UInt8.self)
                        (replayed.pointer + (block.byteCount - 1)).storeBytes(of: block.stamp, as: UInt8.self)
                    }
                }
                return pointers.count == snapshot.run.slots.count ? nil : "the replay holds \(pointers.count) blocks, the model \(snapshot.run.slots.count)"
            },
            check: { step, snapshot, z3, checksIntegrity in
                var solver: ByteModelSolver?
                if z3, case .op(.allocate) = step { solver = z3State.solver(holding: snapshot.model.live) }
                defer { if solver != nil { z3State.performed(snapshot.model.live) } }
                if let message = self.perform(step, on: &instance.allocator, model: &snapshot.model, solver: solver, run: &snapshot.run, reallocate: nil) {
                    return message
                }
                if let message = snapshot.model.statisticsViolation(
                    total: instance.allocator.totalBytes, used: instance.allocator.usedBytes, available: instance.allocator.availableBytes) {
                    return "statistics: \(message)"
                }
                return checksIntegrity ? integrity(&instance.allocator).map { "integrity: \($0)" } : nil
            },
            integrity: { integrity(&instance.allocator).map { "integrity: \($0)" } },
            encode: encoding,
            probes: { snapshot in
                guard scope.badFrees else { return [] }
                let live = snapshot.run.slots.sorted { $0.key < $1.key }
                var probes: [ByteStep] = [.foreignFree]
                for (slot, block) in live {
                    if block.byteCount >= 2 {
                        probes += [.interiorFree(slot: slot, stride: .byte, pick: 0),
                                   .interiorFree(slot: slot, stride: .blockAlignment, pick: 0)]
                    }
                    probes += [.wrongSizeFree(slot: slot, smaller: true, pick: 0), .wrongSizeFree(slot: slot, smaller: false, pick: 0),
                               .wrongAlignmentFree(slot: slot, kind: .metPower, pick: 0),
                               .wrongAlignmentFree(slot: slot, kind: .unmetPower, pick: 0)]
                }
                for (slot, block) in snapshot.run.lastFreed.sorted(by: { $0.key < $1.key })
                where snapshot.model.live[block.pointer] == nil && snapshot.run.slots[slot] == nil {
                    probes.append(.doubleFree(slot: slot))
                }
                return probes
            },
            moves: { snapshot in
                var moves: [ByteStep] = []
                if snapshot.run.slots.count < scope.maxLive {
                    let slot = (0...).first { snapshot.run.slots[$0] == nil }!
                    for request in scope.requests
                    where snapshot.run.slots.values.count(where: { $0.byteCount == request.byteCount && $0.alignment == request.alignment }) < request.maxLive {
                        moves.append(.op(.allocate(slot: slot, size: request.byteCount, alignment: request.alignment)))
                    }
                }
                moves += snapshot.run.slots.keys.sorted().map { .op(.free(slot: $0)) }
                return moves
            },
            followUp: { move, _ in
                guard scope.badFrees else { return nil }
                if case .op(.free(let slot)) = move { return .doubleFree(slot: slot) }
                return nil
            },
            withinScope: { withinScope(instance.allocator) },
            changed: { step, after in
                switch step {
                case .op(.allocate(let slot, _, _)): after.run.slots[slot] != nil
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

        let rootSnapshot = ExhaustiveByteSnapshot(model: rootModel, run: RunState())
        let root = ExhaustiveNode<ByteStep, ExhaustiveByteSnapshot>(path: [], snapshot: rootSnapshot, encoding: encoding(rootSnapshot))
        let report = runExhaustiveSearch(label, root: root, driver: driver, stateLimit: scope.stateLimit, render: render)
        _ = consume arena
        return report
    }
}
