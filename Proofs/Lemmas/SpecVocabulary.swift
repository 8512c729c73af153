// Words the lemmas use to state specifications independently of the kernels
// they check: bit tests through plain shifts, divisibility through Z3's own
// unsigned remainder, powers of two as a disjunction of the width's constants.
// Every helper is generic over the width, like the lemmas.
import Allocators
import AllocatorSpec

/// Bit `index` of `x` is set. Requires `index < bits` (an obligation).
func bitIsSet<let bits: Int>(_ x: SymbolicWord<bits>, _ index: SymbolicWord<bits>) -> SymbolicCondition {
    ((x &>> index) & 1) == 1
}

/// `x` is a multiple of `divisor`, by Z3's bvurem rather than a mask (slow
/// with a symbolic divisor: used where a counterexample is expected).
func isMultiple<let bits: Int>(_ x: SymbolicWord<bits>, of divisor: SymbolicWord<bits>) -> SymbolicCondition {
    SymbolicWord.remainder(x, divisor) == 0
}

/// `x` is a multiple of 2^exponent: clearing its low bits by shifting them
/// out and back changes nothing. Requires `exponent < bits`.
func isMultiple<let bits: Int>(_ x: SymbolicWord<bits>, ofPowerWithExponent exponent: SymbolicWord<bits>) -> SymbolicCondition {
    ((x &>> exponent) &<< exponent) == x
}

/// `x` is one of the `bits` powers of two, listed as constants.
func isOneOfThePowersOfTwo<let bits: Int>(_ x: SymbolicWord<bits>) -> SymbolicCondition {
    SymbolicCondition.any((0 ..< bits).map { x == .power($0) })
}

/// `x + y` does not wrap: `x <= max - y`.
func addsWithoutWrapping<let bits: Int>(_ x: SymbolicWord<bits>, _ y: SymbolicWord<bits>) -> SymbolicCondition {
    x <= ~y
}

extension ProofScope {
    /// A fresh power of two `name` = 2^`name.log2`, with its exponent.
    func powerOfTwo(_ name: String) -> (value: SymbolicWord<bits>, exponent: SymbolicWord<bits>) {
        let exponent = word(name + ".log2")
        let value = word(name)
        assume(exponent < .width && value == (1 &<< exponent))
        return (value, exponent)
    }
}
