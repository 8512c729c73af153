import EmbeddedHeap

/// An example firmware: sensors sampled into ring buffers, summarized and
/// logged over the board's UART, with sensors hot-swapped as it runs. Every
/// class instance and array comes from the TLSF heap of `EmbeddedHeap`; at
/// the end the heap must be back where it started, and consistent.
@main
struct Firmware {
    static func main() {
        let baseline = EmbeddedHeap.statistics.usedBytes
        var random = XorShift(state: 0x2545_F491)
        var peak = 0
        do {
            var sensors: [Sensor] = []
            for id in 0 ..< 8 { sensors.append(Sensor(id: id, historyLength: 16 + 8 * id)) }
            for tick in 1 ... 2_000 {
                for sensor in sensors { sensor.record(Int32(truncatingIfNeeded: random.next() % 4096)) }
                if tick % 250 == 0 {
                    let slot = Int(random.next() % UInt32(sensors.count))
                    let old = sensors[slot]
                    print("tick \(tick): sensor \(old.id) mean \(old.mean), replaced")
                    sensors[slot] = Sensor(id: old.id + 100, historyLength: 8 + Int(random.next() % 200))
                }
                peak = max(peak, EmbeddedHeap.statistics.usedBytes)
            }
            var report: [Int32] = []
            for sensor in sensors { report.append(sensor.mean) }
            print("means: \(report.count) sensors, first \(report[0])")
        }
        let statistics = EmbeddedHeap.statistics
        print("heap: \(statistics.totalBytes) bytes, peak \(peak - baseline) used by the program, \(statistics.usedBytes - baseline) still used")
        guard statistics.usedBytes == baseline, EmbeddedHeap.checkIntegrity() else {
            fatalError("firmware: the heap did not return to its baseline")
        }
        print("firmware: PASS")
    }
}

/// One sensor: its id and a ring buffer of its last readings.
final class Sensor {
    let id: Int
    var history: [Int32]
    var next = 0

    init(id: Int, historyLength: Int) {
        self.id = id
        history = Array(repeating: 0, count: historyLength)
    }

    func record(_ reading: Int32) {
        history[next] = reading
        next = (next + 1) % history.count
    }

    var mean: Int32 {
        var sum = 0
        for reading in history { sum += Int(reading) }
        return Int32(sum / history.count)
    }
}

/// Marsaglia's xorshift32: a deterministic stream, no entropy source needed.
struct XorShift {
    var state: UInt32
    mutating func next() -> UInt32 {
        state ^= state << 13
        state ^= state >> 17
        state ^= state << 5
        return state
    }
}
