#if Slab
/// A region given to a `SlabAllocator`, as its region table keeps it: the
/// addresses `start ..< end` as given (bookkeeping carved from it included)
/// and the two biases that turn an address of the region into its window's
/// descriptor and its granule's live-bit word, each in two or three
/// operations, with no search:
///
/// ```
///  window w of the region (Kernels.buddyBitIndex(address, slabShift, start)):
///    descriptor = (Kernels.slabDescriptorIndex(address, descriptorBias) << 6)
///               = descriptors + w × 64             (descriptorBias counts 64-byte lines)
///    live word  = Kernels.slabLiveWord(address, liveWordBias)
///               = words + ((address - firstWindow) / 16 / W) × W/8,  bit (address / 16) mod W
/// ```
///
/// The region's descriptors (one per window) and live bits (one per 16
/// bytes of every window) are its own: adding a region never moves those of
/// another.
@frozen @usableFromInline
struct SlabRegion: RegionEntry {
    @usableFromInline let start: UInt
    @usableFromInline let end: UInt
    /// `Kernels.slabDescriptorBias` with the first descriptor's 64-byte line
    /// (`descriptors >> 6`) as the first descriptor index (lemma
    /// `slabDescriptorIndex.isTheWindowsDescriptor`).
    @usableFromInline let descriptorBias: UInt
    /// `Kernels.slabLiveWordBias` of the region's live bitmap and first window.
    @usableFromInline let liveWordBias: UInt

    @inlinable
    init(start: UInt, end: UInt, descriptorBias: UInt, liveWordBias: UInt) {
        self.start = start
        self.end = end
        self.descriptorBias = descriptorBias
        self.liveWordBias = liveWordBias
    }

    /// The region `start ..< end` whose descriptors start at `descriptors`
    /// (aligned to 64 bytes) and whose live bitmap starts at `words`.
    @inlinable
    init(start: UInt, end: UInt, descriptors: UInt, words: UInt, slabShift: UInt) {
        self.init(
            start: start, end: end,
            descriptorBias: Kernels.slabDescriptorBias(
                firstDescriptor: descriptors &>> SlabDescriptor.bytesLog2, regionStart: start, slabShift: slabShift),
            liveWordBias: Kernels.slabLiveWordBias(words: words, windowStart: Kernels.alignDown(start, to: Kernels.bit(slabShift))))
    }

    /// After every region: the table's unused slots.
    @inlinable
    static var padding: SlabRegion { SlabRegion(start: .max, end: .max, descriptorBias: 0, liveWordBias: 0) }

    /// The descriptor of the window holding `address`.
    ///
    /// - Precondition: `start <= address < end`.
    @inlinable @inline(__always)
    func descriptor(of address: UInt, slabShift: UInt) -> UnsafeMutablePointer<SlabDescriptor> {
        let line = Kernels.slabDescriptorIndex(address: address, bias: descriptorBias, slabShift: slabShift)
        return UnsafeMutablePointer(bitPattern: line &<< SlabDescriptor.bytesLog2).unsafelyUnwrapped
    }

    /// The start of the region's first window.
    @inlinable
    func firstWindow(slabShift: UInt) -> UInt { Kernels.alignDown(start, to: Kernels.bit(slabShift)) }

    /// Windows of the region: one per aligned slab position that holds one of its bytes.
    @inlinable
    func windows(slabShift: UInt) -> Int {
        Int(bitPattern: Kernels.buddyBitCount(base: start, end: end, order: slabShift))
    }

    /// The address of the region's first descriptor.
    @inlinable
    func descriptors(slabShift: UInt) -> UInt {
        UInt(bitPattern: descriptor(of: start, slabShift: slabShift))
    }

    /// The address of the region's first live-bitmap word.
    @inlinable
    func words(slabShift: UInt) -> UInt {
        Kernels.slabLiveWord(address: firstWindow(slabShift: slabShift), bias: liveWordBias)
    }
}
#endif
