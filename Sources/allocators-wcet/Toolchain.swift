import Foundation
import WCETKit

/// The toolchain's llvm-objdump and llvm-symbolizer, and processes run
/// through them.
struct Toolchain {
    let bin: String

    func run(_ tool: String, _ arguments: [String], inputFile: String? = nil) throws -> String {
        try runProcess(bin.hasSuffix("/") ? bin + tool : bin + "/" + tool, arguments, inputFile: inputFile)
    }

    func functions(of image: String) throws -> [Function] {
        parseDisassembly(try run("llvm-objdump", ["-d", "-z", "--no-show-raw-insn", image]))
    }

    /// Symbol values by name (`llvm-nm`).
    func symbols(of image: String) throws -> [String: UInt64] {
        var result: [String: UInt64] = [:]
        for line in try run("llvm-nm", [image]).split(separator: "\n") {
            let f = line.split(separator: " ")
            if f.count == 3, let value = UInt64(f[0], radix: 16) { result[String(f[2])] = value }
        }
        return result
    }

    /// Section sizes (`llvm-objdump -h`): code, initialized data, zeroed data.
    func sections(of file: String) throws -> (code: Int, data: Int, bss: Int) {
        var code = 0, data = 0, bss = 0
        for line in try run("llvm-objdump", ["-h", file]).split(separator: "\n") {
            let f = line.split(separator: " ", omittingEmptySubsequences: true)
            guard f.count >= 4, Int(f[0]) != nil, let size = Int(f[2], radix: 16) else { continue }
            let name = f[1], type = f.count > 4 ? f[4...].joined(separator: " ") : ""
            if name.hasPrefix(".debug") || name.hasPrefix(".comment") || name.hasPrefix(".symtab") || name.hasPrefix(".str") { continue }
            if type.contains("TEXT") { code += size } else if type.contains("BSS") { bss += size } else if type.contains("DATA") { data += size }
        }
        return (code, data, bss)
    }
}

/// `llvm-symbolizer --inlining` answers for one image: every address given
/// at the start in one run of the symbolizer (one process per address took
/// most of a target's minute), others one at a time.
final class Symbolizer {
    let toolchain: Toolchain
    let image: String
    var cache: [UInt64: (frames: [String], line: String)] = [:]
    static let options = ["--inlining", "--functions=linkage", "--no-demangle"]

    init(toolchain: Toolchain, image: String, addresses: [UInt64]) throws {
        self.toolchain = toolchain
        self.image = image
        // The addresses go through a file: written to a pipe, they could
        // fill it while the symbolizer's answers fill the other.
        let list = FileManager.default.temporaryDirectory.appendingPathComponent("allocators-wcet-\(getpid())-addresses.txt")
        try addresses.map { "0x" + String($0, radix: 16) }.joined(separator: "\n").write(to: list, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: list) }
        let text = try toolchain.run("llvm-symbolizer", ["--obj=\(image)", "--print-address"] + Self.options, inputFile: list.path)
        // One block per address, ended by an empty line: the address, then
        // each frame's function and its file and line.
        var block: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if !line.isEmpty { block.append(line); continue }
            if let first = block.first, first.hasPrefix("0x"), let address = UInt64(first.dropFirst(2), radix: 16) {
                cache[address] = Self.frames(Array(block.dropFirst()))
            }
            block = []
        }
    }

    func callAsFunction(_ address: UInt64) -> (frames: [String], line: String) {
        if let known = cache[address] { return known }
        let text = (try? toolchain.run("llvm-symbolizer", ["--obj=\(image)"] + Self.options + ["0x" + String(address, radix: 16)])) ?? ""
        let result = Self.frames(text.split(separator: "\n").map(String.init))
        cache[address] = result
        return result
    }

    /// Each frame's function, then its file and line (for code whose debug
    /// information names no function); and the innermost frame's file name.
    static func frames(_ lines: [String]) -> (frames: [String], line: String) {
        var frames: [String] = [], first = ""
        var i = 0
        while i + 1 < lines.count {
            frames.append(lines[i])
            frames.append(lines[i + 1])
            if first.isEmpty {
                let path = lines[i + 1]
                first = path.split(separator: "/").last.map(String.init) ?? path
            }
            i += 2
        }
        return (frames, first)
    }
}

func runProcess(_ path: String, _ arguments: [String], inputFile: String? = nil, allowFailure: Bool = false) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    let output = Pipe()
    process.standardOutput = output
    if let inputFile {
        guard let input = FileHandle(forReadingAtPath: inputFile) else { throw WCETError("cannot read \(inputFile)") }
        process.standardInput = input
    }
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let text = String(decoding: data, as: UTF8.self)
    if process.terminationStatus != 0 && !allowFailure {
        throw WCETError("\(path) \(arguments.joined(separator: " ")) exited with \(process.terminationStatus)")
    }
    return text
}

struct WCETError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
