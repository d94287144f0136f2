import Foundation
import SurveyModel
import Testing

@testable import SurveyIO

@Suite struct UnscoredAnswerReaderTests {
  let comment = Item(id: "wish", text: "Wish?", dimension: "", kind: .text)
  let multi = Item(
    id: "formats", text: "Formats?", dimension: "",
    options: [.init(id: "w", label: "Workshops", score: 0), .init(id: "m", label: "Mentoring", score: 0)], kind: .multi)
  let survey = SurveyDefinition(id: "s", title: "S", frameworks: [])

  func file(_ text: String) throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("unscored-\(UUID().uuidString).csv").path
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    return path
  }

  @Test func readsCommentsAndSelectionsLeavingOtherColumnsAlone() throws {
    let path = try file("respondent_id,team,q1,wish,formats\nr1,Sales,not a number,\"Hello, \"\"world\"\"\nbye\",w;m\nr2,Sales,3,  ,\n")
    let reader = try UnscoredAnswerReader(path: path, survey: survey, comments: [comment], multis: [multi])
    guard case .answers(let first)? = try reader.next(), case .answers(let second)? = try reader.next() else {
      Issue.record("expected two rows")
      return
    }
    #expect(first.comments == ["Hello, \"world\"\nbye"])
    #expect(first.selections == [3])
    #expect(second.comments == [nil] && second.selections == [nil])
    #expect(try reader.next() == nil)
  }

  @Test func aBadTeamOrOptionIsAProblemAndTheMissingColumnIsNamed() throws {
    let reader = try UnscoredAnswerReader(path: try file("team,wish,formats\n,hi,x\n"), survey: survey, comments: [comment], multis: [multi])
    guard case .rejected(let problems)? = try reader.next() else {
      Issue.record("expected a rejected row")
      return
    }
    #expect(problems.count == 2)
    #expect(!problems.contains { $0.value.contains("hi") })
    #expect(throws: InputProblems.self) {
      try UnscoredAnswerReader(path: try file("team,formats\nA,w\n"), survey: survey, comments: [comment], multis: [multi])
    }
  }
}
