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
    /// Calls `body` with every slab taken from the backing allocator (in use
    /// or cached), in descriptor order.
    ///
    /// - Complexity: O(descriptors).
    public func walkSlabs(_ body: (SlabLayoutInfo) -> Void) {
        for slab in 0 ..< descriptorCount where slabs[slab].base != 0 {
            let descriptor = slabs[slab]
            body(SlabLayoutInfo(
                base: descriptor.base, classIndex: descriptor.classIndex < 0 ? nil : Int(descriptor.classIndex),
                liveObjects: Int(descriptor.live), bump: descriptor.bump))
        }
    }

    /// Calls `body` with the freed objects of the slab at `base`, from the
    /// head of its free list: the order allocation reuses them (LIFO).
    /// Nothing for an address that is no slab's base.
    ///
    /// Reads only, and only inside the slab: the walk stops at a link that
    /// is not an object of the slab (a user's write over a freed object can
    /// leave one; `checkIntegrity` reports it) and after the slab's capacity.
    ///
    /// - Complexity: O(free objects of the slab).
    public func walkFreeObjects(ofSlabAt base: UInt, _ body: (UInt) -> Void) {
        guard base != 0, let slab = descriptorIndex(containing: base), slabs[slab].base == base, slabs[slab].classSize > 0 else { return }
        let classSize = UInt(slabs[slab].classSize)
        var object = slabs[slab].freeList, steps: Int32 = 0
        while object >= base, object &- base < slabBytes, (object &- base) % classSize == 0, steps < slabs[slab].capacity {
            body(object)
            object = UnsafeMutablePointer<UInt>(bitPattern: object).unsafelyUnwrapped.pointee
            steps += 1
        }
    }

    /// Calls `body` with the partial slabs (in use, with a free object) of
    /// every class, class by class and, within a class, from the slab
    /// allocation takes objects from to the last one; then with the cached
    /// empty slabs, in the order they are reused (`classIndex` nil).
    ///
    /// Reads only; each list's walk stops after `descriptors` slabs.
    ///
    /// - Complexity: O(classes + slabs).
    public func walkSlabLists(_ body: (_ classIndex: Int?, _ base: UInt) -> Void) {
        for index in 0 ..< classCount {
            var slab = Int(partialHeads[index]), steps = 0
            while slab >= 0, slab < descriptorCount, steps < descriptorCount {
                body(index, slabs[slab].base)
                slab = Int(slabs[slab].next)
                steps += 1
            }
        }
        var slab = emptySlabs, steps = 0
        while slab >= 0, slab < descriptorCount, steps < descriptorCount {
            body(nil, slabs[slab].base)
            slab = Int(slabs[slab].next)
            steps += 1
        }
    }
}
#endif
