#if Slab
extension SlabAllocator where Backing: ~Copyable {
    /// The class serving `byteCount` bytes aligned to `alignment`, or nil when
    /// the request goes to the backing allocator (too big, too aligned) or is
    /// malformed (then the backing allocator refuses it).
    @inlinable @inline(__always)
    public func classIndex(byteCount: Int, alignment: Int) -> Int? {
        // Small requests aligned to at most 16: the class of their granule
        // (lemma `slabGranuleClass.sameClassAsTheRequest`), from the table.
        if UInt(bitPattern: byteCount) <= tableLimit, UInt(bitPattern: alignment) <= 16, Kernels.isPowerOfTwo(UInt(bitPattern: alignment)) {
            return Int(storage.granuleClasses[Int(bitPattern: Kernels.slabRequestGranule(byteCount: UInt(bitPattern: byteCount)))])
        }
        return SlabClasses.index(byteCount: byteCount, alignment: alignment, largestClassSize: largestClassSize)
    }

    /// Allocates `byteCount` bytes aligned to `alignment`: an object of the
    /// smallest class that holds it aligned, else a backing block.
    ///
    /// Throws `.invalidParam` for a malformed request and `.noMemory` when
    /// neither a partial slab nor the backing allocator (after releasing the
    /// cached empty slabs) can serve it; nothing changes then.
    ///
    /// - Complexity: O(1) for a class with a partial slab; otherwise one
    ///   backing allocation (a new slab, or the block itself).
    @inlinable @inline(__always)
    public mutating func allocate(byteCount: Int, alignment: Int) throws(AllocError) -> UnsafeMutableRawPointer {
        guard let index = classIndex(byteCount: byteCount, alignment: alignment) else {
            return try allocateFromBacking(byteCount: byteCount, alignment: alignment)
        }
        var slab = partialHeads[index]
        if slab == SlabDescriptor.none { slab = try newSlab(classIndex: index) }
        let descriptor = slabs + slab
        let object: UInt
        if descriptor.pointee.freeList != 0 {
            object = descriptor.pointee.freeList
            descriptor.pointee.freeList = UnsafeMutablePointer<UInt>(bitPattern: object).unsafelyUnwrapped.pointee
        } else {
            object = descriptor.pointee.bump
            descriptor.pointee.bump = object &+ descriptor.pointee.classSize
        }
        descriptor.pointee.live &+= 1
        let bit = Kernels.slabLiveBit(address: object, base: descriptor.pointee.base)
        bitmaps[slab &* bitmapWordCount &+ Int(bit &>> BuddyRegion.wordShift)] |= Kernels.bit(bit & UInt(UInt.bitWidth - 1))
        if descriptor.pointee.live == descriptor.pointee.capacity { unlinkPartial(slab) }
        liveClassBytes &+= Int(bitPattern: descriptor.pointee.classSize)
        return UnsafeMutableRawPointer(bitPattern: object).unsafelyUnwrapped
    }

    /// A request no class serves, retried once after releasing the cache.
    @usableFromInline @inline(never)
    mutating func allocateFromBacking(byteCount: Int, alignment: Int) throws(AllocError) -> UnsafeMutableRawPointer {
        do throws(AllocError) {
            return try backing.allocate(byteCount: byteCount, alignment: alignment)
        } catch {
            guard error == .noMemory, emptySlabCount > 0 else { throw error }
            releaseEmptySlabs()
            return try backing.allocate(byteCount: byteCount, alignment: alignment)
        }
    }

    /// A slab for class `classIndex`, from the cache or the backing allocator,
    /// made the class's partial slab.
    @usableFromInline @inline(never)
    mutating func newSlab(classIndex: Int) throws(AllocError) -> Int {
        let slab: Int
        if emptySlabs != SlabDescriptor.none {
            slab = emptySlabs
            emptySlabs = slabs[slab].next
            emptySlabCount -= 1
        } else {
            let before = backing.usedBytes
            let memory: UnsafeMutableRawPointer
            do throws(AllocError) { memory = try backing.allocate(byteCount: slabSize, alignment: slabSize) } catch {
                throw error == .invalidParam ? .noMemory : error
            }
            let base = UInt(bitPattern: memory)
            guard let region = regionIndex(containing: base), spareDescriptors != SlabDescriptor.none || descriptorCount < descriptorCapacity else {
                // Memory outside the regions given here, or no descriptor: give it back.
                backing.deallocate(memory, byteCount: slabSize, alignment: slabSize)
                throw .noMemory
            }
            if spareDescriptors != SlabDescriptor.none {
                slab = spareDescriptors
                spareDescriptors = slabs[slab].next
                spareDescriptorCount -= 1
            } else {
                slab = descriptorCount
                descriptorCount += 1
            }
            slabs[slab] = SlabDescriptor()
            slabs[slab].base = base
            slabs[slab].backingBytes = backing.usedBytes - before
            slabBackingBytes += slabs[slab].backingBytes
            regions[region].entry(base, slabShift: slabShift).pointee = slab + 1
        }
        let classSize = Kernels.slabClassSize(index: UInt(classIndex))
        let capacity = Kernels.slabCapacity(classSize: classSize, slabShift: slabShift)
        slabs[slab].classIndex = classIndex
        slabs[slab].classSize = classSize
        slabs[slab].capacity = Int(capacity)
        slabs[slab].freeList = 0
        slabs[slab].bump = slabs[slab].base
        slabs[slab].bumpEnd = Kernels.slabObjectAddress(base: slabs[slab].base, index: capacity, classSize: classSize)
        slabs[slab].live = 0
        pushPartial(slab)
        return slab
    }

    /// Makes `slab` the first partial slab of its class.
    @inlinable @inline(__always)
    mutating func pushPartial(_ slab: Int) {
        let index = slabs[slab].classIndex
        let head = partialHeads[index]
        slabs[slab].previous = SlabDescriptor.none
        slabs[slab].next = head
        if head != SlabDescriptor.none { slabs[head].previous = slab }
        partialHeads[index] = slab
    }

    /// Takes `slab` out of its class's partial list.
    @inlinable @inline(__always)
    mutating func unlinkPartial(_ slab: Int) {
        let next = slabs[slab].next, previous = slabs[slab].previous
        if previous != SlabDescriptor.none { slabs[previous].next = next } else { partialHeads[slabs[slab].classIndex] = next }
        if next != SlabDescriptor.none { slabs[next].previous = previous }
        slabs[slab].next = SlabDescriptor.none
        slabs[slab].previous = SlabDescriptor.none
    }
}
#endif
