#if Shared
import Allocators
import Testing
import TestSupport

/// The seed's collection tests (`Vec` and `BTreeMap` on a shared allocator),
/// on `PoolArray` over every byte allocator, with the platform's `malloc` as
/// the baseline. Counts are the seed's; each run is seeded.
@Suite("Collections on a shared allocator")
struct CollectionTests {
    /// 3,000,000 random `UInt32` pushed (no reserve: the array grows by
    /// doubling), then sorted and checked.
    @Test(arguments: CollectionBackend.allCases)
    func pushThenSort(backend: CollectionBackend) throws {
        try backend.run(PushThenSort(count: 3_000_000), poolSize: 64 << 20)
    }

    /// 30,000 arrays of 64 `UInt64`, then 7,500 of 520, all alive at once,
    /// dropped in random order.
    @Test(arguments: CollectionBackend.allCases)
    func manyArraysDroppedInRandomOrder(backend: CollectionBackend) throws {
        try backend.run(ManyArrays(arrays: 30_000, length: 64), poolSize: 64 << 20)
        try backend.run(ManyArrays(arrays: 7_500, length: 520), poolSize: 128 << 20)
    }

    /// An ordered map of string keys over 50,000 steps, 20 % of them popping
    /// the first entry.
    @Test(arguments: CollectionBackend.allCases)
    func orderedMapWithPopFirst(backend: CollectionBackend) throws {
        try backend.run(OrderedMap(steps: 50_000), poolSize: 16 << 20)
    }

    /// Random sizes and alignments, kept live in a random mix: every block is
    /// aligned, inside the pool (for pooled allocators) and disjoint from
    /// every other live block.
    @Test(arguments: CollectionBackend.allCases)
    func alignmentAndNoOverlap(backend: CollectionBackend) throws {
        try backend.run(AlignedBlocks(steps: 20_000), poolSize: 16 << 20)
    }
}

/// The byte allocators the collection tests run on.
enum CollectionBackend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case system
    #if TLSF
    case tlsf
    #endif
    #if Buddy
    case buddy
    #endif
    #if Slab
    case slab
    #endif

    var testDescription: String { rawValue }

    /// Runs `workload` on a fresh shared allocator of this kind with a pool of
    /// `poolSize` bytes, then checks that everything came back.
    func run(_ workload: some CollectionWorkload, poolSize: Int) throws {
        switch self {
        case .system: try Self.run(workload, on: SharedAllocator(poolSize: poolSize, base: SystemByteAllocator()))
        #if TLSF
        case .tlsf:
            let shared = try SharedAllocator(poolSize: poolSize, base: TLSFByteAllocator())
            try Self.run(workload, on: shared)
            try shared.withAllocator { tlsf throws(IntegrityViolation) in try tlsf.checkIntegrity() }
        #endif
        #if Buddy
        case .buddy:
            let shared = try SharedAllocator(poolSize: poolSize, base: BuddyByteAllocator())
            try Self.run(workload, on: shared)
            let problem = shared.withAllocator { integrityMessage($0) }
            #expect(problem == nil)
        #endif
        #if Slab
        case .slab:
            let shared = try SharedAllocator(poolSize: poolSize, base: SlabByteAllocator())
            try Self.run(workload, on: shared)
            let problem = shared.withAllocator { integrityMessage($0) }
            #expect(problem == nil)
        #endif
        }
    }

    static func run<Base: ByteAllocator & ~Copyable>(_ workload: some CollectionWorkload, on shared: SharedAllocator<Base>) throws {
        try workload.run(on: shared)
        #expect(shared.usedBytes == 0, "blocks were lost")
        #expect(shared.usedBytes + shared.availableBytes == shared.totalBytes)
    }
}

protocol CollectionWorkload {
    func run<Base: ByteAllocator & ~Copyable>(on shared: SharedAllocator<Base>) throws
}

struct PushThenSort: CollectionWorkload {
    let count: Int
    func run<Base: ByteAllocator & ~Copyable>(on shared: SharedAllocator<Base>) throws {
        var random = SeededRandom.forTest("Collections.pushThenSort")
        var array = PoolArray<UInt32, Base>(allocator: shared)
        for _ in 0 ..< count { array.append(UInt32(truncatingIfNeeded: random.next())) }
        array.sort()
        #expect(array.count == count)
        let sorted = array.withUnsafeBufferPointer { buffer in
            var previous: UInt32 = 0
            for value in buffer { if value < previous { return false }; previous = value }
            return true
        }
        #expect(sorted)
    }
}

struct ManyArrays: CollectionWorkload {
    let arrays: Int, length: Int
    func run<Base: ByteAllocator & ~Copyable>(on shared: SharedAllocator<Base>) throws {
        var random = SeededRandom.forTest("Collections.manyArrays.\(arrays)x\(length)")
        var outer = PoolArray<PoolArray<UInt64, Base>, Base>(allocator: shared)
        for index in 0 ..< arrays {
            var inner = try PoolArray<UInt64, Base>(allocator: shared, capacity: length)
            for column in 0 ..< length { inner.append(UInt64(index &* length &+ column)) }
            outer.append(inner)
        }
        var checked = 0
        while !outer.isEmpty {
            let index = Int.random(in: 0 ..< outer.count, using: &random)
            outer.swapAt(index, outer.count - 1)
            let inner = outer.removeLast()
            if checked < 64 {
                let first = Int(inner[0]) / length
                #expect(inner.count == length && inner[length - 1] == UInt64(first * length + length - 1))
                checked += 1
            }
        }
    }
}

struct OrderedMap: CollectionWorkload {
    let steps: Int
    func run<Base: ByteAllocator & ~Copyable>(on shared: SharedAllocator<Base>) throws {
        var random = SeededRandom.forTest("Collections.orderedMap")
        var map = PoolSortedMap<String, UInt32, Base>(allocator: shared)
        var reference: [String: UInt32] = [:]
        for _ in 0 ..< steps {
            if Int.random(in: 0 ..< 5, using: &random) == 0, let first = map.popFirst() {
                #expect(first.key == reference.keys.min())
                reference[first.key] = nil
            } else {
                let value = UInt32(truncatingIfNeeded: random.next())
                let key = "key_\(value)"
                map.insert(key, value)
                reference[key] = value
            }
        }
        #expect(map.count == reference.count)
        let isSorted = map.isSorted()
        #expect(isSorted)
        for (key, value) in reference.prefix(1000) { let found = map.value(for: key); #expect(found == value) }
    }
}

struct AlignedBlocks: CollectionWorkload {
    let steps: Int
    func run<Base: ByteAllocator & ~Copyable>(on shared: SharedAllocator<Base>) throws {
        var random = SeededRandom.forTest("Collections.alignment")
        // Live blocks sorted by address, so overlap is a check on neighbours.
        var live: [(start: UInt, size: Int, alignment: Int)] = []
        var misaligned = 0, overlapping = 0
        for _ in 0 ..< steps {
            if live.count < 512, Int.random(in: 0 ..< 3, using: &random) < 2 {
                let size = Int.random(in: 1 ... 8192, using: &random)
                let alignment = 1 << Int.random(in: 0 ... 12, using: &random)
                let pointer = try shared.allocate(byteCount: size, alignment: alignment)
                let start = UInt(bitPattern: pointer)
                if start % UInt(alignment) != 0 { misaligned += 1 }
                var low = 0, high = live.count
                while low < high { let m = (low + high) / 2; if live[m].start < start { low = m + 1 } else { high = m } }
                if low > 0, live[low - 1].start + UInt(live[low - 1].size) > start { overlapping += 1 }
                if low < live.count, start + UInt(size) > live[low].start { overlapping += 1 }
                live.insert((start, size, alignment), at: low)
            } else if !live.isEmpty {
                let block = live.remove(at: Int.random(in: 0 ..< live.count, using: &random))
                shared.deallocate(UnsafeMutableRawPointer(bitPattern: block.start)!, byteCount: block.size, alignment: block.alignment)
            }
        }
        #expect(misaligned == 0)
        #expect(overlapping == 0)
        for block in live {
            shared.deallocate(UnsafeMutableRawPointer(bitPattern: block.start)!, byteCount: block.size, alignment: block.alignment)
        }
    }
}
#endif
