/// The arithmetic of the slab allocator.
///
/// Size classes: 16, 32, ..., 128 in steps of 16, then four classes per
/// doubling (160, 192, 224, 256, 320, ...): class sizes are multiples of 16
/// and a request wastes less than 16 bytes or a quarter of itself.
///
/// ```
///  index:  0   1   ...  7  | 8   9   10  11 | 12  13  14  15 | ... 31
///  size:   16  32  ... 128 | 160 192 224 256| 320 384 448 512| ... 8192
/// ```
///
/// A slab is a block of `slabBlockBytes` bytes (the slab size `2^slabShift`
/// less the backing allocator's header) aligned to the slab size, holding
/// `slabCapacity` objects of one class at `base + index × size`.
extension Kernels {
    /// The smallest class size: 16 bytes.
    @inlinable @inline(__always)
    public static func slabMinimumClass<W: KernelWord>() -> W { 16 }

    /// The size a class must hold for `byteCount` bytes aligned to
    /// `alignment`: `byteCount` (at least 1) rounded up to `alignment`, whose
    /// class is then a multiple of `alignment` (lemma
    /// `slabClassSize.respectsAlignment`). `overflow` when it leaves the word.
    ///
    /// - Precondition: `alignment` is a power of two.
    @inlinable @inline(__always)
    public static func slabRequestSize<W: KernelWord>(byteCount: W, alignment: W) -> (size: W, overflow: W.Condition) {
        let atLeastOne = select(byteCount == 0, 1, byteCount)
        let rounded = alignUp(atLeastOne, to: alignment)
        return (rounded.value, rounded.overflow)
    }

    /// The 16-byte granule of a request of `byteCount` bytes aligned to at
    /// most 16: the index of the allocator's class lookup table. Every request
    /// of a granule has the class `slabGranuleClass` of that granule (lemma
    /// `slabGranuleClass.sameClassAsTheRequest`), so the table answers without
    /// computing `slabClassIndex` on the hot paths.
    ///
    /// - Precondition: `byteCount <= W.max - 15`.
    @inlinable @inline(__always)
    public static func slabRequestGranule<W: KernelWord>(byteCount: W) -> W {
        (byteCount &+ 15) &>> 4
    }

    /// The class of the requests of granule `granule` (the class lookup
    /// table's entry): the smallest class holding `granule × 16` bytes, at
    /// least one.
    ///
    /// - Precondition: `granule <= 2^(W.bitWidth - 6)`.
    @inlinable @inline(__always)
    public static func slabGranuleClass<W: KernelWord>(granule: W) -> W {
        slabClassIndex(size: select(granule == 0, 1, granule &<< 4))
    }

    /// The index of the smallest class holding `size` bytes.
    ///
    /// - Precondition: `1 <= size <= 2^(W.bitWidth - 2)`.
    @inlinable @inline(__always)
    public static func slabClassIndex<W: KernelWord>(size: W) -> W {
        let small = ((size &+ 15) &>> 4) &- 1
        let m = size &- 1
        // For size > 128, m >= 128 and its top bit e >= 7: four classes per power.
        let e = floorLog2(m | 1)
        let geometric = 8 &+ ((e &- 7) &<< 2) &+ (m &>> select(e >= 2, e &- 2, 0)) &- 4
        return select(size <= 128, small, geometric)
    }

    /// The size of class `index`.
    ///
    /// - Precondition: `index < 4 × (W.bitWidth - 8) + 8`.
    @inlinable @inline(__always)
    public static func slabClassSize<W: KernelWord>(index: W) -> W {
        let small = (index &+ 1) &<< 4
        let j = index &- 8
        let e = 7 &+ (j &>> 2)
        let geometric = (5 &+ (j & 3)) &<< select(index >= 8, e &- 2, 0)
        return select(index < 8, small, geometric)
    }

    /// The bytes of a slab's backing block: the slab size less the backing
    /// allocator's header (`headerBytes`), so the block and the header of the
    /// next one fill exactly one window of `2^slabShift` bytes and slabs
    /// aligned to their size pack back to back.
    ///
    /// - Precondition: `slabShift < W.bitWidth`, `headerBytes <= 2^(slabShift - 1)`.
    @inlinable @inline(__always)
    public static func slabBlockBytes<W: KernelWord>(slabShift: W, headerBytes: W) -> W {
        (1 &<< slabShift) &- headerBytes
    }

    /// Objects of `classSize` bytes a slab block of `slabBytes` bytes holds.
    ///
    /// - Precondition: `classSize >= 16`.
    @inlinable @inline(__always)
    public static func slabCapacity<W: KernelWord>(classSize: W, slabBytes: W) -> W {
        W.quotient(slabBytes, classSize)
    }

    /// The address of object `index` of a slab at `base`.
    ///
    /// - Precondition: `index < slabCapacity(classSize, slabBytes)`, `base`
    ///   aligned to the slab size.
    @inlinable @inline(__always)
    public static func slabObjectAddress<W: KernelWord>(base: W, index: W, classSize: W) -> W {
        base &+ index &* classSize
    }

    /// The index of the object at `address` in a slab at `base`, and whether
    /// `address` is an object's start (not an interior pointer).
    ///
    /// - Precondition: `classSize >= 16`, `base <= address`.
    @inlinable @inline(__always)
    public static func slabObjectIndex<W: KernelWord>(address: W, base: W, classSize: W) -> (index: W, isStart: W.Condition) {
        let offset = address &- base
        return (W.quotient(offset, classSize), W.remainder(offset, classSize) == 0)
    }

    /// The bit of the object starting at `address` in the allocator's live
    /// bitmap, for the slab of descriptor `descriptor`: the slab's bits are
    /// the `2^(slabShift - 4)` from `descriptor × 2^(slabShift - 4)`, one per
    /// 16-byte granule of its window, so no division and no slab base are
    /// needed on the hot paths (lemma `slabLiveBit.distinctBitsInsideTheBitmap`).
    ///
    /// - Precondition: `4 <= slabShift < W.bitWidth`, `address` inside the
    ///   descriptor's window (aligned to `2^slabShift`).
    @inlinable @inline(__always)
    public static func slabLiveBit<W: KernelWord>(descriptor: W, address: W, slabShift: W) -> W {
        (descriptor &<< (slabShift &- 4)) | ((address & ((1 &<< slabShift) &- 1)) &>> 4)
    }

    /// The descriptor bias of a region starting at `regionStart` whose first
    /// window has descriptor `firstDescriptor`: the descriptor of an address
    /// of the region is then `slabDescriptorIndex(address, bias)`, the same as
    /// `firstDescriptor + buddyBitIndex(address, slabShift, regionStart)`
    /// (lemma `slabDescriptorIndex.isTheWindowsDescriptor`), in two operations.
    ///
    /// - Precondition: `slabShift < W.bitWidth`.
    @inlinable @inline(__always)
    public static func slabDescriptorBias<W: KernelWord>(firstDescriptor: W, regionStart: W, slabShift: W) -> W {
        firstDescriptor &- (regionStart &>> slabShift)
    }

    /// The descriptor of the window holding `address`, from its region's
    /// `slabDescriptorBias`.
    ///
    /// - Precondition: `address` in the region, `slabShift < W.bitWidth`.
    @inlinable @inline(__always)
    public static func slabDescriptorIndex<W: KernelWord>(address: W, bias: W, slabShift: W) -> W {
        (address &>> slabShift) &+ bias
    }

    /// The live-bit bias of descriptor `descriptor` whose window starts at
    /// `windowStart`: `slabBiasedLiveBit(address, bias)` is then
    /// `slabLiveBit(descriptor, address, slabShift)` for every address of the
    /// window, and of every later window of the region with the descriptors
    /// counted on (lemma `slabBiasedLiveBit.isTheLiveBit`), in two operations.
    ///
    /// - Precondition: `4 <= slabShift < W.bitWidth`, `windowStart` aligned to `2^slabShift`.
    @inlinable @inline(__always)
    public static func slabLiveBitBias<W: KernelWord>(descriptor: W, windowStart: W, slabShift: W) -> W {
        (descriptor &<< (slabShift &- 4)) &- (windowStart &>> 4)
    }

    /// The live bit of the granule at `address`, from its slab's (or region's)
    /// `slabLiveBitBias`.
    @inlinable @inline(__always)
    public static func slabBiasedLiveBit<W: KernelWord>(address: W, bias: W) -> W {
        (address &>> 4) &+ bias
    }
}
