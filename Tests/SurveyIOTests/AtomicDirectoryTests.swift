import Foundation
import SurveyIO
import Testing

/// A folder written as a whole: all its files or none, an earlier folder of the same kind
/// replaced, any other folder left alone.
@Suite struct AtomicDirectoryTests {
  private func scratch() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-dir-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  private func names(_ url: URL) -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted() }

  @Test func writesEveryFileAndReplacesAnEarlierFolder() throws {
    let root = try scratch()
    defer { try? FileManager.default.removeItem(at: root) }
    let target = root.appendingPathComponent("pack")
    try AtomicDirectory.write(
      [(name: "index.html", content: "mark 1"), (name: "a.html", content: "A")], to: target.path, marker: "index.html", signature: "mark")
    #expect(names(target) == ["a.html", "index.html"])
    try AtomicDirectory.write(
      [(name: "index.html", content: "mark 2"), (name: "b.html", content: "B")], to: target.path, marker: "index.html", signature: "mark")
    #expect(names(target) == ["b.html", "index.html"])
    #expect(names(root) == ["pack"], "no temporary or old folder is left")
  }

  @Test func aLazySequenceIsWrittenOneFileAtATime() throws {
    let root = try scratch()
    defer { try? FileManager.default.removeItem(at: root) }
    let target = root.appendingPathComponent("pack")
    let temporary = root.appendingPathComponent(".pack.\(ProcessInfo.processInfo.processIdentifier).tmp")
    let names = ["index.html", "a.html", "b.html"]
    // Each file is made only when the writer asks for it; by then the one before is on disk.
    var writtenBefore: [Bool] = []
    let files = names.indices.lazy.map { i -> (name: String, content: String) in
      if i > 0 { writtenBefore.append(FileManager.default.fileExists(atPath: temporary.appendingPathComponent(names[i - 1]).path)) }
      return (names[i], "mark \(i)")
    }
    try AtomicDirectory.write(files, to: target.path, marker: "index.html", signature: "mark")
    #expect(writtenBefore == [true, true])
    #expect(self.names(target) == ["a.html", "b.html", "index.html"])
  }

  @Test func aFailureLeavesTheTargetAsItWas() throws {
    let root = try scratch()
    defer { try? FileManager.default.removeItem(at: root) }
    let target = root.appendingPathComponent("pack")
    try AtomicDirectory.write([("index.html", "mark")], to: target.path, marker: "index.html", signature: "mark")
    #expect(throws: InputError.self) {
      try AtomicDirectory.write(
        [(name: "index.html", content: "mark new"), (name: "../escape.html", content: "x")], to: target.path, marker: "index.html", signature: "mark")
    }
    #expect(try String(contentsOf: target.appendingPathComponent("index.html"), encoding: .utf8) == "mark")
    #expect(names(root) == ["pack"])
  }

  @Test func anotherFolderIsRefusedAndUntouched() throws {
    let root = try scratch()
    defer { try? FileManager.default.removeItem(at: root) }
    let target = root.appendingPathComponent("mine")
    try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
    try Data("keep".utf8).write(to: target.appendingPathComponent("notes.txt"))
    let error = try #require(throws: InputError.self) {
      try AtomicDirectory.write([("index.html", "mark")], to: target.path, marker: "index.html", signature: "mark")
    }
    #expect(error.message.contains("not an earlier report pack"))
    #expect(error.hint != nil)
    #expect(names(target) == ["notes.txt"])
  }
}
