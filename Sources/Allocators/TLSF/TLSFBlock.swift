#if TLSF
/// A handle on the in-band header of one physical block: the pointer work of
/// the allocator, one-line accessors per field.
///
/// Block layout (W = one machine word; the header takes G bytes, G >= 2W):
///
///     block ──▶ ┌──────────────────────────────┐
///               │ previousPhysical (address)   │  word 0: boundary tag, always valid
///               ├──────────────────────────┬─┬─┤
///               │ size (multiple of G)     │P│F│  word 1: F = free, P = previous free
///               ├──────────────────────────┴─┴─┤  (bit 2 marks a pool's sentinel)
///               │ (rest of the G-byte header)  │
///     payload ─▶├──────────────────────────────┤  block + G, aligned to G
///               │ nextFree      (free blocks)  │  word 2 ┐ free blocks only: the
///               │ previousFree  (free blocks)  │  word 3 ┘ links of their class list
///               │ ...                          │
///               └──────────────────────────────┘  block + size: the next block's header
///
/// Every pool ends with a sentinel: a used block (with the S bit) that no
/// block merges past; the pools themselves are kept in the region table of
/// the control structure (`TLSFPool`), not in their own memory, so nothing a
/// program can overwrite links one pool to another.
///
/// Words 0 and 1 of a free block and words 2 and 3 (its links) are in memory
/// a program can write after a use-after-free or an overflow: each is checked
/// before it is followed (`TLSFAllocator+Validation.swift`).
@frozen @usableFromInline
struct TLSFBlock: Equatable {
    @usableFromInline static var freeBit: UInt { 1 }
    @usableFromInline static var previousFreeBit: UInt { 2 }
    @usableFromInline static var sentinelBit: UInt { 4 }
    @usableFromInline static var flagMask: UInt { 7 }

    @usableFromInline let address: UInt

    @inlinable @inline(__always)
    init(_ address: UInt) { self.address = address }

    @inlinable @inline(__always)
    var words: UnsafeMutablePointer<UInt> { UnsafeMutablePointer(bitPattern: address).unsafelyUnwrapped }

    /// The block just before this one in its pool (0 for a pool's first block).
    @inlinable @inline(__always)
    var previousPhysical: UInt {
        get { words[0] }
        nonmutating set { words[0] = newValue }
    }

    @inlinable @inline(__always)
    var sizeAndFlags: UInt {
        get { words[1] }
        nonmutating set { words[1] = newValue }
    }

    /// Bytes of the block, header included.
    @inlinable @inline(__always)
    var size: UInt { sizeAndFlags & ~Self.flagMask }

    @inlinable @inline(__always)
    var isFree: Bool { sizeAndFlags & Self.freeBit != 0 }

    @inlinable @inline(__always)
    var isPreviousFree: Bool { sizeAndFlags & Self.previousFreeBit != 0 }

    @inlinable @inline(__always)
    var isSentinel: Bool { sizeAndFlags & Self.sentinelBit != 0 }

    /// Next block of the same free list (0 at the end). Free blocks only.
    @inlinable @inline(__always)
    var nextFree: UInt {
        get { words[2] }
        nonmutating set { words[2] = newValue }
    }

    /// Previous block of the same free list (0 at the head). Free blocks only.
    @inlinable @inline(__always)
    var previousFree: UInt {
        get { words[3] }
        nonmutating set { words[3] = newValue }
    }

    /// The block physically after this one.
    @inlinable @inline(__always)
    var nextPhysical: TLSFBlock { TLSFBlock(address &+ size) }

    @inlinable @inline(__always)
    func setPreviousFree(_ isFree: Bool) {
        sizeAndFlags = isFree ? sizeAndFlags | Self.previousFreeBit : sizeAndFlags & ~Self.previousFreeBit
    }
}
#endif
