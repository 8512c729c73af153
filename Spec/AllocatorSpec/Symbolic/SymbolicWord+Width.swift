// Constants derived from the width, so that one lemma source states the same
// fact at every width (`i < .width`, not `i < 64`). A literal that does not
// fit the width traps (`SymbolicWord(integerLiteral:)`), which keeps
// one-width constants out of the lemmas.
extension SymbolicWord {
    /// The width, `bits`, as a word.
    public static var width: Self { Self(integerLiteral: UInt64(bits)) }

    /// The highest bit alone: 2^(bits - 1).
    public static var topBit: Self { power(bits - 1) }

    /// Every bit set: 2^bits - 1.
    public static var allOnes: Self { Self(.constant(mask)) }

    /// Bytes in a word: `bits / 8`.
    public static var byteCount: Self { Self(integerLiteral: UInt64(bits / 8)) }

    /// 2^`exponent`, for `exponent` in `0 ..< bits`.
    public static func power(_ exponent: Int) -> Self {
        precondition(exponent >= 0 && exponent < bits, "2^\(exponent) does not fit \(bits) bits")
        return Self(integerLiteral: 1 << UInt64(exponent))
    }

    /// `value` as a word, for a count or index known to fit (`Int` constants
    /// of the lemmas: loop positions, class sizes).
    public static func constant(_ value: Int) -> Self {
        precondition(value >= 0, "negative constant \(value)")
        return Self(integerLiteral: UInt64(value))
    }
}
