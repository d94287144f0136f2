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
    try AtomicDirectory.write([("index.html", "mark 1"), ("a.html", "A")], to: target.path, marker: "index.html", signature: "mark")
    #expect(names(target) == ["a.html", "index.html"])
    try AtomicDirectory.write([("index.html", "mark 2"), ("b.html", "B")], to: target.path, marker: "index.html", signature: "mark")
    #expect(names(target) == ["b.html", "index.html"])
    #expect(names(root) == ["pack"], "no temporary or old folder is left")
  }

  @Test func aFailureLeavesTheTargetAsItWas() throws {
    let root = try scratch()
    defer { try? FileManager.default.removeItem(at: root) }
    let target = root.appendingPathComponent("pack")
    try AtomicDirectory.write([("index.html", "mark")], to: target.path, marker: "index.html", signature: "mark")
    #expect(throws: InputError.self) {
      try AtomicDirectory.write([("index.html", "mark new"), ("../escape.html", "x")], to: target.path, marker: "index.html", signature: "mark")
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
