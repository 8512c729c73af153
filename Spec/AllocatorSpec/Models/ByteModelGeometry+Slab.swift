import Allocators

extension ByteModelGeometry {
    /// How a `SlabAllocator` with slabs of `2^slabShift` bytes and a backing
    /// header of `backingHeader` bytes (both clamped as the allocator's `init`
    /// clamps them: `slabShiftRange`, `0 ... slabSize / 2`) looks to the byte
    /// model, over its backing allocator's geometry:
    /// - a class object holds its whole slab: one backing block of
    ///   `Kernels.slabBlockBytes` bytes at the start of the object's window
    ///   (aligned to the slab size); a larger block is the backing's;
    /// - a class request is guaranteed once the backing could serve a new slab
    ///   block (a partial slab of the class serves it sooner); a larger request
    ///   once the backing could serve it (cached empty slabs are released first);
    /// - the overhead of a class object is its class's rounding;
    /// - with `storage` carved (the allocator's default), a region's
    ///   bookkeeping takes its start (`SlabBookkeeping.managedStart`) and the
    ///   backing manages the rest; with a buffer or platform storage, all of
    ///   it. (Exact for the first 8 regions: the 9th, 17th, ... carve a grown
    ///   region table too, which a geometry of one region cannot know.)
    /// - the free contract (`describesBlock`): a class object is freed by any
    ///   size and alignment of its class (`SlabClasses.index`; objects lie at
    ///   multiples of the class size, which is a multiple of every alignment
    ///   of the class: lemma `slabClassSize.respectsAlignment`), a larger
    ///   block by what the backing accepts for it, and never one by the
    ///   other's arguments.
    public static func slab(
        slabShift: Int, backingHeader: Int = 0, over backing: ByteModelGeometry, storage: BookkeepingStorage = .carved
    ) -> ByteModelGeometry {
        // The allocator's clamp: a geometry of a slab size it never uses would
        // call every refusal of that size a lost gap.
        let range = SlabByteAllocator.slabShiftRange
        let shift = UInt(Swift.min(Swift.max(slabShift, range.lowerBound), range.upperBound))
        let slabSize = Int(bitPattern: Kernels.bit(shift))
        let header = UInt(Swift.min(Swift.max(backingHeader, 0), slabSize / 2))
        let slabBytes = Int(bitPattern: Kernels.slabBlockBytes(slabShift: shift, headerBytes: header))
        let largest = Kernels.slabClassSize(index: UInt(SlabClasses.classCount(slabBytes: UInt(slabBytes)) - 1))
        let classSize = { @Sendable (byteCount: Int, alignment: Int) -> Int? in
            SlabClasses.index(byteCount: byteCount, alignment: alignment, largestClassSize: largest)
                .map { Int(Kernels.slabClassSize(index: UInt($0))) }
        }
        // The part of a region the backing gets when the bookkeeping is carved.
        let managedPart = { @Sendable (start: UInt, size: Int, initial: Bool) -> (start: UInt, size: Int)? in
            guard let managed = SlabBookkeeping.managedStart(
                regionStart: start, size: size, slabShift: slabShift, backingHeader: backingHeader, regionsBefore: initial ? 0 : 1),
                managed < start + UInt(size)
            else { return nil }
            return (managed, Int(start + UInt(size) - managed))
        }
        return ByteModelGeometry(
            liveExtent: { pointer, byteCount, alignment in
                guard classSize(byteCount, alignment) != nil else { return backing.liveExtent(pointer, byteCount, alignment) }
                return backing.liveExtent(Kernels.alignDown(pointer, to: UInt(slabSize)), slabBytes, slabSize)
            },
            requiredGap: { byteCount, alignment in
                guard byteCount >= 0, alignment > 0, Kernels.isPowerOfTwo(UInt(alignment)) else { return nil }
                if classSize(byteCount, alignment) != nil { return backing.requiredGap(slabBytes, slabSize) }
                return backing.requiredGap(byteCount, alignment)
            },
            usableRange: { start, size in
                guard storage.isCarved else { return backing.usableRange(start, size) }
                return managedPart(start, size, false).flatMap { backing.usableRange($0.start, $0.size) }
            },
            overheadBound: { byteCount, alignment in
                classSize(byteCount, alignment).map { $0 - byteCount } ?? backing.overheadBound(byteCount, alignment)
            },
            initialUsableRange: { start, size in
                guard storage.isCarved else { return backing.usableRange(start: start, size: size, initial: true) }
                return managedPart(start, size, true).flatMap { backing.usableRange(start: $0.start, size: $0.size, initial: true) }
            },
            describesBlock: { pointer, byteCount, alignment, liveByteCount, liveAlignment in
                let given = classSize(byteCount, alignment), live = classSize(liveByteCount, liveAlignment)
                guard live == nil else { return given == live }
                return given == nil && backing.describesBlock(
                    pointer: pointer, byteCount: byteCount, alignment: alignment,
                    liveByteCount: liveByteCount, liveAlignment: liveAlignment)
            }
        )
    }
}
