/// An allocator as the heap test drives it: through its entry points (so
/// the code under test is the code `allocators-wcet` bounds), its integrity
/// adapter and its statistics. A value owns its allocator, made over a
/// region of the board's arena and released with the value.
protocol ByteHeapUnderTest: ~Copyable {
    /// The allocator's name in the pass line and the trace.
    static var name: StaticString { get }
    /// The requests the workload makes of it.
    static var profile: WorkloadProfile { get }
    /// A fresh allocator over `region` (the same bytes each time).
    init(region: UnsafeMutableRawBufferPointer)
    mutating func allocate(byteCount: Int, alignment: Int) -> UnsafeMutableRawPointer?
    /// Frees a live block (the allocator traps on anything else).
    mutating func deallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int)
    /// Frees a block or refuses it: 0 when done, else the `AllocError` code.
    mutating func tryDeallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) -> Int32
    /// Resizes a live block, keeping its alignment; nil when it cannot.
    mutating func reallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, newByteCount: Int, alignment: Int) -> UnsafeMutableRawPointer?
    /// What broke in the allocator's structure, nil when consistent.
    func integrityViolation() -> StaticString?
    var totalBytes: Int { get }
    var usedBytes: Int { get }
    var availableBytes: Int { get }
}

/// The shape of a workload's requests.
struct WorkloadProfile {
    /// Sizes are drawn below these bounds: mostly small, some medium, a few large.
    var smallSizes: Int
    var mediumSizes: Int
    var largeSizes: Int
    /// Sizes are multiples of this (1 for bytes, the page size for pages).
    var sizeUnit: Int
    /// The alignment of a plain request and the largest alignment drawn.
    var baseAlignment: Int
    var largestAlignment: Int
    /// Whether `reallocate` is exercised.
    var reallocates: Bool
    /// Whether the allocator can refuse a free of the wrong size (a bitmap
    /// cannot: any run of allocated pages is a valid free to it).
    var refusesWrongSizes: Bool
}

/// The state an allocator under test keeps at a stable address, for the
/// entry points: allocated from the Embedded heap, released on deinit.
struct Owned<Allocator: ~Copyable>: ~Copyable {
    let pointer: UnsafeMutablePointer<Allocator>

    init(_ allocator: consuming Allocator) {
        pointer = .allocate(capacity: 1)
        pointer.initialize(to: allocator)
    }

    var raw: UnsafeMutableRawPointer { UnsafeMutableRawPointer(pointer) }

    deinit {
        _ = pointer.move()
        pointer.deallocate()
    }
}
