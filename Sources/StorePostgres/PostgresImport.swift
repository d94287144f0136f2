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
      let session = try PostgresImportSession(db: db, wave: wave, importID: importID, store: name)
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
      PackBackfill.markVisible(db)
      keepPagesReady(db, wave: wave.id)
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
/// transaction, loaded with `COPY ... FROM STDIN`: the batch's responses, with their answers
/// (as arrays and as ``AnswerPack``s), go to a temporary table, one `INSERT ... SELECT` moves those whose source key is new into
/// `response` in the order of their ids (a repeated key, in the wave or in the batch, is left
/// out), and their comments and attributes are copied straight into their tables.
///
/// Writing each batch in id order is what keeps scoring a large wave cheap: the scoring cursor
/// reads a wave in id order, which then walks each batch's heap pages front to back (one read
/// of each page, a few hundred pages in use at once) instead of jumping to a random page for
/// every row once the table outgrows the server's buffers (docs/store.md, "Measured"). The
/// order read, and so the scores, never depend on where rows are stored.
final class PostgresImportSession: ImportSink {
  /// Rows per transaction (bounded, so no transaction of an import is long).
  static let batchSize = 4096
  private let db: SyncConnection
  private let wave: WaveRef
  private let importID: Int64
  private let today = Day.today()
  private let store: String
  private var pending: [Pending] = []
  /// The numbers of the wave's items answered so far (``WaveItems``).
  private var numbers: [String: Int32] = [:]
  private(set) var offered = 0, stored = 0

  /// A response waiting for its batch.
  private struct Pending {
    var id: [UInt8]
    /// The id as a COPY field.
    var idField: String
    var team: String
    var key: String
    /// The answers as COPY fields: the items as a `text[]`, the values as a `float8[]`.
    var items: String
    var values: String
    /// The answers, for the pack written at the flush (once their items are numbered).
    var answered: [(item: String, value: Double)]
    var comments: [(item: String, text: String)]
    var attributes: [(name: String, value: String)]
    /// The language as a COPY field (`\N`: not recorded).
    var language: String
  }

  init(db: SyncConnection, wave: WaveRef, importID: Int64, store: String) throws {
    self.db = db
    self.wave = wave
    self.importID = importID
    self.store = store
    try db.run(
      """
      CREATE TEMPORARY TABLE IF NOT EXISTS cultivar_incoming_v9b (
        id BYTEA NOT NULL, team TEXT NOT NULL, key TEXT NOT NULL, items TEXT[] NOT NULL, vals DOUBLE PRECISION[] NOT NULL, language TEXT,
        pack BYTEA
      ) ON COMMIT DELETE ROWS
      """)
  }

  func add(
    team: String, itemIDs: [String], values: [Double], sourceKey: String, comments: [(key: String, value: String)],
    attributes: [(key: String, value: String)], language: String?
  ) throws {
    var generator = SystemRandomNumberGenerator()
    let id = (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    var answered: [(item: String, value: Double)] = []
    var seen = Set<String>()
    // The values as the arrays will hold them (COPY's text of each, read back by the server),
    // so that the pack says what the arrays say.
    for (item, value) in zip(itemIDs, values) where !value.isNaN && seen.insert(item).inserted {
      answered.append((item, CopyText.stored(value)))
    }
    var response = Pending(
      id: id, idField: CopyText.field(bytes: id), team: team, key: Digest.sha256(sourceKey), items: CopyText.field(array: answered.map(\.item)),
      values: CopyText.field(array: answered.map(\.value)), answered: answered, comments: [], attributes: attributes.map { ($0.key, $0.value) },
      language: language.map { CopyText.field($0) } ?? "\\N")
    for (item, text) in comments where !text.allSatisfy(\.isWhitespace) { response.comments.append((item, text)) }
    pending.append(response)
    offered += 1
    if pending.count >= Self.batchSize { try flush() }
  }

  /// Writes the buffered rows in one transaction.
  func flush() throws {
    guard !pending.isEmpty else { return }
    // New items are numbered in a transaction of their own, committed before the batch's: a
    // web form storing a response to the wave meanwhile never waits for the batch.
    try db.transaction {
      try WaveItems.complete(&numbers, with: pending.lazy.flatMap { $0.answered.map(\.item) }, db, wave: wave.id, store: store)
    }
    stored += try db.transaction {
      // Within a batch the first row of a key wins, as in the file: the insert below goes in
      // id order (so the rows lie on disk in id order), which would otherwise pick a random one.
      var keys = Set<String>()
      var incoming = CopyText()
      for response in pending where keys.insert(response.key).inserted {
        let pack = AnswerPack.encode(team: response.team, response.answered.map { (numbers[$0.item]!, $0.value) })
        incoming.row(
          response.idField, CopyText.field(response.team), response.key, response.items, response.values, response.language,
          pack.map { CopyText.field(bytes: $0) } ?? "\\N")
      }
      try db.copy(incoming.buffer, into: "cultivar_incoming_v9b", columns: ["id", "team", "key", "items", "vals", "language", "pack"])
      let kept = try db.rows(
        """
        INSERT INTO response (id, wave_id, team, channel, import_id, source_key, received_on, answer_items, answer_values, language, answer_pack)
          SELECT id, \(wave.id), team, 'import', \(importID), key, \(today), items, vals, language, pack FROM cultivar_incoming_v9b ORDER BY id
          ON CONFLICT (wave_id, source_key) DO NOTHING RETURNING id
        """
      ).map { try $0.decode(Data.self) }
      let keep = Set(kept)
      var comments = CopyText()
      var attributes = CopyText()
      for response in pending where keep.contains(Data(response.id)) {
        for (item, text) in response.comments { comments.row(response.idField, CopyText.field(item), CopyText.field(text)) }
        for (name, value) in response.attributes { attributes.row(response.idField, CopyText.field(name), CopyText.field(value)) }
      }
      if comments.rows > 0 { try db.copy(comments.buffer, into: "comment", columns: ["response_id", "item_id", "text"]) }
      if attributes.rows > 0 { try db.copy(attributes.buffer, into: "response_attribute", columns: ["response_id", "name", "value"]) }
      return kept.count
    }
    pending.removeAll(keepingCapacity: true)
  }
}

/// Rows in the text format of `COPY ... FROM STDIN`: a tab between fields, a newline after
/// each row; backslash, tab, newline and carriage return escaped; bytes as `\\x` and hex.
struct CopyText {
  private var text = ""
  private(set) var rows = 0

  /// The rows as bytes to send.
  var buffer: ByteBuffer { ByteBuffer(string: text) }

  /// Adds a row of fields already in COPY's form (made by the `field` functions).
  mutating func row(_ fields: String...) {
    for (index, field) in fields.enumerated() {
      if index > 0 { text += "\t" }
      text += field
    }
    text += "\n"
    rows += 1
  }

  /// A text field.
  static func field(_ value: String) -> String {
    guard value.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 < 0x20 }) else { return value }
    var escaped = ""
    for character in value.unicodeScalars {
      switch character {
      case "\\": escaped += "\\\\"
      case "\t": escaped += "\\t"
      case "\n": escaped += "\\n"
      case "\r": escaped += "\\r"
      default: escaped.unicodeScalars.append(character)
      }
    }
    return escaped
  }

  /// A `bytea` field.
  static func field(bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var hex: [UInt8] = Array("\\\\x".utf8)
    hex.reserveCapacity(3 + 2 * bytes.count)
    for byte in bytes {
      hex.append(digits[Int(byte >> 4)])
      hex.append(digits[Int(byte & 15)])
    }
    return String(decoding: hex, as: UTF8.self)
  }

  /// A `text[]` field (`{"a","b"}`): each element quoted, `"` and `\` escaped within, then the
  /// whole escaped as a text field.
  static func field(array: [String]) -> String {
    var literal = "{"
    for (index, element) in array.enumerated() {
      if index > 0 { literal += "," }
      literal += "\""
      for character in element.unicodeScalars {
        if character == "\"" || character == "\\" { literal += "\\" }
        literal.unicodeScalars.append(character)
      }
      literal += "\""
    }
    return field(literal + "}")
  }

  /// A `float8[]` field (`{1,2.5}`).
  static func field(array: [Double]) -> String { "{" + array.map { field($0) }.joined(separator: ",") + "}" }

  /// The value the server stores for ``field(_:)-(Double)`` of `value`: the same, but -0.0
  /// written as `0` reads back as +0.0.
  static func stored(_ value: Double) -> Double { value == value.rounded() && abs(value) < 1e15 ? Double(Int64(value)) : value }

  /// A `float8` field (whole numbers without a fraction; others as Swift prints them, which
  /// reads back to the same value).
  static func field(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return "\(value)"
  }
}
