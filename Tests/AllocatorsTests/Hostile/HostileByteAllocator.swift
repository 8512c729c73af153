import Allocators
import AllocatorSpec
import Testing
import TestSupport

/// The byte allocators the hostile-input tests run, by name (so an exit test
/// can take one as a captured value), each with its geometry, the names its
/// trap messages start with, and region layouts that are separate mappings
/// with unmapped holes between them.
enum HostileByteAllocator: String, CaseIterable, Codable, Sendable, CustomTestStringConvertible {
    case tlsf, buddy, slabOverBuddy, slabOverTLSF

    var testDescription: String { rawValue }

    typealias SlabOverBuddy = SlabAllocator<BuddyByteAllocator>
    /// 4 KiB slabs over buddy, so small pools hold several slabs.
    static let buddySlabShift = 12

    var geometry: ByteModelGeometry {
        switch self {
        case .tlsf: .tlsf
        case .buddy: .buddy
        case .slabOverBuddy: .slab(slabShift: Self.buddySlabShift, over: .buddy)
        case .slabOverTLSF: .slab(slabShift: 16, backingHeader: TLSFByteAllocator.granularity, over: .tlsf)
        }
    }

    /// The allocators whose name a trap of this one may start with: its
    /// own, and for slab its backing's (a large block is the backing's).
    var trapNames: [String] {
        switch self {
        case .tlsf: ["TLSF"]
        case .buddy: ["buddy"]
        case .slabOverBuddy: ["slab", "buddy"]
        case .slabOverTLSF: ["slab", "TLSF"]
        }
    }

    /// Whether a request is served by a slab class (false for allocators
    /// without slabs, and for requests larger than every class).
    func isSlabClassObject(byteCount: Int, alignment: Int) -> Bool {
        let shift: UInt, header: UInt
        switch self {
        case .tlsf, .buddy: return false
        case .slabOverBuddy: (shift, header) = (UInt(Self.buddySlabShift), 0)
        case .slabOverTLSF: (shift, header) = (16, UInt(TLSFByteAllocator.granularity))
        }
        let slabBytes = Kernels.slabBlockBytes(slabShift: shift, headerBytes: header)
        let largest = Kernels.slabClassSize(index: UInt(SlabClasses.classCount(slabBytes: slabBytes) - 1))
        return SlabClasses.index(byteCount: byteCount, alignment: alignment, largestClassSize: largest) != nil
    }

    /// Request sizes that reach every kind of block of the allocator.
    var sizeRanges: [ClosedRange<Int>] {
        switch self {
        case .tlsf: [0 ... 48, 48 ... 600, 600 ... 3000]
        case .buddy: [0 ... 16, 1 ... 64, 64 ... 700, 700 ... 3000]
        case .slabOverBuddy: [0 ... 16, 1 ... 128, 100 ... 520, 500 ... 3000]
        case .slabOverTLSF: [0 ... 64, 65 ... 2048, 4000 ... 20_000]
        }
    }

    /// Regions with unmapped holes of one to three pages between them, the
    /// later ones starting at odd places inside their first page.
    var separatedLayouts: [RegionLayout] {
        switch self {
        case .tlsf:
            let control = TLSFByteAllocator.controlBytes
            return [
                Self.separated([control + 7000, 9000, 5000]),
                Self.separated([control + 3000, 4096, 777, 20_000], holePages: 3, skew: 40),
            ]
        case .buddy:
            return [Self.separated([6000, 10_000, 4096]), Self.separated([4096, 1001, 30_000], holePages: 2, skew: 24)]
        case .slabOverBuddy:
            return [Self.separated([40_000, 20_000, 12_288]), Self.separated([1 << 16, 5000], holePages: 3, skew: 8)]
        case .slabOverTLSF:
            return [Self.separated([300_000, 200_000], holePages: 2)]
        }
    }

    /// Regions of `sizes` bytes, each after a hole of `holePages` pages
    /// (none before the first), the second and later ones `skew` bytes into
    /// their first page.
    static func separated(_ sizes: [Int], holePages: Int = 1, skew: Int = 0) -> RegionLayout {
        let page = PoolArena.pageSize
        var regions: [(offset: Int, size: Int)] = []
        var end = 0
        for (index, size) in sizes.enumerated() {
            let offset = index == 0 ? 0 : (end + page - 1) / page * page + holePages * page + skew
            regions.append((offset, size))
            end = offset + size
        }
        return RegionLayout(regions: regions, baseAlignment: 1 << 16).separatelyMapped
    }

    /// Runs the model checker over this allocator (see `modelCheckByteAllocator`),
    /// with its integrity check after every step unless `checksIntegrity` is
    /// false (a run that forges metadata breaks it on purpose).
    func modelCheck(
        _ label: String, layouts: [RegionLayout], workload: ByteWorkload, runs: Int, steps: Int,
        seed: UInt64? = nil, checksIntegrity: Bool = true, beforeShrinking: ((String) -> Void)? = nil
    ) -> String? {
        func check<A: ByteAllocator & ~Copyable>(_ make: () -> A) -> String? {
            modelCheckByteAllocator(
                label, geometry: geometry, layouts: layouts, workload: workload, runs: runs, steps: steps, mode: .shadow,
                seed: seed, make: make, integrity: { checksIntegrity ? integrityMessage($0) : nil },
                beforeShrinking: beforeShrinking)
        }
        switch self {
        case .tlsf: return check { TLSFByteAllocator() }
        case .buddy: return check { BuddyByteAllocator() }
        case .slabOverBuddy: return check { SlabOverBuddy(backing: BuddyByteAllocator(), slabShift: Self.buddySlabShift) }
        case .slabOverTLSF: return check { SlabByteAllocator() }
        }
    }

    /// Hands a fresh allocator, given the regions of `arena`, to `visitor`.
    func withAllocator<Visitor: ByteAllocatorVisitor>(over arena: borrowing PoolArena, _ visitor: Visitor) -> Visitor.Result {
        func visit<A: ByteAllocator & ~Copyable>(_ allocator: consuming A) -> Visitor.Result {
            var allocator = allocator
            for (index, region) in arena.regions.enumerated() {
                if index == 0 { try! allocator.initialize(start: region.start, size: region.size) }
                else { try! allocator.addMemory(start: region.start, size: region.size) }
            }
            return visitor.visit(&allocator)
        }
        switch self {
        case .tlsf: return visit(TLSFByteAllocator())
        case .buddy: return visit(BuddyByteAllocator())
        case .slabOverBuddy: return visit(SlabOverBuddy(backing: BuddyByteAllocator(), slabShift: Self.buddySlabShift))
        case .slabOverTLSF: return visit(SlabByteAllocator())
        }
    }
}

/// Something to do with an allocator of any type (`HostileByteAllocator.withAllocator`).
protocol ByteAllocatorVisitor {
    associatedtype Result
    func visit<A: ByteAllocator & ~Copyable>(_ allocator: inout A) -> Result
}
