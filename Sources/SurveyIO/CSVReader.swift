import Foundation

/// A streaming RFC 4180 CSV reader working on bytes: it reads the file in blocks, splits
/// records and fields without creating strings, and knows the line of every record.
///
/// Written by hand because it is the hot loop of scoring (a million rows must not allocate a
/// string per cell) and because errors must name the exact line and column.
public final class CSVReader {
  /// A field of the current record: its bytes (unquoted) and whether it was quoted.
  public struct Field {
    public let bytes: UnsafeBufferPointer<UInt8>
    /// The field's text.
    public var string: String { String(decoding: bytes, as: UTF8.self) }
    public var isEmpty: Bool { bytes.isEmpty }
  }

  /// A malformed record.
  public struct SyntaxError: Error, Equatable {
    public let line: Int
    public let column: Int
    public let message: String
  }

  private let handle: FileHandle?
  private var data: [UInt8]
  private var start = 0
  private var atEOF = false
  private var record: [UInt8] = []
  private var fieldEnds: [Int] = []
  /// The line on which the current record starts (1-based).
  public private(set) var line = 0
  private var nextLine = 1
  private let blockSize: Int
  /// The field separator (a comma, or a tab for TSV files).
  private let delimiter: UInt8
  /// Bytes dropped from the front of the buffer so far.
  private var dropped = 0

  /// Opens a file for reading. A UTF-8 byte-order mark is skipped.
  /// - Parameter delimiter: the field separator, `,` (CSV) or a tab (TSV).
  public init(path: String, delimiter: UInt8 = UInt8(ascii: ","), blockSize: Int = 1 << 20) throws {
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path])
    }
    self.handle = handle
    self.data = []
    self.blockSize = blockSize
    self.delimiter = delimiter
    fill()
    skipByteOrderMark()
  }

  /// Reads from bytes in memory (tests, small inputs).
  public init(bytes: [UInt8], delimiter: UInt8 = UInt8(ascii: ",")) {
    handle = nil
    data = bytes
    atEOF = true
    blockSize = 0
    self.delimiter = delimiter
    skipByteOrderMark()
  }

  /// How many bytes of the input have been consumed (for progress reports).
  public var bytesConsumed: Int { dropped + start }

  deinit { try? handle?.close() }

  private func skipByteOrderMark() {
    if data.count >= 3, data[0] == 0xEF, data[1] == 0xBB, data[2] == 0xBF { start = 3 }
  }

  /// Appends the next block to the buffer, dropping what has been consumed.
  private func fill() {
    guard let handle, !atEOF else { return }
    if start > 0 {
      data.removeSubrange(0..<start)
      dropped += start
      start = 0
    }
    let chunk = handle.readData(ofLength: blockSize)
    if chunk.isEmpty { atEOF = true } else { data.append(contentsOf: chunk) }
  }

  /// Makes sure `data[i]` exists, reading the next block if needed (which moves `i` along
  /// with the buffer). Returns false at the end of the file.
  private func available(_ i: inout Int) -> Bool {
    while i >= data.count {
      if atEOF { return false }
      let offset = i - start
      fill()
      i = start + offset
    }
    return true
  }

  /// Moves to the next record. Returns false at the end of the file.
  /// - Throws: ``SyntaxError`` for an unterminated quote or text after a closing quote.
  public func next() throws -> Bool {
    record.removeAll(keepingCapacity: true)
    fieldEnds.removeAll(keepingCapacity: true)
    line = nextLine
    var i = start
    guard available(&i) else { return false }
    var quoted = false
    var fieldStart = true
    var column = 1
    let quote = UInt8(ascii: "\""), comma = delimiter, lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
    scan: while available(&i) {
      let byte = data[i]
      i += 1
      if quoted {
        if byte != quote {
          if byte == lf { nextLine += 1 }
          record.append(byte)
        } else if available(&i), data[i] == quote {
          record.append(quote)
          i += 1
        } else {
          quoted = false
          if available(&i), !isDelimiter(data[i]) {
            throw SyntaxError(line: line, column: column, message: "unexpected text after the closing quote of field \(column)")
          }
        }
        continue
      }
      switch byte {
      case quote where fieldStart:
        quoted = true
        fieldStart = false
      case comma:
        fieldEnds.append(record.count)
        column += 1
        fieldStart = true
      case lf, cr:
        if byte == cr, available(&i), data[i] == lf { i += 1 }
        nextLine += 1
        break scan
      default:
        fieldStart = false
        record.append(byte)
      }
    }
    if quoted {
      throw SyntaxError(line: line, column: column, message: "a quoted field is not closed before the end of the file")
    }
    fieldEnds.append(record.count)
    start = i
    return true
  }

  private func isDelimiter(_ byte: UInt8) -> Bool {
    byte == delimiter || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
  }

  /// Calls `body` with the fields of the current record.
  func withFields<R>(_ body: (FieldSlices) -> R) -> R {
    let starts = fieldEnds.indices.map { Int32($0 == 0 ? 0 : fieldEnds[$0 - 1]) }
    let ends = fieldEnds.map { Int32($0) }
    return record.withUnsafeBufferPointer { bytes in
      starts.withUnsafeBufferPointer { s in
        ends.withUnsafeBufferPointer { e in
          body(FieldSlices(base: bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!, starts: s.baseAddress!, ends: e.baseAddress!, count: fieldEnds.count))
        }
      }
    }
  }

  /// The number of fields in the current record.
  public var fieldCount: Int { fieldEnds.count }

  /// Whether the current record is an empty line.
  public var isBlankLine: Bool { fieldEnds.count == 1 && record.isEmpty }

  /// Calls `body` with field `index` of the current record.
  public func withField<R>(_ index: Int, _ body: (Field) throws -> R) rethrows -> R {
    let from = index == 0 ? 0 : fieldEnds[index - 1]
    let to = fieldEnds[index]
    return try record.withUnsafeBufferPointer { buffer in
      try body(Field(bytes: UnsafeBufferPointer(rebasing: buffer[from..<to])))
    }
  }

  /// The text of field `index` of the current record.
  public func string(at index: Int) -> String { withField(index) { $0.string } }

  /// All fields of the current record as text.
  public var strings: [String] { (0..<fieldCount).map(string(at:)) }
}
