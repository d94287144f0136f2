import Foundation
import GRDB

/// Counts of one import, as recorded in the store's `import_batch` table.
public struct ImportCounts: Sendable, Equatable {
  public var rowsRead = 0
  public var imported = 0
  public var rejected = 0
  public var duplicates = 0
  public init() {}
}

/// Adds imported responses to a staged import (see
/// ``ResponseStore/importing(into:survey:source:format:_:)``): rows are written in short
/// transactions, invisible to every reader until the import is made visible at its end.
public final class ImportSession: ImportSink {
  private let db: Database
  private let wave: WaveRef
  private let importID: Int64
  private let today: String
  /// How long one of the import's transactions may hold the store's write lock.
  private let slice: TimeInterval
  private var insertResponse: Statement?
  /// `INSERT INTO answer` statements for n answers at once, by n (one statement per response).
  private var insertAnswers: [Int: Statement] = [:]
  private var openedAt: Date?
  private var sinceCheck = 0
  /// The number of transactions written so far.
  public private(set) var transactions = 0
  /// Rows offered, and rows stored (the others were duplicates).
  private(set) var offered = 0, stored = 0

  init(db: Database, wave: WaveRef, importID: Int64, slice: TimeInterval) {
    self.db = db
    self.wave = wave
    self.importID = importID
    self.slice = slice
    today = Day.today()
  }

  /// Adds one response unless the wave already holds one with the same source key.
  /// - Parameters:
  ///   - team: the respondent's team.
  ///   - itemIDs: the item of each value.
  ///   - values: the answers (NaN = not answered; not stored).
  ///   - sourceKey: what identifies the response in its source (the tool's response id, or the
  ///     row's content); only its SHA-256 is stored.
  ///   - comments: item id → comment, for `text` items (blank ones are not stored; nothing is
  ///     stored for a duplicate).
  ///   - attributes: attribute name → a declared value's label (nothing stored for a duplicate).
  ///   - language: the language it was given in (nil: not recorded).
  public func add(
    team: String, itemIDs: [String], values: [Double], sourceKey: String, comments: [(key: String, value: String)],
    attributes: [(key: String, value: String)], language: String?
  ) throws {
    try beginIfNeeded()
    let responseID = ResponseID.make()
    try responseStatement().execute(arguments: [responseID, wave.id, team, importID, Digest.sha256(sourceKey), today, language])
    offered += 1
    if db.changesCount > 0 {
      stored += 1
      var arguments: [(any DatabaseValueConvertible)?] = []
      arguments.reserveCapacity(values.count * 3)
      for (item, value) in zip(itemIDs, values) where !value.isNaN {
        arguments += [responseID, item, value]
      }
      if !arguments.isEmpty {
        try statement(answers: arguments.count / 3).execute(arguments: StatementArguments(arguments))
      }
      try ResponseStore.insertComments(db, response: responseID, comments: comments)
      try ResponseStore.insertAttributes(db, response: responseID, attributes: attributes)
    }
    try commitIfDue()
  }

  private func beginIfNeeded() throws {
    guard openedAt == nil else { return }
    try db.execute(sql: "BEGIN IMMEDIATE")
    openedAt = Date()
  }

  /// Commits when the transaction has held the lock for its time slice, then pauses briefly
  /// so a waiting writer (the web form) gets the lock.
  private func commitIfDue() throws {
    sinceCheck += 1
    guard sinceCheck >= 16, let openedAt else { return }
    sinceCheck = 0
    guard Date().timeIntervalSince(openedAt) >= slice else { return }
    try commit()
    usleep(4000)
  }

  /// Commits the open transaction, if any.
  func commit() throws {
    guard openedAt != nil else { return }
    try db.execute(sql: "COMMIT")
    openedAt = nil
    transactions += 1
  }

  /// Rolls the open transaction back, if any.
  func rollback() {
    guard openedAt != nil else { return }
    try? db.execute(sql: "ROLLBACK")
    openedAt = nil
  }

  private func responseStatement() throws -> Statement {
    if let insertResponse { return insertResponse }
    let statement = try db.makeStatement(
      sql: """
        INSERT INTO response (id, wave_id, team, channel, import_id, source_key, received_on, language)
        VALUES (?, ?, ?, 'import', ?, ?, ?, ?) ON CONFLICT (wave_id, source_key) DO NOTHING
        """)
    insertResponse = statement
    return statement
  }

  private func statement(answers count: Int) throws -> Statement {
    if let statement = insertAnswers[count] { return statement }
    let rows = Array(repeating: "(?, ?, ?)", count: count).joined(separator: ", ")
    let statement = try db.makeStatement(sql: "INSERT INTO answer (response_id, item_id, value) VALUES \(rows)")
    insertAnswers[count] = statement
    return statement
  }
}
