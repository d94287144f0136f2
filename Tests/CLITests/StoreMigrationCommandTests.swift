import Foundation
import GRDB
import TestSupport
import Testing

/// A store written by the Cultivar before schema version 7 (answers one row each in `answer`)
/// is brought up to date by the first command that opens it, and scores the same bytes after.
@Suite struct StoreMigrationCommandTests {
  /// Turns a database back into schema version 6 as that version left it: the `answer`
  /// table (version 2's) holding the answers, no answers in the responses' rows.
  static let backToVersion6 =
    backToVersion8 + """
      CREATE TABLE answer_v6 (
        response_id BYTEA NOT NULL REFERENCES response(id) ON DELETE CASCADE,
        item_id TEXT NOT NULL,
        value DOUBLE PRECISION NOT NULL,
        PRIMARY KEY (response_id, item_id));
      INSERT INTO answer_v6 SELECT response_id, item_id, value FROM answer;
      DROP VIEW answer;
      ALTER TABLE answer_v6 RENAME TO answer;
      DROP VIEW visible_response;
      ALTER TABLE response DROP CONSTRAINT response_answers_paired, DROP COLUMN answer_items, DROP COLUMN answer_values;
      CREATE VIEW visible_response AS SELECT response.* FROM response
        WHERE import_id IS NULL OR EXISTS (SELECT 1 FROM import_batch b WHERE b.id = response.import_id AND b.state = 'done');
      DELETE FROM cultivar_migration WHERE version >= 7;
      """

  /// Turns a database back into schema version 8 as that version left it: no packs, no
  /// `wave_item`, `response_by_wave` for `response_ready`, `visible_response` without
  /// `answer_pack`.
  static let backToVersion8 =
    backToVersion9 + """
      DROP TRIGGER response_answers_edited ON response;
      DROP FUNCTION cultivar_answers_edited();
      DROP VIEW visible_response;
      DROP INDEX response_ready;
      ALTER TABLE response DROP COLUMN answer_pack;
      CREATE INDEX response_by_wave ON response (wave_id, id);
      DROP TABLE wave_item;
      CREATE VIEW visible_response AS SELECT response.* FROM response
        WHERE import_id IS NULL OR import_id IN (SELECT b.id FROM import_batch b WHERE b.state = 'done');
      DELETE FROM cultivar_migration WHERE version >= 9;
      """

  /// Turns a database back into schema version 9: no pages kept ready.
  static let backToVersion9 = """
    DROP TABLE wave_page, wave_page_stale;
    DROP TRIGGER response_pages_stale_insert ON response;
    DROP TRIGGER response_pages_stale_update_new ON response;
    DROP TRIGGER response_pages_stale_update_old ON response;
    DROP TRIGGER response_pages_stale_delete ON response;
    DROP TRIGGER response_pages_truncated ON response;
    DROP TRIGGER import_pages_stale ON import_batch;
    DROP FUNCTION cultivar_pages_stale(), cultivar_pages_truncated(), cultivar_import_pages_stale();
    DELETE FROM cultivar_migration WHERE version >= 10;

    """

  func score(_ box: Sandbox, store: String, _ format: String) throws -> Cultivar.Result {
    var result = try Cultivar.run(["score", "surveys/learning-culture.yaml", "--wave", "w", "--store", store, "--format", format], in: box.url)
    result.stdout = result.stdout.replacingOccurrences(of: "\(store) wave 'w'", with: "STORE")
    return result
  }

  /// A wave of `rows` responses imported into `a.sqlite` in `box` and copied into a new
  /// PostgreSQL database, whose URL is returned.
  func copiedWave(_ box: Sandbox, rows: Int) throws -> String {
    try box.write("big.csv", KillDuringImportTests.bigFile(rows: rows))
    #expect(try box.run("import", "surveys/learning-culture.yaml", "big.csv", "--wave", "w", "--store", "a.sqlite").status == 0)
    let database = try temporaryDatabase()
    #expect(try box.run("store", "copy", "a.sqlite", database).status == 0)
    return database
  }

  @Test(.enabled(if: Backend.underTest.contains(.postgres))) func aVersion6DatabaseWithAnswersMigratesAndScoresTheSame() throws {
    let box = try Sandbox()
    let rows = 3000
    let database = try copiedWave(box, rows: rows)
    let answers = try StoreQuery.int(database, "SELECT COUNT(*) FROM answer")
    #expect(answers == rows * KillDuringImportTests.items.count)
    _ = try StoreQuery.strings(database, Self.backToVersion6)
    // An analyst role (docs/store.md) that could read the answers can read them after.
    let analyst = "t_analyst_" + UUID().uuidString.prefix(8).lowercased()
    _ = try StoreQuery.strings(database, "CREATE ROLE \(analyst); GRANT SELECT ON answer TO \(analyst)")
    #expect(try StoreQuery.int(database, "SELECT MAX(version) FROM cultivar_migration") == 6)
    #expect(try StoreQuery.int(database, "SELECT COUNT(*) FROM answer") == answers)

    let first = try score(box, store: database, "table")
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stderr.contains("\(database): set up the store's tables (schema versions 7, 8, 9, 10)"), "\(first.stderr)")
    #expect(try StoreQuery.int(database, "SELECT MAX(version) FROM cultivar_migration") == 10)
    #expect(try StoreQuery.int(database, "SELECT COUNT(*) FROM response WHERE answer_pack IS NULL") == 0, "packed after the migration")
    #expect(try StoreQuery.int(database, "SELECT COUNT(*) FROM answer") == answers, "every answer moved into its response")
    #expect(
      try StoreQuery.int(database, "SELECT COUNT(*) FROM response WHERE cardinality(answer_items) <> \(KillDuringImportTests.items.count)") == 0)
    #expect(try StoreQuery.int(database, "SELECT COUNT(*) FROM pg_class WHERE relname = 'answer' AND relkind = 'v'") == 1)
    #expect(try StoreQuery.strings(database, "SELECT has_table_privilege('\(analyst)', 'answer', 'SELECT')") == ["t"])
    for format in ["table", "csv", "json"] {
      let reference = try score(box, store: "a.sqlite", format)
      let migrated = try score(box, store: database, format)
      #expect(migrated.status == 0 && reference.status == 0, "\(migrated.stderr)")
      #expect(migrated.stdout == reference.stdout, "\(format): the migrated database scores differently")
      #expect(!migrated.stderr.contains("set up"), "migrated once")
    }
  }

  @Test(.enabled(if: Backend.underTest.contains(.postgres))) func aVersion8DatabaseGetsPacksAndScoresTheSameBeforeAndAfter() throws {
    let box = try Sandbox()
    let rows = 3000
    let database = try copiedWave(box, rows: rows)
    let reference = try ["table", "csv", "json"].map { try score(box, store: "a.sqlite", $0) }
    for (format, expected) in zip(["table", "csv", "json"], reference) {
      #expect(try score(box, store: database, format).stdout == expected.stdout, "\(format): packed, as copied")
    }
    _ = try StoreQuery.strings(database, Self.backToVersion8)
    // The roles of docs/store.md, as granted at version 8: after the migration the analyst may
    // read the items' numbers and the form may give new ones.
    let analyst = "t_analyst_" + UUID().uuidString.prefix(8).lowercased()
    let form = "t_form_" + UUID().uuidString.prefix(8).lowercased()
    _ = try StoreQuery.strings(
      database, "CREATE ROLE \(analyst); GRANT SELECT ON visible_response TO \(analyst); CREATE ROLE \(form); GRANT INSERT ON response TO \(form)")
    #expect(try StoreQuery.int(database, "SELECT MAX(version) FROM cultivar_migration") == 8)

    let first = try score(box, store: database, "csv")
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stdout == reference[1].stdout, "the version 8 rows, migrated and packed, score the same")
    #expect(first.stderr.contains("\(database): set up the store's tables (schema versions 9, 10)"), "\(first.stderr)")
    #expect(first.stderr.contains("\(database): packed the answers of 3000 responses stored without a pack"), "\(first.stderr)")
    #expect(try StoreQuery.int(database, "SELECT COUNT(*) FROM response WHERE answer_pack IS NULL") == 0)
    #expect(try StoreQuery.int(database, "SELECT COUNT(*) FROM wave_item") == KillDuringImportTests.items.count)
    #expect(
      try StoreQuery.strings(
        database,
        "SELECT has_table_privilege('\(analyst)', 'wave_item', 'SELECT'), has_table_privilege('\(form)', 'wave_item', 'INSERT'), has_table_privilege('\(analyst)', 'wave_item', 'INSERT'), has_table_privilege('\(analyst)', 'wave_page', 'SELECT'), has_table_privilege('\(form)', 'wave_page', 'SELECT')"
      ) == ["t|t|f|t|f"])
    // Rows without a pack (an older Cultivar still writing, or psql) read from their arrays,
    // beside packed ones, the same bytes; nothing is written by a read.
    _ = try StoreQuery.strings(database, "UPDATE response SET answer_pack = NULL WHERE get_byte(id, 0) < 128")
    let unpacked = try StoreQuery.int(database, "SELECT COUNT(*) FROM response WHERE answer_pack IS NULL")
    #expect(unpacked > rows / 4)
    for (format, expected) in zip(["table", "csv", "json"], reference) {
      let mixed = try score(box, store: database, format)
      #expect(mixed.status == 0 && mixed.stdout == expected.stdout, "\(format): packed and unpacked rows")
      #expect(!mixed.stderr.contains("set up") && !mixed.stderr.contains("packed the answers"), "\(mixed.stderr)")
    }
    #expect(try StoreQuery.int(database, "SELECT COUNT(*) FROM response WHERE answer_pack IS NULL") == unpacked)
    // The analyst, who reads only through `visible_response` (docs/store.md), scores them too.
    _ = try StoreQuery.strings(
      database,
      "ALTER ROLE \(analyst) LOGIN PASSWORD 'analyst-pw'; GRANT USAGE ON SCHEMA public TO \(analyst); GRANT SELECT ON cultivar_migration, survey, wave, wave_plugin, import_batch TO \(analyst)"
    )
    let asAnalyst = "postgres://\(analyst)" + database[database.firstIndex(of: "@")!...]
    var read = try Cultivar.run(
      ["score", "surveys/learning-culture.yaml", "--wave", "w", "--store", asAnalyst, "--format", "csv"], in: box.url,
      environment: ["PGPASSWORD": "analyst-pw"])
    read.stdout = read.stdout.replacingOccurrences(of: "\(asAnalyst) wave 'w'", with: "STORE")
    #expect(read.status == 0 && read.stdout == reference[1].stdout, "\(read.stderr)")
    // A bad pack (not Cultivar's): a clear error naming the response, no scores.
    _ = try StoreQuery.strings(database, "UPDATE response SET answer_pack = '\\x0102' WHERE id = (SELECT id FROM response ORDER BY id DESC LIMIT 1)")
    let bad = try score(box, store: database, "csv")
    #expect(bad.status != 0 && bad.stdout.isEmpty, "\(bad.stdout)")
    #expect(
      bad.stderr.contains("has an answer_pack that does not read") && bad.stderr.contains("UPDATE response SET answer_pack = NULL"), "\(bad.stderr)")
  }

  @Test func aVersion6SQLiteStoreIsMarkedVersion7AndScoresTheSame() throws {
    let box = try Sandbox()
    try box.write("big.csv", KillDuringImportTests.bigFile(rows: 500))
    #expect(try box.run("import", "surveys/learning-culture.yaml", "big.csv", "--wave", "w", "--store", "a.sqlite").status == 0)
    let before = try score(box, store: "a.sqlite", "csv")
    try DatabaseQueue(path: box.path("a.sqlite")).write { db in
      try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier LIKE 'v7:%'")
    }
    let after = try score(box, store: "a.sqlite", "csv")
    #expect(after.status == 0 && after.stdout == before.stdout, "\(after.stderr)")
    let marked = try DatabaseQueue(path: box.path("a.sqlite")).read { db in
      try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM grdb_migrations WHERE identifier LIKE 'v7:%'")
    }
    #expect(marked == 1)
  }
}
