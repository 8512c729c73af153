// The two trusted primitives, leading and trailing zero counts, have no Z3
// builtin; they are encoded here by binary search over halves of the word.
// Their lemmas in `allocators-verify` (PrimitiveLemmas) check the encodings
// against their definitions, and the kernel twin tests against `UInt`.
import Allocators

extension SymbolicWord {
    func countZeros(fromTop: Bool) -> SymbolicWord {
        if let value = constantValue {
            return SymbolicWord(integerLiteral: UInt64(fromTop ? value.leadingZeroBitCount : value.trailingZeroBitCount))
        }
        // At each step, if the outer `width` bits that are still unexamined
        // are all zero, count them and shift them out of view.
        var x = self
        var count: SymbolicWord = 0
        var width: UInt64 = 32
        while width >= 1 {
            let outer: SymbolicWord = fromTop
                ? SymbolicWord(integerLiteral: ~UInt64(0) << (64 - width))
                : SymbolicWord(integerLiteral: ~UInt64(0) >> (64 - width))
            let empty = (x & outer) == 0
            let shift = SymbolicWord(integerLiteral: width)
            count = Self.select(empty, count &+ shift, count)
            x = Self.select(empty, fromTop ? x &<< shift : x &>> shift, x)
            width /= 2
        }
        // 63 counted so far with the last bit still unexamined: it is zero only for x == 0.
        let last: SymbolicWord = fromTop ? SymbolicWord(integerLiteral: 1 << 63) : 1
        return Self.select((x & last) == 0, count &+ 1, count)
    }
}
