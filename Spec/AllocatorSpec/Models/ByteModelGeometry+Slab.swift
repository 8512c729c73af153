import Allocators

extension ByteModelGeometry {
    /// How a `SlabAllocator` with slabs of `2^slabShift` bytes looks to the
    /// byte model, over its backing allocator's geometry:
    /// - a class object holds its whole slab (one backing block of
    ///   `slabSize` bytes aligned to its size); a larger block is the backing's;
    /// - a class request is guaranteed once the backing could serve a new slab
    ///   (a partial slab of the class serves it sooner); a larger request once
    ///   the backing could serve it (cached empty slabs are released first);
    /// - the overhead of a class object is its class's rounding.
    public static func slab(slabShift: Int, over backing: ByteModelGeometry) -> ByteModelGeometry {
        let shift = UInt(slabShift)
        let slabSize = Int(bitPattern: Kernels.bit(shift))
        let largest = Kernels.slabClassSize(index: UInt(SlabClasses.classCount(slabShift: shift) - 1))
        let classSize = { @Sendable (byteCount: Int, alignment: Int) -> Int? in
            SlabClasses.index(byteCount: byteCount, alignment: alignment, largestClassSize: largest)
                .map { Int(Kernels.slabClassSize(index: UInt($0))) }
        }
        return ByteModelGeometry(
            liveExtent: { pointer, byteCount, alignment in
                guard classSize(byteCount, alignment) != nil else { return backing.liveExtent(pointer, byteCount, alignment) }
                return backing.liveExtent(Kernels.alignDown(pointer, to: UInt(slabSize)), slabSize, slabSize)
            },
            requiredGap: { byteCount, alignment in
                guard byteCount >= 0, alignment > 0, Kernels.isPowerOfTwo(UInt(alignment)) else { return nil }
                if classSize(byteCount, alignment) != nil { return backing.requiredGap(slabSize, slabSize) }
                return backing.requiredGap(byteCount, alignment)
            },
            usableRange: backing.usableRange,
            overheadBound: { byteCount, alignment in
                classSize(byteCount, alignment).map { $0 - byteCount } ?? backing.overheadBound(byteCount, alignment)
            }
        )
    }
}
