extension SlabAllocator where Backing: ~Copyable {
    /// Checks the slab bookkeeping (not the backing allocator's own state,
    /// which has its own check); nil when consistent, else what is broken:
    /// - every descriptor is in use, cached or spare, and counted once;
    /// - an in-use slab's live bits sit only at object starts, number `live`,
    ///   and its free list holds `capacity - live` minus the never-used
    ///   objects, each inside it, at an object start, with its bit clear;
    /// - partial lists hold exactly the in-use slabs with a free object, of
    ///   their class, well linked; the region tables point at in-use or
    ///   cached slabs at their own bases;
    /// - `liveClassBytes` and `slabBackingBytes` are the sums they cache.
    ///
    /// - Complexity: O(descriptors × slab objects). For tests.
    public func checkIntegrity() -> StaticString? {
        var state = [UInt8](repeating: 0, count: descriptorCount)  // 1 in use, 2 cached, 3 spare
        var live = 0, backingBytes = 0
        var spare = spareDescriptors, spareCount = 0
        while spare != SlabDescriptor.none {
            spareCount += 1
            guard spare < descriptorCount, state[spare] == 0 else { return "the spare descriptors are not a list" }
            state[spare] = 3
            spare = slabs[spare].next
        }
        if spareCount != spareDescriptorCount { return "the spare count is wrong" }
        var cached = emptySlabs, cachedCount = 0
        while cached != SlabDescriptor.none {
            guard cached < descriptorCount, state[cached] == 0 else { return "the cached slabs are not a list" }
            state[cached] = 2
            cachedCount += 1
            backingBytes += slabs[cached].backingBytes
            if slabs[cached].capacity != 0 { return "a cached slab is marked in use" }
            for word in 0 ..< bitmapWords where bitmaps[cached * bitmapWords + word] != 0 { return "a cached slab has live bits" }
            cached = slabs[cached].next
        }
        if cachedCount != emptySlabCount || cachedCount > Self.emptySlabLimit { return "the cache count is wrong" }
        for slab in 0 ..< descriptorCount where state[slab] == 0 {
            state[slab] = 1
            let descriptor = slabs[slab]
            if descriptor.capacity == 0 || descriptor.live == 0 { return "an in-use slab is empty" }
            if descriptor.classIndex >= classCount { return "a slab has no class" }
            let classSize = Kernels.slabClassSize(index: UInt(descriptor.classIndex))
            if descriptor.classSize != classSize { return "a slab has the wrong class size" }
            if descriptor.capacity != Int(Kernels.slabCapacity(classSize: classSize, slabShift: slabShift)) { return "a slab has the wrong capacity" }
            if !Kernels.isAligned(descriptor.base, to: Kernels.bit(slabShift)) { return "a slab is not aligned to its size" }
            // Live bits: only at object starts, `live` of them.
            var bits = 0
            for word in 0 ..< bitmapWords {
                var value = bitmaps[slab * bitmapWords + word]
                while value != 0 {
                    let bit = UInt(word * UInt.bitWidth + value.trailingZeroBitCount)
                    value &= value - 1
                    let address = descriptor.base &+ (bit &<< 4)
                    let object = Kernels.slabObjectIndex(address: address, base: descriptor.base, classSize: classSize)
                    if !object.isStart || object.index >= UInt(descriptor.capacity) || address >= descriptor.bump {
                        return "a live bit is not at a handed-out object"
                    }
                    bits += 1
                }
            }
            if bits != descriptor.live { return "a slab's live count disagrees with its bits" }
            // Free list plus never-used objects plus live ones: the capacity.
            let unused = Int((descriptor.bumpEnd - descriptor.bump) / classSize)
            if descriptor.bumpEnd != Kernels.slabObjectAddress(base: descriptor.base, index: UInt(descriptor.capacity), classSize: classSize)
                || descriptor.bump < descriptor.base || descriptor.bump > descriptor.bumpEnd {
                return "a slab's bump pointer is outside it"
            }
            var free = 0, node = descriptor.freeList
            while node != 0 {
                free += 1
                if free > descriptor.capacity { return "a slab's free list has a cycle" }
                guard node >= descriptor.base, node < descriptor.bump else { return "a free object is outside its slab" }
                let object = Kernels.slabObjectIndex(address: node, base: descriptor.base, classSize: classSize)
                let bit = Kernels.slabLiveBit(address: node, base: descriptor.base)
                if !object.isStart { return "a free object is not at an object start" }
                if bitmaps[slab * bitmapWords + Int(bit >> BuddyRegion.wordShift)] & Kernels.bit(bit & UInt(UInt.bitWidth - 1)) != 0 {
                    return "a free object is marked live"
                }
                node = UnsafeMutablePointer<UInt>(bitPattern: node).unsafelyUnwrapped.pointee
            }
            if free + unused + descriptor.live != descriptor.capacity { return "a slab loses objects" }
            live += descriptor.live * Int(classSize)
            backingBytes += descriptor.backingBytes
            guard let region = regionIndex(containing: descriptor.base),
                  regions[region].entry(descriptor.base, slabShift: slabShift).pointee == slab + 1
            else { return "a slab is missing from its region's table" }
        }
        // Partial lists: exactly the in-use slabs with room, by class.
        var listed = 0
        for index in 0 ..< classCount {
            var slab = partialHeads[index], previous = SlabDescriptor.none
            while slab != SlabDescriptor.none {
                guard slab < descriptorCount, state[slab] == 1 else { return "a partial list holds a slab not in use" }
                state[slab] = 4
                listed += 1
                if slabs[slab].classIndex != index { return "a partial list holds a slab of another class" }
                if slabs[slab].previous != previous { return "a partial list has a broken back link" }
                if slabs[slab].live >= slabs[slab].capacity { return "a partial list holds a full slab" }
                previous = slab
                slab = slabs[slab].next
            }
        }
        for slab in 0 ..< descriptorCount where state[slab] == 1 && slabs[slab].live < slabs[slab].capacity {
            return "a slab with room is missing from its partial list"
        }
        // Region tables: entries point at in-use or cached slabs at their base.
        for index in 0 ..< regionCount {
            let region = regions[index]
            for entry in 0 ..< region.entries where region.table[entry] != 0 {
                let slab = region.table[entry] - 1
                guard slab < descriptorCount, state[slab] != 3,
                      regionIndex(containing: slabs[slab].base) == index,
                      Int(Kernels.buddyBitIndex(slabs[slab].base, order: slabShift, base: region.start)) == entry
                else { return "a region table entry is stale" }
            }
        }
        if live != liveClassBytes { return "liveClassBytes is not the sum of the live objects" }
        if backingBytes != slabBackingBytes { return "slabBackingBytes is not the sum over the slabs" }
        return nil
    }
}
