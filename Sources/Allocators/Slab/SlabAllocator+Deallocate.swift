#if Slab
extension SlabAllocator where Backing: ~Copyable {
    /// Frees a block returned by `allocate` with the same `byteCount` and
    /// `alignment`. Traps ("not a live allocation") on a double free, a
    /// foreign or interior pointer or a size of another class, changing nothing.
    ///
    /// - Complexity: O(1) for a class object (plus O(log regions) to find its
    ///   region when it is not in the first region given); a backing free
    ///   otherwise.
    @inlinable @inline(__always)
    public mutating func deallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) {
        do throws(AllocError) { try tryDeallocate(pointer, byteCount: byteCount, alignment: alignment) } catch {
            notAllocated()
        }
    }

    @usableFromInline @inline(never)
    func notAllocated() -> Never {
        fatalError("SlabAllocator.deallocate: the pointer is not a live allocation of this size and alignment")
    }

    /// Frees like `deallocate`, but throws `.notAllocated` and changes nothing
    /// when `pointer` is not a live block of this size and alignment.
    ///
    /// - Complexity: as `deallocate`.
    @inlinable @inline(__always)
    public mutating func tryDeallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) throws(AllocError) {
        let address = UInt(bitPattern: pointer)
        guard let index = classIndex(byteCount: byteCount, alignment: alignment) else {
            try deallocateToBacking(pointer, byteCount: byteCount, alignment: alignment)
            return
        }
        guard let (slab, bitBias) = lookup(address) else { throw .notAllocated }
        let descriptor = slabs + slab
        let bit = Kernels.slabBiasedLiveBit(address: address, bias: bitBias)
        let word = bitmaps + Int(bitPattern: Kernels.wordIndex(bit))
        let mask = Kernels.bit(Kernels.bitOffset(bit))
        // In use and of this class (cached and idle slabs have no class), at
        // a granule start (lemma `slabLiveBit.interiorPointerSharesTheObjectsBit`),
        // live: bits are set only at handed-out object starts.
        guard descriptor.pointee.classIndex == Int32(truncatingIfNeeded: index), address & 15 == 0, word.pointee & mask != 0
        else { throw .notAllocated }
        word.pointee &= ~mask
        UnsafeMutablePointer<UInt>(bitPattern: address).unsafelyUnwrapped.pointee = descriptor.pointee.freeList
        descriptor.pointee.freeList = address
        liveClassBytes &-= Int(descriptor.pointee.classSize)
        let live = descriptor.pointee.live
        descriptor.pointee.live = live &- 1
        // Full before: back on its class's partial list, last, to gather
        // frees while the first serves. Empty now (capacity is at least 8):
        // cached or released.
        if live == descriptor.pointee.capacity {
            appendPartial(slab)
        } else if live == 1 {
            slabBecameEmpty(slab)
        }
    }

    /// Frees a block no class serves: a backing block, never a pointer into
    /// a slab, in use or cached (the backing would take it for its block).
    @usableFromInline @inline(never)
    mutating func deallocateToBacking(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) throws(AllocError) {
        let address = UInt(bitPattern: pointer)
        if let slab = descriptorIndex(containing: address), slabs[slab].base != 0,
           address >= slabs[slab].base, address &- slabs[slab].base < slabBytes {
            throw .notAllocated
        }
        do throws(AllocError) { try backing.tryDeallocate(pointer, byteCount: byteCount, alignment: alignment) } catch {
            throw .notAllocated
        }
    }

    /// A slab whose last object was freed: cached, or returned to the backing
    /// allocator when the cache is full.
    @usableFromInline @inline(never)
    mutating func slabBecameEmpty(_ slab: Int) {
        unlinkPartial(slab)
        slabs[slab].classIndex = SlabDescriptor.none  // not in use: frees of it are refused
        if emptySlabCount < Self.emptySlabLimit {
            slabs[slab].next = Int32(truncatingIfNeeded: emptySlabs)
            emptySlabs = slab
            emptySlabCount += 1
        } else {
            release(slab)
        }
    }

    /// Returns the cached empty slabs to the backing allocator.
    @usableFromInline @inline(never)
    mutating func releaseEmptySlabs() {
        while emptySlabs >= 0 {
            let slab = emptySlabs
            emptySlabs = Int(slabs[slab].next)
            release(slab)
        }
        emptySlabCount = 0
    }

    /// Gives an empty slab's memory back and makes its descriptor idle.
    mutating func release(_ slab: Int) {
        let base = slabs[slab].base
        let before = backing.usedBytes
        backing.deallocate(UnsafeMutableRawPointer(bitPattern: base).unsafelyUnwrapped, byteCount: Int(bitPattern: slabBytes), alignment: slabSize)
        slabBackingBytes -= before - backing.usedBytes
        slabCount -= 1
        slabs[slab] = SlabDescriptor()
    }
}
#endif
