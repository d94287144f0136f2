import Foundation
import Statistics
import SurveyModel
import Testing

@testable import SurveyIO

/// What one reading path made of a response file: accepted rows, rejected rows with their
/// problems, and the error that stopped it (as `file:line: message`).
private struct PathResult: Equatable {
  var rows: [String] = []
  var rejected: [String] = []
  var rowsRead = 0
  var error: String?
}

private func describe(_ values: some Collection<Double>) -> String {
  values.map { $0.isNaN ? "-" : String($0) }.joined(separator: " ")
}

/// `compare`, `plugins run`, `--wave` previews: ResponseFileReader, row by row.
private func sequentialPath(_ path: String) -> PathResult {
  var out = PathResult()
  do {
    let reader = try ResponseFileReader(path: path, displayName: "r.csv", survey: testSurvey, items: testItems)
    while let outcome = try reader.next() {
      switch outcome {
      case .row(let row): out.rows.append("\(row.line) \(row.respondent) [\(row.team)] \(describe(row.values))")
      case .rejected(let line, let problems, _): out.rejected.append("\(line) \(problems.map { "\($0.column):\($0.reason)" })")
      }
    }
    out.rowsRead = reader.rowsRead
  } catch {
    out = PathResult(error: "\(error)")
  }
  return out
}

/// `score`: ChunkedResponseFile cut into chunks, each parsed by a ChunkParser.
private func parallelPath(_ path: String, chunkSize: Int) -> PathResult {
  var out = PathResult()
  do {
    let file = try ChunkedResponseFile(path: path, displayName: "r.csv", survey: testSurvey, items: testItems, chunkSize: chunkSize)
    var parser = file.makeParser(keepsIdentity: true)
    while let chunk = try file.nextChunk() {
      let batch: RowBatch
      do { batch = try parser.parse(chunk) } catch let syntax as CSVReader.SyntaxError { throw file.error(syntax) }
      for r in 0..<batch.count {
        out.rows.append(
          "\(batch.lines[r]) \(batch.respondents[r]) [\(parser.teams.name(batch.teams[r]))] \(describe(batch.values[(r * 2)..<(r * 2 + 2)]))")
      }
      out.rejected += batch.rejected.map { "\($0.line) \($0.problems.map { "\($0.column):\($0.reason)" })" }
      out.rowsRead += batch.rowsRead
    }
  } catch {
    out = PathResult(error: "\(error)")
  }
  return out
}

/// A response file with faults mixed in: stray quotes, every line end, empty lines, quoted
/// line breaks, NUL and blank teams, bad values, short and long rows.
private func faultyResponses(_ random: inout SplitMix64) -> String {
  let ends = ["\n", "\r\n", "\r"]
  let end = ends.randomElement(using: &random)!
  var lines = ["respondent_id,team,when,q1,q2"]
  for i in 0..<Int.random(in: 0...25, using: &random) {
    // Respondent ids with spaces and tabs to trim, blank ones, and a space that a combining mark
    // makes part of a character (not trimmed).
    let respondent = ["r\(i)", " r\(i)\t", "\t", "", "r\(i) \u{301}", " \u{301}r\(i)", "\"r\(i) \"", "é\(i)"]
    var cells = [
      respondent.randomElement(using: &random)!,
      ["A", "B", "\"Ops, North\"", "\"two\nlines\"", "C\"", "", "A\u{0}x", " A "].randomElement(using: &random)!, "2026",
      String(Int.random(in: 1...5, using: &random)),
      ["", "3", "4\"", "Agree", "9", "x", "0x1p2", "+0x3", "1e0", " 2 "].randomElement(using: &random)!,
    ]
    switch Int.random(in: 0..<12, using: &random) {
    case 0: cells.removeLast()
    case 1: cells.append("extra")
    case 2: cells[1] = "\"" + cells[1]  // an opening quote left open
    case 3: cells[3] = "\"4\"x"
    default: break
    }
    lines.append(cells.joined(separator: ","))
    if Int.random(in: 0..<10, using: &random) == 0 { lines.append("") }
  }
  var text = lines.joined(separator: Int.random(in: 0..<6, using: &random) == 0 ? ends.randomElement(using: &random)! : end)
  if Bool.random(using: &random) { text += end }
  return text
}

@Suite struct ReadingPathAgreementTests {
  /// `score` (parallel, any chunk size) and `compare` (sequential) read the same rows,
  /// reject the same rows for the same reasons, or stop with the same error, on 5,000 files.
  @Test func scoreAndCompareReadTheSameRowsFromFuzzedFiles() {
    let seed = UInt64(ProcessInfo.processInfo.environment["CULTIVAR_TEST_SEED"] ?? "") ?? 4_242
    var random = SplitMix64(seed: seed)
    var errors = 0
    for round in 0..<5000 {
      let text = faultyResponses(&random)
      let path = writeTemporary(text)
      defer { try? FileManager.default.removeItem(atPath: path) }
      let sequential = sequentialPath(path)
      let chunkSize = [1, 16, 64, 1 << 18].randomElement(using: &random)!
      let parallel = parallelPath(path, chunkSize: chunkSize)
      if sequential.error != nil { errors += 1 }
      #expect(parallel == sequential, "seed \(seed), round \(round), chunk size \(chunkSize): \(text.debugDescription)")
      // Never silently short: every record is either a row or a rejected row.
      if sequential.error == nil { #expect(sequential.rows.count + sequential.rejected.count == sequential.rowsRead) }
    }
    #expect(errors > 0 && errors < 5000, "the generator should make both readable and malformed files")
  }
}
