#if canImport(Glibc)
import Glibc
#endif

/// How the peers are loaded, printed with every run: each peer library is
/// opened with `dlopen(RTLD_NOW | RTLD_LOCAL)` and called only through its own
/// prefixed entry points found with `dlsym`, so none of them replaces the
/// process's `malloc` (which stays glibc's) for the others. jemalloc's
/// initial-exec TLS needs `GLIBC_TUNABLES=glibc.rtld.optional_static_tls`,
/// which `allocators-bench` sets by re-executing itself once.
public let peerLoadingNote = "peers: dlopen(RTLD_LOCAL) + dlsym of their own entry points in this process; process malloc stays glibc's"

public enum PeerError: Error, CustomStringConvertible {
    case unavailable(String)
    public var description: String { if case .unavailable(let s) = self { s } else { "" } }
}

private func open(_ library: String) throws(PeerError) -> UnsafeMutableRawPointer {
    guard let handle = dlopen(library, RTLD_NOW | RTLD_LOCAL) else {
        throw .unavailable("\(library): \(String(cString: dlerror()))")
    }
    return handle
}

private func symbol<F>(_ handle: UnsafeMutableRawPointer, _ name: String, as: F.Type) throws(PeerError) -> F {
    guard let s = dlsym(handle, name) else { throw .unavailable("\(name): not found") }
    return unsafeBitCast(s, to: F.self)
}

public typealias CMalloc = @convention(c) (Int) -> UnsafeMutableRawPointer?
public typealias CFree = @convention(c) (UnsafeMutableRawPointer?) -> Void
public typealias CPosixMemalign = @convention(c) (UnsafeMutablePointer<UnsafeMutableRawPointer?>, Int, Int) -> Int32
public typealias CMallocx = @convention(c) (Int, Int32) -> UnsafeMutableRawPointer?
public typealias CSdallocx = @convention(c) (UnsafeMutableRawPointer?, Int, Int32) -> Void
public typealias CMiMallocAligned = @convention(c) (Int, Int) -> UnsafeMutableRawPointer?
public typealias CMemalign = @convention(c) (Int, Int) -> UnsafeMutableRawPointer?

/// glibc: `__libc_malloc` up to 16-byte alignment, `posix_memalign` above, `__libc_free`.
public struct GlibcPeer: ReplayBackend {
    public let malloc: CMalloc
    public let free: CFree
    public let memalign: CPosixMemalign

    public init() throws(PeerError) {
        let libc = try open("libc.so.6")
        malloc = try symbol(libc, "__libc_malloc", as: CMalloc.self)
        free = try symbol(libc, "__libc_free", as: CFree.self)
        memalign = try symbol(libc, "posix_memalign", as: CPosixMemalign.self)
    }

    @inlinable @inline(__always)
    public mutating func allocate(byteCount: Int, alignment: Int) -> UnsafeMutableRawPointer? {
        if alignment <= 16 { return malloc(byteCount) }
        var p: UnsafeMutableRawPointer?
        return memalign(&p, alignment, byteCount) == 0 ? p : nil
    }

    @inlinable @inline(__always)
    public mutating func deallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) { free(pointer) }
}

/// jemalloc: `mallocx(size, MALLOCX_LG_ALIGN(lg))` and sized `sdallocx`.
public struct JemallocPeer: ReplayBackend {
    public let mallocx: CMallocx
    public let sdallocx: CSdallocx

    public init() throws(PeerError) {
        let lib = try open("libjemalloc.so.2")
        mallocx = try symbol(lib, "mallocx", as: CMallocx.self)
        sdallocx = try symbol(lib, "sdallocx", as: CSdallocx.self)
    }

    @inlinable @inline(__always)
    public mutating func allocate(byteCount: Int, alignment: Int) -> UnsafeMutableRawPointer? {
        mallocx(byteCount, Int32(alignment.trailingZeroBitCount))
    }

    @inlinable @inline(__always)
    public mutating func deallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) {
        sdallocx(pointer, byteCount, Int32(alignment.trailingZeroBitCount))
    }
}

/// mimalloc: `mi_malloc_aligned` and `mi_free`.
public struct MimallocPeer: ReplayBackend {
    public let mallocAligned: CMiMallocAligned
    public let free: CFree

    public init() throws(PeerError) {
        let lib = try open("libmimalloc.so.2")
        mallocAligned = try symbol(lib, "mi_malloc_aligned", as: CMiMallocAligned.self)
        free = try symbol(lib, "mi_free", as: CFree.self)
    }

    @inlinable @inline(__always)
    public mutating func allocate(byteCount: Int, alignment: Int) -> UnsafeMutableRawPointer? {
        mallocAligned(byteCount, alignment)
    }

    @inlinable @inline(__always)
    public mutating func deallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) { free(pointer) }
}

/// tcmalloc (gperftools' minimal build): `tc_malloc` where its size classes
/// give the alignment (16 bytes, 8 for blocks of up to 8 bytes),
/// `tc_memalign` above, and `tc_free`.
public struct TcmallocPeer: ReplayBackend {
    public let malloc: CMalloc
    public let memalign: CMemalign
    public let free: CFree

    public init() throws(PeerError) {
        let lib = try open("libtcmalloc_minimal.so.4")
        malloc = try symbol(lib, "tc_malloc", as: CMalloc.self)
        memalign = try symbol(lib, "tc_memalign", as: CMemalign.self)
        free = try symbol(lib, "tc_free", as: CFree.self)
    }

    @inlinable @inline(__always)
    public mutating func allocate(byteCount: Int, alignment: Int) -> UnsafeMutableRawPointer? {
        if alignment <= 8 || (alignment <= 16 && byteCount > 8) { return malloc(byteCount) }
        return memalign(alignment, byteCount)
    }

    @inlinable @inline(__always)
    public mutating func deallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) { free(pointer) }
}
