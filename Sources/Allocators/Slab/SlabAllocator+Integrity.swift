#if Slab
extension SlabAllocator where Backing: ~Copyable {
    /// Checks the slab bookkeeping, then the backing allocator's own state;
    /// throws the first thing broken, at the address of the region (its
    /// start), descriptor, window or object concerned:
    /// - the region table is sorted and disjoint, padded after its regions;
    ///   each region's descriptors are 64-byte aligned (and, when carved,
    ///   inside the region);
    /// - every descriptor is idle, cached or in use; a slab (cached or in
    ///   use) sits at the start of its own window, inside its region, with
    ///   its region's live-word bias; `slabCount` counts them;
    /// - an in-use slab has its class's size, rotation and capacity; its live
    ///   bits sit only at the starts of the objects it handed out and number
    ///   `live`; its free list holds the other handed-out objects, each at an
    ///   object start with its bit clear, once; idle and cached windows have
    ///   no live bits;
    /// - partial lists hold exactly the in-use slabs with a free object, of
    ///   their class, well linked, with their last slab as tail; the class
    ///   heads and the direct table agree and carry their class's link-check
    ///   constant; the cache list holds the cached slabs;
    /// - `liveClassBytes` and `slabBackingBytes` are the sums they cache.
    ///
    /// - Complexity: O(regions × windows × bits per slab). For tests: unlike
    ///   the allocation paths, it takes scratch arrays from the platform
    ///   heap (the no-heap Embedded image leaves it out for that reason).
    public func checkIntegrity() throws(IntegrityViolation) {
        let table = storage.regions
        let shift = slabShift
        guard table.count > 0 else {
            // No region yet: no tables, no slabs.
            if slabCount != 0 || emptySlabs != 0 || liveClassBytes != 0 || slabBackingBytes != 0 || tableEnd != 0 {
                throw IntegrityViolation("slab", "an allocator without regions has slabs")
            }
            return try backing.checkIntegrity()
        }
        // Regions: sorted, disjoint, padded; numbering of their descriptors.
        var firstIndex: [Int] = []
        var windowCount = 0
        for index in 0 ..< table.count {
            let region = table[index]
            guard region.start < region.end else { throw IntegrityViolation("slab", "a region is empty", at: region.start) }
            if index > 0, table[index - 1].end > region.start {
                throw IntegrityViolation("slab", "the region table is not sorted and disjoint", at: region.start)
            }
            let descriptors = region.descriptors(slabShift: shift)
            guard descriptors & 63 == 0, region.words(slabShift: shift) & UInt(MemoryLayout<UInt>.alignment - 1) == 0 else {
                throw IntegrityViolation("slab", "a region's bookkeeping is misaligned", at: region.start)
            }
            if storage.arena.storage.isCarved {
                let bytes = UInt(region.windows(slabShift: shift)) &<< SlabDescriptor.bytesLog2
                guard descriptors >= region.start, descriptors &+ bytes <= region.end else {
                    throw IntegrityViolation("slab", "a region's carved descriptors are outside it", at: region.start)
                }
            }
            firstIndex.append(windowCount)
            windowCount += region.windows(slabShift: shift)
        }
        for index in table.count ..< table.capacity where table[index].start != UInt.max {
            throw IntegrityViolation("slab", "a region table slot after the regions is not padding", at: table[index].start)
        }
        // The number of the descriptor at `address`, when it is one.
        func number(ofDescriptor address: UInt) -> Int? {
            for index in 0 ..< table.count {
                let descriptors = table[index].descriptors(slabShift: shift), offset = address &- descriptors
                let windows = UInt(table[index].windows(slabShift: shift))
                if offset < windows &<< SlabDescriptor.bytesLog2, offset & 63 == 0 {
                    return firstIndex[index] + Int(offset &>> SlabDescriptor.bytesLog2)
                }
            }
            return nil
        }
        var state = [UInt8](repeating: 0, count: windowCount)  // 1 in use, 2 cached, 3 idle, 4 listed
        // The cache.
        var cached = emptySlabs, cachedCount = 0
        while cached != 0 {
            guard let slab = number(ofDescriptor: cached), state[slab] == 0 else {
                throw IntegrityViolation("slab", "the cached slabs are not a list of descriptors", at: cached)
            }
            state[slab] = 2
            cachedCount += 1
            let descriptor = Self.descriptor(cached).pointee
            if descriptor.classIndex != SlabDescriptor.noClass || descriptor.base == 0 {
                throw IntegrityViolation("slab", "a cached slab is marked in use or idle", at: cached)
            }
            cached = descriptor.next
        }
        if cachedCount != emptySlabCount || cachedCount > Self.emptySlabLimit {
            throw IntegrityViolation("slab", "the cache count is wrong", at: emptySlabs)
        }
        // Every window.
        var live = 0, backingBytes = 0, slabsTaken = 0
        for regionIndex in 0 ..< table.count {
            let region = table[regionIndex]
            let descriptors = region.descriptors(slabShift: shift)
            for window in 0 ..< region.windows(slabShift: shift) {
                let slab = firstIndex[regionIndex] + window
                let address = descriptors &+ (UInt(window) &<< SlabDescriptor.bytesLog2)
                let windowStart = region.firstWindow(slabShift: shift) &+ (UInt(window) &<< shift)
                let descriptor = Self.descriptor(address).pointee
                let bits = liveGranules(windowStart: windowStart, bias: region.liveWordBias)
                if descriptor.base == 0 {
                    if state[slab] != 0 || descriptor.classIndex != SlabDescriptor.noClass || descriptor.available != 0
                        || descriptor.next != 0 || descriptor.previous != 0 {
                        throw IntegrityViolation("slab", "an idle descriptor is in use", at: address)
                    }
                    if let granule = bits.first {
                        throw IntegrityViolation("slab", "an idle window has live bits", at: windowStart &+ (UInt(granule) &<< 4))
                    }
                    state[slab] = 3
                    continue
                }
                slabsTaken += 1
                backingBytes += Int(descriptor.backingBytes)
                guard descriptor.base == windowStart, descriptor.base >= region.start, region.end &- descriptor.base >= slabBytes else {
                    throw IntegrityViolation("slab", "a slab is not at the start of its window", at: address)
                }
                if descriptor.liveWordBias != region.liveWordBias {
                    throw IntegrityViolation("slab", "a slab's live-word bias is not its region's", at: address)
                }
                if state[slab] == 2 {
                    if let granule = bits.first {
                        throw IntegrityViolation("slab", "a cached slab has live bits", at: windowStart &+ (UInt(granule) &<< 4))
                    }
                    continue
                }
                state[slab] = 1
                live += try checkSlab(descriptor, at: address, liveGranules: bits)
            }
        }
        if slabsTaken != slabCount { throw IntegrityViolation("slab", "slabCount is not the number of slabs") }
        // Partial lists: exactly the in-use slabs with room, by class.
        for index in 0 ..< classCount {
            let head = partialHeads[index]
            if head.inverse != SlabClassHead.inverse(ofClassSize: Kernels.slabClassSize(index: UInt(index))) {
                throw IntegrityViolation("slab", "a class head has the wrong link-check constant", at: UInt(index))
            }
            var slab = head.slab, previous: UInt = 0
            while slab != 0 {
                guard let number = number(ofDescriptor: slab), state[number] == 1 else {
                    throw IntegrityViolation("slab", "a partial list holds a slab not in use", at: slab)
                }
                state[number] = 4
                let descriptor = Self.descriptor(slab).pointee
                if descriptor.classIndex != Int16(index) { throw IntegrityViolation("slab", "a partial list holds a slab of another class", at: slab) }
                if descriptor.previous != previous { throw IntegrityViolation("slab", "a partial list has a broken back link", at: slab) }
                if descriptor.available == 0 { throw IntegrityViolation("slab", "a partial list holds a full slab", at: slab) }
                previous = slab
                slab = descriptor.next
            }
            if partialTails[index] != previous { throw IntegrityViolation("slab", "a partial list's tail is not its last slab", at: partialTails[index]) }
        }
        for granule in 0 ..< tableGranules {
            let index = Int(storage.granuleClasses.unsafelyUnwrapped[granule])
            let entry = directHeads[granule]
            if entry.slab != partialHeads[index].slab || entry.inverse != partialHeads[index].inverse {
                throw IntegrityViolation("slab", "the direct table disagrees with the class heads", at: UInt(granule))
            }
            let granules = storage.classGranules.unsafelyUnwrapped[index]
            if granule < Int(granules.first) || granule >= Int(granules.end) {
                throw IntegrityViolation("slab", "a class's granules are wrong", at: UInt(granule))
            }
        }
        for regionIndex in 0 ..< table.count {
            let descriptors = table[regionIndex].descriptors(slabShift: shift)
            for window in 0 ..< table[regionIndex].windows(slabShift: shift) where state[firstIndex[regionIndex] + window] == 1 {
                let address = descriptors &+ (UInt(window) &<< SlabDescriptor.bytesLog2)
                let descriptor = Self.descriptor(address).pointee
                if descriptor.available != 0 { throw IntegrityViolation("slab", "a slab with room is missing from its partial list", at: address) }
                if descriptor.next != 0 || descriptor.previous != 0 { throw IntegrityViolation("slab", "a full slab is linked", at: address) }
            }
        }
        if live != liveClassBytes { throw IntegrityViolation("slab", "liveClassBytes is not the sum of the live objects") }
        if backingBytes != slabBackingBytes { throw IntegrityViolation("slab", "slabBackingBytes is not the sum over the slabs") }
        try backing.checkIntegrity()
    }

    /// The granules (16-byte offsets from `windowStart`) of the window whose
    /// live bits are set.
    func liveGranules(windowStart: UInt, bias: UInt) -> [Int] {
        var granules: [Int] = []
        for granule in 0 ..< 1 << (Int(slabShift) - 4) {
            let address = windowStart &+ (UInt(granule) &<< 4)
            let word = UnsafeMutablePointer<UInt>(bitPattern: Kernels.slabLiveWord(address: address, bias: bias))!
            if word.pointee & Kernels.bit(Kernels.bitOffset(address &>> 4)) != 0 { granules.append(granule) }
        }
        return granules
    }

    /// Checks an in-use slab (its descriptor at `address`) against its class,
    /// its live bits and its free list; returns its live objects' bytes.
    func checkSlab(_ descriptor: SlabDescriptor, at address: UInt, liveGranules bits: [Int]) throws(IntegrityViolation) -> Int {
        if descriptor.capacity == 0 || descriptor.available >= descriptor.capacity {
            throw IntegrityViolation("slab", "an in-use slab is empty", at: address)
        }
        let live = Int(descriptor.capacity - descriptor.available)
        guard descriptor.classIndex >= 0, Int(descriptor.classIndex) < classCount else {
            throw IntegrityViolation("slab", "a slab has no class", at: address)
        }
        let classSize = Kernels.slabClassSize(index: UInt(descriptor.classIndex))
        if UInt(descriptor.classSize) != classSize || Int(descriptor.sizeShift) != classSize.trailingZeroBitCount {
            throw IntegrityViolation("slab", "a slab has the wrong class size", at: address)
        }
        let capacity = Kernels.slabCapacity(classSize: classSize, slabBytes: slabBytes)
        if UInt(descriptor.capacity) != capacity { throw IntegrityViolation("slab", "a slab has the wrong capacity", at: address) }
        if descriptor.handedOut > descriptor.capacity || live > Int(descriptor.handedOut) {
            throw IntegrityViolation("slab", "a slab hands out more objects than it holds", at: address)
        }
        let handedOutEnd = Kernels.slabObjectAddress(base: descriptor.base, index: UInt(descriptor.handedOut), classSize: classSize)
        // Live bits: only at handed-out object starts, `live` of them.
        for granule in bits {
            let object = descriptor.base &+ (UInt(granule) &<< 4)
            if !Kernels.slabObjectIndex(address: object, base: descriptor.base, classSize: classSize).isStart || object >= handedOutEnd {
                throw IntegrityViolation("slab", "a live bit is not at a handed-out object", at: object)
            }
        }
        if bits.count != live { throw IntegrityViolation("slab", "a slab's live count disagrees with its bits", at: address) }
        // The free list: the handed-out objects that are not live.
        var free = 0, node = descriptor.freeList
        while node != 0 {
            free += 1
            if free > Int(descriptor.handedOut) { throw IntegrityViolation("slab", "a slab's free list has a cycle", at: node) }
            guard node >= descriptor.base, node < handedOutEnd,
                  Kernels.slabObjectIndex(address: node, base: descriptor.base, classSize: classSize).isStart
            else { throw IntegrityViolation("slab", "a free object is not a handed-out object of its slab", at: node) }
            let word = UnsafeMutablePointer<UInt>(bitPattern: Kernels.slabLiveWord(address: node, bias: descriptor.liveWordBias)).unsafelyUnwrapped
            if word.pointee & Kernels.bit(Kernels.bitOffset(node &>> 4)) != 0 {
                throw IntegrityViolation("slab", "a free object is marked live", at: node)
            }
            node = UnsafeMutablePointer<UInt>(bitPattern: node).unsafelyUnwrapped.pointee
        }
        if free + live != Int(descriptor.handedOut) { throw IntegrityViolation("slab", "a slab loses objects", at: address) }
        return live * Int(classSize)
    }
}
#endif
