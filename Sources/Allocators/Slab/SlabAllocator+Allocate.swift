#if Slab
extension SlabAllocator where Backing: ~Copyable {
    /// The class serving `byteCount` bytes aligned to `alignment`, or nil when
    /// the request goes to the backing allocator (too big, too aligned, before
    /// the first region) or is malformed (then the backing allocator refuses it).
    @inlinable @inline(__always)
    public func classIndex(byteCount: Int, alignment: Int) -> Int? {
        // Small requests aligned to at most 16: the class of their granule
        // (lemma `slabGranuleClass.sameClassAsTheRequest`), from the table.
        if isTableRequest(byteCount: byteCount, alignment: alignment) { return granuleClass(byteCount: byteCount) }
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
    /// The common case is inline: a request of the class lookup table whose
    /// granule has a partial slab that stays partial, and whose next object
    /// passes its checks (`nextObject`). Everything else, a check that fails
    /// included, goes out of line (`allocateSlowPath`), where it is decided
    /// and checked again from the start: the inline path changes nothing
    /// unless it returns an object, so both take the same decisions (the
    /// model-checked runs go through both).
    ///
    /// - Complexity: O(1) for a class with a partial slab; otherwise one
    ///   backing allocation (a new slab, or the block itself).
    @inlinable @inline(__always)
    public mutating func allocate(byteCount: Int, alignment: Int) throws(AllocError) -> UnsafeMutableRawPointer {
        let slow: OutOfLineAllocation
        if isTableRequest(byteCount: byteCount, alignment: alignment) {
            let granule = Int(bitPattern: Kernels.slabRequestGranule(byteCount: UInt(bitPattern: byteCount)))
            var object: UInt = 0
            if _fastPath(takeFromPartialSlab(directHeads + granule, object: &object)) {
                return UnsafeMutableRawPointer(bitPattern: object).unsafelyUnwrapped
            }
            slow = Self.allocateSlowPath(&self, granule: granule)
        } else if let index = SlabClasses.index(byteCount: byteCount, alignment: alignment, largestClassSize: classLimit) {
            var object: UInt = 0
            if _fastPath(takeFromPartialSlab(partialHeads + index, object: &object)) {
                return UnsafeMutableRawPointer(bitPattern: object).unsafelyUnwrapped
            }
            slow = Self.allocateSlowPath(&self, classIndex: index)
        } else {
            slow = Self.allocateFromBacking(&self, byteCount: byteCount, alignment: alignment)
        }
        return try slow.get()
    }

    /// Hands out the next object of the class of `head` into `object` and
    /// returns true when that is the common case: the class has a partial
    /// slab that keeps an object after this one, and the object passes its
    /// checks (`nextObject`). Returns false, changing nothing, otherwise.
    ///
    /// - Complexity: O(1).
    @inlinable @inline(__always)
    mutating func takeFromPartialSlab(_ head: UnsafeMutablePointer<SlabClassHead>, object: inout UInt) -> Bool {
        let slab = head.pointee.slab
        guard _fastPath(slab != 0) else { return false }
        let descriptor = Self.descriptor(slab)
        let available = descriptor.pointee.available
        let take = Self.nextObject(of: descriptor, inverse: head.pointee.inverse)
        // More than one object left: the slab stays partial (no list change).
        guard _fastPath(take.isSound && available > 1) else { return false }
        commit(take, from: descriptor, available: available &- 1)
        checkInvariants()
        object = take.object
        return true
    }

    /// Whether a request is one the class lookup table answers: at most
    /// `tableLimit` bytes (none before the first region), aligned to at most 16.
    @inlinable @inline(__always)
    func isTableRequest(byteCount: Int, alignment: Int) -> Bool {
        UInt(bitPattern: byteCount) < tableEnd && UInt(bitPattern: alignment) <= 16 && Kernels.isPowerOfTwo(UInt(bitPattern: alignment))
    }

    /// `allocate` of a request of the class lookup table's granule
    /// `granule` (every request of a granule has the granule's class: lemma
    /// `slabGranuleClass.sameClassAsTheRequest`), in general: a new slab, a
    /// slab that becomes full, the checks' traps.
    @inlinable @inline(never)
    static func allocateSlowPath(_ allocator: inout Self, granule: Int) -> OutOfLineAllocation {
        let head = allocator.directHeads + granule
        if head.pointee.slab == 0 {
            do throws(AllocError) { _ = try allocator.newSlab(classIndex: Int(allocator.storage.granuleClasses.unsafelyUnwrapped[granule])) } catch {
                return OutOfLineAllocation(failure: error)
            }
        }
        return OutOfLineAllocation(allocator.takeObject(from: head))
    }

    /// `allocate` of a request of class `classIndex` that the class lookup
    /// table does not answer, in general: as `allocateSlowPath(_:granule:)`.
    @inlinable @inline(never)
    static func allocateSlowPath(_ allocator: inout Self, classIndex: Int) -> OutOfLineAllocation {
        let head = allocator.partialHeads + classIndex
        if head.pointee.slab == 0 {
            do throws(AllocError) { _ = try allocator.newSlab(classIndex: classIndex) } catch {
                return OutOfLineAllocation(failure: error)
            }
        }
        return OutOfLineAllocation(allocator.takeObject(from: head))
    }

    /// Hands out the next object of the first partial slab of `head`'s class
    /// (there is one), checked (`nextObject`: a corrupted free list stops the
    /// program); a slab that becomes full leaves the list.
    @inlinable @inline(__always)
    mutating func takeObject(from head: UnsafeMutablePointer<SlabClassHead>) -> UnsafeMutableRawPointer {
        let descriptor = Self.descriptor(head.pointee.slab)
        let take = Self.nextObject(of: descriptor, inverse: head.pointee.inverse)
        if !take.isSound { corruptedFreeList(at: take.object) }
        let available = descriptor.pointee.available &- 1
        commit(take, from: descriptor, available: available)
        // The slab allocated from is its class's first partial one: full, it leaves the list.
        if available == 0 { popFull(descriptor) }
        checkInvariants()
        return UnsafeMutableRawPointer(bitPattern: take.object).unsafelyUnwrapped
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

    /// A request no class serves, from the backing allocator, retried once
    /// after releasing the cache.
    @inlinable @inline(never)
    static func allocateFromBacking(_ allocator: inout Self, byteCount: Int, alignment: Int) -> OutOfLineAllocation {
        do throws(AllocError) {
            let block = try allocator.backing.allocate(byteCount: byteCount, alignment: alignment)
            allocator.checkInvariants()
            return OutOfLineAllocation(block)
        } catch {
            guard error == .noMemory, allocator.emptySlabCount > 0 else { return OutOfLineAllocation(failure: error) }
        }
        allocator.releaseEmptySlabs()
        do throws(AllocError) {
            let block = try allocator.backing.allocate(byteCount: byteCount, alignment: alignment)
            allocator.checkInvariants()
            return OutOfLineAllocation(block)
        } catch {
            return OutOfLineAllocation(failure: error)
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
