@testable import Allocators
import Testing
import TestSupport

/// `checkIntegrity()` has teeth: each planted corruption of the state is
/// reported, with the address of the block concerned.
@Suite struct BuddyIntegrityTests {
    static var minOrder: UInt { BuddyByteAllocator.minOrder }

    /// Runs `body` with a buddy over 4 KiB (platform bookkeeping) and the one
    /// minimum block live at the region's start; the memory outlives it.
    static func withHeap(_ body: (inout BuddyByteAllocator, UInt) throws -> Void) throws {
        let memory = BuddyTestMemory(size: 1 << 12)
        var buddy = BuddyByteAllocator(bookkeeping: .platform)
        try buddy.initialize(start: memory.address(0), size: 1 << 12)
        let block = UInt(bitPattern: try buddy.allocate(byteCount: 16, alignment: 1))
        #expect(integrityError(buddy) == nil)
        try body(&buddy, block)
        _ = consume buddy
        _ = memory
    }

    /// Plants the state `to` over `from` at `address` (order `order`, a
    /// block relative to the live one: `(block) -> address`), expects
    /// `checkIntegrity` to report `problem` there, and then a clean check
    /// once the state is restored.
    static func expectReported(
        _ problem: StaticString, order: UInt = minOrder, from: UInt, to: UInt, at address: (UInt) -> UInt = { $0 }
    ) throws {
        try withHeap { buddy, block in
            let planted = address(block)
            let slot = buddy.regions[0].slot(planted, order: order)
            slot.uncheckedChange(from: from, to: to)
            #expect(integrityError(buddy) == IntegrityViolation("buddy", problem, at: planted))
            slot.uncheckedChange(from: to, to: from)
            #expect(integrityError(buddy) == nil)
        }
    }

    @Test func aPositionWithTwoBlocksIsReported() throws {
        // Live at the minimum order and free at the next: two blocks at one position.
        try Self.expectReported("a block position of a region has two blocks", order: Self.minOrder + 1,
                                from: BuddyStateSlot.none, to: BuddyStateSlot.free)
    }

    @Test func aStateBothFreeAndUsedIsReported() throws {
        try Self.expectReported("a block state is both free and used",
                                from: BuddyStateSlot.used, to: BuddyStateSlot.used | BuddyStateSlot.free)
    }

    @Test func aStrayStateInsideABlockIsReported() throws {
        // A used state inside the free block after the live one's buddy.
        try Self.expectReported("a block state is set where no block starts",
                                from: BuddyStateSlot.none, to: BuddyStateSlot.used) { $0 + 48 }
    }

    @Test func aPositionWithoutABlockIsReported() throws {
        try Self.expectReported("a block position of a region has no block", from: BuddyStateSlot.used, to: BuddyStateSlot.none)
    }

    @Test func wrongCountersAreReported() throws {
        try Self.withHeap { buddy, _ in
        buddy.liveBytes += 1
        #expect(integrityError(buddy) == IntegrityViolation("buddy", "usedBytes is not the sum of the live blocks"))
        buddy.liveBytes -= 1
        buddy.managedBytes += 16
        #expect(integrityError(buddy) == IntegrityViolation("buddy", "totalBytes is not the sum of the regions' spans"))
        buddy.managedBytes -= 16
        buddy.nonEmptyOrders |= 1
        #expect(integrityError(buddy) == IntegrityViolation("buddy", "nonEmptyOrders disagrees with the lists", at: buddy.sentinel(0)))
        buddy.nonEmptyOrders &= ~1
        #expect(integrityError(buddy) == nil)
        }
    }

    @Test func aFreeBlockOffItsListIsReported() throws {
        try Self.withHeap { buddy, block in
        let region = buddy.regions[0]
        let buddyBlock = Kernels.buddyAddress(block, order: Self.minOrder)
        buddy.unlink(buddyBlock, in: region, states: region.states(Self.minOrder))  // off its list, still free
        #expect(integrityError(buddy) == IntegrityViolation("buddy", "a free block is not on its list", at: buddyBlock))
        buddy.push(buddyBlock, order: Self.minOrder)
        #expect(integrityError(buddy) == nil)
        }
    }

    @Test func unmergedBuddiesAreReported() throws {
        try Self.withHeap { buddy, block in
        let region = buddy.regions[0]
        // A free that skipped the merge: the block freed beside its free buddy.
        region.slot(block, order: Self.minOrder).uncheckedChange(from: BuddyStateSlot.used, to: BuddyStateSlot.free)
        buddy.liveBytes -= 16
        buddy.push(block, order: Self.minOrder)
        let reported = integrityError(buddy)
        #expect(reported == IntegrityViolation("buddy", "two free buddies were not merged", at: block))
        }
    }

    @Test func aBrokenBackLinkIsReported() throws {
        try Self.withHeap { buddy, block in
        let buddyBlock = Kernels.buddyAddress(block, order: Self.minOrder)
        let previous = BuddyByteAllocator.node(buddyBlock)[1]
        BuddyByteAllocator.node(buddyBlock)[1] = buddyBlock
        #expect(integrityError(buddy) == IntegrityViolation("buddy", "a free list has a broken back link", at: buddyBlock))
        BuddyByteAllocator.node(buddyBlock)[1] = previous
        #expect(integrityError(buddy) == nil)
        }
    }

    @Test func aListLinkOutOfTheRegionsIsReportedNotFollowed() throws {
        try Self.withHeap { buddy, block in
        let buddyBlock = Kernels.buddyAddress(block, order: Self.minOrder)
        let next = BuddyByteAllocator.node(buddyBlock)[0]
        // An address no region holds (never read: it is looked up first).
        let outside: UInt = 0x10
        BuddyByteAllocator.node(buddyBlock)[0] = outside
        #expect(integrityError(buddy) == IntegrityViolation("buddy", "a free list holds a block outside every region", at: outside))
        // Inside the region but not a free block of the order: the live block.
        BuddyByteAllocator.node(buddyBlock)[0] = block
        #expect(integrityError(buddy) == IntegrityViolation("buddy", "a free list holds a block that is not free at its order", at: block))
        BuddyByteAllocator.node(buddyBlock)[0] = next
        #expect(integrityError(buddy) == nil)
        }
    }

    @Test func overlappingRegionsAreReported() throws {
        try Self.withHeap { buddy, _ in
        let other = BuddyTestMemory(size: 1 << 12)
        try buddy.addMemory(start: other.address(0), size: 1 << 12)
        let second = buddy.regions[1]
        buddy.regions[0].end = second.start + 1
        #expect(integrityError(buddy) == IntegrityViolation("buddy", "regions overlap or are out of order", at: second.start))
        buddy.regions[0].end = buddy.regions[0].start + (1 << 12)
        buddy.regions[0].maxOrder += 1
        #expect(integrityError(buddy) == IntegrityViolation("buddy", "a region's blocks leave it", at: buddy.regions[0].start))
        buddy.regions[0].maxOrder -= 1
        #expect(integrityError(buddy) == nil)
        _ = other
        }
    }
}
