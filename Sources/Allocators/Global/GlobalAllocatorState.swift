// The operations of a `GlobalAllocator`, on its state, run under its lock.
extension GlobalAllocatorState where Bytes: GrowableByteAllocator & ~Copyable, Pages: PageAllocator & ~Copyable {
    @inlinable
    var pageSize: Int { Pages.pageSize }

    /// Pages holding `byteCount` bytes, or nil when that overflows.
    @inlinable
    func pageCount(for byteCount: Int) -> Int? {
        let rounded = Kernels.alignUp(UInt(bitPattern: byteCount), to: UInt(bitPattern: pageSize))
        guard !rounded.overflow, rounded.value <= UInt(bitPattern: Int.max) else { return nil }
        return Int(bitPattern: rounded.value &>> UInt(pageSize.trailingZeroBitCount))
    }

    // MARK: Allocation

    /// A block for a valid request: from the byte heap (growing it once on
    /// `.noMemory`) below the threshold, a direct run at or above it.
    @inlinable
    mutating func allocate(byteCount: Int, alignment: Int) throws(AllocError) -> UnsafeMutableRawPointer {
        if byteCount >= directPageThreshold { return try allocateRun(byteCount: byteCount, alignment: alignment) }
        do throws(AllocError) {
            return try bytes.allocate(byteCount: byteCount, alignment: alignment)
        } catch {
            guard error == .noMemory else { throw error }
        }
        try grow(serving: byteCount, alignment: alignment)
        return try bytes.allocate(byteCount: byteCount, alignment: alignment)
    }

    /// Gives the byte heap a run of pages that serves the request: at least
    /// `Bytes.regionSize(serving:)` and at least the heap's size so far
    /// (or the first chunk), or the smallest such run when that is not free.
    /// Throws `.noMemory`, changing nothing, when no run is free or the byte
    /// heap refuses the run (which goes back).
    @usableFromInline
    mutating func grow(serving byteCount: Int, alignment: Int) throws(AllocError) {
        guard let needed = Bytes.regionSize(serving: byteCount, alignment: alignment, initial: !heapStarted),
              let minimal = pageCount(for: needed) else { throw .noMemory }
        let page = pageSize
        let geometric = Swift.max(minimal, heapStarted ? heapRunBytes / page : firstChunkPages)
        var count = geometric
        var run: UInt
        do throws(AllocError) {
            run = try pages.allocatePages(count: geometric, alignment: page)
        } catch {
            guard geometric > minimal else { throw .noMemory }
            count = minimal
            do throws(AllocError) { run = try pages.allocatePages(count: minimal, alignment: page) } catch { throw .noMemory }
        }
        let size = count &* page
        do throws(AllocError) {
            if heapStarted && plantedBug != GlobalAllocatorPlantedBug.growthLosesOldRegions.rawValue {
                try bytes.addMemory(start: run, size: size)
            } else {
                if heapStarted { bytes = Bytes() }  // the planted bug: the old regions are forgotten
                try bytes.initialize(start: run, size: size)
            }
        } catch {
            if plantedBug != GlobalAllocatorPlantedBug.leakRunWhenBytesRefuse.rawValue {
                pages.deallocatePages(at: run, count: count)
            }
            throw .noMemory
        }
        heapStarted = true
        heapRunBytes &+= size
        heapRunCount &+= 1
    }

    /// A direct run of whole pages for `byteCount` bytes aligned to at least
    /// `alignment` and a page, recorded in the run table.
    @usableFromInline
    mutating func allocateRun(byteCount: Int, alignment: Int) throws(AllocError) -> UnsafeMutableRawPointer {
        guard let count = pageCount(for: byteCount) else { throw .invalidParam }
        let start: UInt
        do throws(AllocError) {
            start = try pages.allocatePages(count: count, alignment: Swift.max(alignment, pageSize))
        } catch {
            throw error == .invalidParam ? .noMemory : error
        }
        guard makeRoomForOneMoreRun() else {
            pages.deallocatePages(at: start, count: count)
            throw .noMemory
        }
        directRuns.insert(DirectRunTable.Run(start: start, pages: count))
        directBytes &+= count &* pageSize
        return UnsafeMutableRawPointer(bitPattern: start).unsafelyUnwrapped
    }

    /// Room in the run table for one more run: a block of the byte heap,
    /// twice as large as before (at least `DirectRunTable.minimumCapacity`),
    /// growing the heap once if it must. False, changing nothing, when no
    /// room can be had.
    @usableFromInline
    mutating func makeRoomForOneMoreRun() -> Bool {
        guard directRuns.count == directRuns.capacity else { return true }
        let capacity = Swift.max(DirectRunTable.minimumCapacity, directRuns.capacity &* 2)
        let bytesNeeded = DirectRunTable.bytes(capacity: capacity)
        let alignment = MemoryLayout<DirectRunTable.Run>.alignment
        let before = bytes.usedBytes
        let block: UnsafeMutableRawPointer
        do throws(AllocError) {
            block = try bytes.allocate(byteCount: bytesNeeded, alignment: alignment)
        } catch {
            guard error == .noMemory else { return false }
            do throws(AllocError) {
                try grow(serving: bytesNeeded, alignment: alignment)
                block = try bytes.allocate(byteCount: bytesNeeded, alignment: alignment)
            } catch {
                return false
            }
        }
        let newBlockBytes = bytes.usedBytes &- before
        let grown = block.bindMemory(to: DirectRunTable.Run.self, capacity: capacity)
        if let old = directRuns.runs {
            grown.initialize(from: old, count: directRuns.count)
            releaseRunTable()
        }
        directRuns.runs = grown
        directRuns.capacity = capacity
        runTableHeapBytes &+= newBlockBytes
        return true
    }

    /// Frees the run table's block (its runs are copied away or gone).
    @usableFromInline
    mutating func releaseRunTable() {
        guard let runs = directRuns.runs else { return }
        let before = bytes.usedBytes
        bytes.deallocate(
            UnsafeMutableRawPointer(runs), byteCount: DirectRunTable.bytes(capacity: directRuns.capacity),
            alignment: MemoryLayout<DirectRunTable.Run>.alignment)
        runTableHeapBytes &-= before &- bytes.usedBytes
        directRuns.runs = nil
        directRuns.capacity = 0
    }

    // MARK: Free

    /// Frees the block at `address` allocated with `byteCount` and
    /// `alignment`; false, changing nothing, when it is not such a block.
    @inlinable
    mutating func release(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) -> Bool {
        let address = UInt(bitPattern: pointer)
        if byteCount >= directPageThreshold {
            guard let index = directRuns.index(of: address), !directRuns.runs.unsafelyUnwrapped[index].isPageRun, alignment > 0, alignment & (alignment &- 1) == 0,
                  address & UInt(bitPattern: alignment &- 1) == 0, pageCount(for: byteCount) == directRuns.runs.unsafelyUnwrapped[index].pages
            else { return false }
            releaseRun(at: index)
            return true
        }
        do throws(AllocError) { try bytes.tryDeallocate(pointer, byteCount: byteCount, alignment: alignment) } catch { return false }
        return true
    }

    /// Frees direct run `index` and its record.
    @usableFromInline
    mutating func releaseRun(at index: Int) {
        let run = directRuns.runs.unsafelyUnwrapped[index]
        pages.deallocatePages(at: run.start, count: run.pages)
        directRuns.remove(at: index)
        if run.isPageRun { pagesTakenDirectly &-= run.pages } else { directBytes &-= run.pages &* pageSize }
        if directRuns.count == 0 { releaseRunTable() }
    }

    /// A run for `allocatePages`, recorded like a direct run.
    @usableFromInline
    mutating func allocatePageRun(count: Int, alignment: Int) throws(AllocError) -> UInt {
        let start = try pages.allocatePages(count: count, alignment: alignment)
        guard makeRoomForOneMoreRun() else {
            pages.deallocatePages(at: start, count: count)
            throw .noMemory
        }
        directRuns.insert(DirectRunTable.Run(start: start, pages: count, isPageRun: true))
        pagesTakenDirectly &+= count
        return start
    }
}

extension GlobalAllocatorState where Bytes: SizeRecordingAllocator & GrowableByteAllocator & ~Copyable, Pages: PageAllocator & ~Copyable {
    /// Frees the block at `pointer` by its address: a direct run by its
    /// record, a heap block by its header; false when it is neither.
    @inlinable
    mutating func release(_ pointer: UnsafeMutableRawPointer) -> Bool {
        if let index = directRuns.index(of: UInt(bitPattern: pointer)) {
            guard !directRuns.runs.unsafelyUnwrapped[index].isPageRun else { return false }
            releaseRun(at: index)
            return true
        }
        do throws(AllocError) { try bytes.tryDeallocate(pointer) } catch { return false }
        return true
    }

    /// The bytes usable at a live block, or nil.
    @inlinable
    func usableSize(of pointer: UnsafeMutableRawPointer) -> Int? {
        if let index = directRuns.index(of: UInt(bitPattern: pointer)) {
            let run = directRuns.runs.unsafelyUnwrapped[index]
            return run.isPageRun ? nil : run.pages &* pageSize
        }
        return bytes.usableSize(of: pointer)
    }

    /// Resizes the live block at `pointer`: a heap block staying below the
    /// threshold in the heap (in place where `Bytes` can, growing the heap
    /// once on `.noMemory`), a direct run keeping its page count in place;
    /// anything else moves. Nil, changing nothing, when `pointer` is not a
    /// live block; throws, changing nothing, when there is no room.
    @usableFromInline
    mutating func reallocate(
        _ pointer: UnsafeMutableRawPointer, newByteCount: Int, alignment: Int
    ) throws(AllocError) -> UnsafeMutableRawPointer? {
        guard let oldSize = usableSize(of: pointer) else { return nil }
        let isRun = directRuns.index(of: UInt(bitPattern: pointer)) != nil
        if isRun, newByteCount >= directPageThreshold, pageCount(for: newByteCount) == oldSize / pageSize {
            return pointer
        }
        if !isRun, newByteCount < directPageThreshold {
            do throws(AllocError) {
                return try bytes.reallocate(pointer, newByteCount: newByteCount, alignment: alignment)
            } catch {
                guard error == .noMemory else { throw error }
            }
            try grow(serving: newByteCount, alignment: alignment)
            return try bytes.reallocate(pointer, newByteCount: newByteCount, alignment: alignment)
        }
        let moved = try allocate(byteCount: newByteCount, alignment: alignment)
        moved.copyMemory(from: pointer, byteCount: Swift.min(oldSize, newByteCount))
        _ = release(pointer)
        return moved
    }
}
