import Allocators

// The entry points whose machine code `allocators-wcet` bounds, one
// non-generic C symbol per operation so that the tool finds it by name and
// the heap test (and the instruction counter) call exactly that code. Each
// takes the allocator by address; the heap test owns it. An allocator
// specializes into this module, so each symbol holds the inlined operation.
//
// Errors come back as codes: 0 for success, else `allocatorsEntryCode(_:)`.

/// The C code of an `AllocError`: 1 invalid parameter, 2 overlap, 3 no memory, 4 not allocated.
@inline(__always)
func allocatorsEntryCode(_ error: AllocError) -> Int32 {
    switch error {
    case .invalidParam: 1
    case .memoryOverlap: 2
    case .noMemory: 3
    case .notAllocated: 4
    }
}

#if TLSF
@inline(__always)
func tlsf(_ heap: UnsafeMutableRawPointer) -> UnsafeMutablePointer<TLSFByteAllocator> {
    heap.assumingMemoryBound(to: TLSFByteAllocator.self)
}

/// TLSF allocation at alignment G (every alignment up to G takes this path).
@_cdecl("allocators_entry_tlsf_allocate") @inline(never)
public func allocatorsEntryTLSFAllocate(_ heap: UnsafeMutableRawPointer, _ byteCount: Int) -> UnsafeMutableRawPointer? {
    #if PLANTED_TLSF_OVERLAP
    // Planted bug: every 64th block is handed out 16 bytes early, over the
    // previous block's tail or the header in front of it.
    let block = try? tlsf(heap).pointee.allocate(byteCount: byteCount, alignment: TLSFByteAllocator.granularity)
    if let block, UInt(bitPattern: block) & 0x3f0 == 0 { return block - 16 }
    return block
    #else
    return try? tlsf(heap).pointee.allocate(byteCount: byteCount, alignment: TLSFByteAllocator.granularity)
    #endif
}

/// TLSF allocation at any alignment.
@_cdecl("allocators_entry_tlsf_allocate_aligned") @inline(never)
public func allocatorsEntryTLSFAllocateAligned(_ heap: UnsafeMutableRawPointer, _ byteCount: Int, _ alignment: Int) -> UnsafeMutableRawPointer? {
    try? tlsf(heap).pointee.allocate(byteCount: byteCount, alignment: alignment)
}

/// TLSF free of a live block (traps on anything else).
@_cdecl("allocators_entry_tlsf_deallocate") @inline(never)
public func allocatorsEntryTLSFDeallocate(_ heap: UnsafeMutableRawPointer, _ pointer: UnsafeMutableRawPointer, _ byteCount: Int) {
    tlsf(heap).pointee.deallocate(pointer, byteCount: byteCount, alignment: TLSFByteAllocator.granularity)
}

/// TLSF free that reports a pointer that is not a live block (code 4).
@_cdecl("allocators_entry_tlsf_try_deallocate") @inline(never)
public func allocatorsEntryTLSFTryDeallocate(_ heap: UnsafeMutableRawPointer, _ pointer: UnsafeMutableRawPointer, _ byteCount: Int) -> Int32 {
    #if PLANTED_ACCEPT_BAD_FREE
    // Planted bug: a refused free is reported as done.
    do throws(AllocError) { try tlsf(heap).pointee.tryDeallocate(pointer, byteCount: byteCount, alignment: 1) } catch { return 0 }
    return 0
    #else
    do throws(AllocError) { try tlsf(heap).pointee.tryDeallocate(pointer, byteCount: byteCount, alignment: 1) } catch {
        return allocatorsEntryCode(error)
    }
    return 0
    #endif
}

/// TLSF resize keeping the block's alignment: in place when it can, else it
/// moves (the moving path, which copies, is not part of the in-place bound).
@_cdecl("allocators_entry_tlsf_reallocate") @inline(never)
public func allocatorsEntryTLSFReallocate(
    _ heap: UnsafeMutableRawPointer, _ pointer: UnsafeMutableRawPointer, _ byteCount: Int, _ newByteCount: Int, _ alignment: Int
) -> UnsafeMutableRawPointer? {
    try? tlsf(heap).pointee.reallocate(pointer, byteCount: byteCount, newByteCount: newByteCount, alignment: alignment)
}
#endif

#if Slab
@inline(__always)
func slab(_ heap: UnsafeMutableRawPointer) -> UnsafeMutablePointer<SlabByteAllocator> {
    heap.assumingMemoryBound(to: SlabByteAllocator.self)
}

/// Slab allocation (a class object up to 7 KiB; larger requests go to the
/// backing TLSF, a path outside the class bound).
@_cdecl("allocators_entry_slab_allocate") @inline(never)
public func allocatorsEntrySlabAllocate(_ heap: UnsafeMutableRawPointer, _ byteCount: Int, _ alignment: Int) -> UnsafeMutableRawPointer? {
    try? slab(heap).pointee.allocate(byteCount: byteCount, alignment: alignment)
}

/// Slab free of a live object (traps on anything else).
@_cdecl("allocators_entry_slab_deallocate") @inline(never)
public func allocatorsEntrySlabDeallocate(_ heap: UnsafeMutableRawPointer, _ pointer: UnsafeMutableRawPointer, _ byteCount: Int, _ alignment: Int) {
    slab(heap).pointee.deallocate(pointer, byteCount: byteCount, alignment: alignment)
}

/// Slab free that reports a pointer that is not a live object (code 4).
@_cdecl("allocators_entry_slab_try_deallocate") @inline(never)
public func allocatorsEntrySlabTryDeallocate(_ heap: UnsafeMutableRawPointer, _ pointer: UnsafeMutableRawPointer, _ byteCount: Int, _ alignment: Int) -> Int32 {
    do throws(AllocError) { try slab(heap).pointee.tryDeallocate(pointer, byteCount: byteCount, alignment: alignment) } catch {
        return allocatorsEntryCode(error)
    }
    return 0
}
#endif

#if Buddy
@inline(__always)
func buddy(_ heap: UnsafeMutableRawPointer) -> UnsafeMutablePointer<BuddyByteAllocator> {
    heap.assumingMemoryBound(to: BuddyByteAllocator.self)
}

/// Buddy allocation.
@_cdecl("allocators_entry_buddy_allocate") @inline(never)
public func allocatorsEntryBuddyAllocate(_ heap: UnsafeMutableRawPointer, _ byteCount: Int, _ alignment: Int) -> UnsafeMutableRawPointer? {
    try? buddy(heap).pointee.allocate(byteCount: byteCount, alignment: alignment)
}

/// Buddy free of a live block (traps on anything else).
@_cdecl("allocators_entry_buddy_deallocate") @inline(never)
public func allocatorsEntryBuddyDeallocate(_ heap: UnsafeMutableRawPointer, _ pointer: UnsafeMutableRawPointer, _ byteCount: Int, _ alignment: Int) {
    buddy(heap).pointee.deallocate(pointer, byteCount: byteCount, alignment: alignment)
}

/// Buddy free that reports a pointer that is not a live block (code 4).
@_cdecl("allocators_entry_buddy_try_deallocate") @inline(never)
public func allocatorsEntryBuddyTryDeallocate(_ heap: UnsafeMutableRawPointer, _ pointer: UnsafeMutableRawPointer, _ byteCount: Int, _ alignment: Int) -> Int32 {
    do throws(AllocError) { try buddy(heap).pointee.tryDeallocate(pointer, byteCount: byteCount, alignment: alignment) } catch {
        return allocatorsEntryCode(error)
    }
    return 0
}
#endif

#if Bitmap
/// The page allocator of the heap test: 4 KiB pages.
public typealias AllocatorsEntryPages = BitmapPageAllocator<4096>

@inline(__always)
func pages(_ heap: UnsafeMutableRawPointer) -> UnsafeMutablePointer<AllocatorsEntryPages> {
    heap.assumingMemoryBound(to: AllocatorsEntryPages.self)
}

/// Bitmap allocation of one page (the bounded entry point); 0 when none is free.
@_cdecl("allocators_entry_bitmap_allocate_page") @inline(never)
public func allocatorsEntryBitmapAllocatePage(_ heap: UnsafeMutableRawPointer) -> UInt {
    (try? pages(heap).pointee.allocatePages(count: 1, alignment: AllocatorsEntryPages.pageSize)) ?? 0
}

/// Bitmap free of one allocated page (traps on anything else).
@_cdecl("allocators_entry_bitmap_deallocate_page") @inline(never)
public func allocatorsEntryBitmapDeallocatePage(_ heap: UnsafeMutableRawPointer, _ address: UInt) {
    pages(heap).pointee.deallocatePages(at: address, count: 1)
}

/// Bitmap allocation of a run of pages at any alignment; 0 when none fits.
@_cdecl("allocators_entry_bitmap_allocate_pages") @inline(never)
public func allocatorsEntryBitmapAllocatePages(_ heap: UnsafeMutableRawPointer, _ count: Int, _ alignment: Int) -> UInt {
    (try? pages(heap).pointee.allocatePages(count: count, alignment: alignment)) ?? 0
}

/// Bitmap free of a run that reports pages that are not allocated (code 4).
@_cdecl("allocators_entry_bitmap_try_deallocate_pages") @inline(never)
public func allocatorsEntryBitmapTryDeallocatePages(_ heap: UnsafeMutableRawPointer, _ address: UInt, _ count: Int) -> Int32 {
    do throws(AllocError) { try pages(heap).pointee.tryDeallocatePages(at: address, count: count) } catch {
        return allocatorsEntryCode(error)
    }
    return 0
}
#endif

#if TLSF
/// The WCET check's negative twin: `count` allocations and frees in a loop.
/// `allocators-wcet` must reject it as an O(1) entry, and its deliberately
/// understated loop bound must be exceeded by the measured count.
@_cdecl("allocators_entry_planted_loop") @inline(never)
public func allocatorsEntryPlantedLoop(_ heap: UnsafeMutableRawPointer, _ count: Int) {
    for _ in 0 ..< count {
        if let block = try? tlsf(heap).pointee.allocate(byteCount: 24, alignment: TLSFByteAllocator.granularity) {
            tlsf(heap).pointee.deallocate(block, byteCount: 24, alignment: TLSFByteAllocator.granularity)
        }
    }
}
#endif
