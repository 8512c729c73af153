// The machine words of 32- and 64-bit targets as kernel words, for the tests
// only (the library conforms `UInt` alone): the twin tests run every kernel
// concretely on `UInt32`, as a 32-bit Embedded target does, and on `UInt64`,
// against `SymbolicWord<32>` and `SymbolicWord<64>`.
import Allocators

extension ConcreteKernelWord {
    public init(word: UInt) { self.init(truncatingIfNeeded: word) }
    public static func quotient(_ lhs: Self, _ rhs: Self) -> Self { lhs / rhs }
    public static func remainder(_ lhs: Self, _ rhs: Self) -> Self { lhs % rhs }
    public var leadingZeros: Self { Self(leadingZeroBitCount) }
    public var trailingZeros: Self { Self(trailingZeroBitCount) }

    public static func select(_ condition: Bool, _ whenTrue: @autoclosure () -> Self, _ whenFalse: @autoclosure () -> Self) -> Self {
        condition ? whenTrue() : whenFalse()
    }
}

extension UInt32: KernelWord, ConcreteKernelWord {}
extension UInt64: KernelWord, ConcreteKernelWord {}
