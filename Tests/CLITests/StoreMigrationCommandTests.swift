import Foundation
import GRDB
import TestSupport
import Testing

/// A store written by the Cultivar before schema version 7 (answers one row each in `answer`)
/// is brought up to date by the first command that opens it, and scores the same bytes after.
@Suite struct StoreMigrationCommandTests {
  /// Turns a database back into schema version 6 as that version left it: the `answer`
  /// table (version 2's) holding the answers, no answers in the responses' rows.
  static let backToVersion6 = """
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

  func score(_ box: Sandbox, store: String, _ format: String) throws -> Cultivar.Result {
    var result = try Cultivar.run(["score", "surveys/learning-culture.yaml", "--wave", "w", "--store", store, "--format", format], in: box.url)
    result.stdout = result.stdout.replacingOccurrences(of: "\(store) wave 'w'", with: "STORE")
    return result
  }

  @Test(.enabled(if: Backend.underTest.contains(.postgres))) func aVersion6DatabaseWithAnswersMigratesAndScoresTheSame() throws {
    let box = try Sandbox()
    let rows = 3000
    try box.write("big.csv", KillDuringImportTests.bigFile(rows: rows))
    #expect(try box.run("import", "surveys/learning-culture.yaml", "big.csv", "--wave", "w", "--store", "a.sqlite").status == 0)
    let database = try temporaryDatabase()
    #expect(try box.run("store", "copy", "a.sqlite", database).status == 0)
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
    #expect(first.stderr.contains("\(database): set up the store's tables (schema versions 7, 8)"), "\(first.stderr)")
    #expect(try StoreQuery.int(database, "SELECT MAX(version) FROM cultivar_migration") == 8)
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
