import Allocators
import AllocatorSpec
import Testing
import TestSupport

/// Each allocator's free contract (`ByteModelGeometry.describesBlock`, what
/// the model checker's wrong-size and wrong-alignment steps hold it to) is
/// the allocator's real behaviour, probed exhaustively around a few blocks:
/// every size near the block's and every alignment up to 8 KiB (and
/// malformed ones) is tried on a live block with live neighbours. A free the
/// contract calls wrong is refused; for buddy and slab, whose blocks are
/// determined by the request, every free the contract allows succeeds too.
/// TLSF's blocks may carry an unsplit granule, so there the contract allows
/// what either possible block takes, and the real verdict is exactly
/// `Kernels.tlsfRequestFits` on the block's own size.
@Suite struct FreeContractTests {
    /// (size, alignment) of the probed blocks: zero, tiny, granule edges,
    /// an alignment above the size, mid-sized, slab class limits, and one
    /// larger than every slab class.
    static let blocks: [(byteCount: Int, alignment: Int)] = [
        (0, 1), (1, 1), (16, 16), (17, 8), (40, 256), (100, 64), (1000, 16), (3000, 4096), (20_000, 16),
    ]
    static let alignments = [0, -1, -16, 3, 24, Int.min] + (0 ... 13).map { 1 << $0 }

    static func sizes(around byteCount: Int) -> [Int] {
        Array(Swift.max(0, byteCount - 80) ... byteCount + 80) + [-1, 2 * byteCount + 1, 4 * byteCount + 4096, Int.max - 15, Int.max]
    }

    @Test(arguments: HostileByteAllocator.allCases)
    func refusesWhatTheContractRefuses(_ allocator: HostileByteAllocator) {
        let arena = PoolArena(.single(size: 1 << 20))
        let problems = allocator.withAllocator(over: arena, ContractProbe(allocator: allocator))
        #expect(problems.isEmpty, "\(problems.count) disagreements, first: \(problems.prefix(6))")
    }

    /// TLSF frees a block exactly for the non-negative sizes that fit the
    /// block's own size (`usableSize + G`) and power-of-two alignments its
    /// pointer meets.
    @Test func tlsfTakesExactlyTheSizesOfItsBlock() throws {
        let arena = PoolArena(.single(size: 1 << 20))
        var tlsf = TLSFByteAllocator()
        try tlsf.initialize(start: arena.regions[0].start, size: 1 << 20)
        let granularityLog2 = UInt(TLSFByteAllocator.granularity.trailingZeroBitCount)
        var problems: [String] = []
        for (byteCount, alignment) in Self.blocks {
            var pointer = try tlsf.allocate(byteCount: byteCount, alignment: alignment)
            let neighbour = try tlsf.allocate(byteCount: 64, alignment: 16)
            for size in Self.sizes(around: byteCount) {
                for given in Self.alignments {
                    let address = UInt(bitPattern: pointer)
                    guard let usable = tlsf.usableSize(of: pointer) else {
                        problems.append("no live block at \(pointer)")
                        break
                    }
                    let blockSize = UInt(usable + TLSFByteAllocator.granularity)
                    let aligned = given > 0 && Kernels.isPowerOfTwo(UInt(given)) && Kernels.isAligned(address, to: UInt(given))
                    let exact = aligned && size >= 0 && Kernels.tlsfRequestFits(UInt(bitPattern: size), blockSize: blockSize, granularityLog2: granularityLog2)
                    let accepted = (try? tlsf.tryDeallocate(pointer, byteCount: size, alignment: given)) != nil
                    if accepted != exact {
                        problems.append("block of \(byteCount) bytes aligned to \(alignment) (\(blockSize)-byte block): size \(size), alignment \(given) \(accepted ? "accepted" : "refused")")
                    }
                    if accepted { pointer = try tlsf.allocate(byteCount: byteCount, alignment: alignment) }
                }
            }
            tlsf.deallocate(pointer, byteCount: byteCount, alignment: alignment)
            tlsf.deallocate(neighbour, byteCount: 64, alignment: 16)
        }
        #expect(problems.isEmpty, "\(problems.count) disagreements, first: \(problems.prefix(6))")
    }
}

/// Tries every probe size and alignment on live blocks; the disagreements
/// with the contract.
struct ContractProbe: ByteAllocatorVisitor {
    let allocator: HostileByteAllocator

    /// Whether the contract is exact for this block (the allocator takes
    /// every free it allows): not where TLSF keeps the block.
    func isExact(byteCount: Int, alignment: Int) -> Bool {
        switch allocator {
        case .tlsf: false
        case .buddy, .slabOverBuddy: true
        case .slabOverTLSF: allocator.isSlabClassObject(byteCount: byteCount, alignment: alignment)
        }
    }

    func visit<A: ByteAllocator & ~Copyable>(_ heap: inout A) -> [String] {
        let geometry = allocator.geometry
        var problems: [String] = []
        for (byteCount, alignment) in FreeContractTests.blocks {
            let exact = isExact(byteCount: byteCount, alignment: alignment)
            var pointer = try! heap.allocate(byteCount: byteCount, alignment: alignment)
            let neighbour = try! heap.allocate(byteCount: 64, alignment: 16)
            for size in FreeContractTests.sizes(around: byteCount) {
                for given in FreeContractTests.alignments {
                    let allowed = geometry.describesBlock(
                        pointer: UInt(bitPattern: pointer), byteCount: size, alignment: given,
                        liveByteCount: byteCount, liveAlignment: alignment)
                    let accepted = (try? heap.tryDeallocate(pointer, byteCount: size, alignment: given)) != nil
                    if accepted && !allowed || exact && allowed && !accepted {
                        problems.append("block of \(byteCount) bytes aligned to \(alignment): size \(size), alignment \(given) \(accepted ? "accepted" : "refused")")
                    }
                    if accepted { pointer = try! heap.allocate(byteCount: byteCount, alignment: alignment) }
                }
            }
            heap.deallocate(pointer, byteCount: byteCount, alignment: alignment)
            heap.deallocate(neighbour, byteCount: 64, alignment: 16)
        }
        return problems
    }
}
