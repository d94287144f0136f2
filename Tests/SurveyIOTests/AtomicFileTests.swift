import Foundation
import SurveyIO
import Testing

/// A file written whole or not at all, and every failure told as an ``InputError`` with the
/// system's reason, never a Foundation error.
@Suite struct AtomicFileTests {
  private func scratch() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-file-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  @Test func devicesAreWrittenToNotReplaced() throws {
    try AtomicFile.write("discarded\n", to: "/dev/null")
    var info = stat()
    #expect(stat("/dev/null", &info) == 0)
    #expect(info.st_mode & S_IFMT == S_IFCHR)
  }

  @Test func writesBlocksInOrderAndLeavesNoTemporaryFile() throws {
    let root = try scratch()
    defer { try? FileManager.default.removeItem(at: root) }
    let target = root.appendingPathComponent("out.csv").path
    let blocks = (0..<50).map { index in Array(repeating: UInt8(65 + index % 26), count: 1 + index * 997) }
    try AtomicFile.stream(to: target) { write in for block in blocks { try write(block) } }
    #expect(try Data(contentsOf: URL(fileURLWithPath: target)) == Data(blocks.joined()))
    #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["out.csv"])
  }

  @Test func aFailingBodyLeavesTheTargetAsItWas() throws {
    struct Stop: Error {}
    let root = try scratch()
    defer { try? FileManager.default.removeItem(at: root) }
    let target = root.appendingPathComponent("out.csv").path
    try AtomicFile.write("old\n", to: target)
    #expect(throws: Stop.self) {
      try AtomicFile.stream(to: target) { write in
        try write(Array("new".utf8))
        throw Stop()
      }
    }
    #expect(try String(contentsOfFile: target, encoding: .utf8) == "old\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["out.csv"])
  }

  @Test func aFullDiskIsAnOutputErrorWithTheReason() throws {
    // /dev/full accepts the open and fails every write with ENOSPC.
    do {
      try AtomicFile.write("x", to: "/dev/full")
      Issue.record("writing to /dev/full succeeded")
    } catch let error as InputError {
      #expect(error.kind == .output)
      #expect(error.file == "/dev/full")
      #expect(error.message == "cannot write the file: No space left on device")
      #expect(error.hint?.contains("free some space") == true)
    }
  }

  @Test func aMissingFolderNamesTheTargetAndTheReason() throws {
    do {
      try AtomicFile.write("x", to: "/nonexistent-\(UUID().uuidString)/out.csv")
      Issue.record("writing into a missing folder succeeded")
    } catch let error as InputError {
      #expect(error.kind == .output)
      #expect(error.file.hasSuffix("/out.csv"))
      #expect(error.message == "cannot write the file: No such file or directory")
    }
  }
}
