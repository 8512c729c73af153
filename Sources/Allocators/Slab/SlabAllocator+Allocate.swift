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
        var slab: Int
        if UInt(bitPattern: byteCount) <= tableLimit, UInt(bitPattern: alignment) <= 16, Kernels.isPowerOfTwo(UInt(bitPattern: alignment)) {
            // A small request: its granule's slab straight from the table (every
            // request of a granule has the granule's class: lemma
            // `slabGranuleClass.sameClassAsTheRequest`).
            let granule = Int(bitPattern: Kernels.slabRequestGranule(byteCount: UInt(bitPattern: byteCount)))
            slab = Int(directHeads[granule])
            if slab < 0 { slab = try newSlab(classIndex: Int(storage.granuleClasses[granule])) }
        } else {
            guard let index = SlabClasses.index(byteCount: byteCount, alignment: alignment, largestClassSize: largestClassSize) else {
                return try allocateFromBacking(byteCount: byteCount, alignment: alignment)
            }
            slab = Int(partialHeads[index])
            if slab < 0 { slab = try newSlab(classIndex: index) }
        }
        let descriptor = slabs + slab
        var object = descriptor.pointee.freeList
        if object != 0 {
            descriptor.pointee.freeList = UnsafeMutablePointer<UInt>(bitPattern: object).unsafelyUnwrapped.pointee
        } else {
            object = descriptor.pointee.bump
            descriptor.pointee.bump = object &+ UInt(descriptor.pointee.classSize)
        }
        let live = descriptor.pointee.live &+ 1
        descriptor.pointee.live = live
        let bit = Kernels.slabBiasedLiveBit(address: object, bias: descriptor.pointee.bitBias)
        bitmaps[Int(bitPattern: Kernels.wordIndex(bit))] |= Kernels.bit(Kernels.bitOffset(bit))
        // The slab allocated from is its class's first partial one: full, it leaves the list.
        if live == descriptor.pointee.capacity { popFull(descriptor) }
        liveClassBytes &+= Int(descriptor.pointee.classSize)
        return UnsafeMutableRawPointer(bitPattern: object).unsafelyUnwrapped
    }

    /// Takes the slab of `descriptor`, its class's first partial slab and now
    /// full, off the list.
    @inlinable @inline(__always)
    mutating func popFull(_ descriptor: UnsafeMutablePointer<SlabDescriptor>) {
        let classIndex = Int(descriptor.pointee.classIndex)
        let next = descriptor.pointee.next
        setHead(classIndex, next)
        if next >= 0 { slabs[Int(next)].previous = SlabDescriptor.none } else { partialTails[classIndex] = SlabDescriptor.none }
        descriptor.pointee.next = SlabDescriptor.none
    }

    /// Makes `slab` the first partial slab of class `classIndex`, in the
    /// class heads and in the direct table of its granules.
    @inlinable @inline(__always)
    mutating func setHead(_ classIndex: Int, _ slab: Int32) {
        partialHeads[classIndex] = slab
        let granules = storage.classGranules[classIndex]
        var granule = Int(granules.first)
        while granule < Int(granules.end) {
            directHeads[granule] = slab
            granule &+= 1
        }
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

    /// A slab for class `classIndex`, from the cache or the backing allocator
    /// (one block of `slabBytes` aligned to the slab size: its window's
    /// descriptor becomes its), made the class's partial slab.
    @usableFromInline @inline(never)
    mutating func newSlab(classIndex: Int) throws(AllocError) -> Int {
        let slab: Int
        if emptySlabs >= 0 {
            slab = emptySlabs
            emptySlabs = Int(slabs[slab].next)
            emptySlabCount -= 1
        } else {
            let before = backing.usedBytes
            let memory: UnsafeMutableRawPointer
            do throws(AllocError) { memory = try backing.allocate(byteCount: Int(bitPattern: slabBytes), alignment: slabSize) } catch {
                throw error == .invalidParam ? .noMemory : error
            }
            let base = UInt(bitPattern: memory)
            guard let window = descriptorIndex(containing: base), slabs[window].base == 0,
                  Kernels.isAligned(base, to: Kernels.bit(slabShift))
            else {
                // Memory outside the regions given here (or a backing that
                // broke its contract): give it back.
                backing.deallocate(memory, byteCount: Int(bitPattern: slabBytes), alignment: slabSize)
                throw .noMemory
            }
            slab = window
            slabs[slab].base = base
            slabs[slab].bitBias = Kernels.slabLiveBitBias(descriptor: UInt(slab), windowStart: base, slabShift: slabShift)
            slabs[slab].backingBytes = backing.usedBytes - before
            slabBackingBytes += slabs[slab].backingBytes
            slabCount += 1
        }
        let classSize = Kernels.slabClassSize(index: UInt(classIndex))
        slabs[slab].classIndex = Int32(classIndex)
        slabs[slab].classSize = UInt32(classSize)
        slabs[slab].capacity = Int32(Kernels.slabCapacity(classSize: classSize, slabBytes: slabBytes))
        slabs[slab].freeList = 0
        slabs[slab].bump = slabs[slab].base
        slabs[slab].live = 0
        appendPartial(slab)  // the class has no partial slab: it becomes the first
        return slab
    }

    /// Makes `slab` the last partial slab of its class.
    @inlinable @inline(__always)
    mutating func appendPartial(_ slab: Int) {
        let index = Int(slabs[slab].classIndex)
        let tail = partialTails[index]
        slabs[slab].next = SlabDescriptor.none
        slabs[slab].previous = tail
        if tail >= 0 { slabs[Int(tail)].next = Int32(truncatingIfNeeded: slab) } else { setHead(index, Int32(truncatingIfNeeded: slab)) }
        partialTails[index] = Int32(truncatingIfNeeded: slab)
    }

    /// Takes `slab` out of its class's partial list.
    @inlinable @inline(__always)
    mutating func unlinkPartial(_ slab: Int) {
        let next = slabs[slab].next, previous = slabs[slab].previous
        let index = Int(slabs[slab].classIndex)
        if previous >= 0 { slabs[Int(previous)].next = next } else { setHead(index, next) }
        if next >= 0 { slabs[Int(next)].previous = previous } else { partialTails[index] = previous }
        slabs[slab].next = SlabDescriptor.none
        slabs[slab].previous = SlabDescriptor.none
    }
}
#endif
