import Allocators
import AllocatorSpec

/// A kernel run twice: concretely on `UInt` (as the allocators run it) and
/// symbolically, built once over Z3 variables and evaluated by Z3 for each
/// sample. Same outputs on every sample is the twin check.
public struct KernelTwin {
    public let name: String
    let inputs: [SymbolicWord]
    let symbolic: SymbolicWord
    let concrete: ([UInt]) -> UInt
    let context: Z3Context
    /// Number of inputs.
    public var arity: Int { inputs.count }

    /// `arity` inputs; `symbolic` and `concrete` must be the same kernel call,
    /// with conditions mapped to 1 and 0 by `select`.
    public init(
        _ name: String, arity: Int,
        symbolic: ([SymbolicWord]) -> SymbolicWord,
        concrete: @escaping ([UInt]) -> UInt
    ) {
        self.name = name
        context = Z3Context()
        let context = context
        inputs = (0 ..< arity).map { SymbolicWord(variable: "x\($0)", in: context) }
        self.symbolic = symbolic(inputs)
        self.concrete = concrete
    }

    /// The first sample on which the twins disagree, with both outputs.
    public func firstMismatch(on samples: [[UInt]]) -> (sample: [UInt], concrete: UInt, symbolic: UInt64?)? {
        for sample in samples {
            let bindings = zip(inputs, sample).map { ($0, UInt64($1)) }
            let expected = concrete(sample)
            let actual = symbolic.evaluate(bindings)
            if actual != UInt64(expected) { return (sample, expected, actual) }
        }
        return nil
    }
}

/// 1 for true, 0 for false: how twins compare conditions.
@inlinable
public func wordOf<W: KernelWord>(_ condition: W.Condition) -> W { select(condition, 1, 0) }

/// A twin with the inputs it is sampled on: by default edge words, with a
/// power of two at each index of `powerOfTwoInputs`; or explicit `samples`.
public struct KernelTwinCase {
    public let twin: KernelTwin
    public let powerOfTwoInputs: Set<Int>
    public let samples: [[UInt]]?

    public init(_ twin: KernelTwin, powerOfTwoInputs: Set<Int> = [], samples: [[UInt]]? = nil) {
        self.twin = twin
        self.powerOfTwoInputs = powerOfTwoInputs
        self.samples = samples
    }
}
