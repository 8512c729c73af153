#if Shared
import Allocators
import Testing
import TestSupport

/// A non-copyable value that counts its deinitializations.
private struct Tracked: ~Copyable {
    let value: Int
    let counter: Counter
    final class Counter { var deinits = 0 }
    deinit { counter.deinits += 1 }
}

@Suite("PoolArray")
struct PoolArrayTests {
    @Test func appendSubscriptRemoveLastAgainstArray() throws {
        var random = SeededRandom.forTest("PoolArray.appendSubscriptRemoveLast")
        let shared = try SharedAllocator(poolSize: 1 << 20, base: ReferenceByteAllocator())
        do {
            var array = PoolArray<Int, ReferenceByteAllocator>(allocator: shared)
            var reference: [Int] = []
            #expect(array.isEmpty && array.capacity == 0 && shared.usedBytes == 0)
            for _ in 0 ..< 5_000 {
                switch Int.random(in: 0 ..< 10, using: &random) {
                case 0 ..< 6:
                    let value = Int.random(in: .min ... .max, using: &random)
                    array.append(value)
                    reference.append(value)
                case 6 ..< 8 where !reference.isEmpty:
                    #expect(array.removeLast() == reference.removeLast())
                case 8 where !reference.isEmpty:
                    let index = Int.random(in: 0 ..< reference.count, using: &random)
                    array[index] &+= 1
                    reference[index] &+= 1
                default:
                    let index = Int.random(in: 0 ... reference.count, using: &random)
                    array.insert(index, at: index)
                    reference.insert(index, at: index)
                }
                #expect(array.count == reference.count)
            }
            for index in reference.indices { #expect(array[index] == reference[index]) }
            #expect(shared.usedBytes >= array.capacity * MemoryLayout<Int>.stride)
            array.sort()
            reference.sort()
            array.withUnsafeBufferPointer { #expect(Array($0) == reference) }
            array.sort(by: >)
            #expect(array.count == 0 || array[0] == reference.last)
        }
        #expect(shared.usedBytes == 0)
    }

    @Test func reserveCapacityReportsNoMemoryAndKeepsTheArray() throws {
        let shared = try SharedAllocator(poolSize: 4096, base: ReferenceByteAllocator())
        var array = try PoolArray<UInt32, ReferenceByteAllocator>(allocator: shared, capacity: 10)
        #expect(array.capacity == 10)
        for value in 0 ..< 10 { array.append(UInt32(value)) }
        #expect(throws: AllocError.noMemory) { try array.reserveCapacity(10_000) }
        #expect(array.count == 10 && array.capacity == 10 && array[9] == 9)
        #expect(throws: AllocError.invalidParam) { try array.reserveCapacity(Int.max) }
        array.removeAll()
        #expect(array.isEmpty && array.capacity == 10)
    }

    @Test func nonCopyableElementsAreDeinitializedOnce() throws {
        let shared = try SharedAllocator(poolSize: 1 << 16, base: ReferenceByteAllocator())
        let counter = Tracked.Counter()
        do {
            var array = PoolArray<Tracked, ReferenceByteAllocator>(allocator: shared)
            for value in 0 ..< 100 { array.append(Tracked(value: value, counter: counter)) }
            array.swapAt(0, 99)
            #expect(array[0].value == 99 && array[99].value == 0)
            let last = array.removeLast()
            #expect(last.value == 0)
            _ = consume last
            #expect(counter.deinits == 1)
            let removed = array.remove(at: 10)
            #expect(removed.value == 10 && array[10].value == 11)
            _ = consume removed
        }
        #expect(counter.deinits == 100)
        #expect(shared.usedBytes == 0)
    }

    @Test func arraysOfArrays() throws {
        let shared = try SharedAllocator(poolSize: 1 << 20, base: ReferenceByteAllocator())
        do {
            var outer = PoolArray<PoolArray<UInt64, ReferenceByteAllocator>, ReferenceByteAllocator>(allocator: shared)
            for row in 0 ..< 50 {
                var inner = try PoolArray<UInt64, ReferenceByteAllocator>(allocator: shared, capacity: 8)
                for column in 0 ..< row { inner.append(UInt64(row * 1000 + column)) }
                outer.append(inner)
            }
            #expect(outer[49][48] == 49_048)
            outer[3].append(7)
            #expect(outer[3].count == 4)
        }
        #expect(shared.usedBytes == 0)
        #expect(shared.withAllocator { integrityMessage($0) } == nil)
    }
}
#endif
