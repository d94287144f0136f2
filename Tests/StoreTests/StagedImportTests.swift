import Foundation
import GRDB
import SurveyIO
import SurveyModel
import TestSupport
import Testing

@testable import Store

@Suite struct StagedImportTests {
  func add(_ session: any ImportSink, _ keys: Range<Int>) throws -> ImportCounts {
    var counts = ImportCounts()
    for n in keys {
      counts.rowsRead += 1
      try session.add(team: "T", itemIDs: ["a"], values: [Double(n % 5 + 1)], sourceKey: "r\(n)")
    }
    return counts
  }

  @Test func anImportIsWrittenInShortTransactionsAndShownOnlyAtTheEnd() throws {
    let (store, path) = try temporaryStore()
    let reader = try ResponseStore(path: path)
    let transactions = try store.importing(into: "w", survey: stamp, source: "x.csv", format: "csv", slice: 0) { session in
      let counts = try add(session, 0..<400)
      // Committed batches are on disk, yet no reader sees the wave or its rows.
      let transactions = (session as! ImportSession).transactions
      #expect(transactions > 5)
      #expect(try reader.waves(survey: "s").isEmpty)
      #expect(throws: StoreError.self) { try reader.wave("w", survey: "s") }
      return (transactions, counts)
    }.0
    #expect(transactions > 5)
    let wave = try reader.wave("w", survey: "s")
    #expect(try reader.responseCount(of: wave) == 400)
  }

  @Test(arguments: Backend.underTest) func committedBatchesStayInvisibleUntilTheImportEnds(_ backend: Backend) throws {
    let (store, reopen) = try temporaryStore(backend)
    let reader = try reopen()
    let counts = try store.importing(into: "w", survey: stamp, source: "x.csv", format: "csv") { session in
      var counts = try add(session, 0..<4500)
      counts.rowsRead += 2
      try session.add(team: "T", itemIDs: ["a"], values: [1], sourceKey: "r7")
      try session.add(team: "T", itemIDs: ["a"], values: [1], sourceKey: "r4499")
      // Batches of 2,000 rows (PostgreSQL) or of 40 ms (SQLite) are committed, yet another
      // connection sees neither the wave nor its rows.
      #expect(try reader.waves(survey: "s").isEmpty)
      #expect(throws: StoreError.self) { try reader.wave("w", survey: "s") }
      return ((), counts)
    }.1
    #expect(counts.rowsRead == 4502 && counts.imported == 4500 && counts.duplicates == 2)
    #expect(try reader.responseCount(of: reader.wave("w", survey: "s")) == 4500)
  }

  @Test func aFailedImportIsRemovedEvenAfterCommittedBatches() throws {
    let (store, path) = try temporaryStore()
    struct Stop: Error {}
    #expect(throws: Stop.self) {
      try store.importing(into: "w", survey: stamp, source: "x.csv", format: "csv", slice: 0) { session -> (Int, ImportCounts) in
        _ = try add(session, 0..<300)
        throw Stop()
      }
    }
    #expect(try store.waves(survey: "s").isEmpty)
    try DatabaseQueue(path: path).read { (db: Database) throws in
      #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM response") == 0)
      #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM answer") == 0)
      #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM import_batch") == 0)
      #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM wave") == 0)
    }
  }

  @Test func anAbandonedImportIsDiscardedAndAnotherRunningOneRefused() throws {
    let (store, path) = try temporaryStore()
    let host = ProcessInfo.processInfo.hostName
    // What a killed import leaves: a staging batch of a process that is gone, with rows.
    try DatabaseQueue(path: path).write { (db: Database) throws in
      try db.execute(sql: "INSERT INTO survey (id, key, title, created_on) VALUES (1, 's', 'S', '2026-01-01')")
      try db.execute(sql: "INSERT INTO wave (id, survey_id, name, created_on) VALUES (1, 1, 'w', '2026-01-01')")
      try db.execute(
        sql:
          "INSERT INTO import_batch (id, wave_id, source, format, imported_on, state, owner) VALUES (1, 1, 'x.csv', 'csv', '2026-01-01', 'staging', ?)",
        arguments: ["\(host):99999999"])
      try db.execute(sql: "UPDATE wave SET staged_by = 1")
      for n in 0..<50 {
        let id = ResponseID.make()
        try db.execute(
          sql:
            "INSERT INTO response (id, wave_id, team, channel, import_id, source_key, received_on) VALUES (?, 1, 'T', 'import', 1, ?, '2026-01-01')",
          arguments: [id, Digest.sha256("r\(n)")])
        try db.execute(sql: "INSERT INTO answer VALUES (?, 'a', 1)", arguments: [id])
      }
    }
    #expect(try store.waves(survey: "s").isEmpty)
    let counts = try store.importing(into: "w", survey: stamp, source: "x.csv", format: "csv") { session in
      let counts = try add(session, 0..<50)
      return ((), counts)
    }.1
    #expect(counts.imported == 50 && counts.duplicates == 0, "the abandoned rows must not count as duplicates")
    try DatabaseQueue(path: path).read { (db: Database) throws in
      #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM response") == 50)
      #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM import_batch") == 1)
    }
    // A staging import of a live process (this one) into the same wave: refused, not mixed.
    try DatabaseQueue(path: path).write { (db: Database) throws in
      try db.execute(
        sql: "INSERT INTO import_batch (wave_id, source, format, imported_on, state, owner) VALUES (1, 'y.csv', 'csv', '2026-01-01', 'staging', ?)",
        arguments: ["\(host):\(getpid())"])
    }
    do {
      _ = try store.importing(into: "w", survey: stamp, source: "z.csv", format: "csv") { session in ((), ImportCounts()) }
      Issue.record("expected a refusal")
    } catch let error as StoreError {
      #expect(error.message.contains("another import into wave 'w' is running"))
    }
  }

  @Test func aDamagedStoreIsRefusedBeforeScoring() throws {
    let (store, path) = try temporaryStore()
    _ = try store.importing(into: "w", survey: stamp, source: "x.csv", format: "csv") { session in
      var counts = ImportCounts()
      for n in 0..<3000 {
        try session.add(team: "T\(n % 7)", itemIDs: (0..<10).map { "i\($0)" }, values: (0..<10).map { Double(($0 + n) % 5 + 1) }, sourceKey: "r\(n)")
      }
      counts.imported = 3000
      return ((), counts)
    }
    try DatabaseQueue(path: path).writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
    try Damage.pages(of: path)
    let reopened = try ResponseStore(path: path, displayName: "damaged.sqlite")
    do {
      _ = try StoredResponses(store: reopened, wave: WaveRef(id: 1, name: "w", survey: "s"), itemIDs: ["i0"])
      Issue.record("expected the damage to be found")
    } catch let error as StoreError {
      #expect(error.kind == .cannotOpen)
      #expect(error.description.contains("damaged.sqlite: error: the store is damaged"))
    }
  }

  @Test func aBackupIsOneCompleteFileWhileTheLogHoldsRecentWrites() throws {
    let (store, path) = try temporaryStore()
    for n in 0..<40 { try store.addResponse(toWave: "w", survey: stamp, team: "T", answers: ["a": Double(n % 5)]) }
    #expect(((try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0) > 0, "recent writes are in the WAL")
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cultivar-backup-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let target = folder.appendingPathComponent("copy.sqlite").path
    let counts = try store.backup(to: target, displayName: "copy.sqlite")
    #expect(counts.waves == 1 && counts.responses == 40)
    #expect(!FileManager.default.fileExists(atPath: target + "-wal"))
    let copy = try ResponseStore(path: target, create: false)
    #expect(try copy.responseCount(of: copy.wave("w", survey: "s")) == 40)
  }
}

/// Overwrites the page headers of a store's pages (not the first two), as disk damage would.
enum Damage {
  static func pages(of path: String) throws {
    let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
    let size = try handle.seekToEnd()
    let pageSize: UInt64 = 4096
    var page: UInt64 = 3
    while page * pageSize < size {
      try handle.seek(toOffset: (page - 1) * pageSize)
      handle.write(Data(repeating: 0xEE, count: 12))
      page += 7
    }
    try handle.close()
  }
}
