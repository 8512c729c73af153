import Allocators

/// A page allocator with one deliberate bug, wrapped around a correct one:
/// the model-checked tests must catch each of these.
public struct PlantedBugPageAllocator<Base: PageAllocator & ~Copyable>: PageAllocator, ~Copyable {
    public enum Bug: Sendable, CaseIterable, CustomStringConvertible {
        /// Ignores the alignment of single-page requests (a peer's bug).
        case misalignedSinglePage
        /// A free gives back every page of the run but the last.
        case leaksAPageOnFree
        /// Throws `.noMemory` for runs of three pages or more while pages are in use.
        case noMemoryWhileFree
        /// Returns the second-lowest fitting run when it can.
        case notFirstFit
        /// Accepts a double free silently instead of `.notAllocated`.
        case acceptsDoubleFree

        public var description: String {
            switch self {
            case .misalignedSinglePage: "misalignedSinglePage"
            case .leaksAPageOnFree: "leaksAPageOnFree"
            case .noMemoryWhileFree: "noMemoryWhileFree"
            case .notFirstFit: "notFirstFit"
            case .acceptsDoubleFree: "acceptsDoubleFree"
            }
        }

        /// Words the model's report of this bug contains.
        public var expectedReport: String {
            switch self {
            case .misalignedSinglePage: "not aligned"
            case .leaksAPageOnFree: "used"
            case .noMemoryWhileFree: "lost memory"
            case .notFirstFit: "not first fit"
            case .acceptsDoubleFree: "was accepted"
            }
        }
    }

    public var base: Base
    public let bug: Bug

    public init(_ base: consuming Base, bug: Bug) {
        self.base = base
        self.bug = bug
    }

    public static var pageSize: Int { Base.pageSize }
    public var totalPages: Int { base.totalPages }
    public var usedPages: Int { base.usedPages }
    public var availablePages: Int { base.availablePages }
    public func manages(_ address: UInt) -> Bool { base.manages(address) }
    public func checkIntegrity() throws(IntegrityViolation) { try base.checkIntegrity() }

    public mutating func initialize(start: UInt, size: Int) throws(AllocError) { try base.initialize(start: start, size: size) }
    public mutating func addMemory(start: UInt, size: Int) throws(AllocError) { try base.addMemory(start: start, size: size) }

    public mutating func allocatePages(count: Int, alignment: Int) throws(AllocError) -> UInt {
        switch bug {
        case .misalignedSinglePage where count == 1 && alignment > Self.pageSize:
            return try base.allocatePages(count: 1, alignment: Self.pageSize)
        case .noMemoryWhileFree where count >= 3 && base.usedPages > 0:
            throw .noMemory
        case .notFirstFit:
            // Take the lowest run, then try for the next one and give the lowest back.
            let first = try base.allocatePages(count: count, alignment: alignment)
            guard let second = try? base.allocatePages(count: count, alignment: alignment) else { return first }
            base.deallocatePages(at: first, count: count)
            return second
        default:
            return try base.allocatePages(count: count, alignment: alignment)
        }
    }

    public mutating func allocatePages(at address: UInt, count: Int, alignment: Int) throws(AllocError) -> UInt {
        try base.allocatePages(at: address, count: count, alignment: alignment)
    }

    public mutating func deallocatePages(at address: UInt, count: Int) {
        do throws(AllocError) { try tryDeallocatePages(at: address, count: count) } catch { fatalError("bad free") }
    }

    public mutating func tryDeallocatePages(at address: UInt, count: Int) throws(AllocError) {
        switch bug {
        case .leaksAPageOnFree:
            if count > 1 { try base.tryDeallocatePages(at: address, count: count - 1) }
        case .acceptsDoubleFree:
            try? base.tryDeallocatePages(at: address, count: count)
        default:
            try base.tryDeallocatePages(at: address, count: count)
        }
    }
}

/// The ID allocator seen as a page allocator of one-byte pages, so the same
/// model checker checks it (IDs are the addresses).
public struct IDsAsPages: PageAllocator, ~Copyable {
    public var ids: BitmapIDAllocator

    public init(bookkeeping: BookkeepingStorage = .platform) { ids = BitmapIDAllocator(bookkeeping: bookkeeping) }

    public static var pageSize: Int { 1 }
    public var totalPages: Int { ids.capacity }
    public var usedPages: Int { ids.usedIDs }
    public var availablePages: Int { ids.availableIDs }
    public func manages(_ address: UInt) -> Bool { ids.manages(address) }
    public func checkIntegrity() throws(IntegrityViolation) { try ids.checkIntegrity() }

    public mutating func initialize(start: UInt, size: Int) throws(AllocError) { try ids.initialize(start: start, size: size) }
    public mutating func addMemory(start: UInt, size: Int) throws(AllocError) { try ids.addMemory(start: start, size: size) }

    public mutating func allocatePages(count: Int, alignment: Int) throws(AllocError) -> UInt {
        UInt(try ids.allocateIDs(count: count, alignment: alignment))
    }

    public mutating func allocatePages(at address: UInt, count: Int, alignment: Int) throws(AllocError) -> UInt {
        guard count >= 1, Kernels.isPowerOfTwo(UInt(bitPattern: alignment)), Kernels.isAligned(address, to: UInt(alignment)),
              address <= UInt(Int.max) else { throw .invalidParam }
        if count == 1 {
            do throws(AllocError) { try ids.allocateFixedID(Int(address)) } catch {
                throw error == .invalidParam ? .noMemory : error
            }
        } else {
            try ids.allocateIDs(at: Int(address), count: count)
        }
        return address
    }

    public mutating func deallocatePages(at address: UInt, count: Int) { ids.deallocateIDs(start: Int(address), count: count) }

    public mutating func tryDeallocatePages(at address: UInt, count: Int) throws(AllocError) {
        guard address <= UInt(Int.max) else { throw .notAllocated }
        try ids.tryDeallocateIDs(start: Int(address), count: count)
    }
}
