@testable import Allocators
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A use after free overwrites a freed object's first word, the link of its
/// slab's free list: the allocator stops before it hands out anything but
/// the slab's own free objects. And frees of pointers outside the regions,
/// holes between separately mapped regions included, are refused without
/// touching the hole.
@Suite struct SlabHardeningTests {
    /// Frees `victim` (so its first word is the free list's link), lets
    /// `forge` overwrite that word with an address, then allocates the class
    /// three times (the first pops `victim`, the second takes the forged head).
    static func forgeTheLink(_ forge: (_ victim: UInt, _ other: UInt) -> UInt) {
        let arena = PoolArena(.single(size: 1 << 20))
        var slab = SlabByteAllocator()
        try! slab.initialize(start: arena.regions[0].start, size: 1 << 20)
        let victim = try! slab.allocate(byteCount: 64, alignment: 8)
        let other = try! slab.allocate(byteCount: 64, alignment: 8)
        slab.deallocate(victim, byteCount: 64, alignment: 8)
        victim.storeBytes(of: forge(UInt(bitPattern: victim), UInt(bitPattern: other)), as: UInt.self)
        for _ in 0 ..< 3 {
            let pointer = try! slab.allocate(byteCount: 64, alignment: 8)
            // Reached only if the forgery went unnoticed: then every object
            // handed out must still be one of the slab's.
            precondition(slab.manages(UInt(bitPattern: pointer)), "slab handed out foreign memory")
        }
        _ = consume slab
        _ = consume arena
    }

    static let message = Array("slab: corrupted free list at 0x".utf8)

    static func stoppedWithTheMessage(_ result: ExitTest.Result?) -> Bool {
        guard let error = result?.standardErrorContent else { return false }
        return error.count >= message.count && (0 ... error.count - message.count).contains { Array(error[$0 ..< $0 + message.count]) == message }
    }

    @Test func aLinkOutsideTheRegionsStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let outside = UnsafeMutableRawPointer.allocate(byteCount: 1 << 16, alignment: 1 << 16)
            Self.forgeTheLink { _, _ in UInt(bitPattern: outside) }
        }
        #expect(Self.stoppedWithTheMessage(result))
    }

    @Test func anInteriorLinkStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            Self.forgeTheLink { _, other in other + 16 }
        }
        #expect(Self.stoppedWithTheMessage(result))
    }

    @Test func aLinkPastTheHandedOutObjectsStops() async {
        // On an object boundary of the slab, but never handed out.
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            Self.forgeTheLink { victim, _ in victim + 10 * 64 }
        }
        #expect(Self.stoppedWithTheMessage(result))
    }

    @Test func aLinkToALiveObjectStopsBeforeItIsHandedOutTwice() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            Self.forgeTheLink { _, other in other }
        }
        #expect(Self.stoppedWithTheMessage(result))
    }

    /// Links that pass the check are free objects of the slab, or 0: the
    /// allocator may lose the rest of the list (the integrity check reports
    /// it) but hands out only its own free or never-used objects.
    @Test func aTruncatedListHandsOutOnlyTheSlabsObjects() throws {
        try SlabByteAllocatorTests.withSlab(size: 1 << 20) { slab in
            let objects = try (0 ..< 6).map { _ in try slab.allocate(byteCount: 64, alignment: 8) }
            for object in objects.prefix(4) { slab.deallocate(object, byteCount: 64, alignment: 8) }
            objects[3].storeBytes(of: 0, as: UInt.self)  // the head's link: the list ends there
            #expect(integrityProblem(slab) == "a slab loses objects")
            let head = try slab.allocate(byteCount: 64, alignment: 8)
            #expect(head == objects[3])
            let fresh = try slab.allocate(byteCount: 64, alignment: 8)
            let sameSlab = slab.descriptor(holding: UInt(bitPattern: fresh)) == slab.descriptor(holding: UInt(bitPattern: head))
            #expect(!objects.contains(fresh) && sameSlab)
            // Give the lost objects back to the list so that the slab is whole again.
            let found = slab.descriptor(holding: UInt(bitPattern: head))
            let descriptor = try #require(found)
            objects[0].storeBytes(of: 0, as: UInt.self)
            objects[1].storeBytes(of: UInt(bitPattern: objects[0]), as: UInt.self)
            objects[2].storeBytes(of: UInt(bitPattern: objects[1]), as: UInt.self)
            descriptor.pointee.freeList = UInt(bitPattern: objects[2])
            #expect(integrityMessage(slab) == nil)
            for object in [head, fresh] + objects.suffix(2) { slab.deallocate(object, byteCount: 64, alignment: 8) }
        }
    }

    #if canImport(Glibc)
    /// Two regions mapped apart with an unmapped hole between them: a free of
    /// any pointer in the hole is `.notAllocated`, found in the region table
    /// (reading the hole would fault).
    @Test(arguments: [BookkeepingStorage.carved, .platform])
    func freesInAHoleBetweenRegionsAreRefused(storage: BookkeepingStorage) throws {
        let part = 1 << 20
        let mapping = try #require(mmap(nil, 3 * part, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0))
        defer { munmap(mapping, 3 * part) }
        let low = UInt(bitPattern: mapping), hole = low + UInt(part), high = low + 2 * UInt(part)
        #expect(munmap(UnsafeMutableRawPointer(bitPattern: hole), part) == 0)
        var slab = SlabByteAllocator(storage: storage)
        try slab.initialize(start: low, size: part)
        try slab.addMemory(start: high, size: part)
        // Objects in both regions.
        var live: [UnsafeMutableRawPointer] = []
        while live.last.map({ UInt(bitPattern: $0) < high }) ?? true { live.append(try slab.allocate(byteCount: 3000, alignment: 8)) }
        for offset in [0, 16, 4096, part / 2, part - 16] {
            let pointer = try #require(UnsafeMutableRawPointer(bitPattern: hole + UInt(offset)))
            let managed = slab.manages(hole + UInt(offset))
            #expect(!managed)
            for (size, alignment) in [(16, 8), (3000, 8), (20_000, 8), (16, 4096)] {
                #expect(throws: AllocError.notAllocated) { try slab.tryDeallocate(pointer, byteCount: size, alignment: alignment) }
            }
        }
        #expect(integrityMessage(slab) == nil)
        for pointer in live { try slab.tryDeallocate(pointer, byteCount: 3000, alignment: 8) }
        #expect(slab.usedBytes == 0)
        _ = consume slab
    }
    #endif
}
