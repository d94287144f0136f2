import Foundation
import PostgresNIO
import Store
import SurveyIO
import SurveyModel

/// The responses of one wave on PostgreSQL, read for scoring as pieces of the scoring pipeline
/// (``RowBatchSource``): the server sends each response as one row (its group, the items it
/// answered as `text[]` and the values as `float8[]`, both kept in the response's row since
/// schema version 7, and with attribute cuts its stored attributes, all in binary) through a
/// server-side cursor (``PostgresCursor``), ``pageSize`` rows per round trip; the reading
/// thread only cuts pages into pieces, and the scoring workers decode the raw bytes straight
/// into ``RowBatch``es. Memory holds a few pages, however large the wave.
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
  static let pageSize = 2 * rowsPerPiece

  let file: String
  let header: [String]
  private let itemIDs: [String]
  private let codes: AttributeCodes?
  private let cursor: PostgresCursor
  private var page: [PostgresRow] = []
  private var offset = 0
  private var numbered = 0
  private var chunk = 0

  /// - Parameters:
  ///   - itemIDs: the item of each value slot (answers to other items are left out).
  ///   - byLanguage: group by the language each response was given in, not by team.
  ///   - codes: with attribute cuts, what turns each row's group and stored attributes into
  ///     its group key (as SQLite's ``StoredResponses`` does).
  init(link: PostgresLink, wave: WaveRef, itemIDs: [String], byLanguage: Bool, codes: AttributeCodes?, file: String) throws {
    self.file = file
    self.itemIDs = itemIDs
    self.codes = codes
    header = ["response", "team"] + itemIDs
    let group = byLanguage ? "COALESCE(r.language, '\(StoredResponses.unrecordedLanguage)')" : "r.team"
    let query: PostgresQuery
    if codes == nil {
      query = "SELECT \(unescaped: group), r.answer_items, r.answer_values FROM visible_response r WHERE r.wave_id = \(wave.id) ORDER BY r.id"
    } else {
      query = """
        SELECT \(unescaped: group), r.answer_items, r.answer_values, g.names, g.vals FROM visible_response r
        LEFT JOIN LATERAL (SELECT array_agg(name) AS names, array_agg(value) AS vals FROM response_attribute WHERE response_attribute.response_id = r.id) g ON true
        WHERE r.wave_id = \(wave.id) ORDER BY r.id
        """
    }
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

  func makeReader(keepsIdentity: Bool) -> Reader { Reader(itemIDs: itemIDs, codes: codes, keepsIdentity: keepsIdentity, file: file) }

  /// Decodes a piece's rows on a scoring worker; team ids are numbered per batch.
  struct Reader: RowBatchReader {
    let slots: Int
    let keepsIdentity: Bool
    let file: String
    private let codes: AttributeCodes?
    private var items: ItemSlots
    private var teams: [String] = []

    init(itemIDs: [String], codes: AttributeCodes?, keepsIdentity: Bool, file: String) {
      slots = itemIDs.count
      items = ItemSlots(itemIDs)
      self.codes = codes
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
        var team = try WaveRowDecoder.text(cells[0], file: file, row: number)
        if let codes {
          let names = try WaveRowDecoder.texts(cells[3], file: file, row: number)
          let values = try WaveRowDecoder.texts(cells[4], file: file, row: number)
          guard names.count == values.count else { throw WaveRowDecoder.unexpected("attribute names and values differ", file: file, row: number) }
          team = try codes.key(team: team, stored: zip(names, values))
        }
        let id: Int32
        if let known = idOfTeam[team] {
          id = known
        } else {
          id = Int32(teams.count)
          idOfTeam[team] = id
          teams.append(team)
        }
        try batch.values.withUnsafeMutableBufferPointer { values in
          try WaveRowDecoder.answers(items: cells[1], values: cells[2], slots: &items, into: values, at: r * slots, file: file, row: number)
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

  /// A `text[]` cell as strings (NULL: none).
  static func texts(_ cell: PostgresCell, file: String, row: Int) throws -> [String] {
    guard let bytes = cell.bytes else { return [] }
    guard cell.format == .binary else { throw unexpected("text format", file: file, row: row) }
    let strings: [String]? = bytes.withUnsafeReadableBytes { raw in
      var reader = BigEndianReader(raw)
      guard let count = reader.arrayCount(of: PostgresDataType.text.rawValue) else { return nil }
      var strings: [String] = []
      for _ in 0..<count {
        guard let element = reader.element() else { return nil }
        strings.append(String(decoding: element, as: UTF8.self))
      }
      return strings
    }
    guard let strings else { throw unexpected("not a text[]", file: file, row: row) }
    return strings
  }

  /// Writes the answers of one response into `values[base + slot]`: `items` is the `text[]`
  /// of the items answered, `answers` the `float8[]` of their values (the same length);
  /// answers to items without a slot are left out.
  static func answers(
    items: PostgresCell, values answers: PostgresCell, slots: inout ItemSlots, into values: UnsafeMutableBufferPointer<Double>, at base: Int,
    file: String, row: Int
  ) throws {
    guard let itemBytes = items.bytes, let valueBytes = answers.bytes else { throw unexpected("no answers", file: file, row: row) }
    guard items.format == .binary, answers.format == .binary else { throw unexpected("text format", file: file, row: row) }
    let problem: String? = itemBytes.withUnsafeReadableBytes { itemRaw in
      valueBytes.withUnsafeReadableBytes { valueRaw in
        var itemReader = BigEndianReader(itemRaw)
        var valueReader = BigEndianReader(valueRaw)
        guard let count = itemReader.arrayCount(of: PostgresDataType.text.rawValue),
          valueReader.arrayCount(of: PostgresDataType.float8.rawValue) == count
        else { return "not a text[] and a float8[] of the same length" }
        for position in 0..<count {
          guard let item = itemReader.element(), valueReader.uint32() == 8, let bits = valueReader.uint64() else { return "an empty answer" }
          if let slot = slots.slot(of: item, at: position) { values[base + slot] = Double(bitPattern: bits) }
        }
        return nil
      }
    }
    if let problem { throw unexpected(problem, file: file, row: row) }
  }
}

/// Finds the value slot of an item given as raw UTF-8 bytes, without making a string: each
/// position in a response's list of items is first tried against the slot found there in the
/// previous response (responses of a wave mostly answer the same items in the same order),
/// then against every item. An item listed twice gets its first slot, as SQLite's reader.
struct ItemSlots {
  private let items: [[UInt8]]
  /// Per position in a response's list: the slot found there last.
  private var guesses: [Int] = []

  init(_ itemIDs: [String]) { items = itemIDs.map { Array($0.utf8) } }

  /// The slot of `item`, the `position`-th answer of its response; nil when it has none.
  mutating func slot(of item: UnsafeRawBufferPointer, at position: Int) -> Int? {
    if position < guesses.count, case let guess = guesses[position], guess >= 0, Self.equal(items[guess], item) { return guess }
    guard let found = items.firstIndex(where: { Self.equal($0, item) }) else { return nil }
    while guesses.count <= position { guesses.append(-1) }
    guesses[position] = found
    return found
  }

  private static func equal(_ known: [UInt8], _ item: UnsafeRawBufferPointer) -> Bool {
    guard known.count == item.count else { return false }
    guard !known.isEmpty else { return true }
    return known.withUnsafeBytes { memcmp($0.baseAddress!, item.baseAddress!, item.count) == 0 }
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

  /// The next element of a binary array of variable-length values; nil for NULL or too short.
  mutating func element() -> UnsafeRawBufferPointer? {
    guard let length = uint32(), length != UInt32.max, offset + Int(length) <= bytes.count else { return nil }
    defer { offset += Int(length) }
    return UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + Int(length)])
  }
}
