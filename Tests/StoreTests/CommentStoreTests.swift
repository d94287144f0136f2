import Foundation
import GRDB
import SurveyModel
import Testing

@testable import Store

@Suite struct CommentStoreTests {
  @Test func commentsAndSelectionsAreStoredApartAndReadBack() throws {
    let (store, path) = try temporaryStore()
    try store.importing(into: "w", survey: stamp, source: "x.csv", format: "csv") { session -> (Int, ImportCounts) in
      _ = try session.add(team: "A", itemIDs: ["q1", "formats"], values: [4, 5], sourceKey: "r1", comments: [("wish", "More time, please.")])
      _ = try session.add(team: "B", itemIDs: ["q1", "formats"], values: [2, .nan], sourceKey: "r2", comments: [("wish", "   ")])
      return (0, ImportCounts())
    }
    try store.addResponse(toWave: "w", survey: stamp, team: "A", answers: ["q1": 3, "formats": 2], comments: ["wish": "Line one\nline two"])
    let wave = try store.wave("w", survey: "s")
    let rows = try store.unscoredAnswers(of: wave, comments: ["wish"], multis: [("formats", 3)])
    #expect(rows.count == 3)
    #expect(Set(rows.compactMap { $0.comments[0] }) == ["More time, please.", "Line one\nline two"])
    #expect(rows.compactMap { $0.selections[0] }.sorted() == [2, 5])
    // Comments are not answers: nothing that reads answers (scoring) sees them.
    let answers = try DatabaseQueue(path: path).read { db in try String.fetchAll(db, sql: "SELECT DISTINCT item_id FROM answer ORDER BY item_id") }
    #expect(answers == ["formats", "q1"])
  }

  @Test func aFailedImportTakesItsCommentsWithIt() throws {
    let (store, path) = try temporaryStore()
    struct Stop: Error {}
    #expect(throws: Stop.self) {
      try store.importing(into: "w", survey: stamp, source: "x.csv", format: "csv") { session -> (Int, ImportCounts) in
        _ = try session.add(team: "T", itemIDs: ["a"], values: [3], sourceKey: "r1", comments: [("wish", "secret")])
        throw Stop()
      }
    }
    let left = try DatabaseQueue(path: path).read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM comment") }
    #expect(left == 0)
  }

  @Test func aStoredSelectionThatIsNoSetOfTheOptionsIsRefused() throws {
    let (store, _) = try temporaryStore()
    try store.addResponse(toWave: "w", survey: stamp, team: "A", answers: ["formats": 9])
    let wave = try store.wave("w", survey: "s")
    #expect(throws: StoreError.self) { try store.unscoredAnswers(of: wave, comments: [], multis: [("formats", 3)]) }
  }
}

@Suite struct WebCommentTests {
  @Test func aWebSubmissionStoresItsCommentsWithTheResponseOnce() async throws {
    let (store, _) = try temporaryStore()
    let wave = try store.openWave("w", survey: stamp)
    let token = try store.invite(to: wave, team: "A", count: 1)[0]
    guard case .open(let invitation) = try await store.invitation(token: token, wave: wave) else {
      Issue.record("the token does not open an invitation")
      return
    }
    let ticket = try await store.issueTicket(for: invitation)
    #expect(try await store.submit(token: token, ticket: ticket, wave: wave, answers: ["formats": 3], comments: ["wish": "Time, please."]) == .stored)
    #expect(try await store.submit(token: token, ticket: ticket, wave: wave, answers: [:], comments: ["wish": "Again"]) == .alreadySubmitted)
    let rows = try store.unscoredAnswers(of: wave, comments: ["wish"], multis: [("formats", 2)])
    #expect(rows.map(\.team) == ["A"])
    #expect(rows[0].comments == ["Time, please."] && rows[0].selections == [3])
  }
}
