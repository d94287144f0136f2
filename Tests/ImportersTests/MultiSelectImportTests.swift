import Foundation
import SurveyIO
import SurveyModel
import Testing

@testable import Importers

/// The items of surveys/examples/comments/plugins/learning-voice, as `import` looks for them.
let formatOptions = ["Workshops", "Mentoring", "E-learning", "Communities of practice"].map {
  Item.Option(id: TextKey.of($0).replacingOccurrences(of: " ", with: "-"), label: $0, score: 0)
}
let voiceItems = [
  importItem(id: "s1", text: "I have time to learn during work.", scale: agreement),
  importItem(id: "s2", text: "My manager helps me learn.", scale: agreement),
  importItem(id: "formats", text: "Which learning formats have you used this year?", scale: agreement, options: formatOptions, kind: .multi),
  importItem(id: "wish", text: "What one thing would help you learn more?", scale: agreement, kind: .text),
]

/// What each respondent of the multi-select fixtures answered (scripts/generate_exports.py).
struct Truth {
  var team: String
  var answered: Bool
  var bits: UInt32
  var comment: String

  static func load() throws -> [Truth] {
    let reader = try CSVReader(path: fixtures.appendingPathComponent("multi-truth.csv").path)
    _ = try reader.next()
    var out: [Truth] = []
    while try reader.next() {
      let cells = reader.strings
      let bits = (0..<4).reduce(UInt32(0)) { $0 | (cells[3 + $1] == "1" ? 1 << UInt32($1) : 0) }
      out.append(Truth(team: cells[1], answered: cells[2] == "1", bits: bits, comment: cells[7]))
    }
    return out
  }
}

@Suite struct MultiSelectImportTests {
  /// (fixture, team column, unticked style, whether "answered, nothing ticked" can be seen).
  static let layouts: [(String, String?, MultiDecoder.Unticked?, Bool)] = [
    ("qualtrics-multi.csv", nil, .blank, false), ("qualtrics-multi-zero.csv", nil, nil, true),
    ("google-forms-multi.csv", "Which team are you in?", nil, false), ("surveymonkey-multi.csv", nil, nil, false),
    ("ms-forms-multi.xlsx", nil, nil, false),
  ]

  @Test(arguments: layouts)
  func everyLayoutReadsTheSameSelectionsAndComments(layout: (String, String?, MultiDecoder.Unticked?, Bool)) throws {
    let (file, teamColumn, unticked, seesEmpty) = layout
    let reader = try ExportReader(
      path: fixtures.appendingPathComponent(file).path, displayName: file, items: voiceItems, survey: survey,
      teamColumn: teamColumn, unticked: unticked)
    #expect(reader.unmatchedColumns.isEmpty, "\(reader.unmatchedColumns)")
    let truth = try Truth.load()
    let outcomes = try rows(reader)
    #expect(outcomes.count == truth.count)
    for (outcome, expected) in zip(outcomes, truth) {
      guard case .row(let row) = outcome else {
        Issue.record("\(file): rejected \(outcome)")
        continue
      }
      #expect(row.team == expected.team)
      let visible = expected.answered && (seesEmpty || expected.bits != 0)
      if visible {
        #expect(row.values[2] == Double(expected.bits), "\(file) line \(row.line)")
      } else {
        #expect(row.values[2].isNaN, "\(file) line \(row.line)")
      }
      #expect(row.comments.map(\.text) == (expected.comment.isEmpty ? [] : [expected.comment]), "\(file) line \(row.line)")
    }
  }

  @Test func blanksBesideTickedBoxesNeedTheBlankLayoutDeclared() throws {
    let reader = try ExportReader(
      path: fixtures.appendingPathComponent("qualtrics-multi.csv").path, displayName: "q.csv", items: voiceItems, survey: survey)
    #expect(reader.unticked == .zero)
    let rejected = try rows(reader).compactMap { outcome -> [RowProblem]? in
      if case .rejected(_, let problems, _) = outcome { return problems }
      return nil
    }
    #expect(!rejected.isEmpty)
    #expect(rejected.flatMap { $0 }.allSatisfy { $0.reason.contains("import with --unticked blank") })
  }

  @Test func aRejectedRowNeverCarriesItsComment() throws {
    let path = try temporaryFile(
      "respondent_id,team,s1,s2,formats,wish\nr1,Sales,Maybe,1,Workshops,\"Call Anna on 0170 1234567\"\nr2,Sales,1,1,Juggling,\n")
    let reader = try ExportReader(path: path, displayName: "x.csv", items: voiceItems, survey: survey)
    let outcomes = try rows(reader)
    guard case .rejected(_, _, let fields) = outcomes[0], case .rejected(_, let problems, _) = outcomes[1] else {
      Issue.record("expected two rejected rows: \(outcomes)")
      return
    }
    #expect(fields[5] == ExportReader.withheldComment)
    #expect(!fields.joined().contains("Anna"))
    #expect(problems[0].reason.contains("'Juggling' in 'Juggling' is not an option of multi-select item 'formats'"))
  }

  @Test func anOptionColumnMissingIsNamed() throws {
    let path = try temporaryFile("respondent_id,team,s1,s2,formats_workshops,formats_mentoring,wish\nr1,Sales,1,1,1,0,\n")
    do {
      _ = try ExportReader(path: path, displayName: "x.csv", items: voiceItems, survey: survey)
      Issue.record("accepted")
    } catch let problems as InputProblems {
      #expect(
        problems.description.contains("multi-select item 'formats' has a column per option but none for 'E-learning', 'Communities of practice'"),
        "\(problems)")
    }
  }
}
