import Allocators
import AllocatorSpec

extension PageModelChecker {
    /// Whether the model calls `(count, alignment)` a well-formed request.
    func isWellFormed(count: Int, alignment: Int) -> Bool {
        count >= 1 && alignment >= pageSize && Kernels.isPowerOfTwo(UInt(bitPattern: alignment))
    }

    /// Performs one step and checks its verdict; a message when it broke the model.
    func perform<A: PageAllocator & ~Copyable>(
        _ step: PageStep, on allocator: inout A, model: inout PageModel, solver: PageModelSolver?, run: inout RunState
    ) -> String? {
        switch step {
        case .op(.allocatePages(let slot, let pages, let alignment)):
            guard run.slots[slot] == nil else { return nil }
            let result: Result<UInt, AllocError>
            do throws(AllocError) { result = .success(try allocator.allocatePages(count: pages, alignment: alignment)) } catch { result = .failure(error) }
            let units = UInt(alignment) >> shift
            switch result {
            case .success(let address):
                if !Kernels.isAligned(address, to: UInt(pageSize)) { return "address \(address) is not aligned to the page size" }
                if !isWellFormed(count: pages, alignment: alignment) { return "malformed request \(pages) pages aligned to \(alignment) succeeded" }
                let start = address >> shift
                if let message = model.soundnessViolation(start: start, count: pages, alignment: units) { return message }
                if let solver, let message = solver.soundnessViolation(in: model, start: start, count: pages, alignment: units) { return message }
                let lowest = model.firstFreeRun(count: pages, alignment: units)
                if let solver {
                    let below = solver.freeRun(in: model, count: pages, alignment: units, below: start)
                    if let reason = below.unknown { return "Z3 gave up on a first-fit query: \(reason)" }
                    if (below.start == nil) != (lowest == start) {
                        return "Z3 and the shadow disagree on first fit below unit \(start): z3 \(String(describing: below.start)), shadow \(String(describing: lowest))"
                    }
                }
                if lowest != start { return "not first fit: \(pages) pages aligned to \(alignment) at unit \(start), but unit \(String(describing: lowest)) is the lowest free aligned run" }
                admit(start ..< start + UInt(pages), slot: slot, model: &model, solver: solver, run: &run)
                return nil
            case .failure(let error):
                if !isWellFormed(count: pages, alignment: alignment) {
                    return error == .invalidParam ? nil : "malformed request refused with \(error), expected invalidParam"
                }
                if error != .noMemory { return "request of \(pages) pages aligned to \(alignment) refused with \(error), expected noMemory" }
                let shadow = model.firstFreeRun(count: pages, alignment: units)
                if let solver {
                    let z3 = solver.freeRun(in: model, count: pages, alignment: units)
                    if let reason = z3.unknown { return "Z3 gave up on a completeness query: \(reason)" }
                    if (z3.start == nil) != (shadow == nil) {
                        return "Z3 and the shadow disagree on a free run: z3 \(String(describing: z3.start)), shadow \(String(describing: shadow))"
                    }
                }
                if let shadow { return "lost memory: \(pages) pages aligned to \(alignment) refused with noMemory, but the run at unit \(shadow) is free" }
                return nil
            }

        case .op(.freePages(let slot)):
            guard let units = run.slots[slot] else { return nil }
            let address = units.lowerBound << shift
            if slot % 2 == 0 {
                allocator.deallocatePages(at: address, count: units.count)
            } else {
                do throws(AllocError) { try allocator.tryDeallocatePages(at: address, count: units.count) } catch {
                    return "freeing live slot \(slot) (\(units.count) pages at \(address)) failed: \(error)"
                }
            }
            forget(slot, model: &model, solver: solver, run: &run)
            return nil

        case .allocateAt(let slot, let offset, let pages, let alignment):
            guard run.slots[slot] == nil, let lowest = model.regions.first?.lowerBound else { return nil }
            let start = lowest + UInt(offset)
            let address = start << shift
            var actual: AllocError?
            do throws(AllocError) {
                let returned = try allocator.allocatePages(at: address, count: pages, alignment: alignment)
                if returned != address { return "allocatePages(at: \(address)) returned \(returned)" }
            } catch { actual = error }
            let expected: AllocError?
            if !isWellFormed(count: pages, alignment: alignment) || !Kernels.isAligned(address, to: UInt(alignment)) {
                expected = .invalidParam
            } else {
                let units = start ..< start + UInt(pages)
                let free = model.isFree(units)
                if let solver {
                    let z3 = solver.isFree(in: model, unit: start, count: pages)
                    if let reason = z3.unknown { return "Z3 gave up on a free-run query: \(reason)" }
                    if z3.free != free { return "Z3 and the shadow disagree on whether \(units) is free: z3 \(z3.free), shadow \(free)" }
                }
                expected = free ? nil : .noMemory
            }
            if actual != expected {
                return "allocatePages(at: unit \(start), \(pages) pages, alignment \(alignment)): \(String(describing: actual)), model expects \(String(describing: expected))"
            }
            if expected == nil { admit(start ..< start + UInt(pages), slot: slot, model: &model, solver: solver, run: &run) }
            return nil

        case .op(.allocate), .op(.free), .op(.reallocate):
            return nil

        case .doubleFree(let slot):
            guard let units = run.lastFreed[slot], !model.live.contains(where: { $0.overlaps(units) }) else { return nil }
            return expectRefusal(&allocator, units.lowerBound << shift, units.count, what: "double free of slot \(slot)")

        case .overrunFree(let slot):
            guard let units = run.slots[slot], !model.isLive(units.upperBound ..< units.upperBound + 1) else { return nil }
            return expectRefusal(&allocator, units.lowerBound << shift, units.count + 1, what: "freeing slot \(slot) and the page after it")

        case .foreignFree:
            let beyond = (model.regions.map(\.upperBound).max() ?? 16) + 1
            return expectRefusal(&allocator, beyond << shift, 1, what: "foreign page")

        case .holeFree(let pick, let pages):
            // The gaps between consecutive managed regions, in units.
            let sorted = model.regions.sorted { $0.lowerBound < $1.lowerBound }
            let gaps = zip(sorted, sorted.dropFirst()).map { $0.upperBound ..< $1.lowerBound }.filter { !$0.isEmpty }
            guard !gaps.isEmpty else { return nil }
            let gap = gaps[Int(pick) % gaps.count]
            // The gap's first or last page, or any between.
            let index: UInt = switch pick / 7 % 4 { case 0: 0; case 1: UInt(gap.count) - 1; default: UInt(pick) % UInt(gap.count) }
            let unit = gap.lowerBound + index
            return expectRefusal(&allocator, unit << shift, pages, what: "\(pages) pages from unit \(unit) in the gap \(gap) between regions")
        }
    }

    func admit(_ units: Range<UInt>, slot: Int, model: inout PageModel, solver: PageModelSolver?, run: inout RunState) {
        model.recordAllocation(units)
        solver?.runBecameLive(units)
        run.slots[slot] = units
    }

    func forget(_ slot: Int, model: inout PageModel, solver: PageModelSolver?, run: inout RunState) {
        guard let units = run.slots.removeValue(forKey: slot) else { return }
        let (removed, kept) = model.recordFree(units)
        for piece in removed { solver?.runWasFreed(piece) }
        for piece in kept { solver?.runBecameLive(piece) }
        run.lastFreed[slot] = units
    }

    /// A bad free must be `.notAllocated` and change nothing.
    func expectRefusal<A: PageAllocator & ~Copyable>(_ allocator: inout A, _ address: UInt, _ count: Int, what: String) -> String? {
        let before = (allocator.totalPages, allocator.usedPages, allocator.availablePages)
        do throws(AllocError) {
            try allocator.tryDeallocatePages(at: address, count: count)
            return "\(what) was accepted"
        } catch {
            if error != .notAllocated { return "\(what) refused with \(error), expected notAllocated" }
        }
        let after = (allocator.totalPages, allocator.usedPages, allocator.availablePages)
        return before == after ? nil : "\(what) changed the counts"
    }
}
