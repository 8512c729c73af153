// libFuzzer entry for TLSFByteAllocator, built by `make fuzz` together with
// the library sources (not part of the package's targets, not run in CI).
//
// Each input byte string is a program: 4-byte instructions allocate,
// free, reallocate, try bad frees or add a pool. After every instruction the
// allocator's integrity check runs, and a shadow of the live blocks checks
// alignment, disjointness and contents; any violation traps.

/// Memory for the pools of one input: 64 KiB for `initialize`, plus up to
/// three more regions for `addMemory`.
let arenaSize = 1 << 18
nonisolated(unsafe) let arena = UnsafeMutableRawPointer.allocate(byteCount: arenaSize, alignment: 1 << 16)

struct LiveBlock {
    var pointer: UnsafeMutableRawPointer
    var byteCount: Int
    var alignment: Int
    var stamp: UInt8
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    var tlsf = TLSFByteAllocator()
    let controlEnd = TLSFByteAllocator.controlBytes + 4096
    guard (try? tlsf.initialize(start: UInt(bitPattern: arena), size: controlEnd + 60_000)) != nil else { fatalError("initialize") }
    var live: [LiveBlock] = []
    var regionsAdded = 0
    var stamp: UInt8 = 0

    func check(_ condition: Bool, _ message: StaticString) { if !condition { fatalError("\(message)") } }

    func verify(_ block: LiveBlock) {
        guard block.byteCount > 0 else { return }
        check(block.pointer.load(as: UInt8.self) == block.stamp, "block contents lost (first byte)")
        check((block.pointer + (block.byteCount - 1)).load(as: UInt8.self) == block.stamp, "block contents lost (last byte)")
    }

    func admit(_ pointer: UnsafeMutableRawPointer, _ byteCount: Int, _ alignment: Int) {
        let address = UInt(bitPattern: pointer)
        check(address % UInt(alignment) == 0, "misaligned block")
        let upper = address + UInt(max(byteCount, 1))
        for other in live {
            let lower2 = UInt(bitPattern: other.pointer), upper2 = lower2 + UInt(max(other.byteCount, 1))
            check(upper <= lower2 || upper2 <= address, "overlapping blocks")
        }
        stamp &+= 1
        if byteCount > 0 {
            pointer.storeBytes(of: stamp, as: UInt8.self)
            (pointer + (byteCount - 1)).storeBytes(of: stamp, as: UInt8.self)
        }
        live.append(LiveBlock(pointer: pointer, byteCount: byteCount, alignment: alignment, stamp: stamp))
    }

    var index = 0
    while index + 4 <= count {
        let op = data[index], a = Int(data[index + 1]), b = Int(data[index + 2]), c = Int(data[index + 3])
        index += 4
        switch op % 6 {
        case 0, 1:  // allocate: size from a, b (small sizes likelier); alignment 2^(c % 14)
            let size = op % 6 == 0 ? a : (a << 8 | b) << (c >> 6)
            let alignment = 1 << (c % 14)
            if let pointer = try? tlsf.allocate(byteCount: size, alignment: alignment) { admit(pointer, size, alignment) }
        case 2:  // free
            if !live.isEmpty {
                let block = live.remove(at: a % live.count)
                verify(block)
                tlsf.deallocate(block.pointer, byteCount: block.byteCount, alignment: block.alignment)
            }
        case 3:  // reallocate
            if !live.isEmpty {
                let slot = a % live.count
                let block = live[slot]
                verify(block)
                let newSize = (b << 4 | c >> 4) << (c & 3)
                if let moved = try? tlsf.reallocate(block.pointer, byteCount: block.byteCount, newByteCount: newSize, alignment: block.alignment) {
                    live.remove(at: slot)
                    if block.byteCount > 0, newSize > 0 {
                        check(moved.load(as: UInt8.self) == block.stamp, "reallocate lost the contents")
                    }
                    admit(moved, newSize, block.alignment)
                } else {
                    verify(block)
                }
            }
        case 4:  // bad frees: double free, interior pointer, wrong size
            if !live.isEmpty {
                let block = live[a % live.count]
                let before = tlsf.statistics
                let pointer = b % 2 == 0 ? block.pointer + 1 + (c % 32) : block.pointer
                let byteCount = b % 2 == 0 ? block.byteCount : block.byteCount + 4096 + c
                // An interior pointer may be another live block's payload.
                if b % 2 == 0, live.contains(where: { $0.pointer == pointer }) { break }
                check((try? tlsf.tryDeallocate(pointer, byteCount: byteCount, alignment: block.alignment)) == nil, "bad free accepted")
                check(tlsf.statistics == before, "bad free changed the statistics")
            }
        default:  // add a pool at an odd offset and size
            if regionsAdded < 3 {
                let start = controlEnd + 64_000 + regionsAdded * 60_000 + a
                let size = 64 + b * 200 + c
                if (try? tlsf.addMemory(start: UInt(bitPattern: arena) + UInt(start), size: size)) != nil { regionsAdded += 1 }
            }
        }
        do { try tlsf.checkIntegrity() } catch { fatalError("integrity: \(error)") }
        let statistics = tlsf.statistics
        check(statistics.usedBytes + statistics.availableBytes == statistics.totalBytes, "statistics do not add up")
    }
    for block in live {
        verify(block)
        tlsf.deallocate(block.pointer, byteCount: block.byteCount, alignment: block.alignment)
    }
    do { try tlsf.checkIntegrity() } catch { fatalError("integrity after draining: \(error)") }
    check(tlsf.usedBytes == 0, "memory leaked")
    check(tlsf.statistics.freeBlockCount == regionsAdded + 1, "not fully coalesced")
    return 0
}
