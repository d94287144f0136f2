import Foundation
import Testing

@testable import SurveyIO

func records(_ text: String, blockSize: Int? = nil) throws -> [[String]] {
  let reader = CSVReader(bytes: Array(text.utf8))
  var out: [[String]] = []
  while try reader.next() { out.append(reader.strings) }
  return out
}

@Suite struct CSVReaderTests {
  @Test func plainRecordsWithCRLFAndBOM() throws {
    #expect(try records("\u{FEFF}a,b\r\n1,2\r\n3,\r\n") == [["a", "b"], ["1", "2"], ["3", ""]])
  }

  @Test func quotedFieldsWithCommasQuotesAndNewlines() throws {
    let text = "id,text\n1,\"Hello, \"\"world\"\"\"\n2,\"two\nlines\"\n3,last"
    #expect(try records(text) == [["id", "text"], ["1", "Hello, \"world\""], ["2", "two\nlines"], ["3", "last"]])
  }

  @Test func linesAreCountedAcrossQuotedNewlines() throws {
    let reader = CSVReader(bytes: Array("h\n\"a\nb\"\nc\n".utf8))
    var lines: [Int] = []
    while try reader.next() { lines.append(reader.line) }
    #expect(lines == [1, 2, 4])
  }

  @Test func unterminatedQuoteIsAnErrorWithItsLine() {
    #expect(throws: CSVReader.SyntaxError(line: 2, column: 2, message: "a quoted field is not closed before the end of the file")) {
      try records("a,b\n1,\"open\n")
    }
  }

  @Test func textAfterClosingQuoteIsAnError() {
    #expect(throws: CSVReader.SyntaxError.self) { try records("a\n\"x\"y\n") }
  }

  @Test func smallBlocksGiveTheSameRecords() throws {
    let text = (0..<200).map { "r\($0),\"q,\($0)\",\($0 % 5)" }.joined(separator: "\n")
    let path = "/tmp/cultivar-csv-\(UInt32.random(in: 0...UInt32.max)).csv"
    _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    defer { try? FileManager.default.removeItem(atPath: path) }
    let reader = try CSVReader(path: path, blockSize: 7)
    var out: [[String]] = []
    while try reader.next() { out.append(reader.strings) }
    #expect(out == (try records(text)))
    #expect(out.count == 200)
  }

  @Test(arguments: [("4", 4.0), (" 3.5 ", 3.5), ("-1", -1), ("+2", 2), ("1e1", 10), ("007", 7)])
  func numbers(_ text: String, _ value: Double) {
    #expect(Array(text.utf8).withUnsafeBufferPointer(NumberParser.parse) == value)
  }

  @Test(arguments: ["abc", "4a", "", " ", "1.2.3", "--1", "four"])
  func notNumbers(_ text: String) {
    #expect(Array(text.utf8).withUnsafeBufferPointer(NumberParser.parse) == nil)
  }
}
