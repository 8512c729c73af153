import ArgumentParser
import Foundation
import WCETKit

@main
struct AllocatorsWCET: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "allocators-wcet",
        abstract: "Worst-case instruction bounds of the allocators' entry points, read from the images' machine code.",
        subcommands: [Check.self, Sizes.self])
}

/// Options every subcommand takes.
struct ImageOptions: ParsableArguments {
    @Option(help: "The folder of the embedded builds (make's EMBEDDED_DIR).") var dir: String
    @Option(help: "The folder of the toolchain's llvm-objdump, llvm-nm and llvm-symbolizer.") var toolchain: String
    @Option(help: "A target triple (repeat for each).") var target: [String]
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Bound every entry point, run the heap test under the instruction counter, and check each measured maximum against its bound.")
    @OptionGroup var images: ImageOptions
    @Option(help: "The instruction-counting QEMU plugin.") var plugin: String
    @Option(name: .customLong("run"), help: "The script that runs an image on its target.") var runner: String
    @Option(help: "The x86-64 counter probe (Sources/EmbeddedTargets/Measure/counter-probe.S), checked first with an x86-64 target.")
    var probe: String?

    func run() throws {
        let toolchain = Toolchain(bin: images.toolchain)
        var failures: [String] = []
        var rows: [String] = []
        for triple in images.target {
            guard let architecture = Architecture(triple: triple) else { throw WCETError("unknown target \(triple)") }
            if architecture == .x86_64 {
                guard let probe else { throw WCETError("\(triple): no --probe (the counter probe is checked before the host's figures)") }
                failures += try checkCounterProbe(probe, triple: triple, toolchain: toolchain)
            }
            let image = "\(images.dir)/\(triple)/all/heap-test/image.elf"
            let functions = try toolchain.functions(of: image)
            let symbolizer = try Symbolizer(toolchain: toolchain, image: image, addresses: functions.flatMap { $0.instructions.map(\.address) })
            let symbols = try toolchain.symbols(of: image)
            // The measured run: every entry with its cuts, under the counter.
            let countFile = "\(images.dir)/\(triple)/all/heap-test/instruction-counts.txt"
            let cutFinder = Analyzer(architecture: architecture, functions: functions, bounds: [], symbolize: { symbolizer($0) })
            var measuredEntries: [(symbol: String, address: UInt64, cuts: [UInt64])] = []
            for (spec, _, _) in entryTable where !measuredEntries.contains(where: { $0.symbol == spec.symbol }) {
                guard let value = symbols[spec.symbol] else { continue }
                measuredEntries.append((spec.symbol, architecture.codeAddress(value), cutFinder.cutAddresses(spec.cuts)))
            }
            try? FileManager.default.removeItem(atPath: countFile)
            let output = try runProcess("/bin/sh", [runner, triple, image, pluginArguments(countFile: countFile, entries: measuredEntries)])
            guard output.contains("heap-test: PASS") else { throw WCETError("\(triple): the measured heap test run failed:\n\(output)") }
            guard let configLine = output.split(separator: "\n").first(where: { $0.hasPrefix("heap-test config:") }),
                  let parameters = HeapTestParameters(configLine: String(configLine))
            else { throw WCETError("\(triple): no heap-test config line") }
            let measured = try readCounts(countFile)
            let analyzer = Analyzer(architecture: architecture, functions: functions, bounds: loopBounds(parameters), repeatBound: repeatBound,
                                    symbolize: { symbolizer($0) })
            for (spec, expectation, _) in entryTable {
                let result = analyzer.analyze(spec)
                let count = measured[spec.symbol]
                let loops = result.loops.map { "\($0.iterations.map(String.init) ?? "?")× \(shortName($0.source))" }.joined(separator: ", ")
                let maximum = count.map { String($0.max) } ?? "-"
                let headroom = count.map { result.instructions > 0 ? String(format: "%.0f %%", 100 * Double(result.instructions - $0.max) / Double(result.instructions)) : "-" } ?? "-"
                switch expectation {
                case .passes:
                    for v in result.violations { failures.append("\(triple) \(spec.symbol): \(v)") }
                    if let count, count.max > result.instructions {
                        failures.append("\(triple) \(spec.symbol): measured \(count.max) instructions in one call, above the static bound \(result.instructions)")
                    }
                    if (count?.calls ?? 0) - (count?.cut ?? 0) == 0 { failures.append("\(triple) \(spec.symbol): the heap test never ran its bounded path") }
                    rows.append("| \(spec.summary) | \(triple.split(separator: "-")[0]) | \(result.instructions) | \(result.stackBytes) | \(maximum) | \(headroom) | \(count.map { String($0.calls - $0.cut) } ?? "-") | \(loops.isEmpty ? "none" : loops) |")
                case .rejected:
                    if result.violations.isEmpty { failures.append("\(triple) \(spec.symbol): the planted loop was NOT rejected as an O(1) entry") } else {
                        print("\(triple) \(spec.summary): rejected, as it must be: \(result.violations[0])")
                    }
                case .exceedsItsBound:
                    if let count, count.max > result.instructions {
                        print("\(triple) \(spec.summary): measured \(count.max) > bound \(result.instructions), caught as it must be")
                    } else {
                        failures.append("\(triple) \(spec.symbol): the understated bound (\(result.instructions)) was NOT exceeded by the measurement (\(maximum))")
                    }
                }
            }
        }
        print("")
        print("| entry point | target | bound (instructions) | stack (bytes) | measured max | below bound | calls measured | loops (iterations × where) |")
        print("|---|---|---:|---:|---:|---:|---:|---|")
        for row in rows { print(row) }
        if !failures.isEmpty {
            for f in failures { print("FAIL: \(f)") }
            throw ExitCode.failure
        }
        print("\nwcet: every entry point bounded; every measured maximum at or below its bound")
    }

    /// The counter's `-plugin` argument: its output file, each entry and its cuts.
    func pluginArguments(countFile: String, entries: [(symbol: String, address: UInt64, cuts: [UInt64])], extra: String = "") -> String {
        var arguments = "\(FileManager.default.currentDirectoryPath)/\(plugin),out=\(countFile)" + extra
        for entry in entries {
            arguments += ",entry=\(entry.symbol):0x\(String(entry.address, radix: 16))"
            for cut in entry.cuts { arguments += ",cut=\(entry.symbol):0x\(String(cut, radix: 16))" }
        }
        return arguments
    }

    func readCounts(_ path: String) throws -> [String: (calls: Int, cut: Int, max: Int)] {
        var result: [String: (calls: Int, cut: Int, max: Int)] = [:]
        for line in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n") {
            let f = line.split(separator: " ")
            guard f.count == 7, let calls = Int(f[2]), let cut = Int(f[4]), let max = Int(f[6]) else { continue }
            result[String(f[0])] = (calls, cut, max)
        }
        return result
    }
}

struct Sizes: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Code and data of the library, the Embedded heap and the images, per target and configuration, in bytes.")
    @OptionGroup var images: ImageOptions

    func run() throws {
        let toolchain = Toolchain(bin: images.toolchain)
        // The stack of each entry point is in `check`'s table.
        print("| target | configuration | library code | Embedded heap code | heap-test image code / data / bss | example image code / data / bss |")
        print("|---|---|---:|---:|---:|---:|")
        for triple in images.target {
            guard Architecture(triple: triple) != nil else { throw WCETError("unknown target \(triple)") }
            for (configuration, name) in [("tlsf", "TLSF only"), ("all", "all traits")] {
                let base = "\(images.dir)/\(triple)/\(configuration)"
                let library = try toolchain.sections(of: "\(base)/Allocators.o").code
                let heap = try toolchain.sections(of: "\(base)/EmbeddedHeap.o").code
                let test = try toolchain.sections(of: "\(base)/heap-test/image.elf")
                let exampleFile = "\(base)/example/image.elf"
                let example = FileManager.default.fileExists(atPath: exampleFile) ? try toolchain.sections(of: exampleFile) : nil
                let exampleText = example.map { "\($0.code) / \($0.data) / \($0.bss)" } ?? "-"
                print("| \(triple) | \(name) | \(library) | \(heap) | \(test.code) / \(test.data) / \(test.bss) | \(exampleText) |")
            }
        }
    }
}
