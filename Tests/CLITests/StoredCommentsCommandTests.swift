import Foundation
import TestSupport
import Testing

/// `comments --wave` and `selections --wave` read the same comments and ticks from a SQLite
/// store and from a PostgreSQL one (imported there, or moved there with `store copy`).
@Suite(.serialized) struct StoredCommentsCommandTests {
  static let example = CLI.root.appendingPathComponent("surveys/examples/comments").path
  static let fixtures = CLI.root.appendingPathComponent("Tests/ImportersTests/Fixtures").path

  func run(_ arguments: [String], in scratch: Scratch) throws -> CLIResult {
    try CLI.run(arguments + ["--plugins", "\(Self.example)/plugins"], in: scratch.path)
  }

  @Test(.enabled(if: Backend.underTest.contains(.postgres))) func bothBackendsReportTheSameCommentsAndSelections() throws {
    let scratch = Scratch()
    let database = try temporaryDatabase()
    let copied = try temporaryDatabase()
    let survey = "\(Self.example)/voice.yaml"
    for store in ["s.sqlite", database] {
      // Twice: the second import finds every row a duplicate and stores no comment again.
      for round in 0..<2 {
        let imported = try run(
          ["import", survey, "\(Self.fixtures)/google-forms-multi.csv", "--wave", "w", "--store", store, "--team-column", "Which team are you in?"],
          in: scratch)
        #expect(imported.status == 0, "\(store): \(imported.stderr)")
        if round == 1 { #expect(imported.stdout.contains(" 0 imported, 0 rejected, "), "\(imported.stdout)") }
      }
    }
    let moved = try CLI.run(["store", "copy", "s.sqlite", copied], in: scratch.path)
    #expect(moved.status == 0, "\(moved.stderr)")
    let stores = ["s.sqlite", database, copied]
    let selections = try stores.map { try run(["selections", survey, "--wave", "w", "--store", $0, "--format", "csv"], in: scratch) }
    #expect(selections.allSatisfy { $0.status == 0 }, "\(selections.map(\.stderr))")
    #expect(selections[0].stdout.contains("formats,Legal,4,workshops,Workshops,,,below_min_group_size"))
    #expect(selections[1].stdout == selections[0].stdout && selections[2].stdout == selections[0].stdout)
    // Comments come shuffled: the same lines, in any order.
    let comments = try stores.map { try run(["comments", survey, "--wave", "w", "--store", $0, "--format", "json"], in: scratch) }
    #expect(comments.allSatisfy { $0.status == 0 }, "\(comments.map(\.stderr))")
    let lines = comments.map { result in
      result.stdout.split(separator: "\n").map { $0.replacingOccurrences(of: ",", with: "") }.filter { !$0.contains("wave") }.sorted()
    }
    #expect(lines[0].count > 10 && lines[1] == lines[0] && lines[2] == lines[0])
    let table = try run(["comments", survey, "--wave", "w", "--store", database], in: scratch)
    #expect(table.stdout.contains("(all teams) (25 commenters):"), "\(table.stdout)\(table.stderr)")
  }
}
