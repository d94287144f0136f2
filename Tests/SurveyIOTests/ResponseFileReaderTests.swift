import Foundation
import SurveyModel
import Testing

@testable import SurveyIO

func writeTemporary(_ text: String) -> String {
  let path = NSTemporaryDirectory() + "cultivar-\(UUID().uuidString).csv"
  _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
  return path
}

let testSurvey = SurveyDefinition(id: "s", title: "S", frameworks: [.init(id: "f")], ignoredColumns: ["when"], file: "surveys/s.yaml")
let testScale = Scale(min: 1, max: 5, labels: ["Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree"])
let testItems: [ResponseFileReader.ItemColumn] = ["q1", "q2"].map { .init(id: $0, scale: testScale) }

func outcomes(_ csv: String) throws -> [ResponseOutcome] {
  let path = writeTemporary(csv)
  defer { try? FileManager.default.removeItem(atPath: path) }
  let reader = try ResponseFileReader(path: path, displayName: "r.csv", survey: testSurvey, items: testItems)
  var out: [ResponseOutcome] = []
  while let outcome = try reader.next() { out.append(outcome) }
  return out
}

func reasons(_ outcome: ResponseOutcome) -> [String] {
  if case .rejected(_, let problems, _) = outcome { return problems.map { "\($0.line):\($0.column):\($0.reason)" } }
  return []
}

@Suite struct ResponseFileReaderTests {
  @Test func readsRowsInSlotOrderWithMissingAnswers() throws {
    let rows = try outcomes("team,q2,respondent_id,q1,when\nA,4,r1,,x\nB,Agree,r2,2,y\n")
    guard case .row(let first) = rows[0], case .row(let second) = rows[1] else {
      Issue.record("rejected")
      return
    }
    #expect(first.team == "A")
    #expect(first.respondent == "r1")
    #expect(first.values[0].isNaN)
    #expect(first.values[1] == 4)
    #expect(second.values == [2, 4])
    #expect(second.line == 3)
  }

  struct BadRow: Sendable, CustomTestStringConvertible {
    let row: String
    let reason: String
    var testDescription: String { reason }
  }

  static let badRows: [BadRow] = [
    BadRow(row: "r1,A,7,1", reason: "2:3:7 is outside the scale 1–5 of item 'q1'"),
    BadRow(
      row: "r1,A,abc,1", reason: "2:3:'abc' is not a number; item 'q1' takes a value from 1–5 or one of its labels, or an empty cell for no answer"),
    BadRow(row: "r1,,3,1", reason: "2:2:the team is missing"),
    BadRow(row: "r1,A,3", reason: "2:0:the row has 3 fields but the header has 4"),
    BadRow(row: "r1,A,0.5,1", reason: "2:3:0.5 is outside the scale 1–5 of item 'q1'"),
  ]

  @Test(arguments: badRows) func badCellsNameRowColumnAndValue(_ c: BadRow) throws {
    let rows = try outcomes("respondent_id,team,q1,q2\n\(c.row)\n")
    #expect(reasons(rows[0]).first == c.reason)
  }

  @Test func headerProblemsAreAllListed() throws {
    do {
      _ = try outcomes("respondent_id,q1,q1,qq2,extra\n")
      Issue.record("no error")
    } catch let problems as InputProblems {
      let text = problems.description
      #expect(text.contains("r.csv:1: error: column 3 'q1' repeats column 2"))
      #expect(text.contains("column 4 'qq2' is not an item of this survey (did you mean 'q2'?)"))
      #expect(text.contains("column 5 'extra' is not an item of this survey"))
      #expect(text.contains("there is no team column 'team'"))
      #expect(text.contains("no column for item 'q2'"))
    }
  }

  @Test func emptyFileIsAnError() {
    #expect(throws: InputError.self) { try outcomes("") }
  }

  @Test func blankLinesAreSkipped() throws {
    #expect(try outcomes("respondent_id,team,q1,q2\n\nr1,A,1,2\n\n").count == 1)
  }
}

@Suite struct RowDecoderEdgeTests {
  @Test func spacesAndLabelsAreAnswers() throws {
    let rows = try outcomes("respondent_id,team,q1,q2\nr1,A, ,strongly AGREE\n")
    guard case .row(let row) = rows[0] else {
      Issue.record("rejected: \(reasons(rows[0]))")
      return
    }
    #expect(row.values[0].isNaN)
    #expect(row.values[1] == 5)
  }
}
