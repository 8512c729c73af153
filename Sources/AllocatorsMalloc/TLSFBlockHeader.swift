import Allocators

// TEMPORARY: until `TLSFAllocator` frees by address and reports a block's
// size itself, this file reads TLSF's in-band block header the way
// `TLSFAllocator+Deallocate.swift` does (layout drawn on `TLSFBlock`):
//
//     header ─▶ word 0: previous physical block (boundary tag)
//               word 1: size (multiple of G) | P (bit 1) | F (bit 0)
//     payload = header + G
//
// It is the only code here that knows the layout; delete it when the
// library's `deallocate(_ pointer:)` and `usableSize(of:)` land.

/// A read-only view of the TLSF block whose payload starts at `payload`.
struct TLSFBlockHeader {
    static var granularity: UInt { UInt(bitPattern: TLSFByteAllocator.granularity) }
    static var minimumBlock: UInt { UInt(bitPattern: TLSFByteAllocator.minimumBlockSize) }
    static var freeBit: UInt { 1 }
    static var previousFreeBit: UInt { 2 }
    static var sentinelBit: UInt { 4 }
    static var flagMask: UInt { 7 }

    /// The block's first byte (its header).
    let start: UInt

    init(payload: UInt) { start = payload &- Self.granularity }
    init(block: UInt) { start = block }

    private var words: UnsafeMutablePointer<UInt> { UnsafeMutablePointer(bitPattern: start).unsafelyUnwrapped }
    var previousPhysical: UInt { words[0] }
    var sizeAndFlags: UInt { words[1] }
    var size: UInt { sizeAndFlags & ~Self.flagMask }
    var isFree: Bool { sizeAndFlags & Self.freeBit != 0 }
    var isPreviousFree: Bool { sizeAndFlags & Self.previousFreeBit != 0 }

    /// Bytes the caller may use: the block less its header.
    var payloadCapacity: UInt { size &- Self.granularity }

    /// The used block whose payload is `payload`, when its header and its
    /// neighbours' agree (the checks of TLSF's `liveBlock`): G-aligned,
    /// inside `space`, used, not a sentinel, a size that is a multiple of G
    /// and at least the minimum block, the next block's boundary tag pointing
    /// back, and a free previous block (when marked) ending here. Reads only
    /// committed memory; nil for anything else.
    @inline(__always)
    static func live(payload: UInt, in space: borrowing AddressSpace) -> TLSFBlockHeader? {
        let g = granularity
        guard payload & (g &- 1) == 0, payload >= space.base &+ g, space.isCommitted(payload, size: 1) else { return nil }
        let block = TLSFBlockHeader(payload: payload)
        let flags = block.sizeAndFlags, size = block.size
        guard flags & (freeBit | sentinelBit) == 0, size & (g &- 1) == 0, size >= minimumBlock,
              space.isCommitted(block.start, size: size &+ 2 &* g)
        else { return nil }
        let next = TLSFBlockHeader(block: block.start &+ size)
        guard next.previousPhysical == block.start else { return nil }
        if flags & previousFreeBit != 0 {
            let previous = block.previousPhysical
            guard previous < block.start, previous & (g &- 1) == 0, space.isCommitted(previous, size: minimumBlock) else { return nil }
            let before = TLSFBlockHeader(block: previous)
            guard before.isFree, before.size == block.start &- previous else { return nil }
        }
        return block
    }
}
