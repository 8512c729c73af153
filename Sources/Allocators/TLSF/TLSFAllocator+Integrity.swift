/// The first inconsistency `TLSFAllocator.checkIntegrity()` finds, with the
/// address of the block (or the class) concerned.
public enum TLSFIntegrityError: Error, Equatable, Sendable {
    /// A block is not aligned to G, is smaller than the minimum block, or
    /// runs past its pool's sentinel.
    case badBlockSize(block: UInt)
    /// A block's `previousPhysical` tag does not name the block before it.
    case brokenBoundaryTag(block: UInt)
    /// A block's previous-free flag disagrees with the block before it.
    case wrongPreviousFreeFlag(block: UInt)
    /// Two physically adjacent free blocks: a merge was missed.
    case adjacentFreeBlocks(block: UInt)
    /// A free block is not in the list its size maps to.
    case freeBlockNotListed(block: UInt)
    /// A list holds a block that is used, or belongs to another class, or
    /// whose links disagree.
    case badListEntry(firstLevel: Int, secondLevel: Int, block: UInt)
    /// A bitmap bit disagrees with whether its list (or level) is empty.
    case bitmapMismatch(firstLevel: Int, secondLevel: Int)
    /// The lists hold a different number of blocks than the pools.
    case freeCountMismatch(listed: Int, inPools: Int)
    /// The block sizes do not add up to the pool, or the counters disagree
    /// with the blocks.
    case wrongTotals(used: Int, free: Int)
}

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
    /// Calls `body` with every block of every pool, in address order within
    /// a pool, most recently added pool first.
    ///
    /// - Complexity: O(blocks).
    public func walkBlocks(_ body: (TLSFBlockInfo) -> Void) {
        var sentinel = lastPoolSentinel
        while sentinel != 0 {
            let end = TLSFBlock(sentinel)
            var block = TLSFBlock(end.nextFree)
            while block.address < sentinel, block.size != 0 {
                body(TLSFBlockInfo(
                    address: block.address, size: Int(bitPattern: block.size), isFree: block.isFree,
                    payload: block.address &+ UInt(bitPattern: Self.granularity)))
                block = block.nextPhysical
            }
            sentinel = end.previousFree
        }
    }

    /// Checks every invariant: physical blocks tile each pool exactly, tags
    /// and flags agree with neighbours, no two free blocks are adjacent, each
    /// free block is in the list its size maps to, the lists hold only such
    /// blocks, bitmaps agree with the lists, and the counters with the blocks.
    ///
    /// - Complexity: O(blocks × longest free list).
    public func checkIntegrity() throws(TLSFIntegrityError) {
        guard control != 0 else { return }
        let granule = UInt(bitPattern: Self.granularity)
        let minimum = UInt(bitPattern: Self.minimumBlockSize)
        var used: UInt = 0, free: UInt = 0, freeInPools = 0, total: UInt = 0
        var sentinel = lastPoolSentinel
        while sentinel != 0 {
            let end = TLSFBlock(sentinel)
            var block = TLSFBlock(end.nextFree)
            var previous: UInt = 0
            var previousFree = false
            total &+= sentinel &- block.address
            while block.address != sentinel {
                let size = block.size
                guard block.address & (granule &- 1) == 0, size >= minimum, size & (granule &- 1) == 0,
                      size <= sentinel &- block.address
                else { throw .badBlockSize(block: block.address) }
                guard block.previousPhysical == previous else { throw .brokenBoundaryTag(block: block.address) }
                guard block.isPreviousFree == previousFree else { throw .wrongPreviousFreeFlag(block: block.address) }
                if block.isFree {
                    guard !previousFree else { throw .adjacentFreeBlocks(block: block.address) }
                    guard isListed(block) else { throw .freeBlockNotListed(block: block.address) }
                    free &+= size
                    freeInPools += 1
                } else {
                    used &+= size
                }
                previous = block.address
                previousFree = block.isFree
                block = block.nextPhysical
            }
            guard end.previousPhysical == previous else { throw .brokenBoundaryTag(block: sentinel) }
            guard end.isPreviousFree == previousFree else { throw .wrongPreviousFreeFlag(block: sentinel) }
            sentinel = end.previousFree
        }
        try checkLists(freeInPools: freeInPools)
        guard used &+ free == total, Int(bitPattern: total) == managedBytes, Int(bitPattern: used) == liveBytes,
              freeInPools == freeBlockCount
        else { throw .wrongTotals(used: Int(bitPattern: used), free: Int(bitPattern: free)) }
    }

    /// Whether `block` is in the list its size maps to.
    func isListed(_ block: TLSFBlock) -> Bool {
        let mapped = Kernels.tlsfMappingInsert(block.size, secondLevelLog2: Self.secondLevelLog2, granularityLog2: Self.granularityLog2)
        var entry = head(mapped.firstLevel, mapped.secondLevel)
        var steps = 0
        while entry != 0, steps <= freeBlockCount {
            if entry == block.address { return true }
            entry = TLSFBlock(entry).nextFree
            steps += 1
        }
        return false
    }

    /// Lists hold free blocks of their class with consistent links; bitmaps
    /// agree with the lists.
    func checkLists(freeInPools: Int) throws(TLSFIntegrityError) {
        var listed = 0
        let secondLevels = UInt(1) << Self.secondLevelLog2
        for first in 0 ..< UInt(bitPattern: Self.firstLevelCount) {
            let bitmap = secondLevelBitmap(first)
            guard (bitmap != 0) == (firstLevelBitmap & Kernels.bit(first) != 0), bitmap >> secondLevels == 0 else {
                throw .bitmapMismatch(firstLevel: Int(first), secondLevel: -1)
            }
            for second in 0 ..< secondLevels {
                var entry = head(first, second)
                guard (entry != 0) == (bitmap & Kernels.bit(second) != 0) else {
                    throw .bitmapMismatch(firstLevel: Int(first), secondLevel: Int(second))
                }
                var previous: UInt = 0
                while entry != 0 {
                    let block = TLSFBlock(entry)
                    let mapped = Kernels.tlsfMappingInsert(block.size, secondLevelLog2: Self.secondLevelLog2, granularityLog2: Self.granularityLog2)
                    guard listed < freeInPools, block.isFree, block.previousFree == previous,
                          mapped.firstLevel == first, mapped.secondLevel == second
                    else { throw .badListEntry(firstLevel: Int(first), secondLevel: Int(second), block: entry) }
                    listed += 1
                    previous = entry
                    entry = block.nextFree
                }
            }
        }
        let topLevels = UInt(bitPattern: Self.firstLevelCount)
        if topLevels < UInt(UInt.bitWidth), firstLevelBitmap >> topLevels != 0 {
            throw .bitmapMismatch(firstLevel: Int(topLevels), secondLevel: -1)
        }
        guard listed == freeInPools else { throw .freeCountMismatch(listed: listed, inPools: freeInPools) }
    }
}
