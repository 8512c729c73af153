/// Where an allocator keeps the bookkeeping that does not fit in its own
/// struct: its region table, and per region the buddy bitmaps, the slab
/// descriptors and live bits, or the bitmap allocators' leaves and run trees.
///
/// - `carved`: from the memory the allocator manages. Each region given
///   starts with its own bookkeeping (and, when the table grows, the region
///   table); the rest of it is managed. No heap is needed at all, so the
///   allocator can be a kernel's first allocator. Only for memory the program
///   can touch.
/// - `buffer(_:)`: from a buffer the caller passes in (a static array, say) and
///   keeps alive and untouched for the allocator's life, taken in order; an
///   `addMemory` whose bookkeeping no longer fits throws `.noMemory` and
///   changes nothing. No heap either.
/// - `platform`: from the platform allocator (`UnsafeMutableRawPointer.allocate`),
///   freed with the allocator: the hosted default of the page and ID
///   allocators, whose regions may be addresses the program cannot touch.
///
/// TLSF needs none of these: its control structure and region table are
/// carved from the start of the region given to `initialize`.
///
/// Evidence: `BookkeepingStorageTests` (every allocator over carved and
/// caller-provided storage with the platform allocator made to trap), and the
/// model-checked runs over all three sources.
@frozen
public struct BookkeepingStorage: Sendable, Equatable {
    @usableFromInline
    enum Source: Sendable, Equatable {
        case carved
        case buffer(start: UInt, end: UInt)
        case platform
    }

    @usableFromInline let source: Source

    @inlinable
    init(_ source: Source) { self.source = source }

    /// Bookkeeping carved from the start of each region given.
    @inlinable
    public static var carved: BookkeepingStorage { BookkeepingStorage(.carved) }

    /// Bookkeeping taken from `buffer`, which the caller keeps alive and
    /// untouched for as long as the allocator exists.
    @inlinable
    public static func buffer(_ buffer: UnsafeMutableRawBufferPointer) -> BookkeepingStorage {
        let start = UInt(bitPattern: buffer.baseAddress)
        return BookkeepingStorage(.buffer(start: start, end: start &+ UInt(buffer.count)))
    }

    /// Bookkeeping from the platform allocator, freed with the allocator.
    @inlinable
    public static var platform: BookkeepingStorage { BookkeepingStorage(.platform) }

    /// Whether bookkeeping comes from the managed memory itself.
    @inlinable
    public var isCarved: Bool { source == .carved }
}

/// Where one piece of bookkeeping goes, decided before anything changes
/// (`BookkeepingArena.place`) and taken once every other check has passed
/// (`BookkeepingArena.take`), so a refused region changes nothing.
@frozen @usableFromInline
struct BookkeepingPlacement {
    /// Where the bytes go (0 for platform storage, allocated when taken).
    @usableFromInline let address: UInt
    @usableFromInline let byteCount: Int
    @usableFromInline let alignment: Int
    /// Where the managed part of the region starts: after the carved bytes,
    /// or the region's start when nothing is carved.
    @usableFromInline let managedStart: UInt
}

/// The bookkeeping memory an allocator has taken from its `BookkeepingStorage`.
///
/// Carved and buffer memory is never given back (it is the caller's); platform
/// memory is freed by `release()`, which the owner's `deinit` calls. Platform
/// chunks are linked through a word just before each one, so the arena needs
/// no table of its own.
@frozen @usableFromInline
struct BookkeepingArena {
    @usableFromInline let storage: BookkeepingStorage
    /// Buffer storage: the next free byte.
    @usableFromInline var cursor: UInt
    /// Platform storage: the chunk taken last (0 when none); each chunk's
    /// link word names the one taken before.
    @usableFromInline var lastChunk: UInt

    @inlinable
    init(_ storage: BookkeepingStorage) {
        self.storage = storage
        lastChunk = 0
        if case .buffer(let start, _) = storage.source { cursor = start } else { cursor = 0 }
    }

    /// Where `byteCount` bytes aligned to `alignment` (a power of two) go for
    /// the region `start ..< end` being added; nil when they do not fit (a
    /// region too small to carve them from, or an exhausted buffer). Changes
    /// nothing.
    ///
    /// - Complexity: O(1).
    @usableFromInline
    func place(byteCount: Int, alignment: Int, regionStart start: UInt, regionEnd end: UInt) -> BookkeepingPlacement? {
        precondition(byteCount >= 0 && alignment > 0 && alignment & (alignment &- 1) == 0)
        let bytes = UInt(bitPattern: byteCount)
        switch storage.source {
        case .carved:
            guard byteCount > 0 else { return BookkeepingPlacement(address: start, byteCount: 0, alignment: alignment, managedStart: start) }
            let at = Kernels.alignUp(start, to: UInt(bitPattern: alignment))
            guard !at.overflow, at.value <= end, bytes <= end &- at.value else { return nil }
            return BookkeepingPlacement(address: at.value, byteCount: byteCount, alignment: alignment, managedStart: at.value &+ bytes)
        case .buffer(_, let limit):
            let at = Kernels.alignUp(cursor, to: UInt(bitPattern: alignment))
            guard !at.overflow, at.value <= limit, bytes <= limit &- at.value else { return nil }
            return BookkeepingPlacement(address: at.value, byteCount: byteCount, alignment: alignment, managedStart: start)
        case .platform:
            return BookkeepingPlacement(address: 0, byteCount: byteCount, alignment: alignment, managedStart: start)
        }
    }

    /// Takes the bytes of `placement` (from `place`, with no other change in
    /// between) and returns them, uninitialized.
    ///
    /// - Complexity: O(1).
    @usableFromInline
    mutating func take(_ placement: BookkeepingPlacement) -> UnsafeMutableRawPointer {
        switch storage.source {
        case .carved:
            return UnsafeMutableRawPointer(bitPattern: placement.address).unsafelyUnwrapped
        case .buffer:
            cursor = placement.address &+ UInt(bitPattern: placement.byteCount)
            return UnsafeMutableRawPointer(bitPattern: placement.address).unsafelyUnwrapped
        case .platform:
            // Two words in front (padded to the alignment): the chunk's start
            // and the bytes of the chunk taken before.
            let word = MemoryLayout<UInt>.size
            let front = Swift.max(placement.alignment, 2 * word)
            let chunk = UnsafeMutableRawPointer.allocate(byteCount: front + Swift.max(placement.byteCount, 1), alignment: front)
            let bytes = chunk + front
            (bytes - 2 * word).storeBytes(of: UInt(bitPattern: chunk), as: UInt.self)
            (bytes - word).storeBytes(of: lastChunk, as: UInt.self)
            lastChunk = UInt(bitPattern: bytes)
            return bytes
        }
    }

    /// Frees the platform chunks; carved and buffer memory stays the caller's.
    ///
    /// - Complexity: O(chunks).
    @usableFromInline
    mutating func release() {
        let word = MemoryLayout<UInt>.size
        var bytes = lastChunk
        while let pointer = UnsafeMutableRawPointer(bitPattern: bytes) {
            let chunk = (pointer - 2 * word).load(as: UInt.self)
            bytes = (pointer - word).load(as: UInt.self)
            UnsafeMutableRawPointer(bitPattern: chunk).unsafelyUnwrapped.deallocate()
        }
        lastChunk = 0
    }
}
