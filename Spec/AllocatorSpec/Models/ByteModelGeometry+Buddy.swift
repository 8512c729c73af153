import Allocators

extension ByteModelGeometry {
    /// How `BuddyByteAllocator` looks to the byte model, from its kernels:
    /// a live block holds its whole `2^order` block; a free gap of
    /// `Kernels.buddyRequiredGap(order)` bytes guarantees success (lemma
    /// `buddyRequiredGap.holdsAnAlignedBlock`); a region's usable part is its
    /// minimum-block-aligned interior; the overhead is the block's rounding.
    /// The free contract (`describesBlock`): a free is accepted exactly when
    /// its size and alignment give the live block's order
    /// (`BuddyByteAllocator.order`, from `Kernels.buddyOrder`).
    public static var buddy: ByteModelGeometry {
        ByteModelGeometry(
            liveExtent: { pointer, byteCount, alignment in
                let order = BuddyByteAllocator.order(byteCount: byteCount, alignment: alignment) ?? 0
                return (pointer, pointer &+ Kernels.bit(order))
            },
            requiredGap: { byteCount, alignment in
                BuddyByteAllocator.order(byteCount: byteCount, alignment: alignment).map { Kernels.buddyRequiredGap(order: $0) }
            },
            usableRange: { start, size in BuddyByteAllocator.usableRange(start: start, size: size) },
            overheadBound: { byteCount, alignment in
                guard let order = BuddyByteAllocator.order(byteCount: byteCount, alignment: alignment) else { return 0 }
                return Int(bitPattern: Kernels.bit(order)) - byteCount
            },
            describesBlock: { _, byteCount, alignment, liveByteCount, liveAlignment in
                guard let order = BuddyByteAllocator.order(byteCount: byteCount, alignment: alignment) else { return false }
                return order == BuddyByteAllocator.order(byteCount: liveByteCount, alignment: liveAlignment)
            }
        )
    }
}
