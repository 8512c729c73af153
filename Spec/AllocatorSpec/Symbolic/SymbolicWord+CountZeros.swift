// The two trusted primitives, leading and trailing zero counts, have no Z3
// builtin; they are encoded here by binary search over halves of the word.
// Their lemmas in `allocators-verify` (PrimitiveLemmas) check the encodings
// against their definitions at every width, and the kernel twin tests
// against `UInt32` and `UInt64`.
import Allocators

extension SymbolicWord {
    func countZeros(fromTop: Bool) -> SymbolicWord {
        if let value = constantValue {
            // `value` fits the width, so its top `64 - bits` bits are clear.
            let count = fromTop ? value.leadingZeroBitCount - (64 - bits) : Swift.min(value.trailingZeroBitCount, bits)
            return .constant(count)
        }
        // At each step, if the outer `width` bits that are still unexamined
        // are all zero, count them and shift them out of view.
        var x = self
        var count: SymbolicWord = 0
        var width = bits / 2
        while width >= 1 {
            let low = Self.mask >> UInt64(bits - width)  // the low `width` bits
            let outer = SymbolicWord(integerLiteral: fromTop ? low << UInt64(bits - width) : low)
            let empty = (x & outer) == 0
            let shift = SymbolicWord.constant(width)
            count = Self.select(empty, count &+ shift, count)
            x = Self.select(empty, fromTop ? x &<< shift : x &>> shift, x)
            width /= 2
        }
        // bits - 1 counted so far with the last bit still unexamined: it is zero only for x == 0.
        let last: SymbolicWord = fromTop ? .topBit : 1
        return Self.select((x & last) == 0, count &+ 1, count)
    }
}
