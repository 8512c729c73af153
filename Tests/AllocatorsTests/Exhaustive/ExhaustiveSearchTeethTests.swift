import Allocators
import AllocatorSpec
import Testing
import TestSupport

/// A TLSF allocator that reorders its free lists, changing no count: two
/// 16-byte blocks taken and given back in the order they were taken, so a
/// list's LIFO order comes back reversed where both came from one list.
/// Invisible to the statistics, the integrity check and every verdict of
/// the model; only the search's encoding sees it.
struct ListShufflingAllocator: ByteAllocator, ~Copyable {
    enum When { case onRefusal, afterAllocation, never }

    var base = TLSFAllocator<TLSFSixteenListConfiguration>()
    let when: When

    init(when: When) { self.when = when }

    mutating func shuffle() {
        guard let first = try? base.allocate(byteCount: 16, alignment: 16) else { return }
        let second = try? base.allocate(byteCount: 16, alignment: 16)
        base.deallocate(first, byteCount: 16, alignment: 16)
        if let second { base.deallocate(second, byteCount: 16, alignment: 16) }
    }

    mutating func initialize(start: UInt, size: Int) throws(AllocError) {
        try base.initialize(start: start, size: size)
    }

    mutating func addMemory(start: UInt, size: Int) throws(AllocError) { try base.addMemory(start: start, size: size) }

    mutating func allocate(byteCount: Int, alignment: Int) throws(AllocError) -> UnsafeMutableRawPointer {
        let pointer: UnsafeMutableRawPointer
        do throws(AllocError) { pointer = try base.allocate(byteCount: byteCount, alignment: alignment) } catch {
            if when == .onRefusal { shuffle() }
            throw error
        }
        if when == .afterAllocation { shuffle() }
        return pointer
    }

    mutating func deallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) {
        base.deallocate(pointer, byteCount: byteCount, alignment: alignment)
    }

    mutating func tryDeallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) throws(AllocError) {
        try base.tryDeallocate(pointer, byteCount: byteCount, alignment: alignment)
    }

    var totalBytes: Int { base.totalBytes }
    var usedBytes: Int { base.usedBytes }
    var availableBytes: Int { base.availableBytes }
    func manages(_ address: UInt) -> Bool { base.manages(address) }
    func checkIntegrity() throws(IntegrityViolation) { try base.checkIntegrity() }
}

/// The search's own checks have teeth: a refused request that changes the
/// layout, and a replay that does not reach the state its path reached
/// first, are failures (each with a deliberately broken allocator that
/// passes every other check); so is a scope with more states than its limit.
@Suite struct ExhaustiveSearchTeethTests {
    static func search(_ label: String, make: @escaping () -> ListShufflingAllocator) -> ExhaustiveReport<ByteStep> {
        ByteModelChecker(geometry: .tlsf(TLSFAllocator<TLSFSixteenListConfiguration>.self), layout: ExhaustiveTLSFTests.onePool)
            .searchExhaustively(
                label, scope: ExhaustiveTLSFTests.scope, make: make, integrity: { integrityMessage($0.base) },
                encode: { ExhaustiveLayouts.tlsf($0.base, origin: $1) })
    }

    @Test func aRefusalThatReordersAFreeListIsCaught() throws {
        let report = Self.search("TLSF shuffling on refusal") { ListShufflingAllocator(when: .onRefusal) }
        let failure = try #require(report.failure)
        #expect(failure.message.contains("was refused but changed the allocator's state"), "\(report)")
    }

    @Test func aReplayThatReachesAnotherStateIsCaught() throws {
        // Every other instance reorders its lists after each allocation: the
        // same path then leads to two layouts.
        final class Instances { var count = 0 }
        let instances = Instances()
        let report = Self.search("TLSF shuffling every other instance") {
            instances.count += 1
            return ListShufflingAllocator(when: instances.count % 2 == 0 ? .afterAllocation : .never)
        }
        let failure = try #require(report.failure)
        #expect(failure.message.contains("replaying the shortest path"), "\(report)")
    }

    @Test func aScopeLargerThanItsLimitFails() throws {
        var scope = ExhaustiveBuddyTests.scope
        scope.stateLimit = 50
        let report = ByteModelChecker(geometry: .buddy, layout: ExhaustiveBuddyTests.layout).searchExhaustively(
            "buddy over its state limit", scope: scope, make: { BuddyByteAllocator() }, integrity: ExhaustiveIntegrity.check,
            encode: { ExhaustiveLayouts.buddy($0, origin: $1) })
        let failure = try #require(report.failure)
        #expect(failure.message.contains("more than 50 states are reachable"), "\(report)")
    }
}
