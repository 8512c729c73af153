#if Slab
/// The next object a slab hands out, with every check of it done and every
/// change to make computed, before anything changes: what an allocation's
/// fast path (`allocate`) and its general path (`takeObject`) share.
@frozen @usableFromInline
struct SlabTake {
    /// The object handed out: the free list's head, or the next never-used one.
    @usableFromInline let object: UInt
    /// The free list's head after the take (its link; 0 for a bump).
    @usableFromInline let nextFree: UInt
    /// `handedOut` after the take.
    @usableFromInline let handedOut: UInt32
    /// The live-bitmap word of `object` and its value with `object`'s bit set.
    @usableFromInline let word: UnsafeMutablePointer<UInt>
    @usableFromInline let bits: UInt
    /// The link is 0 or an object the slab handed out, and `object`'s live
    /// bit is clear: false means a corrupted free list at `object`.
    @usableFromInline let isSound: Bool

    @inlinable @inline(__always)
    init(object: UInt, nextFree: UInt, handedOut: UInt32, word: UnsafeMutablePointer<UInt>, bits: UInt, isSound: Bool) {
        self.object = object
        self.nextFree = nextFree
        self.handedOut = handedOut
        self.word = word
        self.bits = bits
        self.isSound = isSound
    }
}

/// An object being freed, found from its address: its slab's descriptor, its
/// live-bitmap word and bit, and whether the free is accepted. What a free's
/// fast path (`deallocate`) and its general path (`freeObject`) share.
@frozen @usableFromInline
struct SlabRelease {
    @usableFromInline let descriptor: UnsafeMutablePointer<SlabDescriptor>
    @usableFromInline let word: UnsafeMutablePointer<UInt>
    @usableFromInline let bits: UInt
    /// The object's bit in `word`.
    @usableFromInline let offset: UInt
    /// The slab is in use and of the request's class, the address is at a
    /// granule start and its live bit is set: a live object's start.
    @usableFromInline let isLiveObject: Bool

    @inlinable @inline(__always)
    init(descriptor: UnsafeMutablePointer<SlabDescriptor>, word: UnsafeMutablePointer<UInt>, bits: UInt, offset: UInt, isLiveObject: Bool) {
        self.descriptor = descriptor
        self.word = word
        self.bits = bits
        self.offset = offset
        self.isLiveObject = isLiveObject
    }
}

extension SlabAllocator where Backing: ~Copyable {
    /// The object the slab of `descriptor` (in use, with an object to hand
    /// out) hands out next, checked; `inverse` is its class's
    /// `Kernels.slabSizeInverse`. Reads the descriptor, the freed head's link
    /// (user-writable: it becomes the head only if it is 0 or an object this
    /// slab handed out, `Kernels.slabObjectSlot`) and the live bitmap; changes nothing.
    ///
    /// - Complexity: O(1).
    @inlinable @inline(__always)
    static func nextObject(of descriptor: UnsafeMutablePointer<SlabDescriptor>, inverse: UInt) -> SlabTake {
        let first = descriptor.pointee.freeList
        let base = descriptor.pointee.base
        let handedOut = descriptor.pointee.handedOut
        let object: UInt, next: UInt, handed: UInt32, linkIsSound: Bool
        if first != 0 {
            object = first
            next = UnsafeMutablePointer<UInt>(bitPattern: first).unsafelyUnwrapped.pointee
            let slot = Kernels.slabObjectSlot(offset: next &- base, inverse: inverse, sizeShift: UInt(descriptor.pointee.sizeShift))
            linkIsSound = _fastPath(slot < UInt(handedOut)) || next == 0
            handed = handedOut
        } else {
            object = Kernels.slabObjectAddress(base: base, index: UInt(handedOut), classSize: UInt(descriptor.pointee.classSize))
            next = 0
            linkIsSound = true
            handed = handedOut &+ 1
        }
        // Its live bit must be clear: a link to a live object stops here.
        let word = UnsafeMutablePointer<UInt>(bitPattern: Kernels.slabLiveWord(address: object, bias: descriptor.pointee.liveWordBias)).unsafelyUnwrapped
        // (Set and tested by its offset, with no mask: one bit instruction each on x86.)
        let offset = Kernels.bitOffset(object &>> 4)
        let bits = word.pointee
        return SlabTake(
            object: object, nextFree: next, handedOut: handed, word: word, bits: bits | Kernels.bit(offset),
            isSound: linkIsSound && bits & Kernels.bit(offset) == 0)
    }

    /// Hands out `take` (sound, from the slab of `descriptor`), leaving the
    /// slab `available` objects: the free list, the bump index, the live bit,
    /// the count and `liveClassBytes`.
    @inlinable @inline(__always)
    mutating func commit(_ take: SlabTake, from descriptor: UnsafeMutablePointer<SlabDescriptor>, available: UInt32) {
        descriptor.pointee.freeList = take.nextFree
        descriptor.pointee.handedOut = take.handedOut
        take.word.pointee = take.bits
        descriptor.pointee.available = available
        liveClassBytes &+= Int(descriptor.pointee.classSize)
    }

    /// The object at `address` of `region` as a free of class `classIndex`
    /// sees it: its window's descriptor, its live-bitmap word and bit, and
    /// whether it is a live object's start of that class. Reads only owned
    /// storage (descriptors, bitmap); changes nothing.
    ///
    /// - Precondition: `region.start <= address < region.end`.
    /// - Complexity: O(1).
    @inlinable @inline(__always)
    func liveObject(at address: UInt, in region: SlabRegion, classIndex: Int) -> SlabRelease {
        let descriptor = region.descriptor(of: address, slabShift: slabShift)
        let word = UnsafeMutablePointer<UInt>(bitPattern: Kernels.slabLiveWord(address: address, bias: region.liveWordBias)).unsafelyUnwrapped
        let offset = Kernels.bitOffset(address &>> 4)
        let bits = word.pointee
        // In use and of this class (cached and idle slabs have no class), at
        // a granule start (lemma `slabLiveBit.interiorPointerSharesTheObjectsBit`),
        // live: bits are set only at handed-out object starts.
        return SlabRelease(
            descriptor: descriptor, word: word, bits: bits, offset: offset,
            isLiveObject: descriptor.pointee.classIndex == Int16(truncatingIfNeeded: classIndex) && address & 15 == 0 && bits & Kernels.bit(offset) != 0)
    }

    /// Puts the live object `release` describes, at `address`, back on its
    /// slab's free list, which had `available` objects to hand out: the live
    /// bit, the link, the count and `liveClassBytes`.
    @inlinable @inline(__always)
    mutating func commit(_ release: SlabRelease, at address: UInt, available: UInt32) {
        let descriptor = release.descriptor
        release.word.pointee = Kernels.slabClearedLiveBit(release.bits, offset: release.offset)  // set, as checked
        UnsafeMutablePointer<UInt>(bitPattern: address).unsafelyUnwrapped.pointee = descriptor.pointee.freeList
        descriptor.pointee.freeList = address
        descriptor.pointee.available = available &+ 1
        liveClassBytes &-= Int(descriptor.pointee.classSize)
    }
}
#endif
