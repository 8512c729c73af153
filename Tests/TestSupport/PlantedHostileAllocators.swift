import Allocators

// Planted bugs for the hostile-input checks that the `PlantedBugAllocator`
// wrappers cannot show in every allocator's own model runs (which may have
// no holes, and never trap on purpose): frees that mishandle pointers in
// holes, an allocator that follows forged free-list links, and a page
// allocator that accepts frees between its regions.

/// A byte allocator whose frees mishandle pointers between its regions,
/// forwarding everything else to `base`:
/// - `readsBeforeItsRegionCheck`: reads the word before the pointer before
///   any region check (as a header-reading allocator without a region table
///   does): a free in an unmapped hole faults, which the hostile tests
///   observe as a crash in an exit test;
/// - `acceptsFreesBetweenRegions`: reports success for a pointer between its
///   lowest and highest region that no region holds.
public struct PlantedHoleBugAllocator<Base: ByteAllocator & ~Copyable>: ByteAllocator, ~Copyable {
    public enum Bug: Sendable { case readsBeforeItsRegionCheck, acceptsFreesBetweenRegions }

    public var base: Base
    public let bug: Bug
    var span = RegionSpan()
    /// The last word read, kept so the read is not optimized away.
    public private(set) var lastHeader: UInt = 0

    public init(_ base: consuming Base, bug: Bug) {
        self.base = base
        self.bug = bug
    }

    public mutating func initialize(start: UInt, size: Int) throws(AllocError) { try span.give(&base, start: start, size: size, initial: true) }
    public mutating func addMemory(start: UInt, size: Int) throws(AllocError) { try span.give(&base, start: start, size: size, initial: false) }

    public mutating func allocate(byteCount: Int, alignment: Int) throws(AllocError) -> UnsafeMutableRawPointer {
        try base.allocate(byteCount: byteCount, alignment: alignment)
    }

    public mutating func deallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) {
        do throws(AllocError) { try tryDeallocate(pointer, byteCount: byteCount, alignment: alignment) } catch {
            preconditionFailure("PlantedHoleBugAllocator: not a live block")
        }
    }

    public mutating func tryDeallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) throws(AllocError) {
        let address = UInt(bitPattern: pointer)
        switch bug {
        case .readsBeforeItsRegionCheck:
            if let word = UnsafePointer<UInt>(bitPattern: address & ~UInt(7) &- 16) { lastHeader = word.pointee }
        case .acceptsFreesBetweenRegions:
            if span.isBetweenRegions(address, manages: { base.manages($0) }) { return }
        }
        try base.tryDeallocate(pointer, byteCount: byteCount, alignment: alignment)
    }

    public var totalBytes: Int { base.totalBytes }
    public var usedBytes: Int { base.usedBytes }
    public var availableBytes: Int { base.availableBytes }
    public func manages(_ address: UInt) -> Bool { base.manages(address) }
    public func checkIntegrity() throws(IntegrityViolation) { try base.checkIntegrity() }
}

/// A byte allocator with a naive cache in front of `base`: freed blocks of
/// at least a word are pushed on an intrusive list per (size, alignment),
/// their link in their first word, and popped by later requests of the same
/// shape without any check of the link. A use-after-free write over a
/// cached block's first word makes it hand out the forged address: the
/// hostile model check must report it. Frees are validated exactly (the
/// arguments of a live block only), as `ReferenceByteAllocator` does.
public struct TrustingCacheAllocator<Base: ByteAllocator & ~Copyable>: ByteAllocator, ~Copyable {
    public var base: Base
    struct Shape: Hashable { var byteCount: Int; var alignment: Int }
    /// Live blocks and their cost in the base's `usedBytes`.
    var live: [UInt: (shape: Shape, cost: Int)] = [:]
    /// Cached blocks: list heads per shape, and each block's cost.
    var heads: [Shape: UInt] = [:]
    var cached: [UInt: (shape: Shape, cost: Int)] = [:]
    var cachedBytes = 0

    public init(_ base: consuming Base) { self.base = base }

    public mutating func initialize(start: UInt, size: Int) throws(AllocError) { try base.initialize(start: start, size: size) }
    public mutating func addMemory(start: UInt, size: Int) throws(AllocError) { try base.addMemory(start: start, size: size) }

    public mutating func allocate(byteCount: Int, alignment: Int) throws(AllocError) -> UnsafeMutableRawPointer {
        let shape = Shape(byteCount: byteCount, alignment: alignment)
        if let head = heads[shape], head != 0 {
            // The bug: the link is followed as read.
            heads[shape] = UnsafePointer<UInt>(bitPattern: head)!.pointee
            let cost = cached.removeValue(forKey: head)?.cost ?? Swift.max(byteCount, 1)
            cachedBytes -= cost
            live[head] = (shape, cost)
            return UnsafeMutableRawPointer(bitPattern: head)!
        }
        let before = base.usedBytes
        let pointer: UnsafeMutableRawPointer
        do throws(AllocError) { pointer = try base.allocate(byteCount: byteCount, alignment: alignment) } catch {
            guard error == .noMemory, !cached.isEmpty else { throw error }
            flush()
            return try allocate(byteCount: byteCount, alignment: alignment)
        }
        live[UInt(bitPattern: pointer)] = (shape, base.usedBytes - before)
        return pointer
    }

    /// Gives every cached block back to the base.
    mutating func flush() {
        for (address, block) in cached.sorted(by: { $0.key < $1.key }) {
            try? base.tryDeallocate(UnsafeMutableRawPointer(bitPattern: address)!, byteCount: block.shape.byteCount, alignment: block.shape.alignment)
        }
        cached = [:]
        heads = [:]
        cachedBytes = 0
    }

    public mutating func deallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) {
        do throws(AllocError) { try tryDeallocate(pointer, byteCount: byteCount, alignment: alignment) } catch {
            preconditionFailure("TrustingCacheAllocator: not a live block")
        }
    }

    public mutating func tryDeallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) throws(AllocError) {
        let address = UInt(bitPattern: pointer)
        let shape = Shape(byteCount: byteCount, alignment: alignment)
        guard let block = live[address], block.shape == shape else { throw .notAllocated }
        live[address] = nil
        guard byteCount >= MemoryLayout<UInt>.size, address % UInt(MemoryLayout<UInt>.alignment) == 0 else {
            try base.tryDeallocate(pointer, byteCount: byteCount, alignment: alignment)
            return
        }
        UnsafeMutablePointer<UInt>(bitPattern: address)!.pointee = heads[shape] ?? 0
        heads[shape] = address
        cached[address] = block
        cachedBytes += block.cost
    }

    public var totalBytes: Int { base.totalBytes }
    public var usedBytes: Int { base.usedBytes - cachedBytes }
    public var availableBytes: Int { base.availableBytes + cachedBytes }
    public func manages(_ address: UInt) -> Bool { base.manages(address) }
    public func checkIntegrity() throws(IntegrityViolation) { try base.checkIntegrity() }
}

/// A page allocator that reports success for a free of pages starting
/// between its lowest and highest region where no region is: the hole steps
/// of the page model check must catch it.
public struct HoleAcceptingPageAllocator<Base: PageAllocator & ~Copyable>: PageAllocator, ~Copyable {
    public var base: Base
    var span = RegionSpan()

    public init(_ base: consuming Base) { self.base = base }

    public static var pageSize: Int { Base.pageSize }
    public var totalPages: Int { base.totalPages }
    public var usedPages: Int { base.usedPages }
    public var availablePages: Int { base.availablePages }
    public func manages(_ address: UInt) -> Bool { base.manages(address) }
    public func checkIntegrity() throws(IntegrityViolation) { try base.checkIntegrity() }

    public mutating func initialize(start: UInt, size: Int) throws(AllocError) { try span.give(&base, start: start, size: size, initial: true) }
    public mutating func addMemory(start: UInt, size: Int) throws(AllocError) { try span.give(&base, start: start, size: size, initial: false) }

    public mutating func allocatePages(count: Int, alignment: Int) throws(AllocError) -> UInt {
        try base.allocatePages(count: count, alignment: alignment)
    }

    public mutating func allocatePages(at address: UInt, count: Int, alignment: Int) throws(AllocError) -> UInt {
        try base.allocatePages(at: address, count: count, alignment: alignment)
    }

    public mutating func deallocatePages(at address: UInt, count: Int) {
        do throws(AllocError) { try tryDeallocatePages(at: address, count: count) } catch { fatalError("bad free") }
    }

    public mutating func tryDeallocatePages(at address: UInt, count: Int) throws(AllocError) {
        if span.isBetweenRegions(address, manages: { base.manages($0) }) { return }
        try base.tryDeallocatePages(at: address, count: count)
    }
}
