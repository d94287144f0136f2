import Foundation
import PostgresNIO
import Store

extension PostgresStore {
  /// Runs an import: rows go in bounded transactions (``PostgresImportSession/batchSize``
  /// rows each) to a staging area that readers do not see; one short transaction at the end
  /// makes them all visible. Nothing of an import that fails, or whose process dies, becomes
  /// visible, and its staged rows are removed (at the latest by the next import).
  public func importing<T>(
    into waveName: String, survey: SurveyStamp, source: String, format: String, _ body: (any ImportSink) throws -> (T, ImportCounts)
  ) throws -> (T, ImportCounts) {
    try exclusive(.writeFailed) { db in
      try discardAbandonedImports(db)
      let (wave, importID) = try db.transaction { () -> (WaveRef, Int64) in
        let existing = try db.rows(
          "SELECT wave.id FROM wave JOIN survey ON survey.id = wave.survey_id WHERE survey.key = \(survey.key) AND wave.name = \(waveName)"
        ).first
        let wave = try Self.openWave(db, name: waveName, survey: survey)
        // One import per wave at a time, whichever process starts it.
        try db.run("SELECT id FROM wave WHERE id = \(wave.id) FOR UPDATE")
        if let running = try db.rows("SELECT owner FROM import_batch WHERE wave_id = \(wave.id) AND state = 'staging'").first {
          let owner = (try? running.decode(String?.self)) ?? nil
          throw StoreError(
            kind: .writeFailed, store: name, message: "another import into wave '\(waveName)' is running (\(owner ?? "unknown process"))",
            hint: "wait until it is done, then import again")
        }
        let importID = try db.rows(
          "INSERT INTO import_batch (wave_id, source, format, imported_on, state, owner) VALUES (\(wave.id), \(source), \(format), \(Day.today()), 'staging', \(ImportOwner.current)) RETURNING id"
        )[0].decode(Int64.self)
        if existing == nil { try db.run("UPDATE wave SET staged_by = \(importID) WHERE id = \(wave.id)") }
        return (wave, importID)
      }
      let session = PostgresImportSession(db: db, wave: wave, importID: importID)
      let result: T
      var counts: ImportCounts
      do {
        (result, counts) = try body(session)
        try session.flush()
        counts.imported = session.stored
        counts.duplicates = session.offered - session.stored
      } catch {
        try? discard(db, importID: importID)
        throw error
      }
      try db.transaction {
        try db.run(
          "UPDATE import_batch SET rows_read = \(counts.rowsRead), imported = \(counts.imported), rejected = \(counts.rejected), duplicates = \(counts.duplicates), state = 'done', owner = NULL WHERE id = \(importID)"
        )
        try db.run("UPDATE wave SET staged_by = NULL WHERE id = \(wave.id) AND staged_by = \(importID)")
      }
      return (result, counts)
    }
  }

  /// Removes the staged rows of imports whose process is gone.
  private func discardAbandonedImports(_ db: SyncConnection) throws {
    for row in try db.rows("SELECT id, owner FROM import_batch WHERE state = 'staging'") {
      let (id, owner) = try row.decode((Int64, String?).self)
      if !ImportOwner.isAlive(owner) { try discard(db, importID: id) }
    }
  }

  /// Deletes a staged import's rows a few thousand at a time, then the import and the wave
  /// it created (if nothing else uses it).
  private func discard(_ db: SyncConnection, importID: Int64) throws {
    while try db.rows(
      "WITH gone AS (DELETE FROM response WHERE id IN (SELECT id FROM response WHERE import_id = \(importID) LIMIT 5000) RETURNING 1) SELECT COUNT(*) FROM gone"
    )[0].decode(Int.self) > 0 {}
    try db.transaction {
      let wave = try db.rows("SELECT id FROM wave WHERE staged_by = \(importID)").first?.decode(Int64.self)
      try db.run("DELETE FROM import_batch WHERE id = \(importID) AND state = 'staging'")
      if let wave {
        try db.run(
          """
          DELETE FROM wave WHERE id = \(wave) AND NOT EXISTS (SELECT 1 FROM response WHERE wave_id = wave.id)
            AND NOT EXISTS (SELECT 1 FROM invitation WHERE wave_id = wave.id)
            AND NOT EXISTS (SELECT 1 FROM import_batch WHERE wave_id = wave.id)
          """)
        try db.run("UPDATE wave SET staged_by = NULL WHERE id = \(wave)")
      }
    }
  }
}

/// Adds imported responses to a staged import on PostgreSQL, ``batchSize`` rows per
/// transaction, each batch sent as arrays in one statement.
final class PostgresImportSession: ImportSink {
  /// Rows per transaction (bounded, so no transaction of an import is long).
  static let batchSize = 2000
  private let db: SyncConnection
  private let wave: WaveRef
  private let importID: Int64
  private let today = Day.today()
  private var ids: [ByteBuffer] = [], teams: [String] = [], keys: [String] = []
  private var answerIDs: [ByteBuffer] = [], answerItems: [String] = [], answerValues: [Double] = []
  private var commentIDs: [ByteBuffer] = [], commentItems: [String] = [], commentTexts: [String] = []
  private var attributeIDs: [ByteBuffer] = [], attributeNames: [String] = [], attributeValues: [String] = []
  private(set) var offered = 0, stored = 0

  init(db: SyncConnection, wave: WaveRef, importID: Int64) {
    self.db = db
    self.wave = wave
    self.importID = importID
  }

  func add(
    team: String, itemIDs: [String], values: [Double], sourceKey: String, comments: [(key: String, value: String)],
    attributes: [(key: String, value: String)]
  ) throws {
    let id = PostgresStore.randomID()
    ids.append(id)
    teams.append(team)
    keys.append(Digest.sha256(sourceKey))
    for (item, value) in zip(itemIDs, values) where !value.isNaN {
      answerIDs.append(id)
      answerItems.append(item)
      answerValues.append(value)
    }
    for (item, text) in comments where !text.allSatisfy(\.isWhitespace) {
      commentIDs.append(id)
      commentItems.append(item)
      commentTexts.append(text)
    }
    for (name, value) in attributes {
      attributeIDs.append(id)
      attributeNames.append(name)
      attributeValues.append(value)
    }
    offered += 1
    if ids.count >= Self.batchSize { try flush() }
  }

  /// Writes the buffered rows in one transaction; rows whose source key the wave already
  /// holds (or that repeat one in the batch) are left out with their answers and comments.
  func flush() throws {
    guard !ids.isEmpty else { return }
    let query: PostgresQuery = """
      WITH stored AS (
        INSERT INTO response (id, wave_id, team, channel, import_id, source_key, received_on)
          SELECT t.id, \(wave.id), t.team, 'import', \(importID), t.key, \(today) FROM unnest(\(ids)::bytea[], \(teams)::text[], \(keys)::text[]) AS t(id, team, key)
          ON CONFLICT (wave_id, source_key) DO NOTHING RETURNING id),
      answered AS (
        INSERT INTO answer (response_id, item_id, value)
          SELECT a.id, a.item, a.value FROM unnest(\(answerIDs)::bytea[], \(answerItems)::text[], \(answerValues)::float8[]) AS a(id, item, value)
          JOIN stored ON stored.id = a.id),
      commented AS (
        INSERT INTO comment (response_id, item_id, text)
          SELECT c.id, c.item, c.text FROM unnest(\(commentIDs)::bytea[], \(commentItems)::text[], \(commentTexts)::text[]) AS c(id, item, text)
          JOIN stored ON stored.id = c.id),
      attributed AS (
        INSERT INTO response_attribute (response_id, name, value)
          SELECT g.id, g.name, g.value FROM unnest(\(attributeIDs)::bytea[], \(attributeNames)::text[], \(attributeValues)::text[]) AS g(id, name, value)
          JOIN stored ON stored.id = g.id)
      SELECT COUNT(*) FROM stored
      """
    stored += try db.transaction { try db.rows(query)[0].decode(Int.self) }
    ids.removeAll(keepingCapacity: true)
    teams.removeAll(keepingCapacity: true)
    keys.removeAll(keepingCapacity: true)
    answerIDs.removeAll(keepingCapacity: true)
    answerItems.removeAll(keepingCapacity: true)
    answerValues.removeAll(keepingCapacity: true)
    commentIDs.removeAll(keepingCapacity: true)
    commentItems.removeAll(keepingCapacity: true)
    commentTexts.removeAll(keepingCapacity: true)
    attributeIDs.removeAll(keepingCapacity: true)
    attributeNames.removeAll(keepingCapacity: true)
    attributeValues.removeAll(keepingCapacity: true)
  }
}
