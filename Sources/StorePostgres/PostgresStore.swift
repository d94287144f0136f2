import Foundation
import PostgresNIO
import Store
import SurveyIO
import SurveyModel

/// The shared response store on PostgreSQL: the same tables, rules and behaviour as the
/// embedded SQLite store (``ResponseStore``), for web forms on several servers and analysts
/// on several machines.
///
/// The commands use one connection of their own; the web form uses a pool. Every write is one
/// transaction, so a process killed at any point leaves all of it or none of it (the server
/// rolls back what a lost connection left open).
public final class PostgresStore: ResponseStoring, @unchecked Sendable {
  public let name: String
  let link: PostgresLink
  private let direct: SyncConnection
  private let lock = NSLock()
  private let pool: PostgresClient
  private let poolStarted = LockedStart()
  /// The wave item numbers this process has seen committed (``WaveItems``).
  let itemNumbers = WaveItemCache()

  /// Connects and brings the schema up to date.
  /// - Parameters:
  ///   - create: whether an empty database may be set up as a store.
  ///   - poolSize: the most connections the web form opens.
  ///   - note: receives the line saying the tables were set up, and warnings.
  /// - Throws: ``StoreError`` (cannot connect, wrong password, no database, newer schema).
  public init(address: PostgresAddress, create: Bool = true, poolSize: Int = 8, note: (String) -> Void = { _ in }) throws {
    name = address.display
    link = PostgresLink(address: address, name: address.display, warn: note)
    let link = self.link
    direct = SyncConnection(try Blocking.run { try await link.connect() })
    pool = try link.makePool(size: poolSize)
    do {
      let applied = try PostgresMigrator.migrate(direct, name: name, create: create, note: note)
      // The answers stored without a pack are packed by whoever migrated the store, and by the
      // commands that write (when the role may): until then they are read from their arrays.
      if applied.contains(9) || create { try PackBackfill.run(direct, store: name, note: note) }
      // The waves stored before version 10 get their pages kept ready by whoever migrated.
      if applied.contains(10) { try WavePages.buildStale(direct) }
    } catch {
      direct.close()
      throw link.storeError(error, kind: .cannotOpen)
    }
  }

  deinit {
    direct.close()
    poolStarted.task?.cancel()
  }

  /// Runs `body` with the commands' connection, alone; errors become ``StoreError``s of `kind`.
  func exclusive<T>(_ kind: StoreError.Kind, _ body: (SyncConnection) throws -> T) throws -> T {
    lock.lock()
    defer { lock.unlock() }
    do {
      return try body(direct)
    } catch {
      throw link.storeError(error, kind: kind)
    }
  }

  /// Runs `body` in one transaction on a pooled connection (the web form).
  func pooled<T: Sendable>(_ kind: StoreError.Kind, _ body: @Sendable (PostgresConnection) async throws -> T) async throws -> T {
    let pool = self.pool
    poolStarted.start { Task { await pool.run() } }
    do {
      return try await pool.withConnection { connection in try await connection.transaction { try await body(connection) } }
    } catch {
      throw link.storeError(error, kind: kind)
    }
  }

  // MARK: Waves

  public func openWave(_ name: String, survey: SurveyStamp) throws -> WaveRef {
    try exclusive(.writeFailed) { db in try db.transaction { try Self.openWave(db, name: name, survey: survey) } }
  }

  static func openWave(_ db: SyncConnection, name: String, survey: SurveyStamp) throws -> WaveRef {
    let today = Day.today()
    let surveyID = try db.rows(
      "INSERT INTO survey (key, title, created_on) VALUES (\(survey.key), \(survey.title), \(today)) ON CONFLICT (key) DO UPDATE SET title = excluded.title RETURNING id"
    )[0].decode(Int64.self)
    try db.run("INSERT INTO wave (survey_id, name, created_on) VALUES (\(surveyID), \(name), \(today)) ON CONFLICT DO NOTHING")
    let waveID = try db.rows("SELECT id FROM wave WHERE survey_id = \(surveyID) AND name = \(name)")[0].decode(Int64.self)
    for plugin in survey.plugins {
      try db.run(
        "INSERT INTO wave_plugin (wave_id, plugin_id, version, first_used_on) VALUES (\(waveID), \(plugin.id), \(plugin.version), \(today)) ON CONFLICT DO NOTHING"
      )
    }
    return WaveRef(id: waveID, name: name, survey: survey.key)
  }

  public func wave(_ name: String, survey key: String) throws -> WaveRef {
    let id = try exclusive(.cannotOpen) { db in
      try db.rows(
        "SELECT wave.id FROM wave JOIN survey ON survey.id = wave.survey_id WHERE survey.key = \(key) AND wave.name = \(name) AND wave.staged_by IS NULL"
      ).first?.decode(Int64.self)
    }
    guard let id else {
      let known = try waves(survey: key).map(\.name)
      let hint =
        known.isEmpty
        ? "the store holds no waves of survey '\(key)'; import responses with 'cultivar import SURVEY FILE --wave \(name)'"
        : "waves of survey '\(key)': \(known.joined(separator: ", "))"
      throw StoreError(kind: .notFound, store: self.name, message: "no wave '\(name)' of survey '\(key)'", hint: hint)
    }
    return WaveRef(id: id, name: name, survey: key)
  }

  public func waves(survey key: String) throws -> [WaveInfo] {
    try exclusive(.cannotOpen) { db in
      try db.rows(
        """
        SELECT wave.name, wave.created_on, (SELECT COUNT(*) FROM visible_response WHERE visible_response.wave_id = wave.id)
        FROM wave JOIN survey ON survey.id = wave.survey_id WHERE survey.key = \(key) AND wave.staged_by IS NULL ORDER BY wave.id
        """
      ).map { row in
        let (name, created, count) = try row.decode((String, String, Int).self)
        return WaveInfo(name: name, createdOn: created, responses: count)
      }
    }
  }

  public func surveys() throws -> [SurveyStamp] {
    try exclusive(.cannotOpen) { db in
      try db.rows("SELECT key, title FROM survey ORDER BY key COLLATE \"C\"").map { row in
        let (key, title) = try row.decode((String, String).self)
        return SurveyStamp(key: key, title: title, plugins: [])
      }
    }
  }

  public func plugins(of wave: WaveRef) throws -> [PluginVersion] {
    try exclusive(.cannotOpen) { db in
      try db.rows("SELECT plugin_id, version FROM wave_plugin WHERE wave_id = \(wave.id) ORDER BY plugin_id COLLATE \"C\", version COLLATE \"C\"").map
      { row in
        let (id, version) = try row.decode((String, String).self)
        return PluginVersion(id: id, version: version)
      }
    }
  }

  public func responseCount(of wave: WaveRef) throws -> Int {
    try exclusive(.cannotOpen) { db in try db.rows("SELECT COUNT(*) FROM visible_response WHERE wave_id = \(wave.id)")[0].decode(Int.self) }
  }

  // MARK: Responses

  public func addResponse(
    toWave waveName: String, survey: SurveyStamp, team: String, answers: [String: Double], comments: [String: String], language: String?,
    attributes: [String: String]
  ) throws {
    let (wave, numbers) = try exclusive(.writeFailed) { db in
      try db.transaction {
        let wave = try Self.openWave(db, name: waveName, survey: survey)
        let connection = db.connection
        let items = Self.answered(answers)
        let numbers = try Blocking.run { try await self.numbers(connection, wave: wave, items: items) }
        try db.run(
          Self.insertResponse(
            wave: wave, team: team, channel: "terminal", answers: answers, numbers: numbers, comments: comments, language: language,
            attributes: attributes))
        return (wave, numbers)
      }
    }
    itemNumbers.keep(wave: wave.id, numbers)
  }

  /// The items of `answers` that were answered (not NaN), which a response's pack names.
  static func answered(_ answers: [String: Double]) -> Set<String> { Set(answers.filter { !$0.value.isNaN }.keys) }

  /// The numbers of `items` in `wave` (``WaveItems``): those this process saw committed, or
  /// asked for (and given when new) in the caller's transaction; keep them in ``itemNumbers``
  /// once it has committed.
  func numbers(_ db: PostgresConnection, wave: WaveRef, items: Set<String>) async throws -> [String: Int32] {
    if let known = itemNumbers.numbers(wave: wave.id, items: items) { return known }
    return try await WaveItems.numbers(db, wave: wave.id, items: items, store: name)
  }

  /// One statement that stores a response under a new random id, with the day only, its
  /// answers (in its row, as arrays and as a pack naming items by `numbers`), its non-blank
  /// comments and its attributes.
  static func insertResponse(
    wave: WaveRef, team: String, channel: String, answers: [String: Double], numbers: [String: Int32], comments: [String: String],
    language: String? = nil, attributes: [String: String] = [:]
  ) -> PostgresQuery {
    let stated = attributes.sorted { $0.key < $1.key }
    let given = answers.filter { !$0.value.isNaN }.sorted { $0.key < $1.key }
    let written = comments.filter { !$0.value.allSatisfy(\.isWhitespace) }.sorted { $0.key < $1.key }
    let id = randomID()
    let pack = AnswerPack.encode(team: team, given.map { (numbers[$0.key]!, $0.value) }).map { ByteBuffer(bytes: $0) }
    return """
      WITH stored AS (
        INSERT INTO response (id, wave_id, team, channel, received_on, language, answer_items, answer_values, answer_pack)
          VALUES (\(id), \(wave.id), \(team), \(channel), \(Day.today()), \(language), \(given.map(\.key))::text[], \(given.map(\.value))::float8[], \(pack))
          RETURNING id),
      commented AS (
        INSERT INTO comment (response_id, item_id, text)
          SELECT stored.id, c.item, c.text FROM stored, unnest(\(written.map(\.key))::text[], \(written.map(\.value))::text[]) AS c(item, text))
      INSERT INTO response_attribute (response_id, name, value)
        SELECT stored.id, g.name, g.value FROM stored, unnest(\(stated.map(\.key))::text[], \(stated.map(\.value))::text[]) AS g(name, value)
      """
  }

  /// 16 random bytes from the system's secure generator (a response id).
  static func randomID() -> ByteBuffer {
    var generator = SystemRandomNumberGenerator()
    return ByteBuffer(bytes: (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
  }

  public func responses(of wave: WaveRef, itemIDs: [String], byLanguage: Bool, attributes: [Attribute]) throws -> any ResponseSource {
    PostgresResponses(
      try waveBatches(wave, itemIDs: itemIDs, byLanguage: byLanguage, attributes: attributes, readers: ProcessInfo.processInfo.activeProcessorCount))
  }

  public func responseBatches(of wave: WaveRef, itemIDs: [String], byLanguage: Bool, attributes: [Attribute], readers: Int) throws
    -> any RowBatchSource
  {
    try waveBatches(wave, itemIDs: itemIDs, byLanguage: byLanguage, attributes: attributes, readers: readers)
  }

  /// The one reader of a wave's rows; with `attributes`, each row's group carries its stored attribute values.
  private func waveBatches(_ wave: WaveRef, itemIDs: [String], byLanguage: Bool, attributes: [Attribute], readers: Int) throws -> PostgresWaveBatches
  {
    try PostgresWaveBatches(
      link: link, wave: wave, itemIDs: itemIDs, byLanguage: byLanguage,
      codes: attributes.isEmpty ? nil : AttributeCodes(attributes: attributes, store: name, wave: wave.name), file: "\(name) wave '\(wave.name)'",
      readers: readers)
  }

  public func checkpoint() async throws {}

  /// Builds `wave`'s kept pages after a write of many rows (``WavePages``), when the role may.
  /// A build that fails costs only speed (the wave is read live): the warning says why.
  func keepPagesReady(_ db: SyncConnection, wave: Int64) {
    do {
      try WavePages.build(db, wave: wave)
    } catch {
      // The write is done: a warning, on standard error as every command's notes.
      let failure = link.storeError(error, kind: .writeFailed)
      let reason = (failure as? StoreError)?.message ?? "\(failure)"
      FileHandle.standardError.write(
        Data("\(name): warning: the wave's scoring pages were not kept ready (\(reason)); scoring reads it row by row until they are\n".utf8))
    }
  }

  public func refreshScoringPages() throws -> (waves: Int, pages: Int)? {
    try exclusive(.writeFailed) { db in
      guard let built = try WavePages.buildStale(db) else {
        throw StoreError(
          kind: .writeFailed, store: name, message: "this role may not write the scoring pages (wave_page)",
          hint: "run 'store refresh' as the store's owner, the role that ran its migrations (docs/store.md: roles)")
      }
      let pages = try db.rows("SELECT count(*) FROM wave_page")[0].decode(Int.self)
      return (built.count, pages)
    }
  }

  /// ``keepPagesReady(_:wave:)`` on the commands' connection.
  func keepPagesReady(wave: Int64) {
    try? exclusive(.writeFailed) { db in keepPagesReady(db, wave: wave) }
  }
}

/// A task started once.
final class LockedStart: @unchecked Sendable {
  private let lock = NSLock()
  private(set) var task: Task<Void, Never>?

  func start(_ make: () -> Task<Void, Never>) {
    lock.lock()
    defer { lock.unlock() }
    if task == nil { task = make() }
  }
}
