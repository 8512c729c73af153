@testable import Allocators
import Testing
import TestSupport

/// Unit tests of the slab allocator over TLSF (its default backing), one per
/// guarantee or known bug class of peer slab allocators (see KNOWN-BUGS.md).
@Suite struct SlabByteAllocatorTests {
    static func withSlab(size: Int, _ body: (inout SlabByteAllocator) throws -> Void) rethrows {
        let arena = PoolArena(.single(size: size))
        var slab = SlabByteAllocator()
        try! slab.initialize(start: arena.regions[0].start, size: size)
        try body(&slab)
        #expect(integrityMessage(slab) == nil)
        #expect((try? slab.backing.checkIntegrity()) != nil)
        _ = consume slab
        _ = consume arena
    }

    static func message(_ slab: borrowing SlabByteAllocator) -> String? { integrityProblem(slab) }

    @Test func classesCoverSmallRequestsWithBoundedWaste() {
        // 64 KiB slabs less TLSF's header: 8 objects of 8 KiB no longer fit.
        #expect(SlabByteAllocator().largestClassSize == 7168)
        #expect(SlabAllocator(backing: BuddyByteAllocator()).largestClassSize == 8192)
        for size in 1 ... 8192 {
            let index = SlabClasses.index(byteCount: size, alignment: 1, largestClassSize: 8192)!
            let classSize = Int(Kernels.slabClassSize(index: UInt(index)))
            #expect(classSize >= size && (classSize - size < 16 || 4 * (classSize - size) < size))
        }
        #expect(SlabClasses.index(byteCount: 8193, alignment: 1, largestClassSize: 8192) == nil)
    }

    @Test func everyAlignmentIsHonoured() throws {
        // arceos slab_allocator: alignments above 4 KiB ignored for small blocks.
        try Self.withSlab(size: 1 << 21) { slab in
            for log2 in 0 ... 16 {
                for size in [0, 1, 24, 100, 4096, 5000] {
                    let pointer = try slab.allocate(byteCount: size, alignment: 1 << log2)
                    #expect(UInt(bitPattern: pointer) % UInt(1 << log2) == 0, "size \(size) alignment \(1 << log2)")
                    try slab.tryDeallocate(pointer, byteCount: size, alignment: 1 << log2)
                }
            }
            #expect(slab.usedBytes == 0)
        }
    }

    /// Slabs take a window each from TLSF, not two: the block leaves room for
    /// the header of the next one (the cause of a doubled footprint before).
    @Test func slabsPackOnePerWindow() throws {
        try Self.withSlab(size: 1 << 22) { slab in
            var live: [UnsafeMutableRawPointer] = []
            for _ in 0 ..< 12 * 40 { live.append(try slab.allocate(byteCount: 4160, alignment: 8)) }
            let statistics = slab.statistics
            #expect(statistics.slabs == 40)
            #expect(statistics.slabBytes == 40 * slab.slabSize)
            let addresses = live.map { UInt(bitPattern: $0) }
            #expect(addresses.max()! - addresses.min()! < UInt(40 * slab.slabSize))
            for pointer in live { slab.deallocate(pointer, byteCount: 4160, alignment: 8) }
            #expect(slab.usedBytes == 0)
        }
    }

    /// A descriptor is one cache line: a free touches one line of bookkeeping
    /// besides its live bit.
    @Test func aDescriptorIsOneCacheLine() {
        #expect(MemoryLayout<SlabDescriptor>.stride <= 64)
    }

    /// A full slab that gets an object back waits at the end of its class's
    /// partial list: allocation stays on the slab it was using, and the freed
    /// object is reused once that slab is full.
    @Test func aFullSlabGettingAnObjectBackJoinsTheEnd() throws {
        try Self.withSlab(size: 1 << 20) { slab in
            let capacity = Int(Kernels.slabCapacity(classSize: 64, slabBytes: slab.slabBytes))
            var first: [UnsafeMutableRawPointer] = []
            for _ in 0 ..< capacity { first.append(try slab.allocate(byteCount: 64, alignment: 8)) }
            let second = try slab.allocate(byteCount: 64, alignment: 8)
            let shift = slab.slabShift
            let window = { (pointer: UnsafeMutableRawPointer) in UInt(bitPattern: pointer) >> shift }
            #expect(window(second) != window(first[0]))
            slab.deallocate(first[7], byteCount: 64, alignment: 8)
            #expect(integrityMessage(slab) == nil)
            var rest = [second]
            for _ in 1 ..< capacity { rest.append(try slab.allocate(byteCount: 64, alignment: 8)) }
            #expect(rest.allSatisfy { window($0) == window(second) })
            let reused = try slab.allocate(byteCount: 64, alignment: 8)
            #expect(reused == first[7])
            for pointer in first where pointer != first[7] { slab.deallocate(pointer, byteCount: 64, alignment: 8) }
            for pointer in rest + [reused] { slab.deallocate(pointer, byteCount: 64, alignment: 8) }
            #expect(slab.usedBytes == 0)
        }
    }

    @Test func largeRequestsGoToTheBacking() throws {
        try Self.withSlab(size: 1 << 20) { slab in
            let pointer = try slab.allocate(byteCount: 100_000, alignment: 8)
            #expect(slab.statistics.slabs == 0)
            #expect(slab.usedBytes >= 100_000)
            slab.deallocate(pointer, byteCount: 100_000, alignment: 8)
            #expect(slab.usedBytes == 0)
        }
    }

    @Test func aChurnAtASlabBoundaryDoesNotThrash() throws {
        try Self.withSlab(size: 1 << 20) { slab in
            for _ in 0 ..< 1000 {
                let pointer = try slab.allocate(byteCount: 64, alignment: 8)
                slab.deallocate(pointer, byteCount: 64, alignment: 8)
            }
            #expect(slab.statistics.slabs == 1 && slab.statistics.cachedSlabs == 1)
        }
    }

    @Test func emptySlabsAreReturnedAndTheCacheReleasedOnNoMemory() throws {
        try Self.withSlab(size: 1 << 20) { slab in
            let largest = try slab.allocate(byteCount: 900_000, alignment: 1)
            slab.deallocate(largest, byteCount: 900_000, alignment: 1)
            // Fill many slabs of several classes, then free everything.
            var live: [(UnsafeMutableRawPointer, Int)] = []
            var random = SeededRandom.forTest("slab fill")
            while true {
                let size = [16, 48, 200, 1000, 3000].randomElement(using: &random)!
                guard let pointer = try? slab.allocate(byteCount: size, alignment: 8) else { break }
                live.append((pointer, size))
            }
            #expect(slab.statistics.slabs > 5)
            for (pointer, size) in live.shuffled(using: &random) { try slab.tryDeallocate(pointer, byteCount: size, alignment: 8) }
            #expect(slab.usedBytes == 0)
            #expect(slab.statistics.slabs == SlabByteAllocator.emptySlabLimit)
            // The cached slabs stand in the way; the allocator releases them and retries.
            let again = try slab.allocate(byteCount: 900_000, alignment: 1)
            #expect(slab.statistics.slabs == 0)
            slab.deallocate(again, byteCount: 900_000, alignment: 1)
        }
    }

    @Test func badFreesAreRefusedAndChangeNothing() throws {
        try Self.withSlab(size: 1 << 20) { slab in
            let object = try slab.allocate(byteCount: 100, alignment: 8)
            let large = try slab.allocate(byteCount: 20_000, alignment: 8)
            let used = slab.usedBytes
            #expect(throws: AllocError.notAllocated) { try slab.tryDeallocate(object + 16, byteCount: 100, alignment: 8) }
            #expect(throws: AllocError.notAllocated) { try slab.tryDeallocate(object, byteCount: 300, alignment: 8) }
            #expect(throws: AllocError.notAllocated) { try slab.tryDeallocate(object, byteCount: 20_000, alignment: 8) }
            #expect(throws: AllocError.notAllocated) { try slab.tryDeallocate(object + 112, byteCount: 100, alignment: 8) }
            #expect(throws: AllocError.notAllocated) { try slab.tryDeallocate(large, byteCount: 100, alignment: 8) }
            #expect(throws: AllocError.notAllocated) { try slab.tryDeallocate(large + 64, byteCount: 20_000, alignment: 8) }
            let foreign = UnsafeMutableRawPointer(bitPattern: UInt(bitPattern: large) &+ (4 << 20))!
            #expect(throws: AllocError.notAllocated) { try slab.tryDeallocate(foreign, byteCount: 100, alignment: 8) }
            #expect(slab.usedBytes == used)
            try slab.tryDeallocate(object, byteCount: 100, alignment: 8)
            #expect(throws: AllocError.notAllocated) { try slab.tryDeallocate(object, byteCount: 100, alignment: 8) }
            try slab.tryDeallocate(large, byteCount: 20_000, alignment: 8)
            #expect(throws: AllocError.notAllocated) { try slab.tryDeallocate(large, byteCount: 20_000, alignment: 8) }
            #expect(slab.usedBytes == 0)
        }
    }

    /// The integrity check has teeth: each corruption is reported.
    @Test func integrityCatchesCorruption() throws {
        try Self.withSlab(size: 1 << 20) { slab in
            let a = try slab.allocate(byteCount: 32, alignment: 8)
            let b = try slab.allocate(byteCount: 32, alignment: 8)
            let found = slab.descriptorIndex(containing: UInt(bitPattern: a))
            #expect(found != nil)
            let d = found ?? 0
            let word = Int(Kernels.wordIndex(Kernels.slabLiveBit(descriptor: UInt(d), address: 0, slabShift: slab.slabShift)))
            slab.liveClassBytes += 1
            #expect(Self.message(slab) == "liveClassBytes is not the sum of the live objects")
            slab.liveClassBytes -= 1
            slab.bitmaps[word] |= 1 << 40  // a live bit past the bump pointer
            #expect(Self.message(slab) == "a live bit is not at a handed-out object")
            slab.bitmaps[word] &= ~(1 << 40)
            slab.bitmaps[word - 1] |= 1 << 63  // a live bit in an idle window
            #expect(Self.message(slab) == "an idle window has live bits")
            slab.bitmaps[word - 1] &= ~(1 << 63)
            slab.slabs[d].live += 1
            #expect(Self.message(slab) == "a slab's live count disagrees with its bits")
            slab.slabs[d].live -= 1
            slab.slabs[d].base += 16
            #expect(Self.message(slab) == "a slab is not at the start of its window")
            slab.slabs[d].base -= 16
            slab.slabCount += 1
            #expect(Self.message(slab) == "slabCount is not the number of slabs")
            slab.slabCount -= 1
            let head = slab.partialHeads[1]
            slab.partialTails[1] = SlabDescriptor.none
            #expect(Self.message(slab) == "a partial list's tail is not its last slab")
            slab.partialHeads[1] = SlabDescriptor.none
            #expect(Self.message(slab) == "the direct table disagrees with the class heads")
            slab.directHeads[2] = SlabDescriptor.none  // the granule of 32-byte requests
            #expect(Self.message(slab) == "a slab with room is missing from its partial list")
            slab.partialHeads[1] = head
            slab.partialTails[1] = head
            slab.directHeads[2] = head
            slab.deallocate(a, byteCount: 32, alignment: 8)
            slab.slabs[d].freeList = UInt(bitPattern: b)  // a live object on the free list
            #expect(Self.message(slab) != nil)
            slab.slabs[d].freeList = UInt(bitPattern: a)
            slab.deallocate(b, byteCount: 32, alignment: 8)
        }
    }

    @Test func deallocatingAForeignPointerTraps() async {
        await #expect(processExitsWith: .failure) {
            let arena = PoolArena(.single(size: 1 << 20))
            var slab = SlabByteAllocator()
            try! slab.initialize(start: arena.regions[0].start, size: 1 << 20)
            slab.deallocate(arena.base + 4096, byteCount: 16, alignment: 1)
        }
    }
}
