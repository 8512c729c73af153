#if Slab
extension SlabAllocator where Backing: ~Copyable {
    /// Frees a block returned by `allocate` with the same `byteCount` and
    /// `alignment`. Traps ("not a live allocation") on a double free, a
    /// foreign or interior pointer or a size of another class, changing nothing.
    ///
    /// - Complexity: O(1) for a class object (plus O(log regions) to find its
    ///   region when there are several);
    ///   a backing free otherwise.
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
        guard let slab = slab(containing: address), slabs[slab].classIndex == index, address & 15 == 0
        else { throw .notAllocated }
        let descriptor = slabs + slab
        let bit = Kernels.slabLiveBit(address: address, base: descriptor.pointee.base)
        let word = bitmaps + (slab &* bitmapWordCount &+ Int(bit &>> BuddyRegion.wordShift))
        let mask = Kernels.bit(bit & UInt(UInt.bitWidth - 1))
        guard word.pointee & mask != 0 else { throw .notAllocated }
        word.pointee &= ~mask
        UnsafeMutablePointer<UInt>(bitPattern: address).unsafelyUnwrapped.pointee = descriptor.pointee.freeList
        descriptor.pointee.freeList = address
        liveClassBytes &-= Int(bitPattern: descriptor.pointee.classSize)
        let wasFull = descriptor.pointee.live == descriptor.pointee.capacity
        descriptor.pointee.live &-= 1
        if descriptor.pointee.live == 0 {
            slabBecameEmpty(slab, wasFull: wasFull)
        } else if wasFull {
            pushPartial(slab)
        }
    }

    /// Frees a block no class serves: a backing block, never a pointer into
    /// a slab, in use or cached (the backing would take it for its block).
    @usableFromInline @inline(never)
    mutating func deallocateToBacking(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) throws(AllocError) {
        let address = UInt(bitPattern: pointer)
        if let region = regionIndex(containing: address), regions[region].entry(address, slabShift: slabShift).pointee != 0 {
            throw .notAllocated
        }
        do throws(AllocError) { try backing.tryDeallocate(pointer, byteCount: byteCount, alignment: alignment) } catch {
            throw .notAllocated
        }
    }

    /// The in-use slab holding `address`, found through the region's table.
    ///
    /// - Complexity: O(1) with one region, O(log regions) otherwise.
    @inlinable @inline(__always)
    func slab(containing address: UInt) -> Int? {
        guard let region = regionIndex(containing: address) else { return nil }
        let slab = regions[region].entry(address, slabShift: slabShift).pointee - 1
        guard slab >= 0, slabs[slab].capacity > 0 else { return nil }  // cached slabs have capacity 0
        return slab
    }

    /// A slab whose last object was freed: cached, or returned to the backing
    /// allocator when the cache is full.
    @usableFromInline @inline(never)
    mutating func slabBecameEmpty(_ slab: Int, wasFull: Bool) {
        if !wasFull { unlinkPartial(slab) }
        slabs[slab].capacity = 0  // marks it as not in use: lookups ignore it
        if emptySlabCount < Self.emptySlabLimit {
            slabs[slab].next = emptySlabs
            emptySlabs = slab
            emptySlabCount += 1
        } else {
            release(slab)
        }
    }

    /// Returns the cached empty slabs to the backing allocator.
    @usableFromInline @inline(never)
    mutating func releaseEmptySlabs() {
        while emptySlabs != SlabDescriptor.none {
            let slab = emptySlabs
            emptySlabs = slabs[slab].next
            release(slab)
        }
        emptySlabCount = 0
    }

    /// Gives an empty slab's memory back and makes its descriptor spare.
    mutating func release(_ slab: Int) {
        let base = slabs[slab].base
        if let region = regionIndex(containing: base) { regions[region].entry(base, slabShift: slabShift).pointee = 0 }
        let before = backing.usedBytes
        backing.deallocate(UnsafeMutableRawPointer(bitPattern: base).unsafelyUnwrapped, byteCount: slabSize, alignment: slabSize)
        slabBackingBytes -= before - backing.usedBytes
        slabs[slab] = SlabDescriptor()
        slabs[slab].next = spareDescriptors
        spareDescriptors = slab
        spareDescriptorCount += 1
    }
}
#endif
