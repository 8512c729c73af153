import Foundation
import WCETKit

/// The counter probe's entries (Sources/EmbeddedTargets/Measure/counter-probe.S):
/// straight-line paths, so each static bound is exactly what one call executes.
let counterProbeEntries = ["probe_rep_none", "probe_rep_copy", "probe_rep_fill", "probe_page_crossing"]
/// The probe entry whose count needs the counter's page-crossing correction.
let pageCrossingProbe = "probe_page_crossing"

extension Check {
    /// Checks that the analysis and the instruction counter agree on the
    /// host where they could differ: each probe entry's bound must equal its
    /// measured count (a `rep` of count N is N + 1 executions; an
    /// instruction QEMU moves to a block of its own is counted once), and
    /// counted with `raw=1` (no correction) the page-crossing entry must be
    /// one above, or the probe crossed no page. The failures, if any.
    func checkCounterProbe(_ probe: String, triple: String, toolchain: Toolchain) throws -> [String] {
        let functions = try toolchain.functions(of: probe)
        let symbols = try toolchain.symbols(of: probe)
        let analyzer = Analyzer(architecture: .x86_64, functions: functions, bounds: [], symbolize: { _ in ([], "counter-probe.S") })
        var entries: [(symbol: String, address: UInt64, cuts: [UInt64])] = []
        for name in counterProbeEntries {
            guard let address = symbols[name] else { return ["counter probe: no symbol \(name)"] }
            entries.append((name, address, []))
        }
        func measure(raw: Bool) throws -> [String: (calls: Int, cut: Int, max: Int)] {
            let countFile = "\(probe).counts\(raw ? "-raw" : "").txt"
            try? FileManager.default.removeItem(atPath: countFile)
            _ = try runProcess("/bin/sh", [runner, triple, probe, pluginArguments(countFile: countFile, entries: entries, extra: raw ? ",raw=1" : "")])
            return try readCounts(countFile)
        }
        let measured = try measure(raw: false), uncorrected = try measure(raw: true)
        var failures: [String] = []
        var figures: [String] = []
        for name in counterProbeEntries {
            let result = analyzer.analyze(EntrySpec(symbol: name, kind: .loopFree, summary: name))
            failures += result.violations.map { "counter probe \(name): \($0)" }
            let count = measured[name]?.max ?? -1, raw = uncorrected[name]?.max ?? -1
            figures.append("\(name) \(result.instructions)")
            if count != result.instructions { failures.append("counter probe \(name): bound \(result.instructions), counted \(count); they must be equal") }
            if name == pageCrossingProbe, raw != count + 1 {
                failures.append("counter probe \(name): \(raw) counted without the page-crossing correction, not one above \(count): the probe crossed no page")
            }
        }
        if failures.isEmpty { print("\(triple) counter probe: bound = count for \(figures.joined(separator: ", ")); the page-crossing entry counts one more uncorrected, as it must") }
        return failures
    }
}
