import Allocators
import AllocatorSpec

// The hostile steps: each turns its random pick into a concrete pointer,
// size, alignment or forged address from the run's state, then requires the
// refusal (or, for a use-after-free write, lets the following steps check
// that the allocator hands out only its own memory, if it does not trap).
extension ByteModelChecker {
    func performHostile<A: ByteAllocator & ~Copyable>(
        _ step: ByteStep, on allocator: inout A, model: ByteModel, run: RunState
    ) -> String? {
        switch step {
        case .interiorFree(let slot, let stride, let pick):
            guard let block = run.slots[slot], let live = model.live[block.pointer] else { return nil }
            guard let offset = interiorOffset(of: live, stride: stride, pick: pick) else { return nil }
            let address = block.pointer + offset
            // Another block's start is no interior pointer.
            guard model.live[address] == nil else { return nil }
            return expectRefusal(&allocator, address, block.byteCount, block.alignment, model: model,
                                 what: "interior pointer of slot \(slot) (+\(offset), \(stride))")

        case .wrongSizeFree(let slot, let smaller, let pick):
            guard let block = run.slots[slot] else { return nil }
            let candidates = smaller ? smallerSizes(than: block) : largerSizes(than: block, model: model)
            guard let size = firstTold(candidates, pick: pick, { size in
                geometry.describesBlock(pointer: block.pointer, byteCount: size, alignment: block.alignment,
                                        liveByteCount: block.byteCount, liveAlignment: block.alignment)
            }) else { return nil }
            return expectRefusal(&allocator, block.pointer, size, block.alignment, model: model,
                                 what: "wrong size \(size) (\(smaller ? "smaller" : "larger") than \(block.byteCount)) for slot \(slot)")

        case .wrongAlignmentFree(let slot, let kind, let pick):
            guard let block = run.slots[slot] else { return nil }
            guard let alignment = firstTold(wrongAlignments(for: block, kind: kind), pick: pick, { alignment in
                geometry.describesBlock(pointer: block.pointer, byteCount: block.byteCount, alignment: alignment,
                                        liveByteCount: block.byteCount, liveAlignment: block.alignment)
            }) else { return nil }
            return expectRefusal(&allocator, block.pointer, block.byteCount, alignment, model: model,
                                 what: "wrong alignment \(alignment) (\(kind), allocated with \(block.alignment)) for slot \(slot)")

        case .holeFree(let pick, let alignmentLog2):
            guard !run.holes.isEmpty else { return nil }
            let hole = run.holes[Int(pick) % run.holes.count]
            let alignment = UInt(1) << UInt(alignmentLog2)
            let first = Kernels.alignUp(hole.lowerBound, to: alignment)
            guard !first.overflow, first.value < hole.upperBound else { return nil }
            let places = (hole.upperBound - 1 - first.value) / alignment + 1
            // The hole's first and last aligned addresses, or any between.
            let index: UInt = switch pick / 7 % 4 { case 0: 0; case 1: places - 1; default: UInt(pick) % places }
            let address = first.value + index * alignment
            let byteCount = Int(Swift.min(Swift.max(alignment, 16), 4096))
            return expectRefusal(&allocator, address, byteCount, Int(alignment), model: model,
                                 what: "pointer \(address) in the hole \(hole) between regions")

        case .useAfterFreeWrite(let slot, let forged, let words):
            guard run.slots[slot] == nil, let block = run.lastFreed[slot], block.pointer % 8 == 0 else { return nil }
            let written = block.pointer ..< block.pointer + UInt(words * 8)
            // Only over memory that is free: no live block's extent, inside a pool.
            guard model.pools.contains(where: { $0.lowerBound <= written.lowerBound && written.upperBound <= $0.upperBound }),
                  !model.live.values.contains(where: { $0.extent.overlaps(written) })
            else { return nil }
            let address = forgedAddress(forged, model: model, run: run)
            let words = UnsafeMutablePointer<UInt>(bitPattern: block.pointer)!
            for index in 0 ..< written.count / 8 { words[index] = address }
            return nil

        default:
            return nil
        }
    }

    /// A multiple of the stride past the block's pointer, inside its extent.
    func interiorOffset(of block: ByteModel.Block, stride: InteriorStride, pick: UInt32) -> UInt? {
        let step: UInt = switch stride {
        case .byte: 1
        case .power(let log2): UInt(1) << UInt(log2)
        case .blockAlignment: UInt(block.alignment)
        }
        let span = block.extent.upperBound - block.pointer
        guard span > step else { return stride == .byte ? nil : interiorOffset(of: block, stride: .byte, pick: pick) }
        if stride == .byte { return 1 }
        return step * (1 + UInt(pick) % ((span - 1) / step))
    }

    /// Sizes below the block's own: one less, a granule or two less, half,
    /// zero, negative, and one at random.
    func smallerSizes(than block: Slot) -> [Int] {
        let n = block.byteCount
        let random = n > 0 ? Int(UInt(bitPattern: n &* 2_654_435_761) % UInt(n)) : 0
        return [n - 1, n - 16, n - 32, n / 2, n - n / 4, 0, -1, random].filter { $0 < n }
    }

    /// Sizes above the block's own: one more, a granule or two more, past the
    /// block's extent, doubled, and near the top of the word.
    func largerSizes(than block: Slot, model: ByteModel) -> [Int] {
        let n = block.byteCount
        let extent = model.live[block.pointer].map { Int($0.extent.count) } ?? n
        return [n + 1, n + 16, n + 32, extent + 1, extent * 2 + 64, n * 2 + 64, Int.max - 15, Int.max].filter { $0 > n }
    }

    /// Alignments of `kind` for the block's pointer.
    func wrongAlignments(for block: Slot, kind: WrongAlignment) -> [Int] {
        let met = Swift.min(block.pointer.trailingZeroBitCount, Int.bitWidth - 2)
        switch kind {
        case .metPower:
            return (0 ... met).map { 1 << $0 }.filter { $0 != block.alignment }
        case .unmetPower:
            return met + 1 > Int.bitWidth - 2 ? [] : (met + 1 ... Int.bitWidth - 2).map { 1 << $0 }
        case .notAPower:
            let a = block.alignment
            return [0, -1, -a, 3, 24, 48, a * 3, a + 1, Int.min, Int.max].filter { $0 <= 0 || !Kernels.isPowerOfTwo(UInt($0)) }
        }
    }

    /// The first candidate, from the `pick`-th on (cyclically), that the
    /// allocator can tell from the block's own arguments (`accepts` false).
    func firstTold(_ candidates: [Int], pick: UInt32, _ accepts: (Int) -> Bool) -> Int? {
        guard !candidates.isEmpty else { return nil }
        let start = Int(pick) % candidates.count
        return (0 ..< candidates.count).lazy.map { candidates[(start + $0) % candidates.count] }.first { !accepts($0) }
    }

    /// The address a use-after-free write forges.
    func forgedAddress(_ forged: ForgedAddress, model: ByteModel, run: RunState) -> UInt {
        switch forged {
        case .outsideTheRegions:
            // Inside the arena's outside page, with room around it to read.
            return run.outside + 256
        case .insideNotABlock:
            // Inside a live block (handing it out would overlap it), else a
            // word into a region: aligned for a word, not for any block.
            // 16-aligned, so that it meets the alignment of small requests.
            if let live = model.live.values.filter({ $0.byteCount >= 64 }).min(by: { $0.pointer < $1.pointer }) {
                return (live.pointer + 31) & ~15
            }
            return (model.regions.map(\.lowerBound).min() ?? run.outside) + 8
        }
    }
}
