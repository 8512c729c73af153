// libFuzzer entry point for the buddy and slab allocators (`make fuzz`).
//
// The input is read as a sequence of operations on both allocators over one
// small arena each: allocate (size, alignment from the bytes), free a live
// block, or a deliberately bad free that must be refused. After every
// operation the blocks handed out must be aligned, inside the arena and
// disjoint from every live block, and both integrity checks must pass.
// Built together with the library sources (one module), with the address
// sanitizer watching every byte the allocators touch.
#if canImport(Glibc)
import Glibc
#endif

let arenaSize = 1 << 16

struct Live { var address: UInt; var byteCount: Int; var alignment: Int }

struct Cursor {
    let data: UnsafePointer<UInt8>
    let count: Int
    var index = 0
    mutating func next() -> UInt8? {
        guard index < count else { return nil }
        defer { index += 1 }
        return data[index]
    }
}

func check(_ condition: Bool, _ message: StaticString) {
    if !condition { fatalError("fuzz: \(message)") }
}

func exercise<A: ByteAllocator & ~Copyable>(
    _ allocator: inout A, arena: UnsafeMutableRawPointer, input: inout Cursor, integrity: (borrowing A) throws(IntegrityViolation) -> Void
) {
    let lower = UInt(bitPattern: arena), upper = lower + UInt(arenaSize)
    var live: [Live] = []
    while let op = input.next(), let a = input.next(), let b = input.next() {
        switch op % 4 {
        case 0, 1:
            let byteCount = op & 0x80 != 0 ? Int(a) << (Int(b) & 7) : Int(a)
            let alignment = 1 << (Int(b) >> 4)
            guard let pointer = try? allocator.allocate(byteCount: byteCount, alignment: alignment) else { break }
            let address = UInt(bitPattern: pointer), end = address + UInt(max(byteCount, 1))
            check(address % UInt(alignment) == 0, "misaligned block")
            check(lower <= address && end <= upper, "block outside the arena")
            check(!live.contains { address < $0.address + UInt(max($0.byteCount, 1)) && $0.address < end }, "overlapping blocks")
            pointer.initializeMemory(as: UInt8.self, repeating: 0xA5, count: max(byteCount, 1))
            live.append(Live(address: address, byteCount: byteCount, alignment: alignment))
        case 2:
            guard !live.isEmpty else { break }
            let block = live.remove(at: Int(a) % live.count)
            allocator.deallocate(UnsafeMutableRawPointer(bitPattern: block.address)!, byteCount: block.byteCount, alignment: block.alignment)
        default:
            // A bad free: interior, foreign, or of a size no block of the
            // arena has (the buddy identifies a block by its order, so a
            // wrong size must be of another order); must be refused.
            let target = live.isEmpty ? upper + 4096 : live[Int(a) % live.count].address + UInt(b & 1 == 0 ? 1 : 0)
            let byteCount = live.isEmpty || b & 1 == 0 ? 16 : 2 * arenaSize
            do throws(AllocError) {
                try allocator.tryDeallocate(UnsafeMutableRawPointer(bitPattern: target)!, byteCount: byteCount, alignment: 1)
                check(false, "a bad free was accepted")
            } catch {
                check(error == .notAllocated, "a bad free was refused with the wrong error")
            }
        }
        do throws(IntegrityViolation) { try integrity(allocator) } catch { fatalError("fuzz: integrity: \(error)") }
        check(allocator.usedBytes + allocator.availableBytes == allocator.totalBytes, "statistics do not add up")
    }
    for block in live {
        allocator.deallocate(UnsafeMutableRawPointer(bitPattern: block.address)!, byteCount: block.byteCount, alignment: block.alignment)
    }
    check(allocator.usedBytes == 0, "usedBytes is not 0 once everything is freed")
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let arena = UnsafeMutableRawPointer.allocate(byteCount: arenaSize, alignment: 4096)
    defer { arena.deallocate() }
    let offset = count > 0 ? Int(data[0] & 63) : 0
    do {
        var buddy = BuddyByteAllocator()
        try! buddy.initialize(start: UInt(bitPattern: arena) + UInt(offset), size: arenaSize - offset)
        var input = Cursor(data: data, count: count, index: 1)
        exercise(&buddy, arena: arena, input: &input) { (buddy) throws(IntegrityViolation) in try buddy.checkIntegrity() }
    }
    do {
        var slab = SlabAllocator(backing: BuddyByteAllocator(), slabShift: 12)
        try! slab.initialize(start: UInt(bitPattern: arena) + UInt(offset), size: arenaSize - offset)
        var input = Cursor(data: data, count: count, index: 1)
        exercise(&slab, arena: arena, input: &input) { (slab) throws(IntegrityViolation) in
            try slab.checkIntegrity()
            try slab.backing.checkIntegrity()
        }
    }
    return 0
}
