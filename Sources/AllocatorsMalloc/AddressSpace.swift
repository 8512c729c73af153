#if MALLOC_SLAB
import CAllocatorsMalloc

/// The address space the slab front grows in (`SlabFront`): one range
/// reserved at start-up (inaccessible, not counted against the commit
/// limit), committed from its low end in chunks as the slab region grows.
///
/// ```
///  base                      committedEnd                        base + reserved
///  ├── committed (read/write) ──┤──────────── reserved (PROT_NONE) ──────────────┤
/// ```
///
/// Every object the slab front hands out lies in `base ..< committedEnd`,
/// so one comparison tells a slab object from a heap block.
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
    /// more. Committed memory is never given back.
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
}
#endif
