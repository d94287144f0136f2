import Foundation
import GRDB
import SurveyIO
import SurveyModel
import Testing

@testable import Store

/// Spearman's rank correlation of two orderings of the same n things (positions 0..<n).
func rankCorrelation(_ a: [Int], _ b: [Int]) -> Double {
  let n = Double(a.count)
  let squares = zip(a, b).reduce(0.0) { $0 + pow(Double($1.0 - $1.1), 2) }
  return 1 - 6 * squares / (n * (n * n - 1))
}

@Suite struct UnlinkableStorageTests {
  @Test func idsAndRowOrderSayNothingOfTheOrderOfArrival() throws {
    let (store, path) = try temporaryStore()
    let count = 300
    for n in 0..<count {
      try store.addResponse(toWave: "w", survey: stamp, team: "T", answers: ["order": Double(n)])
    }
    let rows = try DatabaseQueue(path: path).read { (db: Database) throws in
      try Row.fetchAll(db, sql: "SELECT response.id, answer.value FROM response JOIN answer ON answer.response_id = response.id")
    }
    let ids = rows.map { $0[0] as Data }
    #expect(ids.count == count && Set(ids).count == count && ids.allSatisfy { $0.count == 16 })
    let arrival = rows.map { Int($0[1] as Double) }
    // Stored order vs arrival order: uncorrelated (random: |rho| ~ 0.06; 0.3 is 5 SDs).
    let rho = rankCorrelation(Array(0..<count), arrival)
    #expect(abs(rho) < 0.3, "rank correlation \(rho)")
    // Physical order of the table is by id (WITHOUT ROWID), not by arrival.
    let physical = try DatabaseQueue(path: path).read { db in try Data.fetchAll(db, sql: "SELECT id FROM response") }
    #expect(physical == physical.sorted { $0.lexicographicallyPrecedes($1) })
  }

  @Test func responsesHaveNoLinkToInvitationsAndNoTimeFinerThanTheDay() throws {
    let (_, path) = try temporaryStore()
    try DatabaseQueue(path: path).read { (db: Database) throws in
      let columns = try Row.fetchAll(db, sql: "PRAGMA table_info(response)").map { $0["name"] as String }
      // The language is one of the survey's few languages: a group like the team, withheld like one.
      #expect(columns == ["id", "wave_id", "team", "channel", "import_id", "source_key", "received_on", "language"])
      let targets = try Row.fetchAll(db, sql: "PRAGMA foreign_key_list(response)").map { $0["table"] as String }
      #expect(Set(targets) == ["wave", "import_batch"])
      let withoutRowid = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'response'") ?? ""
      #expect(withoutRowid.contains("WITHOUT ROWID"))
      #expect(try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'invitation'")?.contains("WITHOUT ROWID") == true)
    }
  }

  /// A store as version 1 wrote it: sequential ids, team-wide links.
  func versionOneStore(responses: Int) throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cultivar-v1-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let path = folder.appendingPathComponent("old.sqlite").path
    let queue = try DatabaseQueue(path: path)
    try queue.write { (db: Database) throws in
      try db.execute(sql: Schema.version1)
      try db.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
      try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('v1: surveys, waves, responses, answers, invitations')")
      try db.execute(sql: "INSERT INTO survey VALUES (1, 's', 'S', '2026-01-01')")
      try db.execute(sql: "INSERT INTO wave VALUES (1, 1, 'w', '2026-01-01')")
      for n in 1...responses {
        try db.execute(
          sql: "INSERT INTO response (id, wave_id, team, channel, received_on) VALUES (?, 1, ?, 'web', '2026-01-02')", arguments: [n, "T\(n % 4)"])
        try db.execute(sql: "INSERT INTO answer VALUES (?, 'order', ?), (?, 'b', 3)", arguments: [n, Double(n), n])
      }
      try db.execute(sql: "INSERT INTO invitation VALUES (1, 1, 'T1', ?, '2026-01-01')", arguments: [Digest.sha256("old-link")])
      try db.execute(sql: "INSERT INTO form_ticket VALUES ('h', 1, '2026-01-01', 0)")
    }
    try queue.close()
    return path
  }

  @Test func aVersionOneStoreIsMigratedOnceWithRandomIds() throws {
    let path = try versionOneStore(responses: 120)
    let store = try ResponseStore(path: path)
    let wave = try store.wave("w", survey: "s")
    #expect(try store.responseCount(of: wave) == 120)
    func snapshot() throws -> [Row] {
      try DatabaseQueue(path: path).read { (db: Database) throws in
        try Row.fetchAll(
          db,
          sql:
            "SELECT response.id, response.team, answer.item_id, answer.value FROM response JOIN answer ON answer.response_id = response.id ORDER BY response.id, answer.item_id"
        )
      }
    }
    let migrated = try snapshot()
    #expect(migrated.count == 240)
    let orderValues = migrated.filter { $0[2] as String == "order" }.map { Int($0[3] as Double) }
    #expect(Set(orderValues) == Set(1...120))
    #expect(abs(rankCorrelation(Array(0..<120), orderValues.map { $0 - 1 })) < 0.4)
    #expect(migrated.allSatisfy { ($0[0] as Data).count == 16 })
    // Every answer kept its response's team.
    #expect(migrated.filter { $0[2] as String == "order" }.allSatisfy { "T\(Int($0[3] as Double) % 4)" == $0[1] as String })
    try DatabaseQueue(path: path).read { (db: Database) throws in
      #expect(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier") == Schema.migrator.migrations.sorted())
      // The old team-wide link can no longer be answered.
      #expect(try Int.fetchOne(db, sql: "SELECT uses_left FROM invitation") == 0)
      #expect(try String.fetchOne(db, sql: "PRAGMA integrity_check") == "ok")
      #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
    }
    // Opening again changes nothing (the migration is recorded, not repeated).
    _ = try ResponseStore(path: path)
    #expect(try snapshot() == migrated)
  }
}
