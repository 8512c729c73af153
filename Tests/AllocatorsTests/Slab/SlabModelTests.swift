@testable import Allocators
import AllocatorSpec
import Testing
import TestSupport

/// The slab allocator against the byte model, over the buddy allocator and
/// over TLSF, with its bookkeeping carved from the regions, in a caller's
/// buffer and from the platform allocator; both integrity checks after
/// every step; every planted bug must be caught.
@Suite struct SlabModelTests {
    typealias Slab = SlabAllocator<BuddyByteAllocator>
    /// 4 KiB slabs: classes up to 512 bytes, so small pools hold several slabs.
    static let slabShift = 12
    static let workload = ByteWorkload(
        sizeRanges: [0 ... 16, 1 ... 128, 100 ... 520, 500 ... 3000], alignmentLog2: 0 ... 13, slots: 40)
    static let layouts = [
        RegionLayout.single(size: 1 << 16),
        RegionLayout(regions: [(offset: 3, size: 40_000), (offset: 49_152, size: 20_000)]),
        RegionLayout(regions: [(offset: 4096, size: 12_288), (offset: 20_480, size: 5000)]),
    ]

    /// The three bookkeeping sources; the buffer is the caller's, kept for
    /// the whole check (each run's allocator takes it afresh).
    enum Storage: CaseIterable, CustomStringConvertible {
        case carved, buffer, platform
        var description: String { "\(self == .carved ? "carved" : self == .buffer ? "buffer" : "platform") storage" }
        func make(_ buffer: UnsafeMutableRawBufferPointer) -> BookkeepingStorage {
            switch self {
            case .carved: .carved
            case .buffer: .buffer(buffer)
            case .platform: .platform
            }
        }
    }

    static func withBuffer<R>(_ body: (UnsafeMutableRawBufferPointer) -> R) -> R {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 18, alignment: 64)
        defer { buffer.deallocate() }
        return body(buffer)
    }

    static func checkOverBuddy(_ storage: Storage, mode: ByteModelChecker.Mode, runs: Int, steps: Int) -> String? {
        withBuffer { buffer in
            modelCheckByteAllocator(
                "slab over buddy, \(storage)",
                geometry: .slab(slabShift: slabShift, over: .buddy, storage: storage.make(buffer)), layouts: layouts,
                workload: workload, runs: runs, steps: steps, mode: mode,
                make: { Slab(backing: BuddyByteAllocator(), slabShift: slabShift, storage: storage.make(buffer)) },
                integrity: { integrityMessage($0) })
        }
    }

    @Test(arguments: Storage.allCases)
    func overBuddyPassesWithZ3AndShadow(storage: Storage) {
        #expect(Self.checkOverBuddy(storage, mode: .z3AndShadow, runs: 2, steps: 120) == nil)
    }

    @Test(arguments: Storage.allCases)
    func overBuddyPassesWithTheShadow(storage: Storage) {
        #expect(Self.checkOverBuddy(storage, mode: .shadow, runs: 8, steps: 500) == nil)
    }

    /// The default `SlabByteAllocator`: 64 KiB slabs over TLSF.
    @Test(arguments: Storage.allCases)
    func overTLSFPasses(storage: Storage) {
        let workload = ByteWorkload(
            sizeRanges: [0 ... 64, 65 ... 2048, 4000 ... 20_000], alignmentLog2: 0 ... 12, slots: 40, reallocateProbability: 0)
        let layouts = [
            RegionLayout.single(size: 1 << 19),
            RegionLayout(regions: [(offset: 3, size: 300_000), (offset: 1 << 19, size: 200_000)], baseAlignment: 1 << 16),
        ]
        Self.withBuffer { buffer in
            for (mode, runs, steps) in [(ByteModelChecker.Mode.z3AndShadow, 1, 120), (.shadow, 3, 600)] {
                let report = modelCheckByteAllocator(
                    "slab over TLSF, \(storage)",
                    geometry: .slab(slabShift: 16, backingHeader: TLSFByteAllocator.granularity, over: .tlsf, storage: storage.make(buffer)),
                    layouts: layouts, workload: workload, runs: runs, steps: steps, mode: mode,
                    make: { SlabByteAllocator(storage: storage.make(buffer)) },
                    integrity: { integrityMessage($0) })
                #expect(report == nil)
            }
        }
    }

    @Test func smallObjectChurnPassesWithTheShadow() {
        // Mostly class objects, many live: slabs fill, empty, cache and return.
        let workload = ByteWorkload(sizeRanges: [1 ... 64, 65 ... 512], alignmentLog2: 0 ... 4, slots: 200, freeProbability: 0.45)
        let report = modelCheckByteAllocator(
            "slab small objects", geometry: .slab(slabShift: Self.slabShift, over: .buddy), layouts: [RegionLayout.single(size: 1 << 17)],
            workload: workload, runs: 4, steps: 2000, mode: .shadow,
            make: { Slab(backing: BuddyByteAllocator(), slabShift: Self.slabShift) }, integrity: { integrityMessage($0) })
        #expect(report == nil)
    }

    @Test(arguments: PlantedBugAllocator<Slab>.Bug.allCases)
    func plantedBugIsCaught(bug: PlantedBugAllocator<Slab>.Bug) {
        let report = modelCheckByteAllocator(
            "slab with planted \(bug)", geometry: .slab(slabShift: Self.slabShift, over: .buddy), layouts: Array(Self.layouts.prefix(2)),
            workload: Self.workload, runs: 6, steps: 150, mode: .z3AndShadow,
            make: { PlantedBugAllocator(Slab(backing: BuddyByteAllocator(), slabShift: Self.slabShift), bug: bug) },
            integrity: { integrityMessage($0.base) })
        #expect(report != nil, "planted bug \(bug) went unnoticed")
        #expect(report?.contains(bug.expectedReport) == true, "planted bug \(bug) caught for another reason: \(report ?? "")")
    }

    /// The geometry's carved part is the allocator's: a wrong carve (the
    /// bookkeeping of one region forgotten) is caught by the model. The
    /// workload fills the region (40 slots of 500 to 3000 bytes over 64 KiB),
    /// so refusals come early and often, and the model sees the bytes it
    /// wrongly thinks free as lost memory, wherever the arena lands.
    @Test func aGeometryThatForgetsTheCarvedBookkeepingIsCaught() {
        let filling = ByteWorkload(sizeRanges: [500 ... 3000], alignmentLog2: 0 ... 4, slots: 40)
        let report = modelCheckByteAllocator(
            "slab over buddy, carved, platform geometry",
            geometry: .slab(slabShift: Self.slabShift, over: .buddy, storage: .platform), layouts: [Self.layouts[0]],
            workload: filling, runs: 3, steps: 300, mode: .shadow,
            make: { Slab(backing: BuddyByteAllocator(), slabShift: Self.slabShift, storage: .carved) },
            integrity: { integrityMessage($0) })
        #expect(report?.contains("lost memory") == true, "\(report ?? "not caught")")
    }
}
