@testable import Allocators
import AllocatorSpec
import Testing
import TestSupport

/// Every state a slab allocator with 1 KiB slabs (the smallest
/// `slabShiftRange` allows) reaches over a buddy backing of three slab
/// windows, every step checked against the byte model over the backing's
/// geometry (Z3 too on the states with at most one live block) and both
/// integrity checks; and every planted bug caught by the same search.
///
/// The requests are a 16-byte object (64 a slab), 128-byte objects aligned to
/// 128 (the largest class: 8 a slab) and an 800-byte block (above the
/// classes: the buddy backing rounds it to one window). Up to nine 128-byte
/// objects take a second slab of their class; with one 16-byte object (a
/// third slab) or the window-sized backing block the backing is full, so
/// further slabs and backing blocks are refused, and emptied slabs go to the
/// cache and back. The scope expands the states in which at most one freed
/// object waits in a slab's free list (the state after a second such free is
/// checked, not expanded): the free lists' LIFO order would otherwise
/// multiply the states by the orders of every subset.
@Suite struct ExhaustiveSlabTests {
    typealias Slab = SlabAllocator<BuddyByteAllocator>
    static let slabShift = SlabByteAllocator.slabShiftRange.lowerBound
    static let requests = [
        ExhaustiveRequest(16, alignment: 16, maxLive: 1), ExhaustiveRequest(128, alignment: 128, maxLive: 9),
        ExhaustiveRequest(800, alignment: 1, maxLive: 1),
    ]
    static let scope = ExhaustiveByteScope(requests: requests, maxLive: 11)
    /// Three 1 KiB windows at a 64 KiB boundary.
    static let layout = RegionLayout(regions: [(offset: 0, size: 3 << slabShift)])
    /// The bookkeeping comes from the platform: carved from three windows it
    /// would leave too few for the scope (the carved layouts have model
    /// checks of their own).
    static let geometry = ByteModelGeometry.slab(slabShift: slabShift, over: .buddy(bookkeeping: .platform), storage: .platform)

    static func make() -> Slab { Slab(backing: BuddyByteAllocator(bookkeeping: .platform), slabShift: slabShift, storage: .platform) }

    static func integrity(_ slab: inout Slab) -> String? {
        integrityMessage(slab)
    }

    /// The slabs (window, class, live count, bump, free list from its head),
    /// the partial and cache lists in order, then the backing's layout.
    static func encode(_ slab: borrowing Slab, origin: UInt) -> [Int] {
        func offset(_ address: UInt) -> Int { Int(bitPattern: address &- origin) }
        var encoding: [Int] = []
        slab.walkSlabs { info in
            encoding += [offset(info.base), info.classIndex ?? -1, info.liveObjects, offset(info.bump)]
            slab.walkFreeObjects(ofSlabAt: info.base) { encoding.append(offset($0)) }
            encoding.append(-1)
        }
        slab.walkSlabLists { classIndex, base in encoding += [classIndex ?? -1, offset(base)] }
        encoding.append(-2)
        return encoding + ExhaustiveLayouts.buddy(slab.backing, origin: origin)
    }

    /// Freed objects waiting in the free lists of slabs in use.
    static func freedObjects(_ slab: borrowing Slab) -> Int {
        var freed = 0
        slab.walkSlabs { info in
            guard let index = info.classIndex else { return }
            freed += Int((info.bump - info.base) / Kernels.slabClassSize(index: UInt(index))) - info.liveObjects
        }
        return freed
    }

    @Test func threeWindows() {
        // The scope is sized for this slab: a clamped shift would search another one.
        #expect(Self.make().slabSize == 1 << Self.slabShift && Self.make().largestClassSize == 128)
        let report = ByteModelChecker(geometry: Self.geometry, layout: Self.layout, mode: .z3AndShadow).searchExhaustively(
            "slab, three windows", scope: Self.scope, make: Self.make, integrity: Self.integrity,
            encode: { Self.encode($0, origin: $1) }, withinScope: { Self.freedObjects($0) <= 1 })
        #expect(report.failure == nil, "\(report)")
        #expect(report.statistics.transitions > 0)
    }

    /// Bad frees only for the bug that accepts them, so that each planted bug
    /// shows as itself.
    @Test(arguments: PlantedBugAllocator<Slab>.Bug.allCases)
    func plantedBugIsCaught(bug: PlantedBugAllocator<Slab>.Bug) {
        let scope = Self.scope.badFrees(bug.acceptsBadFrees)
        let report = ByteModelChecker(geometry: Self.geometry, layout: Self.layout, mode: .shadow).searchExhaustively(
            "slab planted \(bug)", scope: scope, make: { PlantedBugAllocator(Self.make(), bug: bug) },
            integrity: { Self.integrity(&$0.base) }, encode: { Self.encode($0.base, origin: $1) },
            withinScope: { Self.freedObjects($0.base) <= 1 })
        let reasons = bug == .overlap ? [bug.expectedReport, "not inside a managed pool"] : [bug.expectedReport]
        expectPlantedBugCaught(report, bug: bug, reasons: reasons, kind: "bytes")
    }
}
