import Foundation
import GRDB

extension ResponseStore {
  /// How long one transaction of an import may hold the write lock (the web form waits at
  /// most about this long for an import).
  public static let importSlice: TimeInterval = 0.04

  /// Runs an import. Rows are written in short transactions to a staging area (the import's
  /// rows, invisible to readers); when `body` returns, one short transaction records the
  /// counts and makes them visible. If `body` throws, or the process dies, nothing becomes
  /// visible (not even a new wave), and the staged rows are removed (at the latest by the
  /// next import).
  /// - Parameters:
  ///   - waveName: the wave to import into.
  ///   - survey: the survey and plugin versions, recorded with the wave.
  ///   - source: how the imported file is named (recorded in `import_batch`).
  ///   - format: the export format read.
  ///   - slice: how long one transaction may hold the write lock.
  /// - Returns: what `body` returns, and its counts with the imported and duplicate rows
  ///   filled in.
  /// - Throws: ``StoreError`` (e.g. another import into the same wave is running), or what
  ///   `body` throws.
  public func importing<T>(
    into waveName: String, survey: SurveyStamp, source: String, format: String, _ body: (any ImportSink) throws -> (T, ImportCounts)
  ) throws -> (T, ImportCounts) {
    try importing(into: waveName, survey: survey, source: source, format: format, slice: Self.importSlice, body)
  }

  /// ``importing(into:survey:source:format:_:)`` with the time one transaction may hold the
  /// write lock.
  public func importing<T>(
    into waveName: String, survey: SurveyStamp, source: String, format: String, slice: TimeInterval,
    _ body: (any ImportSink) throws -> (T, ImportCounts)
  ) throws -> (T, ImportCounts) {
    try writeWithoutTransaction { db in
      try discardAbandonedImports(db)
      let (wave, importID) = try Self.transaction(db) { () -> (WaveRef, Int64) in
        let existing = try Int64.fetchOne(
          db, sql: "SELECT wave.id FROM wave JOIN survey ON survey.id = wave.survey_id WHERE survey.key = ? AND wave.name = ?",
          arguments: [survey.key, waveName])
        let wave = try Self.openWave(db, name: waveName, survey: survey)
        if let running = try String.fetchOne(db, sql: "SELECT owner FROM import_batch WHERE wave_id = ? AND state = 'staging'", arguments: [wave.id])
        {
          throw StoreError(
            kind: .writeFailed, store: name, message: "another import into wave '\(waveName)' is running (\(running))",
            hint: "wait until it is done, then import again")
        }
        try db.execute(
          sql: "INSERT INTO import_batch (wave_id, source, format, imported_on, state, owner) VALUES (?, ?, ?, ?, 'staging', ?)",
          arguments: [wave.id, source, format, Day.today(), ImportOwner.current])
        let importID = db.lastInsertedRowID
        if existing == nil { try db.execute(sql: "UPDATE wave SET staged_by = ? WHERE id = ?", arguments: [importID, wave.id]) }
        return (wave, importID)
      }
      let session = ImportSession(db: db, wave: wave, importID: importID, slice: slice)
      let result: T
      var counts: ImportCounts
      do {
        (result, counts) = try body(session)
        try session.commit()
        counts.imported = session.stored
        counts.duplicates = session.offered - session.stored
      } catch {
        session.rollback()
        try? discard(db, importID: importID)
        throw error
      }
      try Self.transaction(db) {
        try db.execute(
          sql: "UPDATE import_batch SET rows_read = ?, imported = ?, rejected = ?, duplicates = ?, state = 'done', owner = NULL WHERE id = ?",
          arguments: [counts.rowsRead, counts.imported, counts.rejected, counts.duplicates, importID])
        try db.execute(sql: "UPDATE wave SET staged_by = NULL WHERE id = ? AND staged_by = ?", arguments: [wave.id, importID])
      }
      return (result, counts)
    }
  }

  /// Removes the staged rows of imports whose process is gone (killed, crashed), in short
  /// transactions.
  private func discardAbandonedImports(_ db: Database) throws {
    let staged = try Row.fetchAll(db, sql: "SELECT id, owner FROM import_batch WHERE state = 'staging'")
    for batch in staged where !ImportOwner.isAlive(batch["owner"]) {
      try discard(db, importID: batch["id"])
    }
  }

  /// Deletes a staged import's rows a few hundred responses at a time, then the import and
  /// the wave it created (if nothing else uses it).
  private func discard(_ db: Database, importID: Int64) throws {
    while true {
      try Self.transaction(db) {
        try db.execute(sql: "DELETE FROM response WHERE id IN (SELECT id FROM response WHERE import_id = ? LIMIT 500)", arguments: [importID])
      }
      let left = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM response WHERE import_id = ?)", arguments: [importID]) ?? false
      if !left { break }
      usleep(2000)
    }
    try Self.transaction(db) {
      let wave = try Int64.fetchOne(db, sql: "SELECT id FROM wave WHERE staged_by = ?", arguments: [importID])
      try db.execute(sql: "DELETE FROM import_batch WHERE id = ? AND state = 'staging'", arguments: [importID])
      if let wave {
        try db.execute(
          sql: """
            DELETE FROM wave WHERE id = ? AND NOT EXISTS (SELECT 1 FROM response WHERE wave_id = wave.id)
              AND NOT EXISTS (SELECT 1 FROM invitation WHERE wave_id = wave.id)
              AND NOT EXISTS (SELECT 1 FROM import_batch WHERE wave_id = wave.id)
            """, arguments: [wave])
        try db.execute(sql: "UPDATE wave SET staged_by = NULL WHERE id = ?", arguments: [wave])
      }
    }
  }

  /// Runs `body` in one immediate transaction on a connection used without GRDB's own.
  private static func transaction<T>(_ db: Database, _ body: () throws -> T) throws -> T {
    try db.execute(sql: "BEGIN IMMEDIATE")
    do {
      let result = try body()
      try db.execute(sql: "COMMIT")
      return result
    } catch {
      try? db.execute(sql: "ROLLBACK")
      throw error
    }
  }
}

/// Which process runs an import (`host:pid`), so an import whose process died can be told
/// from one still running.
public enum ImportOwner {
  /// This process.
  public static var current: String { "\(host):\(getpid())" }

  private static var host: String { ProcessInfo.processInfo.hostName }

  /// False only when the owner ran on this host and its process is gone.
  public static func isAlive(_ owner: String?) -> Bool {
    guard let owner, let colon = owner.lastIndex(of: ":"), let pid = Int32(owner[owner.index(after: colon)...]) else { return false }
    guard owner[..<colon] == host else { return true }
    return kill(pid, 0) == 0 || errno == EPERM
  }
}
