import Allocators
import AllocatorSpec
import Testing
import TestSupport

/// The concrete kernels against their symbolic twins on sampled inputs, at
/// both word widths: the code the allocators run, on `UInt32` as a 32-bit
/// target runs it and on `UInt64`, computes what the proofs reason about at
/// that width.
@Suite struct KernelTwinTests {
    static let widths = [32, 64]

    /// Sampled inputs: edge words of the width, with power-of-two alignments
    /// where the kernel requires one.
    static func samples(_ label: String, bits: Int, arity: Int, powerOfTwoAt: Set<Int> = [], count: Int = 300) -> [[UInt64]] {
        var random = SeededRandom.forTest("kernel twin \(label) at \(bits) bits")
        return (0 ..< count).map { _ in
            (0 ..< arity).map { powerOfTwoAt.contains($0) ? random.powerOfTwo(bits: bits) : random.edgyWord(bits: bits) }
        }
    }

    /// Every twin at one width, by concern; each concern's list lives in `KernelTwins/`.
    static func twins<C, let bits: Int>(_ width: TwinWidth<C, bits>) -> [KernelTwinCase] {
        alignmentTwins(width) + bitTwins(width) + bitmapTwins(width) + runTreeTwins(width) + storageTwins(width)
            + bitmapStorageTwins(width) + tlsfTwins(width)
            + buddyTwins(width) + slabTwins(width) + slabFreeListTwins(width)
    }

    /// Every twin at every width. Built once: each twin owns a Z3 context,
    /// and rebuilding them all for every parameterized case exhausts memory.
    /// Each test case evaluates only its own twin, so no context is shared
    /// between concurrent tests.
    nonisolated(unsafe) static let twins: [KernelTwinCase] = twins(TwinWidth<UInt32, 32>()) + twins(TwinWidth<UInt64, 64>())

    static func twin(named name: String, width: Int) -> KernelTwinCase? {
        twins.first { $0.twin.name == name && $0.twin.width == width }
    }

    @Test(arguments: widths)
    func everyCatalogedKernelHasATwin(width: Int) {
        let twinned = Self.twins.filter { $0.twin.width == width }.map(\.twin.name)
        #expect(Set(twinned) == Set(KernelCatalog.names))
        #expect(twinned.count == Set(twinned).count, "two twins share a name")
    }

    @Test(arguments: widths, KernelCatalog.names)
    func concreteMatchesSymbolic(width: Int, kernel: String) throws {
        let entry = try #require(Self.twin(named: kernel, width: width), "no \(width)-bit twin for \(kernel)")
        let twin = entry.twin
        let samples = entry.samples
            ?? Self.samples(twin.name, bits: width, arity: twin.arity, powerOfTwoAt: entry.powerOfTwoInputs)
        let mismatch = twin.firstMismatch(on: samples)
        #expect(mismatch == nil, "\(twin.name) at \(width) bits: \(String(describing: mismatch))")
    }

    @Test func primitivesMatchTheCPUAtBothWidths() {
        func check<C: ConcreteKernelWord, let bits: Int>(_: TwinWidth<C, bits>) {
            var random = SeededRandom.forTest("count zeros at \(bits) bits")
            let context = Z3Context()
            let x = SymbolicWord<bits>(variable: "x", in: context)
            let leading = x.leadingZeros, trailing = x.trailingZeros
            for sample in [0, 1, C.max, C(1) << (bits - 1)] + (0 ..< 300).map({ _ in C(random.edgyWord(bits: bits)) }) {
                #expect(leading.evaluate([(x, UInt64(sample))]) == UInt64(sample.leadingZeroBitCount))
                #expect(trailing.evaluate([(x, UInt64(sample))]) == UInt64(sample.trailingZeroBitCount))
            }
        }
        check(TwinWidth<UInt32, 32>())
        check(TwinWidth<UInt64, 64>())
    }

    /// The twin check has teeth: a concrete kernel off by one bit of mask is caught.
    @Test func aWrongConcreteKernelIsCaught() {
        let broken = KernelTwin(
            "alignDown (planted bug)", arity: 2,
            symbolic: { (x: [SymbolicWord<32>]) in Kernels.alignDown(x[0], to: x[1]) },
            concrete: { (x: [UInt32]) in x[0] & ~(x[1] &- 2) }  // wrong mask
        )
        #expect(broken.firstMismatch(on: Self.samples("planted", bits: 32, arity: 2, powerOfTwoAt: [1])) != nil)
    }

    /// The symbolic word's width is real: the same kernel call on the same
    /// inputs differs between 32 and 64 bits where wrapping does.
    @Test func theWidthChangesWrapping() {
        let context = Z3Context()
        let narrow = SymbolicWord<32>(variable: "x", in: context), wide = SymbolicWord<64>(variable: "y", in: context)
        let x: UInt64 = 0xFFFF_FFF0
        let narrowOverflow: SymbolicWord<32> = wordOf(Kernels.alignUp(narrow, to: 32).overflow)
        let wideOverflow: SymbolicWord<64> = wordOf(Kernels.alignUp(wide, to: 32).overflow)
        #expect(narrowOverflow.evaluate([(narrow, x)]) == 1)
        #expect(wideOverflow.evaluate([(wide, x)]) == 0)
        #expect(Kernels.alignUp(UInt32(x), to: 32).overflow && !Kernels.alignUp(x, to: 32).overflow)
    }
}
