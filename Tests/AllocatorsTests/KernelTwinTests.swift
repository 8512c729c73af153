import Allocators
import AllocatorSpec
import Testing
import TestSupport

/// The concrete kernels against their symbolic twins on sampled inputs: the
/// code the allocators run computes what the proofs reason about.
@Suite struct KernelTwinTests {
    /// Sampled inputs: edge words, with power-of-two alignments where the
    /// kernel requires one.
    static func samples(_ label: String, arity: Int, powerOfTwoAt: Set<Int> = [], count: Int = 300) -> [[UInt]] {
        var random = SeededRandom.forTest("kernel twin \(label)")
        return (0 ..< count).map { _ in
            (0 ..< arity).map { powerOfTwoAt.contains($0) ? random.powerOfTwo() : random.edgyWord() }
        }
    }

    /// Every twin, by concern; each concern's list lives in `KernelTwins/`.
    /// Built once: each twin owns a Z3 context, and rebuilding them all for
    /// every parameterized case exhausts memory. Each test case evaluates only
    /// its own twin, so no context is shared between concurrent tests.
    nonisolated(unsafe) static let twins: [KernelTwinCase] =
        alignmentTwins + bitTwins + bitmapTwins + runTreeTwins + storageTwins + bitmapStorageTwins + tlsfTwins + buddyTwins + slabTwins

    static func twin(named name: String) -> KernelTwinCase? { twins.first { $0.twin.name == name } }

    @Test func everyCatalogedKernelHasATwin() {
        let twinned = Self.twins.map(\.twin.name)
        #expect(Set(twinned) == Set(KernelCatalog.names))
        #expect(twinned.count == Set(twinned).count, "two twins share a name")
    }

    @Test(arguments: KernelCatalog.names)
    func concreteMatchesSymbolic(kernel: String) throws {
        let entry = try #require(Self.twin(named: kernel), "no twin for \(kernel)")
        let twin = entry.twin
        let samples = entry.samples ?? Self.samples(twin.name, arity: twin.arity, powerOfTwoAt: entry.powerOfTwoInputs)
        let mismatch = twin.firstMismatch(on: samples)
        #expect(mismatch == nil, "\(twin.name): \(String(describing: mismatch))")
    }

    @Test func primitivesMatchTheCPU() {
        var random = SeededRandom.forTest("count zeros")
        let context = Z3Context()
        let x = SymbolicWord(variable: "x", in: context)
        let leading = x.leadingZeros, trailing = x.trailingZeros
        for sample in [0, 1, UInt.max, 1 << 63] + (0 ..< 300).map({ _ in random.edgyWord() }) {
            #expect(leading.evaluate([(x, UInt64(sample))]) == UInt64(sample.leadingZeroBitCount))
            #expect(trailing.evaluate([(x, UInt64(sample))]) == UInt64(sample.trailingZeroBitCount))
        }
    }

    /// The twin check has teeth: a concrete kernel off by one bit of mask is caught.
    @Test func aWrongConcreteKernelIsCaught() {
        let broken = KernelTwin(
            "alignDown (planted bug)", arity: 2,
            symbolic: { Kernels.alignDown($0[0], to: $0[1]) },
            concrete: { $0[0] & ~($0[1] &- 2) }  // wrong mask
        )
        #expect(broken.firstMismatch(on: Self.samples("planted", arity: 2, powerOfTwoAt: [1])) != nil)
    }
}
