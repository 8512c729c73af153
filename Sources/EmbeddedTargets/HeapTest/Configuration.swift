/// What the heap test runs: its seed, its lengths and the regions each
/// allocator gets from the board's arena. `allocators-wcet` reads the
/// region sizes from the line `HeapTestConfiguration.report()` prints, for
/// the loop bounds that depend on them.
enum HeapTestConfiguration {
    /// The seed of every workload (each allocator mixes in its own number).
    /// Change it to run another workload; a failure prints the seed it ran.
    static let seed: UInt64 = 0x5EED_0F15_A110_CA7E

    /// Steps with every check after each one.
    static let checkedSteps = 3_000
    /// Steps with checks only at the end: the long run whose per-operation
    /// instruction counts are compared with the static bounds.
    static let measuredSteps = 20_000
    /// Live blocks at most.
    static let slots = 128

    static let tlsfPoolBytes = 1 << 20
    static let tlsfSecondPoolBytes = 256 << 10
    static let slabRegionBytes = 2 << 20
    static let buddyRegionBytes = 512 << 10
    static let bitmapPages = 2048
    static let pageBytes = 4096

    static func report() {
        print("heap-test config: seed \(hex(seed)) checked-steps \(checkedSteps) measured-steps \(measuredSteps) slots \(slots) tlsf-pools \(tlsfPoolBytes),\(tlsfSecondPoolBytes) slab-region \(slabRegionBytes) buddy-region \(buddyRegionBytes) bitmap-pages \(bitmapPages) word-bits \(UInt.bitWidth)")
    }
}

/// `0x…` of a 64-bit value (Embedded Swift prints no radix of its own).
func hex(_ value: UInt64) -> String {
    let digits: StaticString = "0123456789abcdef"
    var text = "0x"
    var started = false
    for shift in stride(from: 60, through: 0, by: -4) {
        let digit = Int((value >> UInt64(shift)) & 15)
        if digit != 0 || started || shift == 0 {
            started = true
            text.append(Character(Unicode.Scalar(digits.utf8Start[digit])))
        }
    }
    return text
}
