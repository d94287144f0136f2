import Foundation
import SurveyModel
import Testing

@testable import SurveyIO

/// A rating item q1 (1–5) and two choice items on 0–1: c1 with letter ids, c2 whose ids are
/// digits that are NOT its scores ('1' is "No", scoring 0), and a label beyond ASCII.
let choiceItems: [ResponseFileReader.ItemColumn] = [
  .init(id: "q1", scale: testScale),
  .init(
    id: "c1", scale: Scale(min: 0, max: 1),
    options: [
      .init(id: "a", label: "Ask what we learned, then act", score: 1),
      .init(id: "b", label: "Find who is to blame", score: 0),
    ]),
  .init(
    id: "c2", scale: Scale(min: 0, max: 1),
    options: [
      .init(id: "1", label: "No", score: 0),
      .init(id: "2", label: "Oui, déjà", score: 1),
      .init(id: "3", label: "Partly", score: 0.5),
    ]),
]

func choiceOutcomes(_ rows: [String]) throws -> [ResponseOutcome] {
  let path = writeTemporary((["respondent_id,team,q1,c1,c2"] + rows).joined(separator: "\n") + "\n")
  defer { try? FileManager.default.removeItem(atPath: path) }
  let reader = try ResponseFileReader(path: path, displayName: "r.csv", survey: testSurvey, items: choiceItems)
  var out: [ResponseOutcome] = []
  while let outcome = try reader.next() { out.append(outcome) }
  return out
}

@Suite struct ChoiceDecodingTests {
  struct Good: Sendable, CustomTestStringConvertible {
    let cells: String
    let values: [Double]
    var testDescription: String { cells }
  }

  static let good: [Good] = [
    Good(cells: "4,a,2", values: [4, 1, 1]),
    Good(cells: "4,B,1", values: [4, 0, 0]),
    Good(cells: "Agree, A ,3 ", values: [4, 1, 0.5]),
    Good(cells: "1,\"ask what we learned, then act\",no", values: [1, 1, 0]),
    Good(cells: "5,\"  FIND WHO IS TO BLAME \",\" OUI, DÉJÀ\"", values: [5, 0, 1]),
    Good(cells: "5,b,\"oui, déjà\"", values: [5, 0, 1]),
    Good(cells: "2,,PARTLY", values: [2, .nan, 0.5]),
    Good(cells: ",  ,", values: [.nan, .nan, .nan]),
  ]

  @Test(arguments: good) func idsAndLabelsInAnyCaseBecomeTheirScores(_ c: Good) throws {
    let outcome = try choiceOutcomes(["r1,A,\(c.cells)"])[0]
    guard case .row(let row) = outcome else {
      Issue.record("rejected: \(reasons(outcome))")
      return
    }
    #expect(row.values.elementsEqual(c.values) { $0 == $1 || ($0.isNaN && $1.isNaN) }, "\(row.values)")
  }

  struct Bad: Sendable, CustomTestStringConvertible {
    let cells: String
    let reason: String
    var testDescription: String { reason }
  }

  static let options1 = #"a ("Ask what we learned, then act"), b ("Find who is to blame")"#
  static let bad: [Bad] = [
    Bad(
      cells: "3,c,1",
      reason: "2:4:'c' is not an option of choice item 'c1'; give an option's id or label (any case): \(options1), or an empty cell for no answer"),
    Bad(
      cells: "3,1,1",
      reason:
        "2:4:'1' is not an option of choice item 'c1' (a choice is answered by an option, not a number); give an option's id or label (any case): \(options1), or an empty cell for no answer"
    ),
    Bad(
      cells: "3,0.5,1",
      reason:
        "2:4:'0.5' is not an option of choice item 'c1' (a choice is answered by an option, not a number); give an option's id or label (any case): \(options1), or an empty cell for no answer"
    ),
    Bad(
      cells: "3,Find who's to blame,1",
      reason:
        "2:4:'Find who's to blame' is not an option of choice item 'c1' (did you mean 'b'?); give an option's id or label (any case): \(options1), or an empty cell for no answer"
    ),
    Bad(
      cells: "3,a,0",
      reason:
        #"2:5:'0' is not an option of choice item 'c2' (a choice is answered by an option, not a number); give an option's id or label (any case): 1 ("No"), 2 ("Oui, déjà"), 3 ("Partly"), or an empty cell for no answer"#
    ),
    Bad(
      cells: "3,a,1.0",
      reason:
        #"2:5:'1.0' is not an option of choice item 'c2' (a choice is answered by an option, not a number); give an option's id or label (any case): 1 ("No"), 2 ("Oui, déjà"), 3 ("Partly"), or an empty cell for no answer"#
    ),
    Bad(cells: "a,b,1", reason: "2:3:'a' is not a number; item 'q1' takes a value from 1–5 or one of its labels, or an empty cell for no answer"),
  ]

  @Test(arguments: bad) func otherCellsAreRowErrorsNamingTheOptions(_ c: Bad) throws {
    #expect(reasons(try choiceOutcomes(["r1,A,\(c.cells)"])[0]) == [c.reason])
  }

  @Test func longLabelsAreShortenedInTheMessage() {
    let item = ResponseFileReader.ItemColumn(
      id: "s1", scale: Scale(min: 0, max: 1),
      options: [
        .init(id: "a", label: "Their manager asks what they hope to learn and where it could be used here, now or later.", score: 1),
        .init(id: "b", label: "Budget rules", score: 0),
      ])
    #expect(
      RowDecoder.notAnOption("x", of: item)
        == #"'x' is not an option of choice item 's1'; give an option's id or label (any case): a ("Their manager asks what they hope to…"), b ("Budget rules"), or an empty cell for no answer"#
    )
  }

  @Test func chunkedParsingDecodesChoicesLikeTheRowReader() throws {
    let cells = ["a", "B", " b ", "Find who is to blame", "", "x"]
    let lines = ["respondent_id,team,q1,c1,c2"] + (0..<120).map { i in "r\(i),T\(i % 3),\(1 + i % 5),\(cells[i % cells.count]),\(1 + i % 3)" }
    let text = lines.joined(separator: "\n") + "\n"
    let path = writeTemporary(text)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let file = try ChunkedResponseFile(path: path, displayName: "r.csv", survey: testSurvey, items: choiceItems, chunkSize: 512)
    var parser = file.makeParser(keepsIdentity: true)
    var values: [Double] = []
    var rejected: [Int] = []
    while let chunk = try file.nextChunk() {
      let batch = try parser.parse(chunk)
      values += batch.values.prefix(batch.count * 3)
      rejected += batch.rejected.map(\.line)
    }
    let reader = try choiceOutcomes(Array(lines.dropFirst()))
    let expected = reader.flatMap { outcome -> [Double] in if case .row(let row) = outcome { return row.values } else { return [] } }
    #expect(rejected == (0..<120).filter { $0 % 6 == 5 }.map { $0 + 2 })
    #expect(values.count == expected.count && values.count == 100 * 3)
    #expect(values.elementsEqual(expected) { $0 == $1 || ($0.isNaN && $1.isNaN) })
    #expect(values[1] == 1 && values[4] == 0 && values[7] == 0 && values[10] == 0 && values[13].isNaN)
    #expect(values[2] == 0 && values[5] == 1 && values[8] == 0.5)
  }
}
