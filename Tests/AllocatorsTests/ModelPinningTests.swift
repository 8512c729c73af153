import Allocators
import AllocatorSpec
import Testing
import TestSupport

/// The byte model cannot be moved by the kernels it borrows: besides the
/// lemmas that pin each borrowed kernel from both sides (and the planted
/// kernel bugs of `allocators-verify` they refute), the model checks on its
/// own that every pool lies inside its region.
@Suite struct ModelPinningTests {
    /// A planted pool-layout bug: the first block aligned down instead of up,
    /// so a region that starts off the granularity gets a pool starting before it.
    static func firstBlockAlignedDown(start: UInt, size: Int) -> (lower: UInt, upper: UInt)? {
        guard let pool = TLSFByteAllocator.usableRange(start: start, size: size) else { return nil }
        return (Kernels.alignDown(start, to: UInt(TLSFByteAllocator.granularity)), pool.upper)
    }

    @Test func aPoolLayoutOutsideItsRegionIsCaught() {
        var geometry = ByteModelGeometry.tlsf
        geometry.usableRange = { Self.firstBlockAlignedDown(start: $0, size: $1) }
        let layout = RegionLayout(regions: [(offset: 0, size: 32 << 10), (offset: 65_539, size: 4096)])
        let checker = ByteModelChecker(geometry: geometry, layout: layout)
        let failure = checker.run([], make: { TLSFByteAllocator() }, integrity: { _ in nil })
        #expect(failure?.message.contains("is not inside its region") == true, "\(String(describing: failure))")
    }

    @Test func theShippedGeometriesKeepEveryPoolInsideItsRegion() {
        var random = SeededRandom.forTest("pools inside regions")
        let geometries: [(String, ByteModelGeometry)] = [("TLSF", .tlsf), ("buddy", .buddy), ("slab", .slab(slabShift: 16, backingHeader: 16, over: .tlsf))]
        for (name, geometry) in geometries {
            for _ in 0 ..< 2_000 {
                let start = Bool.random(using: &random) ? random.edgyWord() : UInt.random(in: 0 ... 1 << 20, using: &random)
                let size = Int.random(in: 0 ... 1 << 20, using: &random)
                for initial in [false, true] {
                    let outside = ByteModelChecker.poolOutsideRegion(geometry, start, size, initial: initial)
                    #expect(outside == nil, "\(name) at \(start), \(size) bytes: \(outside ?? "")")
                }
            }
        }
    }
}

extension ModelPinningTests {
    /// Found by the pool check above: a region given to `initialize` that
    /// wraps the address space once had its control structure at the top and
    /// a pool at the bottom; it is refused before any memory is touched.
    @Test func initializeRefusesAWrappingRegion() {
        var heap = TLSFByteAllocator()
        #expect(TLSFByteAllocator.initialUsableRange(start: UInt.max - 2000, size: 1 << 20) == nil)
        #expect(throws: AllocError.invalidParam) { try heap.initialize(start: UInt.max - 2000, size: 1 << 20) }
    }
}
