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

    @Test func aPositionWithTwoBlocksIsReported() throws {
        try Self.withHeap { buddy, block in
        let region = buddy.regions[0]
        // Live at the minimum order and free at the next: two blocks at one position.
        let slot = region.slot(block, order: Self.minOrder + 1)
        slot.uncheckedChange(from: BuddyStateSlot.none, to: BuddyStateSlot.free)
        #expect(integrityError(buddy) == IntegrityViolation("buddy", "a block position of a region has two blocks", at: block))
        slot.uncheckedChange(from: BuddyStateSlot.free, to: BuddyStateSlot.none)
        #expect(integrityError(buddy) == nil)
        }
    }

    @Test func aStateBothFreeAndUsedIsReported() throws {
        try Self.withHeap { buddy, block in
        let slot = buddy.regions[0].slot(block, order: Self.minOrder)
        slot.uncheckedChange(from: BuddyStateSlot.used, to: BuddyStateSlot.used | BuddyStateSlot.free)
        #expect(integrityError(buddy) == IntegrityViolation("buddy", "a block state is both free and used", at: block))
        slot.uncheckedChange(from: BuddyStateSlot.used | BuddyStateSlot.free, to: BuddyStateSlot.used)
        }
    }

    @Test func aStrayStateInsideABlockIsReported() throws {
        try Self.withHeap { buddy, block in
        // A used state inside the free block after the live one's buddy.
        let stray = block + 48
        let slot = buddy.regions[0].slot(stray, order: Self.minOrder)
        slot.uncheckedChange(from: BuddyStateSlot.none, to: BuddyStateSlot.used)
        #expect(integrityError(buddy) == IntegrityViolation("buddy", "a block state is set where no block starts", at: stray))
        slot.uncheckedChange(from: BuddyStateSlot.used, to: BuddyStateSlot.none)
        }
    }

    @Test func aPositionWithoutABlockIsReported() throws {
        try Self.withHeap { buddy, block in
        let slot = buddy.regions[0].slot(block, order: Self.minOrder)
        slot.uncheckedChange(from: BuddyStateSlot.used, to: BuddyStateSlot.none)
        #expect(integrityError(buddy) == IntegrityViolation("buddy", "a block position of a region has no block", at: block))
        slot.uncheckedChange(from: BuddyStateSlot.none, to: BuddyStateSlot.used)
        }
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
