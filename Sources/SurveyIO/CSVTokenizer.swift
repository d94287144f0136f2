/// The one CSV grammar of Cultivar: every reader (``CSVReader``, ``CSVChunker``,
/// ``ChunkParser``, and through them `score`, `compare`, `plugins run` and `import`) asks it
/// where records and fields begin and end.
///
/// RFC 4180 with these documented tolerances:
/// - a record ends at LF, CRLF or a lone CR (old Mac files); a line break inside a quoted
///   field belongs to the field;
/// - a field is quoted only when its first byte is `"`; a `"` anywhere else in an unquoted
///   field is an ordinary character (`4"` is the text `4"`), as in Python's `csv` module;
/// - an empty line (no byte before its line break) is not a record;
/// - a UTF-8 byte-order mark before the first record is skipped (by the readers).
///
/// Errors (as Python's `csv` with `strict=True`): text after the closing quote of a field
/// (`"a"b`), and a quoted field still open at the end of the input.
public struct CSVTokenizer: Sendable {
  /// The field separator: a comma, or a tab for TSV files.
  public let delimiter: UInt8

  public init(delimiter: UInt8 = UInt8(ascii: ",")) {
    self.delimiter = delimiter
  }

  static let quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")

  /// What one scan found at a position.
  enum Step: Equatable {
    /// A record: it ends before `next`, spans `lineBreaks` line breaks (its own terminator
    /// included), and its fields are in ``CSVFields`` (in place, or copied when quoted).
    case record(next: Int, lineBreaks: Int)
    /// An empty line: skip to `next`.
    case blank(next: Int)
    /// The record goes past the end of the bytes given and more input is coming.
    case incomplete
    /// A malformed record: `lineBreaks` line breaks into it, in field `field` (1-based), and
    /// how to fix it.
    case malformed(lineBreaks: Int, field: Int, message: String, hint: String = CSVReader.SyntaxError.quoting)
  }

  /// Scans the record starting at `from` (which must be `< bytes.count`) into `fields`.
  /// - Parameter atEnd: whether the input ends with these bytes (otherwise a record that
  ///   reaches their end is ``Step/incomplete``).
  @inline(__always)
  func scan(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, atEnd: Bool, into fields: CSVFields) -> Step {
    let step = scanRecord(bytes, from: from, atEnd: atEnd, into: fields)
    // Field bounds are 32-bit offsets into the record.
    if case .record(let next, _) = step {
      if next - from > Int(Int32.max) { return .malformed(lineBreaks: 0, field: 1, message: "the record is longer than 2 GiB") }
      if UTF8Check.hasHighBytes(bytes, from: from, to: next), let bad = fields.with(scanned: bytes, { UTF8Check.firstBadField($0) }) {
        return .malformed(lineBreaks: 0, field: bad.field, message: bad.message, hint: CSVReader.SyntaxError.encoding)
      }
    }
    return step
  }

  @inline(__always)
  private func scanRecord(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, atEnd: Bool, into fields: CSVFields) -> Step {
    fields.reset(inPlaceAt: from)
    let delimiter = self.delimiter
    var i = from
    var fieldStart = from
    let count = bytes.count
    var bounds = FieldBoundsWriter(fields.bounds)
    while i < count {
      let byte = bytes[i]
      if byte == delimiter {
        bounds.append(fieldStart - from, i - from)
        i += 1
        fieldStart = i
      } else if byte == Self.lf || byte == Self.cr {
        var next = i + 1
        if byte == Self.cr {
          if next < count {
            if bytes[next] == Self.lf { next += 1 }
          } else if !atEnd {
            return .incomplete
          }
        }
        if i == from { return .blank(next: next) }
        bounds.append(fieldStart - from, i - from)
        bounds.finish()
        return .record(next: next, lineBreaks: 1)
      } else if byte == Self.quote, i == fieldStart {
        return scanCopying(bytes, from: from, atEnd: atEnd, into: fields)
      } else {
        i += 1
      }
    }
    guard atEnd else { return .incomplete }
    bounds.append(fieldStart - from, i - from)
    bounds.finish()
    return .record(next: i, lineBreaks: 0)
  }

  /// The slow path for a record with a quoted field: every field is copied (quoted ones
  /// without their quotes, `""` as `"`) into the fields' own buffer.
  private func scanCopying(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, atEnd: Bool, into fields: CSVFields) -> Step {
    fields.reset(copying: true)
    let count = bytes.count
    var i = from
    var lineBreaks = 0
    var field = 1
    while true {
      // At the start of a field.
      if i < count, bytes[i] == Self.quote {
        i += 1
        quoted: while true {
          guard i < count else {
            return atEnd ? .malformed(lineBreaks: 0, field: field, message: "a quoted field is not closed before the end of the file") : .incomplete
          }
          let byte = bytes[i]
          if byte == Self.quote {
            if i + 1 < count, bytes[i + 1] == Self.quote {
              fields.copy.append(Self.quote)
              i += 2
              continue
            }
            if i + 1 == count, !atEnd { return .incomplete }
            i += 1
            break quoted
          }
          if byte == Self.lf || (byte == Self.cr && !(i + 1 < count && bytes[i + 1] == Self.lf)) { lineBreaks += 1 }
          fields.copy.append(byte)
          i += 1
        }
        if i < count, bytes[i] != delimiter, bytes[i] != Self.lf, bytes[i] != Self.cr {
          return .malformed(lineBreaks: lineBreaks, field: field, message: "unexpected text after the closing quote of field \(field)")
        }
      } else {
        while i < count, bytes[i] != delimiter, bytes[i] != Self.lf, bytes[i] != Self.cr {
          fields.copy.append(bytes[i])
          i += 1
        }
      }
      fields.endCopiedField()
      guard i < count else {
        return atEnd ? .record(next: i, lineBreaks: lineBreaks) : .incomplete
      }
      let byte = bytes[i]
      i += 1
      if byte == delimiter {
        field += 1
        continue
      }
      if byte == Self.cr {
        if i < count {
          if bytes[i] == Self.lf { i += 1 }
        } else if !atEnd {
          return .incomplete
        }
      }
      return .record(next: i, lineBreaks: lineBreaks + 1)
    }
  }

  /// Where the record starting at `from` ends (the start of the next), without looking at
  /// its fields: the cheap scan that ``CSVChunker`` cuts chunks with. Agrees with
  /// ``scan(_:from:atEnd:into:)`` on every record that scan accepts.
  /// - Returns: nil when the record reaches the end of `bytes` and more input is coming.
  func recordEnd(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, atEnd: Bool) -> Int? {
    let count = bytes.count
    var i = from
    var fieldStart = true
    var quoted = false
    while i < count {
      let byte = bytes[i]
      if quoted {
        if byte == Self.quote {
          if i + 1 == count { return atEnd ? count : nil }
          if bytes[i + 1] == Self.quote { i += 1 } else { quoted = false }
        }
      } else if byte == delimiter {
        fieldStart = true
        i += 1
        continue
      } else if byte == Self.lf {
        return i + 1
      } else if byte == Self.cr {
        if i + 1 < count { return bytes[i + 1] == Self.lf ? i + 2 : i + 1 }
        return atEnd ? count : nil
      } else if byte == Self.quote, fieldStart {
        quoted = true
      }
      fieldStart = false
      i += 1
    }
    return atEnd ? count : nil
  }

  /// The number of line breaks in whole records (LF, CRLF and lone CR each count once).
  /// A CR at the very end counts: chunks are never cut between a CR and its LF.
  static func lineBreaks(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
    var count = 0
    var previousCR = false
    for byte in bytes {
      if byte == lf {
        if !previousCR { count += 1 }
        previousCR = false
      } else if byte == cr {
        count += 1
        previousCR = true
      } else {
        previousCR = false
      }
    }
    return count
  }
}

/// The fields of the record a ``CSVTokenizer`` scanned: byte ranges either of the scanned
/// bytes themselves (no quoted field: no copy) or of the copy the tokenizer made.
final class CSVFields {
  let bounds = FieldBounds()
  /// The unquoted bytes of a record that had a quoted field.
  var copy: [UInt8] = []
  /// Whether the fields are in ``copy`` (else in the scanned bytes, from ``origin``).
  private(set) var isCopied = false
  /// Where the record starts in the scanned bytes.
  private(set) var origin = 0
  private var copiedFieldStart = 0

  func reset(inPlaceAt origin: Int) {
    bounds.count = 0
    isCopied = false
    self.origin = origin
  }

  func reset(copying: Bool) {
    bounds.count = 0
    copy.removeAll(keepingCapacity: true)
    copiedFieldStart = 0
    isCopied = copying
  }

  @inline(__always)
  func endCopiedField() {
    bounds.append(copiedFieldStart, copy.count)
    copiedFieldStart = copy.count
  }

  var count: Int { bounds.count }

  /// Whether the record is a single empty field (`""` alone on a line).
  var isSingleEmptyField: Bool { bounds.count == 1 && bounds.starts[0] == bounds.ends[0] }

  /// Calls `body` with the fields; `scanned` must be the bytes the tokenizer scanned.
  @inline(__always)
  func with<R>(scanned: UnsafeBufferPointer<UInt8>, _ body: (FieldSlices) throws -> R) rethrows -> R {
    if isCopied {
      return try copy.withUnsafeBufferPointer { copy in
        try body(FieldSlices(base: copy.baseAddress ?? CSVFields.empty, starts: bounds.starts, ends: bounds.ends, count: bounds.count))
      }
    }
    return try body(
      FieldSlices(base: (scanned.baseAddress ?? CSVFields.empty) + origin, starts: bounds.starts, ends: bounds.ends, count: bounds.count))
  }

  /// A base for empty buffers: every field is then empty, so nothing is read through it.
  static var empty: UnsafePointer<UInt8> { UnsafePointer(bitPattern: 1)! }
}

extension CSVTokenizer {
  /// Calls `body` with the fields and line of every record in `bytes`, a whole number of
  /// records starting on `firstLine` (a chunk): the loop of ``ChunkParser``.
  /// - Throws: ``CSVReader/SyntaxError`` for a malformed record, or what `body` throws.
  @inline(__always)
  func forEachRecord(in bytes: UnsafeBufferPointer<UInt8>, firstLine: Int, fields: CSVFields, _ body: (FieldSlices, Int) throws -> Void) throws {
    var position = 0
    var line = firstLine
    while position < bytes.count {
      switch scan(bytes, from: position, atEnd: true, into: fields) {
      case .blank(let next):
        position = next
        line += 1
      case .record(let next, let lineBreaks):
        try fields.with(scanned: bytes) { try body($0, line) }
        position = next
        line += lineBreaks
      case .malformed(let lineBreaks, let field, let message, let hint):
        throw CSVReader.SyntaxError(line: line + lineBreaks, column: field, message: message, hint: hint)
      case .incomplete:
        throw CSVReader.SyntaxError(line: line, column: 1, message: "the record is cut short")
      }
    }
  }

  /// Every record of a chunk with the line it starts on, as ``ChunkParser`` splits them
  /// (for diagnostics and the fuzz harness, which checks that chunked and sequential
  /// reading agree).
  /// - Throws: ``CSVReader/SyntaxError`` for a malformed record.
  public static func records(in chunk: CSVChunk) throws -> [(line: Int, fields: [String])] {
    var out: [(line: Int, fields: [String])] = []
    try chunk.bytes.withUnsafeBufferPointer { bytes in
      try CSVTokenizer().forEachRecord(in: bytes, firstLine: chunk.firstLine, fields: CSVFields()) { fields, line in
        out.append((line, fields.strings))
      }
    }
    return out
  }
}
