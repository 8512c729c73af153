import CAllocatorsMalloc

/// The address space the heap grows in: one range reserved at start-up
/// (inaccessible, not counted against the commit limit), committed from its
/// low end in chunks as the heap grows.
///
/// ```
///  base                      committedEnd                        base + reserved
///  ├── committed (read/write) ──┤──────────── reserved (PROT_NONE) ──────────────┤
/// ```
///
/// Every block the heap hands out lies in `base ..< committedEnd`, and that
/// whole range is mapped: so a pointer can be checked against the heap's
/// headers without faulting once it is inside that range.
struct AddressSpace: ~Copyable {
    /// The first reserved byte (0 before `reserve`).
    private(set) var base: UInt = 0
    /// Bytes reserved.
    private(set) var reserved: UInt = 0
    /// The end of the committed range.
    private(set) var committedEnd: UInt = 0

    /// Bytes asked for first; halved while the kernel refuses (an address
    /// space limit, `ulimit -v`), down to `smallestReservation`.
    let preferredReservation: UInt
    static var smallestReservation: UInt { 64 << 20 }

    init(preferredReservation: UInt) {
        self.preferredReservation = preferredReservation
    }

    /// Reserves the range; false when not even the smallest one can be had.
    ///
    /// - Complexity: O(log(preferred / smallest)) system calls at most.
    mutating func reserve() -> Bool {
        var size = preferredReservation
        while size >= min(Self.smallestReservation, preferredReservation) {
            if let start = allocators_malloc_reserve(Int(bitPattern: size)) {
                base = UInt(bitPattern: start)
                reserved = size
                committedEnd = base
                return true
            }
            size >>= 1
        }
        return false
    }

    /// Commits the next `size` bytes (a multiple of the page size) and
    /// returns their start, or nil when the reservation or the kernel has no
    /// more. Committed memory is never given back (its pages may be, by
    /// `releasePages`).
    mutating func commit(_ size: UInt) -> UInt? {
        let start = committedEnd
        guard size <= base &+ reserved &- start,
              allocators_malloc_commit(UnsafeMutableRawPointer(bitPattern: start), Int(bitPattern: size)) == 0
        else { return nil }
        committedEnd = start &+ size
        return start
    }

    /// Bytes still reserved and not committed.
    var uncommitted: UInt { base &+ reserved &- committedEnd }

    /// Whether `address ..< address + size` lies in the committed range.
    @inline(__always)
    func isCommitted(_ address: UInt, size: UInt) -> Bool {
        address >= base && address < committedEnd && size <= committedEnd &- address
    }
}

/// Gives the whole pages inside `lower ..< upper` back to the kernel.
@inline(__always)
func releasePages(from lower: UInt, to upper: UInt) {
    let page = pageSize
    let start = (lower &+ page &- 1) & ~(page &- 1)
    let end = upper & ~(page &- 1)
    guard start < end else { return }
    allocators_malloc_release_pages(UnsafeMutableRawPointer(bitPattern: start), Int(bitPattern: end &- start))
}

/// The page size, read once at set-up (`MallocBackend.setUp`).
nonisolated(unsafe) var pageSize: UInt = 4096
