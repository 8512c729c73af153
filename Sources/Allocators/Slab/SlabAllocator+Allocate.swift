#if Slab
extension SlabAllocator where Backing: ~Copyable {
    /// The class serving `byteCount` bytes aligned to `alignment`, or nil when
    /// the request goes to the backing allocator (too big, too aligned, before
    /// the first region) or is malformed (then the backing allocator refuses it).
    @inlinable @inline(__always)
    public func classIndex(byteCount: Int, alignment: Int) -> Int? {
        // Small requests aligned to at most 16: the class of their granule
        // (lemma `slabGranuleClass.sameClassAsTheRequest`), from the table.
        if UInt(bitPattern: byteCount) < tableEnd, UInt(bitPattern: alignment) <= 16, Kernels.isPowerOfTwo(UInt(bitPattern: alignment)) {
            return Int(storage.granuleClasses.unsafelyUnwrapped[Int(bitPattern: Kernels.slabRequestGranule(byteCount: UInt(bitPattern: byteCount)))])
        }
        return SlabClasses.index(byteCount: byteCount, alignment: alignment, largestClassSize: classLimit)
    }

    /// Allocates `byteCount` bytes aligned to `alignment`: an object of the
    /// smallest class that holds it aligned, else a backing block.
    ///
    /// Throws `.invalidParam` for a malformed request and `.noMemory` when
    /// neither a partial slab nor the backing allocator can serve it. A failed
    /// call changes nothing, with one exception: a request no class serves
    /// that the backing allocator refuses with `.noMemory` while slabs are
    /// cached is retried once after the cached empty slabs are returned to
    /// the backing; if the retry fails too, the cache stays empty
    /// (`slabStatistics.cachedSlabs` is 0, `slabs` and `slabBytes` smaller)
    /// and the backing has those blocks free again (so
    /// `statistics.largestFreeBlock` may be larger). `totalBytes`,
    /// `usedBytes`, `availableBytes` and every live block are unchanged
    /// (cached slabs hold no live object and count in neither: test
    /// `aFailedRetryChangesNoTotal`).
    ///
    /// A free-list link that fails its check stops the program
    /// (`metadataCorruption`): see the type's documentation.
    ///
    /// - Complexity: O(1) for a class with a partial slab; otherwise one
    ///   backing allocation (a new slab, or the block itself).
    @inlinable @inline(__always)
    public mutating func allocate(byteCount: Int, alignment: Int) throws(AllocError) -> UnsafeMutableRawPointer {
        let head: UnsafeMutablePointer<SlabClassHead>
        var slab: UInt
        if UInt(bitPattern: byteCount) < tableEnd, UInt(bitPattern: alignment) <= 16, Kernels.isPowerOfTwo(UInt(bitPattern: alignment)) {
            // A small request: its granule's slab straight from the table (every
            // request of a granule has the granule's class: lemma
            // `slabGranuleClass.sameClassAsTheRequest`).
            let granule = Int(bitPattern: Kernels.slabRequestGranule(byteCount: UInt(bitPattern: byteCount)))
            head = directHeads + granule
            slab = head.pointee.slab
            if slab == 0 { slab = try newSlab(classIndex: Int(storage.granuleClasses.unsafelyUnwrapped[granule])) }
        } else {
            guard let index = SlabClasses.index(byteCount: byteCount, alignment: alignment, largestClassSize: classLimit) else {
                return try allocateFromBacking(byteCount: byteCount, alignment: alignment)
            }
            head = partialHeads + index
            slab = head.pointee.slab
            if slab == 0 { slab = try newSlab(classIndex: index) }
        }
        let descriptor = Self.descriptor(slab)
        var object = descriptor.pointee.freeList
        if object != 0 {
            // The link in the freed object is user-writable: it becomes the
            // head only if it is 0 or an object this slab handed out.
            let next = UnsafeMutablePointer<UInt>(bitPattern: object).unsafelyUnwrapped.pointee
            let slot = Kernels.slabObjectSlot(
                offset: next &- descriptor.pointee.base, inverse: head.pointee.inverse, sizeShift: UInt(descriptor.pointee.sizeShift))
            if slot >= UInt(descriptor.pointee.handedOut), next != 0 { corruptedFreeList(at: object) }
            descriptor.pointee.freeList = next
        } else {
            let index = descriptor.pointee.handedOut
            object = Kernels.slabObjectAddress(base: descriptor.pointee.base, index: UInt(index), classSize: UInt(descriptor.pointee.classSize))
            descriptor.pointee.handedOut = index &+ 1
        }
        // Its live bit must be clear: a link to a live object stops here.
        let word = UnsafeMutablePointer<UInt>(bitPattern: Kernels.slabLiveWord(address: object, bias: descriptor.pointee.liveWordBias)).unsafelyUnwrapped
        let mask = Kernels.bit(Kernels.bitOffset(object &>> 4))
        let bits = word.pointee
        if bits & mask != 0 { corruptedFreeList(at: object) }
        word.pointee = bits | mask
        let available = descriptor.pointee.available &- 1
        descriptor.pointee.available = available
        // The slab allocated from is its class's first partial one: full, it leaves the list.
        if available == 0 { popFull(descriptor) }
        liveClassBytes &+= Int(descriptor.pointee.classSize)
        checkInvariants()
        return UnsafeMutableRawPointer(bitPattern: object).unsafelyUnwrapped
    }

    /// Stops the program: the free list of the slab holding `object` links
    /// to memory that is not a free object of that slab.
    @usableFromInline @inline(never)
    func corruptedFreeList(at object: UInt) -> Never {
        metadataCorruption("slab", "free list", at: object)
    }

    /// Takes `descriptor`'s slab, its class's first partial slab and now
    /// full, off the list.
    @usableFromInline @inline(never)
    mutating func popFull(_ descriptor: UnsafeMutablePointer<SlabDescriptor>) {
        let classIndex = Int(descriptor.pointee.classIndex)
        let next = descriptor.pointee.next
        setHead(classIndex, next)
        if next != 0 { Self.descriptor(next).pointee.previous = 0 } else { partialTails[classIndex] = 0 }
        descriptor.pointee.next = 0
    }

    /// Makes `slab` (a descriptor address, or 0) the first partial slab of
    /// class `classIndex`, in the class heads and in the direct table of its
    /// granules.
    @inlinable @inline(__always)
    mutating func setHead(_ classIndex: Int, _ slab: UInt) {
        partialHeads[classIndex].slab = slab
        let granules = storage.classGranules.unsafelyUnwrapped[classIndex]
        var granule = Int(granules.first)
        while granule < Int(granules.end) {
            directHeads[granule].slab = slab
            granule &+= 1
        }
    }

    /// A request no class serves, retried once after releasing the cache.
    @usableFromInline @inline(never)
    mutating func allocateFromBacking(byteCount: Int, alignment: Int) throws(AllocError) -> UnsafeMutableRawPointer {
        do throws(AllocError) {
            let block = try backing.allocate(byteCount: byteCount, alignment: alignment)
            checkInvariants()
            return block
        } catch {
            guard error == .noMemory, emptySlabCount > 0 else { throw error }
            releaseEmptySlabs()
            let block = try backing.allocate(byteCount: byteCount, alignment: alignment)
            checkInvariants()
            return block
        }
    }

    /// A slab for class `classIndex`, from the cache or the backing allocator
    /// (one block of `slabBytes` aligned to the slab size: its window's
    /// descriptor becomes its), made the class's partial slab. Returns its
    /// descriptor's address.
    @usableFromInline @inline(never)
    mutating func newSlab(classIndex: Int) throws(AllocError) -> UInt {
        let slab: UnsafeMutablePointer<SlabDescriptor>
        if emptySlabs != 0 {
            slab = Self.descriptor(emptySlabs)
            emptySlabs = slab.pointee.next
            emptySlabCount -= 1
        } else {
            let before = backing.usedBytes
            let memory: UnsafeMutableRawPointer
            do throws(AllocError) { memory = try backing.allocate(byteCount: Int(bitPattern: slabBytes), alignment: slabSize) } catch {
                throw error == .invalidParam ? .noMemory : error
            }
            let base = UInt(bitPattern: memory)
            let counted = backing.usedBytes - before
            guard Kernels.isAligned(base, to: Kernels.bit(slabShift)), let region = region(holding: base),
                  slabBytes <= region.end &- base, UInt32(exactly: counted) != nil,
                  region.descriptor(of: base, slabShift: slabShift).pointee.base == 0
            else {
                // Memory outside the regions given here (or a backing that
                // broke its contract): give it back.
                backing.deallocate(memory, byteCount: Int(bitPattern: slabBytes), alignment: slabSize)
                throw .noMemory
            }
            slab = region.descriptor(of: base, slabShift: slabShift)
            slab.pointee.base = base
            slab.pointee.liveWordBias = region.liveWordBias
            slab.pointee.backingBytes = UInt32(truncatingIfNeeded: counted)
            slabBackingBytes += counted
            slabCount += 1
        }
        let classSize = Kernels.slabClassSize(index: UInt(classIndex))
        slab.pointee.classIndex = Int16(truncatingIfNeeded: classIndex)
        slab.pointee.classSize = UInt32(truncatingIfNeeded: classSize)
        slab.pointee.sizeShift = UInt8(truncatingIfNeeded: classSize.trailingZeroBitCount)
        let capacity = UInt32(truncatingIfNeeded: Kernels.slabCapacity(classSize: classSize, slabBytes: slabBytes))
        slab.pointee.capacity = capacity
        slab.pointee.available = capacity
        slab.pointee.freeList = 0
        slab.pointee.handedOut = 0
        appendPartial(slab, classIndex: classIndex)  // the class has no partial slab: it becomes the first
        return UInt(bitPattern: slab)
    }

    /// Makes `slab` the last partial slab of class `classIndex`.
    @usableFromInline @inline(never)
    mutating func appendPartial(_ slab: UnsafeMutablePointer<SlabDescriptor>, classIndex: Int) {
        let tail = partialTails[classIndex]
        let address = UInt(bitPattern: slab)
        slab.pointee.next = 0
        slab.pointee.previous = tail
        if tail != 0 { Self.descriptor(tail).pointee.next = address } else { setHead(classIndex, address) }
        partialTails[classIndex] = address
    }

    /// Takes `slab` out of the partial list of class `classIndex`.
    @usableFromInline
    mutating func unlinkPartial(_ slab: UnsafeMutablePointer<SlabDescriptor>, classIndex: Int) {
        let next = slab.pointee.next, previous = slab.pointee.previous
        if previous != 0 { Self.descriptor(previous).pointee.next = next } else { setHead(classIndex, next) }
        if next != 0 { Self.descriptor(next).pointee.previous = previous } else { partialTails[classIndex] = previous }
        slab.pointee.next = 0
        slab.pointee.previous = 0
    }
}
#endif
