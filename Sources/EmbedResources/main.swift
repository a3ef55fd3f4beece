import Foundation

// Writes `EmbeddedResources.swift`: every file named on the command line, by file name, as a
// raw string literal. Used at build time by the EmbedWebResources plugin; never shipped.
// Usage: EmbedResources OUTPUT.swift FILE...

let arguments = CommandLine.arguments.dropFirst()
guard let output = arguments.first else {
    FileHandle.standardError.write(Data("usage: EmbedResources OUTPUT.swift FILE...\n".utf8))
    exit(2)
}

/// A raw string literal holding `text` exactly: enough `#` that no `"` + hashes inside ends it.
func literal(_ text: String) -> String {
    var longest = 0
    var run = -1
    for character in text {
        if character == "\"" {
            run = 0
        } else if character == "#", run >= 0 {
            run += 1
            longest = max(longest, run)
        } else {
            run = -1
        }
    }
    let hashes = String(repeating: "#", count: longest + 1)
    return "\(hashes)\"\"\"\n\(text)\n\"\"\"\(hashes)"
}

var entries: [String: String] = [:]
for path in arguments.dropFirst() {
    let url = URL(fileURLWithPath: path)
    let name = url.lastPathComponent
    guard name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }) else {
        FileHandle.standardError.write(Data("error: \(name): a web resource's name has letters, digits, '-', '_' and '.' only\n".utf8))
        exit(1)
    }
    guard entries[name] == nil else {
        FileHandle.standardError.write(Data("error: two web resources are named \(name); names must be unique\n".utf8))
        exit(1)
    }
    guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
        FileHandle.standardError.write(Data("error: \(path) is not readable UTF-8\n".utf8))
        exit(1)
    }
    // A trailing newline is the file's, not the content's: templates render without it.
    entries[name] = text.hasSuffix("\n") ? String(text.dropLast()) : text
}

var source = """
// Generated at build time by EmbedResources from the web resource files of this target. Do not edit.

/// The target's templates, stylesheets and scripts, by file name.
enum EmbeddedResources {
    static let files: [String: String] = [

"""
for name in entries.keys.sorted() {
    source += "        #\"\(name)\"#: \(literal(entries[name]!)),\n"
}
source += "    ]\n}\n"

let url = URL(fileURLWithPath: output)
// Rewritten only when changed, so an unchanged resource set does not recompile the module.
if FileManager.default.contents(atPath: output) != Data(source.utf8) {
    do {
        try Data(source.utf8).write(to: url, options: .atomic)
    } catch {
        FileHandle.standardError.write(Data("error: cannot write \(output): \(error)\n".utf8))
        exit(1)
    }
}
