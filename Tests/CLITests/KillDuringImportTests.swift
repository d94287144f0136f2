import Foundation
import GRDB
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

  /// Starts `cultivar import`, waits until its transaction is writing pages to the WAL, and
  /// kills it with SIGKILL. Returns false when the import finished before it could be killed.
  func killMidway(_ box: Sandbox, file: String, wave: String) throws -> Bool {
    let process = Process()
    process.executableURL = Cultivar.binary
    process.arguments = ["import", "surveys/learning-culture.yaml", file, "--wave", wave, "--store", "kill.sqlite"]
    process.currentDirectoryURL = box.url
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    let wal = box.path("kill.sqlite-wal")
    let deadline = Date().addingTimeInterval(60)
    while process.isRunning, Date() < deadline {
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

  func inspect(_ path: String) throws -> Counts {
    let db = try DatabaseQueue(path: path)
    return try db.read { db in
      #expect(try String.fetchOne(db, sql: "PRAGMA integrity_check") == "ok")
      #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
      return Counts(
        waves: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM wave WHERE staged_by IS NULL") ?? -1,
        responses: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM visible_response") ?? -1,
        answers: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM answer WHERE response_id IN (SELECT id FROM visible_response)") ?? -1,
        imports: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM import_batch WHERE state = 'done'") ?? -1,
        orphans: try Int.fetchOne(
          db, sql: "SELECT COUNT(*) FROM visible_response r WHERE NOT EXISTS (SELECT 1 FROM answer WHERE answer.response_id = r.id)") ?? -1)
    }
  }

  /// Rows in the tables themselves, staged or not.
  func rawResponses(_ path: String) throws -> Int {
    try DatabaseQueue(path: path).read { db in
      try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM response") ?? -1
    }
  }

  @Test func aKilledImportLeavesAllOrNothing() throws {
    let box = try Sandbox()
    try box.write("first.csv", Self.bigFile(rows: 60_000))
    try box.write("second.csv", Self.bigFile(rows: 60_000, from: 60_000))

    // Killed while writing the first import: nothing of it, not even the wave.
    #expect(try killMidway(box, file: "first.csv", wave: "w"), "the import finished before it could be killed")
    #expect(try inspect(box.path("kill.sqlite")) == Counts())

    // The same import run to the end afterwards stores everything.
    let done = try box.run("import", "surveys/learning-culture.yaml", "first.csv", "--wave", "w", "--store", "kill.sqlite")
    #expect(done.status == 0, "\(done.stderr)")
    #expect(done.stdout.contains("60000 rows read, 60000 imported, 0 rejected, 0 duplicates skipped"))
    let complete = try inspect(box.path("kill.sqlite"))
    #expect(complete == Counts(waves: 1, responses: 60_000, answers: 60_000 * 20, imports: 1, orphans: 0))
    #expect(try rawResponses(box.path("kill.sqlite")) == 60_000, "the killed import's staged rows were removed")

    // Killed while adding a second file to the same wave: the first import stays whole.
    #expect(try killMidway(box, file: "second.csv", wave: "w"), "the import finished before it could be killed")
    #expect(try inspect(box.path("kill.sqlite")) == complete)
  }
}
