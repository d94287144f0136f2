import Foundation
import PostgresNIO
import Store
import SurveyIO
import SurveyModel

/// The responses of one wave on PostgreSQL, read for scoring as pieces of the scoring pipeline
/// (``RowBatchSource``): the server sends each response as one row (its group, the value
/// slots it answered as `int4[]`, the values as `float8[]`, in binary) through a server-side
/// cursor (``PostgresCursor``), ``pageSize`` rows per round trip; the reading thread only
/// cuts pages into pieces, and the scoring workers decode the raw bytes straight into
/// ``RowBatch``es. Memory holds a few pages, however large the wave.
///
/// Rows come in the order of their random ids, as ``StoredResponses`` reads them from SQLite,
/// numbered alike and cut into pieces of ``rowsPerPiece`` like ``ResponseBatches``: the
/// partial sums are the same, so scores match SQLite's to the last bit.
final class PostgresWaveBatches: RowBatchSource, @unchecked Sendable {
  /// Consecutive rows of one page, with the number of the first (1-based) and the piece's index.
  struct Piece {
    let rows: ArraySlice<PostgresRow>
    let firstNumber: Int
    let chunk: Int
  }

  /// Rows per piece: ``ResponseBatches``' batch size, so that sums merge alike on both backends.
  static let rowsPerPiece = 2048
  /// Rows per round trip (whole pieces).
  static let pageSize = 8 * rowsPerPiece

  let file: String
  let header: [String]
  private let slots: Int
  private let cursor: PostgresCursor
  private var page: [PostgresRow] = []
  private var offset = 0
  private var numbered = 0
  private var chunk = 0

  /// - Parameters:
  ///   - itemIDs: the item of each value slot (answers to other items are left out).
  ///   - byLanguage: group by the language each response was given in, not by team.
  init(link: PostgresLink, wave: WaveRef, itemIDs: [String], byLanguage: Bool, file: String) throws {
    self.file = file
    header = ["response", "team"] + itemIDs
    slots = itemIDs.count
    let group = byLanguage ? "COALESCE(r.language, '\(StoredResponses.unrecordedLanguage)')" : "r.team"
    // array_position gives each answer its slot (the first of an item listed twice, as SQLite's reader).
    let query: PostgresQuery = """
      SELECT \(unescaped: group), a.slots, a.vals FROM visible_response r
      LEFT JOIN LATERAL (
        SELECT array_agg(array_position(\(itemIDs)::text[], item_id)::int4) AS slots, array_agg(value) AS vals
        FROM answer WHERE answer.response_id = r.id AND answer.item_id = ANY(\(itemIDs)::text[])) a ON true
      WHERE r.wave_id = \(wave.id) ORDER BY r.id
      """
    cursor = try PostgresCursor(link: link, query: query, pageSize: Self.pageSize)
  }

  func nextPiece() throws -> Piece? {
    if offset == page.count {
      page = try cursor.nextPage()
      offset = 0
      if page.isEmpty { return nil }
    }
    let end = min(offset + Self.rowsPerPiece, page.count)
    let piece = Piece(rows: page[offset..<end], firstNumber: numbered + 1, chunk: chunk)
    numbered += end - offset
    offset = end
    chunk += 1
    return piece
  }

  func makeReader(keepsIdentity: Bool) -> Reader { Reader(slots: slots, keepsIdentity: keepsIdentity, file: file) }

  /// Decodes a piece's rows on a scoring worker; team ids are numbered per batch.
  struct Reader: RowBatchReader {
    let slots: Int
    let keepsIdentity: Bool
    let file: String
    private var teams: [String] = []

    init(slots: Int, keepsIdentity: Bool, file: String) {
      self.slots = slots
      self.keepsIdentity = keepsIdentity
      self.file = file
    }

    mutating func read(_ piece: Piece) throws -> RowBatch {
      var batch = RowBatch(chunk: piece.chunk, slots: slots)
      var idOfTeam: [String: Int32] = [:]
      teams.removeAll(keepingCapacity: true)
      batch.values = Array(repeating: .nan, count: piece.rows.count * slots)
      batch.teams.reserveCapacity(piece.rows.count)
      batch.lines.reserveCapacity(piece.rows.count)
      for (r, row) in piece.rows.enumerated() {
        let number = piece.firstNumber + r
        let cells = row.makeRandomAccess()
        let team = try WaveRowDecoder.text(cells[0], file: file, row: number)
        let id: Int32
        if let known = idOfTeam[team] {
          id = known
        } else {
          id = Int32(teams.count)
          idOfTeam[team] = id
          teams.append(team)
        }
        try batch.values.withUnsafeMutableBufferPointer { values in
          try WaveRowDecoder.answers(slots: cells[1], values: cells[2], into: values, at: r * slots, width: slots, file: file, row: number)
        }
        batch.teams.append(id)
        batch.lines.append(Int32(clamping: number))
        if keepsIdentity { batch.respondents.append("response \(number)") }
      }
      batch.count = piece.rows.count
      batch.rowsRead = piece.rows.count
      return batch
    }

    var teamCount: Int { teams.count }
    func teamName(_ id: Int32) -> String { teams[Int(id)] }
    var numbersTeamsPerBatch: Bool { true }
  }
}

/// The same rows one at a time, as a ``ResponseSource`` (for what reads a wave row by row).
final class PostgresResponses: ResponseSource {
  let file: String
  let header: [String]
  private(set) var rowsRead = 0
  private let batches: PostgresWaveBatches
  private var reader: PostgresWaveBatches.Reader
  private var batch = RowBatch(chunk: 0, slots: 0)
  private var index = 0

  init(_ batches: PostgresWaveBatches) {
    self.batches = batches
    file = batches.file
    header = batches.header
    reader = batches.makeReader(keepsIdentity: false)
  }

  func next() throws -> ResponseOutcome? {
    if index == batch.count {
      guard let piece = try batches.nextPiece() else { return nil }
      batch = try reader.read(piece)
      index = 0
    }
    let width = batch.slots
    rowsRead += 1
    let row = ResponseRow(
      line: rowsRead, respondent: "response \(rowsRead)", team: reader.teamName(batch.teams[index]),
      values: Array(batch.values[index * width..<(index + 1) * width]))
    index += 1
    return .row(row)
  }
}

/// Reads the raw binary cells of a wave's rows (PostgreSQL's wire format), without a
/// decoding step per element: what makes reading a large wave cheap.
enum WaveRowDecoder {
  /// A cell the reader did not expect (a changed query or server); names the row.
  static func unexpected(_ what: String, file: String, row: Int) -> StoreError {
    StoreError(
      kind: .cannotOpen, store: file, message: "response \(row) of the wave came back in an unexpected form (\(what))",
      hint: "check that the database is a Cultivar store of this version (cultivar_migration)")
  }

  /// A `text` cell as a string.
  static func text(_ cell: PostgresCell, file: String, row: Int) throws -> String {
    guard var bytes = cell.bytes, cell.dataType == .text else { throw unexpected("no group", file: file, row: row) }
    return bytes.readString(length: bytes.readableBytes) ?? ""
  }

  /// Writes the answers of one response into `values[base + slot]`: `slots` is an `int4[]`
  /// of 1-based slots, `answers` a `float8[]` of the same length (both NULL when it has none).
  static func answers(
    slots: PostgresCell, values answers: PostgresCell, into values: UnsafeMutableBufferPointer<Double>, at base: Int, width: Int, file: String,
    row: Int
  ) throws {
    guard let slotBytes = slots.bytes, let valueBytes = answers.bytes else {
      guard slots.bytes == nil, answers.bytes == nil else { throw unexpected("slots and values differ", file: file, row: row) }
      return
    }
    guard slots.format == .binary, answers.format == .binary else { throw unexpected("text format", file: file, row: row) }
    let problem: String? = slotBytes.withUnsafeReadableBytes { slotRaw in
      valueBytes.withUnsafeReadableBytes { valueRaw in
        var slotReader = BigEndianReader(slotRaw)
        var valueReader = BigEndianReader(valueRaw)
        guard let count = slotReader.arrayCount(of: PostgresDataType.int4.rawValue),
          valueReader.arrayCount(of: PostgresDataType.float8.rawValue) == count
        else { return "not an int4[] and a float8[] of the same length" }
        for _ in 0..<count {
          guard slotReader.uint32() == 4, let slot = slotReader.uint32().map({ Int(Int32(bitPattern: $0)) }),
            valueReader.uint32() == 8, let bits = valueReader.uint64()
          else { return "an empty answer" }
          guard slot >= 1, slot <= width else { return "slot \(slot)" }
          values[base + slot - 1] = Double(bitPattern: bits)
        }
        return nil
      }
    }
    if let problem { throw unexpected(problem, file: file, row: row) }
  }
}

/// Reads big-endian integers from raw bytes (the wire format), checking the length.
struct BigEndianReader {
  private let bytes: UnsafeRawBufferPointer
  private var offset = 0

  init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

  mutating func uint32() -> UInt32? {
    guard offset + 4 <= bytes.count else { return nil }
    defer { offset += 4 }
    return UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
  }

  mutating func uint64() -> UInt64? {
    guard offset + 8 <= bytes.count else { return nil }
    defer { offset += 8 }
    return UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
  }

  /// Reads a binary array's header (one dimension, or none when empty, of elements of type
  /// `element`); returns its length, or nil when it is not such an array.
  mutating func arrayCount(of element: UInt32) -> Int? {
    guard let dimensions = uint32(), uint32() != nil, uint32() == element else { return nil }
    if dimensions == 0 { return 0 }
    guard dimensions == 1, let length = uint32(), uint32() != nil, length <= Int32.max else { return nil }
    return Int(length)
  }
}
