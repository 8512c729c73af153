#if Slab
extension SlabAllocator where Backing: ~Copyable {
    /// Frees a block returned by `allocate` with the same `byteCount` and
    /// `alignment`. Traps ("not a live allocation"), changing nothing, on
    /// what `tryDeallocate` refuses.
    ///
    /// - Complexity: O(1) for a class object in the region at the lowest
    ///   address, O(log regions) in another; a backing free otherwise.
    @inlinable @inline(__always)
    public mutating func deallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) {
        let index: Int
        if isTableRequest(byteCount: byteCount, alignment: alignment) {
            index = granuleClass(byteCount: byteCount)
        } else if let computed = SlabClasses.index(byteCount: byteCount, alignment: alignment, largestClassSize: classLimit) {
            index = computed
        } else {
            Self.deallocateToBackingOrTrap(&self, pointer, byteCount: byteCount, alignment: alignment)
            return
        }
        if _fastPath(freeToPartialSlab(UInt(bitPattern: pointer), classIndex: index)) { return }
        Self.deallocateSlowPath(&self, pointer, classIndex: index)
    }

    /// `deallocate` of an object of class `classIndex` (the class of the
    /// request) in general: `freeObject`, trapping on what it refuses. (The
    /// slow paths are static, so that the inline path's call passes on the
    /// registers it received.)
    @inlinable @inline(never)
    static func deallocateSlowPath(_ allocator: inout Self, _ pointer: UnsafeMutableRawPointer, classIndex: Int) {
        do throws(AllocError) { try allocator.freeObject(UInt(bitPattern: pointer), classIndex: classIndex) } catch {
            notAllocated()
        }
    }

    /// `deallocate` of a request no class serves: `deallocateToBacking`,
    /// trapping on what it refuses.
    @inlinable @inline(never)
    static func deallocateToBackingOrTrap(_ allocator: inout Self, _ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) {
        do throws(AllocError) { try allocator.deallocateToBacking(pointer, byteCount: byteCount, alignment: alignment) } catch {
            notAllocated()
        }
    }

    @usableFromInline @inline(never)
    static func notAllocated() -> Never {
        fatalError("slab: deallocating memory that is not a live allocation of this size and alignment")
    }

    /// Frees like `deallocate`, but throws `.notAllocated` and changes nothing
    /// when `pointer` is not a live block of this size and alignment.
    ///
    /// Detected exactly: a `byteCount` and `alignment` whose class
    /// (`classIndex(byteCount:alignment:)`) is not the class of the slab
    /// holding the pointer (another class, smaller or larger); a request
    /// shape no class serves (too big, aligned beyond its class, or a bad
    /// alignment) for a pointer inside a slab; a class shape for a block of
    /// the backing (its window holds no slab); any pointer that is not the
    /// start of a live object: double frees, interior pointers, pointers into
    /// the carved bookkeeping, into cached slabs and outside every region
    /// (holes between regions included, found in the region table before any
    /// memory is read). Not detected: a size or alignment of the same class
    /// as the right one (100 bytes for a 112-byte object, alignment 1 for 16),
    /// which frees the same object. A backing block is freed through the
    /// backing's own `tryDeallocate`, which detects what it documents (TLSF:
    /// every size whose used block differs by a minimum block, every
    /// alignment the pointer does not meet).
    ///
    /// The common case is inline (`freeToPartialSlab`): a class request, an
    /// address in the region at the lowest address, a live object of that
    /// class whose slab stays partial. Everything else,
    /// a refused free included, goes out of line (`freeObject`),
    /// where it is decided and checked again from the start (the inline path
    /// changes nothing unless it frees).
    ///
    /// - Complexity: as `deallocate`.
    @inlinable @inline(__always)
    public mutating func tryDeallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) throws(AllocError) {
        guard let index = classIndex(byteCount: byteCount, alignment: alignment) else {
            try Self.deallocateToBackingOutOfLine(&self, pointer, byteCount: byteCount, alignment: alignment)
            return
        }
        if _fastPath(freeToPartialSlab(UInt(bitPattern: pointer), classIndex: index)) { return }
        try freeObjectSlowPath(UInt(bitPattern: pointer), classIndex: index)
    }

    /// `deallocateToBacking` out of line, for `tryDeallocate`: inline, its
    /// lookup copied the allocator to the stack, and every free paid for the
    /// frame.
    @inlinable @inline(never)
    static func deallocateToBackingOutOfLine(
        _ allocator: inout Self, _ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int
    ) throws(AllocError) {
        try allocator.deallocateToBacking(pointer, byteCount: byteCount, alignment: alignment)
    }

    /// The class of a request the class lookup table answers
    /// (`isTableRequest`), from the table.
    @inlinable @inline(__always)
    func granuleClass(byteCount: Int) -> Int {
        Int(storage.granuleClasses.unsafelyUnwrapped[Int(bitPattern: Kernels.slabRequestGranule(byteCount: UInt(bitPattern: byteCount)))])
    }

    /// Frees `address` and returns true when the free is the common case: an
    /// address in the region at the lowest address, a live object of class
    /// `classIndex` (`liveObject`) in a slab that was not full and does not
    /// become empty. Returns false, changing nothing, otherwise.
    ///
    /// - Precondition: the allocator has a region (a table request implies it).
    /// - Complexity: O(1).
    @inlinable @inline(__always)
    mutating func freeToPartialSlab(_ address: UInt, classIndex: Int) -> Bool {
        let lowest = storage.regions[0]
        guard lowest.start <= address && address < lowest.end else { return false }
        let release = liveObject(at: address, in: lowest, classIndex: classIndex)
        let available = release.descriptor.pointee.available
        // Not full before (no list change) and not empty after (capacity is at least 8).
        guard _fastPath(release.isLiveObject && available != 0 && available &+ 1 != release.descriptor.pointee.capacity) else { return false }
        commit(release, at: address, available: available)
        checkInvariants()
        return true
    }

    /// `freeObject` out of line: the general path of `tryDeallocate`.
    @inlinable @inline(never)
    mutating func freeObjectSlowPath(_ address: UInt, classIndex: Int) throws(AllocError) {
        try freeObject(address, classIndex: classIndex)
    }

    /// Frees the object at `address` for a request of class `classIndex`, in
    /// general: its region looked up in the table before any memory is read,
    /// the checks of `liveObject`, a slab that was full or becomes empty.
    /// Throws `.notAllocated`, changing nothing, on what the checks refuse.
    @inlinable @inline(__always)
    mutating func freeObject(_ address: UInt, classIndex index: Int) throws(AllocError) {
        guard let region = region(holding: address) else { throw .notAllocated }
        let release = liveObject(at: address, in: region, classIndex: index)
        guard release.isLiveObject else { throw .notAllocated }
        let descriptor = release.descriptor
        let available = descriptor.pointee.available
        commit(release, at: address, available: available)
        // Full before: back on its class's partial list, last, to gather
        // frees while the first serves. Empty now (capacity is at least 8):
        // cached or released.
        if available == 0 {
            appendPartial(descriptor, classIndex: index)
        } else if available &+ 1 == descriptor.pointee.capacity {
            slabBecameEmpty(descriptor, classIndex: index)
        }
        checkInvariants()
    }

    /// Frees a block no class serves: a backing block, never a pointer into
    /// a slab, in use or cached (the backing would take it for its block).
    @inlinable @inline(__always)
    mutating func deallocateToBacking(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) throws(AllocError) {
        let address = UInt(bitPattern: pointer)
        if let descriptor = descriptor(holding: address), descriptor.pointee.base != 0,
           address &- descriptor.pointee.base < slabBytes {
            throw .notAllocated
        }
        do throws(AllocError) { try backing.tryDeallocate(pointer, byteCount: byteCount, alignment: alignment) } catch {
            throw .notAllocated
        }
        checkInvariants()
    }

    /// A slab whose last object was freed: cached, or returned to the backing
    /// allocator when the cache is full.
    @usableFromInline @inline(never)
    mutating func slabBecameEmpty(_ slab: UnsafeMutablePointer<SlabDescriptor>, classIndex: Int) {
        unlinkPartial(slab, classIndex: classIndex)
        slab.pointee.classIndex = SlabDescriptor.noClass  // not in use: frees of it are refused
        if emptySlabCount < Self.emptySlabLimit {
            slab.pointee.next = emptySlabs
            emptySlabs = UInt(bitPattern: slab)
            emptySlabCount += 1
        } else {
            release(slab)
        }
    }

    /// Returns the cached empty slabs to the backing allocator.
    @usableFromInline @inline(never)
    mutating func releaseEmptySlabs() {
        while emptySlabs != 0 {
            let slab = Self.descriptor(emptySlabs)
            emptySlabs = slab.pointee.next
            release(slab)
        }
        emptySlabCount = 0
    }

    /// Gives an empty slab's memory back and makes its descriptor idle.
    mutating func release(_ slab: UnsafeMutablePointer<SlabDescriptor>) {
        let base = slab.pointee.base
        let before = backing.usedBytes
        backing.deallocate(UnsafeMutableRawPointer(bitPattern: base).unsafelyUnwrapped, byteCount: Int(bitPattern: slabBytes), alignment: slabSize)
        slabBackingBytes -= before - backing.usedBytes
        slabCount -= 1
        slab.pointee = SlabDescriptor()
    }
}
#endif
