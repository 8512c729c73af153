import Allocators

extension ByteModelGeometry {
    /// How a `TLSFAllocator` looks to the byte model, from its kernels: a live
    /// block holds its header, the request rounded to G and an unsplit remainder; a
    /// free gap of `requiredGap` bytes guarantees success (the TLSF
    /// completeness lemmas); the control structure occupies the start of the
    /// region given to `initialize`, and each pool ends with a sentinel.
    public static func tlsf<Configuration>(_ allocator: TLSFAllocator<Configuration>.Type) -> ByteModelGeometry {
        ByteModelGeometry(
            liveExtent: { pointer, byteCount, alignment in
                allocator.liveExtent(pointer: pointer, byteCount: byteCount, alignment: alignment)
            },
            requiredGap: { byteCount, alignment in allocator.requiredGap(byteCount: byteCount, alignment: alignment) },
            usableRange: { start, size in allocator.usableRange(start: start, size: size) },
            overheadBound: { byteCount, alignment in allocator.overheadBound(byteCount: byteCount, alignment: alignment) },
            initialUsableRange: { start, size in allocator.initialUsableRange(start: start, size: size) })
    }

    /// The default `TLSFByteAllocator`'s geometry.
    public static var tlsf: ByteModelGeometry { tlsf(TLSFByteAllocator.self) }
}
