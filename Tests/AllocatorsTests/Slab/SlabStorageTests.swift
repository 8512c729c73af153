@testable import Allocators
import Testing
import TestSupport

/// Where the slab allocator's bookkeeping goes: carved from the start of each
/// region (the default), a caller's buffer, or the platform allocator; the
/// bytes are exactly `SlabBookkeeping`'s, and a refusal changes nothing.
@Suite struct SlabStorageTests {
    static let size = 1 << 20

    /// The bytes the first region of `size` bytes at `start` takes.
    static func firstRegionBytes(start: UInt, size: Int) -> Int {
        let configuration = SlabConfiguration(slabShift: 16, backingHeader: TLSFByteAllocator.granularity)
        return SlabBookkeeping(
            start: start, end: start + UInt(size), slabShift: configuration.slabShift,
            tableCapacityLog2: SlabBookkeeping.initialTableCapacityLog2,
            fixedTables: (configuration.classCount, configuration.tableGranules)).byteCount
    }

    /// The documented cost: 64 bytes per window plus a bit per 16 bytes, the
    /// first region's tables, a region-table entry.
    @Test func theCostPerRegionIsAsDocumented() {
        let configuration = SlabConfiguration(slabShift: 16, backingHeader: TLSFByteAllocator.granularity)
        #expect(configuration.classCount == 31 && configuration.tableGranules == 65)
        let windows = (128 << 20) >> 16  // 128 MiB, aligned: 2048 windows of 64 KiB
        let plain = SlabBookkeeping(start: 1 << 30, end: (1 << 30) + (128 << 20), slabShift: 16, tableCapacityLog2: nil, fixedTables: nil)
        #expect(plain.windows == windows && plain.byteCount == windows * 64 + windows * 4096 / 64 * 8)
        let fixed = SlabBookkeeping.fixedTableBytes(classes: 31, granules: 65)
        #expect(fixed == 31 * 32 + 65 * 17)
        let first = SlabBookkeeping(start: 1 << 30, end: (1 << 30) + (128 << 20), slabShift: 16, tableCapacityLog2: 3, fixedTables: (31, 65))
        #expect(first.byteCount == (plain.byteCount + 8 * MemoryLayout<SlabRegion>.stride + fixed + 63) & ~63)
        #expect(MemoryLayout<SlabRegion>.stride == 4 * MemoryLayout<UInt>.stride)
    }

    /// Carved: the backing manages the region less the bookkeeping at its
    /// start, exactly where `SlabBookkeeping.managedStart` says.
    @Test func carvedBookkeepingTakesTheRegionsStart() throws {
        let arena = PoolArena(.single(size: Self.size, offset: 8))
        let start = arena.regions[0].start
        var slab = SlabByteAllocator()
        try slab.initialize(start: start, size: Self.size)
        let managed = try #require(SlabBookkeeping.managedStart(
            regionStart: start, size: Self.size, slabShift: 16, backingHeader: TLSFByteAllocator.granularity, regionsBefore: 0))
        #expect(managed == ((start + 63) & ~63) + UInt(Self.firstRegionBytes(start: start, size: Self.size)))
        var plain = TLSFByteAllocator()
        try plain.initialize(start: managed, size: Int(start + UInt(Self.size) - managed))
        #expect(slab.totalBytes == plain.totalBytes)
        #expect(slab.manages(start) && slab.manages(managed) && !slab.manages(start + UInt(Self.size)))
        let object = try slab.allocate(byteCount: 1, alignment: 1)
        #expect(UInt(bitPattern: object) >= managed)
        // A free inside the carved descriptors is refused without harm.
        #expect(throws: AllocError.notAllocated) {
            try slab.tryDeallocate(UnsafeMutableRawPointer(bitPattern: (start + 63) & ~63)!, byteCount: 16, alignment: 16)
        }
        slab.deallocate(object, byteCount: 1, alignment: 1)
        #expect(integrityMessage(slab) == nil)
        _ = consume slab
        _ = consume plain
    }

    /// A region too small to carve the bookkeeping from is `.invalidParam`,
    /// one whose remainder the backing refuses too; nothing changes.
    @Test func aRegionTooSmallToCarveIsRefused() throws {
        let arena = PoolArena(.single(size: Self.size))
        let start = arena.regions[0].start
        var slab = SlabByteAllocator()
        #expect(throws: AllocError.invalidParam) { try slab.initialize(start: start, size: 1024) }
        let bytes = Self.firstRegionBytes(start: start, size: 4096)
        #expect(throws: AllocError.invalidParam) { try slab.initialize(start: start, size: bytes) }
        #expect(slab.regionCount == 0 && slab.totalBytes == 0)
        try slab.initialize(start: start, size: Self.size)
        #expect(throws: AllocError.memoryOverlap) { try slab.addMemory(start: start + 100, size: 100) }
        #expect(throws: AllocError.invalidParam) { try slab.addMemory(start: start + UInt(Self.size), size: 0) }
        #expect(throws: AllocError.invalidParam) { try slab.initialize(start: start + UInt(Self.size), size: 4096) }
        #expect(slab.regionCount == 1 && integrityMessage(slab) == nil)
        _ = consume slab
    }

    /// A caller's buffer of exactly the bookkeeping's bytes suffices; one
    /// byte less is `.noMemory` and changes nothing, for the first region and
    /// for the next.
    @Test func aBufferOfExactlyTheBookkeepingSuffices() throws {
        let arena = PoolArena(RegionLayout(regions: [(offset: 0, size: Self.size), (offset: 2 * Self.size, size: Self.size)]))
        let (first, second) = (arena.regions[0].start, arena.regions[1].start)
        let firstBytes = Self.firstRegionBytes(start: first, size: Self.size)
        let secondBytes = SlabBookkeeping(start: second, end: second + UInt(Self.size), slabShift: 16, tableCapacityLog2: nil, fixedTables: nil).byteCount
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: firstBytes + secondBytes, alignment: 64)
        defer { buffer.deallocate() }
        do {
            var slab = SlabByteAllocator(storage: .buffer(UnsafeMutableRawBufferPointer(rebasing: buffer[..<(firstBytes - 1)])))
            #expect(throws: AllocError.noMemory) { try slab.initialize(start: first, size: Self.size) }
            #expect(slab.regionCount == 0 && slab.totalBytes == 0 && integrityMessage(slab) == nil)
            #expect(throws: AllocError.noMemory) { try slab.allocate(byteCount: 16, alignment: 8) }
            _ = consume slab
        }
        do {
            var slab = SlabByteAllocator(storage: .buffer(UnsafeMutableRawBufferPointer(rebasing: buffer[..<(firstBytes + secondBytes - 1)])))
            try slab.initialize(start: first, size: Self.size)
            // The backing manages the whole region: nothing is carved.
            var plain = TLSFByteAllocator()
            try plain.initialize(start: first, size: Self.size)
            #expect(slab.totalBytes == plain.totalBytes)
            let object = try slab.allocate(byteCount: 100, alignment: 8)
            let before = slab.statistics, slabsBefore = slab.slabStatistics
            #expect(throws: AllocError.noMemory) { try slab.addMemory(start: second, size: Self.size) }
            #expect(slab.statistics == before && slab.slabStatistics == slabsBefore && !slab.manages(second))
            #expect(integrityMessage(slab) == nil)
            slab.deallocate(object, byteCount: 100, alignment: 8)
            _ = consume slab
            _ = consume plain
        }
        var slab = SlabByteAllocator(storage: .buffer(buffer))
        try slab.initialize(start: first, size: Self.size)
        try slab.addMemory(start: second, size: Self.size)
        #expect(slab.regionCount == 2 && slab.manages(second) && integrityMessage(slab) == nil)
        // Nothing of the bookkeeping is in the regions: an allocation can take the first byte.
        let block = try slab.allocate(byteCount: 100_000, alignment: 8)
        let managed = slab.manages(UInt(bitPattern: block))
        #expect(managed)
        slab.deallocate(block, byteCount: 100_000, alignment: 8)
        _ = consume slab
    }

    /// Many regions: the region table grows (taken with the region that finds
    /// it full), every region's objects are found again, at every storage kind.
    @Test(arguments: [BookkeepingStorage.carved, .platform])
    func manyRegionsGrowTheTable(storage: BookkeepingStorage) throws {
        let count = 20, size = 1 << 17
        let arena = PoolArena(RegionLayout(regions: (0 ..< count).map { (offset: $0 * 2 * size + 8 * $0, size: size) }))
        var slab = SlabAllocator(backing: BuddyByteAllocator(), slabShift: 12, storage: storage)
        for (index, region) in arena.regions.enumerated().reversed() {
            if index == count - 1 { try slab.initialize(start: region.start, size: region.size) } else { try slab.addMemory(start: region.start, size: region.size) }
        }
        #expect(slab.regionCount == count && slab.storage.regions.capacity == 32)
        var live: [UnsafeMutableRawPointer] = []
        while let pointer = try? slab.allocate(byteCount: 200, alignment: 8) { live.append(pointer) }
        let regionsUsed = Set(live.map { pointer in arena.regions.firstIndex { $0.start <= UInt(bitPattern: pointer) && UInt(bitPattern: pointer) < $0.start + UInt($0.size) }! })
        #expect(regionsUsed.count == count)
        #expect(integrityMessage(slab) == nil)
        for pointer in live { try slab.tryDeallocate(pointer, byteCount: 200, alignment: 8) }
        #expect(slab.usedBytes == 0 && integrityMessage(slab) == nil)
        _ = consume slab
    }
}
