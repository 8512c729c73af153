import Allocators

extension ByteModelGeometry {
    /// How a `TLSFAllocator` looks to the byte model, from its kernels: a live
    /// block holds its header, the request rounded to G and an unsplit remainder; a
    /// free gap of `requiredGap` bytes guarantees success (the TLSF
    /// completeness lemmas); the control structure occupies the start of the
    /// region given to `initialize`, and each pool ends with a sentinel.
    ///
    /// The free contract (`describesBlock`): a free is accepted exactly when
    /// `alignment` is a power of two the pointer meets and the size passes
    /// `Kernels.tlsfRequestFits` against the block's size (lemma
    /// `tlsf.requestFits.isTheUsedBlockRange`). The block of a live request of
    /// L bytes is its used block `tlsfBlockSize(L)` or one granule more (a
    /// remainder too small to split), so a size may be taken for L's exactly
    /// when it fits one of those two blocks.
    public static func tlsf<Configuration>(_ allocator: TLSFAllocator<Configuration>.Type) -> ByteModelGeometry {
        let granule = UInt(allocator.granularity), granularityLog2 = UInt(allocator.granularity.trailingZeroBitCount)
        return ByteModelGeometry(
            liveExtent: { pointer, byteCount, alignment in
                allocator.liveExtent(pointer: pointer, byteCount: byteCount, alignment: alignment)
            },
            requiredGap: { byteCount, alignment in allocator.requiredGap(byteCount: byteCount, alignment: alignment) },
            usableRange: { start, size in allocator.usableRange(start: start, size: size) },
            overheadBound: { byteCount, alignment in allocator.overheadBound(byteCount: byteCount, alignment: alignment) },
            initialUsableRange: { start, size in allocator.initialUsableRange(start: start, size: size) },
            describesBlock: { pointer, byteCount, alignment, liveByteCount, _ in
                // The kernel's precondition: a non-negative size (negative ones are refused first).
                guard byteCount >= 0, alignment > 0, Kernels.isPowerOfTwo(UInt(alignment)), Kernels.isAligned(pointer, to: UInt(alignment)) else {
                    return false
                }
                let used = Kernels.tlsfBlockSize(UInt(bitPattern: liveByteCount), granularityLog2: granularityLog2)
                guard !used.overflow else { return false }
                return [used.value, used.value &+ granule].contains { blockSize in
                    Kernels.tlsfRequestFits(UInt(bitPattern: byteCount), blockSize: blockSize, granularityLog2: granularityLog2)
                }
            })
    }

    /// The default `TLSFByteAllocator`'s geometry.
    public static var tlsf: ByteModelGeometry { tlsf(TLSFByteAllocator.self) }
}
