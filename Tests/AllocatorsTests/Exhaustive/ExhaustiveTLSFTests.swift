import Allocators
import AllocatorSpec
import Testing
import TestSupport

/// Every state TLSF reaches over a few hundred bytes, one pool and two, with
/// every step checked against the byte model (Z3 too on the states with at
/// most one live block) and `checkIntegrity()`; and every planted bug caught
/// by the same search, with its shortest path printed as a trace.
///
/// The configuration has 16 second-level lists (G = 16 bytes on 64-bit
/// targets): its first level ends at 256-byte blocks, inside the pool, where
/// the default's 32 lists would keep every block of the pool in one level.
@Suite struct ExhaustiveTLSFTests {
    typealias Small = TLSFAllocator<TLSFSixteenListConfiguration>

    /// Zero bytes (a minimum block), exactly one granule, one byte over it
    /// (two granules), an alignment above G (a padding block split off),
    /// a mid-size block, and a 256-byte block (the second first level, which
    /// takes the whole one-pool configuration).
    static let requests = [
        ExhaustiveRequest(0, alignment: 1), ExhaustiveRequest(16, alignment: 16), ExhaustiveRequest(17, alignment: 8),
        ExhaustiveRequest(40, alignment: 64), ExhaustiveRequest(100, alignment: 1), ExhaustiveRequest(240, alignment: 1),
    ]
    static let scope = ExhaustiveByteScope(requests: requests, maxLive: 3)

    /// One pool of 256 bytes after the control structure (and a 2G sentinel).
    static let onePool = RegionLayout(regions: [(offset: 0, size: Small.controlBytes + 288)])
    /// Two pools of about 128 bytes each, the second at an odd address, so
    /// blocks of each pool never merge with the other's.
    static let twoPools = RegionLayout(regions: [
        (offset: 0, size: Small.controlBytes + 160), (offset: Small.controlBytes + 259, size: 163),
    ])

    static func search(_ label: String, _ layout: RegionLayout) -> ExhaustiveReport<ByteStep> {
        ByteModelChecker(geometry: .tlsf(Small.self), layout: layout, mode: .z3AndShadow).searchExhaustively(
            label, scope: scope, make: { Small() }, integrity: ExhaustiveIntegrity.check,
            encode: { ExhaustiveLayouts.tlsf($0, origin: $1) })
    }

    @Test func onePoolOfAFewHundredBytes() {
        let report = Self.search("TLSF, one pool", Self.onePool)
        #expect(report.failure == nil, "\(report)")
        #expect(report.statistics.transitions > 0)
    }

    @Test func twoPools() {
        let report = Self.search("TLSF, two pools", Self.twoPools)
        #expect(report.failure == nil, "\(report)")
        #expect(report.statistics.transitions > 0)
    }

    /// Bad frees only for the bug that accepts them, so that each planted bug
    /// shows as itself (the wrappers of the other bugs accept bad frees too).
    @Test(arguments: PlantedBugAllocator<Small>.Bug.allCases)
    func plantedBugIsCaught(bug: PlantedBugAllocator<Small>.Bug) {
        let scope = Self.scope.badFrees(bug.acceptsBadFrees)
        let report = ByteModelChecker(geometry: .tlsf(Small.self), layout: Self.onePool, mode: .shadow).searchExhaustively(
            "TLSF planted \(bug)", scope: scope, make: { PlantedBugAllocator(Small(), bug: bug) },
            integrity: { integrityMessage($0.base) }, encode: { ExhaustiveLayouts.tlsf($0.base, origin: $1) })
        // An overlapping pointer may first show as a block running past the
        // pool: the soundness verdict checks the pool before the live blocks.
        let reasons = bug == .overlap ? [bug.expectedReport, "not inside a managed pool"] : [bug.expectedReport]
        expectPlantedBugCaught(report, bug: bug, reasons: reasons, kind: "bytes")
    }
}
