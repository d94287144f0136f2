import Foundation
import GRDB
import TestSupport
import Testing

/// An import killed with SIGKILL at any point leaves the store consistent: all of that
/// import or none of it, as every reader sees it. (Its committed batches stay staged,
/// invisible, until the next import removes them.)
@Suite struct KillDuringImportTests {
  static let items = ["sv", "pm", "mm", "tl", "st"].flatMap { d in (1...4).map { "\(d)\($0)" } }

  /// A plain response CSV of `rows` rows with ids starting at `from`.
  static func bigFile(rows: Int, from: Int = 0) -> String {
    var lines = ["respondent_id,team," + items.joined(separator: ",")]
    var seed: UInt64 = 42
    for n in from..<(from + rows) {
      var cells = ["k\(n)", "Team \(n % 30)"]
      for _ in items {
        seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        cells.append(String(1 + Int(seed >> 33) % 5))
      }
      lines.append(cells.joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Starts `cultivar import`, waits until it is writing (SQLite: pages in the WAL;
  /// PostgreSQL: staged rows beyond `staged`), and kills it with SIGKILL. Returns false when
  /// the import finished before it could be killed.
  func killMidway(_ box: Sandbox, store: String, file: String, wave: String, staged: Int = 0) throws -> Bool {
    let process = Process()
    process.executableURL = Cultivar.binary
    process.arguments = ["import", "surveys/learning-culture.yaml", file, "--wave", wave, "--store", store]
    process.currentDirectoryURL = box.url
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    let wal = store + "-wal"
    let deadline = Date().addingTimeInterval(60)
    while process.isRunning, Date() < deadline {
      if store.hasPrefix("postgres://") {
        // A few batches staged (committed, not yet visible).
        if let rows = try? StoreQuery.int(store, "SELECT COUNT(*) FROM response"), rows > staged + 8000 { break }
        usleep(20_000)
        continue
      }
      let size = (try? FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int) ?? 0
      if size > 1 << 20 { break }
      usleep(2000)
    }
    guard process.isRunning else { return false }
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    #expect(process.terminationReason == .uncaughtSignal)
    return true
  }

  struct Counts: Equatable {
    var waves = 0, responses = 0, answers = 0, imports = 0, orphans = 0
  }

  /// What every reader sees in `store` (a SQLite file, checked for integrity first, or a database).
  func inspect(_ store: String) throws -> Counts {
    if !store.hasPrefix("postgres://") {
      let (check, brokenKeys) = try DatabaseQueue(path: store).read { db in
        (try String.fetchOne(db, sql: "PRAGMA integrity_check"), try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").count)
      }
      #expect(check == "ok")
      #expect(brokenKeys == 0)
    }
    // A store the killed import created holds no tables yet on PostgreSQL, or no wave.
    guard try StoreQuery.int(store, Self.hasTables(store)) > 0 else { return Counts() }
    return Counts(
      waves: try StoreQuery.int(store, "SELECT COUNT(*) FROM wave WHERE staged_by IS NULL"),
      responses: try StoreQuery.int(store, "SELECT COUNT(*) FROM visible_response"),
      answers: try StoreQuery.int(store, "SELECT COUNT(*) FROM answer WHERE response_id IN (SELECT id FROM visible_response)"),
      imports: try StoreQuery.int(store, "SELECT COUNT(*) FROM import_batch WHERE state = 'done'"),
      orphans: try StoreQuery.int(
        store, "SELECT COUNT(*) FROM visible_response r WHERE NOT EXISTS (SELECT 1 FROM answer WHERE answer.response_id = r.id)"))
  }

  static func hasTables(_ store: String) -> String {
    store.hasPrefix("postgres://")
      ? "SELECT COUNT(*) FROM pg_tables WHERE tablename = 'response'" : "SELECT COUNT(*) FROM sqlite_master WHERE name = 'response'"
  }

  /// Rows in the tables themselves, staged or not.
  func rawResponses(_ store: String) throws -> Int { try StoreQuery.int(store, "SELECT COUNT(*) FROM response") }

  @Test(arguments: Backend.underTest) func aKilledImportLeavesAllOrNothing(_ backend: Backend) throws {
    let box = try Sandbox()
    let store = backend == .postgres ? try temporaryDatabase() : box.path("kill.sqlite")
    try box.write("first.csv", Self.bigFile(rows: 60_000))
    try box.write("second.csv", Self.bigFile(rows: 60_000, from: 60_000))

    // Killed while writing the first import: nothing of it, not even the wave.
    #expect(try killMidway(box, store: store, file: "first.csv", wave: "w"), "the import finished before it could be killed")
    #expect(try inspect(store) == Counts())

    // The same import run to the end afterwards stores everything.
    let done = try box.run("import", "surveys/learning-culture.yaml", "first.csv", "--wave", "w", "--store", store)
    #expect(done.status == 0, "\(done.stderr)")
    #expect(done.stdout.contains("60000 rows read, 60000 imported, 0 rejected, 0 duplicates skipped"))
    let complete = try inspect(store)
    #expect(complete == Counts(waves: 1, responses: 60_000, answers: 60_000 * 20, imports: 1, orphans: 0))
    #expect(try rawResponses(store) == 60_000, "the killed import's staged rows were removed")

    // Killed while adding a second file to the same wave: the first import stays whole.
    #expect(try killMidway(box, store: store, file: "second.csv", wave: "w", staged: 60_000), "the import finished before it could be killed")
    #expect(try inspect(store) == complete)
  }
}
