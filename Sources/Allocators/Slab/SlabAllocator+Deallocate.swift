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
        do throws(AllocError) { try tryDeallocate(pointer, byteCount: byteCount, alignment: alignment) } catch {
            notAllocated()
        }
    }

    @usableFromInline @inline(never)
    func notAllocated() -> Never {
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
    /// - Complexity: as `deallocate`.
    @inlinable @inline(__always)
    public mutating func tryDeallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) throws(AllocError) {
        let address = UInt(bitPattern: pointer)
        guard let index = classIndex(byteCount: byteCount, alignment: alignment) else {
            try deallocateToBacking(pointer, byteCount: byteCount, alignment: alignment)
            return
        }
        guard let region = region(holding: address) else { throw .notAllocated }
        let descriptor = region.descriptor(of: address, slabShift: slabShift)
        let word = UnsafeMutablePointer<UInt>(bitPattern: Kernels.slabLiveWord(address: address, bias: region.liveWordBias)).unsafelyUnwrapped
        let mask = Kernels.bit(Kernels.bitOffset(address &>> 4))
        // In use and of this class (cached and idle slabs have no class), at
        // a granule start (lemma `slabLiveBit.interiorPointerSharesTheObjectsBit`),
        // live: bits are set only at handed-out object starts.
        guard descriptor.pointee.classIndex == Int16(truncatingIfNeeded: index), address & 15 == 0, word.pointee & mask != 0
        else { throw .notAllocated }
        word.pointee ^= mask  // set, as just checked: the exclusive or clears it
        UnsafeMutablePointer<UInt>(bitPattern: address).unsafelyUnwrapped.pointee = descriptor.pointee.freeList
        descriptor.pointee.freeList = address
        liveClassBytes &-= Int(descriptor.pointee.classSize)
        let available = descriptor.pointee.available
        descriptor.pointee.available = available &+ 1
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
    @usableFromInline @inline(never)
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
