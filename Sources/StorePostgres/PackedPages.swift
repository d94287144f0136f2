import Foundation
import PostgresNIO
import Store

/// A wave's responses read in pages that the server packs into one value each: per page one
/// row (the number of responses, and their records laid end to end in one `bytea`), so the
/// client makes one `PostgresRow` per page instead of one per response (docs/store.md,
/// "Pages packed by the server"). The pages follow the responses' ids (keyset: each page
/// starts after the last id of the one before) in one read-only repeatable-read transaction
/// (a consistent snapshot), on a connection of its own that hands postgres-nio whole
/// messages (``PostgresLink/connectForReading()``). The next page is asked for as soon as a
/// page arrives, so the server gathers it while the client decodes this one.
///
/// Each record (``PackedRecord``): the response's 16-byte id, then its fields, each as a
/// big-endian 4-byte length and PostgreSQL's binary form (`textsend`, `array_send`).
final class PackedPages {
  /// What the server returned for one page.
  struct Page {
    /// The records, end to end.
    var bytes: ByteBuffer
    /// How many records the server packed (the client checks it walked as many).
    var count: Int
  }

  private let db: SyncConnection
  private let link: PostgresLink
  private let select: String
  private let waveID: Int64
  private let pageSize: Int
  private var pending: EventLoopFuture<PostgresQueryResult>?
  private var open = true

  /// - Parameters:
  ///   - fields: the SQL of each field after the id, over `r` (`visible_response`) and the
  ///     joins in `from`; each must be a `bytea` that is never NULL.
  ///   - from: what follows `FROM` in the inner query (`visible_response r` and any join).
  ///   - pageSize: responses per page.
  init(link: PostgresLink, waveID: Int64, fields: [String], from: String, pageSize: Int) throws {
    self.link = link
    self.waveID = waveID
    self.pageSize = pageSize
    let named = fields.indices.map { "f\($0)" }
    let record = (["p.id"] + named.map { "int4send(octet_length(p.\($0))) || p.\($0)" }).joined(separator: " || ")
    let inner = zip(fields, named).map { "\($0) AS \($1)" }.joined(separator: ", ")
    // The aggregate reads the page in the order the inner query gives it (ids ascending);
    // the client checks that order as it walks the records (``PackedRecord/walk``).
    select = """
      SELECT count(*), string_agg(\(record), ''::bytea) FROM (
        SELECT r.id, \(inner) FROM \(from)
        WHERE r.wave_id = $1 AND r.id > $2 ORDER BY r.id LIMIT $3) p
      """
    db = SyncConnection(try Blocking.run { try await link.connectForReading() })
    do {
      try db.run("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
      // Each page is a range of the wave's index in id order: compiling the plan (JIT) costs
      // more than it saves, and a bitmap scan would need a sort (docs/store.md).
      try db.run("SET LOCAL jit = off")
      try db.run("SET LOCAL enable_bitmapscan = off")
    } catch {
      db.close()
      throw link.storeError(error, kind: .cannotOpen)
    }
  }

  deinit { db.close() }

  /// Asks for the page after `lastID` (the empty id: the first page), without waiting.
  private func ask(after lastID: ByteBuffer) {
    var bindings = PostgresBindings()
    bindings.append(waveID)
    bindings.append(lastID)
    bindings.append(pageSize)
    pending = db.start(PostgresQuery(unsafeSQL: select, binds: bindings))
  }

  /// The next page; nil at the end (and the transaction ended). Ask for the one after it
  /// with ``askNext(after:)`` once its last id is known, before decoding it.
  func nextPage() throws -> Page? {
    guard open else { return nil }
    if pending == nil { ask(after: ByteBuffer()) }
    do {
      let rows = try pending!.wait().rows
      pending = nil
      guard rows.count == 1 else { throw PackedRecord.unexpected("\(rows.count) rows for a page", store: link.name) }
      let (count, bytes) = try rows[0].decode((Int, ByteBuffer?).self)
      if count < pageSize { finish() }
      return count == 0 ? nil : Page(bytes: bytes ?? ByteBuffer(), count: count)
    } catch {
      open = false
      db.close()
      throw link.storeError(error, kind: .cannotOpen)
    }
  }

  /// Asks for the page after the one just read (whose last response is `lastID`), if any:
  /// the server gathers it while the caller decodes.
  func askNext(after lastID: ByteBuffer) {
    if open && pending == nil { ask(after: lastID) }
  }

  private func finish() {
    open = false
    try? db.run("COMMIT")
    db.close()
  }
}

/// Walks the records of a packed page (``PackedPages``): a 16-byte id, then `fields`
/// length-prefixed fields.
struct PackedRecord {
  static let idLength = 16

  /// A page the reader did not expect (a changed query or server).
  static func unexpected(_ what: String, store: String) -> StoreError {
    StoreError(
      kind: .cannotOpen, store: store, message: "a page of the wave's responses came back in an unexpected form (\(what))",
      hint: "check that the database is a Cultivar store of this version (cultivar_migration)")
  }

  /// The offsets of every `every`-th record's start (the first included) and the last
  /// record's id, checking that each record is whole and that the ids rise from `after` on.
  /// Throws when they do not, or when the page holds other than `count` records.
  static func walk(_ bytes: ByteBuffer, count: Int, fields: Int, every: Int, after previous: ByteBuffer, store: String) throws -> (
    starts: [Int], lastID: ByteBuffer
  ) {
    let walked: (starts: [Int], last: Int)? = bytes.withUnsafeReadableBytes { raw in
      var starts: [Int] = []
      var offset = 0
      var last = -1
      var records = 0
      // The ids compare as two big-endian words (ids are 16 bytes; the empty id is before all).
      var before: (UInt64, UInt64)? = previous.withUnsafeReadableBytes { $0.count == idLength ? key($0, at: 0) : nil }
      while offset < raw.count {
        guard offset + idLength <= raw.count else { return nil }
        // Strictly after the id before: the server kept the order asked for.
        let id = key(raw, at: offset)
        if let before, !(id > before) { return nil }
        before = id
        if records % every == 0 { starts.append(offset) }
        last = offset
        offset += idLength
        for _ in 0..<fields {
          guard offset + 4 <= raw.count else { return nil }
          let length = Int(UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
          offset += 4
          guard length <= raw.count - offset else { return nil }
          offset += length
        }
        records += 1
      }
      return records == count ? (starts, last) : nil
    }
    guard let walked, walked.last >= 0 else {
      throw unexpected("records cut short, out of order, or not the \(count) announced", store: store)
    }
    return (walked.starts, bytes.getSlice(at: bytes.readerIndex + walked.last, length: idLength)!)
  }

  /// The 16-byte id at `offset` as two words that compare as the bytes do.
  private static func key(_ raw: UnsafeRawBufferPointer, at offset: Int) -> (UInt64, UInt64) {
    (
      UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)),
      UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))
    )
  }
}
