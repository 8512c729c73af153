@testable import Allocators
#if canImport(Glibc)
import Glibc
#endif
import Testing
import TestSupport

/// The buddy allocator never follows a corrupted free-list link: a
/// use-after-free write over a freed block's links (with an address outside
/// the regions, or inside them but not linked back) stops the program at the
/// next allocation or merge that would follow it, with the block's address,
/// and a free in a hole between separately mapped regions is refused
/// without touching the hole.
///
/// Each exit test also checks the message, so a build without the check (one
/// that followed the link, and perhaps faulted) fails it.
@Suite struct BuddyHardeningTests {
    /// Four minimum blocks at the start of a fresh region, every other one
    /// freed: a0 live, a1 free, a2 live, a3 free (no two free buddies), and
    /// the free list of the minimum order holds a3, a1 (in that order) and
    /// nothing else. Runs `body` with them; the memory outlives it.
    static func withFreedBlocks(_ body: (inout BuddyByteAllocator, [UnsafeMutableRawPointer]) -> Void) {
        let memory = BuddyTestMemory(size: 1 << 12)
        var buddy = BuddyByteAllocator(bookkeeping: .platform)
        try! buddy.initialize(start: memory.address(0), size: 1 << 12)
        let blocks = (0 ..< 4).map { _ in try! buddy.allocate(byteCount: 16, alignment: 1) }.sorted { $0 < $1 }
        buddy.deallocate(blocks[1], byteCount: 16, alignment: 1)
        buddy.deallocate(blocks[3], byteCount: 16, alignment: 1)
        body(&buddy, blocks)
        _ = consume buddy
        _ = memory
    }

    /// The trap's message for a corrupted link of `block`.
    static func message(_ block: UnsafeMutableRawPointer) -> String {
        "buddy: corrupted free list at 0x" + String(UInt(bitPattern: block), radix: 16)
    }

    static func stderr(_ result: ExitTest.Result?) -> String {
        String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    }

    @Test func theSetUpIsConsistentAndAllocatesWithoutTheCorruption() {
        Self.withFreedBlocks { buddy, blocks in
            #expect(integrityMessage(buddy) == nil)
            #expect(BuddyByteAllocator.node(UInt(bitPattern: blocks[3]))[0] == UInt(bitPattern: blocks[1]))
            let again = try! buddy.allocate(byteCount: 16, alignment: 1)
            #expect(again == blocks[3])
        }
    }

    @Test func aNextLinkOutsideTheRegionsStopsTheNextAllocation() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            Self.withFreedBlocks { buddy, blocks in
                // Memory outside every region, mapped and writable: an
                // unchecked pop would hand it out.
                let foreign = UnsafeMutableRawPointer.allocate(byteCount: 64, alignment: 64)
                BuddyByteAllocator.linkWord(blocks[3], 0).pointee = UInt(bitPattern: foreign)
                _ = try? buddy.allocate(byteCount: 16, alignment: 1)
                print("followed the link")
            }
        }
        #expect(Self.stderr(result).contains("buddy: corrupted free list at 0x"))
        #expect(!Self.stderr(result).contains("followed the link"))
    }

    @Test func aNextLinkNotLinkedBackStopsTheNextAllocation() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            Self.withFreedBlocks { buddy, blocks in
                // a3 -> a2: inside the region and aligned, but live (not free).
                BuddyByteAllocator.linkWord(blocks[3], 0).pointee = UInt(bitPattern: blocks[2])
                _ = try? buddy.allocate(byteCount: 16, alignment: 1)
            }
        }
        #expect(Self.stderr(result).contains("buddy: corrupted free list at 0x"))
    }

    @Test func aNextBlockThatDoesNotLinkBackStopsTheNextAllocation() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            Self.withFreedBlocks { buddy, blocks in
                // a3 -> a1 is right, but a1's previous link no longer names a3.
                BuddyByteAllocator.linkWord(blocks[1], 1).pointee = UInt(bitPattern: blocks[1])
                _ = try? buddy.allocate(byteCount: 16, alignment: 1)
            }
        }
        #expect(Self.stderr(result).contains("buddy: corrupted free list at 0x"))
    }

    @Test func aPreviousLinkOutsideTheRegionsStopsTheMerge() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            Self.withFreedBlocks { buddy, blocks in
                // Freeing a0 merges it with a1, whose previous link (a3) is overwritten.
                BuddyByteAllocator.linkWord(blocks[1], 1).pointee = 0x1000
                buddy.deallocate(blocks[0], byteCount: 16, alignment: 1)
                print("followed the link")
            }
        }
        #expect(Self.stderr(result).contains("buddy: corrupted free list at 0x"))
        #expect(!Self.stderr(result).contains("followed the link"))
    }

    @Test func aNextLinkNotLinkedBackStopsTheMerge() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            Self.withFreedBlocks { buddy, blocks in
                // a1's next (the sentinel) replaced by a3, a free block of the
                // order whose previous link is the sentinel, not a1.
                BuddyByteAllocator.linkWord(blocks[1], 0).pointee = UInt(bitPattern: blocks[3])
                buddy.deallocate(blocks[0], byteCount: 16, alignment: 1)
            }
        }
        #expect(Self.stderr(result).contains("buddy: corrupted free list at 0x"))
    }

    /// The message names the block whose link was overwritten.
    @Test func theTrapNamesTheCorruptedBlock() async throws {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardOutputContent, \.standardErrorContent]) {
            Self.withFreedBlocks { buddy, blocks in
                // Written unbuffered: the trap comes before any flush.
                let line = "a1 " + String(UInt(bitPattern: blocks[1]), radix: 16) + "\n"
                _ = line.utf8CString.withUnsafeBufferPointer { write(1, $0.baseAddress, $0.count - 1) }
                BuddyByteAllocator.linkWord(blocks[1], 1).pointee = 0x1000
                buddy.deallocate(blocks[0], byteCount: 16, alignment: 1)
            }
        }
        let output = String(decoding: result?.standardOutputContent ?? [], as: UTF8.self)
        let line = try #require(output.split(separator: "\n").first { $0.hasPrefix("a1 ") })
        #expect(Self.stderr(result).contains("buddy: corrupted free list at 0x" + line.dropFirst(3)))
    }

    #if canImport(Glibc)
    /// Two regions in separately mapped memory with an unmapped hole between
    /// them: frees in the hole are refused without a read (a read would
    /// fault), and a link into the hole is refused the same way.
    @Test func freesInAHoleBetweenRegionsAreRefusedWithoutARead() throws {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let mapping = try #require(mmap(nil, 3 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0))
        #expect(mapping != MAP_FAILED)
        #expect(munmap(mapping + page, page) == 0)
        defer { munmap(mapping, page); munmap(mapping + 2 * page, page) }
        var buddy = BuddyByteAllocator()
        try buddy.initialize(start: UInt(bitPattern: mapping), size: page)
        try buddy.addMemory(start: UInt(bitPattern: mapping + 2 * page), size: page)
        for offset in stride(from: 0, to: page, by: 16) {
            #expect(throws: AllocError.notAllocated) { try buddy.tryDeallocate(mapping + page + offset, byteCount: 16, alignment: 1) }
        }
        let managesHole = buddy.manages(UInt(bitPattern: mapping + page))
        #expect(!managesHole)
        let block = try buddy.allocate(byteCount: 16, alignment: 1)
        try buddy.tryDeallocate(block, byteCount: 16, alignment: 1)
        #expect(integrityMessage(buddy) == nil)
        _ = consume buddy
    }

    @Test func aLinkIntoAHoleStopsTheAllocationWithoutAFault() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let page = Int(sysconf(Int32(_SC_PAGESIZE)))
            let mapping = mmap(nil, 3 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)!
            munmap(mapping + page, page)
            var buddy = BuddyByteAllocator(bookkeeping: .platform)
            try! buddy.initialize(start: UInt(bitPattern: mapping), size: page)
            try! buddy.addMemory(start: UInt(bitPattern: mapping + 2 * page), size: page)
            // a0 ... a3 as in `withFreedBlocks`: a3 and a1 free, a3 first.
            let blocks = (0 ..< 4).map { _ in try! buddy.allocate(byteCount: 16, alignment: 1) }.sorted { $0 < $1 }
            buddy.deallocate(blocks[1], byteCount: 16, alignment: 1)
            buddy.deallocate(blocks[3], byteCount: 16, alignment: 1)
            // a3's next link into the unmapped hole: following it would fault.
            BuddyByteAllocator.linkWord(blocks[3], 0).pointee = UInt(bitPattern: mapping + page + 64)
            _ = try? buddy.allocate(byteCount: 16, alignment: 1)
        }
        // A trap with the message, not a fault in the hole.
        #expect(Self.stderr(result).contains("buddy: corrupted free list at 0x"))
    }
    #endif
}
