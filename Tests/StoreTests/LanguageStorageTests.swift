import Foundation
import GRDB
import SurveyModel
import Testing

@testable import Store

/// The language of each response: stored by the terminal and the web form, NULL when not
/// recorded, and read back as the group of `score --by language`.
@Suite struct LanguageStorageTests {
  func groups(_ store: ResponseStore, byLanguage: Bool) throws -> [String: Int] {
    let source = try StoredResponses(store: store, wave: store.wave("w", survey: "s"), itemIDs: ["a"], pageSize: 3, byLanguage: byLanguage)
    var counts: [String: Int] = [:]
    while case .row(let row)? = try source.next() { counts[row.team, default: 0] += 1 }
    return counts
  }

  @Test func languagesAreStoredAndGroupedOn() throws {
    let (store, path) = try temporaryStore()
    for n in 0..<7 {
      try store.addResponse(toWave: "w", survey: stamp, team: n < 4 ? "A" : "B", answers: ["a": 1], comments: [:], language: n % 2 == 0 ? "de" : "en")
    }
    try store.addResponse(toWave: "w", survey: stamp, team: "A", answers: ["a": 2])
    #expect(try groups(store, byLanguage: false) == ["A": 5, "B": 3])
    #expect(try groups(store, byLanguage: true) == ["de": 4, "en": 3, StoredResponses.unrecordedLanguage: 1])
    let queue = try DatabaseQueue(path: path)
    let stored = try queue.read { db in try String.fetchAll(db, sql: "SELECT COALESCE(language, '-') FROM response ORDER BY 1") }
    #expect(stored == ["-", "de", "de", "de", "de", "en", "en", "en"])
  }

  @Test func theColumnRefusesNonsense() throws {
    let (store, _) = try temporaryStore()
    #expect(throws: (any Error).self) {
      try store.addResponse(toWave: "w", survey: stamp, team: "A", answers: ["a": 1], comments: [:], language: "x")
    }
  }

  /// A store as version 2 left it goes through v3 (comments) and then v4 (languages) when
  /// opened; its response, answer and comment survive, with the language unrecorded.
  @Test func aVersionTwoStoreIsMigratedThroughCommentsToLanguages() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cultivar-v2-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let path = folder.appendingPathComponent("old.sqlite").path
    // A store as version 2 left it, with one response.
    let old = try DatabaseQueue(path: path)
    try Schema.migrator.migrate(old, upTo: "v2: random response ids, single-use tokens, staged imports")
    #expect(try old.read { db in try db.tableExists("comment") } == false)
    try old.write { db in
      try db.execute(sql: "INSERT INTO survey (key, title, created_on) VALUES ('s', 'S', '2026-01-01')")
      try db.execute(sql: "INSERT INTO wave (survey_id, name, created_on) VALUES (1, 'w', '2026-01-01')")
      try db.execute(sql: "INSERT INTO response (id, wave_id, team, channel, received_on) VALUES (randomblob(16), 1, 'A', 'terminal', '2026-01-01')")
      try db.execute(sql: "INSERT INTO answer (response_id, item_id, value) SELECT id, 'a', 3 FROM response")
    }
    // Version 3 (comments) alone, then a comment on that response.
    try Schema.migrator.migrate(old, upTo: "v3: comments")
    #expect(try old.read { db in try db.columns(in: "response").map(\.name) }.contains("language") == false)
    try old.write { db in
      try db.execute(sql: "INSERT INTO comment (response_id, item_id, text) SELECT id, 'wish', 'More time' FROM response")
    }
    try old.close()
    let store = try ResponseStore(path: path, displayName: "old.sqlite")
    try store.addResponse(toWave: "w", survey: stamp, team: "A", answers: ["a": 1], comments: ["wish": "Mentors"], language: "de")
    #expect(try groups(store, byLanguage: true) == ["de": 1, StoredResponses.unrecordedLanguage: 1])
    let queue = try DatabaseQueue(path: path)
    let (migrations, comments, languages, answers) = try queue.read { db in
      (
        try String.fetchAll(
          db, sql: "SELECT identifier FROM grdb_migrations ORDER BY CAST(substr(identifier, 2, instr(identifier, ':') - 2) AS INTEGER)"),
        try String.fetchAll(db, sql: "SELECT text FROM comment ORDER BY text"),
        try String.fetchAll(db, sql: "SELECT COALESCE(language, '-') FROM response ORDER BY 1"),
        try Int.fetchOne(db, sql: "SELECT count(*) FROM answer")
      )
    }
    #expect(
      migrations == [
        "v1: surveys, waves, responses, answers, invitations", "v2: random response ids, single-use tokens, staged imports",
        "v3: comments", "v4: the language each response was given in", "v5: respondent attributes as given",
        "v6: readers see the columns added to responses", "v7: each response's answers stored with it",
        "v8: readers find the finished imports once per read", "v9: answers kept ready to ship", "v10: scoring pages kept ready",
      ])
    #expect(comments == ["Mentors", "More time"])
    #expect(languages == ["-", "de"])
    #expect(answers == 2)
  }
}
