import Foundation
import PostgresNIO
import Store

/// A wave's scoring pages kept ready in `wave_page` (schema version 10, docs/store.md "Pages
/// kept ready"): the records ``PackedPages`` asks the server to pack, built once by a role
/// that may write, so that a read copies about one page per 8,192 responses instead of
/// walking an index entry per response and packing its record.
///
/// A page is used only while nothing it covers changed since it was built. Every statement
/// that writes responses, and every import made visible, marks what it changed in
/// `wave_page_stale` in its own transaction (the schema's triggers); a build removes only the
/// marks its snapshot saw, so a response stored while a build runs stays marked. The reader
/// (``plan(_:wave:)``) takes the kept pages without a mark in its snapshot and reads the
/// rest of the ids from `visible_response`, in id order: the rows, their order and so the
/// scores are those of a read without kept pages.
enum WavePages {
  /// One stretch of a wave's ids, in the order read.
  enum Segment: Equatable {
    /// A kept page: its last id (inclusive) and how many records it holds.
    case kept(upper: [UInt8], responses: Int)
    /// Ids in `(after, upper]` read from `visible_response`.
    case live(after: [UInt8], upper: [UInt8])
  }

  /// A kept page as listed: its ids `(after, upper]` and its records' count.
  struct Listed {
    var after: [UInt8]
    var upper: [UInt8]
    var responses: Int
  }

  /// The largest id there is (the last page ends there).
  static let lastID = [UInt8](repeating: 0xFF, count: PackedRecord.idLength)
  /// Beyond this many marked responses the wave is read without kept pages.
  static let mostMarks = 4096
  /// Responses per kept page (the reader's page size).
  static let pageSize = PostgresWaveBatches.pageSize

  /// The fields of a kept record: a read grouped by team without attributes, where a row
  /// without a pack always sends its item list (no reference list is left out: the reader's
  /// changes as it reads).
  static var fields: [String] {
    PostgresWaveBatches.recordFields(byLanguage: false, attributes: false, reference: "NULL::text[]").fields
  }

  // MARK: Reading

  /// How to read `wave` in the connection's snapshot: nil when no kept page can be used (none
  /// built, the whole wave marked, more than ``mostMarks`` responses marked, or the role may
  /// not read the pages: granted `visible_response` only).
  static func plan(_ db: SyncConnection, wave: Int64) throws -> [Segment]? {
    let readable = try db.rows(
      "SELECT has_table_privilege('wave_page', 'SELECT') AND has_table_privilege('wave_page_stale', 'SELECT')"
    )[0].decode(Bool.self)
    guard readable else { return nil }
    let marked = try db.rows("SELECT response_id FROM wave_page_stale WHERE wave_id = \(wave) LIMIT \(mostMarks + 1)")
    guard marked.count <= mostMarks else { return nil }
    var marks: [[UInt8]] = []
    for row in marked {
      // A mark without an id: the whole wave changed.
      guard let id = try row.decode(ByteBuffer?.self) else { return nil }
      marks.append(Array(id.readableBytesView))
    }
    let listed = try db.rows("SELECT after_id, upper_id, responses FROM wave_page WHERE wave_id = \(wave) ORDER BY upper_id").map { row in
      let (after, upper, responses) = try row.decode((ByteBuffer, ByteBuffer, Int32).self)
      return Listed(after: Array(after.readableBytesView), upper: Array(upper.readableBytesView), responses: Int(responses))
    }
    return plan(pages: listed, marks: marks)
  }

  /// The segments that read every id once, in order: each listed page (in `upper` order)
  /// kept unless a mark lies in its ids, everything else live. Nil when no page is kept, or
  /// the pages overlap (edited by hand: the wave is then read live).
  static func plan(pages: [Listed], marks: [[UInt8]]) -> [Segment]? {
    let marks = marks.sorted { $0.lexicographicallyPrecedes($1) }
    var segments: [Segment] = []
    var cursor: [UInt8] = []
    var kept = 0
    var mark = 0
    func live(to upper: [UInt8]) {
      if case .live(let after, _) = segments.last {
        segments[segments.count - 1] = .live(after: after, upper: upper)
      } else {
        segments.append(.live(after: cursor, upper: upper))
      }
    }
    for page in pages {
      guard !page.after.lexicographicallyPrecedes(cursor), page.after.lexicographicallyPrecedes(page.upper) else { return nil }
      if cursor.lexicographicallyPrecedes(page.after) { live(to: page.after) }
      cursor = page.after
      // Marks up to the page's start lie in what was read before it.
      while mark < marks.count && !page.after.lexicographicallyPrecedes(marks[mark]) { mark += 1 }
      if mark < marks.count && !page.upper.lexicographicallyPrecedes(marks[mark]) {
        live(to: page.upper)
      } else {
        segments.append(.kept(upper: page.upper, responses: page.responses))
        kept += 1
      }
      cursor = page.upper
    }
    if cursor.lexicographicallyPrecedes(lastID) { live(to: lastID) }
    return kept == 0 ? nil : segments
  }

  // MARK: Building

  /// Builds the kept pages of `wave` afresh from what `visible_response` holds now, in one
  /// repeatable-read transaction (one snapshot for the rows read and the marks removed),
  /// one build per wave at a time (an advisory lock taken before the snapshot). The web form
  /// never waits for it.
  /// - Returns: the number of pages, or nil when the role may not write them (an analyst).
  @discardableResult
  static func build(_ db: SyncConnection, wave: Int64) throws -> Int? {
    let allowed = try db.rows(
      "SELECT has_table_privilege('wave_page', 'INSERT') AND has_table_privilege('wave_page', 'DELETE') AND has_table_privilege('wave_page_stale', 'DELETE')"
    )[0].decode(Bool.self)
    guard allowed else { return nil }
    let key = "cultivar wave pages \(wave)"
    try db.run("SELECT pg_advisory_lock(hashtextextended(\(key), 0))")
    defer { try? db.run("SELECT pg_advisory_unlock(hashtextextended(\(key), 0))") }
    return try db.transaction("BEGIN ISOLATION LEVEL REPEATABLE READ") {
      try db.run("SET LOCAL jit = off")
      try db.run("SET LOCAL enable_bitmapscan = off")
      try db.run("DELETE FROM wave_page WHERE wave_id = \(wave)")
      var binds = PostgresBindings()
      binds.append(wave)
      binds.append(Int64(pageSize))
      binds.append(ByteBuffer(bytes: lastID))
      let pages = try db.rows(PostgresQuery(unsafeSQL: buildSQL, binds: binds))[0].decode(Int.self)
      try db.run("DELETE FROM wave_page_stale WHERE wave_id = \(wave)")
      return pages
    }
  }

  /// Builds the kept pages of every wave that has none or has marks.
  /// - Returns: the waves built, or nil when the role may not write them.
  @discardableResult
  static func buildStale(_ db: SyncConnection) throws -> [Int64]? {
    let waves = try db.rows(
      """
      SELECT w.id FROM wave w
        WHERE EXISTS (SELECT 1 FROM wave_page_stale s WHERE s.wave_id = w.id) OR NOT EXISTS (SELECT 1 FROM wave_page p WHERE p.wave_id = w.id)
        ORDER BY w.id
      """
    ).map { try $0.decode(Int64.self) }
    var built: [Int64] = []
    for wave in waves {
      guard try build(db, wave: wave) != nil else { return nil }
      built.append(wave)
    }
    return built
  }

  /// The statement that packs the wave (`$1`) into pages of `$2` records in id order, the
  /// first starting before every id, the last ending at `$3` (the largest id).
  private static let buildSQL: String = {
    let (record, inner) = PackedPages.recordSQL(fields: fields)
    return """
      WITH numbered AS (
        SELECT p.id, (row_number() OVER (ORDER BY p.id) - 1) / $2 AS page, \(record) AS record
        FROM (SELECT r.id, \(inner) FROM visible_response r WHERE r.wave_id = $1) p),
      pages AS (
        SELECT page, count(*)::int AS responses, string_agg(record, ''::bytea ORDER BY id) AS records,
          (array_agg(id ORDER BY id DESC))[1] AS last
        FROM numbered GROUP BY page),
      kept AS (
        INSERT INTO wave_page (wave_id, after_id, upper_id, responses, records)
        SELECT $1, COALESCE(lag(last) OVER (ORDER BY page), ''::bytea),
          CASE WHEN page = max(page) OVER () THEN $3 ELSE last END, responses, records
        FROM pages
        RETURNING 1)
      SELECT count(*) FROM kept
      """
  }()
}
