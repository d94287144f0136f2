import Foundation
import GRDB
import SurveyModel
import TestSupport
import Testing

@testable import Store

@Suite struct CommentStoreTests {
  @Test(arguments: Backend.underTest) func commentsAndSelectionsAreStoredApartAndReadBack(_ backend: Backend) throws {
    let (store, _) = try temporaryStore(backend)
    _ = try store.importing(into: "w", survey: stamp, source: "x.csv", format: "csv") { session -> (Int, ImportCounts) in
      try session.add(team: "A", itemIDs: ["q1", "formats"], values: [4, 5], sourceKey: "r1", comments: [("wish", "More time, please.")])
      try session.add(team: "B", itemIDs: ["q1", "formats"], values: [2, .nan], sourceKey: "r2", comments: [("wish", "   ")])
      return (0, ImportCounts())
    }
    try store.addResponse(toWave: "w", survey: stamp, team: "A", answers: ["q1": 3, "formats": 2], comments: ["wish": "Line one\nline two"])
    let wave = try store.wave("w", survey: "s")
    let rows = try store.unscoredAnswers(of: wave, comments: ["wish"], multis: [("formats", 3)])
    #expect(rows.count == 3)
    #expect(Set(rows.compactMap { $0.comments[0] }) == ["More time, please.", "Line one\nline two"])
    #expect(rows.compactMap { $0.selections[0] }.sorted() == [2, 5])
    // Comments are not answers: nothing that reads answers (scoring) sees them.
    let export = try store.exportWave(wave)
    var answered = Set<String>()
    var commented = 0
    while case let page = try export.nextResponses(), !page.isEmpty {
      for row in page {
        answered.formUnion(row.answers.map(\.0))
        commented += row.comments.count
      }
    }
    #expect(answered == ["formats", "q1"] && commented == 2)
  }

  @Test(arguments: Backend.underTest) func aReimportedResponseKeepsOneCopyOfItsComments(_ backend: Backend) throws {
    let (store, _) = try temporaryStore(backend)
    func importRows(_ keys: [String]) throws -> ImportCounts {
      try store.importing(into: "w", survey: stamp, source: "x.csv", format: "csv") { session -> (Int, ImportCounts) in
        for key in keys { try session.add(team: "T", itemIDs: ["a"], values: [3], sourceKey: key, comments: [("wish", "said by \(key)")]) }
        return (0, ImportCounts())
      }.1
    }
    let first = try importRows(["r1", "r2"])
    #expect(first.imported == 2 && first.duplicates == 0)
    // r2 again, and r3 twice in one import: one of each is stored, with one comment.
    let second = try importRows(["r2", "r3", "r3"])
    #expect(second.imported == 1 && second.duplicates == 2)
    let wave = try store.wave("w", survey: "s")
    let comments = try store.unscoredAnswers(of: wave, comments: ["wish"], multis: []).compactMap { $0.comments[0] }
    #expect(comments.sorted() == ["said by r1", "said by r2", "said by r3"])
  }

  @Test(arguments: Backend.underTest) func aFailedImportTakesItsCommentsWithIt(_ backend: Backend) throws {
    let (store, _) = try temporaryStore(backend)
    struct Stop: Error {}
    #expect(throws: Stop.self) {
      try store.importing(into: "w", survey: stamp, source: "x.csv", format: "csv") { session -> (Int, ImportCounts) in
        try session.add(team: "T", itemIDs: ["a"], values: [3], sourceKey: "r1", comments: [("wish", "secret")])
        throw Stop()
      }
    }
    _ = try store.importing(into: "w", survey: stamp, source: "x.csv", format: "csv") { session -> (Int, ImportCounts) in
      try session.add(team: "T", itemIDs: ["a"], values: [3], sourceKey: "r1")
      return (0, ImportCounts())
    }
    let rows = try store.unscoredAnswers(of: try store.wave("w", survey: "s"), comments: ["wish"], multis: [])
    #expect(rows.count == 1 && rows[0].comments == [nil])
  }

  @Test func aFailedImportLeavesNoCommentRowInSQLite() throws {
    let (store, path) = try temporaryStore()
    struct Stop: Error {}
    #expect(throws: Stop.self) {
      try store.importing(into: "w", survey: stamp, source: "x.csv", format: "csv") { session -> (Int, ImportCounts) in
        try session.add(team: "T", itemIDs: ["a"], values: [3], sourceKey: "r1", comments: [("wish", "secret")])
        throw Stop()
      }
    }
    let left = try DatabaseQueue(path: path).read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM comment") }
    #expect(left == 0)
  }

  @Test(arguments: Backend.underTest) func aStoredSelectionThatIsNoSetOfTheOptionsIsRefused(_ backend: Backend) throws {
    let (store, _) = try temporaryStore(backend)
    try store.addResponse(toWave: "w", survey: stamp, team: "A", answers: ["formats": 9])
    let wave = try store.wave("w", survey: "s")
    #expect(throws: StoreError.self) { try store.unscoredAnswers(of: wave, comments: [], multis: [("formats", 3)]) }
  }
}

@Suite struct WebCommentTests {
  @Test(arguments: Backend.underTest) func aWebSubmissionStoresItsCommentsWithTheResponseOnce(_ backend: Backend) async throws {
    let (store, _) = try temporaryStore(backend)
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
