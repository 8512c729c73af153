import Allocators
import AllocatorsBenchKit
#if canImport(Glibc)
import Glibc
#endif

/// A tiny first-fit byte allocator (sorted free list in an array), only to prove
/// the backend layer until the package's own allocators land.
struct FirstFitByteAllocator: ByteAllocator, ~Copyable {
    private var free: [(start: UInt, end: UInt)] = []
    private var live: [UInt: UInt] = [:] // start -> end
    private(set) var totalBytes = 0
    private(set) var usedBytes = 0
    var availableBytes: Int { totalBytes - usedBytes }
    func manages(_ address: UInt) -> Bool { false }
    func checkIntegrity() throws(IntegrityViolation) {}

    init() {}

    mutating func initialize(start: UInt, size: Int) throws(AllocError) {
        guard size > 0, totalBytes == 0 else { throw .invalidParam }
        try addMemory(start: start, size: size)
    }

    mutating func addMemory(start: UInt, size: Int) throws(AllocError) {
        guard size > 0 else { throw .invalidParam }
        let end = start &+ UInt(size)
        guard end > start else { throw .invalidParam }
        if free.contains(where: { $0.start < end && start < $0.end }) || live.contains(where: { $0.key < end && start < $0.value }) {
            throw .memoryOverlap
        }
        insertFree(start, end)
        totalBytes += size
    }

    mutating func allocate(byteCount: Int, alignment: Int) throws(AllocError) -> UnsafeMutableRawPointer {
        guard byteCount >= 0, alignment > 0, alignment & (alignment - 1) == 0 else { throw .invalidParam }
        let n = UInt(max(byteCount, 1))
        let mask = UInt(alignment) - 1
        for i in free.indices {
            let (lower, upper) = free[i]
            let s = (lower + mask) & ~mask
            guard s >= lower, s + n <= upper else { continue }
            free.remove(at: i)
            if s + n < upper { free.insert((s + n, upper), at: i) }
            if lower < s { free.insert((lower, s), at: i) }
            live[s] = s + n
            usedBytes += Int(n)
            return UnsafeMutableRawPointer(bitPattern: s)!
        }
        throw .noMemory
    }

    mutating func deallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) {
        do { try tryDeallocate(pointer, byteCount: byteCount, alignment: alignment) } catch { preconditionFailure("\(error)") }
    }

    mutating func tryDeallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) throws(AllocError) {
        let s = UInt(bitPattern: pointer)
        guard let end = live[s], end - s == UInt(max(byteCount, 1)) else { throw .notAllocated }
        live[s] = nil
        usedBytes -= Int(end - s)
        insertFree(s, end)
    }

    private mutating func insertFree(_ start: UInt, _ end: UInt) {
        var i = free.firstIndex { $0.start > start } ?? free.count
        free.insert((start, end), at: i)
        if i + 1 < free.count, free[i].end == free[i + 1].start {
            free[i].end = free[i + 1].end
            free.remove(at: i + 1)
        }
        if i > 0, free[i - 1].end == free[i].start {
            free[i - 1].end = free[i].end
            free.remove(at: i)
            i -= 1
        }
    }
}

/// A tiny first-fit page allocator over a `[Bool]`, to prove the page backend.
struct FirstFitPageAllocator: PageAllocator, ~Copyable {
    static var pageSize: Int { 4096 }
    private var base: UInt = 0
    private var used: [Bool] = []
    private(set) var usedPages = 0
    var totalPages: Int { used.count }
    var availablePages: Int { totalPages - usedPages }
    func manages(_ address: UInt) -> Bool { false }
    func checkIntegrity() throws(IntegrityViolation) {}

    init() {}

    mutating func initialize(start: UInt, size: Int) throws(AllocError) {
        guard used.isEmpty, start % UInt(Self.pageSize) == 0, size >= Self.pageSize else { throw .invalidParam }
        base = start
        used = Array(repeating: false, count: size / Self.pageSize)
    }

    mutating func addMemory(start: UInt, size: Int) throws(AllocError) { throw .invalidParam }

    mutating func allocatePages(count: Int, alignment: Int) throws(AllocError) -> UInt {
        guard count > 0, alignment >= Self.pageSize, alignment & (alignment - 1) == 0 else { throw .invalidParam }
        let step = alignment / Self.pageSize
        let first = Int((((base + UInt(alignment) - 1) & ~(UInt(alignment) - 1)) - base) / UInt(Self.pageSize))
        var i = first
        while i + count <= used.count {
            if !used[i ..< i + count].contains(true) {
                for j in i ..< i + count { used[j] = true }
                usedPages += count
                return base + UInt(i * Self.pageSize)
            }
            i += step
        }
        throw .noMemory
    }

    mutating func allocatePages(at address: UInt, count: Int, alignment: Int) throws(AllocError) -> UInt {
        guard address % UInt(alignment) == 0, address >= base else { throw .invalidParam }
        let i = Int((address - base) / UInt(Self.pageSize))
        guard i + count <= used.count, !used[i ..< i + count].contains(true) else { throw .noMemory }
        for j in i ..< i + count { used[j] = true }
        usedPages += count
        return address
    }

    mutating func deallocatePages(at address: UInt, count: Int) {
        do { try tryDeallocatePages(at: address, count: count) } catch { preconditionFailure("\(error)") }
    }

    mutating func tryDeallocatePages(at address: UInt, count: Int) throws(AllocError) {
        guard address >= base else { throw .notAllocated }
        let i = Int((address - base) / UInt(Self.pageSize))
        guard i + count <= used.count, !used[i ..< i + count].contains(false) else { throw .notAllocated }
        for j in i ..< i + count { used[j] = false }
        usedPages -= count
    }
}

/// A deliberately bad backend: bump allocation from a buffer of its own that
/// misaligns every `misalignEvery`-th aligned result by one byte, or hands out
/// the previous block again every `overlapEvery`-th time. Frees do nothing.
struct BadBumpBackend: ReplayBackend, ~Copyable {
    let buffer: UnsafeMutableRawPointer
    let size: Int
    var offset = 0
    var count = 0
    var previous: UnsafeMutableRawPointer?
    let misalignEvery: Int
    let overlapEvery: Int

    init(size: Int = 64 << 20, misalignEvery: Int = 0, overlapEvery: Int = 0) {
        buffer = .allocate(byteCount: size, alignment: 4096)
        self.size = size
        self.misalignEvery = misalignEvery
        self.overlapEvery = overlapEvery
    }

    deinit { buffer.deallocate() }

    var poolRange: Range<UInt>? { UInt(bitPattern: buffer) ..< UInt(bitPattern: buffer) + UInt(size) }

    mutating func allocate(byteCount: Int, alignment: Int) -> UnsafeMutableRawPointer? {
        count += 1
        if overlapEvery > 0, count % overlapEvery == 0, let previous { return previous }
        var start = (offset + alignment - 1) & ~(alignment - 1)
        if misalignEvery > 0, count % misalignEvery == 0, alignment > 1 { start += 1 }
        guard start + byteCount + 1 <= size else { return nil }
        offset = start + byteCount
        previous = buffer + start
        return buffer + start
    }

    mutating func deallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) {}
}
