extension GlobalAllocator: ByteAllocator where Bytes: ~Copyable, Pages: ~Copyable, Lock: ~Copyable {
    /// Carves the allocator's state from the start of the region, gives the
    /// rest to the page allocator, and starts the byte heap with
    /// `firstChunkPages` pages when they fit (else at the first allocation).
    ///
    /// Throws by the region rule of `BaseAllocator` (the page allocator's
    /// refusals are passed on), `.invalidParam` when the region cannot hold
    /// the state or the allocator is initialized already; nothing changes then.
    public mutating func initialize(start: UInt, size: Int) throws(AllocError) {
        guard let end = regionEnd(start: start, size: size) else { throw .invalidParam }
        if let state {
            if state.pointee.carvedStart < end && start < state.pointee.carvedEnd || state.pointee.pages.manages(start) {
                throw .memoryOverlap
            }
            throw .invalidParam
        }
        typealias State = GlobalAllocatorState<Bytes, Pages>
        let at = Kernels.alignUp(start, to: UInt(bitPattern: MemoryLayout<State>.alignment))
        let stateBytes = UInt(bitPattern: MemoryLayout<State>.size)
        guard !at.overflow, at.value <= end, stateBytes < end &- at.value else { throw .invalidParam }
        let rest = at.value &+ stateBytes
        try pending!.pages.initialize(start: rest, size: Int(bitPattern: end &- rest))
        let pointer = UnsafeMutablePointer<State>(bitPattern: at.value).unsafelyUnwrapped
        pointer.initialize(to: pending.take()!)
        pointer.pointee.carvedStart = start
        pointer.pointee.carvedEnd = rest
        state = pointer
        // The first chunk, when the pages have it; else the first allocation grows the heap.
        try? pointer.pointee.grow(serving: 0, alignment: 1)
        checkInvariants()
    }

    /// Gives the page allocator another region (an allocator with no memory
    /// yet is initialized with it). Throws by the region rule of
    /// `BaseAllocator`; nothing changes then.
    public mutating func addMemory(start: UInt, size: Int) throws(AllocError) {
        guard let state else { return try initialize(start: start, size: size) }
        guard let end = regionEnd(start: start, size: size) else { throw .invalidParam }
        if state.pointee.carvedStart < end && start < state.pointee.carvedEnd { throw .memoryOverlap }
        try lock.withLock { () throws(AllocError) in try state.pointee.pages.addMemory(start: start, size: size) }
        checkInvariants()
    }

    /// Whether `address` lies in a region given (the carved state included).
    public func manages(_ address: UInt) -> Bool {
        guard let state else { return false }
        return lock.withLock {
            (address >= state.pointee.carvedStart && address < state.pointee.carvedEnd) || state.pointee.pages.manages(address)
        }
    }

    /// Allocates `byteCount` bytes aligned to `alignment`: from the byte heap
    /// below `directPageThreshold` (growing it from the pages once on
    /// `.noMemory`), as a run of whole pages at or above it.
    ///
    /// Throws `.invalidParam` for a malformed request, `.noMemory` when
    /// neither the heap nor the pages can serve it; nothing changes then.
    ///
    /// - Complexity: that of `Bytes.allocate`, plus a page allocation and an
    ///   `addMemory` when the heap grows; a direct run: that of
    ///   `Pages.allocatePages` plus O(runs) for its record.
    @inlinable
    public func allocate(byteCount: Int, alignment: Int) throws(AllocError) -> UnsafeMutableRawPointer {
        guard byteCount >= 0, alignment > 0, Kernels.isPowerOfTwo(UInt(bitPattern: alignment)) else { throw .invalidParam }
        guard let state else { throw .noMemory }
        let pointer = try lock.withLock { () throws(AllocError) -> UnsafeMutableRawPointer in
            try state.pointee.allocate(byteCount: byteCount, alignment: alignment)
        }
        checkInvariants()
        return pointer
    }

    /// Frees a block with the size and alignment it was allocated with;
    /// traps, changing nothing, on anything `tryDeallocate` refuses.
    @inlinable
    public func deallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) {
        guard let state, lock.withLock({ state.pointee.release(pointer, byteCount: byteCount, alignment: alignment) }) else {
            fatalError("GlobalAllocator: deallocating memory that is not a live block of this size and alignment")
        }
        checkInvariants()
    }

    /// Frees like `deallocate`, or throws `.notAllocated` and changes nothing.
    /// Detected: what `Bytes.tryDeallocate` detects for heap blocks; for a
    /// size at or above the threshold, any pointer that is not the start of a
    /// direct run, and any size of another page count.
    @inlinable
    public func tryDeallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) throws(AllocError) {
        guard let state, lock.withLock({ state.pointee.release(pointer, byteCount: byteCount, alignment: alignment) }) else {
            throw .notAllocated
        }
        checkInvariants()
    }

    /// The page allocator's pages, in bytes: everything managed.
    public var totalBytes: Int {
        guard let state else { return 0 }
        return lock.withLock { state.pointee.pages.totalPages &* Pages.pageSize }
    }

    /// The byte heap's used bytes (its own bookkeeping left out), the
    /// direct runs' pages and the pages from `allocatePages`.
    public var usedBytes: Int {
        guard let state else { return 0 }
        return lock.withLock {
            state.pointee.bytes.usedBytes &- state.pointee.runTableHeapBytes &+ state.pointee.directBytes
                &+ state.pointee.pagesTakenDirectly &* Pages.pageSize
        }
    }

    /// `totalBytes - usedBytes`: free pages, and the byte heap's free bytes
    /// and bookkeeping.
    public var availableBytes: Int { totalBytes &- usedBytes }

    /// Checks both allocators, and that the pages in use are exactly the
    /// byte heap's runs and the direct runs, each run recorded once.
    public func checkIntegrity() throws(IntegrityViolation) {
        guard let state else { return }
        try lock.withLock { () throws(IntegrityViolation) in
            let s = state
            try s.pointee.bytes.checkIntegrity()
            try s.pointee.pages.checkIntegrity()
            let page = Pages.pageSize
            var direct = 0, pageRuns = 0
            var previous: UInt = 0
            for index in 0 ..< s.pointee.directRuns.count {
                let run = s.pointee.directRuns.runs.unsafelyUnwrapped[index]
                guard run.pages > 0, index == 0 || run.start > previous, !s.pointee.bytes.manages(run.start),
                      s.pointee.pages.manages(run.start)
                else { throw IntegrityViolation("global", "a direct run is out of order, empty, or inside the byte heap", at: run.start) }
                previous = run.start
                if run.isPageRun { pageRuns &+= run.pages } else { direct &+= run.pages &* page }
            }
            guard direct == s.pointee.directBytes, pageRuns == s.pointee.pagesTakenDirectly, s.pointee.directRuns.count <= s.pointee.directRuns.capacity,
                  (s.pointee.directRuns.runs == nil) == (s.pointee.directRuns.count == 0)
            else { throw IntegrityViolation("global", "the direct run table disagrees with its runs", at: s.pointee.carvedStart) }
            guard s.pointee.pages.usedPages &* page == s.pointee.heapRunBytes &+ direct &+ s.pointee.pagesTakenDirectly &* page else {
                throw IntegrityViolation("global", "pages in use are not the byte heap's runs and the direct runs", at: s.pointee.carvedStart)
            }
        }
    }
}

extension GlobalAllocator: SizeRecordingAllocator where Bytes: SizeRecordingAllocator & ~Copyable, Pages: ~Copyable, Lock: ~Copyable {
    /// Frees the live block at `pointer` by its address: a direct run by its
    /// record, a heap block by `Bytes`; traps on anything else.
    @inlinable
    public func deallocate(_ pointer: UnsafeMutableRawPointer) {
        guard let state, lock.withLock({ state.pointee.release(pointer) }) else {
            fatalError("GlobalAllocator: freeing a pointer that is not a live block")
        }
        checkInvariants()
    }

    /// Frees the live block at `pointer`, or throws `.notAllocated`.
    @inlinable
    public func tryDeallocate(_ pointer: UnsafeMutableRawPointer) throws(AllocError) {
        guard let state, lock.withLock({ state.pointee.release(pointer) }) else { throw .notAllocated }
        checkInvariants()
    }

    /// The bytes usable at a live block (a direct run: its pages), or nil.
    @inlinable
    public func usableSize(of pointer: UnsafeMutableRawPointer) -> Int? {
        guard let state else { return nil }
        return lock.withLock { state.pointee.usableSize(of: pointer) }
    }

    /// Resizes the live block at `pointer`; see `GlobalAllocatorState.reallocate`.
    /// Traps when `pointer` is not a live block; throws, changing nothing,
    /// when there is no room.
    @inlinable
    public func reallocate(
        _ pointer: UnsafeMutableRawPointer, newByteCount: Int, alignment: Int
    ) throws(AllocError) -> UnsafeMutableRawPointer {
        guard newByteCount >= 0, alignment > 0, Kernels.isPowerOfTwo(UInt(bitPattern: alignment)) else { throw .invalidParam }
        guard let state else { fatalError("GlobalAllocator: resizing a pointer that is not a live block") }
        let moved = try lock.withLock { () throws(AllocError) -> UnsafeMutableRawPointer? in
            try state.pointee.reallocate(pointer, newByteCount: newByteCount, alignment: alignment)
        }
        guard let moved else { fatalError("GlobalAllocator: resizing a pointer that is not a live block") }
        checkInvariants()
        return moved
    }
}

extension GlobalAllocator where Bytes: ~Copyable, Pages: ~Copyable, Lock: ~Copyable {
    /// Allocates `count` pages aligned to `alignment` bytes straight from the
    /// page allocator (a run the byte heap never sees), recorded so that
    /// `deallocatePages` checks its start and count.
    public func allocatePages(count: Int, alignment: Int) throws(AllocError) -> UInt {
        guard let state else { throw .noMemory }
        return try lock.withLock { () throws(AllocError) -> UInt in
            try state.pointee.allocatePageRun(count: count, alignment: alignment)
        }
    }

    /// Frees a run from `allocatePages`; traps on anything else (the byte
    /// heap's runs included), changing nothing.
    public func deallocatePages(at address: UInt, count: Int) {
        do throws(AllocError) { try tryDeallocatePages(at: address, count: count) } catch {
            fatalError("GlobalAllocator: deallocating pages that are not a run from allocatePages")
        }
    }

    /// Frees a run from `allocatePages` (its start and count exactly), or
    /// throws `.notAllocated`: anything else, the byte heap's runs and
    /// `allocate`'s direct runs included, is refused.
    public func tryDeallocatePages(at address: UInt, count: Int) throws(AllocError) {
        guard let state, count >= 1 else { throw .notAllocated }
        try lock.withLock { () throws(AllocError) in
            guard let index = state.pointee.directRuns.index(of: address) else { throw .notAllocated }
            let run = state.pointee.directRuns.runs.unsafelyUnwrapped[index]
            guard run.isPageRun, run.pages == count else { throw .notAllocated }
            state.pointee.releaseRun(at: index)
        }
    }

    /// Both levels' figures.
    public var statistics: GlobalStatistics {
        guard let state else { return GlobalStatistics() }
        return lock.withLock {
            GlobalStatistics(
                totalPages: state.pointee.pages.totalPages, usedPages: state.pointee.pages.usedPages,
                heapBytes: state.pointee.heapRunBytes, heapUsedBytes: state.pointee.bytes.usedBytes &- state.pointee.runTableHeapBytes,
                heapAvailableBytes: state.pointee.bytes.availableBytes, directRuns: state.pointee.directRuns.count,
                directBytes: state.pointee.directBytes)
        }
    }
}

/// What a `GlobalAllocator` reports of both its levels.
public struct GlobalStatistics: Equatable, Sendable {
    /// Pages the page allocator manages, and those in use (the byte heap's
    /// runs, direct runs, and runs from `allocatePages`).
    public var totalPages = 0
    public var usedPages = 0
    /// Bytes of the runs the byte heap has, its live blocks' bytes and its free bytes.
    public var heapBytes = 0
    public var heapUsedBytes = 0
    public var heapAvailableBytes = 0
    /// Live direct runs and their bytes.
    public var directRuns = 0
    public var directBytes = 0
}

extension GlobalAllocator: @unchecked Sendable where Bytes: ~Copyable, Pages: ~Copyable, Lock: ~Copyable & Sendable {}

extension GlobalAllocator where Bytes: ~Copyable, Pages: ~Copyable, Lock: ~Copyable {
    /// Whether a `.noMemory` for this request was owed: the page allocator
    /// has no free run of the pages the request needs (a direct run's, or the
    /// smallest heap growth that serves it). Probes by taking and returning
    /// such a run, which leaves the page allocator as it was. For the tests
    /// of the growth policy.
    @_spi(Testing)
    public func refusalIsJustified(byteCount: Int, alignment: Int) -> Bool {
        guard let state else { return true }
        return lock.withLock {
            let s = state
            let page = Pages.pageSize
            let count: Int?
            if byteCount >= s.pointee.directPageThreshold {
                count = s.pointee.pageCount(for: byteCount)
            } else {
                count = Bytes.regionSize(serving: byteCount, alignment: alignment, initial: !s.pointee.heapStarted)
                    .flatMap { s.pointee.pageCount(for: $0) }
            }
            guard let count else { return true }
            let runAlignment = byteCount >= s.pointee.directPageThreshold ? Swift.max(alignment, page) : page
            do throws(AllocError) {
                let probe = try s.pointee.pages.allocatePages(count: count, alignment: runAlignment)
                s.pointee.pages.deallocatePages(at: probe, count: count)
                return false
            } catch {
                return true
            }
        }
    }

    /// Regions the byte heap has been given.
    @_spi(Testing)
    public var heapRegionCount: Int {
        guard let state else { return 0 }
        return lock.withLock { state.pointee.heapRunCount }
    }
}
