// The entry points of `AllocatorEntryPoints`, called by their C symbols, so
// that the heap test runs (and the instruction counter counts) exactly the
// code `allocators-wcet` bounds.

@_extern(c, "allocators_entry_tlsf_allocate")
func entryTLSFAllocate(_ heap: UnsafeMutableRawPointer, _ byteCount: Int) -> UnsafeMutableRawPointer?
@_extern(c, "allocators_entry_tlsf_allocate_aligned")
func entryTLSFAllocateAligned(_ heap: UnsafeMutableRawPointer, _ byteCount: Int, _ alignment: Int) -> UnsafeMutableRawPointer?
@_extern(c, "allocators_entry_tlsf_deallocate")
func entryTLSFDeallocate(_ heap: UnsafeMutableRawPointer, _ pointer: UnsafeMutableRawPointer, _ byteCount: Int)
@_extern(c, "allocators_entry_tlsf_try_deallocate")
func entryTLSFTryDeallocate(_ heap: UnsafeMutableRawPointer, _ pointer: UnsafeMutableRawPointer, _ byteCount: Int) -> Int32
@_extern(c, "allocators_entry_tlsf_reallocate")
func entryTLSFReallocate(
    _ heap: UnsafeMutableRawPointer, _ pointer: UnsafeMutableRawPointer, _ byteCount: Int, _ newByteCount: Int, _ alignment: Int
) -> UnsafeMutableRawPointer?
@_extern(c, "allocators_entry_planted_loop")
func entryPlantedLoop(_ heap: UnsafeMutableRawPointer, _ count: Int)

#if Slab
@_extern(c, "allocators_entry_slab_allocate")
func entrySlabAllocate(_ heap: UnsafeMutableRawPointer, _ byteCount: Int, _ alignment: Int) -> UnsafeMutableRawPointer?
@_extern(c, "allocators_entry_slab_deallocate")
func entrySlabDeallocate(_ heap: UnsafeMutableRawPointer, _ pointer: UnsafeMutableRawPointer, _ byteCount: Int, _ alignment: Int)
@_extern(c, "allocators_entry_slab_try_deallocate")
func entrySlabTryDeallocate(_ heap: UnsafeMutableRawPointer, _ pointer: UnsafeMutableRawPointer, _ byteCount: Int, _ alignment: Int) -> Int32
#endif

#if Buddy
@_extern(c, "allocators_entry_buddy_allocate")
func entryBuddyAllocate(_ heap: UnsafeMutableRawPointer, _ byteCount: Int, _ alignment: Int) -> UnsafeMutableRawPointer?
@_extern(c, "allocators_entry_buddy_deallocate")
func entryBuddyDeallocate(_ heap: UnsafeMutableRawPointer, _ pointer: UnsafeMutableRawPointer, _ byteCount: Int, _ alignment: Int)
@_extern(c, "allocators_entry_buddy_try_deallocate")
func entryBuddyTryDeallocate(_ heap: UnsafeMutableRawPointer, _ pointer: UnsafeMutableRawPointer, _ byteCount: Int, _ alignment: Int) -> Int32
#endif

#if Bitmap
@_extern(c, "allocators_entry_bitmap_allocate_page")
func entryBitmapAllocatePage(_ heap: UnsafeMutableRawPointer) -> UInt
@_extern(c, "allocators_entry_bitmap_deallocate_page")
func entryBitmapDeallocatePage(_ heap: UnsafeMutableRawPointer, _ address: UInt)
@_extern(c, "allocators_entry_bitmap_allocate_pages")
func entryBitmapAllocatePages(_ heap: UnsafeMutableRawPointer, _ count: Int, _ alignment: Int) -> UInt
@_extern(c, "allocators_entry_bitmap_try_deallocate_pages")
func entryBitmapTryDeallocatePages(_ heap: UnsafeMutableRawPointer, _ address: UInt, _ count: Int) -> Int32
#endif

// The board (`Boards/board.h`).
@_extern(c, "board_arena_start")
func boardArenaStart() -> UnsafeMutableRawPointer
@_extern(c, "board_arena_size")
func boardArenaSize() -> Int
