import Foundation
import GRDB
import TestSupport
import Testing

/// `score --wave` from PostgreSQL, whose server packs each page of 8,192 responses into one
/// value (`PackedPages`), prints the bytes SQLite's reader prints at the pages' edges: a wave
/// of exactly one page (the next page is empty), an empty wave (0 rows read, every group
/// withheld), a wave with attribute cuts longer than a page, and teams whose names are
/// hostile bytes.
/// (In `StoreScoringCommandTests`, so that `make test-store-pg`'s `STORE_SUITES` runs them.)
extension StoreScoringCommandTests {
  /// Scores wave 'w' from both stores with `extra` and expects success and the same bytes;
  /// returns PostgreSQL's output.
  func expectAlike(
    _ box: Sandbox, _ database: String, survey: String = "surveys/learning-culture.yaml", _ extra: [String]
  ) throws -> String {
    func run(_ store: String) throws -> Cultivar.Result {
      var result = try Cultivar.run(["score", survey, "--wave", "w", "--store", store] + extra, in: box.url)
      result.stdout = result.stdout.replacingOccurrences(of: "\(store) wave 'w'", with: "STORE")
      result.stderr = result.stderr.replacingOccurrences(of: store, with: "STORE")
      return result
    }
    let reference = try run("a.sqlite")
    let fromDatabase = try run(database)
    #expect(fromDatabase.status == reference.status, "\(extra): \(fromDatabase.stderr)")
    #expect(fromDatabase.stdout == reference.stdout, "\(extra): PostgreSQL differs from SQLite")
    #expect(fromDatabase.stderr == reference.stderr, "\(extra)")
    #expect(reference.status == 0, "\(extra): \(reference.stderr)")
    return fromDatabase.stdout
  }

  @Test(.enabled(if: Backend.underTest.contains(.postgres))) func aWaveOfExactlyOnePageAndThenAnEmptyWaveScoreAlike() throws {
    let rows = 8192
    let (box, database) = try bothStores(rows: rows)
    for jobs in ["1", "3"] {
      let out = try expectAlike(box, database, ["--format", "csv", "--jobs", jobs])
      #expect(out.contains("Team 29"))
    }
    // The same wave with every response deleted from both stores.
    try DatabaseQueue(path: box.path("a.sqlite")).write { try $0.execute(sql: "DELETE FROM response") }
    _ = try StoreQuery.strings(database, "DELETE FROM response")
    for format in ["table", "csv", "json"] {
      let out = try expectAlike(box, database, ["--format", format])
      if format == "csv" { #expect(out.contains("(all teams),0,below_min_group_size"), "\(out)") }
      #expect(
        try Cultivar.run(["score", "surveys/learning-culture.yaml", "--wave", "w", "--store", database], in: box.url).stderr.contains("0 rows read"))
    }
  }

  /// The pages kept ready (`store copy` built them) give way to rows changed after them, and
  /// `store refresh` builds them again; every score is SQLite's, byte for byte.
  @Test(.enabled(if: Backend.underTest.contains(.postgres))) func pagesKeptReadyGiveWayToChangedRowsUntilRefreshed() throws {
    let (box, database) = try bothStores(rows: 2 * 8192 + 100)
    #expect(try StoreQuery.int(database, "SELECT count(*) FROM wave_page") == 3)
    #expect(try StoreQuery.int(database, "SELECT count(*) FROM wave_page_stale") == 0)
    let before = try expectAlike(box, database, ["--format", "csv", "--jobs", "2"])
    // Many rows deleted (the whole wave marked, the pages holding them gone), one changed.
    for sql in ["DELETE FROM response WHERE team = 'Team 3'", "UPDATE response SET team = 'Team 4' WHERE team = 'Team 5'"] {
      try DatabaseQueue(path: box.path("a.sqlite")).write { try $0.execute(sql: sql) }
      _ = try StoreQuery.strings(database, sql)
    }
    #expect(try StoreQuery.int(database, "SELECT count(*) FROM wave_page_stale WHERE response_id IS NULL") >= 1)
    let changed = try expectAlike(box, database, ["--format", "csv", "--jobs", "2"])
    #expect(changed != before)
    let refreshed = try box.run("store", "refresh", "--store", database)
    #expect(refreshed.status == 0, "\(refreshed.stderr)")
    #expect(refreshed.stdout.contains("refreshed the scoring pages of 1 wave in "), "\(refreshed.stdout)")
    #expect(try StoreQuery.int(database, "SELECT count(*) FROM wave_page_stale") == 0)
    #expect(try expectAlike(box, database, ["--format", "csv", "--jobs", "2"]) == changed)
    let responses = try StoreQuery.int(database, "SELECT count(*) FROM response")
    let pages = (responses + 8191) / 8192
    #expect(try StoreQuery.int(database, "SELECT count(*) FROM wave_page") == pages)
    #expect(try box.run("store", "refresh", "--store", database).stdout.contains("were up to date (\(pages) pages)"))
    let onSQLite = try box.run("store", "refresh", "--store", "a.sqlite")
    #expect(onSQLite.status == 0 && onSQLite.stdout.contains("nothing to refresh"), "\(onSQLite.stdout)")
  }

  @Test(.enabled(if: Backend.underTest.contains(.postgres))) func aWaveWithAttributesLongerThanAPageScoresAlike() throws {
    let box = try Sandbox()
    try box.write("surveys/attributes.yaml", try String(contentsOfFile: Sandbox.fixture("attributes.yaml"), encoding: .utf8))
    let items = KillDuringImportTests.items
    var lines = ["respondent_id,team,location,tenure," + items.joined(separator: ",")]
    var seed: UInt64 = 7
    let rows = 8192 + 2048 + 31
    for n in 0..<rows {
      // Some respondents gave no location or tenure (no attribute row stored).
      var cells = ["p\(n)", "Team \(n % 7)", n % 11 == 0 ? "" : ["Berlin", "Lisbon", "Remote"][n % 3], n % 13 == 0 ? "" : String(n % 9)]
      for _ in items {
        seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        cells.append(String(1 + Int(seed >> 33) % 5))
      }
      lines.append(cells.joined(separator: ","))
    }
    try box.write("att.csv", lines.joined(separator: "\n") + "\n")
    let imported = try box.run("import", "surveys/attributes.yaml", "att.csv", "--wave", "w", "--store", "a.sqlite")
    #expect(imported.status == 0, "\(imported.stderr)")
    let database = try temporaryDatabase()
    let copied = try box.run("store", "copy", "a.sqlite", database)
    #expect(copied.status == 0, "\(copied.stderr)")
    #expect(try StoreQuery.int(database, "SELECT COUNT(*) FROM response_attribute") > rows)
    for cut in ["location", "tenure"] {
      let out = try expectAlike(box, database, survey: "surveys/attributes.yaml", ["--by", cut, "--format", "csv", "--jobs", "2"])
      #expect(out.contains(cut == "tenure" ? "tenure: 3+" : "location: Lisbon"), "\(cut)")
      // The file itself scores the same table (every answer given: sums exact in any order).
      let fromFile = try box.run("score", "surveys/attributes.yaml", "--responses", "att.csv", "--by", cut, "--format", "csv")
      #expect(fromFile.stdout.replacingOccurrences(of: "att.csv", with: "STORE") == out, "\(cut): the file scores differently")
    }
  }

  /// Team names that a packing or an escaping could break: quotes, backslashes and what looks
  /// like bytea's hex escape, SQL, a right-to-left mark, emoji and combining marks, separators,
  /// a long name, and names that differ only in their last byte.
  static let hostileTeams = [
    "Team \"quoted\", with comma", #"back\slash \x41\\x00"#, "'; DROP TABLE response; --", "\u{202E}lanigiro", "🎉 Zürich ✓ e\u{301}",
    "tab\there|pipe;semi", String(repeating: "L", count: 180) + "ong", "Same name a", "Same name b", "NULL", "\\N",
  ]

  @Test(.enabled(if: Backend.underTest.contains(.postgres))) func hostileTeamNamesScoreAlike() throws {
    let box = try Sandbox()
    let items = KillDuringImportTests.items
    func quoted(_ cell: String) -> String { "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
    var lines = ["respondent_id,team," + items.joined(separator: ",")]
    let rows = 2048 + 2048 + 5
    for n in 0..<rows {
      let team = Self.hostileTeams[n % Self.hostileTeams.count]
      lines.append((["h\(n)", quoted(team)] + items.indices.map { String(1 + (n * 7 + $0 * 3) % 5) }).joined(separator: ","))
    }
    try box.write("hostile.csv", lines.joined(separator: "\n") + "\n")
    let imported = try box.run("import", "surveys/learning-culture.yaml", "hostile.csv", "--wave", "w", "--store", "a.sqlite")
    #expect(imported.status == 0 && imported.stdout.contains("\(rows) imported"), "\(imported.stderr)")
    let database = try temporaryDatabase()
    #expect(try box.run("store", "copy", "a.sqlite", database).status == 0)
    #expect(try StoreQuery.int(database, "SELECT COUNT(DISTINCT team) FROM response") == Self.hostileTeams.count)
    for format in ["csv", "json", "table"] {
      let out = try expectAlike(box, database, ["--format", format, "--jobs", "2"])
      if format == "json" {
        for team in Self.hostileTeams where !team.contains("\"") && !team.contains("\\") && !team.contains("\t") {
          #expect(out.contains(team), "\(team) is missing")
        }
      }
    }
  }

  /// A database in another encoding than UTF-8: every connection asks for UTF-8 text, so the
  /// names are stored as the characters they are (not as their UTF-8 bytes read as Latin-1)
  /// and the wave reader gets the bytes it matches, scoring what SQLite scores.
  @Test(.enabled(if: Backend.underTest.contains(.postgres))) func aLatin1DatabaseScoresAlike() throws {
    let box = try Sandbox()
    let items = KillDuringImportTests.items
    let teams = ["Zürich", "Señora Peña", "Ærø", "Plain"]
    var lines = ["respondent_id,team," + items.joined(separator: ",")]
    for n in 0..<(2048 + 9) {
      lines.append((["l\(n)", teams[n % teams.count]] + items.indices.map { String(1 + (n * 5 + $0) % 5) }).joined(separator: ","))
    }
    try box.write("latin.csv", lines.joined(separator: "\n") + "\n")
    #expect(try box.run("import", "surveys/learning-culture.yaml", "latin.csv", "--wave", "w", "--store", "a.sqlite").status == 0)
    let database = try temporaryDatabase(encoding: "LATIN1")
    let copied = try box.run("store", "copy", "a.sqlite", database)
    #expect(copied.status == 0, "\(copied.stderr)")
    // Stored as Latin-1 characters: 'ü' is one character, not the two of its UTF-8 bytes.
    #expect(try StoreQuery.int(database, "SELECT COUNT(*) FROM response WHERE length(team) = 6 AND team LIKE 'Z_rich'") == 515)
    for format in ["csv", "json"] {
      let out = try expectAlike(box, database, ["--format", format])
      for team in teams { #expect(out.contains(team), "\(team) is missing") }
    }
  }
}
