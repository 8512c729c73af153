import Foundation
import WCETKit

/// The toolchain's llvm-objdump and llvm-symbolizer, and processes run
/// through them.
struct Toolchain {
    let bin: String

    func run(_ tool: String, _ arguments: [String], input: String? = nil) throws -> String {
        try runProcess(bin.hasSuffix("/") ? bin + tool : bin + "/" + tool, arguments, input: input)
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

/// Caches `llvm-symbolizer --inlining` answers for one image.
final class Symbolizer {
    let toolchain: Toolchain
    let image: String
    var cache: [UInt64: (frames: [String], line: String)] = [:]

    init(toolchain: Toolchain, image: String) {
        self.toolchain = toolchain
        self.image = image
    }

    func callAsFunction(_ address: UInt64) -> (frames: [String], line: String) {
        if let known = cache[address] { return known }
        let text = (try? toolchain.run("llvm-symbolizer", ["--obj=\(image)", "--inlining", "--functions=linkage", "--no-demangle", "0x" + String(address, radix: 16)])) ?? ""
        let lines = text.split(separator: "\n").map(String.init)
        var frames: [String] = [], first = ""
        var i = 0
        while i + 1 < lines.count {
            // Each frame's function, then its file and line (for code whose
            // debug information names no function).
            frames.append(lines[i])
            frames.append(lines[i + 1])
            if first.isEmpty {
                let path = lines[i + 1]
                first = path.split(separator: "/").last.map(String.init) ?? path
            }
            i += 2
        }
        let result = (frames, first)
        cache[address] = result
        return result
    }
}

func runProcess(_ path: String, _ arguments: [String], input: String? = nil, allowFailure: Bool = false) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    let output = Pipe()
    process.standardOutput = output
    if let input {
        let pipe = Pipe()
        process.standardInput = pipe
        try process.run()
        pipe.fileHandleForWriting.write(Data(input.utf8))
        try pipe.fileHandleForWriting.close()
    } else {
        try process.run()
    }
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
