import Foundation
import PostgresNIO
import Store
import SurveyIO
import SurveyModel

/// The responses of one wave on PostgreSQL, read for scoring as pieces of the scoring pipeline
/// (``RowBatchSource``): the server packs each page of ``pageSize`` responses into one value
/// (``PackedPages``: per response its id, its group, and its ``AnswerPack`` (team, item
/// numbers and values, schema version 9) or, for a row without one, its team and arrays in
/// PostgreSQL's binary form, and with attribute cuts its stored attributes); the reading
/// thread only checks a page's records and cuts
/// it into pieces, and the scoring workers decode the bytes straight into ``RowBatch``es.
/// Memory holds a few pages, however large the wave.
///
/// Rows come in the order of their random ids, as ``StoredResponses`` reads them from SQLite,
/// numbered alike and cut into pieces of ``rowsPerPiece`` like ``ResponseBatches``: the
/// partial sums are the same, so scores match SQLite's to the last bit.
final class PostgresWaveBatches: RowBatchSource, @unchecked Sendable {
  /// Consecutive records of one page (``PackedRecord``), with the number of the first
  /// (1-based) and the piece's index.
  struct Piece {
    let bytes: ByteBuffer
    let count: Int
    let firstNumber: Int
    let chunk: Int
    /// The items of a response whose items the server left out (``itemsLeftOut``), in
    /// binary form (`array_send`).
    let reference: ByteBuffer
  }

  /// Rows per piece: ``ResponseBatches``' batch size, so that sums merge alike on both backends.
  static let rowsPerPiece = 2048
  /// Responses per page the server packs (whole pieces).
  static let pageSize = 4 * rowsPerPiece

  let file: String
  let header: [String]
  private let itemIDs: [String]
  /// The value slot of each item number of the wave (``AnswerPack/slots(numbers:itemIDs:)``).
  private let numberSlots: [Int32]
  private let codes: AttributeCodes?
  private let fields: Int
  private let pages: PackedPages
  private var pieces: [Piece] = []
  private var next = 0
  private var lastID = ByteBuffer()
  private var numbered = 0
  private var chunk = 0
  /// The records of a piece not yet whole (a page ended within it), copied.
  private var carry: (bytes: ByteBuffer, count: Int)?
  /// The items the server leaves out, in binary form (see ``Piece/reference``).
  private var reference = ByteBuffer(bytes: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 25])
  private var pagesRead = 0

  /// - Parameters:
  ///   - itemIDs: the item of each value slot (answers to other items are left out).
  ///   - byLanguage: group by the language each response was given in, not by team.
  ///   - codes: with attribute cuts, what turns each row's group and stored attributes into
  ///     its group key (as SQLite's ``StoredResponses`` does).
  ///   - readers: connections reading the wave at once (``PackedPages``).
  init(link: PostgresLink, wave: WaveRef, itemIDs: [String], byLanguage: Bool, codes: AttributeCodes?, file: String, readers: Int) throws {
    self.file = file
    self.itemIDs = itemIDs
    self.codes = codes
    header = ["response", "team"] + itemIDs
    let (fields, from) = Self.recordFields(byLanguage: byLanguage, attributes: codes != nil)
    self.fields = fields.count
    pages = try PackedPages(
      link: link, waveID: wave.id, fields: fields, from: from, pageSize: Self.pageSize, readers: readers, keptPages: !byLanguage && codes == nil)
    numberSlots = AnswerPack.slots(numbers: try pages.waveItems(), itemIDs: itemIDs)
  }

  /// The SQL of each field of a record after the id (``PackedPages``), over `r`
  /// (`visible_response`) and the joins of `from`: the group, the answers, and with
  /// `attributes` the stored attributes' names and values.
  /// - Parameter reference: the SQL of the item list whose items are left out (the reader's
  ///   `$5`; the pages kept ready, ``WavePages``, leave out only the empty list).
  static func recordFields(byLanguage: Bool, attributes: Bool, reference: String = "$5") -> (fields: [String], from: String) {
    // With a pack, the team comes in it (an empty field here): the read is then an index-only
    // scan of `response_ready`, which holds the pack, never the row (docs/store.md). A row
    // without a pack is looked up for its team and arrays.
    let group =
      byLanguage
      ? "textsend(COALESCE(r.language, '\(StoredResponses.unrecordedLanguage)'))"
      : "CASE WHEN r.answer_pack IS NULL THEN (SELECT textsend(x.team) FROM visible_response x WHERE x.id = r.id) ELSE ''::bytea END"
    // The answers in binary form, converted by the server in this connection's client
    // encoding (UTF-8, which ``PostgresLink`` asks for): the items' `text[]`, then the values'
    // `float8[]`. Keeping them converted in the table (a stored column) was measured and not
    // kept: it doubles the table and a writer in another client encoding would store item
    // ids no reader matches (docs/store.md, "Pages packed by the server").
    // The items are left out (an empty field before the values) when they are the reference
    // list the reader asks with (`$5`: the most common list of the first page; before it, the
    // empty list): most responses of a wave answer the same items, and converting them is a
    // third of the server's work (docs/store.md).
    // Since schema version 9 the answers are shipped as Cultivar packed them (``AnswerPack``:
    // item numbers and values, copied by the server, not converted); a row without a pack
    // (stored before, or by hand) is sent as its arrays, which the reader tells apart by its
    // first byte.
    var fields = [
      group,
      """
      COALESCE(r.answer_pack, (SELECT CASE WHEN x.answer_items = \(reference) THEN ''::bytea ELSE array_send(x.answer_items) END || array_send(x.answer_values)
        FROM visible_response x WHERE x.id = r.id))
      """,
    ]
    var from = "visible_response r"
    if attributes {
      fields += ["array_send(COALESCE(g.names, '{}'::text[]))", "array_send(COALESCE(g.vals, '{}'::text[]))"]
      from += """
         LEFT JOIN LATERAL (SELECT array_agg(name) AS names, array_agg(value) AS vals FROM response_attribute
          WHERE response_attribute.response_id = r.id) g ON true
        """
    }
    return (fields, from)
  }

  func nextPiece() throws -> Piece? {
    while next == pieces.count {
      pieces.removeAll(keepingCapacity: true)
      next = 0
      guard let page = try pages.nextPage() else {
        // The end: the records carried over are the last piece.
        guard let rest = carry else { return nil }
        carry = nil
        emit(rest.bytes, count: rest.count)
        break
      }
      // Pages need not be whole pieces (slices of the ids hold what they hold): a piece is cut
      // every `rowsPerPiece` records of the wave, as ``ResponseBatches`` cuts SQLite's rows,
      // the records of a piece that spans pages copied into one buffer.
      let needed = carry.map { Self.rowsPerPiece - $0.count } ?? 0
      let walked = try PackedRecord.walk(
        page.bytes, count: page.count, fields: fields, every: Self.rowsPerPiece, first: needed, after: lastID, store: file)
      lastID = walked.lastID
      pagesRead += 1
      if pagesRead == 1, let common = try WaveRowDecoder.commonItems(page, fields: fields, file: file) {
        reference = common.bytes
        pages.reference = common.items
      }
      try pages.askNext(after: lastID)
      let base = page.bytes.readerIndex
      if var held = carry {
        let taken = min(needed, page.count)
        held.bytes.writeImmutableBuffer(page.bytes.getSlice(at: base, length: walked.starts.first ?? page.bytes.readableBytes)!)
        held.count += taken
        carry = nil
        if held.count == Self.rowsPerPiece { emit(held.bytes, count: held.count) } else { carry = held }
      }
      for (k, start) in walked.starts.enumerated() {
        let end = k + 1 < walked.starts.count ? walked.starts[k + 1] : page.bytes.readableBytes
        let count = min(Self.rowsPerPiece, page.count - needed - k * Self.rowsPerPiece)
        let bytes = page.bytes.getSlice(at: base + start, length: end - start)!
        if count == Self.rowsPerPiece {
          emit(bytes, count: count)
        } else {
          var copy = ByteBufferAllocator().buffer(capacity: bytes.readableBytes * Self.rowsPerPiece / count + 64)
          copy.writeImmutableBuffer(bytes)
          carry = (copy, count)
        }
      }
    }
    next += 1
    return pieces[next - 1]
  }

  /// Appends the next piece of the wave, numbered and counted.
  private func emit(_ bytes: ByteBuffer, count: Int) {
    pieces.append(Piece(bytes: bytes, count: count, firstNumber: numbered + 1, chunk: chunk, reference: reference))
    numbered += count
    chunk += 1
  }

  func makeReader(keepsIdentity: Bool) -> Reader {
    Reader(itemIDs: itemIDs, numberSlots: numberSlots, codes: codes, keepsIdentity: keepsIdentity, file: file)
  }

  /// Decodes a piece's records on a scoring worker; team ids are numbered per batch.
  struct Reader: RowBatchReader {
    let slots: Int
    let keepsIdentity: Bool
    let file: String
    private let codes: AttributeCodes?
    private var items: ItemSlots
    private let numberSlots: [Int32]
    private var teams: [String] = []

    init(itemIDs: [String], numberSlots: [Int32], codes: AttributeCodes?, keepsIdentity: Bool, file: String) {
      slots = itemIDs.count
      items = ItemSlots(itemIDs)
      self.numberSlots = numberSlots
      self.codes = codes
      self.keepsIdentity = keepsIdentity
      self.file = file
    }

    mutating func read(_ piece: Piece) throws -> RowBatch {
      var batch = RowBatch(chunk: piece.chunk, slots: slots)
      var idOfTeam: [String: Int32] = [:]
      teams.removeAll(keepingCapacity: true)
      batch.values = Array(repeating: .nan, count: piece.count * slots)
      batch.teams.reserveCapacity(piece.count)
      batch.lines.reserveCapacity(piece.count)
      let file = file
      try piece.bytes.withUnsafeReadableBytes { raw in
        var reader = BigEndianReader(raw)
        for r in 0..<piece.count {
          let number = piece.firstNumber + r
          let idAt = reader.offset
          guard reader.skip(PackedRecord.idLength), let sent = reader.field(), let answers = reader.field() else {
            throw WaveRowDecoder.unexpected("a record cut short", file: file, row: number)
          }
          // The group: as sent (a row without a pack, or a language), or the pack's team.
          var group = sent
          if AnswerPack.isPack(answers) {
            var packed = UnsafeRawBufferPointer(start: nil, count: 0)
            let flaw = numberSlots.withUnsafeBufferPointer { table in
              batch.values.withUnsafeMutableBufferPointer { values in
                AnswerPack.decode(answers, slots: table, into: values, at: r * slots, team: &packed)
              }
            }
            if let flaw {
              throw WaveRowDecoder.badPack(
                flaw, id: UnsafeRawBufferPointer(rebasing: raw[idAt..<idAt + PackedRecord.idLength]), file: file, row: number)
            }
            if group.isEmpty { group = packed }
          } else {
            try piece.reference.withUnsafeReadableBytes { reference in
              try batch.values.withUnsafeMutableBufferPointer { values in
                try WaveRowDecoder.answers(answers, reference: reference, slots: &items, into: values, at: r * slots, file: file, row: number)
              }
            }
          }
          guard !group.isEmpty else { throw WaveRowDecoder.unexpected("no team", file: file, row: number) }
          var team = String(decoding: group, as: UTF8.self)
          if let codes {
            guard let nameBytes = reader.field(), let valueBytes = reader.field() else {
              throw WaveRowDecoder.unexpected("a record cut short", file: file, row: number)
            }
            let names = try WaveRowDecoder.texts(nameBytes, file: file, row: number)
            let values = try WaveRowDecoder.texts(valueBytes, file: file, row: number)
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
          batch.teams.append(id)
          batch.lines.append(Int32(clamping: number))
          if keepsIdentity { batch.respondents.append("response \(number)") }
        }
      }
      batch.count = piece.count
      batch.rowsRead = piece.count
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

/// Reads the fields of a wave's packed records (PostgreSQL's binary forms), without a
/// decoding step per element: what makes reading a large wave cheap.
enum WaveRowDecoder {
  /// A cell the reader did not expect (a changed query or server); names the row.
  static func unexpected(_ what: String, file: String, row: Int) -> StoreError {
    StoreError(
      kind: .cannotOpen, store: file, message: "response \(row) of the wave came back in an unexpected form (\(what))",
      hint: "check that the database is a Cultivar store of this version (cultivar_migration)")
  }

  /// A response whose `answer_pack` does not read (``AnswerPack/Flaw``): names it by its
  /// place in the read and its id, and says how to have it read from its arrays instead.
  static func badPack(_ flaw: AnswerPack.Flaw, id: UnsafeRawBufferPointer, file: String, row: Int) -> StoreError {
    let hex = id.map { String(format: "%02x", $0) }.joined()
    let what: String
    switch flaw {
    case .version(let byte): what = "a pack of unknown format \(byte)"
    case .cutShort: what = "its bytes end before its last answer"
    case .trailing: what = "bytes after its last answer"
    case .tag(let tag): what = "an unknown value tag \(tag)"
    case .unknownItem(let number): what = "item number \(number), which wave_item does not list for its wave"
    }
    return StoreError(
      kind: .cannotOpen, store: file, message: "response \(row) of the wave (id \\x\(hex)) has an answer_pack that does not read (\(what))",
      hint:
        "it was not written by Cultivar; clear it (UPDATE response SET answer_pack = NULL WHERE id = '\\x\(hex)') and its answers are read from answer_items and answer_values"
    )
  }

  /// A `text[]` in binary form as strings.
  static func texts(_ bytes: UnsafeRawBufferPointer, file: String, row: Int) throws -> [String] {
    var reader = BigEndianReader(bytes)
    guard let count = reader.arrayCount(of: PostgresDataType.text.rawValue) else { throw unexpected("not a text[]", file: file, row: row) }
    var strings: [String] = []
    strings.reserveCapacity(count)
    for _ in 0..<count {
      guard let element = reader.element() else { throw unexpected("not a text[]", file: file, row: row) }
      strings.append(String(decoding: element, as: UTF8.self))
    }
    return strings
  }

  /// Writes the answers of one response into `values[base + slot]`: `packed` is the
  /// `text[]` of the items answered then the `float8[]` of their values (the same length),
  /// in binary form, or the values alone when the items are `reference` (the server left them
  /// out); answers to items without a slot are left out.
  static func answers(
    _ packed: UnsafeRawBufferPointer, reference: UnsafeRawBufferPointer, slots: inout ItemSlots, into values: UnsafeMutableBufferPointer<Double>,
    at base: Int, file: String, row: Int
  ) throws {
    var itemReader = BigEndianReader(packed)
    var valueReader: BigEndianReader
    let count: Int
    if itemsLeftOut(packed) {
      valueReader = itemReader
      guard let length = valueReader.arrayCount(of: PostgresDataType.float8.rawValue) else {
        throw unexpected("no float8[] of values", file: file, row: row)
      }
      // No values: no items either (the first page leaves out empty lists).
      if length == 0 { return }
      itemReader = BigEndianReader(reference)
      guard itemReader.arrayCount(of: PostgresDataType.text.rawValue) == length else {
        throw unexpected("values for \(length) items left out, not for the reference list", file: file, row: row)
      }
      count = length
    } else {
      guard let length = itemReader.arrayCount(of: PostgresDataType.text.rawValue) else {
        throw unexpected("no text[] of items", file: file, row: row)
      }
      // The values follow the items: skip to them, then read both side by side.
      valueReader = itemReader
      for _ in 0..<length {
        guard valueReader.element() != nil else { throw unexpected("an empty item", file: file, row: row) }
      }
      guard valueReader.arrayCount(of: PostgresDataType.float8.rawValue) == length else {
        throw unexpected("not a float8[] as long as the items", file: file, row: row)
      }
      count = length
    }
    for position in 0..<count {
      guard let item = itemReader.element(), valueReader.uint32() == 8, let bits = valueReader.uint64() else {
        throw unexpected("an empty answer", file: file, row: row)
      }
      if let slot = slots.slot(of: item, at: position) { values[base + slot] = Double(bitPattern: bits) }
    }
  }

  /// Whether the server left out a response's items: its answers start with the `float8[]`
  /// of the values (a binary array's element type is its third word).
  static func itemsLeftOut(_ packed: UnsafeRawBufferPointer) -> Bool {
    packed.count >= 12 && UInt32(bigEndian: packed.loadUnaligned(fromByteOffset: 8, as: UInt32.self)) == PostgresDataType.float8.rawValue
  }

  /// The list of items most responses of `page` answered (the first of them on a tie), in
  /// binary form and as strings; nil when no response lists its items. `fields` per record,
  /// the answers the second.
  static func commonItems(_ page: PackedPages.Page, fields: Int, file: String) throws -> (bytes: ByteBuffer, items: [String])? {
    var counts: [ArraySlice<UInt8>: Int] = [:]
    var best: (bytes: ArraySlice<UInt8>, count: Int)?
    let all = Array(page.bytes.readableBytesView)
    try all.withUnsafeBytes { raw in
      var reader = BigEndianReader(raw)
      for r in 0..<page.count {
        guard reader.skip(PackedRecord.idLength), reader.field() != nil, let answers = reader.field() else {
          throw unexpected("a record cut short", file: file, row: r + 1)
        }
        for _ in 2..<max(2, fields) { _ = reader.field() }
        guard !AnswerPack.isPack(answers), !itemsLeftOut(answers) else { continue }
        var items = BigEndianReader(answers)
        guard let count = items.arrayCount(of: PostgresDataType.text.rawValue) else { throw unexpected("no text[] of items", file: file, row: r + 1) }
        for _ in 0..<count { _ = items.element() }
        let start = answers.baseAddress! - raw.baseAddress!
        let key = all[start..<start + items.offset]
        let seen = counts[key, default: 0] + 1
        counts[key] = seen
        if seen > best?.count ?? 0 { best = (key, seen) }
      }
    }
    guard let best else { return nil }
    let bytes = Array(best.bytes)
    let items = try bytes.withUnsafeBytes { try texts($0, file: file, row: 1) }
    return (ByteBuffer(bytes: bytes), items)
  }
}

/// Finds the value slot of an item given as raw UTF-8 bytes, without making a string: each
/// position in a response's list of items is first tried against the slot found there in the
/// previous response (responses of a wave mostly answer the same items in the same order),
/// then against every item. An item listed twice gets its first slot, as SQLite's reader.
struct ItemSlots {
  private let items: [[UInt8]]
  /// Each item's length, and its first 8 bytes as one word (zero-padded): items of up to 8
  /// bytes (`sv1`) compare in two loads, without touching `items` or calling `memcmp`.
  private let lengths: [Int]
  private let words: [UInt64]
  /// Per position in a response's list: the slot found there last.
  private var guesses: [Int] = []

  init(_ itemIDs: [String]) {
    items = itemIDs.map { Array($0.utf8) }
    lengths = items.map(\.count)
    words = items.map { bytes in bytes.withUnsafeBytes { Self.word($0) } }
  }

  /// The slot of `item`, the `position`-th answer of its response; nil when it has none.
  mutating func slot(of item: UnsafeRawBufferPointer, at position: Int) -> Int? {
    let word = Self.word(item)
    if position < guesses.count, case let guess = guesses[position], guess >= 0, equal(guess, item, word) { return guess }
    guard let found = lengths.indices.first(where: { equal($0, item, word) }) else { return nil }
    while guesses.count <= position { guesses.append(-1) }
    guesses[position] = found
    return found
  }

  /// The first 8 bytes of `bytes` as a word, zero-padded.
  @inline(__always) private static func word(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
    var word: UInt64 = 0
    let count = min(8, bytes.count)
    if count > 0 { withUnsafeMutableBytes(of: &word) { $0.baseAddress!.copyMemory(from: bytes.baseAddress!, byteCount: count) } }
    return word
  }

  @inline(__always) private func equal(_ index: Int, _ item: UnsafeRawBufferPointer, _ word: UInt64) -> Bool {
    guard lengths[index] == item.count, words[index] == word else { return false }
    guard item.count > 8 else { return true }
    return items[index].withUnsafeBytes { memcmp($0.baseAddress! + 8, item.baseAddress! + 8, item.count - 8) == 0 }
  }
}

/// Reads big-endian integers from raw bytes (the wire format), checking the length.
struct BigEndianReader {
  private let bytes: UnsafeRawBufferPointer
  /// How many bytes have been read.
  private(set) var offset = 0

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

  /// Moves past `count` bytes; false when fewer are left.
  mutating func skip(_ count: Int) -> Bool {
    guard offset + count <= bytes.count else { return false }
    offset += count
    return true
  }

  /// The next field of a packed record: a 4-byte length, then that many bytes.
  mutating func field() -> UnsafeRawBufferPointer? { element() }

  /// The next element of a binary array of variable-length values; nil for NULL or too short.
  mutating func element() -> UnsafeRawBufferPointer? {
    guard let length = uint32(), length != UInt32.max, offset + Int(length) <= bytes.count else { return nil }
    defer { offset += Int(length) }
    return UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + Int(length)])
  }
}
