extension BuddyByteAllocator {
    /// Frees a block returned by `allocate` with the same `byteCount` and
    /// `alignment`, merging it with its free buddies.
    ///
    /// Traps ("not a live allocation") on a double free, a foreign or
    /// interior pointer or a size or alignment of another order, without
    /// changing anything.
    ///
    /// - Complexity: O(number of orders).
    @inlinable
    public mutating func deallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) {
        do throws(AllocError) { try tryDeallocate(pointer, byteCount: byteCount, alignment: alignment) } catch {
            notAllocated()
        }
    }

    @usableFromInline @inline(never)
    func notAllocated() -> Never {
        fatalError("BuddyByteAllocator.deallocate: the pointer is not a live allocation of this size and alignment")
    }

    /// Frees like `deallocate`, but throws `.notAllocated` and changes nothing
    /// when `pointer` is not the start of a live block of the order
    /// `byteCount` and `alignment` give (checked in the region's used bitmap,
    /// so no memory outside the regions is read).
    ///
    /// - Complexity: O(number of orders + log regions).
    @inlinable
    public mutating func tryDeallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) throws(AllocError) {
        guard let order = Self.order(byteCount: byteCount, alignment: alignment) else { throw .notAllocated }
        let address = UInt(bitPattern: pointer)
        guard let index = regionIndex(containing: address) else { throw .notAllocated }
        let region = regions[index]
        guard Kernels.isAligned(address, to: Kernels.bit(order)),
              Kernels.buddyBlockInside(address, size: Kernels.bit(order), lower: region.base, upper: region.limit),
              region.test(address, order: order, used: true)
        else { throw .notAllocated }
        region.clear(address, order: order, used: true)
        liveBytes &-= Int(bitPattern: Kernels.bit(order))
        var block = address, merged = order
        while true {
            let buddy = Kernels.buddyAddress(block, order: merged)
            guard Kernels.buddyBlockInside(buddy, size: Kernels.bit(merged), lower: region.base, upper: region.limit),
                  region.test(buddy, order: merged, used: false)
            else { break }
            unlink(buddy, order: merged)
            region.clear(buddy, order: merged, used: false)
            block = Kernels.buddyMergedBlock(block, order: merged)
            merged &+= 1
        }
        push(block, order: merged)
        region.set(block, order: merged, used: false)
    }
}
