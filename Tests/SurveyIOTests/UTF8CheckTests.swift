import Foundation
import Statistics
import Testing

@testable import SurveyIO

/// Text that is not UTF-8 stops reading at its line and field, by every reader.
@Suite struct UTF8CheckTests {
  private func firstInvalid(_ bytes: [UInt8]) -> Int? { bytes.withUnsafeBufferPointer { UTF8Check.firstInvalid($0) } }

  @Test func wellFormedTextPasses() {
    for text in ["", "plain", "Zürich", "日本語", "😀 emoji", "\u{10FFFF}", "\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}"] {
      #expect(firstInvalid(Array(text.utf8)) == nil, "\(text)")
    }
  }

  @Test func malformedSequencesAreFoundWhereTheyStart() {
    let cases: [([UInt8], Int)] = [
      ([0x5A, 0xFC, 0x72], 1),  // Latin-1 ü
      ([0xFF, 0xFE, 0x41, 0x00], 0),  // UTF-16 byte-order mark
      ([0xC0, 0xAF], 0),  // overlong '/'
      ([0xE0, 0x80, 0xAF], 0),  // overlong, three bytes
      ([0xED, 0xA0, 0x80], 0),  // a surrogate
      ([0xF4, 0x90, 0x80, 0x80], 0),  // above U+10FFFF
      ([0x41, 0xE2, 0x82], 1),  // cut short at the end
      ([0x41, 0xC3, 0x41], 1),  // a lead byte without its continuation
      ([0x41, 0x80], 1),  // a lone continuation byte
    ]
    for (bytes, offset) in cases { #expect(firstInvalid(bytes) == offset, "\(bytes)") }
  }

  /// The hand-written check agrees with the standard library's decoder on random bytes.
  @Test func agreesWithTheStandardLibrary() {
    var random = SplitMix64(seed: 20_261_130)
    let pieces: [[UInt8]] = [
      [0x41], [0xC3, 0xA9], [0xE2, 0x82, 0xAC], [0xF0, 0x9F, 0x98, 0x80], [0x80], [0xC3], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xFF], [0xF4, 0x90],
    ]
    for _ in 0..<5000 {
      var bytes: [UInt8] = []
      for _ in 0..<Int.random(in: 0..<12, using: &random) {
        bytes += Int.random(in: 0..<3, using: &random) == 0 ? [UInt8.random(in: 0...255, using: &random)] : pieces.randomElement(using: &random)!
      }
      #expect((firstInvalid(bytes) == nil) == (String(validating: bytes, as: UTF8.self) != nil), "\(bytes)")
    }
  }

  @Test func theReaderNamesTheLineFieldAndEncoding() {
    let reader = CSVReader(bytes: Array("id,team\n1,A\n2,Z".utf8) + [0xFC] + Array("rich\n".utf8))
    var found: CSVReader.SyntaxError?
    do { while try reader.next() {} } catch { found = error as? CSVReader.SyntaxError }
    #expect(found?.line == 3)
    #expect(found?.column == 2)
    #expect(found?.message == "field 2 is not UTF-8 text: byte 0xFC after 'Z' (the file seems to be saved in another encoding, such as Windows-1252)")
    #expect(found?.hint == CSVReader.SyntaxError.encoding)
  }

  @Test func aQuotedFieldIsCheckedToo() {
    let reader = CSVReader(bytes: Array("id,team\n1,\"A, ".utf8) + [0xE9] + Array("\"\n".utf8))
    var found: CSVReader.SyntaxError?
    do { while try reader.next() {} } catch { found = error as? CSVReader.SyntaxError }
    #expect(found?.line == 2 && found?.column == 2)
  }

  @Test func aSurveyFileInAnotherEncodingNamesItsLine() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("latin1-\(UUID().uuidString).yaml").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try Data(Array("id: x\ntitle: \"Z".utf8) + [0xFC] + Array("rich\"\n".utf8)).write(to: URL(fileURLWithPath: path))
    #expect(throws: InputError.self) { try SurveyLoader.load(path: path) }
    do { _ = try SurveyLoader.load(path: path) } catch let error as InputError {
      #expect(error.line == 2)
      #expect(error.message == "the file is not UTF-8 text: byte 0xFC")
    }
  }
}
