import Foundation
import SurveyIO
import SurveyModel
import Testing

@Suite struct InputFileTests {
  private func scratch(_ bytes: [UInt8]) throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("input-\(UUID().uuidString)").path
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
  }

  @Test func readsTheWholeFileInBlocksOfAnySize() throws {
    let bytes = (0..<300_001).map { UInt8(truncatingIfNeeded: ($0 &* 2_654_435_761) >> 13) }
    let path = try scratch(bytes)
    defer { try? FileManager.default.removeItem(atPath: path) }
    for block in [1, 7, 4096, 65_536, 1 << 20] {
      let file = try InputFile(path: path)
      #expect(file.isRegularFile)
      var buffer: [UInt8] = [42]
      while try file.read(upTo: block, appendingTo: &buffer) > 0 {}
      #expect(buffer == [42] + bytes, "block \(block)")
    }
  }

  @Test func headIsTheFirstBytesOrLess() throws {
    let path = try scratch(Array("PK\u{3}\u{4}rest".utf8))
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect(InputFile.head(of: path, count: 4) == [0x50, 0x4B, 3, 4])
    #expect(InputFile.head(of: path, count: 100)?.count == 8)
    #expect(InputFile.head(of: path + ".missing", count: 4) == nil)
    #expect(InputFile.head(of: "/dev/zero", count: 4) == nil)
  }

  @Test(arguments: [
    ("/", "it is a directory"), ("/dev/zero", "it is a device, not a file"), ("/no/such/file.csv", "there is no such file"),
  ])
  func refusesWhatIsNotAFileOrAPipe(_ path: String, _ reason: String) {
    #expect(throws: InputFile.Failure(path: path, reason: reason)) { try InputFile(path: path) }
  }

  @Test func failureNamesTheFileAndTheReason() {
    let failure = InputFile.Failure(path: "x.csv", reason: "it is a directory")
    #expect(failure.description == "x.csv: error: cannot read the file: it is a directory\n  hint: check the path")
    #expect(failure.exitStatus == .noInput)
    let error = InputError.unreadable("x.csv", "response file", hint: "check it", cause: failure)
    #expect(error.message == "cannot read the response file (it is a directory)")
    #expect(
      InputError.unreadable("x.csv", "response file", hint: "check it", cause: CocoaError(.fileNoSuchFile)).message == "cannot read the response file"
    )
  }
}
