import GRDB

/// Counts of one import, as recorded in the store's `import_batch` table.
public struct ImportCounts: Sendable, Equatable {
  public var rowsRead = 0
  public var imported = 0
  public var rejected = 0
  public var duplicates = 0
  public init() {}
}

/// Adds imported responses inside the import's single transaction (see
/// ``ResponseStore/importing(into:source:format:_:)``).
public final class ImportSession {
  private let db: Database
  private let wave: WaveRef
  private let importID: Int64
  private let today: String
  private let insertResponse: Statement
  /// `INSERT INTO answer` statements for n answers at once, by n (one statement per response).
  private var insertAnswers: [Int: Statement] = [:]

  init(db: Database, wave: WaveRef, importID: Int64) throws {
    self.db = db
    self.wave = wave
    self.importID = importID
    today = Day.today()
    insertResponse = try db.cachedStatement(sql: """
      INSERT INTO response (wave_id, team, channel, import_id, source_key, received_on)
      VALUES (?, ?, 'import', ?, ?, ?) ON CONFLICT (wave_id, source_key) DO NOTHING
      """)
  }

  /// Adds one response unless the wave already holds one with the same source key.
  /// - Parameters:
  ///   - team: the respondent's team.
  ///   - itemIDs: the item of each value.
  ///   - values: the answers (NaN = not answered; not stored).
  ///   - sourceKey: what identifies the response in its source (the tool's response id, or the
  ///     row's content); only its SHA-256 is stored.
  /// - Returns: false when the response was already there (a duplicate, not stored again).
  public func add(team: String, itemIDs: [String], values: [Double], sourceKey: String) throws -> Bool {
    try insertResponse.execute(arguments: [wave.id, team, importID, Digest.sha256(sourceKey), today])
    guard db.changesCount > 0 else { return false }
    let responseID = db.lastInsertedRowID
    var arguments: [(any DatabaseValueConvertible)?] = []
    arguments.reserveCapacity(values.count * 3)
    for (item, value) in zip(itemIDs, values) where !value.isNaN {
      arguments += [responseID, item, value]
    }
    guard !arguments.isEmpty else { return true }
    try statement(answers: arguments.count / 3).execute(arguments: StatementArguments(arguments))
    return true
  }

  private func statement(answers count: Int) throws -> Statement {
    if let statement = insertAnswers[count] { return statement }
    let rows = Array(repeating: "(?, ?, ?)", count: count).joined(separator: ", ")
    let statement = try db.makeStatement(sql: "INSERT INTO answer (response_id, item_id, value) VALUES \(rows)")
    insertAnswers[count] = statement
    return statement
  }
}

extension ResponseStore {
  /// Runs an import as one transaction: the wave is created if needed, `body` adds responses
  /// through the session, the import and its counts are recorded; nothing at all is stored
  /// if `body` throws (not even a new wave).
  /// - Parameters:
  ///   - waveName: the wave to import into.
  ///   - survey: the survey and plugin versions, recorded with the wave.
  ///   - source: how the imported file is named (recorded in `import_batch`).
  ///   - format: the export format read.
  /// - Returns: what `body` returns.
  public func importing<T>(
    into waveName: String, survey: SurveyStamp, source: String, format: String,
    _ body: (ImportSession) throws -> (T, ImportCounts)
  ) throws -> T {
    try write { db in
      let wave = try Self.openWave(db, name: waveName, survey: survey)
      try db.execute(sql: "INSERT INTO import_batch (wave_id, source, format, imported_on) VALUES (?, ?, ?, ?)", arguments: [wave.id, source, format, Day.today()])
      let importID = db.lastInsertedRowID
      let (result, counts) = try body(ImportSession(db: db, wave: wave, importID: importID))
      try db.execute(sql: "UPDATE import_batch SET rows_read = ?, imported = ?, rejected = ?, duplicates = ? WHERE id = ?", arguments: [counts.rowsRead, counts.imported, counts.rejected, counts.duplicates, importID])
      return result
    }
  }

  /// Stores one response given in the terminal, with its answers, in one transaction (the
  /// wave is created if needed). No identity, source key or time finer than the day is kept.
  /// - Parameters:
  ///   - waveName: the wave to store it in.
  ///   - survey: the survey and plugin versions, recorded with the wave.
  ///   - answers: item id → value.
  public func addResponse(toWave waveName: String, survey: SurveyStamp, team: String, answers: [String: Double]) throws {
    try write { db in
      let wave = try Self.openWave(db, name: waveName, survey: survey)
      try Self.insertResponse(db, wave: wave, team: team, channel: "terminal", answers: answers)
    }
  }

  static func insertResponse(_ db: Database, wave: WaveRef, team: String, channel: String, answers: [String: Double]) throws {
    try db.execute(sql: "INSERT INTO response (wave_id, team, channel, received_on) VALUES (?, ?, ?, ?)", arguments: [wave.id, team, channel, Day.today()])
    let responseID = db.lastInsertedRowID
    for (item, value) in answers.sorted(by: { $0.key < $1.key }) where !value.isNaN {
      try db.execute(sql: "INSERT INTO answer (response_id, item_id, value) VALUES (?, ?, ?)", arguments: [responseID, item, value])
    }
  }
}
