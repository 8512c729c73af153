/// Formatting of the results: the terminal table, CSV, JSON and a Markdown summary.
public enum Report {
    /// The backend every ratio is taken against.
    public static let reference = "mimalloc"

    static func ratio(_ r: BackendResult, in results: [BackendResult]) -> Double? {
        guard let ns = r.nsPerOp,
              let ref = results.first(where: { $0.trace == r.trace && $0.backend == reference })?.nsPerOp, ref > 0
        else { return nil }
        return ns / ref
    }

    public static func number(_ x: Double?) -> String {
        guard let x else { return "-" }
        if x >= 100 { return grouped(Int(x.rounded())) }
        if x >= 10 { return String(Double(Int(x * 10)) / 10) }
        let hundredths = Int((x * 100).rounded())
        let frac = hundredths % 100
        return "\(hundredths / 100).\(frac < 10 ? "0" : "")\(frac)"
    }

    public static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(c)
        }
        return n < 0 ? "-" + out : out
    }

    public static func bytes(_ n: Int?) -> String {
        guard let n else { return "-" }
        if n >= 1 << 20 { return number(Double(n) / Double(1 << 20)) + " MiB" }
        if n >= 1 << 10 { return number(Double(n) / Double(1 << 10)) + " KiB" }
        return "\(n) B"
    }

    static let columns = ["trace", "backend", "ns/op", "x mimalloc", "p50", "p99.9", "p99.99", "max", "high-water", "min pool", "fail", "misal", "overlap", "note"]

    static func row(_ r: BackendResult, _ results: [BackendResult]) -> [String] {
        let c = r.check
        return [
            r.trace, r.backend, number(r.nsPerOp), ratio(r, in: results).map { number($0) } ?? "-",
            number(r.latency?.p50), number(r.latency?.p999), number(r.latency?.p9999), number(r.latency?.max),
            bytes(c?.highWater), r.minPool.map { bytes($0) } ?? (r.minPoolNote == nil ? "-" : "none"),
            c.map { String($0.failures) } ?? "-", c.map { String($0.misaligned) } ?? "-", c.map { String($0.overlaps) } ?? "-",
            r.skipped ?? r.minPoolNote ?? misalignedNote(c),
        ]
    }

    static func misalignedNote(_ c: CheckReport?) -> String {
        guard let c, !c.misalignedExamples.isEmpty else { return "" }
        return "misaligned (size/align +offset): " + c.misalignedExamples.joined(separator: ", ")
    }

    /// Whether a result is worth a table row (backends that do not replay a
    /// trace's kind are left out; CSV and JSON keep them).
    static func shown(_ r: BackendResult) -> Bool { !(r.skipped?.hasPrefix("not applicable") ?? false) }

    /// The terminal table: one row per trace and backend.
    public static func table(_ results: [BackendResult]) -> String {
        aligned([columns] + results.filter(shown).map { row($0, results) }, left: [0, 1, columns.count - 1])
    }

    /// The same rows as a Markdown table, for the README.
    public static func markdown(_ results: [BackendResult]) -> String {
        markdown([columns] + results.filter(shown).map { row($0, results) }, left: [0, 1, columns.count - 1])
    }

    /// A Markdown matrix, traces down and backends across, of one figure per result.
    public static func matrix(_ results: [BackendResult], cell: (BackendResult) -> String) -> String {
        matrix(results, trace: \.trace, backend: \.backend) { shown($0) ? cell($0) : "" }
    }

    /// Rows (the first one the header) as a terminal table: columns padded to
    /// their widest cell, those in `left` left-aligned, the others right-aligned.
    public static func aligned(_ rows: [[String]], left: Set<Int>) -> String {
        var widths = [Int](repeating: 0, count: rows.first?.count ?? 0)
        for r in rows { for (i, cell) in r.enumerated() { widths[i] = max(widths[i], cell.count) } }
        var out = ""
        for (n, r) in rows.enumerated() {
            var line = ""
            for (i, cell) in r.enumerated() {
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                line += (left.contains(i) ? cell + pad : pad + cell) + "  "
            }
            while line.last == " " { line.removeLast() }
            out += line + "\n"
            if n == 0 { out += String(repeating: "-", count: line.count) + "\n" }
        }
        return out
    }

    /// Rows (the first one the header) as a Markdown table, columns in `left` left-aligned.
    public static func markdown(_ rows: [[String]], left: Set<Int>) -> String {
        guard let header = rows.first else { return "" }
        var out = "| " + header.joined(separator: " | ") + " |\n"
        out += "|" + header.indices.map { left.contains($0) ? "---" : "---:" }.joined(separator: "|") + "|\n"
        for r in rows.dropFirst() { out += "| " + r.joined(separator: " | ") + " |\n" }
        return out
    }

    /// A Markdown matrix of `rows`, traces down and backends across (in the
    /// order they first appear), one cell per row.
    public static func matrix<R>(_ rows: [R], trace: (R) -> String, backend: (R) -> String, cell: (R) -> String) -> String {
        var traces: [String] = []
        var backends: [String] = []
        for r in rows {
            if !traces.contains(trace(r)) { traces.append(trace(r)) }
            if !backends.contains(backend(r)) { backends.append(backend(r)) }
        }
        var out = "| trace | " + backends.joined(separator: " | ") + " |\n|---|" + backends.map { _ in "---:" }.joined(separator: "|") + "|\n"
        for t in traces {
            let cells = backends.map { b -> String in
                guard let r = rows.first(where: { trace($0) == t && backend($0) == b }) else { return "" }
                return cell(r)
            }
            out += "| \(t) | " + cells.joined(separator: " | ") + " |\n"
        }
        return out
    }

    /// The README summary: ns/op with the ratio to mimalloc, p99.99 latency, and
    /// for pool allocators the high-water mark and the smallest pool.
    public static func summary(_ results: [BackendResult]) -> String {
        let speed = matrix(results) { r in
            guard let ns = r.nsPerOp else { return r.skipped == nil ? "-" : "not timed" }
            let ratio = ratio(r, in: results).map { " (\(number($0))x)" } ?? ""
            let misaligned = (r.check?.misaligned ?? 0) > 0 ? " [\(r.check!.misaligned) misaligned]" : ""
            let failed = (r.check?.failures ?? 0) > 0 ? " [\(r.check!.failures) failed]" : ""
            return number(ns) + ratio + misaligned + failed
        }
        let tails = matrix(results) { number($0.latency?.p9999) }
        let ours = results.filter { $0.check?.highWater != nil || $0.minPool != nil }
        let pools = matrix(ours) { r in "\(bytes(r.check?.highWater)) / \(r.minPool.map { bytes($0) } ?? "-")" }
        var out = "**ns per op, median pass (ratio to mimalloc)**\n\n" + speed
        out += "\n**p99.99 latency per op, ns**\n\n" + tails
        if !ours.isEmpty { out += "\n**pool high-water / smallest pool with no failure**\n\n" + pools }
        return out
    }

    public static func csvField(_ s: String) -> String {
        s.contains(",") || s.contains("\"") ? "\"" + s.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\"" : s
    }

    static func raw(_ x: Double?) -> String { x.map { String($0) } ?? "" }
    static func raw(_ x: Int?) -> String { x.map { String($0) } ?? "" }

    /// CSV: one row per trace and backend, raw numbers (nanoseconds, bytes).
    public static func csv(_ results: [BackendResult]) -> String {
        var out = "trace,backend,family,ops,ns_per_op,ratio_to_mimalloc,p50_ns,p99_9_ns,p99_99_ns,max_ns,latency_samples,high_water_bytes,min_pool_bytes,check_failures,timed_failures,misaligned,overlaps,stamp_errors,out_of_pool,rejected_frees,skipped\n"
        for r in results {
            let c = r.check
            let fields: [String] = [
                r.trace, r.backend, r.family, String(r.ops), raw(r.nsPerOp), raw(ratio(r, in: results)),
                raw(r.latency?.p50), raw(r.latency?.p999), raw(r.latency?.p9999), raw(r.latency?.max), raw(r.latency?.samples),
                raw(c?.highWater), raw(r.minPool), raw(c?.failures), String(r.timedFailures), raw(c?.misaligned),
                raw(c?.overlaps), raw(c?.stampErrors), raw(c?.outOfPool), raw(c?.rejectedFrees), r.skipped ?? "",
            ]
            out += fields.map(csvField).joined(separator: ",") + "\n"
        }
        return out
    }

    public static func json(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default:
                if u.value < 0x20 { out += "\\u00" + (u.value < 16 ? "0" : "") + String(u.value, radix: 16) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }

    public static func json(_ x: Double?) -> String { x.map { $0.isFinite ? String($0) : "null" } ?? "null" }
    public static func json(_ x: Int?) -> String { x.map { String($0) } ?? "null" }

    /// JSON: `{"meta": {...}, "results": [...]}`, the chart's input.
    public static func json(_ results: [BackendResult], meta: [(String, String)]) -> String {
        var out = "{\n  \"meta\": {" + meta.map { "\(json($0.0)): \(json($0.1))" }.joined(separator: ", ") + "},\n  \"results\": [\n"
        out += results.map { r -> String in
            let c = r.check
            var fields: [(String, String)] = [
                ("trace", json(r.trace)), ("backend", json(r.backend)), ("family", json(r.family)), ("ops", String(r.ops)),
                ("ns_per_op", json(r.nsPerOp)), ("ratio_to_mimalloc", json(ratio(r, in: results))),
                ("passes_ns_per_op", "[" + r.passes.map { json($0) }.joined(separator: ", ") + "]"),
                ("p50_ns", json(r.latency?.p50)), ("p99_9_ns", json(r.latency?.p999)), ("p99_99_ns", json(r.latency?.p9999)),
                ("max_ns", json(r.latency?.max)), ("latency_samples", json(r.latency?.samples)),
                ("timer_overhead_ns", json(r.latency?.timerOverhead)),
                ("high_water_bytes", json(c?.highWater)), ("min_pool_bytes", json(r.minPool)),
                ("check_failures", json(c?.failures)), ("timed_failures", String(r.timedFailures)),
                ("misaligned", json(c?.misaligned)), ("overlaps", json(c?.overlaps)), ("stamp_errors", json(c?.stampErrors)),
                ("out_of_pool", json(c?.outOfPool)), ("rejected_frees", json(c?.rejectedFrees)),
            ]
            fields.append(("misaligned_examples", "[" + (c?.misalignedExamples ?? []).map { json($0) }.joined(separator: ", ") + "]"))
            fields.append(("skipped", r.skipped.map { json($0) } ?? "null"))
            fields.append(("min_pool_note", r.minPoolNote.map { json($0) } ?? "null"))
            return "    {" + fields.map { "\(json($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
        }.joined(separator: ",\n")
        return out + "\n  ]\n}\n"
    }
}
