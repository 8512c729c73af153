import Allocators
import AllocatorSpec

/// A word width the twins run at: `Concrete` is the machine word of a target
/// of that width (`UInt32` for the 32-bit Embedded targets, `UInt64` for
/// 64-bit ones), `SymbolicWord<bits>` its symbolic counterpart.
public struct TwinWidth<Concrete: ConcreteKernelWord, let bits: Int>: Sendable {
    public init() { precondition(Concrete.bitWidth == bits, "\(Concrete.self) is not \(bits) bits wide") }

    /// A twin of a kernel call `body`, written once over any `KernelWord` and
    /// run at this width both ways. Pass the same generic function twice:
    /// `width.twin("alignDown", arity: 2, alignDown, alignDown)`.
    public func twin(
        _ name: String, arity: Int,
        _ symbolic: ([SymbolicWord<bits>]) -> SymbolicWord<bits>,
        _ concrete: @escaping ([Concrete]) -> Concrete
    ) -> KernelTwin {
        KernelTwin(name, arity: arity, symbolic: symbolic, concrete: concrete)
    }
}

/// The machine words the twins run kernels on concretely; `UInt32` and
/// `UInt64` conform in this target (`FixedWidthInteger+KernelWord.swift`).
public protocol ConcreteKernelWord: KernelWord, FixedWidthInteger, UnsignedInteger, Sendable where Condition == Bool {}

/// A kernel run twice at one width: concretely on the machine word (as a
/// target of that width runs it) and symbolically, built once over Z3
/// variables and evaluated by Z3 for each sample. Same outputs on every
/// sample is the twin check.
public struct KernelTwin {
    public let name: String
    /// The word width, in bits.
    public let width: Int
    /// Number of inputs.
    public let arity: Int
    private let mismatch: ([[UInt64]]) -> Mismatch?

    /// Where the twins disagree: the sample, the concrete output and Z3's.
    public struct Mismatch: CustomStringConvertible {
        public let sample: [UInt64]
        public let concrete: UInt64
        public let symbolic: UInt64?
        public var description: String { "inputs \(sample): concrete \(concrete), symbolic \(symbolic.map(String.init) ?? "none")" }
    }

    /// `arity` inputs; `symbolic` and `concrete` must be the same kernel call,
    /// with conditions mapped to 1 and 0 by `wordOf`.
    public init<Concrete: ConcreteKernelWord, let bits: Int>(
        _ name: String, arity: Int,
        symbolic: ([SymbolicWord<bits>]) -> SymbolicWord<bits>,
        concrete: @escaping ([Concrete]) -> Concrete
    ) {
        self.name = name
        width = bits
        self.arity = arity
        let context = Z3Context()
        let inputs = (0 ..< arity).map { SymbolicWord<bits>(variable: "x\($0)", in: context) }
        let term = symbolic(inputs)
        // The inputs keep their Z3 context alive as long as this closure.
        mismatch = { samples in
            for sample in samples {
                let expected = UInt64(concrete(sample.map { Concrete(truncatingIfNeeded: $0) }))
                let actual = term.evaluate(Array(zip(inputs, sample)))
                if actual != expected { return Mismatch(sample: sample, concrete: expected, symbolic: actual) }
            }
            return nil
        }
    }

    /// The first sample on which the twins disagree. Samples must fit the width.
    public func firstMismatch(on samples: [[UInt64]]) -> Mismatch? { mismatch(samples) }
}

/// 1 for true, 0 for false: how twins compare conditions.
@inlinable
public func wordOf<W: KernelWord>(_ condition: W.Condition) -> W { select(condition, 1, 0) }

/// A twin with the inputs it is sampled on: by default edge words of its
/// width, with a power of two at each index of `powerOfTwoInputs`; or
/// explicit `samples` (which must fit the width).
public struct KernelTwinCase {
    public let twin: KernelTwin
    public let powerOfTwoInputs: Set<Int>
    public let samples: [[UInt64]]?

    public init(_ twin: KernelTwin, powerOfTwoInputs: Set<Int> = [], samples: [[UInt64]]? = nil) {
        self.twin = twin
        self.powerOfTwoInputs = powerOfTwoInputs
        self.samples = samples
    }
}

extension KernelWord {
    /// `bitWidth - 1`: masks an input into a bit index, a shift amount or an order.
    public static var lastBitIndex: Self { Self(word: UInt(bitWidth - 1)) }
    /// `bitWidth` as a word.
    public static var bitWidthWord: Self { Self(word: UInt(bitWidth)) }
}

extension SeededRandom {
    /// Words of `bits` bits that hit the edges: 0, 1, around every power of
    /// two and the top, mixed with uniformly random words.
    public mutating func edgyWord(bits: Int) -> UInt64 {
        let mask: UInt64 = bits >= 64 ? .max : (1 << UInt64(bits)) - 1
        switch Int.random(in: 0 ..< 4, using: &self) {
        case 0: return UInt64.random(in: 0 ... mask, using: &self)
        case 1: return mask &- UInt64.random(in: 0 ..< 4096, using: &self)
        default:
            let power = UInt64(1) << UInt64.random(in: 0 ..< UInt64(bits), using: &self)
            return (power &+ UInt64(bitPattern: Int64.random(in: -2 ... 2, using: &self))) & mask
        }
    }

    /// A power of two of `bits` bits, exponent at most `maxExponent`.
    public mutating func powerOfTwo(bits: Int, maxExponent: Int? = nil) -> UInt64 {
        UInt64(1) << UInt64.random(in: 0 ... UInt64(maxExponent ?? bits - 1), using: &self)
    }
}
