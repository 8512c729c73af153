import Allocators
#if canImport(Glibc)
import Glibc
#endif

/// What the replay loops call: one allocation and one free, no errors thrown.
///
/// The loops are generic over this protocol and specialize per backend, so the
/// timed code has no existentials and no dynamic dispatch beyond what a backend
/// itself does (a peer calls through a C function pointer).
public protocol ReplayBackend: ~Copyable {
    /// Which trace kinds this backend replays (page allocators replay only pages).
    static var replaysBytes: Bool { get }
    /// The pool this backend allocates from, for the high-water mark and the
    /// in-pool check; nil for peers.
    var poolRange: Range<UInt>? { get }
    /// A block of at least `byteCount` bytes aligned to `alignment`, or nil on failure.
    mutating func allocate(byteCount: Int, alignment: Int) -> UnsafeMutableRawPointer?
    /// Frees a block returned by `allocate` with the same size and alignment.
    mutating func deallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int)
    /// Frees like `deallocate` but reports a rejected free (false) instead of trapping where it can.
    mutating func checkedDeallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) -> Bool
}

extension ReplayBackend where Self: ~Copyable {
    public static var replaysBytes: Bool { true }
    public var poolRange: Range<UInt>? { nil }
    @inlinable
    public mutating func checkedDeallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) -> Bool {
        deallocate(pointer, byteCount: byteCount, alignment: alignment)
        return true
    }
}

/// Memory for a pool allocator: an anonymous mapping, its start aligned to
/// 2 MiB and to no more, the same way on every run.
///
/// The start is 2 MiB past an address aligned to the pool's size rounded up to
/// a power of two (the `span`), so it is 2 MiB-aligned (aligned requests cost
/// the same on every run) but never 4 MiB-aligned. A buddy allocator splits a
/// region by absolute address into self-aligned blocks, so a start anywhere
/// else in the span would give it other blocks, and other counts, from run to
/// run. The mapping reserves the span and the pool; only the pool is used.
///
/// A pool that is measured is `resident`: its pages are faulted in when it is
/// mapped, as a fixed heap's memory is before the program runs. Otherwise an
/// allocator whose layout differs from pass to pass (a slab cache kept
/// between passes) would pay the kernel's first-touch page faults inside the
/// timed passes, at microseconds each. The smallest-pool search maps its
/// probes reserved only, touched where blocks are written.
public final class Pool {
    public let base: UnsafeMutableRawPointer
    public let size: Int
    private let mapping: UnsafeMutableRawPointer
    private let mappingSize: Int

    public static let baseAlignment = 2 << 20

    public init?(size: Int, resident: Bool = false) {
        guard size > 0, size <= 1 << 46 else { return nil }
        let span = max(2 * Pool.baseAlignment, 1 << (Int.bitWidth - (size - 1).leadingZeroBitCount))
        let total = span + Pool.baseAlignment + size
        let p = mmap(nil, total, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0)
        guard let p, p != MAP_FAILED else { return nil }
        mapping = p
        mappingSize = total
        let start = ((UInt(bitPattern: p) + UInt(span) - 1) & ~UInt(span - 1)) + UInt(Pool.baseAlignment)
        base = UnsafeMutableRawPointer(bitPattern: start)!
        self.size = size
        if resident {
            // The pool part of the reservation again, faulted in now.
            let q = mmap(base, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_POPULATE, -1, 0)
            guard q == base else { return nil } // deinit unmaps the reservation
        }
    }

    deinit { munmap(mapping, mappingSize) }

    public var range: Range<UInt> { UInt(bitPattern: base) ..< UInt(bitPattern: base) + UInt(size) }
}

/// A byte allocator of this package over a pool of its own.
public struct PooledByteBackend<A: ByteAllocator & ~Copyable>: ReplayBackend, ~Copyable {
    public var allocator: A
    public let pool: Pool

    /// Makes an allocator with `make` and gives it the whole pool; nil when it refuses the pool.
    public init?(pool: Pool, make: () -> A) {
        var a = make()
        do { try a.initialize(start: UInt(bitPattern: pool.base), size: pool.size) } catch { return nil }
        allocator = a
        self.pool = pool
    }

    public var poolRange: Range<UInt>? { pool.range }

    @inlinable @inline(__always)
    public mutating func allocate(byteCount: Int, alignment: Int) -> UnsafeMutableRawPointer? {
        do { return try allocator.allocate(byteCount: byteCount, alignment: alignment) } catch { return nil }
    }

    @inlinable @inline(__always)
    public mutating func deallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) {
        allocator.deallocate(pointer, byteCount: byteCount, alignment: alignment)
    }

    @inlinable
    public mutating func checkedDeallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) -> Bool {
        do { try allocator.tryDeallocate(pointer, byteCount: byteCount, alignment: alignment); return true } catch { return false }
    }
}

/// A page allocator of this package over a pool of its own; replays only page traces.
public struct PooledPageBackend<A: PageAllocator & ~Copyable>: ReplayBackend, ~Copyable {
    public var allocator: A
    public let pool: Pool

    public init?(pool: Pool, make: () -> A) {
        var a = make()
        do { try a.initialize(start: UInt(bitPattern: pool.base), size: pool.size) } catch { return nil }
        allocator = a
        self.pool = pool
    }

    public static var replaysBytes: Bool { false }
    public var poolRange: Range<UInt>? { pool.range }

    @inlinable @inline(__always)
    public mutating func allocate(byteCount: Int, alignment: Int) -> UnsafeMutableRawPointer? {
        do {
            let address = try allocator.allocatePages(count: byteCount / A.pageSize, alignment: alignment)
            return UnsafeMutableRawPointer(bitPattern: address)
        } catch { return nil }
    }

    @inlinable @inline(__always)
    public mutating func deallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) {
        allocator.deallocatePages(at: UInt(bitPattern: pointer), count: byteCount / A.pageSize)
    }

    @inlinable
    public mutating func checkedDeallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) -> Bool {
        do { try allocator.tryDeallocatePages(at: UInt(bitPattern: pointer), count: byteCount / A.pageSize); return true } catch { return false }
    }
}
