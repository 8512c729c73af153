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
        .peer("tcmalloc") { try TcmallocPeer() },
    ]
    // Each of ours only when its package trait compiled it.
    #if TLSF
    backends.append(.byteAllocator("TLSF") { TLSFByteAllocator() })
    // The same TLSF through the C interface (MallocHeap's header, free by address).
    backends.append(.pooled("TLSF-C") { pool in CInterfaceBackend(pool: pool) })
    // TLSF with rlsf's granularity (four words), for the comparison with it.
    backends.append(.byteAllocator("TLSF-32") { TLSFAllocator<ThirtyTwoByteGranularity>() })
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

/// Backends that check the harness rather than measure an allocator, run
/// only when named (`--backends`): the harness alone (`EmptyBackend`, which
/// the instruction mode always runs first), and TLSF with 64 rounds of extra
/// arithmetic per call, which the instruction mode's tests count.
var calibrationBackends: [BackendEntry] {
    var backends: [BackendEntry] = [.harness]
    #if TLSF
    backends.append(.byteAllocator("TLSF+work", family: "calibration") { ExtraWorkAllocator(TLSFByteAllocator(), rounds: 64) })
    #endif
    return backends
}

#if TLSF
/// 32 second-level lists like the default, granularity four words (32 bytes
/// on 64-bit targets): the block geometry of rlsf, which the seed crate uses.
enum ThirtyTwoByteGranularity: TLSFConfiguration {
    static var secondLevelCountLog2: Int { 5 }
    static var granularityLog2: Int { MemoryLayout<UInt>.size == 8 ? 5 : 4 }
}
#endif
