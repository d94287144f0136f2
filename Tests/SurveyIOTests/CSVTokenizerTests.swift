import Foundation
import Statistics
import SurveyModel
import Testing

@testable import SurveyIO

/// Records and their lines as one reader sees them, or the error.
private struct Reading: Equatable {
  var records: [[String]] = []
  var lines: [Int] = []
  var error: CSVReader.SyntaxError?

  /// The reading with the header's line left out (the chunker does not report it).
  var headless: Reading {
    var copy = self
    if !copy.lines.isEmpty { copy.lines[0] = -1 }
    return copy
  }
}

private func read(_ reader: CSVReader) -> Reading {
  var out = Reading()
  do {
    while try reader.next() {
      out.records.append(reader.strings)
      out.lines.append(reader.line)
    }
  } catch {
    out.error = error as? CSVReader.SyntaxError
  }
  return out
}

private func sequential(_ bytes: [UInt8]) -> Reading { read(CSVReader(bytes: bytes)) }

/// The same bytes read from a file in blocks of `blockSize`.
private func blockwise(_ bytes: [UInt8], blockSize: Int) throws -> Reading {
  let path = writeTemporary(bytes)
  defer { try? FileManager.default.removeItem(atPath: path) }
  return read(try CSVReader(path: path, blockSize: blockSize))
}

/// The same bytes cut into chunks by ``CSVChunker`` (header first), each chunk then
/// tokenized on its own, as the parallel path does.
private func chunked(_ bytes: [UInt8], chunkSize: Int) throws -> Reading {
  let path = writeTemporary(bytes)
  defer { try? FileManager.default.removeItem(atPath: path) }
  var out = Reading()
  do {
    let chunker = try CSVChunker(path: path, chunkSize: chunkSize)
    if chunker.header.isEmpty { return out }
    out.records.append(chunker.header)
    out.lines.append(-1)
    while let chunk = try chunker.next() {
      for record in try CSVTokenizer.records(in: chunk) {
        out.records.append(record.fields)
        out.lines.append(record.line)
      }
    }
  } catch let error as CSVReader.SyntaxError {
    out.error = error
  }
  return out
}

private func writeTemporary(_ bytes: [UInt8]) -> String {
  let path = NSTemporaryDirectory() + "cultivar-tok-\(UInt64.random(in: 0...UInt64.max)).csv"
  FileManager.default.createFile(atPath: path, contents: Data(bytes))
  return path
}

/// Random CSV-ish bytes: mostly well-formed records, with stray quotes, every kind of line
/// end, empty lines, BOMs and quoted line breaks mixed in.
func randomCSV(_ random: inout SplitMix64) -> [UInt8] {
  // Two atoms are not UTF-8 (a lone lead byte, 0xFF), so that every path also meets the encoding error.
  let atoms: [[UInt8]] =
    ["a", "bc", "1", "2", " ", ",", ",", ",", "\"", "\"\"", "\n", "\r\n", "\r", "\"x,\ny\"", "\"q\"\"r\"", "é", "\t"].map {
      Array($0.utf8)
    } + (Int.random(in: 0..<6, using: &random) == 0 ? [[0xC3], [0xFF]] : [])
  var bytes: [UInt8] = Int.random(in: 0..<8, using: &random) == 0 ? [0xEF, 0xBB, 0xBF] : []
  for _ in 0..<Int.random(in: 0..<60, using: &random) { bytes += atoms.randomElement(using: &random)! }
  return bytes
}

@Suite struct CSVTokenizerTests {
  @Test func aStrayQuoteInsideAFieldIsLiteral() {
    let reading = sequential(Array("id,team,q1\n1,A,4\"\n2,B,3\n3,C\"x,2\n".utf8))
    #expect(reading.records == [["id", "team", "q1"], ["1", "A", "4\""], ["2", "B", "3"], ["3", "C\"x", "2"]])
    #expect(reading.error == nil)
  }

  @Test func everyLineEndEndsARecord() {
    for end in ["\n", "\r\n", "\r"] {
      let text = ["h1,h2", "1,2", "", "3,\"a\(end)b\"", "4,5"].joined(separator: end) + end
      let reading = sequential(Array(text.utf8))
      #expect(reading.records == [["h1", "h2"], ["1", "2"], ["3", "a\(end)b"], ["4", "5"]], "line end \(Array(end.utf8))")
      #expect(reading.lines == [1, 2, 4, 6], "line end \(Array(end.utf8))")
    }
  }

  @Test func aLoneQuotedEmptyFieldIsARecordNotABlankLine() {
    #expect(sequential(Array("h\n\"\"\n\nx\n".utf8)).records == [["h"], [""], ["x"]])
  }

  @Test func malformedRecordsNameTheirLineAndField() {
    #expect(
      sequential(Array("a,b\n1,\"x\"y\n".utf8)).error == .init(line: 2, column: 2, message: "unexpected text after the closing quote of field 2"))
    #expect(sequential(Array("a,b\n1,\"x\ny\nz\n".utf8)).error?.line == 2)
    #expect(sequential(Array("a,b\n1,\"x\ny\"z\n".utf8)).error?.line == 3)
  }

  @Test func chunksNeverSplitACRFromItsLF() throws {
    // The CR falls on the last byte of a chunk of every size from 2 to 12.
    let text = Array("h\r\n1\r\n22\r\n333\r\n4444\r\n55555\r\n".utf8)
    for size in 2...12 {
      let reading = try chunked(text, chunkSize: size)
      #expect(reading.records == [["h"], ["1"], ["22"], ["333"], ["4444"], ["55555"]], "chunk size \(size)")
      #expect(reading.lines == [-1, 2, 3, 4, 5, 6], "chunk size \(size)")
    }
  }

  @Test func quotesSpanningChunksStayInOneRecord() throws {
    let text = Array("h,t\n1,\"a\nb,c\r\nd\"\"e\"\n2,x\"y\n3,\"\"\n".utf8)
    let expected = sequential(text)
    #expect(expected.records.count == 4)
    for size in 1...24 { #expect(try chunked(text, chunkSize: size) == expected.headless, "chunk size \(size)") }
  }

  /// Every reading path gives the same records, lines and errors on random inputs.
  @Test func sequentialBlockwiseAndChunkedReadingsAgree() throws {
    let seed = UInt64(ProcessInfo.processInfo.environment["CULTIVAR_TEST_SEED"] ?? "") ?? 20_261_130
    var random = SplitMix64(seed: seed)
    for round in 0..<1500 {
      let bytes = randomCSV(&random)
      let expected = sequential(bytes)
      let block = Int.random(in: 1...16, using: &random)
      let chunk = Int.random(in: 1...48, using: &random)
      let context = "seed \(seed), round \(round), block \(block), chunk \(chunk): \(String(decoding: bytes, as: UTF8.self).debugDescription)"
      #expect(try blockwise(bytes, blockSize: block) == expected, "\(context)")
      let viaChunks = try chunked(bytes, chunkSize: chunk)
      if expected.error == nil {
        #expect(viaChunks == expected.headless, "\(context)")
      } else {
        // The same error; the chunked path drops the records of the chunk it stopped in.
        #expect(viaChunks.error == expected.error, "\(context)")
      }
    }
  }

  @Test func recordEndAgreesWithScanOnWellFormedRecords() {
    var random = SplitMix64(seed: 7)
    let tokenizer = CSVTokenizer()
    let fields = CSVFields()
    for _ in 0..<2000 {
      let bytes = randomCSV(&random)
      bytes.withUnsafeBufferPointer { buffer in
        var position = 0
        while position < buffer.count {
          let end = tokenizer.recordEnd(buffer, from: position, atEnd: true)
          switch tokenizer.scan(buffer, from: position, atEnd: true, into: fields) {
          case .record(let next, _), .blank(let next):
            #expect(end == next)
            position = next
          default:
            position = buffer.count
          }
        }
      }
    }
  }

  @Test func theWriterRoundTripsThroughTheReader() {
    var random = SplitMix64(seed: 11)
    let alphabet = ["a", ",", "\"", "\n", "\r", " ", "é", ""]
    for _ in 0..<500 {
      let records = (0..<Int.random(in: 1...5, using: &random)).map { _ in
        (0..<Int.random(in: 1...4, using: &random)).map { _ in
          (0..<Int.random(in: 0...4, using: &random)).map { _ in alphabet.randomElement(using: &random)! }.joined()
        }
      }
      let text = records.map(CSVTextLine).joined(separator: "\n") + "\n"
      #expect(sequential(Array(text.utf8)).records == records, "\(records)")
    }
  }
}

private func CSVTextLine(_ fields: [String]) -> String { CSVText.line(fields) }
