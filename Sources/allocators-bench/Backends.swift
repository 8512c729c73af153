import Allocators
import AllocatorsBenchKit

/// Every backend `make bench` runs, in table order. Adding an allocator of this
/// package is one line: `.byteAllocator("Name") { Name() }` for a
/// `ByteAllocator` (it replays byte traces and the page trace as aligned byte
/// blocks) or `.pageAllocator("Name") { Name() }` for a `PageAllocator`.
var allBackends: [BackendEntry] { [
    .peer("glibc") { try GlibcPeer() },
    .peer("jemalloc") { try JemallocPeer() },
    .peer("mimalloc") { try MimallocPeer() },
    .byteAllocator("TLSF") { TLSFByteAllocator() },
    .byteAllocator("buddy") { BuddyByteAllocator() },
    .byteAllocator("slab") { SlabByteAllocator() },
    .pageAllocator("bitmap") { BitmapPageAllocator<4096>() },
] }
