#if Slab
extension SlabAllocator where Backing: ~Copyable {
    /// Checks the slab bookkeeping, then the backing allocator's own state;
    /// throws what is broken:
    /// - the regions' descriptors are consecutive, one per window;
    /// - every descriptor is idle, cached or in use; a slab (cached or in
    ///   use) sits at the start of its own window, inside its region;
    ///   `slabCount` counts them;
    /// - an in-use slab's live bits sit only at handed-out object starts,
    ///   number `live`, and its free list holds `capacity - live` minus the
    ///   never-used objects, each inside it, at an object start, with its bit
    ///   clear; idle and cached descriptors have no live bits;
    /// - partial lists hold exactly the in-use slabs with a free object, of
    ///   their class, well linked, with their last slab as tail; the direct
    ///   table holds each granule's class head; the cache holds the cached slabs;
    /// - `liveClassBytes` and `slabBackingBytes` are the sums they cache.
    ///
    /// - Complexity: O(descriptors × bits per slab). For tests.
    public func checkIntegrity() throws(IntegrityViolation) {
        if let problem = integrityProblem() { throw IntegrityViolation("slab", problem) }
        try backing.checkIntegrity()
    }

    func integrityProblem() -> StaticString? {
        // Regions: descriptors in the order the regions were given.
        var owner = [Int](repeating: -1, count: descriptorCount)  // region of each descriptor
        var covered = 0
        for index in 0 ..< regionCount {
            let region = regions[index]
            let windows = region.windows(slabShift: slabShift)
            guard region.firstDescriptor >= 0, region.firstDescriptor + windows <= descriptorCount else {
                return "a region's descriptors are outside the storage"
            }
            for slab in region.firstDescriptor ..< region.firstDescriptor + windows {
                guard owner[slab] < 0 else { return "two regions share a descriptor" }
                owner[slab] = index
            }
            covered += windows
        }
        if covered != descriptorCount { return "a descriptor belongs to no region" }
        if regionCount > 0 {
            guard let first = regionIndex(containing: home.start), regions[first].start == home.start,
                  regions[first].end == home.end, regions[first].firstDescriptor == home.firstDescriptor,
                  regions[first].descriptorBias == home.descriptorBias, regions[first].bitBias == home.bitBias
            else { return "the first region's copy is stale" }
        }
        var state = [UInt8](repeating: 0, count: descriptorCount)  // 1 in use, 2 cached, 3 idle
        var cached = emptySlabs, cachedCount = 0
        while cached >= 0 {
            guard cached < descriptorCount, state[cached] == 0 else { return "the cached slabs are not a list" }
            state[cached] = 2
            cachedCount += 1
            if slabs[cached].classIndex != SlabDescriptor.none || slabs[cached].base == 0 { return "a cached slab is marked in use or idle" }
            cached = Int(slabs[cached].next)
        }
        if cachedCount != emptySlabCount || cachedCount > Self.emptySlabLimit { return "the cache count is wrong" }
        var live = 0, backingBytes = 0, slabsTaken = 0
        let bitsPerSlab = 1 << (Int(slabShift) - 4)
        for slab in 0 ..< descriptorCount {
            let descriptor = slabs[slab]
            let region = regions[owner[slab]]
            let firstBit = Int(bitPattern: Kernels.slabLiveBit(descriptor: UInt(slab), address: 0, slabShift: slabShift))
            var bits: [Int] = []  // live bits, as granule offsets in the window
            for bit in firstBit ..< firstBit + bitsPerSlab
            where bitmaps[Int(bitPattern: Kernels.wordIndex(UInt(bit)))] & Kernels.bit(Kernels.bitOffset(UInt(bit))) != 0 {
                bits.append(bit - firstBit)
            }
            if descriptor.base == 0 {
                if state[slab] != 0 || descriptor.classIndex != SlabDescriptor.none || descriptor.live != 0 || descriptor.next != SlabDescriptor.none {
                    return "an idle descriptor is in use"
                }
                if !bits.isEmpty { return "an idle window has live bits" }
                state[slab] = 3
                continue
            }
            // A slab: at its window's start, inside its region.
            slabsTaken += 1
            backingBytes += descriptor.backingBytes
            guard Kernels.isAligned(descriptor.base, to: Kernels.bit(slabShift)), descriptor.base >= region.start,
                  region.end - descriptor.base >= slabBytes, region.descriptor(descriptor.base, slabShift: slabShift) == slab,
                  region.firstDescriptor + Int(bitPattern: Kernels.buddyBitIndex(descriptor.base, order: slabShift, base: region.start)) == slab
            else { return "a slab is not at the start of its window" }
            if descriptor.bitBias != Kernels.slabLiveBitBias(descriptor: UInt(slab), windowStart: descriptor.base, slabShift: slabShift)
                || descriptor.bitBias != region.bitBias {
                return "a slab's live-bit bias is wrong"
            }
            if state[slab] == 2 {
                if !bits.isEmpty { return "a cached slab has live bits" }
                continue
            }
            state[slab] = 1
            if descriptor.capacity == 0 || descriptor.live == 0 { return "an in-use slab is empty" }
            guard descriptor.classIndex >= 0, Int(descriptor.classIndex) < classCount else { return "a slab has no class" }
            let classSize = Kernels.slabClassSize(index: UInt(descriptor.classIndex))
            if UInt(descriptor.classSize) != classSize { return "a slab has the wrong class size" }
            let capacity = Kernels.slabCapacity(classSize: classSize, slabBytes: slabBytes)
            if descriptor.capacity != Int32(capacity) { return "a slab has the wrong capacity" }
            let end = Kernels.slabObjectAddress(base: descriptor.base, index: capacity, classSize: classSize)
            if descriptor.bump < descriptor.base || descriptor.bump > end { return "a slab's bump pointer is outside it" }
            let handedOut = Kernels.slabObjectIndex(address: descriptor.bump, base: descriptor.base, classSize: classSize)
            if !handedOut.isStart { return "a slab's bump pointer is not at an object start" }
            // Live bits: only at handed-out object starts, `live` of them.
            for granule in bits {
                let address = descriptor.base &+ (UInt(granule) &<< 4)
                let object = Kernels.slabObjectIndex(address: address, base: descriptor.base, classSize: classSize)
                if !object.isStart || address >= descriptor.bump { return "a live bit is not at a handed-out object" }
            }
            if bits.count != Int(descriptor.live) { return "a slab's live count disagrees with its bits" }
            // Free list plus never-used objects plus live ones: the capacity.
            let unused = Int(capacity - handedOut.index)
            var free = 0, node = descriptor.freeList
            while node != 0 {
                free += 1
                if free > Int(descriptor.capacity) { return "a slab's free list has a cycle" }
                guard node >= descriptor.base, node < descriptor.bump else { return "a free object is outside its slab" }
                let object = Kernels.slabObjectIndex(address: node, base: descriptor.base, classSize: classSize)
                if !object.isStart { return "a free object is not at an object start" }
                let bit = Kernels.slabLiveBit(descriptor: UInt(slab), address: node, slabShift: slabShift)
                if bitmaps[Int(bitPattern: Kernels.wordIndex(bit))] & Kernels.bit(Kernels.bitOffset(bit)) != 0 {
                    return "a free object is marked live"
                }
                node = UnsafeMutablePointer<UInt>(bitPattern: node).unsafelyUnwrapped.pointee
            }
            if free + unused + Int(descriptor.live) != Int(descriptor.capacity) { return "a slab loses objects" }
            live += Int(descriptor.live) * Int(classSize)
        }
        if slabsTaken != slabCount { return "slabCount is not the number of slabs" }
        // Partial lists: exactly the in-use slabs with room, by class.
        for index in 0 ..< classCount {
            var slab = Int(partialHeads[index]), previous = Int(SlabDescriptor.none)
            while slab >= 0 {
                guard slab < descriptorCount, state[slab] == 1 else { return "a partial list holds a slab not in use" }
                state[slab] = 4
                if slabs[slab].classIndex != Int32(index) { return "a partial list holds a slab of another class" }
                if Int(slabs[slab].previous) != previous { return "a partial list has a broken back link" }
                if slabs[slab].live >= slabs[slab].capacity { return "a partial list holds a full slab" }
                previous = slab
                slab = Int(slabs[slab].next)
            }
            if Int(partialTails[index]) != previous { return "a partial list's tail is not its last slab" }
        }
        let tableGranules = Int(Kernels.slabRequestGranule(byteCount: tableLimit)) + 1
        for granule in 0 ..< tableGranules {
            let index = Int(storage.granuleClasses[granule])
            if directHeads[granule] != partialHeads[index] { return "the direct table disagrees with the class heads" }
            let granules = storage.classGranules[index]
            if granule < Int(granules.first) || granule >= Int(granules.end) { return "a class's granules are wrong" }
        }
        for slab in 0 ..< descriptorCount where state[slab] == 1 {
            if slabs[slab].live < slabs[slab].capacity { return "a slab with room is missing from its partial list" }
            if slabs[slab].next != SlabDescriptor.none || slabs[slab].previous != SlabDescriptor.none { return "a full slab is linked" }
        }
        if live != liveClassBytes { return "liveClassBytes is not the sum of the live objects" }
        if backingBytes != slabBackingBytes { return "slabBackingBytes is not the sum over the slabs" }
        return nil
    }
}
#endif
