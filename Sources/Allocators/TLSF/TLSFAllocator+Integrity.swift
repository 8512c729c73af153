#if TLSF
/// One block, as `TLSFAllocator.walkBlocks` reports it.
@frozen
public struct TLSFBlockInfo: Equatable, Sendable {
    /// Address of the block header.
    public var address: UInt
    /// Bytes of the block, header included.
    public var size: Int
    /// Whether the block is free.
    public var isFree: Bool
    /// The payload address (the pointer a used block was handed out as).
    public var payload: UInt

    @inlinable
    public init(address: UInt, size: Int, isFree: Bool, payload: UInt) {
        self.address = address
        self.size = size
        self.isFree = isFree
        self.payload = payload
    }
}

extension TLSFAllocator {
    /// Calls `body` with every block of every pool, pools in address order,
    /// blocks in address order within a pool (the sentinels excluded).
    ///
    /// - Complexity: O(blocks).
    public func walkBlocks(_ body: (TLSFBlockInfo) -> Void) {
        for index in 0 ..< pools.count {
            let pool = pools[index]
            var block = TLSFBlock(pool.first)
            while block.address < pool.sentinel, block.size != 0 {
                body(TLSFBlockInfo(
                    address: block.address, size: Int(bitPattern: block.size), isFree: block.isFree,
                    payload: block.address &+ UInt(bitPattern: Self.granularity)))
                block = block.nextPhysical
            }
        }
    }

    /// Checks every invariant and throws the first one broken, with the
    /// address of the block (or pool) concerned: the pools are sorted and
    /// disjoint and each lies inside its region; physical blocks tile each
    /// pool exactly up to its sentinel; tags and flags agree with neighbours;
    /// no two free blocks are adjacent; each free block is in the list its
    /// size maps to; the lists hold only such blocks, linked both ways;
    /// bitmaps agree with the lists; the counters agree with the blocks.
    ///
    /// - Complexity: O(blocks × longest free list).
    public func checkIntegrity() throws(IntegrityViolation) {
        guard control != 0 else { return }
        // The free paths search the table where the control structure keeps
        // it, over every slot, without its count
        // (`poolSpan(ofBlock:outsideTheLargestIn:)`): it must be there, and
        // every slot past the pools must be padding, which holds no address.
        let tableAddress = control &+ UInt(bitPattern: Self.listControlBytes)
        guard UInt(bitPattern: pools.entries) == tableAddress, pools.capacityLog2 == Configuration.regionCapacityLog2 else {
            throw IntegrityViolation("TLSF", "the region table is not where the free paths search it", at: tableAddress)
        }
        for slot in pools.count ..< Self.maximumPoolCount where pools[slot].start != TLSFPool.padding.start {
            throw IntegrityViolation(
                "TLSF", "a slot past the pools holds a region",
                at: tableAddress &+ UInt(bitPattern: slot &* MemoryLayout<TLSFPool>.stride))
        }
        let granule = UInt(bitPattern: Self.granularity)
        let minimum = UInt(bitPattern: Self.minimumBlockSize)
        var used: UInt = 0, free: UInt = 0, freeInPools = 0, total: UInt = 0
        for index in 0 ..< pools.count {
            let pool = pools[index]
            if index > 0, pools[index - 1].end > pool.start { throw IntegrityViolation("TLSF", "pools overlap or are out of order", at: pool.start) }
            guard pool.start <= pool.first, pool.first < pool.sentinel, pool.sentinel <= pool.end,
                  pool.end &- pool.sentinel >= minimum
            else { throw IntegrityViolation("TLSF", "a pool's blocks leave its region", at: pool.start) }
            var block = TLSFBlock(pool.first)
            var previous: UInt = 0
            var previousFree = false
            total &+= pool.sentinel &- pool.first
            while block.address != pool.sentinel {
                let size = block.size
                guard block.address & (granule &- 1) == 0, size >= minimum, size & (granule &- 1) == 0,
                      size <= pool.sentinel &- block.address
                else { throw IntegrityViolation("TLSF", "a block has a bad size", at: block.address) }
                guard block.previousPhysical == previous else {
                    throw IntegrityViolation("TLSF", "a boundary tag does not name the block before", at: block.address)
                }
                guard block.isPreviousFree == previousFree else {
                    throw IntegrityViolation("TLSF", "a previous-free flag disagrees with the block before", at: block.address)
                }
                guard !block.isSentinel else { throw IntegrityViolation("TLSF", "a sentinel inside a pool", at: block.address) }
                if block.isFree {
                    guard !previousFree else { throw IntegrityViolation("TLSF", "two adjacent free blocks were not merged", at: block.address) }
                    guard isListed(block) else { throw IntegrityViolation("TLSF", "a free block is not in its list", at: block.address) }
                    free &+= size
                    freeInPools += 1
                } else {
                    used &+= size
                }
                previous = block.address
                previousFree = block.isFree
                block = block.nextPhysical
            }
            let end = TLSFBlock(pool.sentinel)
            guard end.isSentinel, !end.isFree, end.previousPhysical == previous else {
                throw IntegrityViolation("TLSF", "a sentinel's boundary tag is wrong", at: pool.sentinel)
            }
            guard end.isPreviousFree == previousFree else {
                throw IntegrityViolation("TLSF", "a sentinel's previous-free flag is wrong", at: pool.sentinel)
            }
        }
        try checkLists(freeInPools: freeInPools)
        guard used &+ free == total, Int(bitPattern: total) == managedBytes else {
            throw IntegrityViolation("TLSF", "the blocks do not add up to the pools", at: control)
        }
        guard fastSentinel &- fastFirst == fastGranules &<< Self.granularityLog2,
              (0 ..< pools.count).contains(where: { pools[$0].first == fastFirst && pools[$0].sentinel == fastSentinel })
                  || pools.count == 0
        else { throw IntegrityViolation("TLSF", "the largest-pool filter names no pool", at: fastFirst) }
        guard Int(bitPattern: used) == liveBytes else {
            throw IntegrityViolation("TLSF", "the counters disagree with the blocks", at: control)
        }
    }

    /// Whether `block` is in the list its size maps to.
    func isListed(_ block: TLSFBlock) -> Bool {
        let mapped = Self.freeClass(block.size)
        var entry = head(mapped.firstLevel, mapped.secondLevel)
        var steps = 0
        while entry != 0, steps <= managedBytes, isBlockAddress(entry) {
            if entry == block.address { return true }
            entry = TLSFBlock(entry).nextFree
            steps += 1
        }
        return false
    }

    /// Lists hold free blocks of their class with consistent links; bitmaps
    /// agree with the lists.
    func checkLists(freeInPools: Int) throws(IntegrityViolation) {
        var listed = 0
        let secondLevels = UInt(1) << Self.secondLevelLog2
        for first in 0 ..< UInt(bitPattern: Self.firstLevelCount) {
            let bitmap = secondLevelBitmap(first)
            guard (bitmap != 0) == (firstLevelBitmap & Kernels.bit(first) != 0), bitmap >> secondLevels == 0 else {
                throw IntegrityViolation("TLSF", "a first-level bit disagrees with its second-level word", at: first)
            }
            for second in 0 ..< secondLevels {
                var entry = head(first, second)
                guard (entry != 0) == (bitmap & Kernels.bit(second) != 0) else {
                    throw IntegrityViolation("TLSF", "a second-level bit disagrees with its list", at: first << Self.secondLevelLog2 | second)
                }
                var previous: UInt = 0
                while entry != 0 {
                    guard listed < freeInPools, isBlockAddress(entry) else {
                        throw IntegrityViolation("TLSF", "a list holds more than the free blocks, or an address outside the pools", at: entry)
                    }
                    let block = TLSFBlock(entry)
                    let mapped = Self.freeClass(block.size)
                    guard block.isFree, block.previousFree == previous, mapped.firstLevel == first, mapped.secondLevel == second
                    else { throw IntegrityViolation("TLSF", "a list holds a block that is used, of another class or badly linked", at: entry) }
                    listed += 1
                    previous = entry
                    entry = block.nextFree
                }
            }
        }
        let topLevels = UInt(bitPattern: Self.firstLevelCount)
        if topLevels < UInt(UInt.bitWidth), firstLevelBitmap >> topLevels != 0 {
            throw IntegrityViolation("TLSF", "a first-level bit above the classes is set", at: topLevels)
        }
        guard listed == freeInPools else { throw IntegrityViolation("TLSF", "the lists miss free blocks", at: control) }
    }
}
#endif
