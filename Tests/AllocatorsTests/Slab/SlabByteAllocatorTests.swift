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
        _ = consume slab
        _ = consume arena
    }

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
            let statistics = slab.slabStatistics
            #expect(statistics.slabs == 40)
            #expect(statistics.slabBytes == 40 * slab.slabSize)
            let addresses = live.map { UInt(bitPattern: $0) }
            #expect(addresses.max()! - addresses.min()! < UInt(40 * slab.slabSize))
            for pointer in live { slab.deallocate(pointer, byteCount: 4160, alignment: 8) }
            #expect(slab.usedBytes == 0)
        }
    }

    /// A descriptor is one cache line, at every width: a free touches one
    /// line of bookkeeping besides its live bit, and descriptors are found by
    /// a shift.
    @Test func aDescriptorIsOneCacheLine() {
        #expect(MemoryLayout<SlabDescriptor>.stride == 1 << Int(SlabDescriptor.bytesLog2))
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
            #expect(slab.slabStatistics.slabs == 0)
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
            #expect(slab.slabStatistics.slabs == 1 && slab.slabStatistics.cachedSlabs == 1)
        }
    }

    /// Fills slabs of several classes until the pool is full, then frees
    /// everything: `emptySlabLimit` slabs stay cached.
    static func fillAndEmpty(_ slab: inout SlabByteAllocator, keeping kept: Int = 0) throws -> [(UnsafeMutableRawPointer, Int)] {
        var live: [(UnsafeMutableRawPointer, Int)] = []
        var random = SeededRandom.forTest("slab fill")
        while true {
            let size = [16, 48, 200, 1000, 3000].randomElement(using: &random)!
            guard let pointer = try? slab.allocate(byteCount: size, alignment: 8) else { break }
            live.append((pointer, size))
        }
        #expect(slab.slabStatistics.slabs > 5)
        let shuffled = live.shuffled(using: &random)
        for (pointer, size) in shuffled.dropFirst(kept) { try slab.tryDeallocate(pointer, byteCount: size, alignment: 8) }
        return Array(shuffled.prefix(kept))
    }

    @Test func emptySlabsAreReturnedAndTheCacheReleasedOnNoMemory() throws {
        try Self.withSlab(size: 1 << 20) { slab in
            let largest = try slab.allocate(byteCount: 900_000, alignment: 1)
            slab.deallocate(largest, byteCount: 900_000, alignment: 1)
            _ = try Self.fillAndEmpty(&slab)
            #expect(slab.usedBytes == 0)
            #expect(slab.slabStatistics.slabs == SlabByteAllocator.emptySlabLimit)
            // The cached slabs stand in the way; the allocator releases them and retries.
            let again = try slab.allocate(byteCount: 900_000, alignment: 1)
            #expect(slab.slabStatistics.slabs == 0)
            slab.deallocate(again, byteCount: 900_000, alignment: 1)
        }
    }

    /// The one thing a failed call changes: a request no class serves that
    /// fails after the retry has released the cache. The totals and the live
    /// blocks are as before; only the slab figures and the backing's largest
    /// free block show the released slabs.
    @Test func aFailedRetryChangesNoTotal() throws {
        try Self.withSlab(size: 1 << 20) { slab in
            let kept = try Self.fillAndEmpty(&slab, keeping: 40)
            let before = slab.statistics, slabsBefore = slab.slabStatistics
            #expect(slabsBefore.cachedSlabs == SlabByteAllocator.emptySlabLimit)
            #expect(throws: AllocError.noMemory) { try slab.allocate(byteCount: 2 << 20, alignment: 8) }
            let after = slab.statistics
            #expect(after.totalBytes == before.totalBytes && after.usedBytes == before.usedBytes)
            #expect(after.availableBytes == before.availableBytes && after.regionCount == before.regionCount)
            #expect(after.largestFreeBlock >= before.largestFreeBlock)
            #expect(slab.slabStatistics.cachedSlabs == 0)
            #expect(slab.slabStatistics.slabs == slabsBefore.slabs - slabsBefore.cachedSlabs)
            for (pointer, size) in kept {
                let managed = slab.manages(UInt(bitPattern: pointer))
                #expect(managed)
                try slab.tryDeallocate(pointer, byteCount: size, alignment: 8)
            }
            #expect(slab.usedBytes == 0)
        }
    }

    /// Without cached slabs, a failed allocation changes nothing at all.
    @Test func aFailedAllocationWithoutCacheChangesNothing() throws {
        try Self.withSlab(size: 1 << 20) { slab in
            let object = try slab.allocate(byteCount: 100, alignment: 8)
            let before = slab.statistics, slabsBefore = slab.slabStatistics
            #expect(throws: AllocError.noMemory) { try slab.allocate(byteCount: 2 << 20, alignment: 8) }
            #expect(throws: AllocError.invalidParam) { try slab.allocate(byteCount: 100, alignment: 3) }
            #expect(throws: AllocError.invalidParam) { try slab.allocate(byteCount: -1, alignment: 8) }
            #expect(slab.statistics == before && slab.slabStatistics == slabsBefore)
            slab.deallocate(object, byteCount: 100, alignment: 8)
        }
    }

    @Test func badFreesAreRefusedAndChangeNothing() throws {
        try Self.withSlab(size: 1 << 20) { slab in
            let object = try slab.allocate(byteCount: 100, alignment: 8)
            let large = try slab.allocate(byteCount: 20_000, alignment: 8)
            let before = slab.statistics
            // Interior pointers, at a granule and at an object boundary.
            #expect(throws: AllocError.notAllocated) { try slab.tryDeallocate(object + 16, byteCount: 100, alignment: 8) }
            #expect(throws: AllocError.notAllocated) { try slab.tryDeallocate(object + 112, byteCount: 100, alignment: 8) }
            #expect(throws: AllocError.notAllocated) { try slab.tryDeallocate(object + 1, byteCount: 100, alignment: 8) }
            // Sizes and alignments of another class, or routed to the backing.
            #expect(throws: AllocError.notAllocated) { try slab.tryDeallocate(object, byteCount: 300, alignment: 8) }
            #expect(throws: AllocError.notAllocated) { try slab.tryDeallocate(object, byteCount: 16, alignment: 8) }
            #expect(throws: AllocError.notAllocated) { try slab.tryDeallocate(object, byteCount: 100, alignment: 64) }
            #expect(throws: AllocError.notAllocated) { try slab.tryDeallocate(object, byteCount: 20_000, alignment: 8) }
            #expect(throws: AllocError.notAllocated) { try slab.tryDeallocate(object, byteCount: 100, alignment: 3) }
            #expect(throws: AllocError.notAllocated) { try slab.tryDeallocate(large, byteCount: 100, alignment: 8) }
            #expect(throws: AllocError.notAllocated) { try slab.tryDeallocate(large + 64, byteCount: 20_000, alignment: 8) }
            // Foreign memory, past the region.
            let foreign = UnsafeMutableRawPointer(bitPattern: UInt(bitPattern: large) &+ (4 << 20))!
            #expect(throws: AllocError.notAllocated) { try slab.tryDeallocate(foreign, byteCount: 100, alignment: 8) }
            #expect(throws: AllocError.notAllocated) { try slab.tryDeallocate(foreign, byteCount: 20_000, alignment: 8) }
            #expect(slab.statistics == before)
            // A size of the same class frees the object (not detected, as documented).
            try slab.tryDeallocate(object, byteCount: 112, alignment: 16)
            #expect(throws: AllocError.notAllocated) { try slab.tryDeallocate(object, byteCount: 100, alignment: 8) }
            try slab.tryDeallocate(large, byteCount: 20_000, alignment: 8)
            #expect(throws: AllocError.notAllocated) { try slab.tryDeallocate(large, byteCount: 20_000, alignment: 8) }
            #expect(slab.usedBytes == 0)
        }
    }

    /// Before any region: every request and free is refused, none reads memory.
    @Test func anEmptyAllocatorRefusesEverything() {
        var slab = SlabByteAllocator()
        #expect(throws: AllocError.noMemory) { try slab.allocate(byteCount: 16, alignment: 8) }
        #expect(throws: AllocError.noMemory) { try slab.allocate(byteCount: 100_000, alignment: 8) }
        let pointer = UnsafeMutableRawPointer(bitPattern: 0x1000)!
        #expect(throws: AllocError.notAllocated) { try slab.tryDeallocate(pointer, byteCount: 16, alignment: 8) }
        #expect(throws: AllocError.notAllocated) { try slab.tryDeallocate(pointer, byteCount: 100_000, alignment: 8) }
        #expect(!slab.manages(0x1000) && slab.totalBytes == 0 && slab.regionCount == 0)
        #expect(integrityMessage(slab) == nil)
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
