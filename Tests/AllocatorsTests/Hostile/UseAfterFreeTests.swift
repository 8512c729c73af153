#if canImport(Glibc)
import Glibc
#endif
import Allocators
import AllocatorSpec
import Testing
import TestSupport

/// Use-after-free writes: a freed block's first words (its free-list links)
/// overwritten with an address outside the regions, or inside them but no
/// block, then further allocations. The allocator must trap, with a message
/// that names it and says "corrupted", or keep handing out only its own
/// memory (the model's soundness check: inside a pool, disjoint from every
/// live block). A trap ends the process, so every run is an exit test.
@Suite struct UseAfterFreeTests {
    /// A freed block between two live ones (so it merges with nothing, alone
    /// or first in its list) has its links forged; the next allocation of its
    /// size takes it and must check the link before following it.
    @Test(arguments: [HostileByteAllocator.tlsf, .buddy, .slabOverBuddy, .slabOverTLSF], ForgedAddress.allCases)
    func aForgedLinkTrapsWhenFollowed(_ allocator: HostileByteAllocator, _ forged: ForgedAddress) async {
        await Self.forgedLinkTraps(allocator, forged)
    }

    static func forgedLinkTraps(_ allocator: HostileByteAllocator, _ forged: ForgedAddress) async {
        let result = await #expect(
            processExitsWith: .failure, observing: [\.exitStatus, \.standardErrorContent]
        ) { [allocator = allocator as HostileByteAllocator, forged = forged as ForgedAddress] in
            let arena = PoolArena(.single(size: 1 << 20))
            allocator.withAllocator(over: arena, ForgedLinkScenario(forged: forged, outside: UInt(bitPattern: arena.outside)))
        }
        if let result {
            let verdict = UseAfterFreeVerdict(result.exitStatus, standardError: result.standardErrorContent, names: allocator.trapNames)
            #expect(verdict.problem == nil, "\(verdict)")
            #expect(verdict.trapped)
        }
    }

    /// Random runs with use-after-free writes, one process per seed: each
    /// ends in a trap that names the allocator, or with every block the
    /// allocator handed out inside its pools and disjoint from the others.
    @Test(arguments: [HostileByteAllocator.tlsf, .buddy, .slabOverBuddy, .slabOverTLSF])
    func randomRunsTrapOrKeepToTheirOwnMemory(_ allocator: HostileByteAllocator) async {
        await Self.randomRuns(allocator)
    }

    static func randomRuns(_ allocator: HostileByteAllocator) async {
        let base = SeededRandom.forTest("use after free, \(allocator)").seed
        var outcomes: [String] = []
        for run in 0 ..< 4 {
            let seed = base &+ UInt64(run) &* 0x9E37_79B9_7F4A_7C15
            let result = await #expect(
                processExitsWith: .failure, observing: [\.exitStatus, \.standardErrorContent]
            ) { [allocator = allocator as HostileByteAllocator, seed = seed as UInt64] in
                UseAfterFreeRuns.child(allocator, seed: seed)
            }
            guard let result else { continue }
            let verdict = UseAfterFreeVerdict(result.exitStatus, standardError: result.standardErrorContent, names: allocator.trapNames)
            #expect(verdict.problem == nil, "seed \(seed): \(verdict)")
            outcomes.append(verdict.trapped ? "trapped" : "kept to its memory")
        }
        print("use after free, \(allocator): \(outcomes)")
    }

    // MARK: The checks have teeth

    /// An allocator that follows its freed blocks' links unchecked hands out
    /// the forged address: the model reports it, for both kinds of forgery.
    @Test(arguments: [
        (ForgedAddress.outsideTheRegions, "is not inside a managed pool"), (.insideNotABlock, "overlaps live block"),
    ])
    func anAllocatorFollowingForgedLinksIsCaught(_ forged: ForgedAddress, _ expected: String) {
        let workload = ByteWorkload(sizeRanges: [64 ... 200], alignmentLog2: 0 ... 4, slots: 16,
                                    useAfterFreeProbability: 0.2, forgedAddresses: [forged])
        let report = modelCheckByteAllocator(
            "trusting cache, \(forged)", geometry: ReferenceByteAllocator.geometry,
            layouts: [.single(size: 1 << 16), RegionLayout(regions: [(0, 8192), (16384, 8192)])], workload: workload,
            runs: 4, steps: 200, mode: .shadow, make: { TrustingCacheAllocator(ReferenceByteAllocator()) },
            integrity: { integrityMessage($0.base) })
        #expect(report?.contains(expected) == true, "\(report ?? "not caught")")
    }

    /// An allocator that follows a forged link hands out the forged block:
    /// the scenario records it (the child's issue reaches this test, and an
    /// unrecorded known issue fails it), and the child does not trap.
    @Test(arguments: ForgedAddress.allCases)
    func aFollowedForgedLinkFailsTheScenario(_ forged: ForgedAddress) async {
        await withKnownIssue("the trusting cache hands out the forged block") {
            await #expect(processExitsWith: .success) { [forged = forged as ForgedAddress] in
                let arena = PoolArena(.single(size: 1 << 20))
                var cache = TrustingCacheAllocator(ReferenceByteAllocator())
                try! cache.initialize(start: arena.regions[0].start, size: arena.regions[0].size)
                ForgedLinkScenario(forged: forged, outside: UInt(bitPattern: arena.outside)).visit(&cache)
            }
        } matching: { issue in
            String(describing: issue).contains("after a forged link to \(forged)")
        }
    }

    /// A trap that does not name the allocator, or a fault, fails the verdict.
    @Test func aTrapWithoutTheAllocatorsNameFailsTheVerdict() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.exitStatus, \.standardErrorContent]) {
            var cache = TrustingCacheAllocator(ReferenceByteAllocator())
            cache.deallocate(UnsafeMutableRawPointer(bitPattern: 0x1000)!, byteCount: 8, alignment: 8)
        }
        if let result {
            let verdict = UseAfterFreeVerdict(result.exitStatus, standardError: result.standardErrorContent, names: ["TLSF"])
            #expect(verdict.problem?.contains("without naming") == true, "\(verdict)")
        }
        let fault = UseAfterFreeVerdict(.signal(SIGSEGV), standardError: [], names: ["TLSF"])
        #expect(fault.problem != nil)
        let clean = UseAfterFreeVerdict(.exitCode(UseAfterFreeRuns.keptToItsOwnMemory), standardError: [], names: ["TLSF"])
        #expect(clean.problem == nil && !clean.trapped)
    }
}

/// How a use-after-free child process ended, judged: a trap whose message
/// names the allocator ("TLSF: corrupted free list at 0x…"), or the child's
/// own exit code for a run in which the allocator kept to its own memory
/// (`UseAfterFreeRuns.keptToItsOwnMemory`); anything else is a problem.
struct UseAfterFreeVerdict: CustomStringConvertible {
    let trapped: Bool
    let problem: String?

    init(_ status: ExitStatus, standardError: [UInt8], names: [String]) {
        // The runtime's message line; a crash report may be coloured or cut.
        let text = String(decoding: standardError.map { $0 == 10 || (32 ..< 127).contains($0) ? $0 : 63 }, as: UTF8.self)
        let lines = text.split(separator: "\n")
        let fatal = lines.first { $0.contains("Fatal error") || $0.contains("crashed") }.map(String.init) ?? ""
        switch status {
        case .exitCode(UseAfterFreeRuns.keptToItsOwnMemory):
            trapped = false
            problem = nil
        case let status where isTrap(status):
            trapped = true
            problem = names.contains { fatal.contains("\($0): corrupted") }
                ? nil : "trapped without naming \(names.joined(separator: " or ")) and \"corrupted\": \(fatal)"
        default:
            trapped = false
            problem = "ended with \(status): \(fatal.isEmpty ? lines.suffix(3).joined(separator: " / ") : fatal)"
        }
    }

    var description: String { problem ?? (trapped ? "trapped as it must" : "kept to its own memory") }
}

/// The child side of the random use-after-free runs.
enum UseAfterFreeRuns {
    /// The exit code of a child whose allocator never trapped and handed out
    /// only its own memory; a failure status, so that both verdicts satisfy
    /// the exit test's `.failure` and the parent tells them apart.
    static let keptToItsOwnMemory: CInt = 3

    /// Runs one seeded sequence with use-after-free writes; a broken model
    /// (foreign memory handed out, say) is recorded as an issue, which the
    /// parent test gets, unshrunk first in case shrinking traps.
    static func child(_ allocator: HostileByteAllocator, seed: UInt64) -> Never {
        let workload = ByteWorkload(sizeRanges: allocator.sizeRanges, alignmentLog2: 0 ... 6, slots: 24,
                                    badFreeProbability: 0.02, useAfterFreeProbability: 0.08)
        let report = allocator.modelCheck(
            "use after free, \(allocator)", layouts: allocator.separatedLayouts, workload: workload, runs: 1, steps: 250,
            seed: seed, checksIntegrity: false,
            beforeShrinking: { Issue.record("the allocator broke the model after a use-after-free write: \($0)") })
        if let report { Issue.record("shrunk: \(report)") }
        exit(keptToItsOwnMemory)
    }
}

/// Frees a block whose neighbours stay live, forges its first two words,
/// then allocates its size twice; records an issue for any block handed out
/// outside the regions or over a live block (it must trap before).
struct ForgedLinkScenario: ByteAllocatorVisitor {
    let forged: ForgedAddress
    let outside: UInt

    func visit<A: ByteAllocator & ~Copyable>(_ allocator: inout A) {
        let size = 64, alignment = 16
        let first = try! allocator.allocate(byteCount: size, alignment: alignment)
        let neighbour = try! allocator.allocate(byteCount: size, alignment: alignment)
        let last = try! allocator.allocate(byteCount: size, alignment: alignment)
        allocator.deallocate(first, byteCount: size, alignment: alignment)
        let address = forged == .outsideTheRegions ? outside + 256 : UInt(bitPattern: neighbour) + 16
        first.storeBytes(of: address, as: UInt.self)
        first.storeBytes(of: address, toByteOffset: MemoryLayout<UInt>.size, as: UInt.self)
        let live = [neighbour, last].map { UInt(bitPattern: $0) ..< UInt(bitPattern: $0) + UInt(size) }
        for _ in 0 ..< 2 {
            let block = try! allocator.allocate(byteCount: size, alignment: alignment)
            let range = UInt(bitPattern: block) ..< UInt(bitPattern: block) + UInt(size)
            if !allocator.manages(range.lowerBound) || live.contains(where: { $0.overlaps(range) }) {
                Issue.record("handed out \(range) after a forged link to \(forged) (live: \(live))")
            }
        }
    }
}
