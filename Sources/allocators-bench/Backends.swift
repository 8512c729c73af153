import Allocators
import AllocatorsBenchKit

/// Every backend `make bench` runs, in table order. Adding an allocator of this
/// package is one line (inside `#if Trait` when a package trait compiles it):
/// `.byteAllocator("Name") { Name() }` for a
/// `ByteAllocator` (it replays byte traces and the page trace as aligned byte
/// blocks) or `.pageAllocator("Name") { Name() }` for a `PageAllocator`.
var allBackends: [BackendEntry] {
    var backends: [BackendEntry] = [
        .peer("glibc") { try GlibcPeer() },
        .peer("jemalloc") { try JemallocPeer() },
        .peer("mimalloc") { try MimallocPeer() },
    ]
    // Each of ours only when its package trait compiled it.
    #if TLSF
    backends.append(.byteAllocator("TLSF") { TLSFByteAllocator() })
    #endif
    #if Buddy
    backends.append(.byteAllocator("buddy") { BuddyByteAllocator() })
    #endif
    #if Slab
    backends.append(.byteAllocator("slab") { SlabByteAllocator() })
    #endif
    #if Bitmap
    backends.append(.pageAllocator("bitmap") { BitmapPageAllocator<4096>() })
    #endif
    return backends
}
