/// What an allocator's `checkIntegrity()` found broken, and where: the one
/// integrity error of every allocator in this package.
///
/// `checkIntegrity()` walks an allocator's whole state and throws the first
/// inconsistency it finds. The tests call it after every step of every
/// model-checked run; with `ALLOCATORS_INTERNAL_CHECKS` the allocators call it
/// themselves after every mutating operation.
@frozen
public struct IntegrityViolation: Error, Sendable, Equatable {
    /// The allocator that found it: "TLSF", "buddy", "slab", "bitmap".
    public let allocator: StaticString
    /// What is wrong ("two adjacent free blocks were not merged").
    public let problem: StaticString
    /// Where: the address of the block, page or descriptor concerned (a unit
    /// number for the bitmap allocators; 0 when no single place is).
    public let address: UInt

    @inlinable
    public init(_ allocator: StaticString, _ problem: StaticString, at address: UInt = 0) {
        self.allocator = allocator
        self.problem = problem
        self.address = address
    }

    public static func == (lhs: IntegrityViolation, rhs: IntegrityViolation) -> Bool {
        lhs.address == rhs.address && sameText(lhs.allocator, rhs.allocator) && sameText(lhs.problem, rhs.problem)
    }

    static func sameText(_ a: StaticString, _ b: StaticString) -> Bool {
        a.withUTF8Buffer { x in b.withUTF8Buffer { y in x.elementsEqual(y) } }
    }
}

#if !hasFeature(Embedded)
extension IntegrityViolation: CustomStringConvertible {
    /// "TLSF: two adjacent free blocks were not merged at 0x1f40".
    public var description: String {
        "\(allocator): \(problem) at 0x" + String(address, radix: 16)
    }
}
#endif

/// Stops the program because an allocator found its own metadata corrupted
/// (a free-list link, boundary tag or size that fails its check): the
/// memory was overwritten by a use after free or an overflow. The allocator
/// never follows such a pointer; it stops before, with the address.
///
/// The message reads "TLSF: corrupted free list at 0x7f00c0de0000".
@inline(never) @usableFromInline
func metadataCorruption(_ allocator: StaticString, _ what: StaticString, at address: UInt) -> Never {
    #if hasFeature(Embedded)
    // No String machinery on a microcontroller: the same message, piece by piece.
    print(allocator, terminator: ": corrupted ")
    print(what, terminator: " at 0x")
    printHex(address)
    fatalError()
    #else
    fatalError("\(allocator): corrupted \(what) at 0x" + String(address, radix: 16))
    #endif
}

#if hasFeature(Embedded)
/// The platform's `putchar`, which Embedded Swift's `print` writes through.
@_silgen_name("putchar")
func platformPutchar(_ character: Int32) -> Int32

/// Prints `value` in hexadecimal and a newline, without `String`.
@inline(never)
func printHex(_ value: UInt) {
    var shift = UInt.bitWidth - 4
    var started = false
    while true {
        let digit = Int32(truncatingIfNeeded: (value &>> UInt(shift)) & 15)
        if digit != 0 || started || shift == 0 {
            _ = platformPutchar(digit < 10 ? 48 + digit : 87 + digit)
            started = true
        }
        if shift == 0 { break }
        shift -= 4
    }
    _ = platformPutchar(10)
}
#endif
