import Allocators

extension ByteModelGeometry {
    /// How `BuddyByteAllocator()` (bookkeeping carved from its regions)
    /// looks to the byte model: `buddy(bookkeeping: .carved)`.
    public static var buddy: ByteModelGeometry { .buddy(bookkeeping: .carved) }

    /// How a `BuddyByteAllocator(bookkeeping:)` looks to the byte model, from
    /// its kernels: a live block holds its whole `2^order` block; a free gap
    /// of `Kernels.buddyRequiredGap(order)` bytes guarantees success (lemma
    /// `buddyRequiredGap.holdsAnAlignedBlock`); a region's usable part is
    /// `BuddyByteAllocator.usableRange(start:size:bookkeeping:regionsBefore:)`:
    /// with carved storage what its bookkeeping leaves (the sentinels with the
    /// first region, a grown region table with the regions numbered 1, 2, 4,
    /// ...), else its minimum-block-aligned interior; the overhead is the
    /// block's rounding. The free contract (`describesBlock`): a free is
    /// accepted exactly when its size and alignment give the live block's
    /// order (`BuddyByteAllocator.order`, from `Kernels.buddyOrder`).
    ///
    /// `usableRange` is that of a second region and `initialUsableRange` that
    /// of a first one, so geometries built over this one without
    /// `indexedUsableRange` stay exact for two regions.
    public static func buddy(bookkeeping: BookkeepingStorage) -> ByteModelGeometry {
        ByteModelGeometry(
            liveExtent: { pointer, byteCount, alignment in
                let order = BuddyByteAllocator.order(byteCount: byteCount, alignment: alignment) ?? 0
                return (pointer, pointer &+ Kernels.bit(order))
            },
            requiredGap: { byteCount, alignment in
                BuddyByteAllocator.order(byteCount: byteCount, alignment: alignment).map { Kernels.buddyRequiredGap(order: $0) }
            },
            usableRange: { start, size in
                BuddyByteAllocator.usableRange(start: start, size: size, bookkeeping: bookkeeping, regionsBefore: 1)
            },
            overheadBound: { byteCount, alignment in
                guard let order = BuddyByteAllocator.order(byteCount: byteCount, alignment: alignment) else { return 0 }
                return Int(bitPattern: Kernels.bit(order)) - byteCount
            },
            initialUsableRange: { start, size in
                BuddyByteAllocator.usableRange(start: start, size: size, bookkeeping: bookkeeping, regionsBefore: 0)
            },
            indexedUsableRange: { start, size, regionsBefore in
                BuddyByteAllocator.usableRange(start: start, size: size, bookkeeping: bookkeeping, regionsBefore: regionsBefore)
            },
            describesBlock: { _, byteCount, alignment, liveByteCount, liveAlignment in
                guard let order = BuddyByteAllocator.order(byteCount: byteCount, alignment: alignment) else { return false }
                return order == BuddyByteAllocator.order(byteCount: liveByteCount, alignment: liveAlignment)
            }
        )
    }
}
