import Allocators

// One adapter per allocator: the heap test asks each allocator's own
// structural check through these alone, so a change of that check's
// signature is a change here and nowhere else. Each returns what broke, or
// nil when the structure is consistent.

func tlsfIntegrityViolation(_ allocator: borrowing TLSFByteAllocator) -> StaticString? {
    do { try allocator.checkIntegrity() } catch { return "TLSF: checkIntegrity failed" }
    return nil
}

#if Slab
func slabIntegrityViolation(_ allocator: borrowing SlabByteAllocator) -> StaticString? {
    allocator.checkIntegrity()
}
#endif

#if Buddy
func buddyIntegrityViolation(_ allocator: borrowing BuddyByteAllocator) -> StaticString? {
    allocator.checkIntegrity()
}
#endif

#if Bitmap
func bitmapIntegrityViolation(_ allocator: borrowing BitmapPageAllocator<4096>) -> StaticString? {
    allocator.checkIntegrity()
}
#endif
