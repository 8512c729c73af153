// Words the lemmas use to state specifications independently of the kernels
// they check: bit tests through plain shifts, divisibility through Z3's own
// unsigned remainder, powers of two as a disjunction of the 64 constants.
import Allocators
import AllocatorSpec

typealias Word = SymbolicWord

/// Bit `index` of `x` is set. Requires `index < 64` (an obligation).
func bitIsSet(_ x: Word, _ index: Word) -> SymbolicCondition {
    ((x &>> index) & 1) == 1
}

/// `x` is a multiple of `divisor`, by Z3's bvurem rather than a mask (slow
/// with a symbolic divisor: used where a counterexample is expected).
func isMultiple(_ x: Word, of divisor: Word) -> SymbolicCondition {
    Word.remainder(x, divisor) == 0
}

/// `x` is a multiple of 2^exponent: clearing its low bits by shifting them
/// out and back changes nothing. Requires `exponent < 64`.
func isMultiple(_ x: Word, ofPowerWithExponent exponent: Word) -> SymbolicCondition {
    ((x &>> exponent) &<< exponent) == x
}

extension ProofScope {
    /// A fresh power of two `name` = 2^`name.log2`, with its exponent.
    func powerOfTwo(_ name: String) -> (value: Word, exponent: Word) {
        let exponent = word(name + ".log2")
        let value = word(name)
        assume(exponent < 64 && value == (1 &<< exponent))
        return (value, exponent)
    }
}

/// `x` is one of the 64 powers of two, listed as constants.
func isOneOfThePowersOfTwo(_ x: Word) -> SymbolicCondition {
    SymbolicCondition.any((0 ..< 64).map { x == Word(integerLiteral: 1 << UInt64($0)) })
}

var topBit: Word { Word(integerLiteral: 1 << 63) }
