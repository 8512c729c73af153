#if Slab
// Layout: read-only walks of the state that decides future behaviour, for
// tests that enumerate states (the exhaustive model check encodes a state
// from these walks and the backing allocator's own layout).

/// One slab, in use or cached, as `SlabAllocator.walkSlabs` reports it.
@frozen
public struct SlabLayoutInfo: Equatable, Sendable {
    /// The slab's first byte: its window's start and its backing block.
    public var base: UInt
    /// The class of a slab in use; nil for an empty slab in the cache.
    public var classIndex: Int?
    /// Objects handed out and not freed.
    public var liveObjects: Int
    /// The next never-used object (objects from here on have not been handed out).
    public var bump: UInt

    @inlinable
    public init(base: UInt, classIndex: Int?, liveObjects: Int, bump: UInt) {
        self.base = base
        self.classIndex = classIndex
        self.liveObjects = liveObjects
        self.bump = bump
    }
}

extension SlabAllocator where Backing: ~Copyable {
    /// Calls `body` with the address of every window's descriptor, region by
    /// region in address order.
    ///
    /// - Complexity: O(windows).
    func walkDescriptors(_ body: (_ address: UInt) -> Void) {
        let table = storage.regions
        for index in 0 ..< table.count {
            let descriptors = table[index].descriptors(slabShift: slabShift)
            for window in 0 ..< table[index].windows(slabShift: slabShift) {
                body(descriptors &+ (UInt(window) &<< SlabDescriptor.bytesLog2))
            }
        }
    }

    /// Whether `address` is the address of one of the regions' descriptors:
    /// the only addresses the walks below read a descriptor at.
    ///
    /// - Complexity: O(regions).
    func isDescriptor(_ address: UInt) -> Bool {
        let table = storage.regions
        for index in 0 ..< table.count {
            let offset = address &- table[index].descriptors(slabShift: slabShift)
            let windows = UInt(table[index].windows(slabShift: slabShift))
            if offset < windows &<< SlabDescriptor.bytesLog2, offset & (Kernels.bit(SlabDescriptor.bytesLog2) &- 1) == 0 { return true }
        }
        return false
    }

    /// The end of the objects a slab has handed out: objects from here on
    /// have never been used.
    func handedOutEnd(of descriptor: SlabDescriptor) -> UInt {
        Kernels.slabObjectAddress(base: descriptor.base, index: UInt(descriptor.handedOut), classSize: UInt(descriptor.classSize))
    }

    /// Calls `body` with every slab taken from the backing allocator (in use
    /// or cached), in address order.
    ///
    /// - Complexity: O(windows).
    public func walkSlabs(_ body: (SlabLayoutInfo) -> Void) {
        walkDescriptors { address in
            let descriptor = Self.descriptor(address).pointee
            guard descriptor.base != 0 else { return }
            let inUse = descriptor.classIndex != SlabDescriptor.noClass
            body(SlabLayoutInfo(
                base: descriptor.base, classIndex: inUse ? Int(descriptor.classIndex) : nil,
                liveObjects: inUse ? Int(descriptor.capacity &- descriptor.available) : 0,
                bump: inUse ? handedOutEnd(of: descriptor) : descriptor.base))
        }
    }

    /// Calls `body` with the freed objects of the slab at `base`, from the
    /// head of its free list: the order allocation reuses them (LIFO).
    /// Nothing for an address that is no slab's base.
    ///
    /// Reads only, and only inside the slab: the walk stops at a link that
    /// is not a handed-out object of the slab (a user's write over a freed
    /// object can leave one; `checkIntegrity` reports it) and after the
    /// slab's capacity.
    ///
    /// - Complexity: O(free objects of the slab + regions).
    public func walkFreeObjects(ofSlabAt base: UInt, _ body: (UInt) -> Void) {
        guard base != 0, let region = storage.regions.index(containing: base) else { return }
        let descriptor = storage.regions[region].descriptor(of: base, slabShift: slabShift).pointee
        guard descriptor.base == base, descriptor.classIndex != SlabDescriptor.noClass, descriptor.classSize > 0 else { return }
        let classSize = UInt(descriptor.classSize), end = handedOutEnd(of: descriptor)
        var object = descriptor.freeList, steps: UInt32 = 0
        while object >= base, object < end,
              Kernels.slabObjectIndex(address: object, base: base, classSize: classSize).isStart, steps < descriptor.capacity {
            body(object)
            object = UnsafeMutablePointer<UInt>(bitPattern: object).unsafelyUnwrapped.pointee
            steps &+= 1
        }
    }

    /// Calls `body` with the partial slabs (in use, with a free object) of
    /// every class, class by class and, within a class, from the slab
    /// allocation takes objects from to the last one; then with the cached
    /// empty slabs, in the order they are reused (`classIndex` nil).
    ///
    /// Reads only descriptors of the regions; each list's walk stops at a
    /// link that is not one and after `slabCount` slabs.
    ///
    /// - Complexity: O(classes + slabs × regions).
    public func walkSlabLists(_ body: (_ classIndex: Int?, _ base: UInt) -> Void) {
        func walk(from head: UInt, _ classIndex: Int?) {
            var slab = head, steps = 0
            while slab != 0, steps < slabCount, isDescriptor(slab) {
                let descriptor = Self.descriptor(slab).pointee
                body(classIndex, descriptor.base)
                slab = descriptor.next
                steps += 1
            }
        }
        guard storage.regions.count > 0 else { return }
        for index in 0 ..< classCount { walk(from: partialHeads[index].slab, index) }
        walk(from: emptySlabs, nil)
    }
}
#endif
