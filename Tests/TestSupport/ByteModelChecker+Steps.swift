import Allocators
import AllocatorSpec

extension ByteModelChecker {
    /// Performs one step and checks its verdict; a message when it broke the model.
    func perform<A: ByteAllocator & ~Copyable>(
        _ step: ByteStep, on allocator: inout A, model: inout ByteModel, solver: ByteModelSolver?,
        run: inout RunState, reallocate: Reallocate<A>?
    ) -> String? {
        switch step {
        case .op(.allocate(let slot, let byteCount, let alignment)):
            guard run.slots[slot] == nil else { return nil }
            let wasEmpty = model.live.isEmpty
            let result: Result<UnsafeMutableRawPointer, AllocError>
            do throws(AllocError) { result = .success(try allocator.allocate(byteCount: byteCount, alignment: alignment)) } catch { result = .failure(error) }
            switch result {
            case .success(let pointer):
                if let message = admit(pointer, byteCount, alignment, model: &model, solver: solver, run: &run, slot: slot) { return message }
                if wasEmpty, byteCount > (run.largestOnEmpty?.byteCount ?? -1) { run.largestOnEmpty = (byteCount, alignment) }
                return nil
            case .failure(let error):
                return refusalViolation(error, byteCount, alignment, model: model, solver: solver)
            }

        case .op(.free(let slot)):
            guard let block = run.slots[slot] else { return nil }
            if let message = verifyStamp(block) { return message }
            let pointer = UnsafeMutableRawPointer(bitPattern: block.pointer)!
            if slot % 2 == 0 {
                allocator.deallocate(pointer, byteCount: block.byteCount, alignment: block.alignment)
            } else {
                do throws(AllocError) { try allocator.tryDeallocate(pointer, byteCount: block.byteCount, alignment: block.alignment) } catch {
                    return "freeing live slot \(slot) at \(block.pointer) failed: \(error)"
                }
            }
            forget(slot, model: &model, solver: solver, run: &run)
            return nil

        case .op(.reallocate(let slot, let newByteCount)):
            guard let reallocate, let block = run.slots[slot] else { return nil }
            if let message = verifyStamp(block) { return message }
            let old = UnsafeMutableRawPointer(bitPattern: block.pointer)!
            do throws(AllocError) {
                let moved = try reallocate(&allocator, old, block.byteCount, newByteCount, block.alignment)
                // The first byte always survives; the old last byte survives when it still fits.
                let first = moved.load(as: UInt8.self)
                if block.byteCount > 0, newByteCount > 0, first != block.stamp {
                    return "reallocate lost the block's contents (first byte \(first), expected \(block.stamp))"
                }
                forget(slot, model: &model, solver: solver, run: &run)
                return admit(moved, newByteCount, block.alignment, model: &model, solver: solver, run: &run, slot: slot)
            } catch {
                if let message = verifyStamp(block) { return "after a failed reallocate: \(message)" }
                return refusalViolation(error, newByteCount, block.alignment, model: model, solver: solver)
            }

        case .op(.allocatePages), .op(.freePages):
            return nil

        case .doubleFree(let slot):
            guard let block = run.lastFreed[slot], model.live[block.pointer] == nil else { return nil }
            return expectRefusal(&allocator, block.pointer, block.byteCount, block.alignment, model: model, what: "double free of slot \(slot)")

        case .interiorFree, .wrongSizeFree, .wrongAlignmentFree, .holeFree, .useAfterFreeWrite:
            return performHostile(step, on: &allocator, model: model, run: run)

        case .foreignFree:
            // An address past every region, aligned like a real block.
            let beyond = (model.regions.map(\.upperBound).max() ?? 0x10000) + 4096
            return expectRefusal(&allocator, beyond & ~15, 16, 16, model: model, what: "foreign pointer")
        }
    }

    /// Checks a block the allocator handed out, then records and stamps it.
    func admit(
        _ pointer: UnsafeMutableRawPointer, _ byteCount: Int, _ alignment: Int,
        model: inout ByteModel, solver: ByteModelSolver?, run: inout RunState, slot: Int
    ) -> String? {
        let address = UInt(bitPattern: pointer)
        if geometry.requiredGap(byteCount, alignment) == nil {
            return "request of \(byteCount) bytes aligned to \(alignment) is invalid but succeeded"
        }
        let shadow = model.soundnessViolation(pointer: address, byteCount: byteCount, alignment: alignment)
        if let solver {
            let z3 = solver.soundnessViolation(in: model, pointer: address, byteCount: byteCount, alignment: alignment)
            if (z3 == nil) != (shadow == nil) { return "Z3 and the shadow disagree on soundness: z3 \(z3 ?? "sound"), shadow \(shadow ?? "sound")" }
        }
        if let shadow { return shadow }
        model.recordAllocation(pointer: address, byteCount: byteCount, alignment: alignment)
        solver?.blockBecameLive(model.live[address]!)
        run.stamps &+= 1
        if run.stamps == 0 { run.stamps = 1 }
        let block = Slot(pointer: address, byteCount: byteCount, alignment: alignment, stamp: run.stamps)
        if byteCount > 0 {
            pointer.storeBytes(of: block.stamp, as: UInt8.self)
            (pointer + (byteCount - 1)).storeBytes(of: block.stamp, as: UInt8.self)
        }
        run.slots[slot] = block
        return nil
    }

    func forget(_ slot: Int, model: inout ByteModel, solver: ByteModelSolver?, run: inout RunState) {
        guard let block = run.slots.removeValue(forKey: slot) else { return }
        model.recordFree(pointer: block.pointer)
        solver?.blockWasFreed(pointer: block.pointer)
        run.lastFreed[slot] = block
    }

    /// The first and last bytes of a live block still hold its stamp.
    func verifyStamp(_ block: Slot) -> String? {
        guard block.byteCount > 0 else { return nil }
        let pointer = UnsafeMutableRawPointer(bitPattern: block.pointer)!
        let first = pointer.load(as: UInt8.self), last = (pointer + (block.byteCount - 1)).load(as: UInt8.self)
        if first != block.stamp || last != block.stamp {
            return "live block at \(block.pointer) (\(block.byteCount) bytes) was overwritten: stamp \(block.stamp), found \(first)/\(last)"
        }
        return nil
    }

    /// Whether refusing a request with `error` is allowed by the model.
    func refusalViolation(_ error: AllocError, _ byteCount: Int, _ alignment: Int, model: ByteModel, solver: ByteModelSolver?) -> String? {
        let validShape = byteCount >= 0 && alignment > 0 && Kernels.isPowerOfTwo(UInt(alignment))
        if !validShape { return error == .invalidParam ? nil : "malformed request refused with \(error), expected invalidParam" }
        guard error == .noMemory || error == .invalidParam else { return "request refused with \(error)" }
        guard let need = geometry.requiredGap(byteCount, alignment) else { return nil }
        let shadow = model.freeGap(of: need)
        if let solver {
            let z3 = solver.freeGap(in: model, of: need)
            if let reason = z3.unknown { return "Z3 gave up on a completeness query: \(reason)" }
            if (z3.gap == nil) != (shadow == nil) {
                return "Z3 and the shadow disagree on a free gap of \(need): z3 \(String(describing: z3.gap)), shadow \(String(describing: shadow))"
            }
        }
        if let gap = shadow {
            return "lost memory: \(byteCount) bytes aligned to \(alignment) refused with \(error), but a free gap of \(need) bytes starts at \(gap)"
        }
        return nil
    }

    /// A bad free must be `.notAllocated` and change nothing.
    func expectRefusal<A: ByteAllocator & ~Copyable>(
        _ allocator: inout A, _ address: UInt, _ byteCount: Int, _ alignment: Int, model: ByteModel, what: String
    ) -> String? {
        let before = (allocator.totalBytes, allocator.usedBytes, allocator.availableBytes)
        do throws(AllocError) {
            try allocator.tryDeallocate(UnsafeMutableRawPointer(bitPattern: address)!, byteCount: byteCount, alignment: alignment)
            return "\(what) was accepted"
        } catch {
            if error != .notAllocated { return "\(what) refused with \(error), expected notAllocated" }
        }
        let after = (allocator.totalBytes, allocator.usedBytes, allocator.availableBytes)
        return before == after ? nil : "\(what) changed the statistics"
    }

    /// Frees everything, then requires usedBytes == 0 and the largest request
    /// that succeeded on the empty allocator to succeed again.
    func drain<A: ByteAllocator & ~Copyable>(
        _ allocator: inout A, model: inout ByteModel, solver: ByteModelSolver?, run: inout RunState, integrity: (inout A) -> String?
    ) -> String? {
        for slot in run.slots.keys.sorted() {
            if let message = perform(.op(.free(slot: slot)), on: &allocator, model: &model, solver: solver, run: &run, reallocate: nil) {
                return "draining: \(message)"
            }
        }
        if let message = afterStep(&allocator, model, integrity) { return "after draining: \(message)" }
        if allocator.usedBytes != 0 { return "usedBytes \(allocator.usedBytes) after every block was freed" }
        if let (byteCount, alignment) = run.largestOnEmpty {
            do throws(AllocError) {
                let pointer = try allocator.allocate(byteCount: byteCount, alignment: alignment)
                try allocator.tryDeallocate(pointer, byteCount: byteCount, alignment: alignment)
            } catch {
                return "not fully coalesced: \(byteCount) bytes aligned to \(alignment) succeeded on the empty allocator but now fails with \(error)"
            }
        }
        return nil
    }
}
