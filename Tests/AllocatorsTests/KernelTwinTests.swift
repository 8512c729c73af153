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

    static var twins: [(KernelTwin, Set<Int>)] { [
        (KernelTwin("isPowerOfTwo", arity: 1, symbolic: { wordOf(Kernels.isPowerOfTwo($0[0])) },
                    concrete: { wordOf(Kernels.isPowerOfTwo($0[0])) }), []),
        (KernelTwin("isAligned", arity: 2, symbolic: { wordOf(Kernels.isAligned($0[0], to: $0[1])) },
                    concrete: { wordOf(Kernels.isAligned($0[0], to: $0[1])) }), [1]),
        (KernelTwin("alignDown", arity: 2, symbolic: { Kernels.alignDown($0[0], to: $0[1]) },
                    concrete: { Kernels.alignDown($0[0], to: $0[1]) }), [1]),
        (KernelTwin("alignUpUnchecked", arity: 2, symbolic: { Kernels.alignUpUnchecked($0[0], to: $0[1]) },
                    concrete: { Kernels.alignUpUnchecked($0[0], to: $0[1]) }), [1]),
        (KernelTwin("alignUpOverflows", arity: 2, symbolic: { wordOf(Kernels.alignUpOverflows($0[0], to: $0[1])) },
                    concrete: { wordOf(Kernels.alignUpOverflows($0[0], to: $0[1])) }), [1]),
        (KernelTwin("alignUp", arity: 2, symbolic: { Kernels.alignUp($0[0], to: $0[1]).value },
                    concrete: { Kernels.alignUp($0[0], to: $0[1]).value }), [1]),
        (KernelTwin("bit", arity: 1, symbolic: { Kernels.bit($0[0] & 63) },
                    concrete: { Kernels.bit($0[0] & 63) }), []),
        (KernelTwin("lowMask", arity: 1, symbolic: { Kernels.lowMask(Word.remainder($0[0], 65)) },
                    concrete: { Kernels.lowMask($0[0] % 65) }), []),
        (KernelTwin("findFirstSet", arity: 1, symbolic: { Kernels.findFirstSet($0[0]) },
                    concrete: { Kernels.findFirstSet($0[0]) }), []),
        (KernelTwin("findFirstSetAtOrAbove", arity: 2, symbolic: { Kernels.findFirstSetAtOrAbove($0[0], $0[1] & 127) },
                    concrete: { Kernels.findFirstSetAtOrAbove($0[0], $0[1] & 127) }), []),
        (KernelTwin("floorLog2", arity: 1, symbolic: { Kernels.floorLog2($0[0] | 1) },
                    concrete: { Kernels.floorLog2($0[0] | 1) }), []),
        (KernelTwin("ceilLog2", arity: 1, symbolic: { Kernels.ceilLog2($0[0]) },
                    concrete: { Kernels.ceilLog2($0[0]) }), []),
        (KernelTwin("nextPowerOfTwoOverflows", arity: 1, symbolic: { wordOf(Kernels.nextPowerOfTwoOverflows($0[0])) },
                    concrete: { wordOf(Kernels.nextPowerOfTwoOverflows($0[0])) }), []),
        (KernelTwin("nextPowerOfTwo", arity: 1, symbolic: { Kernels.nextPowerOfTwo($0[0]).value },
                    concrete: { Kernels.nextPowerOfTwo($0[0]).value }), []),
    ] }
    typealias Word = SymbolicWord

    @Test func everyCatalogedKernelHasATwin() {
        #expect(Self.twins.count == 14)
        let twinned = Set(Self.twins.map(\.0.name))
        #expect(twinned == Set(KernelCatalog.names))
    }

    @Test(arguments: 0 ..< 14)
    func concreteMatchesSymbolic(index: Int) {
        let (twin, powers) = Self.twins[index]
        let mismatch = twin.firstMismatch(on: Self.samples(twin.name, arity: twin.arity, powerOfTwoAt: powers))
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
