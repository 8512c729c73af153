import Allocators
import Testing
import TestSupport

/// `ALLOCATORS_INTERNAL_CHECKS` (`make test-internal-checks`): every mutating
/// operation ends in `checkIntegrity()`, so a corruption the operation itself
/// never reads stops the program at once. The planted corruption: a use
/// after free writes a foreign address over a freed block's link, and the
/// next operation takes memory from another list or slab. Built without the
/// flag the same run succeeds (nothing reads the forged link), which is the
/// check's negative twin: the flag, not the operation, catches it.
@Suite struct InternalChecksTests {
    #if ALLOCATORS_INTERNAL_CHECKS
    static let expected: ExitTest.Condition = .failure
    #else
    static let expected: ExitTest.Condition = .success
    #endif

    /// With the flag, the stop must be the internal check's, naming what it found.
    static func expectTheInternalCheck(_ result: ExitTest.Result?) {
        #if ALLOCATORS_INTERNAL_CHECKS
        let message = result.map { String(decoding: $0.standardErrorContent, as: UTF8.self) } ?? ""
        #expect(message.contains("internal check failed"), "\(message)")
        #endif
    }

    @Test func aForgedTLSFLinkStopsTheNextOperationOnAnotherList() async {
        let result = await #expect(processExitsWith: Self.expected, observing: [\.standardErrorContent]) {
            let arena = PoolArena(.single(size: 1 << 16))
            let outside = UnsafeMutableRawPointer.allocate(byteCount: 4096, alignment: 4096)
            var tlsf = TLSFByteAllocator()
            try! tlsf.initialize(start: arena.regions[0].start, size: 1 << 16)
            let a = try! tlsf.allocate(byteCount: 64, alignment: 16)
            _ = try! tlsf.allocate(byteCount: 64, alignment: 16)  // keeps a from merging
            tlsf.deallocate(a, byteCount: 64, alignment: 16)
            a.storeBytes(of: UInt(bitPattern: outside) + 16, as: UInt.self)  // a's next link
            // A request of another class: its path never reads a's list.
            _ = try! tlsf.allocate(byteCount: 4000, alignment: 16)
        }
        Self.expectTheInternalCheck(result)
    }

    @Test func aForgedSlabLinkStopsTheNextOperationOnAnotherClass() async {
        let result = await #expect(processExitsWith: Self.expected, observing: [\.standardErrorContent]) {
            let arena = PoolArena(.single(size: 1 << 20))
            let outside = UnsafeMutableRawPointer.allocate(byteCount: 4096, alignment: 4096)
            var slab = SlabByteAllocator()
            try! slab.initialize(start: arena.regions[0].start, size: 1 << 20)
            let a = try! slab.allocate(byteCount: 32, alignment: 16)
            _ = try! slab.allocate(byteCount: 32, alignment: 16)  // keeps the slab in use
            slab.deallocate(a, byteCount: 32, alignment: 16)
            a.storeBytes(of: UInt(bitPattern: outside) + 32, as: UInt.self)  // a's next link
            _ = try! slab.allocate(byteCount: 512, alignment: 16)
        }
        Self.expectTheInternalCheck(result)
    }
}
