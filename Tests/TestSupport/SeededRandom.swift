#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A seeded SplitMix64 generator: the same seed gives the same sequence on
/// every machine. Every random test makes one with `forTest(_:)`, which prints
/// the seed so a failure can be replayed with `ALLOCATORS_SEED=<seed>`.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    public let seed: UInt64
    private var state: UInt64

    public init(seed: UInt64) {
        self.seed = seed
        state = seed
    }

    /// The generator for the test `label`: seeded from `ALLOCATORS_SEED` when
    /// set, otherwise from a fixed default, and announced on standard output.
    public static func forTest(_ label: String, defaultSeed: UInt64 = 0xA110_CA7E) -> SeededRandom {
        var seed = defaultSeed
        if let text = getenv("ALLOCATORS_SEED"), let value = UInt64(String(cString: text)) { seed = value }
        print("[seed] \(label): ALLOCATORS_SEED=\(seed)")
        return SeededRandom(seed: seed)
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension SeededRandom {
    /// Words that hit the edges: 0, 1, around every power of two and the top,
    /// mixed with uniformly random words.
    public mutating func edgyWord() -> UInt {
        switch Int.random(in: 0 ..< 4, using: &self) {
        case 0: return UInt.random(in: 0 ... .max, using: &self)
        case 1: return UInt.max &- UInt.random(in: 0 ..< 4096, using: &self)
        default:
            let power = UInt(1) << UInt.random(in: 0 ..< 64, using: &self)
            return power &+ UInt(bitPattern: Int.random(in: -2 ... 2, using: &self))
        }
    }

    /// A power of two with a random exponent.
    public mutating func powerOfTwo(maxExponent: Int = 63) -> UInt {
        UInt(1) << UInt.random(in: 0 ... UInt(maxExponent), using: &self)
    }
}
