@testable import Allocators
import Testing
import TestSupport

/// The integrity check has teeth and says where: each planted corruption is
/// reported with its problem and the address of the descriptor, window,
/// object or table entry concerned.
@Suite struct SlabIntegrityTests {
    static func violation(_ slab: borrowing SlabByteAllocator) -> IntegrityViolation? {
        do throws(IntegrityViolation) { try slab.checkIntegrity(); return nil } catch { return error }
    }

    static func liveWord(_ slab: borrowing SlabByteAllocator, _ address: UInt) -> UnsafeMutablePointer<UInt> {
        let bias = slab.region(holding: address)!.liveWordBias
        return UnsafeMutablePointer(bitPattern: Kernels.slabLiveWord(address: address, bias: bias))!
    }

    static func liveBit(_ address: UInt) -> UInt { Kernels.bit(Kernels.bitOffset(address >> 4)) }

    @Test func eachCorruptionIsNamedWithItsAddress() throws {
        try SlabByteAllocatorTests.withSlab(size: 1 << 20) { slab in
            let a = try slab.allocate(byteCount: 32, alignment: 8)
            let b = try slab.allocate(byteCount: 32, alignment: 8)
            let found = slab.descriptor(holding: UInt(bitPattern: a))
            let descriptor = try #require(found)
            let at = UInt(bitPattern: descriptor)
            let base = descriptor.pointee.base
            #expect(Self.violation(slab) == nil)

            slab.liveClassBytes += 1
            #expect(Self.violation(slab) == IntegrityViolation("slab", "liveClassBytes is not the sum of the live objects"))
            slab.liveClassBytes -= 1

            // A live bit past the handed-out objects, and one in an idle window.
            let past = base + 5 * 32
            Self.liveWord(slab, past).pointee |= Self.liveBit(past)
            #expect(Self.violation(slab) == IntegrityViolation("slab", "a live bit is not at a handed-out object", at: past))
            Self.liveWord(slab, past).pointee &= ~Self.liveBit(past)
            let idle = base + UInt(slab.slabSize) + 48
            Self.liveWord(slab, idle).pointee |= Self.liveBit(idle)
            #expect(Self.violation(slab) == IntegrityViolation("slab", "an idle window has live bits", at: idle))
            Self.liveWord(slab, idle).pointee &= ~Self.liveBit(idle)

            descriptor.pointee.available += 1
            #expect(Self.violation(slab) == IntegrityViolation("slab", "a slab's live count disagrees with its bits", at: at))
            descriptor.pointee.available -= 1
            descriptor.pointee.base += 16
            #expect(Self.violation(slab) == IntegrityViolation("slab", "a slab is not at the start of its window", at: at))
            descriptor.pointee.base -= 16
            descriptor.pointee.sizeShift += 1
            #expect(Self.violation(slab) == IntegrityViolation("slab", "a slab has the wrong class size", at: at))
            descriptor.pointee.sizeShift -= 1
            descriptor.pointee.handedOut = descriptor.pointee.capacity + 1
            #expect(Self.violation(slab) == IntegrityViolation("slab", "a slab hands out more objects than it holds", at: at))
            descriptor.pointee.handedOut = 2
            slab.slabCount += 1
            #expect(Self.violation(slab) == IntegrityViolation("slab", "slabCount is not the number of slabs"))
            slab.slabCount -= 1

            // The class lists and tables (class 1: 32 bytes, granule 2).
            let head = slab.partialHeads[1]
            slab.partialTails[1] = 0
            #expect(Self.violation(slab) == IntegrityViolation("slab", "a partial list's tail is not its last slab", at: 0))
            slab.partialHeads[1].slab = 0
            #expect(Self.violation(slab) == IntegrityViolation("slab", "the direct table disagrees with the class heads", at: 2))
            slab.directHeads[2].slab = 0
            #expect(Self.violation(slab) == IntegrityViolation("slab", "a slab with room is missing from its partial list", at: at))
            slab.partialHeads[1] = SlabClassHead(slab: head.slab, inverse: head.inverse &+ 2)
            slab.directHeads[2] = slab.partialHeads[1]
            slab.partialTails[1] = head.slab
            #expect(Self.violation(slab) == IntegrityViolation("slab", "a class head has the wrong link-check constant", at: 1))
            slab.partialHeads[1] = head
            slab.directHeads[2] = head
            #expect(Self.violation(slab) == nil)

            // The free list: a live object on it, a link out of the slab, a cycle.
            slab.deallocate(a, byteCount: 32, alignment: 8)
            descriptor.pointee.freeList = UInt(bitPattern: b)
            #expect(Self.violation(slab) == IntegrityViolation("slab", "a free object is marked live", at: UInt(bitPattern: b)))
            descriptor.pointee.freeList = UInt(bitPattern: a)
            let outside = base + UInt(slab.slabSize)
            a.storeBytes(of: outside, as: UInt.self)
            #expect(Self.violation(slab) == IntegrityViolation("slab", "a free object is not a handed-out object of its slab", at: outside))
            a.storeBytes(of: UInt(bitPattern: a), as: UInt.self)
            #expect(Self.violation(slab) == IntegrityViolation("slab", "a slab's free list has a cycle", at: UInt(bitPattern: a)))
            a.storeBytes(of: 0, as: UInt.self)
            #expect(Self.violation(slab) == nil)
            slab.deallocate(b, byteCount: 32, alignment: 8)

            // The cache (the slab is cached now that it is empty).
            #expect(slab.slabStatistics.cachedSlabs == 1)
            slab.emptySlabCount += 1
            #expect(Self.violation(slab) == IntegrityViolation("slab", "the cache count is wrong", at: at))
            slab.emptySlabCount -= 1
            slab.emptySlabs = at + 8
            #expect(Self.violation(slab) == IntegrityViolation("slab", "the cached slabs are not a list of descriptors", at: at + 8))
            slab.emptySlabs = at
            #expect(Self.violation(slab) == nil)
        }
    }

    /// The backing's own check is part of the slab's.
    @Test func theBackingsViolationsAreReported() throws {
        try SlabByteAllocatorTests.withSlab(size: 1 << 20) { slab in
            let large = try slab.allocate(byteCount: 20_000, alignment: 8)
            slab.backing.liveBytes += 16
            #expect(Self.violation(slab)?.allocator.description == "TLSF")
            slab.backing.liveBytes -= 16
            slab.deallocate(large, byteCount: 20_000, alignment: 8)
        }
    }
}
