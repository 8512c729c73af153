import Allocators

/// TLSF over two pools: the first three quarters of the region and, after
/// a gap, what is left past it.
struct TLSFUnderTest: ByteHeapUnderTest, ~Copyable {
    static var name: StaticString { "TLSF" }
    static var profile: WorkloadProfile {
        WorkloadProfile(smallSizes: 256, mediumSizes: 4096, largeSizes: 48 << 10, sizeUnit: 1,
                        baseAlignment: TLSFByteAllocator.granularity, largestAlignment: 4096, reallocates: true, refusesWrongSizes: true)
    }
    let owned: Owned<TLSFByteAllocator>

    init(region: UnsafeMutableRawBufferPointer) {
        owned = Owned(TLSFByteAllocator())
        let start = UInt(bitPattern: region.baseAddress)
        let first = HeapTestConfiguration.tlsfPoolBytes, second = HeapTestConfiguration.tlsfSecondPoolBytes
        precondition(region.count >= first + 4096 + second, "heap test: the TLSF region is too small")
        do throws(AllocError) {
            try owned.pointer.pointee.initialize(start: start, size: first)
            try owned.pointer.pointee.addMemory(start: start + UInt(first + 4096), size: second)
        } catch { fatalError("heap test: TLSF refused its pools") }
        // The WCET check's planted loop runs here (see allocators-wcet). Its
        // understated bound is one pass of the static worst case (about 2500
        // instructions); one measured pass is about 550, so 16 passes must
        // exceed it by a wide margin on every target.
        entryPlantedLoop(owned.raw, 16)
        precondition(owned.pointer.pointee.usedBytes == 0, "heap test: the planted loop leaked")
    }

    mutating func allocate(byteCount: Int, alignment: Int) -> UnsafeMutableRawPointer? {
        alignment <= TLSFByteAllocator.granularity
            ? entryTLSFAllocate(owned.raw, byteCount) : entryTLSFAllocateAligned(owned.raw, byteCount, alignment)
    }
    mutating func deallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) {
        entryTLSFDeallocate(owned.raw, pointer, byteCount)
    }
    mutating func tryDeallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) -> Int32 {
        entryTLSFTryDeallocate(owned.raw, pointer, byteCount)
    }
    mutating func reallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, newByteCount: Int, alignment: Int) -> UnsafeMutableRawPointer? {
        entryTLSFReallocate(owned.raw, pointer, byteCount, newByteCount, alignment)
    }
    func integrityViolation() -> StaticString? { checkedIntegrity(owned.pointer.pointee) }
    var totalBytes: Int { owned.pointer.pointee.totalBytes }
    var usedBytes: Int { owned.pointer.pointee.usedBytes }
    var availableBytes: Int { owned.pointer.pointee.availableBytes }
}

#if Slab
/// The slab allocator over TLSF, one region.
struct SlabUnderTest: ByteHeapUnderTest, ~Copyable {
    static var name: StaticString { "slab" }
    static var profile: WorkloadProfile {
        WorkloadProfile(smallSizes: 512, mediumSizes: 7168, largeSizes: 32 << 10, sizeUnit: 1,
                        baseAlignment: 8, largestAlignment: 256, reallocates: false, refusesWrongSizes: true)
    }
    let owned: Owned<SlabByteAllocator>

    init(region: UnsafeMutableRawBufferPointer) {
        owned = Owned(SlabByteAllocator())
        do throws(AllocError) {
            try owned.pointer.pointee.initialize(start: UInt(bitPattern: region.baseAddress), size: HeapTestConfiguration.slabRegionBytes)
        } catch { fatalError("heap test: the slab allocator refused its region") }
    }

    mutating func allocate(byteCount: Int, alignment: Int) -> UnsafeMutableRawPointer? {
        entrySlabAllocate(owned.raw, byteCount, alignment)
    }
    mutating func deallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) {
        entrySlabDeallocate(owned.raw, pointer, byteCount, alignment)
    }
    mutating func tryDeallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) -> Int32 {
        entrySlabTryDeallocate(owned.raw, pointer, byteCount, alignment)
    }
    mutating func reallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, newByteCount: Int, alignment: Int) -> UnsafeMutableRawPointer? { nil }
    func integrityViolation() -> StaticString? { checkedIntegrity(owned.pointer.pointee) }
    var totalBytes: Int { owned.pointer.pointee.totalBytes }
    var usedBytes: Int { owned.pointer.pointee.usedBytes }
    var availableBytes: Int { owned.pointer.pointee.availableBytes }
}
#endif

#if Buddy
/// The buddy allocator, one region aligned to its size, its bookkeeping
/// carved from the region's start (the default).
struct BuddyUnderTest: ByteHeapUnderTest, ~Copyable {
    static var name: StaticString { "buddy" }
    static var profile: WorkloadProfile {
        WorkloadProfile(smallSizes: 256, mediumSizes: 4096, largeSizes: 32 << 10, sizeUnit: 1,
                        baseAlignment: 8, largestAlignment: 4096, reallocates: false, refusesWrongSizes: true)
    }
    let owned: Owned<BuddyByteAllocator>

    init(region: UnsafeMutableRawBufferPointer) {
        owned = Owned(BuddyByteAllocator())
        do throws(AllocError) {
            try owned.pointer.pointee.initialize(start: UInt(bitPattern: region.baseAddress), size: HeapTestConfiguration.buddyRegionBytes)
        } catch { fatalError("heap test: the buddy allocator refused its region") }
    }

    mutating func allocate(byteCount: Int, alignment: Int) -> UnsafeMutableRawPointer? {
        entryBuddyAllocate(owned.raw, byteCount, alignment)
    }
    mutating func deallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) {
        entryBuddyDeallocate(owned.raw, pointer, byteCount, alignment)
    }
    mutating func tryDeallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) -> Int32 {
        entryBuddyTryDeallocate(owned.raw, pointer, byteCount, alignment)
    }
    mutating func reallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, newByteCount: Int, alignment: Int) -> UnsafeMutableRawPointer? { nil }
    func integrityViolation() -> StaticString? { checkedIntegrity(owned.pointer.pointee) }
    var totalBytes: Int { owned.pointer.pointee.totalBytes }
    var usedBytes: Int { owned.pointer.pointee.usedBytes }
    var availableBytes: Int { owned.pointer.pointee.availableBytes }
}
#endif

#if Bitmap
/// The bitmap page allocator, driven as a byte heap whose sizes are whole
/// pages: one-page requests go through the bounded one-page entry points.
struct BitmapUnderTest: ByteHeapUnderTest, ~Copyable {
    static var name: StaticString { "bitmap" }
    static var profile: WorkloadProfile {
        let page = HeapTestConfiguration.pageBytes
        return WorkloadProfile(smallSizes: page, mediumSizes: 4 * page, largeSizes: 16 * page, sizeUnit: page,
                               baseAlignment: page, largestAlignment: 16 * page, reallocates: false, refusesWrongSizes: false)
    }
    let owned: Owned<BitmapPageAllocator<4096>>

    init(region: UnsafeMutableRawBufferPointer) {
        owned = Owned(BitmapPageAllocator<4096>())
        do throws(AllocError) {
            try owned.pointer.pointee.initialize(
                start: UInt(bitPattern: region.baseAddress), size: HeapTestConfiguration.bitmapPages * HeapTestConfiguration.pageBytes)
        } catch { fatalError("heap test: the bitmap allocator refused its region") }
    }

    mutating func allocate(byteCount: Int, alignment: Int) -> UnsafeMutableRawPointer? {
        let count = byteCount / HeapTestConfiguration.pageBytes
        let address = count == 1 && alignment == HeapTestConfiguration.pageBytes
            ? entryBitmapAllocatePage(owned.raw) : entryBitmapAllocatePages(owned.raw, count, alignment)
        return UnsafeMutableRawPointer(bitPattern: address)
    }
    mutating func deallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) {
        let count = byteCount / HeapTestConfiguration.pageBytes
        if count == 1 {
            entryBitmapDeallocatePage(owned.raw, UInt(bitPattern: pointer))
        } else if entryBitmapTryDeallocatePages(owned.raw, UInt(bitPattern: pointer), count) != 0 {
            fatalError("heap test: the bitmap allocator refused a live run")
        }
    }
    mutating func tryDeallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) -> Int32 {
        entryBitmapTryDeallocatePages(owned.raw, UInt(bitPattern: pointer), Swift.max(byteCount / HeapTestConfiguration.pageBytes, 1))
    }
    mutating func reallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, newByteCount: Int, alignment: Int) -> UnsafeMutableRawPointer? { nil }
    func integrityViolation() -> StaticString? { checkedIntegrity(owned.pointer.pointee) }
    var totalBytes: Int { owned.pointer.pointee.totalPages * HeapTestConfiguration.pageBytes }
    var usedBytes: Int { owned.pointer.pointee.usedPages * HeapTestConfiguration.pageBytes }
    var availableBytes: Int { owned.pointer.pointee.availablePages * HeapTestConfiguration.pageBytes }
}
#endif
