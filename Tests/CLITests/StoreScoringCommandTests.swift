import Foundation
import GRDB
import TestSupport
import Testing

/// `score --wave` reads a wave alike from both backends: PostgreSQL's reader (pages of 4,096
/// rows through a cursor, decoded on the scoring workers in pieces of 2,048) gives the same
/// bytes as SQLite's, on waves longer than a page, with any number of workers, grouped by
/// team or by language; and the same table as scoring the file itself.
@Suite struct StoreScoringCommandTests {
  /// The wave's rows in a SQLite store and, copied with their ids (so in the same order), in
  /// a new database.
  func bothStores(rows: Int) throws -> (Sandbox, database: String) {
    let box = try Sandbox()
    try box.write("big.csv", KillDuringImportTests.bigFile(rows: rows))
    let imported = try box.run("import", "surveys/learning-culture.yaml", "big.csv", "--wave", "w", "--store", "a.sqlite")
    #expect(imported.status == 0, "\(imported.stderr)")
    let database = try temporaryDatabase()
    let copied = try box.run("store", "copy", "a.sqlite", database)
    #expect(copied.status == 0, "\(copied.stderr)")
    return (box, database)
  }

  /// `score` of wave 'w' from `store`, with the store's name in the input line made `STORE`.
  func score(_ box: Sandbox, store: String, _ extra: String...) throws -> Cultivar.Result {
    var result = try Cultivar.run(["score", "surveys/learning-culture.yaml", "--wave", "w", "--store", store] + extra, in: box.url)
    result.stdout = result.stdout.replacingOccurrences(of: "\(store) wave 'w'", with: "STORE")
    return result
  }

  @Test(.enabled(if: Backend.underTest.contains(.postgres))) func aWaveLongerThanAPageScoresTheSameBytesFromBothBackends() throws {
    // 6 pages (the last of 77 rows), 11 pieces.
    let rows = 16_384 + 2 * 2048 + 77
    let (box, database) = try bothStores(rows: rows)
    for format in ["table", "csv", "json"] {
      let reference = try score(box, store: "a.sqlite", "--format", format, "--jobs", "1")
      #expect(reference.status == 0, "\(reference.stderr)")
      #expect(reference.stderr.contains("a.sqlite wave 'w': \(rows) rows read, \(rows) used, 0 rejected"))
      for jobs in ["1", "2", "5"] {
        let fromDatabase = try score(box, store: database, "--format", format, "--jobs", jobs)
        #expect(fromDatabase.status == 0, "\(fromDatabase.stderr)")
        #expect(fromDatabase.stdout == reference.stdout, "\(format), \(jobs) workers: PostgreSQL differs from SQLite")
        #expect(fromDatabase.stderr.contains("\(database) wave 'w': \(rows) rows read, \(rows) used, 0 rejected"))
      }
    }
    // The file itself, read in another order: the same table (rounded), but for the input line.
    let fromFile = try box.run("score", "surveys/learning-culture.yaml", "--responses", "big.csv")
    let fromDatabase = try score(box, store: database)
    #expect(fromFile.stdout.replacingOccurrences(of: "big.csv", with: "STORE") == fromDatabase.stdout)
    #expect(fromDatabase.stdout.contains("Team 29"))
  }

  @Test(.enabled(if: Backend.underTest.contains(.postgres))) func byLanguageGroupsAlikeOnBothBackendsAndTheLanguagesMoveWithACopy() throws {
    let box = try Sandbox()
    try box.write("big.csv", KillDuringImportTests.bigFile(rows: 300))
    #expect(try box.run("import", "surveys/learning-culture.yaml", "big.csv", "--wave", "w", "--store", "a.sqlite").status == 0)
    // Imports record no language: give two thirds of the responses one, as take and serve would.
    try DatabaseQueue(path: box.path("a.sqlite")).write { db in
      try db.execute(sql: "UPDATE response SET language = CASE WHEN hex(id) < '55' THEN 'de' WHEN hex(id) < 'AA' THEN 'fr' END")
    }
    let database = try temporaryDatabase()
    #expect(try box.run("store", "copy", "a.sqlite", database).status == 0)
    for format in ["table", "csv", "json"] {
      let outputs = try ["a.sqlite", database].map { try score(box, store: $0, "--by", "language", "--format", format) }
      #expect(outputs.allSatisfy { $0.status == 0 }, "\(outputs.map(\.stderr))")
      #expect(outputs[0].stdout == outputs[1].stdout, "\(format): --by language differs between SQLite and PostgreSQL")
      #expect(outputs[0].stdout.contains("de") && outputs[0].stdout.contains("fr") && outputs[0].stdout.contains("(not recorded)"))
      #expect(!outputs[0].stdout.contains("Team 1"), "grouped by language, not by team")
    }
  }
}
