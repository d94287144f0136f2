import Foundation
import GRDB
import TestSupport
import Testing

/// `score --wave` reads a wave alike from both backends: PostgreSQL's reader (pages of 8,192
/// responses packed by the server, decoded on the scoring workers in pieces of 2,048) gives the same
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
    // 3 pages (the last of 4,173 rows), 11 pieces (the last of 77 rows).
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

  /// How often, walking the table in the order PostgreSQL keeps its rows (`ctid`), a
  /// response's id is smaller than the one before: 0 when the rows lie in id order, one per
  /// run of rows in id order after the first, about half the rows when they lie at random.
  func descents(_ database: String) throws -> Int {
    try StoreQuery.int(database, "SELECT COUNT(*) FROM (SELECT id < lag(id) OVER (ORDER BY ctid) AS down FROM response) s WHERE down")
  }

  /// ``KillDuringImportTests/bigFile(rows:from:)`` with the first answer of every other row
  /// left out: those rows' first dimension is a mean of three answers, which a `Double` holds
  /// only rounded, so its sums depend on the order they are added in (with every answer
  /// given, every mean is a multiple of 1/4 and every sum exact in any order).
  static func fileWithThirds(rows: Int) -> String {
    var lines = KillDuringImportTests.bigFile(rows: rows).split(separator: "\n").map(String.init)
    for n in stride(from: 1, to: lines.count, by: 2) {
      var cells = lines[n].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      cells[2] = ""
      lines[n] = cells.joined(separator: ",")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  @Test(.enabled(if: Backend.underTest.contains(.postgres))) func theScoresDoNotDependOnWhereTheDatabaseKeepsTheRows() throws {
    let rows = 2 * 4096 + 300
    let box = try Sandbox()
    let file = Self.fileWithThirds(rows: rows)
    try box.write("big.csv", file)
    // The data is sensitive to order: the same rows backwards score other bytes.
    let lines = file.split(separator: "\n")
    try box.write("backwards.csv", ([lines[0]] + lines.dropFirst().reversed()).joined(separator: "\n") + "\n")
    let forwards = try box.run("score", "surveys/learning-culture.yaml", "--responses", "big.csv", "--format", "json")
    let backwards = try box.run("score", "surveys/learning-culture.yaml", "--responses", "backwards.csv", "--format", "json")
    #expect(forwards.status == 0 && backwards.status == 0, "\(forwards.stderr)")
    #expect(forwards.stdout.replacingOccurrences(of: "big.csv", with: "backwards.csv") != backwards.stdout, "the sums do not depend on order")
    #expect(try box.run("import", "surveys/learning-culture.yaml", "big.csv", "--wave", "w", "--store", "a.sqlite").status == 0)
    let database = try temporaryDatabase()
    #expect(try box.run("store", "copy", "a.sqlite", database).status == 0)
    // Written in id order; PostgreSQL may put a row that fits into the gap an earlier page
    // left (the rows' lengths vary), so a few ids step back.
    let copied = try descents(database)
    #expect(copied < rows / 100, "store copy writes a wave in id order (\(copied) descents)")
    // The table rewritten in the order of a hash of the ids (CLUSTER), then a new version of
    // every other response at its end.
    _ = try StoreQuery.strings(database, "CREATE INDEX response_shuffled ON response (md5(id))")
    _ = try StoreQuery.strings(database, "CLUSTER response USING response_shuffled")
    _ = try StoreQuery.strings(database, "DROP INDEX response_shuffled")
    _ = try StoreQuery.strings(database, "UPDATE response SET received_on = received_on WHERE get_byte(id, 15) % 2 = 0")
    let shuffled = try descents(database)
    #expect(shuffled > rows / 4, "the rows were not moved about (\(shuffled) descents)")
    for format in ["table", "csv", "json"] {
      let reference = try score(box, store: "a.sqlite", "--format", format)
      let moved = try score(box, store: database, "--format", format, "--jobs", "2")
      #expect(reference.status == 0 && moved.status == 0, "\(moved.stderr)")
      #expect(moved.stdout == reference.stdout, "\(format): rows kept in another order scored differently")
    }
  }

  @Test(.enabled(if: Backend.underTest.contains(.postgres))) func anImportWritesEachOfItsBatchesInIdOrder() throws {
    let box = try Sandbox()
    let rows = 2 * 4096 + 300
    try box.write("big.csv", KillDuringImportTests.bigFile(rows: rows))
    let database = try temporaryDatabase()
    let imported = try box.run("import", "surveys/learning-culture.yaml", "big.csv", "--wave", "w", "--store", database)
    #expect(imported.status == 0, "\(imported.stderr)")
    #expect(try StoreQuery.int(database, "SELECT COUNT(*) FROM response") == rows)
    // Three batches of 4,096 rows at most: three runs in id order, so at most two descents
    // (random ids written as they come would give about half the rows).
    let found = try descents(database)
    #expect(found <= 2, "\(found) descents")
  }
}
