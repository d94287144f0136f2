import Foundation
import PostgresNIO
import Store

/// A wave's responses read in pages that the server packs into one value each: per page one
/// row (the number of responses, and their records laid end to end in one `bytea`), so the
/// client makes one `PostgresRow` per page instead of one per response (docs/store.md,
/// "Pages packed by the server"). The pages follow the responses' ids (keyset: each page
/// starts after the last id of the one before) in read-only repeatable-read transactions on
/// connections of their own that hand postgres-nio whole messages
/// (``PostgresLink/connectForReading()``).
///
/// With `readers` above one, a wave longer than its first page is read on several connections
/// at once (the server's work on as many cores): the rest of the ids is cut into slices
/// (``IdSlices``), slice `j` read on connection `j % readers`, every connection in the first
/// one's snapshot (`pg_export_snapshot()`, `SET TRANSACTION SNAPSHOT`), so all see the same
/// rows. The pages are still handed out in id order, one slice after the other; each
/// connection has one page in flight, asked for as soon as the one before on it arrived, so
/// the servers gather pages while the client decodes, and memory holds `readers` pages.
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

  private let link: PostgresLink
  private let select: String
  private let waveID: Int64
  private let pageSize: Int
  private let readers: Int
  /// The first connection, then those opened once the first page came back full.
  private var connections: [SyncConnection] = []
  /// The page in flight on each connection.
  private var pending: [EventLoopFuture<PostgresQueryResult>?] = []
  /// The slices after the first page; nil while reading on one connection.
  private var slices: IdSlices?
  /// The slice being handed out (0: the first page, or the whole wave on one connection).
  private var current = 0
  /// Whether the page just handed out was full (its slice goes on after its last id).
  private var full = false
  private var open = true
  /// The first connection's snapshot, named for the others (with `readers` above one).
  private var snapshot: String?
  /// A list of strings the fields may refer to as `$5` (a `text[]`), sent with every page
  /// asked for from then on.
  var reference: [String] = []
  /// With pages kept ready (``WavePages``): the stretches of ids to read, kept or live, and
  /// the one being read; nil when the wave is read live only.
  private var segments: [WavePages.Segment]?
  private var segment = 0
  /// The selects of a kept page's records.
  private static let keptSelect = "SELECT records FROM wave_page WHERE wave_id = $1 AND upper_id = $2"

  /// - Parameters:
  ///   - fields: the SQL of each field after the id, over `r` (`visible_response`) and the
  ///     joins in `from` (and ``reference`` as `$5`); each must be a `bytea` that is never NULL.
  ///   - from: what follows `FROM` in the inner query (`visible_response r` and any join).
  ///   - pageSize: responses per page.
  ///   - readers: connections to read on at once (at least one).
  ///   - keptPages: whether `fields` and `from` are those of ``WavePages``, so that the
  ///     pages kept ready may be read (then on one connection).
  init(link: PostgresLink, waveID: Int64, fields: [String], from: String, pageSize: Int, readers: Int, keptPages: Bool = false) throws {
    self.link = link
    self.waveID = waveID
    self.pageSize = pageSize
    self.readers = max(1, readers)
    let (record, inner) = Self.recordSQL(fields: fields)
    // The aggregate reads the page in the order the inner query gives it (ids ascending);
    // the client checks that order as it walks the records (``PackedRecord/walk``).
    select = """
      SELECT count(*), string_agg(\(record), ''::bytea) FROM (
        SELECT r.id, \(inner) FROM \(from)
        WHERE r.wave_id = $1 AND r.id > $2 AND r.id <= $4 ORDER BY r.id LIMIT $3) p
      """
    connections = [try begin(try Blocking.run { try await link.connectForReading() }, snapshot: nil)]
    pending = [nil]
    if self.readers > 1 {
      // The read's snapshot, taken now (the first statement that reads) and named, for the
      // connections opened later to read in.
      do {
        let name = try connections[0].rows("SELECT pg_export_snapshot()")[0].decode(String.self)
        guard !name.isEmpty, name.allSatisfy({ $0.isHexDigit || $0 == "-" }) else {
          throw PackedRecord.unexpected("a snapshot named '\(name)'", store: link.name)
        }
        snapshot = name
      } catch {
        close()
        throw link.storeError(error, kind: .cannotOpen)
      }
    }
    if keptPages {
      do {
        segments = try WavePages.plan(connections[0], wave: waveID)
      } catch {
        close()
        throw link.storeError(error, kind: .cannotOpen)
      }
    }
  }

  /// The SQL of one record over the inner query `p` (its id, then each field with its
  /// length), and the inner query's select list naming the fields.
  static func recordSQL(fields: [String]) -> (record: String, inner: String) {
    let named = fields.indices.map { "f\($0)" }
    let record = (["p.id"] + named.map { "int4send(octet_length(p.\($0))) || p.\($0)" }).joined(separator: " || ")
    let inner = zip(fields, named).map { "\($0) AS \($1)" }.joined(separator: ", ")
    return (record, inner)
  }

  deinit { close() }

  /// Every numbered item of the wave (``WaveItems``), read on the first connection in the
  /// read's snapshot (so every pack of the rows read names numbers it holds). Call before the
  /// first page.
  func waveItems() throws -> [(number: Int32, item: String)] {
    do {
      return try WaveItems.all(connections[0], wave: waveID)
    } catch {
      close()
      throw link.storeError(error, kind: .cannotOpen)
    }
  }

  /// Starts a read-only repeatable-read transaction on `connection`, in `snapshot` when given.
  private func begin(_ connection: PostgresConnection, snapshot: String?) throws -> SyncConnection {
    let db = SyncConnection(connection)
    do {
      try db.run("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
      if let snapshot { try db.run(PostgresQuery(unsafeSQL: "SET TRANSACTION SNAPSHOT '\(snapshot)'")) }
      // Each page is a range of the wave's index in id order: compiling the plan (JIT) costs
      // more than it saves, and a bitmap scan would need a sort (docs/store.md).
      try db.run("SET LOCAL jit = off")
      try db.run("SET LOCAL enable_bitmapscan = off")
    } catch {
      db.close()
      throw link.storeError(error, kind: .cannotOpen)
    }
    return db
  }

  /// Asks connection `reader` for the page of ids in `(after, upper]`, without waiting.
  private func ask(_ reader: Int, after lastID: ByteBuffer, upper: ByteBuffer) {
    var bindings = PostgresBindings()
    bindings.append(waveID)
    bindings.append(lastID)
    bindings.append(pageSize)
    bindings.append(upper)
    bindings.append(reference)
    send(PostgresQuery(unsafeSQL: select, binds: bindings), on: reader)
  }

  /// Sends `query` on connection `reader` without waiting; its result is that connection's
  /// page in flight.
  private func send(_ sql: PostgresQuery, on reader: Int) {
    let db = connections[reader]
    let query = db.start(sql)
    // A page whose connection closes first fails at once: postgres-nio may leave a query
    // sent on a connection the server just ended (pg_terminate_backend) waiting for ever.
    // Both complete on the connection's event loop, so the box needs no lock; it lets go of
    // the promise once completed (the close callbacks stay until the connection closes, and
    // must not keep every page).
    let page = query.eventLoop.makePromise(of: PostgresQueryResult.self)
    let box = PromiseBox(page)
    let lost = StoreError(
      kind: .cannotOpen, store: link.name,
      message: "a connection reading the wave was closed before its page came (by the server, e.g. pg_terminate_backend, or the network)",
      hint: "try again; the server's log says why it ended the connection")
    query.whenComplete { result in
      box.promise?.completeWith(result)
      box.promise = nil
    }
    db.connection.closeFuture.whenComplete { _ in
      box.promise?.fail(lost)
      box.promise = nil
    }
    pending[reader] = page.futureResult
  }

  /// The connection that reads slice `j`.
  private func reader(of j: Int) -> Int { j == 0 ? 0 : j % connections.count }

  /// Asks for the first page of slice `j` (2 or later: its ids after the end of slice
  /// `j - 1`), if there is such a slice.
  private func askSlice(_ j: Int) {
    guard let slices, j <= slices.count else { return }
    ask(reader(of: j), after: slices.upper(j - 1), upper: slices.upper(j))
  }

  /// The next page; nil at the end (and the transactions ended). Ask for the one after it
  /// with ``askNext(after:)`` once its last id is known, before decoding it.
  func nextPage() throws -> Page? {
    guard open else { return nil }
    if segments != nil { return try nextPlannedPage() }
    if current == 0 && pending[0] == nil { ask(0, after: ByteBuffer(), upper: IdSlices.last) }
    do {
      while true {
        let reader = reader(of: current)
        let rows = try pending[reader]!.wait().rows
        pending[reader] = nil
        guard rows.count == 1 else { throw PackedRecord.unexpected("\(rows.count) rows for a page", store: link.name) }
        let (count, bytes) = try rows[0].decode((Int, ByteBuffer?).self)
        full = count == pageSize
        if !full {
          // This slice is done: its connection goes on to its next one at once.
          if slices != nil { askSlice(current + connections.count) }
          current += 1
          if current > (slices?.count ?? 0) {
            finish()
            return count == 0 ? nil : Page(bytes: bytes ?? ByteBuffer(), count: count)
          }
          if count == 0 { continue }
        }
        return Page(bytes: bytes ?? ByteBuffer(), count: count)
      }
    } catch {
      close()
      throw link.storeError(error, kind: .cannotOpen)
    }
  }

  /// Asks for the page after the one just read (whose last response is `lastID`) when that
  /// one was full: the server gathers it while the caller decodes. After a full first page
  /// with `readers` above one, opens the other connections in the first one's snapshot and
  /// starts a slice on each.
  func askNext(after lastID: ByteBuffer) throws {
    guard open && full else { return }
    full = false
    if let segments, case .live(_, let upper) = segments[segment] {
      ask(0, after: lastID, upper: ByteBuffer(bytes: upper))
      return
    }
    if current == 0 && readers > 1 {
      let made = IdSlices(after: lastID)
      try spread(over: min(readers, made.count), slices: made, after: lastID)
    } else {
      ask(reader(of: current), after: lastID, upper: slices.map { $0.upper(current) } ?? IdSlices.last)
    }
  }

  /// The next page of a read that follows ``segments``, on the first connection: a kept page
  /// as stored, or a page of a live stretch (full ones go on with ``askNext(after:)``). The
  /// next kept page is asked for as soon as the one before arrived.
  private func nextPlannedPage() throws -> Page? {
    guard let segments else { return nil }
    do {
      while true {
        if pending[0] == nil { askSegment(segments[segment]) }
        let rows = try pending[0]!.wait().rows
        pending[0] = nil
        guard rows.count <= 1 else { throw PackedRecord.unexpected("\(rows.count) rows for a page", store: link.name) }
        let page: Page
        switch segments[segment] {
        case .kept(_, let responses):
          guard let row = rows.first else { throw PackedRecord.unexpected("a kept page gone from its snapshot", store: link.name) }
          page = Page(bytes: try row.decode(ByteBuffer.self), count: responses)
          full = false
        case .live:
          let (count, bytes) = try rows[0].decode((Int, ByteBuffer?).self)
          page = Page(bytes: bytes ?? ByteBuffer(), count: count)
          full = count == pageSize
        }
        if !full {
          segment += 1
          if segment == segments.count {
            finish()
          } else if case .kept = segments[segment] {
            askSegment(segments[segment])
          }
        }
        if page.count > 0 { return page }
        if !open { return nil }
      }
    } catch {
      close()
      throw link.storeError(error, kind: .cannotOpen)
    }
  }

  /// Asks the first connection for the start of `segment`.
  private func askSegment(_ segment: WavePages.Segment) {
    switch segment {
    case .kept(let upper, _):
      var bindings = PostgresBindings()
      bindings.append(waveID)
      bindings.append(ByteBuffer(bytes: upper))
      send(PostgresQuery(unsafeSQL: Self.keptSelect, binds: bindings), on: 0)
    case .live(let after, let upper):
      ask(0, after: ByteBuffer(bytes: after), upper: ByteBuffer(bytes: upper))
    }
  }

  /// Opens the connections beyond the first (`count` in all), in its snapshot, and asks each
  /// for its first slice.
  private func spread(over count: Int, slices made: IdSlices, after lastID: ByteBuffer) throws {
    do {
      if count > 1 {
        let link = self.link
        let opened = try Blocking.run {
          try await withThrowingTaskGroup(of: PostgresConnection.self) { group in
            for _ in 1..<count { group.addTask { try await link.connectForReading() } }
            return try await group.reduce(into: []) { $0.append($1) }
          }
        }
        for (k, connection) in opened.enumerated() {
          do {
            connections.append(try begin(connection, snapshot: snapshot!))
          } catch {
            for other in opened[(k + 1)...] { try? (other.close() as EventLoopFuture<Void>).wait() }
            throw error
          }
          pending.append(nil)
        }
      }
      slices = made
      current = 1
      ask(reader(of: 1), after: lastID, upper: made.upper(1))
      for j in stride(from: 2, through: connections.count, by: 1) { askSlice(j) }
    } catch {
      close()
      throw link.storeError(error, kind: .cannotOpen)
    }
  }

  /// Ends the read: closing a connection ends its read-only transaction (there is nothing to
  /// commit), and never waits on a connection the server has ended meanwhile (postgres-nio
  /// could wait for ever on a statement sent there).
  private func finish() {
    close()
  }

  private func close() {
    open = false
    for db in connections { db.close() }
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

  /// The offsets of the starts of records `first`, `first + every`, ... (those there are)
  /// and the last record's id, checking that each record is whole and that the ids rise from
  /// `after` on. Throws when they do not, or when the page holds other than `count` records.
  static func walk(_ bytes: ByteBuffer, count: Int, fields: Int, every: Int, first: Int = 0, after previous: ByteBuffer, store: String) throws -> (
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
        if records >= first && (records - first) % every == 0 { starts.append(offset) }
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

/// A page's promise until it is completed, touched on one event loop only.
private final class PromiseBox: @unchecked Sendable {
  var promise: EventLoopPromise<PostgresQueryResult>?
  init(_ promise: EventLoopPromise<PostgresQueryResult>) { self.promise = promise }
}
